#include <catch2/catch.hpp>

#include <string>

#include "cci/paste.hpp"

using namespace cci;

TEST_CASE("paste: wrappers and invisible characters are removed", "[paste]") {
    const std::string t = "TOKENVALUE0123456789abc";
    using Row = std::tuple<std::string, std::string>;
    const auto [pasted, expected] = GENERATE_COPY(table<std::string, std::string>({
        Row{t, t},
        Row{" \t" + t + " \r\n", t},
        Row{"\u00A0" + t + "\u3000", t},
        Row{"\uFEFF\u200B" + t + "\u2060", t},
        Row{t.substr(0, 5) + "\u00AD\u200C" + t.substr(5), t},
        Row{"'" + t + "'", t},
        Row{"\"" + t + "\"", t},
        Row{"`" + t + "`", t},
        Row{"\u2018" + t + "\u2019", t},
        Row{"\u00AB" + t + "\u00BB", t},
        Row{"'\"" + t + "\"'", t},
        Row{"Circle-Token: " + t, t},
        Row{"CIRCLE-TOKEN:" + t, t},
        Row{"Authorization: Bearer " + t, t},
        Row{"authorization:bearer " + t, t},
        Row{"Bearer " + t, t},
        Row{"circle-token=" + t, t},
        Row{"export CIRCLECI_TOKEN=" + t, t},
        Row{"export CIRCLECI_TOKEN='" + t + "'", t},
        Row{"CIRCLE_TOKEN=" + t, t},
        Row{"CIRCLECI_CLI_TOKEN = \"" + t + "\"", t},
        Row{"circleci_token: " + t, t},
        Row{"set CIRCLECI_TOKEN=" + t, t},
        Row{"$env:CIRCLECI_TOKEN=\"" + t + "\"", t},
        Row{"--header 'Circle-Token: " + t + "'", t},
        Row{"\"", "\""},
        Row{"'" + t, "'" + t},  // unmatched quote stays: the token check reports it
        Row{"", ""},
    }));
    CAPTURE(pasted);
    const Paste paste = clean_paste(pasted);
    CHECK(paste.token == expected);
    CHECK_FALSE(paste.from_badge_url);
    CHECK_FALSE(paste.several_tokens);
}

TEST_CASE("paste: the circle-token of a URL is taken out", "[paste]") {
    using Row = std::tuple<std::string, std::string, bool>;
    const auto [pasted, token, badge] = GENERATE(table<std::string, std::string, bool>({
        Row{"https://dl.circleci.com/status-badge/img/gh/a/b/tree/main.svg?style=svg&circle-token=abc123", "abc123",
            true},
        Row{"https://circleci.com/gh/a/b.svg?circle-token=abc123&style=shield", "abc123", true},
        Row{"https://circleci.com/gh/a/b/tree/main.png?circle-token=abc%5F123", "abc_123", true},
        Row{"[![CircleCI](https://circleci.com/gh/a/b.svg?style=svg&circle-token=abc123)](https://circleci.com/gh/a/b)",
            "abc123", true},
        Row{"<img src=\"https://circleci.com/gh/a/b.svg?style=svg&circle-token=abc123\">", "abc123", true},
        Row{"https://circleci.com/api/v2/me?circle-token=abc123", "abc123", false},
        Row{"circleci.com/api/v1.1/me?circle-token=abc123#x", "abc123", false},
    }));
    CAPTURE(pasted);
    const Paste paste = clean_paste(pasted);
    CHECK(paste.token == token);
    CHECK(paste.from_badge_url == badge);
}

TEST_CASE("paste: a URL without a circle-token is left as it is", "[paste]") {
    const Paste paste = clean_paste("https://circleci.com/gh/a/b.svg?style=svg&xcircle-token=abc");
    CHECK(paste.token == "https://circleci.com/gh/a/b.svg?style=svg&xcircle-token=abc");
    CHECK_FALSE(paste.from_badge_url);
}

TEST_CASE("paste: several tokens in one paste are flagged", "[paste]") {
    const std::string a = "CCIPAT_aaaaaaaaaaaaaaaaaaaaaa_0123";
    const std::string b = "ghp_0123456789abcdefghij0123456789";
    const auto [pasted, several] = GENERATE_COPY(table<std::string, bool>({
        {a + "\n" + b, true},
        {a + " " + b, true},
        {a + "," + b, true},
        {a + a, true},
        {"CCIPAT_x CCIPRJ_y", true},
        {a + " trailing", false},
        {"one two three", false},
    }));
    CAPTURE(pasted);
    CHECK(clean_paste(pasted).several_tokens == several);
}

TEST_CASE("paste: bytes that are not UTF-8 and NULs pass through untouched", "[paste]") {
    const std::string odd("\xC3\x28tok\0en\xFF", 9);
    CHECK(clean_paste(odd).token == odd);
    CHECK(clean_paste(std::string(" ") + odd + "\n").token == odd);
}
