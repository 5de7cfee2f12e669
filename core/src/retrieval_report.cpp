#include "cci/retrieval_report.hpp"

namespace cci {
namespace {

using json = nlohmann::json;

constexpr std::array<FetchKindInfo, fetch_kind_count> fetch_kinds{{
    {FetchKind::pipelines, "pipelines", Endpoint::pipelines},
    {FetchKind::pipeline, "pipeline", Endpoint::other},
    {FetchKind::workflows, "workflows", Endpoint::other},
    {FetchKind::workflow_jobs, "workflow_jobs", Endpoint::other},
    {FetchKind::job_details, "job_details", Endpoint::job_details_v1},
    {FetchKind::test_results, "test_results", Endpoint::other},
    {FetchKind::step_output, "step_output", Endpoint::step_output},
}};

constexpr std::array<NoticeCodeInfo, notice_code_count> notices{{
    {NoticeCode::pagination_loop, "pagination_loop",
     "CircleCI handed out the same page token twice; the list was read up to there.", false},
    {NoticeCode::page_cap_reached, "page_cap_reached",
     "The list has more pages than are read; later pages were not read.", false},
    {NoticeCode::approval_jobs_skipped, "approval_jobs_skipped", "Approval jobs have no logs and were skipped.",
     true},
    {NoticeCode::no_failed_jobs, "no_failed_jobs", "No failed job was found there.", true},
    {NoticeCode::no_failed_pipeline, "no_failed_pipeline", "None of the project's recent pipelines failed.", true},
    {NoticeCode::job_cap_reached, "job_cap_reached", "More jobs failed than are fetched; the rest were skipped.",
     false},
}};

template <typename T>
json or_null(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

json diagnosis_or_null(const std::optional<Diagnosis>& diagnosis) {
    return diagnosis ? to_json(*diagnosis) : json(nullptr);
}

}  // namespace

const std::array<FetchKindInfo, fetch_kind_count>& fetch_kind_table() noexcept { return fetch_kinds; }
const FetchKindInfo& info(FetchKind kind) noexcept { return fetch_kinds[static_cast<std::size_t>(kind)]; }

const std::array<NoticeCodeInfo, notice_code_count>& notice_code_table() noexcept { return notices; }
const NoticeCodeInfo& info(NoticeCode code) noexcept { return notices[static_cast<std::size_t>(code)]; }

std::optional<NoticeCode> parse_notice_code(std::string_view text) noexcept {
    for (const auto& entry : notices)
        if (entry.id == text) return entry.code;
    return std::nullopt;
}

RetrievalSummary summarize(const RetrievalReport& report) {
    RetrievalSummary out;
    const auto fail = [&](Reason reason) {
        if (out.reason == Reason::ok) out.reason = reason;
        out.complete = false;
    };
    for (const auto& error : report.errors) fail(error.diagnosis.reason);
    for (const auto& job : report.jobs)
        if (job.error) fail(job.error->reason);
    for (const auto& job : report.jobs) {
        for (const auto& step : job.steps) {
            if (!step.completeness ||
                (step.completeness->completeness == Completeness::truncated && !step.truncated_by_circleci)) {
                out.complete = false;
            } else if (step.completeness->completeness == Completeness::failed) {
                fail(step.completeness->reason.value_or(Reason::unknown));
            }
        }
    }
    for (const auto& job : report.jobs)
        if (job.tests_error) fail(job.tests_error->reason);
    for (const auto& notice : report.notices)
        if (!info(notice.code).complete) out.complete = false;
    return out;
}

std::string step_file_name(const JobReport& job, const StepReport& step) {
    return "job-" + std::to_string(job.number) + "-step-" + (step.step ? std::to_string(*step.step) : "x") +
           "-container-" + std::to_string(step.container) + ".json";
}

json to_json(const StepReport& step) {
    return {{"name", step.name},
            {"step", or_null(step.step)},
            {"container", step.container},
            {"status", step.status},
            {"exit_code", or_null(step.exit_code)},
            {"completeness", step.completeness ? json(to_text(*step.completeness)) : json(nullptr)},
            {"bytes", step.bytes},
            {"fetches", step.fetches},
            {"retries", step.retries},
            {"url_refreshes", step.url_refreshes}};
}

json to_json(const RetrievalReport& report, const std::vector<std::optional<log::Analysis>>& analyses) {
    const RetrievalSummary summary = summarize(report);
    json jobs(json::value_t::array);
    for (std::size_t j = 0; j < report.jobs.size(); ++j) {
        const JobReport& job = report.jobs[j];
        json steps(json::value_t::array);
        for (const auto& step : job.steps) steps.push_back(to_json(step));
        json results(json::value_t::array);
        std::size_t failed = 0;
        for (const auto& test : job.tests) {
            if (!test_failed(test)) continue;
            ++failed;
            results.push_back(to_json(test));
        }
        jobs.push_back({{"job", job.number},
                        {"project_slug", job.project.text()},
                        {"name", job.name},
                        {"status", job.status},
                        {"workflow", job.workflow},
                        {"web_url", job.web_url},
                        {"steps", std::move(steps)},
                        {"tests",
                         {{"total", job.tests.size()},
                          {"failed", failed},
                          {"failures", std::move(results)},
                          {"complete", job.tests_complete},
                          {"error", diagnosis_or_null(job.tests_error)}}},
                        {"error", diagnosis_or_null(job.error)},
                        {"analysis", j < analyses.size() && analyses[j] ? analysis_to_json(*analyses[j]) : json(nullptr)}});
    }
    json errors(json::value_t::array);
    for (const auto& error : report.errors)
        errors.push_back({{"target", error.target}, {"kind", id(error.kind)}, {"diagnosis", to_json(error.diagnosis)}});
    json notice_list(json::value_t::array);
    for (const auto& notice : report.notices)
        notice_list.push_back({{"code", id(notice.code)},
                               {"message", info(notice.code).message},
                               {"target", notice.target},
                               {"detail", notice.detail}});
    return {{"reason", id(summary.reason)},
            {"complete", summary.complete},
            {"jobs", std::move(jobs)},
            {"errors", std::move(errors)},
            {"notices", std::move(notice_list)},
            {"requests", report.requests},
            {"retries", report.retries}};
}

json manifest_json(const RetrievalReport& report) {
    json files(json::value_t::array);
    for (const auto& job : report.jobs) {
        for (const auto& step : job.steps) {
            files.push_back({{"file", step.bytes > 0 ? json(step_file_name(job, step)) : json(nullptr)},
                             {"job", job.number},
                             {"project_slug", job.project.text()},
                             {"step", step.name},
                             {"step_id", or_null(step.step)},
                             {"container", step.container},
                             {"completeness", step.completeness ? json(to_text(*step.completeness)) : json(nullptr)},
                             {"bytes", step.bytes}});
        }
    }
    return {{"files", std::move(files)}};
}

}  // namespace cci
