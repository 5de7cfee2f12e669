#include "log_rule_facts.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "log_rule_facts_derive.hpp"

using namespace cci::log;

namespace {

const std::string generated_file = std::string(CCI_CORE_SOURCE_DIR) + "/log_rule_facts.cpp";

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The facts derived from `pattern`, which RE2 must accept.
rule_facts::Derived derive(const std::string& pattern) {
    const re2::RE2 re(pattern, literals::options());
    REQUIRE(re.ok());
    return rule_facts::derive(pattern, re);
}

}  // namespace

TEST_CASE("log_rule_facts.cpp holds the facts derived from today's patterns", "[log][rule_facts]") {
    const std::string expected = rule_facts::source(rule_facts::derive_all());
    if (std::getenv("CCI_UPDATE_RULE_FACTS") != nullptr) {
        std::ofstream(generated_file, std::ios::binary) << expected;
        SUCCEED("rewrote " + generated_file);
        return;
    }
    INFO("core/src/log_rule_facts.cpp is stale: rerun this test with CCI_UPDATE_RULE_FACTS=1 and rebuild");
    REQUIRE(slurp(generated_file) == expected);
}

TEST_CASE("every rule with a valid pattern has current facts, matching what is derived", "[log][rule_facts]") {
    const auto derived = rule_facts::derive_all();
    for (const auto& row : rule_table()) {
        CAPTURE(row.id);
        const auto index = static_cast<std::size_t>(row.rule);
        if (row.pattern.empty()) {
            CHECK(rule_facts::current(row.rule) == nullptr);
            continue;
        }
        const rule_facts::Facts* facts = rule_facts::current(row.rule);
        REQUIRE(facts != nullptr);
        const rule_facts::Derived& d = derived[index];
        CHECK(facts->prefix == d.prefix);
        CHECK(facts->next == d.next);
        CHECK(facts->first_known == d.first_known);
        CHECK(rule_facts::byte_sets()[facts->first] == d.first);
        CHECK(facts->after_space_known == d.after_space_known);
        CHECK(rule_facts::byte_sets()[facts->after_space] == d.after_space);
        CHECK(facts->factors_known == d.factors_known);
        REQUIRE(facts->factor_count == d.factors.size());
        for (std::size_t f = 0; f < d.factors.size(); ++f) {
            const rule_facts::Factor& factor = rule_facts::factors()[facts->factor_begin + f];
            CHECK(factor.text == d.factors[f].text);
            CHECK(factor.folded == d.factors[f].folded);
            CHECK(factor.verbatim == d.factors[f].verbatim);
            CHECK(rule_facts::byte_sets()[factor.next] == d.factors[f].next);
        }
        CHECK(facts->folds_case == d.folds_case);
    }
}

TEST_CASE("facts are tied to the exact pattern they were derived from", "[log][rule_facts]") {
    CHECK(rule_facts::hash("error") != rule_facts::hash("Error"));
    CHECK(rule_facts::hash("ab") != rule_facts::hash("ba"));
}

TEST_CASE("derived facts of a pattern: start, first bytes, factors with case and follower", "[log][rule_facts]") {
    const auto fixed = derive("^npm ERR! code (?P<code>E[A-Z]+)");
    CHECK(fixed.prefix == "npm ERR");  // PossibleMatchRange looks at 8 bytes
    CHECK(fixed.first_known);
    CHECK(rule_facts::has(fixed.first, 'n'));
    CHECK_FALSE(rule_facts::has(fixed.first, 'N'));

    const auto folded = derive("(?i)^\\s*fatal: (?P<message>.+)");
    CHECK(folded.folds_case);
    REQUIRE(folded.factors_known);
    REQUIRE(folded.factors.size() == 1);
    CHECK(folded.factors[0].text == "fatal: ");
    CHECK(folded.factors[0].folded);

    const auto unknown = derive(".*");
    CHECK(unknown.prefix.empty());
    CHECK_FALSE(unknown.first_known);
    CHECK_FALSE(unknown.factors_known);
}

TEST_CASE("derived facts: the first byte after a leading \\s*", "[log][rule_facts]") {
    const auto exception = derive("^\\s*(?:Uncaught )?(?P<code>[A-Z]\\w*(?:Error|Exception))(?:: (?P<message>.*))?$");
    REQUIRE(exception.after_space_known);
    CHECK(rule_facts::has(exception.after_space, 'T'));
    CHECK(rule_facts::has(exception.after_space, 'U'));
    CHECK_FALSE(rule_facts::has(exception.after_space, 't'));
    CHECK_FALSE(rule_facts::has(exception.after_space, ' '));
    CHECK_FALSE(rule_facts::has(exception.after_space, 0xE2));  // e.g. "  ✓ renders <ErrorBoundary>"
    CHECK(rule_facts::has(exception.first, ' '));                // the first byte may still be a space

    // What follows may start with a space or match "", or the `^\s*` is in one alternative.
    CHECK_FALSE(derive("^\\s*(?P<message>.*failed)$").after_space_known);
    CHECK_FALSE(derive("^\\s*(?: |x)y").after_space_known);
    CHECK_FALSE(derive("^\\s*x?").after_space_known);
    CHECK_FALSE(derive("^\\s*FAIL|^ok").after_space_known);
    CHECK(derive("^\\s*(?:FAIL|ok)").after_space_known);
    CHECK(derive("^\\s*[|]x").after_space_known);
    CHECK_FALSE(derive("^ *x").after_space_known);  // only `^\s*` is read
}

TEST_CASE("generated string literals hold exactly their bytes", "[log][rule_facts]") {
    CHECK(rule_facts::quoted("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(rule_facts::quoted(std::string("\x01" "7\xc5\xbf?", 5)) == "\"\\0017\\305\\277\\077\"");
}
