// UTF-8 decoding that never fails: what text from the network is turned into before display.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cci {

struct CodePoint {
    std::uint32_t value;  ///< U+FFFD for an invalid sequence
    std::size_t length;   ///< bytes consumed, at least 1
};

inline constexpr std::uint32_t replacement_character = 0xFFFD;

/// The code point starting at byte `pos` (< text.size()). Overlong forms, surrogates,
/// values above U+10FFFF and truncated sequences decode as U+FFFD consuming one byte.
[[nodiscard]] CodePoint decode_utf8(std::string_view text, std::size_t pos) noexcept;

void append_utf8(std::string& out, std::uint32_t code_point);

[[nodiscard]] bool is_valid_utf8(std::string_view text) noexcept;

}  // namespace cci
