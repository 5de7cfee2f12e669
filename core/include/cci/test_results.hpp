// A job's structured test results (what `store_test_results` uploaded, read from
// `GET /api/v2/project/{slug}/{job}/tests`) as a finding source for the log analysis: a
// failing test CircleCI names outranks one guessed from log text.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cci/log/analysis.hpp"

namespace cci {

struct TestResult {
    std::string name;
    std::string classname;
    std::string file;
    std::string result;   ///< `success`, `failure`, `skipped`, `error`, … as CircleCI reports it
    std::string message;  ///< the failure message; may span lines
    std::string source;   ///< the test framework CircleCI detected (`rspec`, `jest`, …)
    std::optional<double> run_time_s;
};

/// The results among a tests page's items; items that are not objects with a string `name`
/// are skipped, other fields are read tolerantly (missing or mistyped → empty). Never throws.
[[nodiscard]] std::vector<TestResult> test_results_from_items(const std::vector<nlohmann::json>& items);

/// `failure`, `failed` or `error` (any case).
[[nodiscard]] bool test_failed(const TestResult& result) noexcept;

/// The rule id of findings made from CircleCI's test results.
inline constexpr std::string_view test_results_rule = "circleci_test_results";

/// Where a finding came from. Ids are contracts (the `source` of a finding in `cci logs --json`).
enum class FindingSource {
    test_results,  ///< CircleCI's structured test results
    job_details,   ///< CircleCI's job details (failed steps, exit codes, messages)
    log,           ///< a line of the step output
};

inline constexpr std::size_t finding_source_count = 3;

struct FindingSourceInfo {
    FindingSource source;
    std::string_view id;
};

[[nodiscard]] const std::array<FindingSourceInfo, finding_source_count>& finding_source_table() noexcept;
[[nodiscard]] const FindingSourceInfo& info(FindingSource source) noexcept;
[[nodiscard]] inline std::string_view id(FindingSource source) noexcept { return info(source).id; }

/// `test_results` for `test_results_rule`, `job_details` for findings without a log line
/// (`line_no` 0), else `log`.
[[nodiscard]] FindingSource source_of(const log::Finding& finding) noexcept;

/// Most failing tests turned into findings; further ones are counted in `findings_dropped`.
inline constexpr std::size_t max_test_findings = 20;

/// `analysis` with one finding per failing test (primary tier, category test, in the failed
/// step, redacted), ranked ahead of every finding of the same tier and severity, so a failing
/// test CircleCI names beats one guessed from the log while a decisive cause (an OOM kill, a
/// timeout) still leads. The category is decided again with the job's flags. Without failing
/// tests the analysis is returned unchanged.
[[nodiscard]] log::Analysis with_test_results(log::Analysis analysis, const std::vector<TestResult>& results,
                                              bool job_timedout, bool job_infrastructure_fail);

/// `log::to_json(analysis)` with each finding's `source` added.
[[nodiscard]] nlohmann::json analysis_to_json(const log::Analysis& analysis);

/// `{name, classname, file, result, message, source, run_time}` (run_time in seconds or null).
[[nodiscard]] nlohmann::json to_json(const TestResult& result);

}  // namespace cci
