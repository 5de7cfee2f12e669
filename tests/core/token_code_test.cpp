#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "cci/token_code.hpp"

using namespace cci;

TEST_CASE("token codes: the table lists every enum value once, in order", "[token]") {
    const auto& table = token_code_table();
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto& row = table[i];
        CAPTURE(row.id);
        CHECK(static_cast<std::size_t>(row.code) == i);
        CHECK(&info(row.code) == &row);
        CHECK(ids.insert(row.id).second);
        CHECK(parse_token_code(row.id) == row.code);
        CHECK_FALSE(row.message.empty());
        CHECK_FALSE(row.remedy.empty());
        // Only the foreign-token message names a vendor; every other text is complete.
        CHECK((row.message.find("{vendor}") != std::string_view::npos) == (row.code == TokenCode::foreign_token));
        CHECK(row.remedy.find('{') == std::string_view::npos);
    }
    CHECK(static_cast<std::size_t>(TokenCode::unrecognized) + 1 == token_code_count);
    CHECK_FALSE(parse_token_code("no_such_code"));
}

TEST_CASE("token codes: verdicts follow the kind", "[token]") {
    for (const auto& row : token_code_table()) {
        CAPTURE(row.id);
        switch (row.kind) {
            case TokenKind::personal:
                CHECK((row.verdict != TokenVerdict::block || row.code == TokenCode::personal_in_badge_url));
                break;
            case TokenKind::legacy: CHECK(row.verdict == TokenVerdict::warn); break;
            case TokenKind::empty:
            case TokenKind::project:
            case TokenKind::foreign:
            case TokenKind::malformed: CHECK(row.verdict == TokenVerdict::block); break;
        }
    }
    CHECK(info(TokenCode::personal_ok).verdict == TokenVerdict::ok);
}

TEST_CASE("token kinds and verdicts: ids round-trip", "[token]") {
    for (std::size_t i = 0; i < token_kind_count; ++i) {
        const auto kind = static_cast<TokenKind>(i);
        CHECK(parse_token_kind(id(kind)) == kind);
    }
    for (std::size_t i = 0; i < token_verdict_count; ++i) {
        const auto verdict = static_cast<TokenVerdict>(i);
        CHECK(parse_token_verdict(id(verdict)) == verdict);
    }
    CHECK(id(TokenKind::malformed) == "malformed");
    CHECK(id(TokenVerdict::warn) == "warn");
    CHECK_FALSE(parse_token_kind("Personal"));
    CHECK_FALSE(parse_token_verdict(""));
}
