#include "cci/log/fingerprint.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "ascii.hpp"
#include "fnv1a.hpp"

namespace cci::log {
namespace {

using ascii::is_digit;

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// `dddd-` or `dd:dd:dd` (d a digit).
bool has_time_shape(std::string_view s) {
    const auto digits = [&](std::size_t at, std::size_t n) {
        if (at + n > s.size()) return false;
        for (std::size_t k = at; k < at + n; ++k) {
            if (!is_digit(s[k])) return false;
        }
        return true;
    };
    for (std::size_t i = 0; i + 5 <= s.size(); ++i) {
        if (s[i + 4] == '-' && digits(i, 4)) return true;
        if (i + 8 <= s.size() && s[i + 2] == ':' && s[i + 5] == ':' && digits(i, 2) && digits(i + 3, 2) && digits(i + 6, 2)) {
            return true;
        }
    }
    return false;
}

// A run of digits and dots holding a digit, followed by `m`, `s` or `h`, or by one space
// and then one of those.
bool has_duration_shape(std::string_view s) {
    const auto unit = [](char c) { return c == 'm' || c == 's' || c == 'h'; };
    for (std::size_t i = 0; i < s.size();) {
        if (!is_digit(s[i]) && s[i] != '.') {
            ++i;
            continue;
        }
        bool digit = false;
        for (; i < s.size() && (is_digit(s[i]) || s[i] == '.'); ++i) digit = digit || is_digit(s[i]);
        if (!digit || i == s.size()) continue;
        if (unit(s[i]) || (ascii::is_space(s[i]) && i + 1 < s.size() && unit(s[i + 1]))) return true;
    }
    return false;
}

// A run of at least 7 lower-case hex digits, or `0x`.
bool has_hex_run(std::string_view s) {
    if (contains(s, "0x")) return true;
    std::size_t run = 0;
    for (const char c : s) {
        run = is_digit(c) || (c >= 'a' && c <= 'f') ? run + 1 : 0;
        if (run == 7) return true;
    }
    return false;
}

// A `:` followed by a digit.
bool has_colon_digit(std::string_view s) {
    for (std::size_t at = s.find(':'); at != std::string_view::npos; at = s.find(':', at + 1)) {
        if (at + 1 < s.size() && is_digit(s[at + 1])) return true;
    }
    return false;
}

struct Replacement {
    std::string_view pattern;
    std::string_view placeholder;
    // False only when `pattern` cannot match: the pass is then skipped (most lines need only
    // a few of the seven, and each pass is a full RE2 search).
    bool (*may_match)(std::string_view);
};

// Applied in order: wider shapes before the numbers they contain (and then the numbers left,
// by `numbered`).
constexpr std::array<Replacement, 6> replacements{{
    {R"(\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)", "<uuid>",
     [](std::string_view s) { return std::count(s.begin(), s.end(), '-') >= 4; }},
    {R"(\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?|\b\d\d:\d\d:\d\d(?:[.,]\d+)?Z?)",
     "<time>", has_time_shape},
    {R"((?:/tmp|/var/folders|/private/var/folders|/var/tmp|[A-Za-z]:\\Users\\[^\\\s]+\\AppData\\Local\\Temp)[/\\][^\s'":,)\]]*)",
     "<tmp>", [](std::string_view s) { return contains(s, "/tmp") || contains(s, "/var/") || contains(s, ":\\Users\\"); }},
    {R"(\b(?:0x[0-9a-fA-F]+|[0-9a-f]{7,64})\b)", "<hex>", has_hex_run},
    {R"(\b\d+(?:\.\d+)?\s?(?:ms|s|sec|seconds|m|min|minutes|h)\b|\b\d+m\d+(?:\.\d+)?s\b)", "<duration>", has_duration_shape},
    {R"((\b(?:localhost|\d{1,3}(?:\.\d{1,3}){3}|[\w.-]+\.(?:com|org|net|io|dev|test|local|internal|svc))|\]):\d{2,5}\b)",
     "\\1:<port>", has_colon_digit},
}};

// `text` with each run of ASCII digits replaced by `<n>` (as RE2's `\d+` would).
std::string numbered(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (!is_digit(text[i])) {
            out += text[i++];
            continue;
        }
        while (i < text.size() && is_digit(text[i])) ++i;
        out += "<n>";
    }
    return out;
}

struct Compiled {
    std::vector<std::unique_ptr<re2::RE2>> regexes;
};

const Compiled& compiled() {
    static const Compiled instance = [] {
        re2::RE2::Options opts;
        opts.set_log_errors(false);
        Compiled c;
        for (const auto& replacement : replacements) {
            c.regexes.push_back(std::make_unique<re2::RE2>(
                re2::StringPiece(replacement.pattern.data(), replacement.pattern.size()), opts));
        }
        return c;
    }();
    return instance;
}

}  // namespace

std::string fingerprint_template(std::string_view line) {
    std::string out(line);
    const Compiled& c = compiled();
    for (std::size_t i = 0; i < replacements.size(); ++i) {
        if (!replacements[i].may_match(out)) continue;
        const auto placeholder = replacements[i].placeholder;
        re2::RE2::GlobalReplace(&out, *c.regexes[i], re2::StringPiece(placeholder.data(), placeholder.size()));
    }
    return numbered(out);
}

std::string fingerprint(std::string_view rule, std::string_view step, std::string_view line) {
    constexpr std::string_view separator("\x1f", 1);
    std::uint64_t hash = fnv1a(rule);
    hash = fnv1a(separator, hash);
    hash = fnv1a(step, hash);
    hash = fnv1a(separator, hash);
    hash = fnv1a(fingerprint_template(line), hash);
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = digits[hash & 0xF];
        hash >>= 4;
    }
    return out;
}

}  // namespace cci::log
