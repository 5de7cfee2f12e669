#include "cci/reason.hpp"

namespace cci {
namespace {

constexpr std::string_view create_personal_token =
    "Create a Personal API Token in CircleCI under User Settings → Personal API Tokens, and paste it here.";

constexpr std::array<ReasonInfo, reason_count> table{{
    {Reason::ok, "ok", "CircleCI accepted the token.", "Nothing to do.", false},
    {Reason::token_invalid, "token_invalid", "CircleCI rejected the token: it is wrong, expired or revoked.",
     "Check that you copied the whole token. If it still fails, create a new Personal API Token in CircleCI "
     "under User Settings → Personal API Tokens, and paste it here.",
     false},
    {Reason::token_expired_or_revoked, "token_expired_or_revoked",
     "CircleCI no longer accepts this token, which worked before: it has expired or was revoked.",
     create_personal_token, false},
    {Reason::token_is_project_token, "token_is_project_token",
     "This is a CircleCI project token. Project tokens don't work with CircleCI API v2, which this "
     "integration uses.",
     create_personal_token, false},
    {Reason::token_legacy_format_rejected, "token_legacy_format_rejected",
     "CircleCI rejected this token because it is in the old format (created before July 2023).",
     "Create a new Personal API Token in CircleCI under User Settings → Personal API Tokens (new tokens start "
     "with CCIPAT_), and paste it here.",
     false},
    {Reason::auth_method_deprecated, "auth_method_deprecated",
     "CircleCI refused the way the token was sent (as a URL query parameter), not the token itself.",
     "This is a bug in the integration: report it. The token may have been written to server logs; consider "
     "revoking it and creating a new one.",
     false},
    {Reason::permission_denied, "permission_denied",
     "CircleCI accepted the token but denied access to this resource.",
     "Make sure the token's user is a member of the organization and can see the project, or use a token of a "
     "user who can.",
     false},
    {Reason::not_found_or_no_access, "not_found_or_no_access",
     "CircleCI did not find this resource: it does not exist, or the token's user cannot see it.",
     "Check the project slug (e.g. gh/org/repo, or circleci/<org-id>/<project-id> for GitHub App and GitLab "
     "projects) and that the token's user has access to the project.",
     false},
    {Reason::rate_limited, "rate_limited",
     "CircleCI is rate-limiting requests. The token was not rejected.",
     "Wait, then try again; this retries automatically.", true},
    {Reason::server_error, "server_error", "CircleCI is having trouble answering right now.",
     "Try again in a few minutes. If it persists, check https://status.circleci.com.", true},
    {Reason::network_unreachable, "network_unreachable", "CircleCI could not be reached over the network.",
     "Check the internet connection, proxy and firewall, and the CircleCI host name (for CircleCI Server, your "
     "own host); then try again.",
     true},
    {Reason::tls_error, "tls_error", "A secure connection to CircleCI could not be established.",
     "Check the system clock and any proxy that inspects HTTPS traffic; for CircleCI Server, check the "
     "server's certificate.",
     false},
    {Reason::timeout, "timeout", "CircleCI did not answer in time.", "Try again in a moment.", true},
    {Reason::browser_blocked, "browser_blocked",
     "The browser blocked the request to CircleCI (cross-origin or mixed-content rules, or an extension).",
     "Disable extensions that block requests for this page, or connect from the server side; then try again.",
     false},
    {Reason::unexpected_response, "unexpected_response",
     "The answer did not look like CircleCI's API (for example a login or proxy page).",
     "Check the CircleCI host address and any proxy or captive portal in between; then try again.", true},
    {Reason::unknown, "unknown", "The request to CircleCI failed for an unexpected reason.",
     "Try again. If it keeps failing, note CircleCI's message shown here and contact support.", true},
}};

}  // namespace

const std::array<ReasonInfo, reason_count>& reason_table() noexcept { return table; }

const ReasonInfo& info(Reason reason) noexcept { return table[static_cast<std::size_t>(reason)]; }

std::optional<Reason> parse_reason(std::string_view id) noexcept {
    for (const auto& entry : table)
        if (entry.id == id) return entry.reason;
    return std::nullopt;
}

}  // namespace cci
