// Private: locale-free ASCII character tests and comparisons shared by the core's modules.
#pragma once

#include <cstddef>
#include <string_view>

namespace cci::ascii {

constexpr char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_alnum(char c) noexcept {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_hex(char c) noexcept { return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'f'); }
constexpr bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

constexpr bool starts_with(std::string_view s, std::string_view prefix) noexcept {
    return s.substr(0, prefix.size()) == prefix;
}
constexpr bool ends_with(std::string_view s, std::string_view suffix) noexcept {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// Case-insensitive prefix test; `lower_prefix` is given in lower case.
constexpr bool istarts_with(std::string_view s, std::string_view lower_prefix) noexcept {
    if (s.size() < lower_prefix.size()) return false;
    for (std::size_t i = 0; i < lower_prefix.size(); ++i)
        if (lower(s[i]) != lower_prefix[i]) return false;
    return true;
}

constexpr bool iequals(std::string_view a, std::string_view lower_b) noexcept {
    return a.size() == lower_b.size() && istarts_with(a, lower_b);
}

/// Position of `lower_needle` in `s`, ignoring case, or npos.
constexpr std::size_t ifind(std::string_view s, std::string_view lower_needle) noexcept {
    for (std::size_t i = 0; i + lower_needle.size() <= s.size(); ++i)
        if (lower(s[i]) == lower_needle[0] && istarts_with(s.substr(i), lower_needle)) return i;
    return std::string_view::npos;
}

}  // namespace cci::ascii
