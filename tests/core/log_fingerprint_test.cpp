#include "cci/log/fingerprint.hpp"

#include <catch2/catch.hpp>
#include <re2/re2.h>

#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

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

TEST_CASE("fingerprint: the template is the seven replacement passes, whichever it skips", "[log][fingerprint]") {
    // The reference: every pass an RE2 replacement over the whole line, in order.
    const std::pair<const char*, const char*> passes[] = {
        {R"(\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)", "<uuid>"},
        {R"(\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?|\b\d\d:\d\d:\d\d(?:[.,]\d+)?Z?)",
         "<time>"},
        {R"((?:/tmp|/var/folders|/private/var/folders|/var/tmp|[A-Za-z]:\\Users\\[^\\\s]+\\AppData\\Local\\Temp)[/\\][^\s'":,)\]]*)",
         "<tmp>"},
        {R"(\b(?:0x[0-9a-fA-F]+|[0-9a-f]{7,64})\b)", "<hex>"},
        {R"(\b\d+(?:\.\d+)?\s?(?:ms|s|sec|seconds|m|min|minutes|h)\b|\b\d+m\d+(?:\.\d+)?s\b)", "<duration>"},
        {R"((\b(?:localhost|\d{1,3}(?:\.\d{1,3}){3}|[\w.-]+\.(?:com|org|net|io|dev|test|local|internal|svc))|\]):\d{2,5}\b)",
         "\\1:<port>"},
        {R"(\d+)", "<n>"},
    };
    std::vector<std::unique_ptr<re2::RE2>> regexes;
    for (const auto& [pattern, placeholder] : passes) regexes.push_back(std::make_unique<re2::RE2>(pattern));
    const auto reference = [&](std::string text) {
        for (std::size_t i = 0; i < regexes.size(); ++i) re2::RE2::GlobalReplace(&text, *regexes[i], passes[i].second);
        return text;
    };
    // Pieces that make each pass match or nearly match, joined at random.
    const std::vector<std::string> pieces = {
        "0", "7", "42", "2024", "12", ":", "-", ".", ",", " ", "\t", "T", "Z", "+", "ms", "s", "m", "h", "min", "sec",
        "a", "f", "e3", "deadbeef", "0x", "1f2e3d4c", "-4e5f-", "/tmp", "/var/tmp", "/var/folders", "/", "\\",
        "C:\\Users\\me\\AppData\\Local\\Temp", "localhost", "]", ".com", "host", "x", "é", "\x1b",
    };
    std::mt19937 random(20261205);
    for (int n = 0; n < 20000; ++n) {
        std::string line;
        const int count = 1 + static_cast<int>(random() % 12);
        for (int k = 0; k < count; ++k) line += pieces[random() % pieces.size()];
        INFO(line);
        CHECK(fingerprint_template(line) == reference(line));
    }
}
