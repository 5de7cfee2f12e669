// Base64 (RFC 4648 §4, standard alphabet) for bodies that are not valid UTF-8 in JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cci {

/// Padded base64 of any bytes.
[[nodiscard]] std::string base64_encode(std::string_view bytes);

/// The bytes of base64 text, padded or not; ASCII whitespace is skipped and the URL-safe
/// `-`/`_` are accepted. nullopt on any other character or a dangling single character.
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);

}  // namespace cci
