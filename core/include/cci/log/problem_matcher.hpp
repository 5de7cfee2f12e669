// GitHub Actions problem matchers: import, JavaScript-regex translation, line-by-line running.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "cci/log/error_code.hpp"
#include "cci/log/rule_engine.hpp"
#include "cci/log/severity.hpp"

namespace cci::log {

/// One `pattern[]` entry. Group numbers refer to the regexp's capture groups (1-based).
struct MatcherPattern {
    std::shared_ptr<const re2::RE2> regex;
    std::optional<int> file, line, column, severity, code, message;
    bool loop = false;
};

struct ProblemMatcher {
    std::string owner;
    std::optional<Severity> severity;  ///< the matcher's default severity
    std::vector<MatcherPattern> patterns;
};

/// The matchers that compiled and an error for each one that did not.
struct MatcherImport {
    std::vector<ProblemMatcher> matchers;
    std::vector<Error> errors;
};

/// Largest compiled program a user pattern may need (RE2 `max_mem`).
inline constexpr std::int64_t matcher_max_mem = 1 << 20;

/// Reads problem-matcher JSON: `{"problemMatcher": [...]}`, a bare array, or one matcher.
/// Each matcher needs `owner` and a non-empty `pattern[]` whose entries have `regexp`.
[[nodiscard]] MatcherImport import_problem_matchers(std::string_view json);

/// The RE2 spelling of a JavaScript regex: `(?<name>…)` becomes `(?P<name>…)`, `\uXXXX`
/// becomes `\x{XXXX}`, `[^]` becomes `[\s\S]`, and `flags` (`i`, `m`, `s`) become a
/// leading `(?ims)`. Lookarounds (`matcher_lookaround`) and backreferences
/// (`matcher_backreference`) are errors whose detail names the construct and `owner`.
struct Translation {
    std::string pattern;
    std::optional<Error> error;
};
[[nodiscard]] Translation translate_js_regex(std::string_view js, std::string_view flags, std::string_view owner);

/// One problem a matcher reported.
struct MatcherHit {
    std::size_t matcher = 0;  ///< index into the matchers given to the runner
    Severity severity = Severity::error;
    Captures captures;
};

/// Runs matchers over consecutive lines, keeping each multi-line matcher's progress.
class MatcherRunner {
public:
    explicit MatcherRunner(std::vector<ProblemMatcher> matchers);
    /// The problems completed by `line`.
    [[nodiscard]] std::vector<MatcherHit> feed_line(std::string_view line);
    /// Forgets partial multi-line matches (at a step boundary).
    void reset();
    [[nodiscard]] const std::vector<ProblemMatcher>& matchers() const noexcept { return matchers_; }

private:
    struct Progress {
        std::size_t next = 0;  // index of the pattern the next line must match
        Captures captures;
        std::optional<Severity> severity;
    };
    std::vector<ProblemMatcher> matchers_;
    std::vector<Progress> progress_;
};

}  // namespace cci::log
