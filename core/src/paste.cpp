#include "cci/paste.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "ascii.hpp"

namespace cci {
namespace {

using ascii::ends_with;
using ascii::ifind;
using ascii::istarts_with;
using ascii::starts_with;

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





bool is_ascii(std::string_view s) noexcept {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string remove_invisible(std::string_view in) {
    if (is_ascii(in)) return std::string(in);
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        const auto rest = in.substr(i);
        const auto hit = static_cast<unsigned char>(in[i]) < 0x80
                             ? invisible.end()
                             : std::find_if(invisible.begin(), invisible.end(),
                                            [&](std::string_view z) { return starts_with(rest, z); });
        if (hit != invisible.end()) {
            i += hit->size();
        } else {
            out.push_back(in[i++]);
        }
    }
    return out;
}

// The wide space that `s` starts (or, with `at_end`, ends) with, or 0.
std::size_t wide_space(std::string_view s, bool at_end) noexcept {
    if (s.empty() || static_cast<unsigned char>(at_end ? s.back() : s.front()) < 0x80) return 0;
    for (const auto space : wide_spaces)
        if (at_end ? ends_with(s, space) : starts_with(s, space)) return space.size();
    return 0;
}

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty()) {
        if (ascii::is_space(s.front())) {
            s.remove_prefix(1);
        } else if (const auto n = wide_space(s, false)) {
            s.remove_prefix(n);
        } else {
            break;
        }
    }
    while (!s.empty()) {
        if (ascii::is_space(s.back())) {
            s.remove_suffix(1);
        } else if (const auto n = wide_space(s, true)) {
            s.remove_suffix(n);
        } else {
            break;
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
               return ascii::is_alnum(c) || c == '_' || c == '-' || c == '.' ||
                      c == '=' || c == '/' || c == '+';
           });
}

bool holds_several_tokens(std::string_view s) {
    std::size_t token_words = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        const bool separator = i == s.size() || ascii::is_space(s[i]) || s[i] == ',' || s[i] == ';' || s[i] == '|';
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
