// What `cci connect` and `cci logs` share: the token (from CIRCLECI_TOKEN or stdin, never
// from argv), the API host, the clock and waiting.
#pragma once

#include <optional>
#include <string>

#include "cci/timestamp.hpp"

namespace cci::native {

/// CIRCLECI_TOKEN when set and not empty; otherwise a secret read from stdin (prompted on a
/// terminal). nullopt when stdin holds more than a token could.
[[nodiscard]] std::optional<std::string> read_token();

/// `scheme://host[:port]` of an http(s) URL given with `--host` (a path is ignored); nullopt
/// for anything else.
[[nodiscard]] std::optional<std::string> api_host(const std::string& text);

[[nodiscard]] EpochMs wall_clock_ms();

void sleep_ms(EpochMs ms);

}  // namespace cci::native
