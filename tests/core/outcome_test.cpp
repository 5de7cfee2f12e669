#include "cci/outcome.hpp"

#include <set>

#include <catch2/catch.hpp>

TEST_CASE("transport and endpoint ids round-trip and are unique", "[outcome]") {
    std::set<std::string_view> transports;
    for (std::size_t i = 0; i < cci::transport_count; ++i) {
        const auto transport = static_cast<cci::Transport>(i);
        CHECK(transports.insert(cci::id(transport)).second);
        CHECK(cci::parse_transport(cci::id(transport)) == transport);
    }
    std::set<std::string_view> endpoints;
    for (std::size_t i = 0; i < cci::endpoint_count; ++i) {
        const auto endpoint = static_cast<cci::Endpoint>(i);
        CHECK(endpoints.insert(cci::id(endpoint)).second);
        CHECK(cci::parse_endpoint(cci::id(endpoint)) == endpoint);
    }
    CHECK(transports == std::set<std::string_view>{"none", "dns", "connect", "tls", "timeout", "aborted",
                                                   "browser_blocked", "offline", "other"});
    CHECK(endpoints == std::set<std::string_view>{"me", "collaborations", "project", "pipelines", "job",
                                                  "job_details_v1", "step_output", "other"});
}

TEST_CASE("outcome_from_json reads every field", "[outcome]") {
    const auto json = nlohmann::json::parse(R"({
        "transport": "none", "status": 429,
        "headers": {"Retry-After": "30", "Set-Cookie": ["a=1", "b=2"], "X-Count": 3},
        "body": "Rate limited.", "endpoint": "collaborations", "token_kind": "personal",
        "previously_connected": true, "now": "2023-07-06T09:30:15.123Z"})");
    const auto outcome = cci::outcome_from_json(json);
    CHECK(outcome.transport == cci::Transport::none);
    CHECK(outcome.status == 429);
    CHECK(outcome.headers.find("retry-after") == std::optional<std::string_view>("30"));
    CHECK(outcome.headers.find_all("set-cookie").size() == 2);
    CHECK(outcome.headers.find("x-count") == std::optional<std::string_view>("3"));
    CHECK(outcome.body == "Rate limited.");
    CHECK(outcome.endpoint == cci::Endpoint::collaborations);
    CHECK(outcome.token_kind == cci::TokenKind::personal);
    CHECK(outcome.previously_connected);
    CHECK(outcome.now == cci::EpochMs{1688635815123});
}

TEST_CASE("outcome_from_json is tolerant", "[outcome]") {
    SECTION("unknown ids become other, an unknown token kind is dropped") {
        const auto outcome = cci::outcome_from_json(
            {{"transport", "carrier_pigeon"}, {"endpoint", "/api/v2/insights"}, {"token_kind", "magic"}});
        CHECK(outcome.transport == cci::Transport::other);
        CHECK(outcome.endpoint == cci::Endpoint::other);
        CHECK_FALSE(outcome.token_kind);
    }
    SECTION("mistyped fields are ignored") {
        const auto outcome = cci::outcome_from_json({{"status", true},
                                                     {"headers", "Retry-After: 5"},
                                                     {"body", 42},
                                                     {"previously_connected", "yes"},
                                                     {"now", "tomorrow"}});
        CHECK(outcome.status == 0);
        CHECK(outcome.headers.empty());
        CHECK(outcome.body.empty());
        CHECK_FALSE(outcome.previously_connected);
        CHECK_FALSE(outcome.now);
    }
    SECTION("status may be a numeric string; out-of-range numbers are no status") {
        CHECK(cci::outcome_from_json({{"status", "503"}}).status == 503);
        CHECK(cci::outcome_from_json({{"status", 1e12}}).status == 0);
        CHECK(cci::outcome_from_json({{"status", -1}}).status == 0);
    }
    SECTION("now may be milliseconds") {
        CHECK(cci::outcome_from_json({{"now", 1688635815123}}).now == cci::EpochMs{1688635815123});
    }
    SECTION("body_base64 wins over body; bad base64 keeps body") {
        CHECK(cci::outcome_from_json({{"body", "x"}, {"body_base64", "/w=="}}).body == "\xff");
        CHECK(cci::outcome_from_json({{"body", "x"}, {"body_base64", "!!"}}).body == "x");
    }
    SECTION("headers as name/value pairs") {
        const auto outcome = cci::outcome_from_json(
            {{"headers", nlohmann::json::array({nlohmann::json::array({"Date", "x"}), 5, nlohmann::json::array({1, 2})})}});
        CHECK(outcome.headers.fields().size() == 1);
    }
    SECTION("not an object") {
        for (const auto& json : {nlohmann::json(nullptr), nlohmann::json(3), nlohmann::json::array()}) {
            const auto outcome = cci::outcome_from_json(json);
            CHECK(outcome.status == 0);
            CHECK(outcome.transport == cci::Transport::none);
        }
    }
}

TEST_CASE("to_json and outcome_from_json round-trip, bytes included", "[outcome]") {
    cci::Outcome outcome;
    outcome.status = 401;
    outcome.headers = {{"Date", "Thu, 06 Jul 2023 09:30:15 GMT"}, {"X-A", "1"}, {"x-a", "2"}};
    outcome.endpoint = cci::Endpoint::job;
    outcome.token_kind = cci::TokenKind::legacy;
    outcome.previously_connected = true;
    outcome.now = 1688635815123;
    for (const std::string& body : {std::string("text"), std::string("\xff\x00\xfe", 3)}) {
        outcome.body = body;
        const auto json = cci::to_json(outcome);
        CHECK(json.contains(body == "text" ? "body" : "body_base64"));
        const auto back = cci::outcome_from_json(nlohmann::json::parse(json.dump()));
        CHECK(back.status == outcome.status);
        CHECK(back.headers == outcome.headers);
        CHECK(back.body == outcome.body);
        CHECK(back.endpoint == outcome.endpoint);
        CHECK(back.token_kind == outcome.token_kind);
        CHECK(back.previously_connected == outcome.previously_connected);
        CHECK(back.now == outcome.now);
    }
}
