#include "cci/http_date.hpp"

#include <array>

namespace cci {
namespace {

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

std::optional<int> month_number(std::string_view name) noexcept {
    constexpr std::array<std::string_view, 12> months{"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};
    for (std::size_t i = 0; i < months.size(); ++i)
        if (iequals(name, months[i])) return static_cast<int>(i) + 1;
    return std::nullopt;
}

bool is_weekday(std::string_view name) noexcept {
    constexpr std::array<std::string_view, 14> days{"mon",    "tue",     "wed",       "thu",      "fri",
                                                    "sat",    "sun",     "monday",    "tuesday",  "wednesday",
                                                    "thursday", "friday", "saturday", "sunday"};
    for (const auto day : days)
        if (iequals(name, day)) return true;
    return false;
}

std::optional<int> number(std::string_view text, std::size_t min_digits, std::size_t max_digits) noexcept {
    if (text.size() < min_digits || text.size() > max_digits) return std::nullopt;
    int value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

// `HH:MM:SS` into the time fields.
bool clock(std::string_view text, CivilTime& t) noexcept {
    if (text.size() != 8 || text[2] != ':' || text[5] != ':') return false;
    const auto h = number(text.substr(0, 2), 2, 2);
    const auto m = number(text.substr(3, 2), 2, 2);
    const auto s = number(text.substr(6, 2), 2, 2);
    if (!h || !m || !s) return false;
    t.hour = *h;
    t.minute = *m;
    t.second = *s;
    return true;
}

// At most 6 words; a 7th makes the text no HTTP-date (size 7 = "too many").
struct Words {
    std::array<std::string_view, 7> items{};
    std::size_t count = 0;
    std::size_t size() const noexcept { return count; }
    std::string_view operator[](std::size_t i) const noexcept { return items[i]; }
};

Words words(std::string_view text) noexcept {
    Words out;
    std::size_t i = 0;
    while (i < text.size() && out.count < out.items.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
        const std::size_t start = i;
        while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
        if (i > start) out.items[out.count++] = text.substr(start, i - start);
    }
    return out;
}

std::optional<EpochMs> imf_fixdate(const Words& w) noexcept {
    if (w.size() != 6 || w[0].size() < 2 || w[0].back() != ',' || !is_weekday(w[0].substr(0, w[0].size() - 1)) ||
        !iequals(w[5], "GMT"))
        return std::nullopt;
    CivilTime t;
    const auto day = number(w[1], 1, 2);
    const auto month = month_number(w[2]);
    const auto year = number(w[3], 4, 4);
    if (!day || !month || !year || !clock(w[4], t)) return std::nullopt;
    t.day = *day;
    t.month = *month;
    t.year = *year;
    return epoch_ms(t);
}

std::optional<EpochMs> rfc850(const Words& w) noexcept {
    if (w.size() != 4 || w[0].size() < 2 || w[0].back() != ',' || !is_weekday(w[0].substr(0, w[0].size() - 1)) ||
        !iequals(w[3], "GMT") || w[1].size() != 9 || w[1][2] != '-' || w[1][6] != '-')
        return std::nullopt;
    CivilTime t;
    const auto day = number(w[1].substr(0, 2), 2, 2);
    const auto month = month_number(w[1].substr(3, 3));
    const auto year = number(w[1].substr(7, 2), 2, 2);
    if (!day || !month || !year || !clock(w[2], t)) return std::nullopt;
    t.day = *day;
    t.month = *month;
    t.year = *year < 70 ? 2000 + *year : 1900 + *year;
    return epoch_ms(t);
}

std::optional<EpochMs> asctime(const Words& w) noexcept {
    if (w.size() != 5 || !is_weekday(w[0])) return std::nullopt;
    CivilTime t;
    const auto month = month_number(w[1]);
    const auto day = number(w[2], 1, 2);
    const auto year = number(w[4], 4, 4);
    if (!day || !month || !year || !clock(w[3], t)) return std::nullopt;
    t.day = *day;
    t.month = *month;
    t.year = *year;
    return epoch_ms(t);
}

}  // namespace

std::optional<EpochMs> parse_http_date(std::string_view text) noexcept {
    const Words w = words(text);
    if (auto t = imf_fixdate(w)) return t;
    if (auto t = rfc850(w)) return t;
    return asctime(w);
}

}  // namespace cci
