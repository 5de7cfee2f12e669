// Redaction of credentials in text that came from elsewhere (response bodies, server messages).
#pragma once

#include <string>
#include <string_view>

namespace cci {

/// The placeholder that replaces each secret.
inline constexpr std::string_view redacted_marker = "[redacted]";

/// `text` with every token-shaped substring replaced by `redacted_marker`: CircleCI tokens
/// (`CCIPAT_…`, `CCIPRJ_…`, any case), runs of 40 or more hex digits (legacy tokens),
/// values of `circle-token=` / `Circle-Token:`, `Bearer`/`Basic` credentials, and other
/// vendors' token shapes (GitHub, GitLab, Bitbucket, Atlassian, Buildkite, AWS key ids,
/// Slack, npm, Docker Hub, PyPI, JWTs). Masked forms such as `CCIPAT_…a1b2` are kept.
/// Total: any bytes in; invalid UTF-8 passes through unchanged outside the matches.
[[nodiscard]] std::string redact_secrets(std::string_view text);

}  // namespace cci
