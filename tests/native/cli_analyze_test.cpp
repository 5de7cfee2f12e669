#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cci/log/error_code.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"

using cci::testing::read_fixture;
using cci::testing::run_cci;

namespace {

std::string fixture_path(const std::string& name) { return std::string(CCI_FIXTURES_DIR) + "/logs/" + name; }

}  // namespace

TEST_CASE("cci analyze --json: the golden analysis of a fixture, options before or after FILE", "[cli][analyze]") {
    const auto [name, expected_name] = GENERATE(table<std::string, std::string>({
        {"gcc_compile_error.json", "gcc_compile_error.expected.json"},
        {"pytest_assertion.json", "pytest_assertion.expected.json"},
        {"oom_cc1plus_killed.log", "oom_cc1plus_killed.expected.json"},
        {"circleci_job_parallel.json", "circleci_job_parallel.expected.json"},
    }));
    const auto expected = nlohmann::json::parse(read_fixture("logs/" + expected_name));
    for (const auto& args : {std::vector<std::string>{"analyze", fixture_path(name), "--json"},
                             std::vector<std::string>{"analyze", "--json", fixture_path(name)}}) {
        const auto result = run_cci(args, "");
        CAPTURE(name, result.err);
        REQUIRE(result.exit_code == 0);
        const auto json = nlohmann::json::parse(result.out);
        CHECK(json["category"] == expected["category"]);
        CHECK(json["confidence"].is_number());
        REQUIRE(json["findings"].size() == expected["findings"].size());
        if (!expected["findings"].empty()) {
            for (const auto* field : {"text", "rule", "category", "severity", "line_no"})
                CHECK(json["findings"][0][field] == expected["findings"][0][field]);
        }
        CHECK(json.contains("stats"));
    }
}

TEST_CASE("cci analyze: reads stdin, prints the culprit for people", "[cli][analyze]") {
    const auto input = read_fixture("logs/gcc_compile_error.json");
    const auto result = run_cci({"analyze", "-"}, input);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("category:    build") != std::string::npos);
    CHECK(result.out.find("culprit") != std::string::npos);
    CHECK(result.out.find("> ") != std::string::npos);
}

TEST_CASE("cci analyze: a cut-off download is told for people, with or without a failure found", "[cli][analyze]") {
    const std::string warning = "warning: " + std::string(cci::log::info(cci::log::ErrorCode::json_unexpected_end).message) +
                                " [json_unexpected_end]\n";
    for (const std::string message : {"error: cut here\\n", "all good\\n"}) {  // with a finding, and without
        const auto result = run_cci({"analyze", "-"}, R"([{"type":"out","message":")" + message + "\"}");
        INFO(result.out);
        CHECK(result.exit_code == 0);
        CHECK(result.out.find("output truncated") != std::string::npos);
        CHECK(result.out.find(warning) != std::string::npos);
    }
}

TEST_CASE("cci analyze: problem-matcher rules from --rules", "[cli][analyze]") {
    const std::string rules_path = "/tmp/cci-analyze-rules.json";
    std::ofstream(rules_path) << R"({"problemMatcher":[{"owner":"acme-lint","pattern":[{"regexp":"^ACME (?<file>[^:]+):(?<line>\\d+) (?<message>.+)$","file":1,"line":2,"message":3}]}]})";
    const auto result = run_cci({"analyze", "--rules", rules_path, "--json"}, "starting\nACME src/a.c:12 forbidden call\ndone\n");
    std::remove(rules_path.c_str());
    REQUIRE(result.exit_code == 0);
    const auto json = nlohmann::json::parse(result.out);
    REQUIRE_FALSE(json["findings"].empty());
    bool found = false;
    for (const auto& finding : json["findings"])
        found = found || (finding["rule"] == "matcher:acme-lint" && finding["file"] == "src/a.c" && finding["line"] == 12);
    CHECK(found);
}

TEST_CASE("cci analyze: usage and read errors exit 2", "[cli][analyze]") {
    CHECK(run_cci({"analyze", "/nonexistent/file.log"}, "").exit_code == 2);
    CHECK(run_cci({"analyze", "--bogus"}, "").exit_code == 2);
    CHECK(run_cci({"analyze", "a.log", "b.log"}, "").exit_code == 2);
    CHECK(run_cci({"analyze", "--format", "yaml"}, "").exit_code == 2);
    CHECK(run_cci({"analyze", "--rules", "/nonexistent.json"}, "").exit_code == 2);
}

TEST_CASE("cci analyze: empty, NUL and invalid UTF-8 input is analysed, not rejected", "[cli][analyze]") {
    for (const std::string& input : {std::string{}, std::string("\0\0\xff\xfe error: x\n", 14), std::string("[{\"message\":")}) {
        const auto result = run_cci({"analyze", "--json"}, input);
        CHECK(result.exit_code == 0);
        CHECK_NOTHROW(nlohmann::json::parse(result.out));
    }
}
