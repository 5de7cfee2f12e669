#include "cci/log/fingerprint.hpp"

#include <catch2/catch.hpp>

#include <string>

using cci::log::fingerprint;
using cci::log::fingerprint_template;

TEST_CASE("fingerprint: run-specific parts become placeholders", "[log][fingerprint]") {
    using Case = std::tuple<std::string, std::string>;
    const auto [input, expected] = GENERATE(table<std::string, std::string>({
        Case{"job 3f2b8c1e-6a0d-4e5f-9a7b-1c2d3e4f5a6b failed", "job <uuid> failed"},
        Case{"at 2024-01-02T03:04:05.123Z retry", "at <time> retry"},
        Case{"at 12:34:56 retry", "at <time> retry"},
        Case{"wrote /tmp/pytest-of-circleci/pytest-3/x.txt", "wrote <tmp>"},
        Case{"commit 8b1f0c1a9e done", "commit <hex> done"},
        Case{"took 1.25s and 300ms", "took <duration> and <duration>"},
        Case{"connect ECONNREFUSED 127.0.0.1:5432", "connect ECONNREFUSED <n>.<n>.<n>.<n>:<port>"},
        Case{"localhost:8080 refused", "localhost:<port> refused"},
        Case{"src/a.c:42:13: error: x", "src/a.c:<n>:<n>: error: x"},
    }));
    CHECK(fingerprint_template(input) == expected);
}

TEST_CASE("fingerprint: equal templates, equal ids; other rules or steps differ", "[log][fingerprint]") {
    const auto a = fingerprint("jest_failure", "npm test", "  ● Cart › adds 3 items in 120ms");
    CHECK(a.size() == 16);
    CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(a == fingerprint("jest_failure", "npm test", "  ● Cart › adds 4 items in 98ms"));
    CHECK(a != fingerprint("jest_failure", "npm ci", "  ● Cart › adds 3 items in 120ms"));
    CHECK(a != fingerprint("generic_error", "npm test", "  ● Cart › adds 3 items in 120ms"));
    CHECK(a != fingerprint("jest_failure", "npm test", "  ● Cart › removes 3 items in 120ms"));
}
