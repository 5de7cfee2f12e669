#include "cci/http_date.hpp"

#include <catch2/catch.hpp>

namespace {
constexpr cci::EpochMs nov_6_1994 = 784111777000;
}

TEST_CASE("parse_http_date reads the three HTTP-date forms", "[http_date]") {
    auto [text, expected] = GENERATE(table<std::string_view, std::optional<cci::EpochMs>>({
        {"Sun, 06 Nov 1994 08:49:37 GMT", nov_6_1994},
        {"sun, 06 nov 1994 08:49:37 gmt", nov_6_1994},
        {"Sunday, 06-Nov-94 08:49:37 GMT", nov_6_1994},
        {"Sun Nov  6 08:49:37 1994", nov_6_1994},
        {"  Sun, 06 Nov 1994 08:49:37 GMT  ", nov_6_1994},
        {"Thu, 06 Jul 2023 09:30:15 GMT", 1688635815000},
        {"Thursday, 06-Jul-23 09:30:15 GMT", 1688635815000},
        {"Sun, 06 Nov 1994 08:49:37 UTC", std::nullopt},
        {"Sun, 31 Feb 1994 08:49:37 GMT", std::nullopt},
        {"Sun, 06 Nov 1994 08:49 GMT", std::nullopt},
        {"Xyz, 06 Nov 1994 08:49:37 GMT", std::nullopt},
        {"Sun, 06 Nov 1994 08:49:37 GMT extra", std::nullopt},
        {"120", std::nullopt},
        {"", std::nullopt},
    }));
    CHECK(cci::parse_http_date(text) == expected);
}
