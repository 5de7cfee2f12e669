// Fault soak: `cci logs` against a fake CircleCI that injects a seeded random mix of faults
// (429s, resets, 5xx, slow answers, truncated bodies, expired output URLs) into a quarter of
// all requests, over more than 500 requests. Every run must end, every step's completeness
// flag must be true to what the fake served, and retries must stay within the policy.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "cci/retry_policy.hpp"
#include "cli_runner.hpp"
#include "fake_circleci.hpp"

using cci::testing::fake_reset;
using cci::testing::fake_token;
using cci::testing::fake_url;
using cci::testing::http_request;
using nlohmann::json;

TEST_CASE("soak: cci logs under random faults reports every step truthfully", "[soak]") {
    const std::vector<std::string> pipelines{"45", "44", "43", "41"};
    const cci::RetryPolicy policy;
    std::size_t total_requests = 0;
    std::size_t faulted = 0;
    for (int round = 0; round < 5; ++round) {
        fake_reset();
        std::vector<std::string> argv{"logs", "--host", fake_url(), "--json"};
        for (const auto& p : pipelines) argv.push_back("https://app.circleci.com/pipelines/gh/acme/app/" + p);
        const auto result = cci::testing::run_cci(
            argv, "", {"CIRCLECI_TOKEN=" + fake_token("valid"), "NO_PROXY=127.0.0.1", "no_proxy=127.0.0.1"});
        CAPTURE(round, result.err);
        REQUIRE((result.exit_code == 0 || result.exit_code == 1));
        const auto report = json::parse(result.out);
        const auto faults = json::parse(http_request("GET", fake_url() + "/__fake/faults").body);
        total_requests += faults["requests"].get<std::size_t>();
        faulted += faults["faulted"].get<std::size_t>();

        std::map<std::string, bool> served_complete;
        for (const auto& output : faults["outputs"]) served_complete[output["output"]] = output["servedComplete"];
        std::size_t steps = 0;
        for (const auto& job : report["jobs"]) {
            for (const auto& step : job["steps"]) {
                ++steps;
                const std::string key = job["project_slug"].get<std::string>() + "/" + std::to_string(job["job"].get<int>()) +
                                        "/" + std::to_string(step["step"].get<int>()) + "/" +
                                        std::to_string(step["container"].get<int>());
                const std::string completeness = step["completeness"].get<std::string>();
                CAPTURE(key, completeness, step.dump());
                const auto served = served_complete.find(key);
                const bool fake_served_all = served != served_complete.end() && served->second;
                // Nothing the fake served completely is reported missing, failed or cut…
                if (fake_served_all) CHECK((completeness == "complete" || completeness == "refetched"));
                // …and nothing is reported complete that the fake never served completely.
                if (completeness == "complete" || completeness == "refetched") {
                    CHECK(fake_served_all);
                    CHECK(step["bytes"].get<std::size_t>() > 0);
                }
                const auto refreshes = step["url_refreshes"].get<int>();
                CHECK(refreshes <= 2);
                CHECK(step["fetches"].get<int>() <= policy.max_attempts * (1 + refreshes));
            }
        }
        CHECK(steps > 0);
    }
    CHECK(total_requests >= 500);
    CHECK(faulted > total_requests / 8);
}
