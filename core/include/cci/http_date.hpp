// HTTP-date (RFC 9110 §5.6.7): the three forms servers send in `Date` and `Retry-After`.
#pragma once

#include <optional>
#include <string_view>

#include "cci/timestamp.hpp"

namespace cci {

/// Reads `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate), `Sunday, 06-Nov-94 08:49:37 GMT`
/// (RFC 850; two-digit years are 19xx/20xx, whichever is nearer to 2000–2069 → 20xx) and
/// `Sun Nov  6 08:49:37 1994` (asctime). Month and day names are case-insensitive; the
/// weekday is not checked against the date. nullopt for anything else.
[[nodiscard]] std::optional<EpochMs> parse_http_date(std::string_view text) noexcept;

}  // namespace cci
