// What a log retrieval found and fetched: every failed job, each of its failed steps (one per
// parallel container) with a completeness flag, its test results, and what went wrong on the
// way. Filled in by `Retrieval` (retrieval.hpp); printed by `cci logs` and saved as manifest.json.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cci/classify.hpp"
#include "cci/completeness.hpp"
#include "cci/log/analysis.hpp"
#include "cci/log/job_details.hpp"
#include "cci/project_slug.hpp"
#include "cci/test_results.hpp"

namespace cci {

/// What a planned request fetches. Ids are contracts.
enum class FetchKind {
    pipelines,      ///< GET /api/v2/project/{slug}/pipeline (a page)
    pipeline,       ///< GET /api/v2/project/{slug}/pipeline/{number}
    workflows,      ///< GET /api/v2/pipeline/{id}/workflow (a page)
    workflow_jobs,  ///< GET /api/v2/workflow/{id}/job (a page)
    job_details,    ///< GET /api/v1.1/project/{vcs}/{org}/{repo}/{number}
    test_results,   ///< GET /api/v2/project/{slug}/{number}/tests (a page)
    step_output,    ///< GET of a step's presigned `output_url` (no token)
};

inline constexpr std::size_t fetch_kind_count = 7;

struct FetchKindInfo {
    FetchKind kind;
    std::string_view id;
    Endpoint endpoint;  ///< what `classify` is told answered
};

[[nodiscard]] const std::array<FetchKindInfo, fetch_kind_count>& fetch_kind_table() noexcept;
[[nodiscard]] const FetchKindInfo& info(FetchKind kind) noexcept;
[[nodiscard]] inline std::string_view id(FetchKind kind) noexcept { return info(kind).id; }

/// Something the retrieval met that the user should know. One closed enum and its table.
enum class NoticeCode {
    pagination_loop,        ///< a list handed out a page token twice; the pages before it are kept
    page_cap_reached,       ///< a list had more pages than allowed; later pages were not read
    approval_jobs_skipped,  ///< approval jobs have no job number and no logs
    no_failed_jobs,         ///< a pipeline or workflow without failed jobs
    no_failed_pipeline,     ///< none of the project's recent pipelines failed
    job_cap_reached,        ///< more failed jobs than allowed; the rest were not fetched
};

inline constexpr std::size_t notice_code_count = 6;

struct NoticeCodeInfo {
    NoticeCode code;
    std::string_view id;
    std::string_view message;
    bool complete;  ///< the retrieval is still complete despite it
};

[[nodiscard]] const std::array<NoticeCodeInfo, notice_code_count>& notice_code_table() noexcept;
[[nodiscard]] const NoticeCodeInfo& info(NoticeCode code) noexcept;
[[nodiscard]] inline std::string_view id(NoticeCode code) noexcept { return info(code).id; }
[[nodiscard]] std::optional<NoticeCode> parse_notice_code(std::string_view id) noexcept;

struct Notice {
    NoticeCode code = NoticeCode::pagination_loop;
    std::size_t target = 0;  ///< index of the URL it concerns
    std::string detail;      ///< e.g. which list, how many jobs
};

/// A URL whose pipeline, workflow or job list could not be read.
struct TargetError {
    std::size_t target = 0;
    FetchKind kind = FetchKind::pipeline;
    Diagnosis diagnosis;
};

/// One failed step on one container (a v1.1 action).
struct StepReport {
    std::string name;
    std::optional<std::int64_t> step;  ///< CircleCI's step id
    std::int64_t container = 0;
    std::string status;
    std::optional<std::int64_t> exit_code;
    bool truncated_by_circleci = false;           ///< the action's own `truncated` flag
    std::optional<StepCompleteness> completeness;  ///< set once the step is final
    std::uint64_t bytes = 0;                       ///< body bytes delivered, over all tries
    int fetches = 0;                               ///< requests made for it
    int retries = 0;                               ///< of which repeats after transient failures
    int url_refreshes = 0;                         ///< fresh output URLs it needed (expired ones)
};

struct JobReport {
    std::size_t target = 0;  ///< the first URL that led to it
    ProjectSlug project;
    std::int64_t number = 0;
    std::string name;
    std::string status;      ///< CircleCI's job status (v1.1 details, else the workflow's list)
    std::string workflow;    ///< workflow name, when known
    std::string web_url;
    std::optional<std::int64_t> container;  ///< only this container's steps (a `parallel-runs` URL)
    std::vector<StepReport> steps;           ///< failed actions in document order
    std::optional<log::JobDetails> details;  ///< CircleCI's view of the job, for the analyser
    std::optional<Diagnosis> error;          ///< the job details could not be fetched
    std::vector<TestResult> tests;
    bool tests_complete = false;             ///< every page of test results was read
    std::optional<Diagnosis> tests_error;
    int details_fetches = 0;
    bool done = false;                       ///< details, every step and the tests are final
};

struct RetrievalReport {
    std::vector<JobReport> jobs;
    std::vector<TargetError> errors;
    std::vector<Notice> notices;
    std::uint64_t requests = 0;  ///< answers delivered
    std::uint64_t retries = 0;   ///< requests repeated after transient failures
};

struct RetrievalSummary {
    Reason reason = Reason::ok;  ///< ok, or the first failure: a URL's, a job's, then a step's
    bool complete = true;        ///< nothing failed, and no notice made the result partial
};

[[nodiscard]] RetrievalSummary summarize(const RetrievalReport& report);

/// The file a step's raw output is saved as (`--out`): `job-<n>-step-<id>-container-<i>.json`.
[[nodiscard]] std::string step_file_name(const JobReport& job, const StepReport& step);

/// `{name, step, container, status, exit_code, completeness, bytes, fetches, retries, url_refreshes}`.
[[nodiscard]] nlohmann::json to_json(const StepReport& step);

/// `{reason, complete, jobs: [{job, project_slug, name, status, workflow, web_url, steps,
/// tests: {results, failed, complete, error}, error, analysis}], errors: [{target, kind,
/// diagnosis}], notices: [{code, message, target, detail}], requests, retries}`.
/// `analyses[j]` (when present) is job j's analysis; absent ones are null.
[[nodiscard]] nlohmann::json to_json(const RetrievalReport& report,
                                     const std::vector<std::optional<log::Analysis>>& analyses);

/// manifest.json: `{files: [{file, job, project_slug, step, step_id, container, completeness,
/// bytes}]}`, one entry per step; `file` is null for steps of which no byte was saved.
[[nodiscard]] nlohmann::json manifest_json(const RetrievalReport& report);

}  // namespace cci
