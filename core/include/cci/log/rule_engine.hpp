// The compiled built-in rules: a literal prefilter, anchored matches, captures.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "cci/log/normalize.hpp"
#include "cci/log/rule.hpp"
#include "cci/log/severity.hpp"


namespace cci {
class LazyRe2;
}

namespace cci::log {

/// What a rule's named groups captured from a line (absent groups stay empty).
struct Captures {
    std::optional<std::string> file;
    std::optional<std::int64_t> line;
    std::optional<std::int64_t> column;
    std::optional<std::string> code;
    std::optional<std::string> message;
    std::optional<std::string> test;
    std::optional<Severity> severity;  ///< from a `severity` group holding a known severity word
};

struct RuleMatch {
    Rule rule = Rule::generic_error;
    Captures captures;
};

/// What `RuleEngine::scan` found in one line: the rules whose required literals it holds.
struct LiteralHits {
    std::array<std::uint64_t, (rule_count + 63) / 64> rules{};
    bool non_ascii = false;  ///< the line may hold bytes >= 0x80
};

/// Matches lines against the built-in rule table. Linear time per line: a literal
/// prefilter derived from the patterns themselves (the literals RE2 proves every match
/// contains, and the bytes a match can start with) leaves only the rules that could match;
/// those few run as anchored RE2 matches. Most lines never reach RE2. Each pattern is
/// compiled on its first use; safe to share between threads.
class RuleEngine {
public:
    /// The built-in table, built on first use.
    [[nodiscard]] static const RuleEngine& builtin();

    /// Looks for every rule's required literals in all lines of `block` in one pass over its
    /// text; `hits[i]` is for line `i`.
    void scan(const LineBlock& block, std::vector<LiteralHits>& hits) const;

    /// The highest-priority rule matching `line`, whose literals `scan` found as `hits`.
    /// Rules that need a test-failure section are skipped unless `in_section`.
    [[nodiscard]] std::optional<RuleMatch> match(std::string_view line, bool in_section,
                                                 const LiteralHits& hits) const;
    /// The same for a line on its own.
    [[nodiscard]] std::optional<RuleMatch> match(std::string_view line, bool in_section) const;

    /// Rules whose pattern RE2 rejects (empty when the table is sound). Compiles every pattern
    /// not compiled yet.
    [[nodiscard]] std::vector<Rule> broken() const;

    RuleEngine(const RuleEngine&) = delete;
    RuleEngine& operator=(const RuleEngine&) = delete;
    ~RuleEngine();

private:
    RuleEngine();

    struct Prefilter;

    // The rule's compiled pattern, null when RE2 rejects it.
    [[nodiscard]] const re2::RE2* pattern(std::size_t index) const;

    std::unique_ptr<LazyRe2[]> patterns_;  // by rule index; never used for synthetic rules
    std::unique_ptr<Prefilter> prefilter_;
};

/// Fills `Captures` from the named groups of `re` matched at the start of `line`; nullopt
/// when `re` does not match there. Shared with problem matchers.
[[nodiscard]] std::optional<Captures> capture_named(const re2::RE2& re, std::string_view line);

/// A decimal number of at most 18 digits, else nullopt.
[[nodiscard]] std::optional<std::int64_t> parse_number(std::string_view text) noexcept;

}  // namespace cci::log
