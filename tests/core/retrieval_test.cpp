#include "cci/retrieval.hpp"

#include <functional>
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "fixtures.hpp"

using cci::Completeness;
using cci::FetchKind;
using cci::Outcome;
using cci::PlannedFetch;
using cci::Reason;
using cci::Retrieval;
using cci::RetrievalOptions;
using nlohmann::json;

namespace {

constexpr const char* api = "https://circleci.example";
constexpr cci::EpochMs t0 = 1'700'000'000'000;

cci::CiTarget target(std::string_view text) {
    auto parsed = cci::parse_circleci_url(text);
    REQUIRE(std::holds_alternative<cci::CiTarget>(parsed));
    return std::get<cci::CiTarget>(parsed);
}

RetrievalOptions options() {
    RetrievalOptions o;
    o.api_origin = api;
    o.jitter_seed = 7;
    return o;
}

Outcome answer(int status, std::string body = "", cci::Headers headers = {}) {
    Outcome o;
    o.status = status;
    o.body = std::move(body);
    o.headers = std::move(headers);
    return o;
}

Outcome broken(cci::Transport transport) {
    Outcome o;
    o.transport = transport;
    return o;
}

// What a responder returns for one fetch: the outcome, and for step outputs the bytes streamed.
struct Reply {
    Outcome outcome;
    std::uint64_t streamed = 0;
};

// Drives `plan` to the end: answers every fetch with `respond`, in order, with a clock that
// jumps to each fetch's `not_before`. Returns every fetch made.
std::vector<PlannedFetch> drive(Retrieval& plan, const std::function<Reply(const PlannedFetch&)>& respond) {
    std::vector<PlannedFetch> made;
    std::vector<PlannedFetch> queue;
    cci::EpochMs now = t0;
    for (int guard = 0; guard < 10'000; ++guard) {
        for (auto& f : plan.take_fetches()) queue.push_back(std::move(f));
        if (queue.empty()) break;
        const PlannedFetch fetch = queue.front();
        queue.erase(queue.begin());
        now = std::max(now, fetch.not_before);
        made.push_back(fetch);
        const Reply reply = respond(fetch);
        plan.deliver(fetch.id, reply.outcome, now, reply.streamed);
    }
    CHECK(plan.done());
    return made;
}

struct Action {
    std::int64_t step;
    std::string name;
    std::int64_t index;
    bool failed;
    bool has_output = true;
};

std::string output_url(std::int64_t step, std::int64_t index, int generation = 1) {
    return "https://storage.example/out-" + std::to_string(step) + "-" + std::to_string(index) +
           "?X-Amz-Signature=g" + std::to_string(generation);
}

// A v1.1 job-details document; each action's output URL carries `generation`.
std::string v1_job(std::int64_t number, const std::vector<Action>& actions, int generation = 1) {
    json steps = json::array();
    for (const auto& a : actions) {
        json action = {{"step", a.step},     {"index", a.index},
                       {"name", a.name},     {"status", a.failed ? "failed" : "success"},
                       {"failed", a.failed ? json(true) : json(nullptr)},
                       {"exit_code", a.failed ? 1 : 0},
                       {"has_output", a.has_output}};
        if (a.has_output) action["output_url"] = output_url(a.step, a.index, generation);
        steps.push_back({{"name", a.name}, {"actions", json::array({action})}});
    }
    return json{{"build_num", number},
                {"status", "failed"},
                {"failed", true},
                {"build_url", "https://circleci.com/gh/acme/app/" + std::to_string(number)},
                {"workflows", {{"job_name", "unit"}}},
                {"steps", steps}}
        .dump();
}

std::string page(const json& items, const std::optional<std::string>& next = std::nullopt) {
    return json{{"items", items}, {"next_page_token", next ? json(*next) : json(nullptr)}}.dump();
}

bool has_notice(const cci::RetrievalReport& report, cci::NoticeCode code) {
    for (const auto& n : report.notices)
        if (n.code == code) return true;
    return false;
}

std::size_t count_kind(const std::vector<PlannedFetch>& made, FetchKind kind) {
    return static_cast<std::size_t>(
        std::count_if(made.begin(), made.end(), [&](const PlannedFetch& f) { return f.kind == kind; }));
}

}  // namespace

TEST_CASE("the fetch kind and notice tables cover every value in order with unique ids", "[retrieval]") {
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < cci::fetch_kind_table().size(); ++i) {
        CHECK(cci::fetch_kind_table()[i].kind == static_cast<FetchKind>(i));
        CHECK(ids.insert(cci::fetch_kind_table()[i].id).second);
    }
    ids.clear();
    for (std::size_t i = 0; i < cci::notice_code_table().size(); ++i) {
        const auto& row = cci::notice_code_table()[i];
        CHECK(row.code == static_cast<cci::NoticeCode>(i));
        CHECK_FALSE(row.message.empty());
        CHECK(ids.insert(row.id).second);
        CHECK(cci::parse_notice_code(row.id) == row.code);
    }
}

TEST_CASE("the API origin follows the pasted host", "[retrieval]") {
    CHECK(cci::api_origin_for(target("https://app.circleci.com/pipelines/gh/acme/app/45")) == "https://circleci.com");
    CHECK(cci::api_origin_for(target("https://circleci.com/gh/acme/app/1203")) == "https://circleci.com");
    CHECK(cci::api_origin_for(target("https://app.ci.corp.example/pipelines/gh/acme/app/45")) ==
          "https://ci.corp.example");
    CHECK(cci::api_origin_for(target("gh/acme/app 1203")) == "https://circleci.com");
}

TEST_CASE("a job URL: details and tests first, then every failed container's output without a token", "[retrieval]") {
    const std::string details = cci::testing::read_fixture("logs/circleci_job_parallel.json");
    Retrieval plan({target("https://circleci.com/gh/bullet-train-co/bullet_train/3270")}, options());
    auto first = plan.take_fetches();
    REQUIRE(first.size() == 2);
    CHECK(first[0].kind == FetchKind::job_details);
    CHECK(first[0].url == std::string(api) + "/api/v1.1/project/github/bullet-train-co/bullet_train/3270");
    CHECK(first[0].authenticated);
    CHECK(first[0].headers.find("Accept") == "application/json");
    CHECK(first[1].kind == FetchKind::test_results);
    CHECK(first[1].url == std::string(api) + "/api/v2/project/gh/bullet-train-co/bullet_train/3270/tests");
    CHECK_FALSE(plan.done());

    const auto effects = plan.deliver(first[0].id, answer(200, details), t0);
    CHECK(effects.jobs_with_details == std::vector<std::size_t>{0});
    const auto outputs = plan.take_fetches();
    REQUIRE(outputs.size() == 1);  // one failed action: container 2 of "Install Google Chrome"
    CHECK(outputs[0].kind == FetchKind::step_output);
    CHECK_FALSE(outputs[0].authenticated);
    CHECK(outputs[0].url.rfind("https://circle-production-action-output.s3.amazonaws.com/", 0) == 0);
    CHECK(outputs[0].job == std::size_t{0});
    CHECK(outputs[0].step == std::size_t{0});
    const auto& job = plan.report().jobs.at(0);
    REQUIRE(job.steps.size() == 1);
    CHECK(job.steps[0].name == "Install Google Chrome");
    CHECK(job.steps[0].container == 2);
    CHECK(job.steps[0].exit_code == 56);
    CHECK(job.details);
    CHECK(job.web_url == "https://circleci.com/gh/bullet-train-co/bullet_train/3270");

    const auto output_effects = plan.deliver(outputs[0].id, answer(200), t0 + 10, 4'321);
    CHECK(output_effects.steps_final == std::vector<std::pair<std::size_t, std::size_t>>{{0, 0}});
    CHECK(output_effects.jobs_done.empty());  // the tests are still out
    const auto done_effects = plan.deliver(first[1].id, answer(200, page(json::array())), t0 + 20);
    CHECK(done_effects.jobs_done == std::vector<std::size_t>{0});
    CHECK(plan.done());
    const auto& final_job = plan.report().jobs.at(0);
    CHECK(final_job.steps[0].completeness == cci::StepCompleteness{Completeness::complete, std::nullopt});
    CHECK(final_job.steps[0].bytes == 4'321);
    CHECK(final_job.tests_complete);
    CHECK(plan.progress().bytes == 4'321);
    CHECK(plan.report().requests == 3);
    CHECK(cci::summarize(plan.report()).reason == Reason::ok);
}

TEST_CASE("a parallel-runs URL keeps only that container's steps", "[retrieval]") {
    Retrieval plan({target("https://app.circleci.com/pipelines/gh/acme/app/9/workflows/"
                           "8f9c2b1e-3c4d-4e5f-8a6b-7c8d9e0f1a2b/jobs/77/parallel-runs/1")},
                   options());
    const auto made = drive(plan, [](const PlannedFetch& f) -> Reply {
        if (f.kind == FetchKind::job_details)
            return {answer(200, v1_job(77, {{102, "Test", 0, true}, {102, "Test", 1, true}, {102, "Test", 2, true}}))};
        if (f.kind == FetchKind::test_results) return {answer(200, page(json::array()))};
        return {answer(200), 10};
    });
    const auto& steps = plan.report().jobs.at(0).steps;
    REQUIRE(steps.size() == 1);
    CHECK(steps[0].container == 1);
    CHECK(count_kind(made, FetchKind::step_output) == 1);
}

TEST_CASE("a pipeline URL walks workflows and jobs page by page, skipping approvals and passing jobs", "[retrieval]") {
    const std::string wf_ok = "11111111-1111-4111-8111-111111111111";
    const std::string wf_bad = "22222222-2222-4222-8222-222222222222";
    Retrieval plan({target("https://app.circleci.com/pipelines/github/acme/app/45")}, options());
    std::vector<std::string> urls;
    const auto made = drive(plan, [&](const PlannedFetch& f) -> Reply {
        urls.push_back(f.url);
        const std::string path = f.url.substr(std::string(api).size());
        if (path == "/api/v2/project/github/acme/app/pipeline/45")
            return {answer(200, json{{"id", "pipe/1"}, {"number", 45}}.dump())};
        if (path == "/api/v2/pipeline/pipe%2F1/workflow")
            return {answer(200, page(json::array({{{"id", wf_ok}, {"name", "lint"}, {"status", "success"}}}), "w+2"))};
        if (path == "/api/v2/pipeline/pipe%2F1/workflow?page-token=w%2B2")
            return {answer(200, page(json::array({{{"id", wf_bad}, {"name", "build"}, {"status", "failed"}}})))};
        if (path == "/api/v2/workflow/" + wf_bad + "/job")
            return {answer(200, page(json::array({{{"name", "hold"}, {"type", "approval"}, {"status", "on_hold"}},
                                                  {{"job_number", 10}, {"name", "ok"}, {"status", "success"},
                                                   {"project_slug", "gh/acme/app"}}}),
                                     "j2"))};
        if (path == "/api/v2/workflow/" + wf_bad + "/job?page-token=j2")
            return {answer(200, page(json::array({{{"job_number", 11}, {"name", "unit"}, {"status", "failed"},
                                                   {"project_slug", "gh/acme/app"}}})))};
        if (f.kind == FetchKind::job_details) return {answer(200, v1_job(11, {{102, "Run tests", 0, true}}))};
        if (f.kind == FetchKind::test_results) return {answer(200, page(json::array()))};
        if (f.kind == FetchKind::step_output) return {answer(200), 100};
        FAIL("unexpected request " << f.url);
        return {};
    });
    for (const auto& url : urls) CHECK(url.find("/workflow/" + wf_ok) == std::string::npos);
    const auto& report = plan.report();
    REQUIRE(report.jobs.size() == 1);
    CHECK(report.jobs[0].number == 11);
    CHECK(report.jobs[0].workflow == "build");
    CHECK(report.jobs[0].project.text() == "gh/acme/app");
    CHECK(report.jobs[0].steps.at(0).completeness->completeness == Completeness::complete);
    CHECK(has_notice(report, cci::NoticeCode::approval_jobs_skipped));
    CHECK_FALSE(has_notice(report, cci::NoticeCode::no_failed_jobs));
    CHECK(cci::summarize(report).complete);
    CHECK(made.size() == 8);
}

TEST_CASE("a list that hands out its token again stops, keeps what it read and says so", "[retrieval]") {
    const std::string wf = "33333333-3333-4333-8333-333333333333";
    Retrieval plan({target("https://app.circleci.com/pipelines/gh/acme/app/41/workflows/" + wf)}, options());
    std::size_t list_requests = 0;
    drive(plan, [&](const PlannedFetch& f) -> Reply {
        if (f.kind == FetchKind::workflow_jobs) {
            ++list_requests;
            return {answer(200, page(json::array({{{"id", "j1"}, {"job_number", 1}, {"status", "failed"}}}), "LOOP"))};
        }
        if (f.kind == FetchKind::job_details) return {answer(200, v1_job(1, {}))};
        return {answer(200, page(json::array()))};
    });
    CHECK(list_requests == 2);
    CHECK(plan.report().jobs.size() == 1);
    CHECK(has_notice(plan.report(), cci::NoticeCode::pagination_loop));
    CHECK_FALSE(cci::summarize(plan.report()).complete);
}

TEST_CASE("a list longer than the page cap stops at the cap", "[retrieval]") {
    auto o = options();
    o.max_pages = 3;
    Retrieval plan({target("https://app.circleci.com/pipelines/gh/acme/app/41/workflows/"
                           "33333333-3333-4333-8333-333333333333")},
                   o);
    int n = 0;
    drive(plan, [&](const PlannedFetch& f) -> Reply {
        if (f.kind == FetchKind::workflow_jobs) return {answer(200, page(json::array(), "p" + std::to_string(++n)))};
        return {answer(200, page(json::array()))};
    });
    CHECK(n == 3);
    CHECK(has_notice(plan.report(), cci::NoticeCode::page_cap_reached));
}

TEST_CASE("transient failures are retried with backoff, final ones are reported with their reason", "[retrieval]") {
    SECTION("a 502 then an answer") {
        Retrieval plan({target("gh/acme/app 5")}, options());
        int details = 0;
        const auto made = drive(plan, [&](const PlannedFetch& f) -> Reply {
            if (f.kind == FetchKind::job_details)
                return ++details == 1 ? Reply{answer(502, "<html><title>502 Bad Gateway</title></html>")}
                                      : Reply{answer(200, v1_job(5, {}))};
            return {answer(200, page(json::array()))};
        });
        REQUIRE(details == 2);
        const auto second = std::find_if(made.begin(), made.end(), [](const PlannedFetch& f) {
            return f.kind == FetchKind::job_details && f.attempt == 2;
        });
        REQUIRE(second != made.end());
        CHECK(second->not_before >= t0 + 125);
        CHECK(second->not_before <= t0 + 250);
        CHECK(plan.report().retries == 1);
        CHECK_FALSE(plan.report().jobs[0].error);
    }
    SECTION("a 429 waits what Retry-After asks") {
        Retrieval plan({target("gh/acme/app 5")}, options());
        int details = 0;
        const auto made = drive(plan, [&](const PlannedFetch& f) -> Reply {
            if (f.kind == FetchKind::job_details)
                return ++details == 1 ? Reply{answer(429, "Rate limited.", {{"Retry-After", "2"}})}
                                      : Reply{answer(200, v1_job(5, {}))};
            return {answer(200, page(json::array()))};
        });
        const auto second = std::find_if(made.begin(), made.end(), [](const PlannedFetch& f) {
            return f.kind == FetchKind::job_details && f.attempt == 2;
        });
        REQUIRE(second != made.end());
        CHECK(second->not_before >= t0 + 2'000);
        CHECK(second->not_before < t0 + 2'250);
    }
    SECTION("a 429 naming only RateLimit-Reset waits that long") {
        Retrieval plan({target("gh/acme/app 5")}, options());
        int details = 0;
        const auto made = drive(plan, [&](const PlannedFetch& f) -> Reply {
            if (f.kind == FetchKind::job_details)
                return ++details == 1 ? Reply{answer(429, "{}", {{"RateLimit-Reset", "3"}, {"RateLimit-Remaining", "0"}})}
                                      : Reply{answer(200, v1_job(5, {}))};
            return {answer(200, page(json::array()))};
        });
        const auto second = std::find_if(made.begin(), made.end(), [](const PlannedFetch& f) {
            return f.kind == FetchKind::job_details && f.attempt == 2;
        });
        REQUIRE(second != made.end());
        CHECK(second->not_before >= t0 + 3'000);
    }
    SECTION("a 429 asking for longer than the budget is not waited for") {
        Retrieval plan({target("gh/acme/app 5")}, options());
        drive(plan, [&](const PlannedFetch& f) -> Reply {
            if (f.kind == FetchKind::job_details) return {answer(429, "{}", {{"Retry-After", "3600"}})};
            return {answer(200, page(json::array()))};
        });
        REQUIRE(plan.report().jobs[0].error);
        CHECK(plan.report().jobs[0].error->reason == Reason::rate_limited);
        CHECK(plan.report().retries == 0);
        CHECK(cci::summarize(plan.report()).reason == Reason::rate_limited);
    }
    SECTION("resets until the tries run out") {
        Retrieval plan({target("gh/acme/app 5")}, options());
        int details = 0;
        drive(plan, [&](const PlannedFetch& f) -> Reply {
            if (f.kind == FetchKind::job_details) {
                ++details;
                return {broken(cci::Transport::connect)};
            }
            return {answer(200, page(json::array()))};
        });
        CHECK(details == options().retry.max_attempts);
        CHECK(plan.report().jobs[0].error->reason == Reason::network_unreachable);
    }
    SECTION("a refusal is final at once") {
        Retrieval plan({target("gh/acme/app 5")}, options());
        drive(plan, [&](const PlannedFetch&) -> Reply { return {answer(401, R"({"message":"Invalid token provided."})")}; });
        CHECK(plan.report().retries == 0);
        CHECK(plan.report().jobs[0].error->reason == Reason::token_invalid);
        CHECK(plan.report().jobs[0].tests_error->reason == Reason::token_invalid);
    }
    SECTION("the same seed gives the same waits") {
        const auto waits = [] {
            Retrieval plan({target("gh/acme/app 5")}, options());
            std::vector<cci::EpochMs> out;
            drive(plan, [&](const PlannedFetch& f) -> Reply {
                out.push_back(f.not_before);
                return {answer(503, "")};
            });
            return out;
        };
        CHECK(waits() == waits());
    }
}

TEST_CASE("expired output URLs: one job-details refetch serves every step, which ends refetched", "[retrieval]") {
    Retrieval plan({target("gh/acme/app 8")}, options());
    int details = 0;
    std::vector<std::string> output_urls;
    const auto made = drive(plan, [&](const PlannedFetch& f) -> Reply {
        if (f.kind == FetchKind::job_details) {
            ++details;
            return {answer(200, v1_job(8, {{102, "A", 0, true}, {103, "B", 0, true}, {104, "C", 0, true}}, details))};
        }
        if (f.kind == FetchKind::test_results) return {answer(200, page(json::array()))};
        output_urls.push_back(f.url);
        if (f.url.find("=g1") != std::string::npos)
            return {answer(403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>")};
        return {answer(200), 50};
    });
    CHECK(details == 2);
    CHECK(output_urls.size() == 6);
    for (const auto& step : plan.report().jobs[0].steps) {
        CHECK(step.completeness == cci::StepCompleteness{Completeness::refetched, std::nullopt});
        CHECK(step.url_refreshes == 1);
        CHECK(step.fetches == 2);
        CHECK(step.bytes == 50);
    }
    CHECK(plan.report().jobs[0].details_fetches == 2);
    CHECK(cci::summarize(plan.report()).complete);
}

TEST_CASE("output URLs that stay forbidden end failed:permission_denied after the refetch cap", "[retrieval]") {
    Retrieval plan({target("gh/acme/app 8")}, options());
    int details = 0;
    drive(plan, [&](const PlannedFetch& f) -> Reply {
        if (f.kind == FetchKind::job_details) return {answer(200, v1_job(8, {{102, "A", 0, true}}, ++details))};
        if (f.kind == FetchKind::test_results) return {answer(200, page(json::array()))};
        return {answer(403, "<Error><Code>AccessDenied</Code></Error>")};
    });
    CHECK(details == 1 + options().max_url_refreshes);
    const auto& step = plan.report().jobs[0].steps.at(0);
    CHECK(cci::to_text(*step.completeness) == "failed:permission_denied");
    CHECK(cci::summarize(plan.report()).reason == Reason::permission_denied);
}

TEST_CASE("a cut-off output is resumed past the bytes already delivered", "[retrieval]") {
    SECTION("cut once: refetched, every byte once") {
        Retrieval plan({target("gh/acme/app 8")}, options());
        std::vector<std::uint64_t> skips;
        drive(plan, [&](const PlannedFetch& f) -> Reply {
            if (f.kind == FetchKind::job_details) return {answer(200, v1_job(8, {{102, "A", 0, true}}))};
            if (f.kind == FetchKind::test_results) return {answer(200, page(json::array()))};
            skips.push_back(f.skip_bytes);
            if (skips.size() == 1) return {broken(cci::Transport::connect), 65'536};
            return {answer(200), 34'464};
        });
        CHECK(skips == std::vector<std::uint64_t>{0, 65'536});
        const auto& step = plan.report().jobs[0].steps.at(0);
        CHECK(step.completeness == cci::StepCompleteness{Completeness::refetched, std::nullopt});
        CHECK(step.bytes == 100'000);
        CHECK(step.retries == 1);
    }
    SECTION("cut every time: truncated") {
        Retrieval plan({target("gh/acme/app 8")}, options());
        drive(plan, [&](const PlannedFetch& f) -> Reply {
            if (f.kind == FetchKind::job_details) return {answer(200, v1_job(8, {{102, "A", 0, true}}))};
            if (f.kind == FetchKind::test_results) return {answer(200, page(json::array()))};
            return {broken(cci::Transport::connect), f.skip_bytes == 0 ? 1'000u : 0u};
        });
        const auto& step = plan.report().jobs[0].steps.at(0);
        CHECK(step.completeness == cci::StepCompleteness{Completeness::truncated, std::nullopt});
        CHECK(step.fetches == options().retry.max_attempts);
        CHECK(step.bytes == 1'000);
    }
    SECTION("never any byte: failed with the transport's reason") {
        Retrieval plan({target("gh/acme/app 8")}, options());
        drive(plan, [&](const PlannedFetch& f) -> Reply {
            if (f.kind == FetchKind::job_details) return {answer(200, v1_job(8, {{102, "A", 0, true}}))};
            if (f.kind == FetchKind::test_results) return {answer(200, page(json::array()))};
            return {answer(500, R"({"message":"Internal server error."})")};
        });
        const auto& step = plan.report().jobs[0].steps.at(0);
        CHECK(cci::to_text(*step.completeness) == "failed:server_error");
        CHECK(step.retries == options().retry.max_attempts - 1);
    }
}

TEST_CASE("steps without output, or whose output is gone, are missing, truncated ones say so", "[retrieval]") {
    Retrieval plan({target("gh/acme/app 8")}, options());
    drive(plan, [&](const PlannedFetch& f) -> Reply {
        if (f.kind == FetchKind::job_details) {
            auto doc = json::parse(v1_job(8, {{102, "A", 0, true, false}, {103, "B", 0, true}, {104, "C", 0, true}}));
            doc["steps"][2]["actions"][0]["truncated"] = true;
            return {answer(200, doc.dump())};
        }
        if (f.kind == FetchKind::test_results) return {answer(200, page(json::array()))};
        if (f.url.find("out-103") != std::string::npos) return {answer(404, "<Error><Code>NoSuchKey</Code></Error>")};
        return {answer(200), 10};
    });
    const auto& steps = plan.report().jobs[0].steps;
    REQUIRE(steps.size() == 3);
    CHECK(steps[0].completeness->completeness == Completeness::missing);
    CHECK(steps[0].fetches == 0);
    CHECK(steps[1].completeness->completeness == Completeness::missing);
    CHECK(steps[2].completeness->completeness == Completeness::truncated);
    CHECK(cci::summarize(plan.report()).reason == Reason::ok);
}

TEST_CASE("test results are read page by page and kept with the job", "[retrieval]") {
    Retrieval plan({target("gh/acme/app 8")}, options());
    drive(plan, [&](const PlannedFetch& f) -> Reply {
        if (f.kind == FetchKind::job_details) return {answer(200, v1_job(8, {}))};
        if (f.url.find("page-token=") == std::string::npos)
            return {answer(200, page(json::array({{{"name", "a"}, {"result", "success"}}}), "t2"))};
        return {answer(200, page(json::array({{{"name", "b"}, {"result", "failure"}, {"message", "boom"}}})))};
    });
    const auto& job = plan.report().jobs[0];
    REQUIRE(job.tests.size() == 2);
    CHECK(cci::test_failed(job.tests[1]));
    CHECK(job.tests_complete);
    CHECK(job.done);
}

TEST_CASE("a project URL reads recent pipelines until one failed, fetching pipeline pages lazily", "[retrieval]") {
    Retrieval plan({target("https://app.circleci.com/pipelines/gh/acme/app")}, options());
    std::vector<std::string> paths;
    drive(plan, [&](const PlannedFetch& f) -> Reply {
        const std::string path = f.url.substr(std::string(api).size());
        paths.push_back(path);
        if (path == "/api/v2/project/gh/acme/app/pipeline")
            return {answer(200, page(json::array({{{"id", "p3"}}, {{"id", "p2"}}}), "more"))};
        if (path == "/api/v2/project/gh/acme/app/pipeline?page-token=more")
            return {answer(200, page(json::array({{{"id", "p1"}}})))};
        if (path == "/api/v2/pipeline/p3/workflow")
            return {answer(200, page(json::array({{{"id", "w3"}, {"status", "success"}}})))};
        if (path == "/api/v2/pipeline/p2/workflow")
            return {answer(200, page(json::array({{{"id", "w2"}, {"status", "failed"}, {"name", "ci"}}})))};
        if (path == "/api/v2/workflow/w2/job")
            return {answer(200, page(json::array({{{"job_number", 20}, {"status", "failed"}}})))};
        if (f.kind == FetchKind::job_details) return {answer(200, v1_job(20, {}))};
        if (f.kind == FetchKind::test_results) return {answer(200, page(json::array()))};
        FAIL("unexpected request " << path);
        return {};
    });
    CHECK(std::find(paths.begin(), paths.end(), "/api/v2/project/gh/acme/app/pipeline?page-token=more") == paths.end());
    CHECK(std::find(paths.begin(), paths.end(), "/api/v2/pipeline/p1/workflow") == paths.end());
    REQUIRE(plan.report().jobs.size() == 1);
    CHECK(plan.report().jobs[0].number == 20);
    CHECK(plan.report().notices.empty());

    SECTION("no failed pipeline at all") {
        Retrieval quiet({target("https://app.circleci.com/pipelines/gh/acme/app")}, options());
        std::size_t pipeline_pages = 0;
        drive(quiet, [&](const PlannedFetch& f) -> Reply {
            if (f.kind == FetchKind::pipelines)
                return ++pipeline_pages == 1 ? Reply{answer(200, page(json::array({{{"id", "p2"}}}), "more"))}
                                             : Reply{answer(200, page(json::array({{{"id", "p1"}}})))};
            return {answer(200, page(json::array({{{"id", "w"}, {"status", "success"}}})))};
        });
        CHECK(pipeline_pages == 2);
        CHECK(quiet.report().jobs.empty());
        CHECK(has_notice(quiet.report(), cci::NoticeCode::no_failed_pipeline));
        CHECK(cci::summarize(quiet.report()).complete);
    }
}

TEST_CASE("a pipeline that cannot be read is a target error with its reason", "[retrieval]") {
    Retrieval plan({target("https://app.circleci.com/pipelines/gh/acme/app/45"), target("gh/acme/app 9")}, options());
    drive(plan, [&](const PlannedFetch& f) -> Reply {
        if (f.kind == FetchKind::pipeline) return {answer(404, R"({"message":"Project not found"})")};
        if (f.kind == FetchKind::job_details) return {answer(200, v1_job(9, {}))};
        return {answer(200, page(json::array()))};
    });
    REQUIRE(plan.report().errors.size() == 1);
    CHECK(plan.report().errors[0].target == 0);
    CHECK(plan.report().errors[0].kind == FetchKind::pipeline);
    CHECK(plan.report().errors[0].diagnosis.reason == Reason::not_found_or_no_access);
    CHECK(plan.report().jobs.size() == 1);  // the other URL is unaffected
    const auto summary = cci::summarize(plan.report());
    CHECK(summary.reason == Reason::not_found_or_no_access);
    CHECK_FALSE(summary.complete);
}

TEST_CASE("a job named twice is fetched once", "[retrieval]") {
    Retrieval plan({target("gh/acme/app 9"), target("https://circleci.com/gh/acme/app/9")}, options());
    const auto made = drive(plan, [&](const PlannedFetch& f) -> Reply {
        if (f.kind == FetchKind::job_details) return {answer(200, v1_job(9, {}))};
        return {answer(200, page(json::array()))};
    });
    CHECK(count_kind(made, FetchKind::job_details) == 1);
    CHECK(plan.report().jobs.size() == 1);
}

TEST_CASE("the report and the manifest carry every step with its flag", "[retrieval]") {
    Retrieval plan({target("gh/acme/app 8")}, options());
    drive(plan, [&](const PlannedFetch& f) -> Reply {
        if (f.kind == FetchKind::job_details) return {answer(200, v1_job(8, {{102, "A", 0, true}, {103, "B", 3, true, false}}))};
        if (f.kind == FetchKind::test_results)
            return {answer(200, page(json::array({{{"name", "t"}, {"result", "failure"}, {"message", "x"}}})))};
        return {answer(200), 77};
    });
    const auto out = cci::to_json(plan.report(), {});
    CHECK(out["reason"] == "ok");
    CHECK(out["complete"] == true);
    REQUIRE(out["jobs"].size() == 1);
    const auto& job = out["jobs"][0];
    CHECK(job["job"] == 8);
    CHECK(job["status"] == "failed");
    CHECK(job["analysis"].is_null());
    CHECK(job["tests"]["failed"] == 1);
    REQUIRE(job["steps"].size() == 2);
    CHECK(job["steps"][0]["name"] == "A");
    CHECK(job["steps"][0]["container"] == 0);
    CHECK(job["steps"][0]["completeness"] == "complete");
    CHECK(job["steps"][0]["bytes"] == 77);
    CHECK(job["steps"][1]["completeness"] == "missing");

    const auto manifest = cci::manifest_json(plan.report());
    REQUIRE(manifest["files"].size() == 2);
    CHECK(manifest["files"][0]["file"] == "job-8-step-102-container-0.json");
    CHECK(manifest["files"][0]["step"] == "A");
    CHECK(manifest["files"][0]["completeness"] == "complete");
    CHECK(manifest["files"][0]["bytes"] == 77);
    CHECK(manifest["files"][1]["file"].is_null());
    CHECK(manifest["files"][1]["container"] == 3);
    for (const auto& entry : manifest["files"])
        for (const auto* key : {"file", "job", "step", "container", "completeness", "bytes"}) CHECK(entry.contains(key));
}

TEST_CASE("job details that are not v1.1 details fail the job, with nothing for the analyser", "[retrieval]") {
    Retrieval plan({target("gh/acme/app 8")}, options());
    std::vector<cci::DeliveryEffects> effects;
    const auto first = plan.take_fetches();
    effects.push_back(plan.deliver(first[0].id, answer(200, R"({"steps":"no"})"), t0));
    effects.push_back(plan.deliver(first[1].id, answer(200, page(json::array())), t0));
    CHECK(effects[0].jobs_with_details.empty());
    CHECK(effects[1].jobs_done == std::vector<std::size_t>{0});
    REQUIRE(plan.report().jobs[0].error);
    CHECK(plan.report().jobs[0].error->reason == Reason::unexpected_response);
    CHECK(plan.done());
}

TEST_CASE("answers to unknown or already answered requests change nothing", "[retrieval]") {
    Retrieval plan({target("gh/acme/app 8")}, options());
    const auto first = plan.take_fetches();
    CHECK(plan.deliver(999, answer(200), t0).steps_final.empty());
    plan.deliver(first[1].id, answer(200, page(json::array())), t0);
    plan.deliver(first[1].id, answer(500), t0);
    CHECK(plan.report().requests == 1);
    CHECK(plan.take_fetches().empty());
}

TEST_CASE("list items nested a million deep are read without recursion", "[retrieval]") {
    const std::string wf = "44444444-4444-4444-8444-444444444444";
    const std::size_t depth = 1'000'000;
    const std::string deep = std::string(depth, '[') + std::string(depth, ']');
    Retrieval plan({target("https://app.circleci.com/pipelines/gh/acme/app/41/workflows/" + wf)}, options());
    drive(plan, [&](const PlannedFetch& f) -> Reply {
        if (f.kind == FetchKind::workflow_jobs) {
            return {answer(200, R"({"items":[{"id":"j1","job_number":1,"status":"failed","extra":)" + deep +
                                    R"(}],"next_page_token":null})")};
        }
        if (f.kind == FetchKind::job_details) return {answer(200, v1_job(1, {}))};
        return {answer(200, page(json::array()))};
    });
    REQUIRE(plan.report().jobs.size() == 1);
    CHECK(plan.report().jobs[0].number == 1);
}
