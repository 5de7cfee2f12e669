#include "cci/connection_view.hpp"

#include <catch2/catch.hpp>

TEST_CASE("verified_ago_text", "[connection_view]") {
    constexpr cci::EpochMs t = 1688635815000;
    auto [ago, text] = GENERATE(table<cci::EpochMs, std::string>({
        {-5000, "verified just now"},
        {0, "verified just now"},
        {59'999, "verified just now"},
        {60'000, "verified 1 min ago"},
        {3 * cci::ms_per_minute + 59'000, "verified 3 min ago"},
        {cci::ms_per_hour, "verified 1 h ago"},
        {47 * cci::ms_per_hour, "verified 47 h ago"},
        {2 * cci::ms_per_day, "verified 2 days ago"},
        {400 * cci::ms_per_day, "verified 400 days ago"},
    }));
    CHECK(cci::verified_ago_text(t - ago, t) == text);
}

TEST_CASE("the view model JSON has every field the page reads", "[connection_view]") {
    const cci::ConnectionState empty;
    const auto json = cci::to_json(cci::view(empty, 0));
    for (const char* key : {"state", "can_submit", "button_label", "field_error", "field_warning", "masked_token",
                            "status_line", "remedy", "server_message", "reason", "identity", "verified_ago",
                            "retry_in_s", "expiry_warning", "stages"})
        CHECK(json.contains(key));
    CHECK(json.at("state") == "empty");
    CHECK(json.at("can_submit") == false);
    CHECK(json.at("stages").is_array());

    auto state = cci::transition(empty, cci::ConnectionEvent::input_changed(
                                            std::string("CCIPAT_ULUhR6rJLxYbyzyrP19iMZ_") + std::string(40, 'a')));
    state = cci::transition(state, cci::ConnectionEvent::submit(0));
    const auto validating = cci::to_json(cci::view(state, 0));
    REQUIRE(validating.at("stages").size() == 2);
    const auto& stage = validating.at("stages")[0];
    CHECK(stage.at("id") == "identity");
    CHECK(stage.at("method") == "GET");
    CHECK(stage.at("path") == "/api/v2/me");
    CHECK(stage.at("status") == "running");
    CHECK(stage.at("reason").is_null());
    CHECK(validating.at("stages")[1].at("status") == "pending");
}
