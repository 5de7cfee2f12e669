#include "cci/headers.hpp"

#include <catch2/catch.hpp>

TEST_CASE("header lookup ignores case and trims values", "[headers]") {
    cci::Headers headers{{"Retry-After", " 120 "}, {"content-type", "text/html"}, {"retry-after", "5"}};
    CHECK(headers.find("retry-after") == std::optional<std::string_view>("120"));
    CHECK(headers.find("RETRY-AFTER") == std::optional<std::string_view>("120"));
    CHECK(headers.find("Content-Type") == std::optional<std::string_view>("text/html"));
    CHECK_FALSE(headers.find("Date"));
    CHECK(headers.find_all("Retry-after") == std::vector<std::string_view>{"120", "5"});
    CHECK(headers.fields().size() == 3);
    CHECK(headers.fields()[0].name == "Retry-After");
}

TEST_CASE("header names compare ASCII case-insensitively only", "[headers]") {
    CHECK(cci::header_name_equals("X-RateLimit-Reset", "x-ratelimit-reset"));
    CHECK_FALSE(cci::header_name_equals("X-RateLimit-Reset", "X-RateLimit-Rese"));
    CHECK_FALSE(cci::header_name_equals("\xC3\x84", "\xC3\xA4"));
}
