#include "cci/classify.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cci/response_body.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path fixtures = fs::path(CCI_FIXTURES_DIR) / "outcomes";

nlohmann::json read_json(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return nlohmann::json::parse(text);
}

std::vector<std::string> fixture_names() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(fixtures)) {
        const std::string file = entry.path().filename().string();
        const std::string suffix = ".expected.json";
        if (file.size() > suffix.size() && file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0)
            names.push_back(file.substr(0, file.size() - suffix.size()));
    }
    std::sort(names.begin(), names.end());
    return names;
}

cci::Outcome response(int status, std::string body, cci::Endpoint endpoint = cci::Endpoint::me) {
    cci::Outcome outcome;
    outcome.status = status;
    outcome.body = std::move(body);
    outcome.endpoint = endpoint;
    return outcome;
}

}  // namespace

TEST_CASE("every outcome fixture classifies as its golden file says", "[classify]") {
    const auto names = fixture_names();
    REQUIRE(names.size() >= 60);
    for (const auto& name : names) {
        INFO(name);
        const auto expected = read_json(fixtures / (name + ".expected.json"));
        const auto actual = cci::to_json(cci::classify(cci::outcome_from_json(read_json(fixtures / (name + ".json")))));
        for (const auto& [key, value] : expected.items()) {
            INFO(key);
            CHECK(actual.at(key) == value);
        }
        CHECK(actual.at("message") == cci::info(*cci::parse_reason(expected.at("reason").get<std::string>())).message);
    }
}

TEST_CASE("a project token gets the same answer on 401, 403 and 404 of any endpoint", "[classify]") {
    const int status = GENERATE(401, 403, 404);
    const auto endpoint = GENERATE(cci::Endpoint::me, cci::Endpoint::collaborations, cci::Endpoint::pipelines,
                                   cci::Endpoint::job_details_v1);
    auto outcome = response(status, R"({"message":"Permission denied"})", endpoint);
    outcome.token_kind = cci::TokenKind::project;
    CHECK(cci::classify(outcome).reason == cci::Reason::token_is_project_token);
    outcome.token_kind = cci::TokenKind::personal;
    CHECK(cci::classify(outcome).reason != cci::Reason::token_is_project_token);
}

TEST_CASE("status decides; the body's words only refine a 401", "[classify]") {
    using cci::Reason;
    auto [status, body, reason] = GENERATE(table<int, std::string, Reason>({
        {401, "New format tokens are needed to authenticate this API endpoint.", Reason::token_legacy_format_rejected},
        {401, R"({"error":"new format tokens are needed"})", Reason::token_legacy_format_rejected},
        {403, R"({"message":"New format tokens are needed to authenticate this API endpoint."})",
         Reason::permission_denied},
        {429, R"({"message":"Invalid token provided."})", Reason::rate_limited},
        {500, R"({"message":"Invalid token provided."})", Reason::server_error},
        {404, R"({"message":"You must log in first."})", Reason::not_found_or_no_access},
        {418, "I'm a teapot", Reason::unknown},
        {405, "", Reason::unknown},
        {101, "", Reason::unexpected_response},
        {304, "", Reason::unexpected_response},
        {600, "", Reason::unexpected_response},
    }));
    CHECK(cci::classify(response(status, body, cci::Endpoint::project)).reason == reason);
}

TEST_CASE("retry_after_s is only reported for throttling and server errors", "[classify]") {
    auto outcome = response(200, R"({"id":"u","login":"l","name":"n"})");
    outcome.headers.add("RateLimit-Reset", "40");
    CHECK_FALSE(cci::classify(outcome).retry_after_s);
    outcome.status = 401;
    CHECK_FALSE(cci::classify(outcome).retry_after_s);
    outcome.status = 429;
    CHECK(cci::classify(outcome).retry_after_s == 40);
    outcome.status = 503;
    CHECK(cci::classify(outcome).retry_after_s == 40);
}

TEST_CASE("a transport failure ignores any status and body", "[classify]") {
    auto outcome = response(200, R"({"id":"u"})");
    outcome.transport = cci::Transport::tls;
    const auto diagnosis = cci::classify(outcome);
    CHECK(diagnosis.reason == cci::Reason::tls_error);
    CHECK_FALSE(diagnosis.identity);
    CHECK_FALSE(diagnosis.server_message);
}

TEST_CASE("huge bodies classify without echoing them", "[classify]") {
    const std::string ten_mb(10 * 1024 * 1024, 'x');
    const auto rate_limited = cci::classify(response(429, ten_mb));
    CHECK(rate_limited.reason == cci::Reason::rate_limited);
    REQUIRE(rate_limited.server_message);
    CHECK(rate_limited.server_message->size() <= cci::max_server_message_chars + 3);
    const std::string huge_me = R"({"id":"u","login":"l","name":")" + ten_mb + R"("})";
    CHECK(cci::classify(response(200, huge_me)).reason == cci::Reason::unexpected_response);
}

TEST_CASE("the diagnosis JSON has every contract field", "[classify]") {
    const auto json = cci::to_json(cci::classify(response(401, R"({"message":"Invalid token provided."})")));
    for (const char* key : {"reason", "retryable", "retry_after_s", "server_message", "message", "remedy", "identity"})
        CHECK(json.contains(key));
    CHECK(json.at("reason") == "token_invalid");
    CHECK(json.at("retry_after_s").is_null());
    CHECK(json.at("identity").is_null());
    CHECK(json.at("remedy") == cci::info(cci::Reason::token_invalid).remedy);
}

TEST_CASE("diagnosis_for carries the table row", "[classify]") {
    for (const auto& row : cci::reason_table()) {
        const auto diagnosis = cci::diagnosis_for(row.reason);
        CHECK(diagnosis.reason == row.reason);
        CHECK(diagnosis.retryable == row.retryable);
        CHECK(diagnosis.message == row.message);
        CHECK(diagnosis.remedy == row.remedy);
        CHECK_FALSE(diagnosis.retry_after_s);
    }
}
