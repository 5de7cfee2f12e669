// The result of a log analysis: ranked findings, a category, completeness counters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cci/log/category.hpp"
#include "cci/log/error_code.hpp"
#include "cci/log/rule.hpp"
#include "cci/log/severity.hpp"

namespace cci::log {

struct ContextLine {
    std::uint64_t line_no = 0;
    std::string text;  ///< normalised and redacted
};

/// One reported line (or one fact from job details). All texts are redacted.
struct Finding {
    std::string rule;  ///< a built-in rule id, or `matcher:<owner>` for a problem matcher
    Category category = Category::unknown;
    Severity severity = Severity::error;
    Tier tier = Tier::generic;
    std::optional<std::string> step;          ///< the step's name, when known
    std::optional<std::int64_t> container;    ///< the parallel container index, when known
    std::uint64_t line_no = 0;                ///< 1-based in the step's normalised output; 0 for job details
    std::string text;                         ///< the whole normalised line, cut only by the line cap
    bool capped = false;                      ///< `text` was cut by the line cap
    std::optional<std::string> file;
    std::optional<std::int64_t> line;
    std::optional<std::int64_t> column;
    std::optional<std::string> code;
    std::optional<std::string> message;       ///< for tests: the assertion, when found just below
    std::optional<std::string> test;          ///< the failing test's name
    std::vector<ContextLine> context;         ///< a few lines before and after, in order
    std::uint64_t count = 1;                  ///< occurrences merged into this finding
    std::vector<std::int64_t> containers;     ///< containers it occurred on, ascending
    std::string fingerprint;                  ///< 16 hex digits, stable across runs
    bool in_failed_step = true;               ///< from a step known to have failed, or no step is known
    std::uint64_t sequence = 0;               ///< arrival order in the analysis
};

/// A step that failed, merged over its containers.
struct FailedStep {
    std::string name;
    std::optional<std::int64_t> step;
    std::vector<std::int64_t> containers;
    std::optional<std::int64_t> exit_code;
    std::string status;
    bool timedout = false;
    bool infrastructure_fail = false;
    bool truncated = false;
};

/// Counters proving what was read and what was not.
struct Stats {
    std::uint64_t bytes = 0;         ///< input bytes fed
    std::uint64_t elements = 0;      ///< step-output JSON elements read
    std::uint64_t lines = 0;         ///< normalised lines
    std::uint64_t capped_lines = 0;  ///< lines cut by the line cap
    std::uint64_t invalid_utf8 = 0;  ///< ill-formed UTF-8 sequences replaced
    std::uint64_t matched_lines = 0;
    std::uint64_t findings_dropped = 0;  ///< distinct findings beyond the cap, lowest ranked first
    std::uint64_t steps = 0;
    bool truncated = false;              ///< CircleCI truncated a step's output, or the input ended early
    std::vector<std::string> steps_without_output;
};

/// A few lines from the start and end of the most relevant step.
struct Window {
    std::optional<std::string> step;
    std::vector<std::string> head;
    std::vector<std::string> tail;
};

struct Analysis {
    Category category = Category::unknown;
    double confidence = 0.0;                ///< 0–1
    std::vector<std::size_t> evidence;      ///< indices into `findings` supporting `category`
    std::string input_format;               ///< `step_output`, `job_details`, `raw_text` or `mixed`
    std::vector<FailedStep> failed_steps;
    std::vector<Finding> findings;          ///< ranked: the culprit first
    Window window;
    Stats stats;
    std::vector<Error> errors;
};

[[nodiscard]] nlohmann::json to_json(const Finding& finding);
[[nodiscard]] nlohmann::json to_json(const Analysis& analysis);

}  // namespace cci::log
