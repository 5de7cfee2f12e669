// Test-only generator of well-formed (but never real) CircleCI tokens.
#pragma once

#include <cstdint>
#include <random>
#include <string>

#include "cci/base58.hpp"

namespace cci::testing {

/// A random RFC 4122 v4 UUID; `first_byte`, when given, fixes byte 0 (small values give
/// 21-character base58 forms).
inline Uuid random_v4(std::mt19937_64& rng, int first_byte = -1) {
    Uuid u{};
    for (auto& b : u) b = static_cast<std::uint8_t>(rng() & 0xFFU);
    if (first_byte >= 0) u[0] = static_cast<std::uint8_t>(first_byte);
    u[6] = static_cast<std::uint8_t>((u[6] & 0x0FU) | 0x40U);
    u[8] = static_cast<std::uint8_t>((u[8] & 0x3FU) | 0x80U);
    return u;
}

inline std::string random_hex(std::mt19937_64& rng, std::size_t length) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < length; ++i) out.push_back(digits[rng() % 16]);
    return out;
}

/// `CCIPAT_<base58 v4 UUID>_<40 hex>` (or another prefix) with a middle of exactly
/// `middle_length` (21 or 22) characters.
inline std::string make_token(std::mt19937_64& rng, std::size_t middle_length, const std::string& prefix = "CCIPAT_") {
    for (;;) {
        const auto middle = encode_base58_uuid(random_v4(rng, middle_length == 21 ? 1 : -1));
        if (middle.size() == middle_length) return prefix + middle + "_" + random_hex(rng, 40);
    }
}

}  // namespace cci::testing
