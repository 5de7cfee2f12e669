#include "cci/verification.hpp"

#include <set>

#include <catch2/catch.hpp>

TEST_CASE("stage, status and skip tables cover their enums in order", "[verification]") {
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < cci::stage_count; ++i) {
        const auto stage = static_cast<cci::Stage>(i);
        CHECK(cci::stage_table()[i].stage == stage);
        CHECK(ids.insert(cci::id(stage)).second);
        CHECK(cci::parse_stage(cci::id(stage)) == stage);
    }
    for (std::size_t i = 0; i < cci::stage_status_count; ++i) {
        const auto status = static_cast<cci::StageStatus>(i);
        CHECK(cci::parse_stage_status(cci::id(status)) == status);
    }
    std::set<std::string_view> skip_ids;
    for (std::size_t i = 0; i < cci::skip_cause_count; ++i) {
        const auto cause = static_cast<cci::SkipCause>(i);
        CHECK(cci::skip_cause_table()[i].cause == cause);
        CHECK(skip_ids.insert(cci::id(cause)).second);
    }
    CHECK(cci::info(cci::SkipCause::authentication_failed).message == "not attempted — authentication failed");
}

TEST_CASE("plan orders the checks and adds probes only when possible", "[verification]") {
    SECTION("token only") {
        const auto stages = cci::plan({});
        REQUIRE(stages.size() == 2);
        CHECK(stages[0].stage == cci::Stage::identity);
        CHECK(stages[0].request.method == "GET");
        CHECK(stages[0].request.path == "/api/v2/me");
        CHECK(stages[0].request.headers.find("accept") == std::optional<std::string_view>("application/json"));
        CHECK(stages[1].request.path == "/api/v2/me/collaborations");
    }
    SECTION("a log probe without a project is not planned") {
        CHECK(cci::plan({std::nullopt, true}).size() == 2);
    }
    SECTION("project and log probes") {
        const auto stages = cci::plan({cci::parse_project_slug("gh/acme/web"), true});
        REQUIRE(stages.size() == 4);
        CHECK(stages[2].stage == cci::Stage::project_probe);
        CHECK(stages[2].request.path == "/api/v2/project/gh/acme/web/pipeline");
        CHECK(stages[3].stage == cci::Stage::log_probe);
        CHECK(stages[3].request.path == "/api/v1.1/project/github/acme/web?limit=1&shallow=true");
    }
}

TEST_CASE("interpret classifies against the stage's endpoint", "[verification]") {
    cci::Outcome outcome;
    outcome.status = 404;
    outcome.endpoint = cci::Endpoint::me;  // overridden by the stage
    outcome.body = R"({"message":"Project not found"})";
    const auto probe = cci::interpret(cci::Stage::project_probe, outcome);
    CHECK(probe.status == cci::StageStatus::failed);
    REQUIRE(probe.diagnosis);
    CHECK(probe.diagnosis->reason == cci::Reason::not_found_or_no_access);
    CHECK_FALSE(cci::skip_cause_after(probe));  // optional stage: the rest still runs

    outcome.status = 200;
    outcome.body = R"({"id":"u-1","login":"octo","name":"Octo"})";
    const auto me = cci::interpret(cci::Stage::identity, outcome);
    CHECK(me.status == cci::StageStatus::passed);
    CHECK(me.diagnosis->identity);
    CHECK_FALSE(cci::skip_cause_after(me));
}

TEST_CASE("what a failed required stage does to the rest", "[verification]") {
    auto [stage, status, cause] = GENERATE(table<cci::Stage, int, std::optional<cci::SkipCause>>({
        {cci::Stage::identity, 401, cci::SkipCause::authentication_failed},
        {cci::Stage::identity, 503, cci::SkipCause::authentication_failed},
        {cci::Stage::identity, 429, cci::SkipCause::rate_limited},
        {cci::Stage::org_access, 401, cci::SkipCause::earlier_stage_failed},
        {cci::Stage::org_access, 429, cci::SkipCause::earlier_stage_failed},
        {cci::Stage::project_probe, 401, std::nullopt},
        {cci::Stage::log_probe, 500, std::nullopt},
    }));
    cci::Outcome outcome;
    outcome.status = status;
    CHECK(cci::skip_cause_after(cci::interpret(stage, outcome)) == cause);
}

TEST_CASE("429 on /me is authenticated but throttled, not invalid", "[verification]") {
    cci::Outcome outcome;
    outcome.status = 429;
    outcome.headers.add("Retry-After", "17");
    outcome.body = "Rate limited.";
    const auto result = cci::interpret(cci::Stage::identity, outcome);
    REQUIRE(result.diagnosis);
    CHECK(result.diagnosis->reason == cci::Reason::rate_limited);
    CHECK(result.diagnosis->retry_after_s == 17);
    CHECK(result.diagnosis->retryable);
}

TEST_CASE("verification options and requests as JSON", "[verification]") {
    const auto options = cci::verification_options_from_json(
        nlohmann::json::parse(R"({"project_slug":"gh/acme/web","log_probe":true,"extra":1})"));
    CHECK(options.project == cci::parse_project_slug("gh/acme/web"));
    CHECK(options.log_probe);
    const auto bad = cci::verification_options_from_json(nlohmann::json::parse(R"({"project_slug":"acme","log_probe":"yes"})"));
    CHECK_FALSE(bad.project);
    CHECK_FALSE(bad.log_probe);
    CHECK_FALSE(cci::verification_options_from_json(nlohmann::json::array()).project);
    CHECK(cci::to_json(cci::plan({})[0].request) ==
          nlohmann::json::parse(R"({"method":"GET","path":"/api/v2/me","headers":{"Accept":"application/json"}})"));
}
