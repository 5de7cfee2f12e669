// Whether a token may be sent to CircleCI at all: a token whose shape check blocks stops
// before any request, with the reason a request would have ended in.
#pragma once

#include <optional>

#include "cci/reason.hpp"
#include "cci/token.hpp"

namespace cci {

/// nullopt when the check lets the token be sent (verdict ok or warn); otherwise the reason:
/// token_is_project_token for project tokens (`CCIPRJ_…`, badge tokens), token_invalid for
/// every other blocked paste (empty, foreign, malformed, a personal token from a badge URL).
[[nodiscard]] std::optional<Reason> token_gate(const TokenCheck& check) noexcept;

}  // namespace cci
