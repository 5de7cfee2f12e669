#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "cci/vendor.hpp"

using namespace cci;

TEST_CASE("vendors: the table lists every enum value once, in order", "[vendor]") {
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < vendor_table().size(); ++i) {
        const auto& row = vendor_table()[i];
        CAPTURE(row.id);
        CHECK(static_cast<std::size_t>(row.vendor) == i);
        CHECK(ids.insert(row.id).second);
        CHECK(parse_vendor(row.id) == row.vendor);
        CHECK((row.name.substr(0, 2) == "a " || row.name.substr(0, 3) == "an "));
    }
    CHECK(static_cast<std::size_t>(Vendor::jwt) + 1 == vendor_count);
}

TEST_CASE("vendors: shapes are recognised by prefix and character set", "[vendor]") {
    using Row = std::tuple<std::string, std::optional<Vendor>, std::size_t>;
    const auto [token, vendor, prefix] = GENERATE(table<std::string, std::optional<Vendor>, std::size_t>({
        Row{"ghp_0123456789abcdefghijABCDEFGHIJ012345", Vendor::github, 4},
        Row{"ghs_0123456789abcdefghij", Vendor::github, 4},
        Row{"github_pat_11AAAAAAA0aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbb", Vendor::github, 11},
        Row{"glptt-0123456789abcdef0123456789abcdef01234567", Vendor::gitlab, 6},
        Row{"gldt-AbCdEfGhIjKlMnOpQrSt", Vendor::gitlab, 5},
        Row{"bkua_0123456789abcdef", Vendor::buildkite, 5},
        Row{"ASIAIOSFODNN7EXAMPLE", Vendor::aws, 4},
        Row{"xoxp-1234-5678-abcdef", Vendor::slack, 5},
        Row{"dckr_pat_AbCdEfGhIjKlMnOp", Vendor::docker_hub, 9},
        Row{"pypi-AgEIcHlwaS5vcmcCJDAwMDAwMDAw", Vendor::pypi, 5},
        Row{"ghp_", std::nullopt, 0},                 // a prefix alone is not a credential
        Row{"ghp_ with spaces inside", std::nullopt, 0},
        Row{"AKIAshort", std::nullopt, 0},
        Row{"AKIAiosfodnn7example", std::nullopt, 0},  // AWS key ids are upper case
        Row{"eyJhbGciOiJub25lIn0", std::nullopt, 0},     // a JWT needs a payload
        Row{"CCIPAT_x", std::nullopt, 0},
    }));
    CAPTURE(token);
    const auto match = detect_vendor(token);
    REQUIRE(match.has_value() == vendor.has_value());
    if (match) {
        CHECK(match->vendor == *vendor);
        CHECK(match->prefix_length == prefix);
    }
}

TEST_CASE("vendors: a JWT issued by CircleCI's OIDC provider is told apart", "[vendor]") {
    // {"alg":"none"} . {"iss":"https://oidc.circleci.com/org/x"} . signature
    const std::string oidc = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL29pZGMuY2lyY2xlY2kuY29tL29yZy94In0.c2ln";
    // {"alg":"none"} . {"iss":"https://example.com"} . signature
    const std::string other = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2V4YW1wbGUuY29tIn0.c2ln";
    CHECK(detect_vendor(oidc)->vendor == Vendor::circleci_oidc);
    CHECK(detect_vendor(other)->vendor == Vendor::jwt);
}
