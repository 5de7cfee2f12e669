#include "cci/base58.hpp"

#include <algorithm>

namespace cci {
namespace {

constexpr std::string_view alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

constexpr std::array<signed char, 256> digits = [] {
    std::array<signed char, 256> table{};
    for (auto& d : table) d = -1;
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        table[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
    return table;
}();

int digit_of(char c) noexcept { return digits[static_cast<unsigned char>(c)]; }

}  // namespace

bool is_base58_char(char c) noexcept { return digit_of(c) >= 0; }

std::optional<Uuid> decode_base58_uuid(std::string_view text) noexcept {
    if (text.empty()) return std::nullopt;
    Uuid value{};
    for (const char c : text) {
        const int digit = digit_of(c);
        if (digit < 0) return std::nullopt;
        unsigned carry = static_cast<unsigned>(digit);
        for (auto byte = value.rbegin(); byte != value.rend(); ++byte) {
            carry += static_cast<unsigned>(*byte) * 58U;
            *byte = static_cast<std::uint8_t>(carry & 0xFFU);
            carry >>= 8U;
        }
        if (carry != 0) return std::nullopt;
    }
    return value;
}

std::string encode_base58_uuid(const Uuid& uuid) {
    Uuid value = uuid;
    std::string out;
    while (std::any_of(value.begin(), value.end(), [](std::uint8_t b) { return b != 0; })) {
        unsigned remainder = 0;
        for (auto& byte : value) {
            const unsigned acc = (remainder << 8U) | byte;
            byte = static_cast<std::uint8_t>(acc / 58U);
            remainder = acc % 58U;
        }
        out.push_back(alphabet[remainder]);
    }
    if (out.empty()) out.push_back(alphabet[0]);
    std::reverse(out.begin(), out.end());
    return out;
}

bool is_uuid_v4(const Uuid& uuid) noexcept {
    return (uuid[6] & 0xF0U) == 0x40U && (uuid[8] & 0xC0U) == 0x80U;
}

}  // namespace cci
