#include "cci/retry_after.hpp"

#include <catch2/catch.hpp>

namespace {
constexpr cci::EpochMs nov_6_1994 = 784111777000;  // Sun, 06 Nov 1994 08:49:37 GMT
}

TEST_CASE("Retry-After in seconds", "[retry_after]") {
    CHECK(cci::retry_after_seconds({{"Retry-After", "120"}}, std::nullopt) == 120);
    CHECK(cci::retry_after_seconds({{"retry-after", " 0 "}}, std::nullopt) == 0);
    CHECK(cci::retry_after_seconds({{"RETRY-AFTER", "1.5"}}, std::nullopt) == 2);
    CHECK(cci::retry_after_seconds({{"Retry-After", "99999999999999999999"}}, std::nullopt) ==
          cci::max_retry_after_s);
    CHECK_FALSE(cci::retry_after_seconds({{"Retry-After", "-5"}}, std::nullopt));
    CHECK_FALSE(cci::retry_after_seconds({{"Retry-After", "soon"}}, nov_6_1994));
    CHECK_FALSE(cci::retry_after_seconds({}, nov_6_1994));
}

TEST_CASE("Retry-After as an HTTP-date is relative to Date, else to now", "[retry_after]") {
    const cci::Headers with_date{{"Date", "Sun, 06 Nov 1994 08:49:37 GMT"},
                                 {"Retry-After", "Sun, 06 Nov 1994 08:51:07 GMT"}};
    CHECK(cci::retry_after_seconds(with_date, std::nullopt) == 90);
    CHECK(cci::retry_after_seconds(with_date, nov_6_1994 + 3'600'000) == 90);  // Date wins over a skewed clock
    const cci::Headers without_date{{"Retry-After", "Sun, 06 Nov 1994 08:50:37 GMT"}};
    CHECK(cci::retry_after_seconds(without_date, nov_6_1994) == 60);
    CHECK(cci::retry_after_seconds(without_date, nov_6_1994 + 59'500) == 1);
    CHECK(cci::retry_after_seconds(without_date, nov_6_1994 + 120'000) == 0);
    CHECK_FALSE(cci::retry_after_seconds(without_date, std::nullopt));
    const cci::Headers bad_date{{"Date", "garbage"}, {"Retry-After", "Sun, 06 Nov 1994 08:50:37 GMT"}};
    CHECK(cci::retry_after_seconds(bad_date, nov_6_1994) == 60);
}

TEST_CASE("RateLimit-Reset and X-RateLimit-Reset", "[retry_after]") {
    CHECK(cci::retry_after_seconds({{"RateLimit-Reset", "30"}}, std::nullopt) == 30);
    CHECK(cci::retry_after_seconds({{"x-ratelimit-reset", "45"}}, std::nullopt) == 45);
    CHECK(cci::retry_after_seconds({{"X-RateLimit-Reset", "1688635835"}}, cci::EpochMs{1688635815000}) == 20);
    // A Unix time is read relative to the response's Date.
    CHECK(cci::retry_after_seconds({{"Date", "Thu, 06 Jul 2023 09:30:15 GMT"}, {"X-RateLimit-Reset", "1688635835"}},
                                   std::nullopt) == 20);
    CHECK_FALSE(cci::retry_after_seconds({{"X-RateLimit-Reset", "1688635835"}}, std::nullopt));
}

TEST_CASE("the longest wait wins when several headers are present", "[retry_after]") {
    auto [headers, expected] = GENERATE(table<cci::Headers, std::int64_t>({
        {{{"Retry-After", "10"}, {"RateLimit-Reset", "30"}, {"X-RateLimit-Reset", "20"}}, 30},
        {{{"Retry-After", "100"}, {"RateLimit-Reset", "30"}}, 100},
        {{{"Retry-After", "junk"}, {"X-RateLimit-Reset", "7"}}, 7},
        {{{"Retry-After", "5"}, {"Retry-After", "8"}}, 8},
        {{{"Date", "Sun, 06 Nov 1994 08:49:37 GMT"}, {"Retry-After", "Sun, 06 Nov 1994 08:52:37 GMT"},
          {"RateLimit-Reset", "60"}},
         180},
    }));
    CHECK(cci::retry_after_seconds(headers, std::nullopt) == expected);
}
