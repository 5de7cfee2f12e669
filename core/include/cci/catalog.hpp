// The catalogue of every closed id family, for hosts that need the full lists (the JS
// facade's type test, the page's troubleshooting sections, `cci ids`).
#pragma once

#include <nlohmann/json.hpp>

namespace cci {

/// `{"token_kind": [...], "token_verdict": [...], "token_code": [{id, kind, verdict, message,
/// remedy}], "vendor": [{id, name}]}`; table rows keep the table's order.
[[nodiscard]] nlohmann::json id_catalog();

}  // namespace cci
