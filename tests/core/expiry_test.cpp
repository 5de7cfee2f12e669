#include "cci/expiry.hpp"

#include <catch2/catch.hpp>

namespace {
constexpr cci::EpochMs now = 1688635815000;  // 2023-07-06T09:30:15Z
}

TEST_CASE("warning levels at 30, 7 and 1 days", "[expiry]") {
    using cci::ExpiryLevel;
    auto [ahead, level, days] = GENERATE(table<cci::EpochMs, ExpiryLevel, std::int64_t>({
        {31 * cci::ms_per_day, ExpiryLevel::none, 31},
        {30 * cci::ms_per_day, ExpiryLevel::within_30_days, 30},
        {8 * cci::ms_per_day, ExpiryLevel::within_30_days, 8},
        {7 * cci::ms_per_day, ExpiryLevel::within_7_days, 7},
        {2 * cci::ms_per_day, ExpiryLevel::within_7_days, 2},
        {cci::ms_per_day + 1, ExpiryLevel::within_7_days, 2},
        {cci::ms_per_day, ExpiryLevel::within_1_day, 1},
        {1, ExpiryLevel::within_1_day, 1},
        {0, ExpiryLevel::expired, 0},
        {-cci::ms_per_day, ExpiryLevel::expired, 0},
    }));
    const auto horizon = cci::expiry_horizon(now + ahead, std::nullopt, now);
    REQUIRE(horizon);
    CHECK(horizon->basis == cci::ExpiryBasis::user_date);
    CHECK(horizon->level == level);
    CHECK(horizon->days_left == days);
    CHECK(cci::expiry_warning(*horizon).has_value() == (level != ExpiryLevel::none));
}

TEST_CASE("without a date, the one-year limit from the first connection", "[expiry]") {
    CHECK_FALSE(cci::expiry_horizon(std::nullopt, std::nullopt, now));
    const auto fresh = cci::expiry_horizon(std::nullopt, now, now);
    REQUIRE(fresh);
    CHECK(fresh->basis == cci::ExpiryBasis::one_year_limit);
    CHECK(fresh->expires_at == now + 365 * cci::ms_per_day);
    CHECK(fresh->level == cci::ExpiryLevel::none);
    const auto old = cci::expiry_horizon(std::nullopt, now - 360 * cci::ms_per_day, now);
    REQUIRE(old);
    CHECK(old->level == cci::ExpiryLevel::within_7_days);
    const auto text = cci::expiry_warning(*old);
    REQUIRE(text);
    CHECK(text->find("at most a year") != std::string::npos);
    CHECK(text->find("2023-07-11") != std::string::npos);
    // A user date wins over the limit.
    const auto dated = cci::expiry_horizon(now + 100 * cci::ms_per_day, now - 360 * cci::ms_per_day, now);
    CHECK(dated->basis == cci::ExpiryBasis::user_date);
    CHECK(dated->level == cci::ExpiryLevel::none);
}

TEST_CASE("warning sentences name the date", "[expiry]") {
    const auto soon = cci::expiry_horizon(now + 3 * cci::ms_per_day, std::nullopt, now);
    CHECK(cci::expiry_warning(*soon) ==
          std::string("The token expires in 3 days (on 2023-07-09). Create a new Personal API Token before then."));
    const auto gone = cci::expiry_horizon(now - 1, std::nullopt, now);
    CHECK(cci::expiry_warning(*gone) ==
          std::string("The token expired on 2023-07-06. Create a new Personal API Token and connect it."));
}
