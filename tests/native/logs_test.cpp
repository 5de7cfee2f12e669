// `cci logs` against the fake CircleCI: every URL form, every scenario, --json and --out.
#include <catch2/catch.hpp>

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "fake_circleci.hpp"

using cci::testing::CliResult;
using cci::testing::fake_requests;
using cci::testing::fake_token;
using cci::testing::fake_url;
using cci::testing::loopback_env;
using nlohmann::json;

namespace {

const std::string platform_slug = "circleci/2QawpBDGJ5EhR6fTbJofvR/GteJDCDZtoFgijirXuAhtj";

CliResult logs(const std::string& token, std::vector<std::string> args) {
    std::vector<std::string> argv{"logs", "--host", fake_url()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto env = loopback_env();
    env.push_back("CIRCLECI_TOKEN=" + token);
    return cci::testing::run_cci(argv, "", env);
}

json logs_json(const std::string& token, std::vector<std::string> args) {
    args.push_back("--json");
    const auto result = logs(token, args);
    CAPTURE(result.out, result.err);
    REQUIRE(result.out.find('\n') == result.out.size() - 1);
    CHECK(result.out.find(token) == std::string::npos);
    CHECK(result.err.find(token) == std::string::npos);
    auto out = json::parse(result.out);
    out["exit_code"] = result.exit_code;
    return out;
}

std::vector<std::int64_t> job_numbers(const json& out) {
    std::vector<std::int64_t> numbers;
    for (const auto& job : out["jobs"]) numbers.push_back(job["job"].get<std::int64_t>());
    return numbers;
}

std::vector<std::string> completeness(const json& out) {
    std::vector<std::string> flags;
    for (const auto& job : out["jobs"])
        for (const auto& step : job["steps"]) flags.push_back(step["completeness"].get<std::string>());
    return flags;
}

bool has_notice(const json& out, const std::string& code) {
    return std::any_of(out["notices"].begin(), out["notices"].end(),
                       [&](const json& n) { return n["code"] == code; });
}

// The token went only into API request headers: never into a URL, never to the presigned
// storage URLs, never to another host.
void check_token_kept() {
    const auto log = fake_requests();
    REQUIRE_FALSE(log.empty());
    for (const auto& entry : log) {
        CAPTURE(entry.dump());
        CHECK(entry["urlHadToken"] == false);
        const std::string path = entry["path"];
        if (path.rfind("/_s3/", 0) == 0 || entry["host"] != "main") {
            CHECK(entry["hadToken"] == false);
        } else {
            CHECK(entry["tokenHeader"] == "circle-token");
        }
    }
}

std::size_t count_requests(const json& log, const std::string& prefix) {
    return static_cast<std::size_t>(std::count_if(log.begin(), log.end(), [&](const json& e) {
        return e["path"].get<std::string>().rfind(prefix, 0) == 0;
    }));
}

// The id of a pipeline's workflow, asked from the fake's API directly.
std::string workflow_id(const std::string& slug, int pipeline, const std::string& name) {
    const std::vector<std::string> auth{"Circle-Token: " + fake_token("valid")};
    const auto p = json::parse(
        cci::testing::http_request("GET", fake_url() + "/api/v2/project/" + slug + "/pipeline/" + std::to_string(pipeline), auth)
            .body);
    const auto w = json::parse(
        cci::testing::http_request("GET", fake_url() + "/api/v2/pipeline/" + p["id"].get<std::string>() + "/workflow", auth)
            .body);
    for (const auto& item : w["items"])
        if (item["name"] == name) return item["id"];
    throw std::runtime_error("no workflow " + name);
}

std::string read_file(const std::string& path) { return cci::testing::slurp(path); }

std::vector<std::string> list_dir(const std::string& dir) {
    std::vector<std::string> names;
    if (DIR* d = opendir(dir.c_str())) {
        while (const dirent* e = readdir(d))
            if (e->d_name[0] != '.') names.emplace_back(e->d_name);
        closedir(d);
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("logs: a job's failed step, its test results, and a culprit that names its source", "[logs]") {
    cci::testing::fake_reset();
    const auto out = logs_json(fake_token("valid"), {"https://app.circleci.com/pipelines/github/acme/app/45/workflows/"
                                                     "00000000-0000-4000-8000-000000000000/jobs/1203"});
    CHECK(out["exit_code"] == 0);
    CHECK(out["reason"] == "ok");
    CHECK(out["complete"] == true);
    REQUIRE(out["jobs"].size() == 1);
    const auto& job = out["jobs"][0];
    CHECK(job["job"] == 1203);
    CHECK(job["status"] == "failed");
    REQUIRE(job["steps"].size() == 1);
    CHECK(job["steps"][0]["name"] == "Run RSpec");
    CHECK(job["steps"][0]["container"] == 0);
    CHECK(job["steps"][0]["completeness"] == "complete");
    CHECK(job["steps"][0]["bytes"].get<std::uint64_t>() > 1000);
    CHECK(job["tests"]["total"] == 23);
    CHECK(job["tests"]["failed"] == 1);
    CHECK(job["tests"]["complete"] == true);
    const auto& analysis = job["analysis"];
    CHECK(analysis["category"] == "test");
    const auto& culprit = analysis["findings"][0];
    CHECK(culprit["source"] == "test_results");
    CHECK(culprit["test"] == "hermione abracadabra transforms");
    const bool log_findings = std::any_of(analysis["findings"].begin(), analysis["findings"].end(),
                                          [](const json& f) { return f["source"] == "log"; });
    CHECK(log_findings);
    const auto log = fake_requests();
    CHECK(count_requests(log, "/api/v2/project/github/acme/app/1203/tests") == 3);  // 23 results, 10 a page
    CHECK(count_requests(log, "/api/v1.1/project/github/acme/app/1203") == 1);
    check_token_kept();
}

TEST_CASE("logs: the text report shows the step, its flag, the category and the culprit", "[logs]") {
    cci::testing::fake_reset();
    const std::string token = fake_token("valid");
    const auto result = logs(token, {"gh/acme/app", "1202"});
    CAPTURE(result.out, result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("Step \"Build with -Werror\" container 0, exit 2: complete") != std::string::npos);
    CHECK(result.out.find("Category: build") != std::string::npos);
    CHECK(result.out.find("Culprit [log]") != std::string::npos);
    CHECK(result.out.find("implicit declaration of function") != std::string::npos);
    CHECK(result.out.find(token) == std::string::npos);
    CHECK(result.err.find(token) == std::string::npos);
}

TEST_CASE("logs: the 16-container job reports the one failing container's culprit", "[logs]") {
    cci::testing::fake_reset();
    const auto out = logs_json(fake_token("valid"), {"https://circleci.com/gh/acme/app/3270"});
    CHECK(out["exit_code"] == 0);
    REQUIRE(out["jobs"].size() == 1);
    const auto& job = out["jobs"][0];
    REQUIRE(job["steps"].size() == 1);
    CHECK(job["steps"][0]["name"] == "Install Google Chrome");
    CHECK(job["steps"][0]["container"] == 2);
    const auto& culprit = job["analysis"]["findings"][0];
    CHECK(culprit["text"].get<std::string>().find("curl: (56)") != std::string::npos);
    CHECK(culprit["containers"] == json::array({2}));
    CHECK(culprit["step"] == "Install Google Chrome");
    CHECK(culprit["source"] == "log");
    CHECK(job["analysis"]["failed_steps"][0]["containers"] == json::array({2}));
    const auto log = fake_requests();
    CHECK(count_requests(log, "/_s3/") == 1);  // one failed action: one output fetched
}

TEST_CASE("logs: a pipeline URL fetches every failed job, skipping passing and approval jobs", "[logs]") {
    cci::testing::fake_reset();
    const auto out = logs_json(fake_token("valid"), {"https://app.circleci.com/pipelines/gh/acme/app/45"});
    CHECK(out["exit_code"] == 0);
    CHECK(job_numbers(out) == std::vector<std::int64_t>{1202, 1203, 1204, 1205});
    CHECK(has_notice(out, "approval_jobs_skipped"));
    std::vector<std::string> categories;
    for (const auto& job : out["jobs"]) categories.push_back(job["analysis"]["category"]);
    CHECK(categories == std::vector<std::string>{"build", "test", "test", "oom"});
    const auto log = fake_requests();
    CHECK(count_requests(log, "/api/v1.1/project/github/acme/app/1200") == 0);
    CHECK(count_requests(log, "/api/v1.1/project/github/acme/app/1201") == 0);
    check_token_kept();
}

TEST_CASE("logs: workflow, project, GitHub-App and legacy URL forms", "[logs]") {
    cci::testing::fake_reset();
    const std::string token = fake_token("valid");
    SECTION("a workflow URL") {
        const std::string id = workflow_id("gh/acme/app", 45, "build-and-test");
        const auto out = logs_json(token, {"https://app.circleci.com/pipelines/gh/acme/app/45/workflows/" + id});
        CHECK(job_numbers(out) == std::vector<std::int64_t>{1202, 1203, 1204, 1205});
    }
    SECTION("a project URL: the newest failed pipeline") {
        const auto out = logs_json(token, {"https://app.circleci.com/pipelines/gh/acme/app"});
        CHECK(job_numbers(out) == std::vector<std::int64_t>{1202, 1203, 1204, 1205});
    }
    SECTION("a GitHub App project's job URL") {
        const std::string id = workflow_id(platform_slug, 3, "ci");
        const auto out = logs_json(token, {"https://app.circleci.com/pipelines/" + platform_slug + "/3/workflows/" + id +
                                           "/jobs/77"});
        CHECK(out["exit_code"] == 0);
        CHECK(job_numbers(out) == std::vector<std::int64_t>{77});
        CHECK(out["jobs"][0]["project_slug"] == platform_slug);
        CHECK(out["jobs"][0]["analysis"]["category"] == "test");
    }
    SECTION("several URLs, one job named twice") {
        const auto out = logs_json(token, {"https://circleci.com/gh/acme/app/1204", "gh/acme/app", "1204",
                                           "gh/acme/app", "1205"});
        CHECK(job_numbers(out) == std::vector<std::int64_t>{1204, 1205});
    }
}

TEST_CASE("logs: lists are followed page by page with page-token", "[logs]") {
    cci::testing::fake_reset();
    const std::string token = fake_token("valid");
    SECTION("25 jobs in 3 pages") {
        const auto out = logs_json(token, {"https://app.circleci.com/pipelines/gh/acme/app/41"});
        CHECK(out["exit_code"] == 0);
        CHECK(job_numbers(out) == std::vector<std::int64_t>{1516});
        const auto log = fake_requests();
        std::size_t paged = 0;
        for (const auto& e : log)
            if (e["path"].get<std::string>().find("/job") != std::string::npos &&
                e["query"].get<std::string>().find("page-token=") != std::string::npos)
                ++paged;
        CHECK(paged == 2);
    }
    SECTION("7 workflows in 2 pages") {
        const auto out = logs_json(token, {"https://app.circleci.com/pipelines/gh/acme/app/40"});
        CHECK(job_numbers(out) == std::vector<std::int64_t>{1605});
    }
}

TEST_CASE("logs: a looping list is cut by the guard and the result says it is partial", "[logs]") {
    cci::testing::fake_reset();
    const auto out = logs_json(fake_token("pageLoop"), {"https://app.circleci.com/pipelines/gh/acme/app/41"});
    CHECK(out["exit_code"] == 1);
    CHECK(out["complete"] == false);
    CHECK(has_notice(out, "pagination_loop"));
    CHECK(out["jobs"].empty());  // job 1516 is on the page the loop never reaches
    const auto log = fake_requests();
    CHECK(count_requests(log, "/api/v2/workflow/") == 2);  // page 1, then the repeated token: stop
}

TEST_CASE("logs: refused tokens end with their reason", "[logs]") {
    using Row = std::tuple<std::string, std::string, std::size_t>;
    const auto [scenario, reason, requests] = GENERATE(table<std::string, std::string, std::size_t>({
        Row{"projectToken", "token_is_project_token", 0},
        Row{"revoked", "token_invalid", 1},
        Row{"legacy", "token_legacy_format_rejected", 1},
    }));
    CAPTURE(scenario);
    cci::testing::fake_reset();
    const auto out = logs_json(fake_token(scenario), {"https://app.circleci.com/pipelines/gh/acme/app/45"});
    CHECK(out["exit_code"] == 1);
    CHECK(out["reason"] == reason);
    CHECK(out["jobs"].empty());
    CHECK(fake_requests().size() == requests);
}

TEST_CASE("logs: tokens that only fail elsewhere still read logs", "[logs]") {
    // permissionDenied: only /me/collaborations is refused; revokedAfterFirstMe: only a second /me.
    const auto scenario = GENERATE(as<std::string>{}, "permissionDenied", "revokedAfterFirstMe");
    CAPTURE(scenario);
    cci::testing::fake_reset();
    const auto out = logs_json(fake_token(scenario), {"gh/acme/app", "1204"});
    CHECK(out["exit_code"] == 0);
    CHECK(completeness(out) == std::vector<std::string>{"complete"});
}

TEST_CASE("logs: a project the user cannot see is not found, for that job only", "[logs]") {
    cci::testing::fake_reset();
    const auto out = logs_json(fake_token("validSecondUser"), {platform_slug, "77", "gh/acme/app", "1204"});
    CHECK(out["exit_code"] == 1);
    CHECK(out["reason"] == "not_found_or_no_access");
    REQUIRE(out["jobs"].size() == 2);
    CHECK(out["jobs"][0]["error"]["reason"] == "not_found_or_no_access");
    CHECK(out["jobs"][0]["analysis"].is_null());
    CHECK(out["jobs"][1]["error"].is_null());
    CHECK(completeness(out) == std::vector<std::string>{"complete"});
}

TEST_CASE("logs: transient API failures are retried with their counts reported", "[logs]") {
    using Row = std::tuple<std::string, std::string, int, std::size_t>;
    const auto [scenario, reason, exit_code, retries] = GENERATE(table<std::string, std::string, int, std::size_t>({
        Row{"rateLimitedText", "ok", 0, 1},
        Row{"rateLimitedHttpDate", "ok", 0, 1},
        Row{"badGatewayOnce", "ok", 0, 1},
        Row{"connectionResetOnce", "ok", 0, 1},
        Row{"truncatedOnce", "ok", 0, 1},
        Row{"badGateway", "server_error", 1, 6},
        Row{"connectionReset", "network_unreachable", 1, 6},
    }));
    CAPTURE(scenario);
    cci::testing::fake_reset();
    const auto out = logs_json(fake_token(scenario), {"gh/acme/app", "1204"});
    CHECK(out["exit_code"] == exit_code);
    CHECK(out["reason"] == reason);
    CHECK(out["retries"] == retries);
    const auto log = fake_requests();
    CHECK(log.size() == out["requests"].get<std::size_t>());
    if (exit_code == 0) {
        CHECK(completeness(out) == std::vector<std::string>{"complete"});
        CHECK(out["jobs"][0]["analysis"]["category"] == "test");
    } else {
        CHECK(out["jobs"][0]["error"]["reason"] == reason);
        CHECK(out["jobs"][0]["tests"]["error"]["reason"] == reason);
    }
    check_token_kept();
}

TEST_CASE("logs: step outputs cut short are resumed, or flagged truncated", "[logs]") {
    using Row = std::tuple<std::string, std::string, int>;
    const auto [scenario, flag, exit_code] = GENERATE(table<std::string, std::string, int>({
        Row{"truncatedOutputOnce", "refetched", 0},
        Row{"truncatedOutput", "truncated", 1},
    }));
    CAPTURE(scenario);
    cci::testing::fake_reset();
    const auto out = logs_json(fake_token(scenario), {"gh/acme/app", "1203"});
    CHECK(out["exit_code"] == exit_code);
    CHECK(completeness(out) == std::vector<std::string>{flag});
    const auto& step = out["jobs"][0]["steps"][0];
    CHECK(step["retries"].get<int>() >= 1);
    const auto log = fake_requests();
    CHECK(count_requests(log, "/_s3/") == step["fetches"].get<std::size_t>());
    if (flag == "refetched") {
        // Resumed past the bytes already analysed: the analysis equals an uncut run's.
        cci::testing::fake_reset();
        const auto whole = logs_json(fake_token("valid"), {"gh/acme/app", "1203"});
        CHECK(step["bytes"] == whole["jobs"][0]["steps"][0]["bytes"]);
        CHECK(out["jobs"][0]["analysis"]["findings"] == whole["jobs"][0]["analysis"]["findings"]);
    } else {
        CHECK(out["complete"] == false);
        CHECK(step["bytes"].get<std::uint64_t>() > 0);
    }
}

TEST_CASE("logs: an expired output URL is replaced by refetched job details", "[logs]") {
    cci::testing::fake_reset();
    const auto out = logs_json(fake_token("expiredOutputUrl"), {"https://app.circleci.com/pipelines/gh/acme/app/45"});
    CHECK(out["exit_code"] == 0);
    CHECK(completeness(out) == std::vector<std::string>(4, "refetched"));
    for (const auto& job : out["jobs"]) {
        CHECK(job["steps"][0]["url_refreshes"] == 1);
        CHECK(job["analysis"]["findings"].size() > 0);
    }
    const auto log = fake_requests();
    CHECK(count_requests(log, "/api/v1.1/project/github/acme/app/1203") == 2);
    std::size_t expired = 0;
    for (const auto& e : log)
        if (e["path"].get<std::string>().rfind("/_s3/", 0) == 0 && e["status"] == 403) ++expired;
    CHECK(expired == 4);
    check_token_kept();
}

TEST_CASE("logs: slow answers are waited for", "[logs]") {
    cci::testing::fake_reset();
    const auto out = logs_json(fake_token("slow"), {"gh/acme/app", "1204"});
    CHECK(out["exit_code"] == 0);
    CHECK(out["retries"] == 0);
    CHECK(completeness(out) == std::vector<std::string>{"complete"});
}

TEST_CASE("logs: step outputs are fetched concurrently and analysed in order", "[logs]") {
    cci::testing::fake_reset();
    const std::string token = fake_token("valid");
    const auto parallel = logs_json(token, {"gh/acme/app", "1300", "--parallel", "16"});
    cci::testing::fake_reset();
    const auto serial = logs_json(token, {"gh/acme/app", "1300", "--parallel", "1"});
    REQUIRE(parallel["jobs"].size() == 1);
    CHECK(parallel["jobs"][0]["steps"].size() == 64);
    CHECK(completeness(parallel) == std::vector<std::string>(64, "complete"));
    CHECK(parallel["jobs"][0]["analysis"] == serial["jobs"][0]["analysis"]);
    CHECK(parallel["jobs"][0]["analysis"]["category"] == "oom");
    CHECK(parallel["jobs"][0]["analysis"]["findings"][0]["containers"].size() == 16);
}

TEST_CASE("logs: a large output is streamed through the analyser", "[logs]") {
    cci::testing::fake_reset();
    const auto out = logs_json(fake_token("valid"), {"gh/acme/app", "1400"});
    CHECK(out["exit_code"] == 0);
    const auto& job = out["jobs"][0];
    CHECK(job["steps"][0]["bytes"].get<std::uint64_t>() > (32u << 20));
    CHECK(job["analysis"]["stats"]["bytes"] == job["steps"][0]["bytes"]);
    CHECK(job["analysis"]["findings"][0]["text"].get<std::string>().find("undefined reference") != std::string::npos);
}

TEST_CASE("logs --out: raw step outputs and a manifest, never the token or an output URL", "[logs]") {
    cci::testing::fake_reset();
    char dir_template[] = "/tmp/cci-logs-out.XXXXXX";
    const std::string dir = std::string(mkdtemp(dir_template)) + "/saved";
    const std::string token = fake_token("valid");
    const auto out = logs_json(token, {"https://app.circleci.com/pipelines/gh/acme/app/45", "--out", dir});
    CHECK(out["exit_code"] == 0);
    const auto files = list_dir(dir);
    CHECK(files == std::vector<std::string>{"job-1202-step-102-container-0.json", "job-1203-step-102-container-0.json",
                                            "job-1204-step-102-container-0.json", "job-1205-step-102-container-0.json",
                                            "manifest.json"});
    const auto manifest = json::parse(read_file(dir + "/manifest.json"));
    REQUIRE(manifest["files"].size() == 4);
    for (const auto& entry : manifest["files"]) {
        for (const auto* key : {"file", "job", "step", "container", "completeness", "bytes"}) CHECK(entry.contains(key));
        const std::string body = read_file(dir + "/" + entry["file"].get<std::string>());
        CHECK(body.size() == entry["bytes"].get<std::size_t>());
        CHECK(json::parse(body).is_array());  // the output_url document, as fetched
        CHECK(entry["completeness"] == "complete");
    }
    for (const auto& name : files) {
        const std::string body = read_file(dir + "/" + name);
        CHECK(body.find(token) == std::string::npos);
        CHECK(body.find("X-Amz-Signature") == std::string::npos);
    }
    for (const auto& name : files) std::remove((dir + "/" + name).c_str());
    rmdir(dir.c_str());
    rmdir(dir.substr(0, dir.rfind('/')).c_str());
}

TEST_CASE("logs: usage errors exit 2 without echoing arguments or making a request", "[logs]") {
    cci::testing::fake_reset();
    const std::string token = fake_token("valid");
    for (const auto& args : std::vector<std::vector<std::string>>{
             {},
             {token},
             {"https://example.com/not/circleci"},
             {"gh/acme/app", "--parallel", "0"},
             {"gh/acme/app", "1", "--bogus"},
         }) {
        const auto result = logs(token, args);
        CAPTURE(result.err);
        CHECK(result.exit_code == 2);
        CHECK(result.out.empty());
        CHECK(result.err.find(token) == std::string::npos);
    }
    const auto mixed = cci::testing::run_cci({"logs", "https://circleci.com/gh/a/b/1", "https://ci.example.com/gh/a/b/2"},
                                             "", {"CIRCLECI_TOKEN=" + token});
    CHECK(mixed.exit_code == 2);
    CHECK(fake_requests().empty());
}
