// The catalogue of every closed id family, for hosts that need the full lists (the JS
// facade's type test, the page's troubleshooting sections, `cci ids`).
#pragma once

#include <nlohmann/json.hpp>

namespace cci {

/// One key per family (`token_kind`, `token_verdict`, `token_code`, `vendor`, `reason`,
/// `transport`, `endpoint`, `stage`, `stage_status`, `skip_cause`, `state`, `event`,
/// `builds_cause`, `ci_target_kind`, `ci_url_error`, `category`, `severity`, `tier`,
/// `input_format`, `log_error`, `rule`): plain families are arrays of ids; table
/// families are arrays of their rows (`id` first, then the table's columns), in table order.
[[nodiscard]] nlohmann::json id_catalog();

}  // namespace cci
