#include "cci/log/rule.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace cci::log;

TEST_CASE("log rules: the table lists every enum value once, in order", "[log][rule]") {
    const auto& table = rule_table();
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto& row = table[i];
        CAPTURE(row.id);
        CHECK(static_cast<std::size_t>(row.rule) == i);
        CHECK(&info(row.rule) == &row);
        CHECK(ids.insert(row.id).second);
        CHECK(parse_rule(row.id) == row.rule);
        // Every pattern is anchored; synthetic rules have none.
        if (!row.pattern.empty()) CHECK(row.pattern.substr(0, 1) == "^");
        CHECK_FALSE((row.opens_section && row.needs_section));
        if (row.opens_section) CHECK(row.tier == Tier::marker);
    }
    CHECK(static_cast<std::size_t>(Rule::circleci_message) + 1 == rule_count);
    CHECK_FALSE(parse_rule("nope"));
}

TEST_CASE("log tiers: the table lists every enum value once, in order", "[log][rule]") {
    const auto& table = tier_table();
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < table.size(); ++i) {
        CHECK(static_cast<std::size_t>(table[i].tier) == i);
        CHECK(&info(table[i].tier) == &table[i]);
        CHECK(ids.insert(table[i].id).second);
        CHECK(parse_tier(table[i].id) == table[i].tier);
    }
    CHECK(static_cast<std::size_t>(Tier::marker) + 1 == tier_count);
}

// The wasm build's RE2 has no Unicode property tables (README "Size"), so a pattern using
// one would behave differently there.
TEST_CASE("log rules: no pattern uses a Unicode property class", "[log][rule]") {
    const auto uses_property = [](std::string_view re) {
        for (std::size_t i = 0; i + 1 < re.size(); ++i) {
            if (re[i] != '\\') continue;
            if (re[i + 1] == 'p' || re[i + 1] == 'P') return true;
            ++i;  // an escaped byte, maybe a backslash
        }
        return false;
    };
    CHECK(uses_property(R"(x\p{L})"));
    CHECK_FALSE(uses_property(R"(x\\p)"));
    for (const auto& row : rule_table()) {
        CAPTURE(row.id);
        CHECK_FALSE(uses_property(row.pattern));
    }
}
