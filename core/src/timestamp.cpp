#include "cci/timestamp.hpp"

#include <array>
#include <charconv>

namespace cci {
namespace {

bool is_leap(std::int64_t year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(std::int64_t year, int month) noexcept {
    constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[static_cast<std::size_t>(month - 1)];
}

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
std::int64_t days_from_civil(std::int64_t y, int m, int d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// `value` (>= 0) in decimal, with leading zeros to at least `width` digits.
void append_padded(std::string& out, std::int64_t value, std::size_t width) {
    std::array<char, 20> digits{};
    const char* end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
    const auto length = static_cast<std::size_t>(end - digits.data());
    if (length < width) out.append(width - length, '0');
    out.append(digits.data(), length);
}

bool digits(std::string_view text, std::size_t pos, std::size_t count, int& out) noexcept {
    if (pos + count > text.size()) return false;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

}  // namespace

std::optional<EpochMs> epoch_ms(const CivilTime& t) noexcept {
    if (t.year < 0 || t.year > 9999 || t.month < 1 || t.month > 12 || t.day < 1 ||
        t.day > days_in_month(t.year, t.month) || t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 ||
        t.second < 0 || t.second > 59 || t.millisecond < 0 || t.millisecond > 999)
        return std::nullopt;
    const std::int64_t days = days_from_civil(t.year, t.month, t.day);
    return days * ms_per_day + t.hour * ms_per_hour + t.minute * ms_per_minute + t.second * ms_per_second +
           t.millisecond;
}

CivilTime civil_time(EpochMs time) noexcept {
    const std::int64_t z = floor_div(time, ms_per_day) + 719468;
    const std::int64_t in_day = time - floor_div(time, ms_per_day) * ms_per_day;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    CivilTime out;
    out.year = static_cast<int>(y);
    out.month = static_cast<int>(m);
    out.day = static_cast<int>(d);
    out.hour = static_cast<int>(in_day / ms_per_hour);
    out.minute = static_cast<int>(in_day % ms_per_hour / ms_per_minute);
    out.second = static_cast<int>(in_day % ms_per_minute / ms_per_second);
    out.millisecond = static_cast<int>(in_day % ms_per_second);
    return out;
}

std::string format_rfc3339(EpochMs time) {
    const CivilTime t = civil_time(time);
    std::string out;
    if (t.year < 0) {
        out += '-';
        append_padded(out, -std::int64_t{t.year}, 3);
    } else {
        append_padded(out, t.year, 4);
    }
    const auto field = [&out](char separator, int value, std::size_t width) {
        out += separator;
        append_padded(out, value, width);
    };
    field('-', t.month, 2);
    field('-', t.day, 2);
    field('T', t.hour, 2);
    field(':', t.minute, 2);
    field(':', t.second, 2);
    field('.', t.millisecond, 3);
    out += 'Z';
    return out;
}

std::optional<EpochMs> parse_rfc3339(std::string_view text) noexcept {
    CivilTime t;
    if (text.size() < 20 || !digits(text, 0, 4, t.year) || text[4] != '-' || !digits(text, 5, 2, t.month) ||
        text[7] != '-' || !digits(text, 8, 2, t.day) ||
        (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !digits(text, 11, 2, t.hour) ||
        text[13] != ':' || !digits(text, 14, 2, t.minute) || text[16] != ':' || !digits(text, 17, 2, t.second))
        return std::nullopt;
    std::size_t pos = 19;
    if (text[pos] == '.') {
        ++pos;
        const std::size_t first = pos;
        int scale = 100;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            t.millisecond += (text[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == first) return std::nullopt;
    }
    if (pos >= text.size()) return std::nullopt;
    EpochMs offset = 0;
    if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
        int hours = 0;
        int minutes = 0;
        if (!digits(text, pos + 1, 2, hours) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
            !digits(text, pos + 4, 2, minutes) || hours > 23 || minutes > 59)
            return std::nullopt;
        offset = (text[pos] == '+' ? 1 : -1) * (hours * ms_per_hour + minutes * ms_per_minute);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) return std::nullopt;
    const auto local = epoch_ms(t);
    if (!local) return std::nullopt;
    return *local - offset;
}

}  // namespace cci
