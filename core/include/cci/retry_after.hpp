// How long a throttled or failing server asks the client to wait, from the response headers.
#pragma once

#include <cstdint>
#include <optional>

#include "cci/headers.hpp"
#include "cci/timestamp.hpp"

namespace cci {

/// Longest wait reported, in seconds; larger values are clamped to it.
inline constexpr std::int64_t max_retry_after_s = 24 * 60 * 60;

/// The wait in whole seconds (rounded up) asked for by `Retry-After` (delta-seconds or an
/// HTTP-date), `RateLimit-Reset` and `X-RateLimit-Reset` (seconds until the window resets;
/// a value of 10^9 or more is read as a Unix time, as some proxies send). Names are
/// case-insensitive; when several are usable the longest wait wins. Absolute times are
/// relative to the response's `Date` header, else to `now`; without either they are not
/// usable. Times in the past give 0. nullopt when no header is usable.
[[nodiscard]] std::optional<std::int64_t> retry_after_seconds(const Headers& headers,
                                                              std::optional<EpochMs> now);

}  // namespace cci
