// Error classification: one outcome in, exactly one reason with one remedy out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "cci/identity.hpp"
#include "cci/outcome.hpp"
#include "cci/reason.hpp"

namespace cci {

struct Diagnosis {
    Reason reason = Reason::unknown;
    bool retryable = false;                     ///< the reason's table value
    std::optional<std::int64_t> retry_after_s;  ///< only for rate_limited and server_error
    std::optional<std::string> server_message;  ///< CircleCI's own words, redacted (see ResponseBody)
    std::string message;                        ///< the reason's table message
    std::string remedy;                         ///< the reason's table remedy
    std::optional<Identity> identity;           ///< only for ok on `/me`
};

/// Decides on transport and status first, then on the body's structure, and on CircleCI's
/// text only to refine a 401 (legacy-format and query-parameter-auth wording):
/// - transport dns/connect/offline → network_unreachable, tls → tls_error, timeout → timeout,
///   browser_blocked → browser_blocked, aborted/other → unknown;
/// - 2xx → ok when the body is what the endpoint returns (`/me`: an object with a non-empty
///   `id`, giving `identity`; collaborations: an array; pipelines: `{items: []}`; other
///   API endpoints: JSON; step output: JSON array or text), else unexpected_response;
/// - a project token (`token_kind`) with 401/403/404 → token_is_project_token;
/// - 401 → token_legacy_format_rejected / auth_method_deprecated by wording, else
///   token_expired_or_revoked when `previously_connected`, else token_invalid;
/// - 403 → permission_denied; 404 → not_found_or_no_access (on the fixed paths `/me` and
///   `/me/collaborations`: unexpected_response, the host is not CircleCI's API);
/// - 429 → rate_limited (on `/me`: authenticated but throttled); 5xx → server_error;
/// - other 4xx → unknown with the server's message; anything else → unexpected_response.
/// Total and deterministic: any outcome in, a value out.
[[nodiscard]] Diagnosis classify(const Outcome& outcome);

/// A diagnosis carrying only `reason`'s table values.
[[nodiscard]] Diagnosis diagnosis_for(Reason reason);

/// `{reason, retryable, retry_after_s, server_message, message, remedy, identity}`, absent
/// optionals as null.
[[nodiscard]] nlohmann::json to_json(const Diagnosis& diagnosis);

}  // namespace cci
