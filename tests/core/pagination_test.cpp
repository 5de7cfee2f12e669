#include "cci/pagination.hpp"

#include <set>
#include <string>

#include <catch2/catch.hpp>

using nlohmann::json;

TEST_CASE("the page step table covers every value in order with unique ids", "[pagination]") {
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < cci::page_step_table().size(); ++i) {
        const auto step = static_cast<cci::PageStep>(i);
        CHECK(cci::page_step_table()[i].step == step);
        CHECK(&cci::info(step) == &cci::page_step_table()[i]);
        CHECK(ids.insert(cci::id(step)).second);
    }
}

TEST_CASE("pages are read from CircleCI's list envelope", "[pagination]") {
    SECTION("a middle page") {
        const auto page = cci::page_from_json(json::parse(R"({"items":[{"id":"a"},{"id":"b"}],"next_page_token":"T1"})"));
        REQUIRE(page);
        CHECK(page->items.size() == 2);
        CHECK(page->items[1]["id"] == "b");
        CHECK(page->next_page_token == "T1");
    }
    SECTION("the last page: null, absent or empty token") {
        for (const auto* body : {R"({"items":[],"next_page_token":null})", R"({"items":[1]})",
                                 R"({"items":[1],"next_page_token":""})"}) {
            const auto page = cci::page_from_json(json::parse(body));
            REQUIRE(page);
            CHECK_FALSE(page->next_page_token);
        }
    }
    SECTION("not a page") {
        for (const auto* body : {R"([])", R"({"items":{}})", R"({"message":"Project not found"})",
                                 R"({"items":[],"next_page_token":5})", R"("items")"})
            CHECK_FALSE(cci::page_from_json(json::parse(body)));
    }
}

TEST_CASE("the guard follows tokens, stops at the end, on a repeated token and at the cap", "[pagination]") {
    const auto page = [](std::optional<std::string> token) { return cci::Page{{}, std::move(token)}; };
    SECTION("a list of three pages") {
        cci::PageGuard guard(10);
        CHECK(guard.after(page("A")) == cci::PageStep::next);
        CHECK(guard.after(page("B")) == cci::PageStep::next);
        CHECK(guard.after(page(std::nullopt)) == cci::PageStep::end);
        CHECK(guard.pages() == 3);
    }
    SECTION("a server answering every token with the same page") {
        cci::PageGuard guard(10);
        CHECK(guard.after(page("A")) == cci::PageStep::next);
        CHECK(guard.after(page("A")) == cci::PageStep::repeated_token);
    }
    SECTION("a token seen two pages earlier is a loop too") {
        cci::PageGuard guard(10);
        CHECK(guard.after(page("A")) == cci::PageStep::next);
        CHECK(guard.after(page("B")) == cci::PageStep::next);
        CHECK(guard.after(page("A")) == cci::PageStep::repeated_token);
    }
    SECTION("the cap stops a list that goes on") {
        cci::PageGuard guard(3);
        CHECK(guard.after(page("A")) == cci::PageStep::next);
        CHECK(guard.after(page("B")) == cci::PageStep::next);
        CHECK(guard.after(page("C")) == cci::PageStep::page_cap);
    }
    SECTION("the last page within the cap is the end, not the cap") {
        cci::PageGuard guard(2);
        CHECK(guard.after(page("A")) == cci::PageStep::next);
        CHECK(guard.after(page(std::nullopt)) == cci::PageStep::end);
    }
}

TEST_CASE("page tokens go into the query percent-encoded", "[pagination]") {
    CHECK(cci::with_page_token("/api/v2/workflow/w/job", "abc") == "/api/v2/workflow/w/job?page-token=abc");
    CHECK(cci::with_page_token("/api/v2/project/gh/a/b/pipeline?branch=main", "a+b/c=") ==
          "/api/v2/project/gh/a/b/pipeline?branch=main&page-token=a%2Bb%2Fc%3D");
    CHECK(cci::percent_encode("AZaz09-._~") == "AZaz09-._~");
    CHECK(cci::percent_encode("a b&c\xff") == "a%20b%26c%FF");
}
