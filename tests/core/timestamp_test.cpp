#include "cci/timestamp.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <random>

using cci::EpochMs;

TEST_CASE("epoch_ms and civil_time agree on known instants", "[timestamp]") {
    auto [civil, ms] = GENERATE(table<cci::CivilTime, EpochMs>({
        {{1970, 1, 1, 0, 0, 0, 0}, 0},
        {{2000, 2, 29, 12, 0, 0, 0}, 951825600000},
        {{2023, 7, 6, 9, 30, 15, 123}, 1688635815123},
        {{1969, 12, 31, 23, 59, 59, 999}, -1},
        {{9999, 12, 31, 23, 59, 59, 999}, 253402300799999},
    }));
    CHECK(cci::epoch_ms(civil) == ms);
    const auto back = cci::civil_time(ms);
    CHECK(back.year == civil.year);
    CHECK(back.month == civil.month);
    CHECK(back.day == civil.day);
    CHECK(back.hour == civil.hour);
    CHECK(back.minute == civil.minute);
    CHECK(back.second == civil.second);
    CHECK(back.millisecond == civil.millisecond);
}

TEST_CASE("epoch_ms rejects out-of-range fields", "[timestamp]") {
    CHECK_FALSE(cci::epoch_ms({2023, 4, 31, 0, 0, 0, 0}));
    CHECK_FALSE(cci::epoch_ms({2023, 2, 29, 0, 0, 0, 0}));
    CHECK(cci::epoch_ms({2024, 2, 29, 0, 0, 0, 0}));
    CHECK_FALSE(cci::epoch_ms({2023, 13, 1, 0, 0, 0, 0}));
    CHECK_FALSE(cci::epoch_ms({2023, 1, 1, 24, 0, 0, 0}));
    CHECK_FALSE(cci::epoch_ms({2023, 1, 1, 0, 0, 60, 0}));
    CHECK_FALSE(cci::epoch_ms({10000, 1, 1, 0, 0, 0, 0}));
}

TEST_CASE("format_rfc3339 always writes UTC with milliseconds", "[timestamp]") {
    CHECK(cci::format_rfc3339(0) == "1970-01-01T00:00:00.000Z");
    CHECK(cci::format_rfc3339(1688635815123) == "2023-07-06T09:30:15.123Z");
    CHECK(cci::format_rfc3339(-1) == "1969-12-31T23:59:59.999Z");
}

TEST_CASE("format_rfc3339 writes years outside 0000-9999 with a sign or all their digits", "[timestamp]") {
    CHECK(cci::format_rfc3339(-62167219200000) == "0000-01-01T00:00:00.000Z");
    CHECK(cci::format_rfc3339(-62167219200001) == "-001-12-31T23:59:59.999Z");
    CHECK(cci::format_rfc3339(253402300800000) == "10000-01-01T00:00:00.000Z");
    CHECK(cci::format_rfc3339(-1'000'000'000'000'000) == "-29719-04-05T22:13:20.000Z");
}

TEST_CASE("format_rfc3339 writes what snprintf wrote for any instant", "[timestamp]") {
    std::mt19937_64 random(3339);
    for (int i = 0; i < 20000; ++i) {
        const auto range = EpochMs{1} << (10 + i % 44);
        const EpochMs t = std::uniform_int_distribution<EpochMs>(-range, range)(random);
        const cci::CivilTime c = cci::civil_time(t);
        std::array<char, 40> expected{};
        std::snprintf(expected.data(), expected.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day,
                      c.hour, c.minute, c.second, c.millisecond);
        INFO(t);
        CHECK(cci::format_rfc3339(t) == expected.data());
    }
}

TEST_CASE("parse_rfc3339 reads the RFC 3339 forms", "[timestamp]") {
    auto [text, expected] = GENERATE(table<std::string_view, std::optional<EpochMs>>({
        {"2023-07-06T09:30:15.123Z", 1688635815123},
        {"2023-07-06T09:30:15Z", 1688635815000},
        {"2023-07-06t09:30:15z", 1688635815000},
        {"2023-07-06 09:30:15Z", 1688635815000},
        {"2023-07-06T09:30:15.1234567Z", 1688635815123},
        {"2023-07-06T11:30:15+02:00", 1688635815000},
        {"2023-07-06T04:00:15-05:30", 1688635815000},
        {"2023-07-06T09:30:15", std::nullopt},
        {"2023-07-06T09:30:15.Z", std::nullopt},
        {"2023-07-06T09:30:15Zjunk", std::nullopt},
        {"2023-02-30T00:00:00Z", std::nullopt},
        {"2023-07-06T09:30:15+2:00", std::nullopt},
        {"", std::nullopt},
        {"yesterday", std::nullopt},
    }));
    CHECK(cci::parse_rfc3339(text) == expected);
}

TEST_CASE("RFC 3339 round trip is exact", "[timestamp]") {
    const EpochMs t = GENERATE(EpochMs{0}, EpochMs{1}, EpochMs{1688635815123}, EpochMs{-86400001},
                               EpochMs{253402300799999}, EpochMs{-62167219200000});
    CHECK(cci::parse_rfc3339(cci::format_rfc3339(t)) == t);
}
