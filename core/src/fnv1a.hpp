// FNV-1a, 64 bits: a stable hash of bytes, the same on every platform and build. Not for
// secrets or untrusted keys. Private to core/src.
#pragma once

#include <cstdint>
#include <string_view>

namespace cci {

inline constexpr std::uint64_t fnv1a_basis = 0xcbf29ce484222325u;

/// The hash of `bytes`, continuing from `hash` (so that pieces can be hashed in turn).
[[nodiscard]] constexpr std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = fnv1a_basis) noexcept {
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3u;
    }
    return hash;
}

}  // namespace cci
