#include "cci/log/redact.hpp"

#include <catch2/catch.hpp>

#include <string>

using cci::log::redact;

// Every secret below is fake: made-up characters in the documented shapes.
TEST_CASE("redact: each kind of secret", "[log][redact]") {
    using Case = std::tuple<std::string, std::string>;
    const auto [input, expected] = GENERATE(table<std::string, std::string>({
        Case{"token CCIPAT_FAKEd5qPreGFAKEaQxBi6i_914bf0042f4f2d34e1d2ef6615c051a5caf70172 used",
             "token [REDACTED:circleci_token] used"},
        Case{"export CIRCLECI_TOKEN=0123456789abcdef0123456789abcdef01234567",
             "export CIRCLECI_TOKEN=[REDACTED:circleci_legacy_token]"},
        Case{"commit 0123456789abcdef0123456789abcdef01234567 merged",
             "commit 0123456789abcdef0123456789abcdef01234567 merged"},
        Case{"remote: ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE here", "remote: [REDACTED:github_token] here"},
        Case{"using glpat-FAKEfakeFAKEfakeFAKE", "using [REDACTED:gitlab_token]"},
        Case{"slack xoxb-0000000000-FAKEFAKEFAKE", "slack [REDACTED:slack_token]"},
        Case{"POST https://hooks.slack.com/services/T000/B000/FAKEFAKE", "POST [REDACTED:slack_webhook]"},
        Case{"key AKIAFAKEFAKEFAKEFAKE ok", "key [REDACTED:aws_access_key] ok"},
        Case{"aws_secret_access_key = FAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKEfake",
             "aws_secret_access_key = [REDACTED:aws_secret_key]"},
        Case{"jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlIn0.ZmFrZXNpZ25hdHVyZQ",
             "jwt [REDACTED:jwt]"},
        Case{"> Authorization: Bearer abc.def-123", "> Authorization: Bearer [REDACTED:authorization]"},
        Case{"Circle-Token: someFakeValue", "Circle-Token: [REDACTED:circle_token]"},
        Case{"GET /api/v2/me?circle-token=abc123&x=1", "GET /api/v2/me?circle-token=[REDACTED:circle_token]&x=1"},
        Case{"curl https://h.test/db?user=a&password=hunter2&x=1",
             "curl https://h.test/db?user=a&password=[REDACTED:password]&x=1"},
        Case{"GET /x?token=abcdef", "GET /x?token=[REDACTED:token]"},
        Case{"git clone https://user:s3cret@github.com/acme/app.git",
             "git clone https://user:[REDACTED:password]@github.com/acme/app.git"},
        Case{"no secrets at all", "no secrets at all"},
        Case{"token is missing", "token is missing"},
    }));
    CHECK(redact(input) == expected);
}

TEST_CASE("redact: a CircleCI token in a header is redacted once, as a CircleCI token", "[log][redact]") {
    const std::string line =
        "Circle-Token: CCIPAT_FAKEd5qPreGFAKEaQxBi6i_914bf0042f4f2d34e1d2ef6615c051a5caf70172";
    CHECK(redact(line) == "Circle-Token: [REDACTED:circleci_token]");
}

// The keyword patterns fold case as Unicode does, so U+017F (ſ) stands for `s` and U+212A
// (Kelvin sign) for `k`; the cheap trigger search before them must see the same.
TEST_CASE("redact: keywords spelt with the Unicode case variants of s and k", "[log][redact]") {
    CHECK(redact("url?pa\xC5\xBFsword=hunter2") == "url?pa\xC5\xBFsword=[REDACTED:password]");
    CHECK(redact("GET /x?to\xE2\x84\xAA" "en=abcdef") == "GET /x?to\xE2\x84\xAA" "en=[REDACTED:token]");
    CHECK(redact("AWS_SECRET_ACCESS_KEY=FAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKEfake") ==
          "AWS_SECRET_ACCESS_KEY=[REDACTED:aws_secret_key]");
    CHECK(redact("CIRCLE_TOKEN=abc123") == "CIRCLE_TOKEN=[REDACTED:circle_token]");
}
