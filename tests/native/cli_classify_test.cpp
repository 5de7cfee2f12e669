#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using cci::testing::run_cci;

TEST_CASE("cci classify --json: one diagnosis object, exit 0 whatever the reason", "[cli][classify]") {
    using Row = std::tuple<std::string, std::string, bool>;
    const auto [outcome, reason, retryable] = GENERATE(table<std::string, std::string, bool>({
        Row{R"({"status":429,"headers":{"Retry-After":"7"},"body":"Rate limited.","endpoint":"me"})", "rate_limited", true},
        Row{R"({"status":401,"body":"{\"message\" : \"You must log in first.\"}","endpoint":"me","token_kind":"project"})",
            "token_is_project_token", false},
        Row{R"({"status":200,"body":"{\"id\":\"u1\",\"login\":\"octo\",\"name\":\"Octo\",\"avatar_url\":null}","endpoint":"me"})",
            "ok", false},
        Row{R"({"transport":"tls"})", "tls_error", false},
        Row{R"({"status":502,"body_base64":"PGh0bWw+PHRpdGxlPjUwMiBCYWQgR2F0ZXdheTwvdGl0bGU+/w==","endpoint":"me"})",
            "server_error", true},
        Row{R"({"transport":"teleport","endpoint":"warp"})", "unknown", true},
    }));
    CAPTURE(outcome);
    const auto result = run_cci({"classify", "--json"}, outcome);
    CHECK(result.exit_code == 0);
    const auto json = nlohmann::json::parse(result.out);
    CHECK(json["reason"] == reason);
    CHECK(json["retryable"] == retryable);
    for (const auto* field : {"reason", "retryable", "retry_after_s", "message", "remedy", "identity"})
        CHECK(json.contains(field));
    if (reason == "rate_limited") CHECK(json["retry_after_s"] == 7);
    if (reason == "ok") CHECK(json["identity"]["login"] == "octo");
}

TEST_CASE("cci classify: input that is not a JSON object exits 2", "[cli][classify]") {
    for (const char* input : {"", "not json", "[1,2]", "{\"status\": 4"}) {
        CAPTURE(input);
        const auto result = run_cci({"classify"}, input);
        CHECK(result.exit_code == 2);
        CHECK(result.out.empty());
        CHECK(result.err.find("not a JSON object") != std::string::npos);
    }
    CHECK(run_cci({"classify", "--yaml"}, "{}").exit_code == 2);
}

TEST_CASE("cci classify: a token echoed in a body is never printed", "[cli][classify]") {
    const std::string token = "CCIPAT_BF4pE6ugfXnJiBVqgikZEV_439536b3216fdaeeb975729fae923d5a4fd12aab";
    const std::string outcome = R"({"status":401,"endpoint":"me","body":"{\"message\":\"bad token )" + token + R"(\"}"})";
    for (const auto* flag : {"--json", ""}) {
        const auto result = run_cci(std::string(flag).empty() ? std::vector<std::string>{"classify"}
                                                             : std::vector<std::string>{"classify", flag},
                                    outcome);
        CHECK(result.exit_code == 0);
        CHECK(result.out.find(token) == std::string::npos);
        CHECK(result.out.find("token_invalid") != std::string::npos);
    }
}
