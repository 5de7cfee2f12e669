#include "cci/response_body.hpp"

#include <string>

#include <catch2/catch.hpp>

using cci::BodyFormat;

TEST_CASE("envelopes and formats give the server's message", "[response_body]") {
    auto [body, format, message] = GENERATE(table<std::string, BodyFormat, std::optional<std::string>>({
        {R"({"message": "Invalid token provided."})", BodyFormat::json, "Invalid token provided."},
        {R"({"message" : "You must log in first."})", BodyFormat::json, "You must log in first."},
        {R"({"error":"Unauthorized"})", BodyFormat::json, "Unauthorized"},
        {R"({"error":{"id":"not_found","title":"Not Found","detail":"Job 7 does not exist","source":{}}})",
         BodyFormat::json, "Not Found: Job 7 does not exist"},
        {R"({"error":{"id":"forbidden"}})", BodyFormat::json, "forbidden"},
        {R"({"error":{"detail":"only detail"}})", BodyFormat::json, "only detail"},
        {R"({"message": "", "error": "fallback"})", BodyFormat::json, "fallback"},
        {R"({"message": 42})", BodyFormat::json, std::nullopt},
        {R"("Rate limited.")", BodyFormat::json, "Rate limited."},
        {"{}", BodyFormat::json, std::nullopt},
        {"[]", BodyFormat::json, std::nullopt},
        {"Rate limited.", BodyFormat::text, "Rate limited."},
        {"  Invalid token\r\n\tprovided  ", BodyFormat::text, "Invalid token provided"},
        {"", BodyFormat::empty, std::nullopt},
        {" \r\n ", BodyFormat::empty, std::nullopt},
        {R"({"message": "Invalid tok)", BodyFormat::invalid_json, std::nullopt},
        {"[1, 2", BodyFormat::invalid_json, std::nullopt},
        {"<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1><script>x()</script></body></html>",
         BodyFormat::html, "502 Bad Gateway"},
        {"<!DOCTYPE html><html><head><title>circleci.com | 503: Service &amp; <b>unavailable</b></title>",
         BodyFormat::html, "circleci.com | 503: Service & unavailable"},
        {"<html><body><h1>Oops</h1></body></html>", BodyFormat::html, std::nullopt},
        {"\xEF\xBB\xBF{\"message\":\"with BOM\"}", BodyFormat::json, "with BOM"},
    }));
    const auto parsed = cci::parse_response_body(body);
    CHECK(parsed.format == format);
    CHECK(parsed.server_message == message);
}

TEST_CASE("the parsed JSON document is kept", "[response_body]") {
    const auto parsed = cci::parse_response_body(R"({"id":"abc","login":"octo"})");
    REQUIRE(parsed.format == BodyFormat::json);
    CHECK(parsed.json.at("login") == "octo");
    CHECK(cci::parse_response_body("plain").json.is_null());
}

TEST_CASE("messages never carry a token", "[response_body]") {
    const std::string token = std::string("CCIPAT_ULUhR6rJLxYbyzyrP19iMZ_") + std::string(40, 'c');
    CHECK(cci::parse_response_body(R"({"message":"token )" + token + R"( is invalid"})").server_message ==
          std::string("token [redacted] is invalid"));
    CHECK(cci::parse_response_body("bad " + token).server_message == std::string("bad [redacted]"));
    // A token that crosses the display limit is redacted before the cut.
    const std::string long_text = std::string(280, 'x') + " " + token;
    const auto message = cci::parse_response_body(long_text).server_message;
    REQUIRE(message);
    CHECK(message->find("CCIPAT") == std::string::npos);
    CHECK(message->find("[redacted]") == 281);
}

TEST_CASE("invalid UTF-8 and control characters become one valid line", "[response_body]") {
    const auto parsed = cci::parse_response_body(std::string("bad \xff\xfe bytes\x01\x02 and\x00NUL", 22));
    CHECK(parsed.format == BodyFormat::text);
    CHECK(parsed.server_message == std::string("bad \xEF\xBF\xBD\xEF\xBF\xBD bytes and NUL"));
    // nlohmann would refuse to dump invalid UTF-8: the message must dump.
    CHECK_NOTHROW(nlohmann::json(*parsed.server_message).dump());
}

TEST_CASE("messages are capped", "[response_body]") {
    const auto message = cci::parse_response_body(std::string(5000, 'z')).server_message;
    REQUIRE(message);
    CHECK(message->size() == cci::max_server_message_chars + std::string("…").size());
    CHECK(message->substr(message->size() - 3) == "…");
    CHECK(cci::display_line("\xC3\xA9\xC3\xA9\xC3\xA9", 2) == "\xC3\xA9\xC3\xA9…");
    CHECK(cci::display_line("abc", 3) == "abc");
}

TEST_CASE("deep, huge and odd bodies are handled without parsing them", "[response_body]") {
    CHECK(cci::parse_response_body(std::string(100000, '[')).format == BodyFormat::invalid_json);
    const std::string deep = std::string(cci::max_json_depth + 1, '[') + std::string(cci::max_json_depth + 1, ']');
    CHECK(cci::parse_response_body(deep).format == BodyFormat::invalid_json);
    const std::string ok_depth = std::string(cci::max_json_depth, '[') + std::string(cci::max_json_depth, ']');
    CHECK(cci::parse_response_body(ok_depth).format == BodyFormat::json);
    std::string huge = R"({"message":")" + std::string(10 * 1024 * 1024, 'm') + R"("})";
    CHECK(cci::parse_response_body(huge).format == BodyFormat::invalid_json);
    const std::string huge_text(10 * 1024 * 1024, 'z');
    const auto text = cci::parse_response_body(huge_text);
    CHECK(text.format == BodyFormat::text);
    REQUIRE(text.server_message);
    CHECK(text.server_message->size() < 400);
}
