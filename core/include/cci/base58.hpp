// Base58 (Bitcoin alphabet) encoding of 128-bit ids, as CircleCI uses for token middles
// and for `circleci/<org-id>/<project-id>` slugs.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cci {

using Uuid = std::array<std::uint8_t, 16>;

/// The 128-bit big-endian value `text` encodes, or nothing when it has a character outside
/// the alphabet (`0 O I l` included), is empty, or overflows 128 bits. Unpadded: 22
/// characters for most random UUIDs, 21 for ~3%, fewer when leading bytes are zero.
[[nodiscard]] std::optional<Uuid> decode_base58_uuid(std::string_view text) noexcept;

/// The unpadded base58 text of a 128-bit value (inverse of `decode_base58_uuid`).
[[nodiscard]] std::string encode_base58_uuid(const Uuid& uuid);

/// RFC 4122 version 4: version nibble 4 and variant bits `10`.
[[nodiscard]] bool is_uuid_v4(const Uuid& uuid) noexcept;

[[nodiscard]] bool is_base58_char(char c) noexcept;

}  // namespace cci
