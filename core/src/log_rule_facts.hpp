// What the rule engine's literal prefilter knows about each built-in rule's pattern: how its
// matches start and the factors every match contains. The facts are derived offline from the
// patterns (log_rule_facts_derive.hpp) and kept in the generated log_rule_facts.cpp, so the
// shipped code needs neither RE2's FilteredRE2 nor the pattern parser. A rule whose pattern
// no longer has the hash its facts were derived from gets no facts: it is tried on every line,
// slower but never wrong (and tests/core/log_rule_facts_test.cpp fails until the file is
// regenerated). Private to core/src.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cci/log/rule.hpp"
#include "fnv1a.hpp"

namespace cci::log::rule_facts {

/// A set of byte values: bit `c % 64` of word `c / 64`.
using Bytes = std::array<std::uint64_t, 4>;
inline constexpr Bytes all_bytes{~std::uint64_t{0}, ~std::uint64_t{0}, ~std::uint64_t{0}, ~std::uint64_t{0}};
[[nodiscard]] constexpr bool has(const Bytes& set, unsigned char c) noexcept { return ((set[c / 64] >> (c % 64)) & 1) != 0; }

/// A byte string one of which every match contains.
struct Factor {
    std::string_view text;   ///< lower case when `folded`
    bool folded;             ///< ASCII letters compare case-insensitively
    bool verbatim;           ///< every non-ASCII character of `text` is spelt out in the pattern
    std::uint8_t next;       ///< byte_sets()[next]: the bytes that may follow `text` in a match
};

struct Facts {
    std::uint64_t pattern_hash;  ///< `hash(pattern)` of the pattern these facts are about
    std::string_view prefix;     ///< every match starts with these bytes
    bool next;                   ///< ... then a byte in [next_low, next_high]
    unsigned char next_low;
    unsigned char next_high;
    bool first_known;            ///< every match starts with a byte in byte_sets()[first]
    std::uint8_t first;
    /// The pattern is `^\s*` and a part that cannot start with `\s` or match "": the first
    /// byte of a matching line that `\s` does not match is in byte_sets()[after_space].
    bool after_space_known;
    std::uint8_t after_space;
    bool factors_known;          ///< every match contains one of factors()[factor_begin, +factor_count)
    std::uint16_t factor_begin;
    std::uint16_t factor_count;
    bool folds_case;             ///< some group of the pattern turns on case folding
};

/// The hash `Facts::pattern_hash` holds.
[[nodiscard]] constexpr std::uint64_t hash(std::string_view pattern) noexcept { return fnv1a(pattern); }

/// The generated table, indexed by rule; rules without a pattern have empty facts.
[[nodiscard]] const std::array<Facts, rule_count>& table() noexcept;
/// The factors the table's entries index.
[[nodiscard]] const Factor* factors() noexcept;
/// The distinct byte sets that facts and factors index; [0] is every byte.
[[nodiscard]] const Bytes* byte_sets() noexcept;

/// The facts of `rule` when they were derived from its current pattern, else null.
[[nodiscard]] inline const Facts* current(Rule rule) noexcept {
    const auto index = static_cast<std::size_t>(rule);
    const Facts& facts = table()[index];
    return facts.pattern_hash == hash(rule_table()[index].pattern) ? &facts : nullptr;
}

}  // namespace cci::log::rule_facts
