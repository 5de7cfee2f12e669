#include <catch2/catch.hpp>

#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "cci/token.hpp"
#include "fixtures.hpp"
#include "token_factory.hpp"

using namespace cci;

namespace {

// Everything a check shows to a person or a program; `sanitized` is the secret.
std::string visible_text(const TokenCheck& check) {
    return check.message + "\n" + check.remedy + "\n" + check.masked + "\n" + to_json(check).dump();
}

void require_no_secret(const TokenCheck& check) {
    constexpr std::size_t shortest_secret_fragment = 12;
    if (check.sanitized.size() < shortest_secret_fragment) return;
    const auto text = visible_text(check);
    CHECK(text.find(check.sanitized) == std::string::npos);
    // Not even a long piece of it: masks show at most the public prefix and four characters.
    for (std::size_t at = 0; at + shortest_secret_fragment <= check.sanitized.size(); ++at)
        REQUIRE(text.find(check.sanitized.substr(at, shortest_secret_fragment)) == std::string::npos);
}

}  // namespace

TEST_CASE("token: shared fixture cases (also replayed by the wasm tests)", "[token]") {
    const auto cases = nlohmann::json::parse(testing::read_fixture("tokens/cases.json"));
    REQUIRE(cases.size() >= 60);
    for (const auto& c : cases) {
        const auto& expected = c["expected"];
        INFO(c["name"].get<std::string>());
        const TokenCheck check = check_token(c["input"].get<std::string>());
        const auto json = to_json(check);
        CHECK(json["kind"] == expected["kind"]);
        CHECK(json["vendor"] == expected["vendor"]);
        CHECK(json["verdict"] == expected["verdict"]);
        CHECK(json["code"] == expected["code"]);
        CHECK(json["masked"] == expected["masked"]);
        require_no_secret(check);
    }
}

TEST_CASE("token: generated personal tokens with 21- and 22-character middles", "[token]") {
    std::mt19937_64 rng(42);
    const auto middle = GENERATE(21, 22);
    for (int i = 0; i < 200; ++i) {
        const auto token = testing::make_token(rng, static_cast<std::size_t>(middle));
        CAPTURE(token.size());
        const auto check = check_token(token);
        REQUIRE(check.code == TokenCode::personal_ok);
        CHECK(check.kind == TokenKind::personal);
        CHECK(check.verdict == TokenVerdict::ok);
        CHECK(check.sanitized == token);
        CHECK(check.masked == "CCIPAT_…" + token.substr(token.size() - 4));
        require_no_secret(check);
    }
}

TEST_CASE("token: every wrapper around every kind gives the bare token's answer", "[token]") {
    std::mt19937_64 rng(3);
    const std::string personal = testing::make_token(rng, 22);
    const std::string project = testing::make_token(rng, 21, "CCIPRJ_");
    const std::string legacy = testing::random_hex(rng, 40);
    using Row = std::tuple<std::string, std::string>;
    const auto [before, after] = GENERATE(table<std::string, std::string>({
        Row{"", ""}, Row{"  ", "\n"}, Row{"\u200B", "\uFEFF"}, Row{"\"", "\""}, Row{"`", "`"},
        Row{"Circle-Token: ", ""}, Row{"Authorization: Bearer ", "\r\n"}, Row{"Bearer ", ""},
        Row{"circle-token=", ""}, Row{"export CIRCLECI_TOKEN=", ""}, Row{"CIRCLE_TOKEN=\"", "\""},
        Row{"CIRCLECI_CLI_TOKEN=", ""},
    }));
    for (const auto& [token, code] : {std::pair{personal, TokenCode::personal_ok},
                                      std::pair{project, TokenCode::project_token},
                                      std::pair{legacy, TokenCode::legacy_format}}) {
        CAPTURE(before, after, id(code));
        const auto check = check_token(before + token + after);
        CHECK(check.code == code);
        CHECK(check.sanitized == token);
    }
}

TEST_CASE("token: a middle that is not a UUIDv4 is rejected", "[token]") {
    std::mt19937_64 rng(11);
    for (int i = 0; i < 100; ++i) {
        auto uuid = testing::random_v4(rng);
        uuid[6] = static_cast<std::uint8_t>((uuid[6] & 0x0FU) | (i % 2 == 0 ? 0x10U : 0x70U));
        const auto middle = encode_base58_uuid(uuid);
        if (middle.size() < 21) continue;
        const auto check = check_token("CCIPAT_" + middle + "_" + testing::random_hex(rng, 40));
        CHECK(check.code == TokenCode::invalid_uuid);
        CHECK(check.verdict == TokenVerdict::block);
    }
}

TEST_CASE("token: every cut-off prefix of a token is blocked, never accepted", "[token]") {
    std::mt19937_64 rng(5);
    const std::string token = testing::make_token(rng, 22);
    for (std::size_t length = 1; length < token.size(); ++length) {
        CAPTURE(length);
        const auto check = check_token(token.substr(0, length));
        CHECK(check.verdict == TokenVerdict::block);
        CHECK(check.kind == TokenKind::malformed);
        if (length >= 4) CHECK(check.code == TokenCode::truncated);
    }
}

TEST_CASE("token: arbitrary bytes never crash and never leak", "[token]") {
    std::mt19937_64 rng(99);
    for (int i = 0; i < 2000; ++i) {
        std::string bytes(rng() % 120, '\0');
        for (auto& b : bytes) b = static_cast<char>(rng() & 0xFFU);
        if (i % 3 == 0) bytes = "CCIPAT_" + bytes;
        const auto check = check_token(bytes);
        CHECK(info(check.code).kind == check.kind);
        CHECK(info(check.code).verdict == check.verdict);
        CHECK(check.masked.size() <= std::string("CCIPAT_…").size() + 4);
        require_no_secret(check);
        // The JSON is always valid UTF-8 (dump throws otherwise).
        CHECK_NOTHROW(to_json(check).dump());
    }
}

TEST_CASE("token: a huge paste is handled and blocked", "[token]") {
    const std::string huge(8 << 20, 'x');
    const auto check = check_token(huge);
    CHECK(check.code == TokenCode::unrecognized);
    CHECK(check.masked == "…xxxx");
}

TEST_CASE("token: the foreign message names the vendor", "[token]") {
    const auto check = check_token("glpat-Ab3dEf6hIj9kLm2nOp5q");
    CHECK(check.vendor == Vendor::gitlab);
    CHECK(check.message == "This is not a CircleCI token: it looks like a GitLab token.");
    CHECK(to_json(check)["vendor"] == "gitlab");
    CHECK(to_json(check_token(""))["vendor"].is_null());
}
