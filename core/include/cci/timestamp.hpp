// Points in time as milliseconds since the Unix epoch, and their RFC 3339 UTC text form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cci {

/// Milliseconds since 1970-01-01T00:00:00Z (UTC, no leap seconds).
using EpochMs = std::int64_t;

inline constexpr EpochMs ms_per_second = 1000;
inline constexpr EpochMs ms_per_minute = 60 * ms_per_second;
inline constexpr EpochMs ms_per_hour = 60 * ms_per_minute;
inline constexpr EpochMs ms_per_day = 24 * ms_per_hour;

/// A UTC calendar time; fields are in their usual ranges (month 1–12, day 1–31, …).
struct CivilTime {
    int year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millisecond = 0;
};

/// The instant of a calendar time; nullopt when a field is out of range (e.g. 31 April)
/// or the year is outside 0000–9999.
[[nodiscard]] std::optional<EpochMs> epoch_ms(const CivilTime& time) noexcept;

/// The calendar time of an instant (proleptic Gregorian, UTC).
[[nodiscard]] CivilTime civil_time(EpochMs time) noexcept;

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`, always with milliseconds, so that `parse_rfc3339` gives the
/// same value back for every year 0000–9999. A year after 9999 has all its digits, one
/// before 0000 a minus sign and at least three digits (`-001`); neither reads back.
[[nodiscard]] std::string format_rfc3339(EpochMs time);

/// Reads an RFC 3339 date-time (`T` or space, any fraction digits truncated to ms, `Z` or a
/// `±HH:MM` offset). nullopt for anything else.
[[nodiscard]] std::optional<EpochMs> parse_rfc3339(std::string_view text) noexcept;

}  // namespace cci
