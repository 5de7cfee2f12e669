#include "cci/log/job_details.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <set>
#include <string>

using namespace cci::log;

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(CCI_FIXTURES_DIR) + "/logs/" + name, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("job details: api ids", "[log][job_details]") {
    const auto& table = job_api_table();
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < table.size(); ++i) {
        CHECK(static_cast<std::size_t>(table[i].api) == i);
        CHECK(&info(table[i].api) == &table[i]);
        CHECK(ids.insert(table[i].id).second);
        CHECK(parse_job_api(table[i].id) == table[i].api);
    }
    CHECK(id(JobApi::v1_1) == "v1.1");
}

TEST_CASE("job details: v1.1 with parallelism 16 and one failing container", "[log][job_details]") {
    const auto result = parse_job_details(fixture("circleci_job_parallel.json"));
    REQUIRE(result.details);
    CHECK_FALSE(result.error);
    const JobDetails& job = *result.details;
    CHECK(job.api == JobApi::v1_1);
    CHECK(job.parallelism == 16);
    CHECK(job.status == "failed");
    CHECK(job.failed);
    CHECK_FALSE(job.timedout);
    std::vector<const JobAction*> failing;
    for (const auto& a : job.actions) {
        if (action_failed(a)) failing.push_back(&a);
    }
    REQUIRE(failing.size() == 1);
    CHECK(failing[0]->step_name == "Install Google Chrome");
    CHECK(failing[0]->index == 2);
    CHECK(failing[0]->exit_code == 56);
    CHECK(failing[0]->has_output);
    const auto json = to_json(*failing[0]);
    CHECK(json["container"] == 2);
    CHECK(json["exit_code"] == 56);
    CHECK_FALSE(json.contains("output_url"));
}

TEST_CASE("job details: v2 job", "[log][job_details]") {
    const auto result = parse_job_details(fixture("circleci_v2_infrastructure_fail.json"));
    REQUIRE(result.details);
    CHECK(result.details->api == JobApi::v2);
    CHECK(result.details->infrastructure_fail);
    CHECK(result.details->parallelism == 2);
    REQUIRE(result.details->messages.size() == 1);
    CHECK(result.details->messages[0].reason == "infrastructure");
    CHECK(result.details->actions.empty());
}

TEST_CASE("job details: timed-out actions and their messages", "[log][job_details]") {
    const auto result = parse_job_details(fixture("circleci_job_timedout.json"));
    REQUIRE(result.details);
    std::size_t timedout = 0;
    for (const auto& a : result.details->actions) {
        if (a.timedout) {
            ++timedout;
            CHECK(action_failed(a));
            REQUIRE(a.messages.size() == 1);
        }
    }
    CHECK(timedout == 3);
    CHECK(result.details->timedout);
}

TEST_CASE("job details: anything else is an error value", "[log][job_details]") {
    const std::string input = GENERATE(as<std::string>{}, "", "[]", "{", "{\"a\":1}", "42", "{\"steps\":");
    const auto result = parse_job_details(input);
    CHECK_FALSE(result.details);
    REQUIRE(result.error);
    CHECK(result.error->code == ErrorCode::job_details_invalid);
}

TEST_CASE("job details: odd field types are ignored, not thrown", "[log][job_details]") {
    const auto result = parse_job_details(
        R"({"steps":[{"name":"x","actions":[{"index":"2","status":3,"failed":"yes","exit_code":1.5,"messages":[1,"m",{"message":"n"}]}]},7],"messages":"no"})");
    REQUIRE(result.details);
    REQUIRE(result.details->actions.size() == 1);
    const JobAction& a = result.details->actions[0];
    CHECK(a.step_name == "x");
    CHECK(a.index == 0);
    CHECK_FALSE(a.failed);
    CHECK_FALSE(a.exit_code);
    CHECK(a.messages == std::vector<std::string>{"m", "n"});
}
