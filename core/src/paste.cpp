#include "cci/paste.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace cci {
namespace {

constexpr std::array<std::string_view, 6> invisible = {
    "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD",
};

constexpr std::array<std::string_view, 15> wide_spaces = {
    "\u00A0", "\u202F", "\u3000", "\u2028", "\u2029", "\u2000", "\u2001", "\u2002",
    "\u2003", "\u2004", "\u2005", "\u2006", "\u2007", "\u2008", "\u2009",
};

struct QuotePair {
    std::string_view open;
    std::string_view close;
};

constexpr std::array<QuotePair, 6> quotes = {{
    {"\"", "\""}, {"'", "'"}, {"`", "`"}, {"\u201C", "\u201D"}, {"\u2018", "\u2019"}, {"\u00AB", "\u00BB"},
}};

// Wrappers people copy with a token, matched case-insensitively at the start.
constexpr std::array<std::string_view, 8> leading_words = {
    "export ", "set ", "$env:", "-h ", "--header ", "circle-token:", "authorization:", "bearer ",
};

constexpr std::array<std::string_view, 6> env_names = {
    "circleci_cli_token", "circleci_api_token", "circleci_token", "circle_api_token", "circle_token",
    "circle-token",
};

bool is_ascii_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

bool starts_with(std::string_view s, std::string_view p) noexcept { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) noexcept {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool istarts_with(std::string_view s, std::string_view lower_prefix) noexcept {
    if (s.size() < lower_prefix.size()) return false;
    for (std::size_t i = 0; i < lower_prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != lower_prefix[i]) return false;
    return true;
}

std::size_t ifind(std::string_view s, std::string_view lower_needle) noexcept {
    for (std::size_t i = 0; i + lower_needle.size() <= s.size(); ++i)
        if (istarts_with(s.substr(i), lower_needle)) return i;
    return std::string_view::npos;
}

std::string remove_invisible(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        const auto hit = std::find_if(invisible.begin(), invisible.end(),
                                      [&](std::string_view z) { return starts_with(in.substr(i), z); });
        if (hit != invisible.end()) {
            i += hit->size();
        } else {
            out.push_back(in[i++]);
        }
    }
    return out;
}

std::string_view trim(std::string_view s) noexcept {
    for (bool changed = true; changed && !s.empty();) {
        changed = false;
        if (is_ascii_space(s.front())) { s.remove_prefix(1); changed = true; }
        if (!s.empty() && is_ascii_space(s.back())) { s.remove_suffix(1); changed = true; }
        for (const auto space : wide_spaces) {
            if (starts_with(s, space)) { s.remove_prefix(space.size()); changed = true; }
            if (ends_with(s, space)) { s.remove_suffix(space.size()); changed = true; }
        }
    }
    return s;
}

std::string_view strip_quotes(std::string_view s) noexcept {
    for (const auto& q : quotes) {
        if (s.size() >= q.open.size() + q.close.size() && starts_with(s, q.open) && ends_with(s, q.close)) {
            s.remove_prefix(q.open.size());
            s.remove_suffix(q.close.size());
            return s;
        }
    }
    return s;
}

// `NAME=value`, `NAME: value`, `NAME = value` for the token variables CircleCI tooling uses.
std::string_view strip_assignment(std::string_view s) noexcept {
    for (const auto name : env_names) {
        if (!istarts_with(s, name)) continue;
        auto rest = trim(s.substr(name.size()));
        if (!rest.empty() && (rest.front() == '=' || rest.front() == ':')) return rest.substr(1);
    }
    return s;
}

std::string_view strip_leading_word(std::string_view s) noexcept {
    for (const auto word : leading_words)
        if (istarts_with(s, word)) return s.substr(word.size());
    return s;
}

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

bool is_url(std::string_view s) noexcept {
    return s.find("://") != std::string_view::npos || istarts_with(s, "circleci.com/") ||
           istarts_with(s, "dl.circleci.com/") || istarts_with(s, "app.circleci.com/");
}

// Status badges: `…/status-badge/img/…svg?…&circle-token=…`, legacy `…/tree/main.svg?style=svg&circle-token=…`.
bool is_badge_url(std::string_view url) noexcept {
    const auto query = url.find('?');
    const auto path = url.substr(0, query);
    return ifind(path, ".svg") != std::string_view::npos || ifind(path, ".png") != std::string_view::npos ||
           ifind(path, "status-badge") != std::string_view::npos || ifind(url, "style=") != std::string_view::npos;
}

// The `circle-token=` query value of a URL, if it has one.
std::optional<std::string> url_token(std::string_view url) {
    for (std::size_t from = 0;;) {
        const auto at = ifind(url.substr(from), "circle-token=");
        if (at == std::string_view::npos) return std::nullopt;
        const auto pos = from + at;
        if (pos > 0 && (url[pos - 1] == '?' || url[pos - 1] == '&' || url[pos - 1] == ';')) {
            auto value = url.substr(pos + 13);
            const auto end = value.find_first_of("&#\"')]> \t\r\n");
            return percent_decode(value.substr(0, end));
        }
        from = pos + 1;
    }
}

bool is_token_like(std::string_view word) noexcept {
    constexpr std::size_t min_token_length = 20;
    return word.size() >= min_token_length && std::all_of(word.begin(), word.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
                      c == '=' || c == '/' || c == '+';
           });
}

bool holds_several_tokens(std::string_view s) {
    std::size_t token_words = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        const bool separator = i == s.size() || is_ascii_space(s[i]) || s[i] == ',' || s[i] == ';' || s[i] == '|';
        if (!separator) continue;
        if (i > start && is_token_like(s.substr(start, i - start))) ++token_words;
        start = i + 1;
    }
    if (token_words >= 2) return true;
    const auto first = std::min(ifind(s, "ccipat_"), ifind(s, "cciprj_"));
    if (first == std::string_view::npos) return false;
    const auto rest = s.substr(first + 7);
    return ifind(rest, "ccipat_") != std::string_view::npos || ifind(rest, "cciprj_") != std::string_view::npos;
}

}  // namespace

Paste clean_paste(std::string_view pasted) {
    Paste paste;
    const std::string visible = remove_invisible(pasted);
    std::string_view s = trim(visible);
    constexpr int max_rounds = 12;  // each round removes one layer; pastes have a handful
    for (int round = 0; round < max_rounds; ++round) {
        const std::string_view before = s;
        s = trim(strip_quotes(trim(s)));
        s = trim(strip_leading_word(s));
        s = trim(strip_assignment(s));
        if (s == before) break;
    }
    if (is_url(s)) {
        if (auto value = url_token(s)) {
            paste.from_badge_url = is_badge_url(s);
            paste.token = std::string(trim(strip_quotes(trim(*value))));
            return paste;
        }
    }
    paste.several_tokens = holds_several_tokens(s);
    paste.token = std::string(s);
    return paste;
}

}  // namespace cci
