// Reading secrets and documents from standard input (never from argv).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace cci::native {

/// All of stdin, or nothing when it holds more than `limit` bytes.
[[nodiscard]] std::optional<std::string> read_stdin(std::size_t limit);

/// A secret from stdin: on a terminal, prompts on stderr and reads one line without echo;
/// otherwise reads all of stdin (at most `limit` bytes).
[[nodiscard]] std::optional<std::string> read_secret(const char* prompt, std::size_t limit);

}  // namespace cci::native
