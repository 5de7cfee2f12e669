#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "cci/catalog.hpp"
#include "cci/reason.hpp"
#include "cci/token_code.hpp"

using namespace cci;

TEST_CASE("catalog: every family is listed with unique ids", "[catalog]") {
    const auto catalog = id_catalog();
    for (const auto* family : {"token_kind", "token_verdict", "token_code", "vendor", "reason", "transport", "endpoint",
                               "stage", "stage_status", "skip_cause", "state", "event", "builds_cause",
                               "ci_target_kind", "ci_url_error", "category", "severity", "tier", "input_format",
                               "log_error", "rule"}) {
        CAPTURE(family);
        REQUIRE(catalog.contains(family));
        const auto& list = catalog[family];
        REQUIRE(list.is_array());
        REQUIRE_FALSE(list.empty());
        std::set<std::string> ids;
        for (const auto& entry : list) {
            const auto id_text = entry.is_string() ? entry.get<std::string>() : entry.at("id").get<std::string>();
            CHECK(ids.insert(id_text).second);
        }
    }
    CHECK(catalog.size() == 21);
}

TEST_CASE("catalog: table families carry their table's rows in order", "[catalog]") {
    const auto catalog = id_catalog();
    REQUIRE(catalog["reason"].size() == reason_count);
    for (std::size_t i = 0; i < reason_count; ++i) {
        const auto& row = info(static_cast<Reason>(i));
        CHECK(catalog["reason"][i]["id"] == row.id);
        CHECK(catalog["reason"][i]["retryable"] == row.retryable);
        CHECK(catalog["reason"][i]["remedy"] == row.remedy);
    }
    REQUIRE(catalog["token_code"].size() == token_code_count);
    CHECK(catalog["token_code"][0]["id"] == "personal_ok");
    CHECK(catalog["token_code"][0]["verdict"] == "ok");
}
