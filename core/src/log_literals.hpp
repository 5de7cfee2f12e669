// Literal prefiltering: the literals RE2 proves every match of a pattern contains (derived
// offline, log_rule_facts_derive.hpp), and the Unicode case-folding caveats of looking for
// them with ASCII lower-casing (the rule engine, at run time). Private to core/src.
#pragma once

#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "log_scan.hpp"

namespace cci::log::literals {

inline re2::RE2::Options options() {
    re2::RE2::Options opts;
    opts.set_log_errors(false);
    return opts;
}

inline unsigned char ascii_lower(unsigned char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + 32) : c;
}

inline bool has_non_ascii(std::string_view s) { return scan::has_non_ascii(s.data(), s.size()); }

// U+017F and U+212A, the only non-ASCII characters RE2 folds to ASCII letters (`s`, `k`).
inline bool has_ascii_fold(std::string_view s) {
    return s.find("\xC5\xBF") != std::string_view::npos || s.find("\xE2\x84\xAA") != std::string_view::npos;
}

// True when some `(?flags)` or `(?flags:` group of `pattern` turns on case folding.
inline bool folds_case(std::string_view pattern) {
    for (std::size_t i = pattern.find("(?"); i != std::string_view::npos; i = pattern.find("(?", i + 2)) {
        for (std::size_t j = i + 2; j < pattern.size(); ++j) {
            const char c = pattern[j];
            if (c == 'i') return true;
            if (c == ':' || c == ')' || c == '-' || c == 'P') break;
        }
    }
    return false;
}

// The literals every match of `pattern` contains one of (ASCII lower-cased), as derived by
// RE2's own prefilter and then minimised; nullopt when RE2 finds no such set.
inline std::optional<std::vector<std::string>> required_literals(std::string_view pattern) {
    for (const int min_length : {3, 2, 1}) {
        re2::FilteredRE2 filter(min_length);
        int id = 0;
        if (filter.Add(re2::StringPiece(pattern.data(), pattern.size()), options(), &id) != re2::RE2::NoError) {
            return std::nullopt;
        }
        std::vector<std::string> atoms;
        filter.Compile(&atoms);
        std::vector<int> none;
        std::vector<int> passed;
        filter.AllPotentials(none, &passed);
        if (!passed.empty()) continue;  // no literal of this length is required
        // Drop literals, shortest first, while the pattern still cannot match without the rest.
        std::vector<std::size_t> order(atoms.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return atoms[a].size() < atoms[b].size(); });
        std::vector<bool> kept(atoms.size(), true);
        for (const std::size_t drop : order) {
            kept[drop] = false;
            std::vector<int> absent_only;
            for (std::size_t i = 0; i < atoms.size(); ++i) {
                if (!kept[i]) absent_only.push_back(static_cast<int>(i));
            }
            passed.clear();
            filter.AllPotentials(absent_only, &passed);
            if (!passed.empty()) kept[drop] = true;
        }
        // A literal containing another kept one adds nothing.
        for (std::size_t i = 0; i < atoms.size(); ++i) {
            for (std::size_t j = 0; j < atoms.size() && kept[i]; ++j) {
                if (j != i && kept[j] && atoms[i].size() > atoms[j].size() &&
                    atoms[i].find(atoms[j]) != std::string::npos) {
                    kept[i] = false;
                }
            }
        }
        std::vector<std::string> out;
        for (std::size_t i = 0; i < atoms.size(); ++i) {
            if (!kept[i]) continue;
            std::string atom = atoms[i];
            for (auto& c : atom) c = static_cast<char>(ascii_lower(static_cast<unsigned char>(c)));
            // A short ASCII literal filters too little to be worth a scan.
            if (atom.size() < 3 && !has_non_ascii(atom)) return std::nullopt;
            out.push_back(std::move(atom));
        }
        return out;
    }
    return std::nullopt;
}

// Every non-ASCII character of `atom` is spelt out in `pattern` (so a line holds exactly
// those bytes when the pattern matches without case folding).
inline bool verbatim_in(std::string_view atom, std::string_view pattern) {
    for (std::size_t i = 0; i < atom.size();) {
        const auto c = static_cast<unsigned char>(atom[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < atom.size() && (static_cast<unsigned char>(atom[j]) & 0xC0) == 0x80) ++j;
        if (pattern.find(atom.substr(i, j - i)) == std::string_view::npos) return false;
        i = j;
    }
    return true;
}


}  // namespace cci::log::literals
