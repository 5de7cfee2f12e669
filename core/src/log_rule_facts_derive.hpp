// The offline half of log_rule_facts: derives each built-in rule's prefilter facts from its
// pattern and renders them as the source of log_rule_facts.cpp. Only
// tests/core/log_rule_facts_test.cpp uses it (it checks that file is current and rewrites it
// under CCI_UPDATE_RULE_FACTS=1); the shipped code reads the generated table instead.
// Private to core/src.
#pragma once

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "log_literals.hpp"
#include "log_pattern_facts.hpp"
#include "log_rule_facts.hpp"

namespace cci::log::rule_facts {

struct DerivedFactor {
    std::string text;
    bool folded = true;
    bool verbatim = true;
    Bytes next = all_bytes;
};

struct Derived {
    std::string prefix;
    bool next = false;
    unsigned char next_low = 0;
    unsigned char next_high = 0xFF;
    bool first_known = false;
    Bytes first = all_bytes;
    bool after_space_known = false;
    Bytes after_space = all_bytes;
    bool factors_known = false;
    std::vector<DerivedFactor> factors;
    bool folds_case = false;
};

// Bytes of a match's start that `PossibleMatchRange` looks at.
constexpr int range_length = 8;

inline Bytes to_bytes(const pattern_facts::ByteSet& set) {
    Bytes out{};
    for (unsigned c = 0; c < 256; ++c) {
        if (set[c]) out[c / 64] |= std::uint64_t{1} << (c % 64);
    }
    return out;
}

/// `pattern` as `^\s*` and one alternative (no `|` outside parentheses): the alternative,
/// e.g. `FAIL: .*` for `^\s*FAIL: .*`.
inline std::optional<std::string_view> after_leading_space(std::string_view pattern) {
    constexpr std::string_view lead = "^\\s*";
    if (pattern.substr(0, lead.size()) != lead) return std::nullopt;
    const std::string_view rest = pattern.substr(lead.size());
    int depth = 0;
    bool in_class = false;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        const char c = rest[i];
        if (c == '\\') {
            ++i;
        } else if (in_class) {
            in_class = c != ']';
        } else if (c == '[') {
            in_class = true;
            if (i + 1 < rest.size() && rest[i + 1] == '^') ++i;
            if (i + 1 < rest.size() && rest[i + 1] == ']') ++i;  // a leading `]` is a member
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            --depth;
        } else if (c == '|' && depth == 0) {
            return std::nullopt;
        }
    }
    return rest;
}

/// What RE2 and the pattern's syntax prove about the matches of `pattern`, which RE2 accepts:
/// - `PossibleMatchRange`: every match lies in [low, high]; their common prefix is a fixed
///   start, and the byte after it lies between theirs;
/// - pattern facts: the bytes a match starts with (and, for `^\s*X`, the bytes X starts with
///   when X cannot start with `\s` or match ""), and factors (with their case and the bytes
///   after them) one of which every match contains; failing those, the literals RE2's
///   FilteredRE2 proves, compared case-insensitively.
inline Derived derive(std::string_view pattern, const re2::RE2& re) {
    Derived out;
    std::string low;
    std::string high;
    if (re.PossibleMatchRange(&low, &high, range_length)) {
        std::size_t k = 0;
        while (k < low.size() && k < high.size() && low[k] == high[k]) ++k;
        out.prefix = low.substr(0, k);
        if (low.size() > k && high.size() > k) {
            out.next = true;
            out.next_low = static_cast<unsigned char>(low[k]);
            out.next_high = static_cast<unsigned char>(high[k]);
        }
    }
    const auto facts = pattern_facts::facts_of(pattern);
    if (facts.first) {
        out.first_known = true;
        out.first = to_bytes(*facts.first);
    }
    if (const auto rest_pattern = after_leading_space(pattern)) {
        const auto rest = pattern_facts::facts_of("^(?:" + std::string(*rest_pattern) + ")");
        if (rest.first && (*rest.first & pattern_facts::detail::space()).none()) {
            out.after_space_known = true;
            out.after_space = to_bytes(*rest.first);
        }
    }
    if (facts.required) {
        out.factors_known = true;
        for (const auto& f : *facts.required) {
            out.factors.push_back({f.text, f.folded, literals::verbatim_in(f.text, pattern), to_bytes(f.next)});
        }
    } else if (const auto atoms = literals::required_literals(pattern)) {
        out.factors_known = true;
        for (const auto& text : *atoms) out.factors.push_back({text, true, literals::verbatim_in(text, pattern), all_bytes});
    }
    out.folds_case = literals::folds_case(pattern);
    return out;
}

/// Facts of every rule, by rule index; rules without a pattern, or whose pattern RE2
/// rejects, get none.
inline std::vector<Derived> derive_all() {
    std::vector<Derived> out(rule_count);
    for (const auto& row : rule_table()) {
        if (row.pattern.empty()) continue;
        const re2::RE2 re(re2::StringPiece(row.pattern.data(), row.pattern.size()), literals::options());
        if (re.ok()) out[static_cast<std::size_t>(row.rule)] = derive(row.pattern, re);
    }
    return out;
}

// A C++ string literal holding exactly `bytes` (octal escapes never run into the next byte).
inline std::string quoted(std::string_view bytes) {
    std::string out = "\"";
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c >= 0x20 && c < 0x7F && c != '?') {  // `?` could start a trigraph
            out += ch;
        } else {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\%03o", c);
            out += escape;
        }
    }
    return out + '"';
}

inline std::string bytes_source(const Bytes& set) {
    std::string out = "{";
    for (std::size_t w = 0; w < set.size(); ++w) {
        char word[32];
        std::snprintf(word, sizeof word, "%s0x%016llxu", w == 0 ? "" : ", ", static_cast<unsigned long long>(set[w]));
        out += word;
    }
    return out + "}";
}

/// The source of log_rule_facts.cpp for `derived` (by rule index).
inline std::string source(const std::vector<Derived>& derived) {
    std::string facts;
    std::string factors;
    std::size_t factor_count = 0;
    std::vector<Bytes> sets{all_bytes};
    const auto set_index = [&](const Bytes& set) {
        const auto it = std::find(sets.begin(), sets.end(), set);
        if (it != sets.end()) return std::to_string(it - sets.begin());
        if (sets.size() > std::numeric_limits<std::uint8_t>::max()) throw std::length_error("over 256 distinct byte sets");
        sets.push_back(set);
        return std::to_string(sets.size() - 1);
    };
    for (std::size_t i = 0; i < derived.size(); ++i) {
        const RuleInfo& row = rule_table()[i];
        const Derived& d = derived[i];
        char head[160];
        std::snprintf(head, sizeof head, "    {0x%016llxu, ", static_cast<unsigned long long>(row.pattern.empty() ? 0 : hash(row.pattern)));
        // Each set's index in order (the operands of `+` are evaluated in no fixed order).
        const std::string first = set_index(d.first);
        const std::string after_space = set_index(d.after_space);
        facts += "    // " + std::string(row.id) + "\n" + head + quoted(d.prefix) + ", " + (d.next ? "true" : "false") + ", " +
                 std::to_string(d.next_low) + ", " + std::to_string(d.next_high) + ", " + (d.first_known ? "true" : "false") +
                 ", " + first + ", " + (d.after_space_known ? "true" : "false") + ", " + after_space + ", " + (d.factors_known ? "true" : "false") + ", " +
                 std::to_string(factor_count) + ", " + std::to_string(d.factors.size()) + ", " +
                 (d.folds_case ? "true" : "false") + "},\n";
        for (const auto& f : d.factors) {
            factors += "    {" + quoted(f.text) + ", " + (f.folded ? "true" : "false") + ", " + (f.verbatim ? "true" : "false") +
                       ", " + set_index(f.next) + "},  // " + std::string(row.id) + "\n";
        }
        factor_count += d.factors.size();
    }
    std::string set_rows;
    for (const Bytes& set : sets) set_rows += "    " + bytes_source(set) + ",\n";
    return "// Generated by tests/core/log_rule_facts_test.cpp (CCI_UPDATE_RULE_FACTS=1) from the rule\n"
           "// patterns in log_rule.cpp, through log_rule_facts_derive.hpp. Do not edit.\n"
           "#include \"log_rule_facts.hpp\"\n"
           "\n"
           "namespace cci::log::rule_facts {\n"
           "namespace {\n"
           "\n"
           "constexpr Bytes byte_set_table[] = {\n" +
           set_rows +
           "};\n"
           "\n"
           "constexpr Factor factor_table[] = {\n" +
           factors +
           "};\n"
           "\n"
           "constexpr std::array<Facts, rule_count> facts_table{{\n" +
           facts +
           "}};\n"
           "\n"
           "}  // namespace\n"
           "\n"
           "const std::array<Facts, rule_count>& table() noexcept { return facts_table; }\n"
           "const Factor* factors() noexcept { return factor_table; }\n"
           "const Bytes* byte_sets() noexcept { return byte_set_table; }\n"
           "\n"
           "}  // namespace cci::log::rule_facts\n";
}

}  // namespace cci::log::rule_facts
