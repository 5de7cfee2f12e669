#include "cci/retrieval.hpp"

#include <algorithm>
#include <deque>
#include <set>

#include "cci/classify.hpp"
#include "cci/pagination.hpp"
#include "cci/json_text.hpp"

namespace cci {
namespace {

using json = nlohmann::json;

constexpr std::size_t none = static_cast<std::size_t>(-1);

// Job statuses (v2 workflow job list) whose logs are worth reading.
bool job_failed(std::string_view status) {
    return status == "failed" || status == "infrastructure_fail" || status == "timedout" ||
           status == "terminated-unknown";
}

// Workflow statuses that can hold a failed job.
bool workflow_may_have_failed_jobs(std::string_view status) { return status != "success" && status != "not_run"; }

// Workflow statuses that make a pipeline "failed" for a project URL.
bool workflow_failed(std::string_view status) {
    return status == "failed" || status == "failing" || status == "error";
}

std::string string_of(const json& object, const char* key) {
    if (!object.is_object()) return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::int64_t> integer_of(const json& object, const char* key) {
    if (!object.is_object()) return std::nullopt;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<std::int64_t>();
}

bool success(const Outcome& outcome) {
    return outcome.transport == Transport::none && outcome.status >= 200 && outcome.status < 300;
}

struct Task {
    FetchKind kind = FetchKind::pipeline;
    std::size_t target = 0;
    std::string url;
    bool authenticated = true;
    int attempts = 0;
    EpochMs waited_ms = 0;
    std::size_t job = none;
    std::size_t step = none;
    std::size_t list = none;
    int generation = 0;    // step_output: the job-details generation its URL came from
    bool refresh = false;  // job_details: a refetch for fresh output URLs
    bool resumed = false;  // step_output: a try broke off after delivering bytes
};

struct ListState {
    FetchKind kind = FetchKind::workflows;
    std::size_t target = 0;
    std::string path;
    PageGuard guard;
    std::size_t job = none;       // test_results
    std::set<std::string> seen{};  // item ids (a looping server repeats items)
    std::string workflow_name{};  // workflow_jobs
    bool probe = false;           // a project's candidate pipeline: adopt it only if a workflow failed
    bool pending = false;         // a page is being fetched
    std::optional<std::string> deferred{};  // pipelines: the next page, fetched only when needed
    bool finished = false;
};

// A project URL: recent pipelines, newest first, are looked at until one has a failed workflow.
struct ProjectScan {
    std::size_t list = none;
    std::deque<std::string> candidates;
    std::size_t examined = 0;
    bool examining = false;  // a candidate's workflows are being read
    bool adopted = false;    // that candidate failed: its failed jobs are fetched
    bool stopped = false;
};

struct JobState {
    int generation = 0;
    bool refreshing = false;
    int refreshes = 0;
    std::map<std::pair<std::int64_t, std::int64_t>, std::string> urls;  // (step id, container) → output_url
    std::vector<std::size_t> waiting;  // steps waiting for fresh URLs
    bool details_final = false;
    bool tests_final = true;
    std::size_t steps_open = 0;
    bool done_reported = false;
};

struct TargetState {
    std::size_t open_lists = 0;
    std::size_t jobs_found = 0;
    std::size_t approvals_skipped = 0;
    bool failed = false;
    bool job_cap_noted = false;
    bool settled = false;
};

std::string item_key(const json& item) {
    const std::string id = string_of(item, "id");
    return id.empty() ? dump_json(item) : id;
}

// (step id, container) → output_url of every action in a v1.1 job-details document.
std::map<std::pair<std::int64_t, std::int64_t>, std::string> output_urls(const json& details) {
    std::map<std::pair<std::int64_t, std::int64_t>, std::string> out;
    const auto steps = details.find("steps");
    if (steps == details.end() || !steps->is_array()) return out;
    for (const auto& step : *steps) {
        if (!step.is_object()) continue;
        const auto actions = step.find("actions");
        if (actions == step.end() || !actions->is_array()) continue;
        for (const auto& action : *actions) {
            const auto id = integer_of(action, "step");
            const auto index = integer_of(action, "index");
            const std::string url = string_of(action, "output_url");
            if (id && url.rfind("http", 0) == 0) out[{*id, index.value_or(0)}] = url;
        }
    }
    return out;
}

}  // namespace

std::string api_origin_for(const CiTarget& target) {
    if (target.host.empty()) return "https://circleci.com";
    const auto scheme_end = target.host.find("://");
    if (scheme_end == std::string::npos) return "https://circleci.com";
    const std::string scheme = target.host.substr(0, scheme_end + 3);
    std::string host = target.host.substr(scheme_end + 3);
    if (host.rfind("app.", 0) == 0) host.erase(0, 4);
    return scheme + host;
}

struct Retrieval::State {
    std::vector<CiTarget> targets;
    RetrievalOptions options;
    RetrievalReport report;
    std::vector<JobState> jobs;
    std::vector<TargetState> target_states;
    std::deque<Task> tasks;      // deques: references stay valid while more are added
    std::deque<ListState> lists;
    std::map<std::size_t, ProjectScan> scans;
    std::map<std::uint64_t, std::size_t> in_flight;
    std::vector<PlannedFetch> ready;
    std::set<std::pair<std::string, std::int64_t>> job_keys;
    std::uint64_t next_id = 1;
    std::uint64_t bytes = 0;
    DeliveryEffects effects;

    State(std::vector<CiTarget> t, RetrievalOptions o) : targets(std::move(t)), options(std::move(o)) {
        target_states.resize(targets.size());
        for (std::size_t i = 0; i < targets.size(); ++i) start_target(i);
    }

    std::string api(std::string_view path) const { return options.api_origin + std::string(path); }

    // ---- tasks -------------------------------------------------------------------------

    std::size_t new_task(Task task) {
        tasks.push_back(std::move(task));
        return tasks.size() - 1;
    }

    void issue(std::size_t index, EpochMs not_before, std::uint64_t skip_bytes = 0) {
        const Task& task = tasks[index];
        PlannedFetch fetch;
        fetch.id = next_id++;
        fetch.kind = task.kind;
        fetch.url = task.url;
        fetch.authenticated = task.authenticated;
        fetch.headers.add("Accept", "application/json");
        fetch.not_before = not_before;
        fetch.attempt = task.attempts + 1;
        if (task.job != none) fetch.job = task.job;
        if (task.step != none) fetch.step = task.step;
        fetch.skip_bytes = skip_bytes;
        in_flight.emplace(fetch.id, index);
        ready.push_back(std::move(fetch));
    }

    std::size_t start(Task task, EpochMs now = 0) {
        const std::size_t index = new_task(std::move(task));
        issue(index, now);
        return index;
    }

    // Repeats `index` when the policy allows; true if it will be repeated.
    bool retry(std::size_t index, const Diagnosis& diagnosis, EpochMs now, std::uint64_t skip_bytes = 0) {
        Task& task = tasks[index];
        const RetryDecision decision = decide_retry(options.retry, diagnosis, task.attempts, task.waited_ms,
                                                    jitter_seed_for(options.jitter_seed, index));
        if (!decision.retry) return false;
        task.waited_ms += decision.delay_ms;
        ++report.retries;
        if (task.step != none) ++report.jobs[task.job].steps[task.step].retries;
        issue(index, now + decision.delay_ms, skip_bytes);
        return true;
    }

    // ---- targets, lists ----------------------------------------------------------------

    void start_target(std::size_t t) {
        const CiTarget& target = targets[t];
        const std::string slug = target.project.text();
        switch (target.kind) {
            case CiTargetKind::job:
                if (target.job_number) add_job(t, target.project, *target.job_number, "", "", target.container);
                break;
            case CiTargetKind::pipeline:
                if (!target.pipeline_number) break;
                start(Task{FetchKind::pipeline, t,
                           api("/api/v2/project/" + slug + "/pipeline/" + std::to_string(*target.pipeline_number))});
                break;
            case CiTargetKind::workflow:
                if (target.workflow_id)
                    start_list(FetchKind::workflow_jobs, t, "/api/v2/workflow/" + percent_encode(*target.workflow_id) + "/job");
                break;
            case CiTargetKind::project:
                scans[t].list = start_list(FetchKind::pipelines, t, "/api/v2/project/" + slug + "/pipeline");
                break;
        }
    }

    std::size_t start_list(FetchKind kind, std::size_t target, std::string path, std::size_t job = none) {
        lists.push_back(ListState{kind, target, std::move(path), PageGuard(options.max_pages), job});
        const std::size_t index = lists.size() - 1;
        ++target_states[target].open_lists;
        request_page(index, std::nullopt);
        return index;
    }

    void request_page(std::size_t list, const std::optional<std::string>& token) {
        ListState& l = lists[list];
        l.pending = true;
        Task task{l.kind, l.target, api(token ? with_page_token(l.path, *token) : l.path)};
        task.list = list;
        task.job = l.job;
        start(std::move(task));
    }

    void finish_list(std::size_t index) {
        ListState& list = lists[index];
        if (list.finished) return;
        list.finished = true;
        list.pending = false;
        --target_states[list.target].open_lists;
        if (list.kind == FetchKind::test_results) {
            jobs[list.job].tests_final = true;
            check_job_done(list.job);
        }
        if (list.kind == FetchKind::workflows && list.probe && !scans[list.target].adopted) {
            scans[list.target].examining = false;
            advance_scan(list.target);
        }
        target_settled(list.target);
    }

    // Notices once every list of a target has been read.
    void target_settled(std::size_t t) {
        TargetState& target = target_states[t];
        if (target.settled || target.open_lists > 0 || target.failed) return;
        if (targets[t].kind == CiTargetKind::job) return;
        if (const auto scan = scans.find(t); scan != scans.end() && !scan->second.adopted) return;
        target.settled = true;
        if (target.approvals_skipped > 0) {
            report.notices.push_back({NoticeCode::approval_jobs_skipped, t,
                                      std::to_string(target.approvals_skipped) + " approval job(s)"});
        }
        if (target.jobs_found == 0) report.notices.push_back({NoticeCode::no_failed_jobs, t, ""});
    }

    void stop_scan(std::size_t t) {
        scans[t].stopped = true;
        finish_list(scans[t].list);
    }

    void advance_scan(std::size_t t) {
        ProjectScan& scan = scans[t];
        const ListState& pipelines = lists[scan.list];
        if (scan.stopped || scan.examining || pipelines.pending) return;
        if (target_states[t].failed) {
            stop_scan(t);
            return;
        }
        if (scan.examined >= options.max_pipelines_examined ||
            (scan.candidates.empty() && !pipelines.deferred)) {
            report.notices.push_back({NoticeCode::no_failed_pipeline, t,
                                      "looked at " + std::to_string(scan.examined) + " pipeline(s)"});
            stop_scan(t);
            return;
        }
        if (scan.candidates.empty()) {
            const std::string token = *pipelines.deferred;
            lists[scan.list].deferred.reset();
            request_page(scan.list, token);
            return;
        }
        const std::string id = scan.candidates.front();
        scan.candidates.pop_front();
        ++scan.examined;
        scan.examining = true;
        const std::size_t list = start_list(FetchKind::workflows, t, "/api/v2/pipeline/" + percent_encode(id) + "/workflow");
        lists[list].probe = true;
    }

    void fail_target(std::size_t t, FetchKind kind, const Diagnosis& diagnosis) {
        report.errors.push_back({t, kind, diagnosis});
        target_states[t].failed = true;
    }

    // A page arrived for `list`: read its items, then follow or stop.
    void on_page(std::size_t index, Page page) {
        ListState& list = lists[index];
        list.pending = false;
        std::vector<json> fresh;
        for (auto& item : page.items)
            if (list.seen.insert(item_key(item)).second) fresh.push_back(std::move(item));
        const PageStep step = list.guard.after(page);
        if (step == PageStep::repeated_token)
            report.notices.push_back({NoticeCode::pagination_loop, list.target, std::string(id(list.kind))});
        if (step == PageStep::page_cap)
            report.notices.push_back({NoticeCode::page_cap_reached, list.target,
                                      std::string(id(list.kind)) + " after " + std::to_string(list.guard.pages()) +
                                          " pages"});
        switch (list.kind) {
            case FetchKind::pipelines:
                for (const auto& item : fresh) {
                    const std::string pipeline = string_of(item, "id");
                    if (!pipeline.empty()) scans[list.target].candidates.push_back(pipeline);
                }
                if (step == PageStep::next) list.deferred = page.next_page_token;
                advance_scan(list.target);
                return;
            case FetchKind::workflows: on_workflows(index, fresh); break;
            case FetchKind::workflow_jobs: on_workflow_jobs(index, fresh); break;
            case FetchKind::test_results: {
                auto& tests = report.jobs[list.job].tests;
                auto results = test_results_from_items(fresh);
                tests.insert(tests.end(), results.begin(), results.end());
                if (step == PageStep::end) report.jobs[list.job].tests_complete = true;
                break;
            }
            case FetchKind::pipeline:
            case FetchKind::job_details:
            case FetchKind::step_output: break;
        }
        if (step == PageStep::next) {
            request_page(index, page.next_page_token);
        } else {
            finish_list(index);
        }
    }

    void on_workflows(std::size_t index, const std::vector<json>& items) {
        const std::size_t t = lists[index].target;
        if (lists[index].probe && !scans[t].adopted) {
            const bool failed = std::any_of(items.begin(), items.end(),
                                            [](const json& w) { return workflow_failed(string_of(w, "status")); });
            if (!failed) return;
            scans[t].adopted = true;
            stop_scan(t);
        }
        for (const auto& workflow : items) {
            const std::string id = string_of(workflow, "id");
            if (id.empty() || !workflow_may_have_failed_jobs(string_of(workflow, "status"))) continue;
            const std::size_t list = start_list(FetchKind::workflow_jobs, t, "/api/v2/workflow/" + percent_encode(id) + "/job");
            lists[list].workflow_name = string_of(workflow, "name");
        }
    }

    void on_workflow_jobs(std::size_t list_index, const std::vector<json>& items) {
        const ListState& list = lists[list_index];
        const std::size_t t = list.target;
        const std::string workflow = list.workflow_name;
        for (const auto& item : items) {
            if (!item.is_object()) continue;
            const auto number = integer_of(item, "job_number");
            if (!number) {
                ++target_states[t].approvals_skipped;
                continue;
            }
            const std::string status = string_of(item, "status");
            if (!job_failed(status)) continue;
            const auto slug = parse_project_slug(string_of(item, "project_slug"));
            add_job(t, slug.value_or(targets[t].project), *number, string_of(item, "name"), status, std::nullopt,
                    workflow);
        }
    }

    // ---- jobs --------------------------------------------------------------------------

    void add_job(std::size_t t, const ProjectSlug& project, std::int64_t number, const std::string& name,
                 const std::string& status, std::optional<std::int64_t> container, const std::string& workflow = "") {
        if (!job_keys.insert({project.text(), number}).second) return;
        ++target_states[t].jobs_found;
        if (report.jobs.size() >= options.max_jobs) {
            if (!target_states[t].job_cap_noted) {
                report.notices.push_back({NoticeCode::job_cap_reached, t, std::to_string(options.max_jobs) + " jobs"});
                target_states[t].job_cap_noted = true;
            }
            return;
        }
        JobReport job;
        job.target = t;
        job.project = project;
        job.number = number;
        job.name = name;
        job.status = status;
        job.workflow = workflow;
        job.container = container;
        report.jobs.push_back(std::move(job));
        jobs.emplace_back();
        const std::size_t j = report.jobs.size() - 1;
        Task details{FetchKind::job_details, t,
                     api("/api/v1.1/project/" + v1_project_path(project) + "/" + std::to_string(number))};
        details.job = j;
        start(std::move(details));
        if (options.test_results) {
            jobs[j].tests_final = false;
            start_list(FetchKind::test_results, t,
                       "/api/v2/project/" + project.text() + "/" + std::to_string(number) + "/tests", j);
        }
    }

    void check_job_done(std::size_t j) {
        JobState& state = jobs[j];
        if (state.done_reported || !state.details_final || state.steps_open > 0 || !state.tests_final ||
            state.refreshing)
            return;
        state.done_reported = true;
        report.jobs[j].done = true;
        effects.jobs_done.push_back(j);
    }

    void final_step(std::size_t j, std::size_t s, StepCompleteness flag) {
        StepReport& step = report.jobs[j].steps[s];
        if (step.completeness) return;
        step.completeness = flag;
        --jobs[j].steps_open;
        effects.steps_final.emplace_back(j, s);
    }

    void fetch_step(std::size_t j, std::size_t s, EpochMs now) {
        const StepReport& step = report.jobs[j].steps[s];
        const auto url = jobs[j].urls.find({step.step.value_or(0), step.container});
        if (url == jobs[j].urls.end()) {
            final_step(j, s, {Completeness::missing, std::nullopt});
            return;
        }
        Task task{FetchKind::step_output, report.jobs[j].target, url->second, false};
        task.job = j;
        task.step = s;
        task.generation = jobs[j].generation;
        task.resumed = step.bytes > 0;
        issue(new_task(std::move(task)), now, step.bytes);
    }

    void on_details(std::size_t index, const Outcome& outcome, EpochMs now) {
        const Task task = tasks[index];
        const std::size_t j = task.job;
        JobReport& job = report.jobs[j];
        JobState& state = jobs[j];
        ++job.details_fetches;
        std::optional<json> body;
        std::optional<Diagnosis> failure;
        if (success(outcome)) {
            body = parse_json(outcome.body);
            if (!body || !body->is_object() || body->find("steps") == body->end()) {
                failure = diagnosis_for(Reason::unexpected_response);
            }
        } else {
            const Diagnosis diagnosis = classify(outcome);
            if (retry(index, diagnosis, now)) return;
            failure = diagnosis;
        }
        if (failure) {
            if (task.refresh) {
                state.refreshing = false;
                for (const std::size_t s : state.waiting) {
                    final_step(j, s, job.steps[s].bytes > 0 ? StepCompleteness{Completeness::truncated, std::nullopt}
                                                            : StepCompleteness{Completeness::failed, failure->reason});
                }
                state.waiting.clear();
            } else {
                job.error = failure;
                state.details_final = true;
            }
            check_job_done(j);
            return;
        }
        state.urls = output_urls(*body);
        ++state.generation;
        if (task.refresh) {
            state.refreshing = false;
            const auto waiting = std::move(state.waiting);
            state.waiting.clear();
            for (const std::size_t s : waiting) {
                ++job.steps[s].url_refreshes;
                fetch_step(j, s, now);
            }
            check_job_done(j);
            return;
        }
        auto parsed = log::parse_job_details(outcome.body);
        if (!parsed.details) job.error = diagnosis_for(Reason::unexpected_response);
        if (parsed.details) {
            const log::JobDetails& details = *parsed.details;
            if (!details.name.empty()) job.name = details.name;
            if (!details.status.empty()) job.status = details.status;
            job.web_url = details.web_url;
            for (const auto& action : details.actions) {
                if (!log::action_failed(action)) continue;
                if (job.container && action.index != *job.container) continue;
                StepReport step;
                step.name = action.step_name;
                step.step = action.step;
                step.container = action.index;
                step.status = action.status;
                step.exit_code = action.exit_code;
                step.truncated_by_circleci = action.truncated;
                job.steps.push_back(std::move(step));
            }
            job.details = std::move(parsed.details);
        }
        const std::string build_url = string_of(*body, "build_url");
        if (!build_url.empty()) job.web_url = build_url;
        state.details_final = true;
        state.steps_open = job.steps.size();
        if (job.details) effects.jobs_with_details.push_back(j);
        for (std::size_t s = 0; s < job.steps.size(); ++s) fetch_step(j, s, now);
        check_job_done(j);
    }

    void refresh_urls(std::size_t j, std::size_t s, EpochMs now) {
        JobState& state = jobs[j];
        state.waiting.push_back(s);
        if (state.refreshing) return;
        state.refreshing = true;
        ++state.refreshes;
        Task task{FetchKind::job_details, report.jobs[j].target,
                  api("/api/v1.1/project/" + v1_project_path(report.jobs[j].project) + "/" +
                      std::to_string(report.jobs[j].number))};
        task.job = j;
        task.refresh = true;
        start(std::move(task), now);
    }

    void on_step_output(std::size_t index, const Outcome& outcome, EpochMs now, std::uint64_t streamed) {
        Task& task = tasks[index];
        const std::size_t j = task.job;
        const std::size_t s = task.step;
        StepReport& step = report.jobs[j].steps[s];
        JobState& state = jobs[j];
        ++step.fetches;
        step.bytes += streamed;
        bytes += streamed;
        if (success(outcome)) {
            const Completeness c = step.truncated_by_circleci ? Completeness::truncated
                                   : (step.url_refreshes > 0 || task.resumed) ? Completeness::refetched
                                                                              : Completeness::complete;
            final_step(j, s, {c, std::nullopt});
            check_job_done(j);
            return;
        }
        if (outcome.transport == Transport::none && outcome.status == 403) {
            // A presigned URL past its expiry (S3 answers 403): ask for fresh job details once
            // per generation; a URL older than the latest is simply replaced.
            if (task.generation < state.generation) {
                ++step.url_refreshes;
                fetch_step(j, s, now);
                return;
            }
            if (state.refreshing || state.refreshes < options.max_url_refreshes) {
                refresh_urls(j, s, now);
                return;
            }
        }
        if (outcome.transport == Transport::none && (outcome.status == 404 || outcome.status == 410)) {
            final_step(j, s, {Completeness::missing, std::nullopt});
            check_job_done(j);
            return;
        }
        Outcome classified = outcome;
        classified.endpoint = Endpoint::step_output;
        const Diagnosis diagnosis = classify(classified);
        if (streamed > 0) task.resumed = true;
        if (retry(index, diagnosis, now, step.bytes)) return;
        final_step(j, s, step.bytes > 0 ? StepCompleteness{Completeness::truncated, std::nullopt}
                                        : StepCompleteness{Completeness::failed, diagnosis.reason});
        check_job_done(j);
    }

    void on_list_answer(std::size_t index, const Outcome& outcome, EpochMs now) {
        const Task task = tasks[index];
        std::optional<Diagnosis> failure;
        if (success(outcome)) {
            auto body = parse_json(outcome.body);
            auto page = body ? page_from_json(std::move(*body)) : std::nullopt;
            if (page) {
                on_page(task.list, std::move(*page));
                return;
            }
            failure = diagnosis_for(Reason::unexpected_response);
        } else {
            Outcome classified = outcome;
            classified.endpoint = info(task.kind).endpoint;
            const Diagnosis diagnosis = classify(classified);
            if (retry(index, diagnosis, now)) return;
            failure = diagnosis;
        }
        if (task.kind == FetchKind::test_results) {
            report.jobs[task.job].tests_error = failure;
        } else {
            fail_target(task.target, task.kind, *failure);
        }
        if (task.kind == FetchKind::pipelines) scans[task.target].stopped = true;
        finish_list(task.list);
    }

    void on_pipeline(std::size_t index, const Outcome& outcome, EpochMs now) {
        const Task task = tasks[index];
        if (success(outcome)) {
            const auto body = parse_json(outcome.body);
            const std::string id = body ? string_of(*body, "id") : std::string();
            if (!id.empty()) {
                start_list(FetchKind::workflows, task.target, "/api/v2/pipeline/" + percent_encode(id) + "/workflow");
                return;
            }
            fail_target(task.target, task.kind, diagnosis_for(Reason::unexpected_response));
            return;
        }
        Outcome classified = outcome;
        classified.endpoint = info(task.kind).endpoint;
        const Diagnosis diagnosis = classify(classified);
        if (retry(index, diagnosis, now)) return;
        fail_target(task.target, task.kind, diagnosis);
    }

    DeliveryEffects deliver(std::uint64_t id, const Outcome& outcome, EpochMs now, std::uint64_t streamed) {
        effects = DeliveryEffects{};
        const auto it = in_flight.find(id);
        if (it == in_flight.end()) return {};
        const std::size_t index = it->second;
        in_flight.erase(it);
        ready.erase(std::remove_if(ready.begin(), ready.end(), [&](const PlannedFetch& f) { return f.id == id; }),
                    ready.end());
        ++tasks[index].attempts;
        ++report.requests;
        switch (tasks[index].kind) {
            case FetchKind::pipeline: on_pipeline(index, outcome, now); break;
            case FetchKind::pipelines:
            case FetchKind::workflows:
            case FetchKind::workflow_jobs:
            case FetchKind::test_results: on_list_answer(index, outcome, now); break;
            case FetchKind::job_details: on_details(index, outcome, now); break;
            case FetchKind::step_output: on_step_output(index, outcome, now, streamed); break;
        }
        return std::move(effects);
    }
};

Retrieval::Retrieval(std::vector<CiTarget> targets, RetrievalOptions options)
    : state_(std::make_unique<State>(std::move(targets), std::move(options))) {}
Retrieval::~Retrieval() = default;
Retrieval::Retrieval(Retrieval&&) noexcept = default;
Retrieval& Retrieval::operator=(Retrieval&&) noexcept = default;

std::vector<PlannedFetch> Retrieval::take_fetches() {
    std::vector<PlannedFetch> out;
    out.swap(state_->ready);
    return out;
}

DeliveryEffects Retrieval::deliver(std::uint64_t id, const Outcome& outcome, EpochMs now,
                                   std::uint64_t streamed_bytes) {
    return state_->deliver(id, outcome, now, streamed_bytes);
}

bool Retrieval::done() const noexcept { return state_->in_flight.empty(); }

const RetrievalReport& Retrieval::report() const noexcept { return state_->report; }

RetrievalProgress Retrieval::progress() const noexcept {
    return {static_cast<std::size_t>(state_->report.requests), static_cast<std::size_t>(state_->next_id - 1),
            state_->bytes};
}

}  // namespace cci
