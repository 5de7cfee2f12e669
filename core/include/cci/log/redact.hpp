// Secret redaction for every text the log analysis returns.
#pragma once

#include <string>
#include <string_view>

namespace cci::log {

/// Replaces secrets in `text` with `[REDACTED:<kind>]`. Kinds: `circleci_token`
/// (`CCIPAT_`/`CCIPRJ_`), `circleci_legacy_token` (40 hex within 40 characters after
/// "circle"), `github_token`, `gitlab_token`, `slack_token`, `slack_webhook`,
/// `aws_access_key`, `aws_secret_key`, `jwt`, `authorization` (the value of an
/// `Authorization:` header, its scheme kept), `circle_token` (a `Circle-Token:` header or
/// `circle-token=` parameter), `password` and `token` (query or `key=value` parameters, URL
/// user-info passwords). Text without any trigger word is returned unchanged cheaply.
[[nodiscard]] std::string redact(std::string_view text);

}  // namespace cci::log
