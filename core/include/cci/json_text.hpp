// JSON text ↔ the core's JSON values (nlohmann::json). The core reads and writes
// JSON text only through these two functions, so the wasm module carries neither nlohmann's
// lexer, parser and serializer nor the printf family they use.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cci {

/// The value of a JSON text, or nothing when the text is not JSON: exactly what
/// `nlohmann::json::parse(first, last, nullptr, false)` accepts, and the same value.
/// - RFC 8259 strictly (no comments, no trailing commas, nothing after the value but
///   spaces, tabs, CRs and LFs); one UTF-8 byte order mark may precede the text. As for
///   nlohmann, which reads a NUL byte where a token may start as the end of a C string, a
///   NUL after the value ends the text: whatever follows it is ignored.
/// - Strings are valid UTF-8 with no unescaped character below U+0020; a `\u` escape of a
///   surrogate must be a high one followed by a `\u` escape of a low one.
/// - A number with no fraction or exponent is `number_unsigned` when it is non-negative and
///   fits in 64 bits, `number_integer` when it is negative and fits in int64 (`-0` is the
///   integer 0); any other number is the double `std::strtod` reads (decimal_to_double.hpp),
///   and a text holding one beyond the largest double is rejected.
/// - A key repeated in an object keeps its last value.
/// Time and memory are linear in the text's length at any nesting depth (no recursion).
[[nodiscard]] std::optional<nlohmann::json> parse_json(std::string_view text);

/// The compact JSON text of a value: byte for byte `value.dump(-1, ' ', false,
/// nlohmann::json::error_handler_t::replace)`, which for strings of valid UTF-8 is
/// `value.dump()`. In strings, `"` `\` and control characters are escaped (`\b` `\f` `\n`
/// `\r` `\t`, others as `\u00xx`), everything else is written as it is, except that each
/// maximal run of bytes that is not valid UTF-8 but starts a valid sequence, and each
/// other invalid byte, becomes one U+FFFD. Doubles are written in their shortest
/// round-tripping form (NaN and infinities as `null`). No recursion at any depth.
[[nodiscard]] std::string dump_json(const nlohmann::json& value);

}  // namespace cci
