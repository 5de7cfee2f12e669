// Diagnosis reasons: one closed enum and its one table (id, message, remedy, retryable).
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace cci {

/// Why a CircleCI request ended the way it did. Ids are contracts (JSON, JS, CLI, docs);
/// order is the table's.
enum class Reason {
    ok,                            ///< the request succeeded and the body is what the endpoint returns
    token_invalid,                 ///< 401: the token was rejected
    token_expired_or_revoked,      ///< 401 after this connection had succeeded before
    token_is_project_token,        ///< a project token (401/403/404): API v2 needs a personal token
    token_legacy_format_rejected,  ///< 401 "New format tokens are needed…": a pre-2023 40-hex token
    auth_method_deprecated,        ///< 401 about query-parameter authentication: a client bug
    permission_denied,             ///< 403: authenticated, but not allowed
    not_found_or_no_access,        ///< 404: wrong slug, no access to a private project, or revoked token
    rate_limited,                  ///< 429: throttled; the token was not rejected
    server_error,                  ///< 5xx: CircleCI or a proxy in front of it failed
    network_unreachable,           ///< DNS, connection refused/reset, or the device is offline
    tls_error,                     ///< the TLS handshake or certificate check failed
    timeout,                       ///< no complete answer in time
    browser_blocked,               ///< the browser refused the request (CORS, mixed content, extension)
    unexpected_response,           ///< an answer that is not what the endpoint returns (e.g. `/me` without `id`)
    unknown,                       ///< anything else (other 4xx, aborted requests)
};

inline constexpr std::size_t reason_count = 16;

struct ReasonInfo {
    Reason reason;
    std::string_view id;
    std::string_view message;  ///< one sentence for the status line
    std::string_view remedy;   ///< what the user can do about it
    bool retryable;            ///< whether repeating the same request later can succeed
};

/// The table, indexed by the enum's value.
[[nodiscard]] const std::array<ReasonInfo, reason_count>& reason_table() noexcept;
[[nodiscard]] const ReasonInfo& info(Reason reason) noexcept;
[[nodiscard]] inline std::string_view id(Reason reason) noexcept { return info(reason).id; }
[[nodiscard]] std::optional<Reason> parse_reason(std::string_view id) noexcept;

}  // namespace cci
