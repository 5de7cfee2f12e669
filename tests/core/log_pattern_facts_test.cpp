#include "log_pattern_facts.hpp"

#include <catch2/catch.hpp>
#include <re2/re2.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "cci/log/normalize.hpp"
#include "cci/log/rule.hpp"

using cci::log::pattern_facts::facts_of;
using cci::log::pattern_facts::Factor;

namespace {

std::vector<std::string> texts(const std::vector<Factor>& factors) {
    std::vector<std::string> out;
    for (const auto& f : factors) out.push_back(f.text);
    return out;
}

// True when `line` holds one of `factors` as the prefilter would look for it.
bool holds(const std::string& line, const std::vector<Factor>& factors) {
    for (const auto& f : factors) {
        for (std::size_t at = 0; at + f.text.size() <= line.size(); ++at) {
            bool same = true;
            for (std::size_t i = 0; i < f.text.size() && same; ++i) {
                auto c = static_cast<unsigned char>(line[at + i]);
                if (f.folded && c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
                same = c == static_cast<unsigned char>(f.text[i]);
            }
            const std::size_t after = at + f.text.size();
            if (same && (f.next.all() || (after < line.size() && f.next[static_cast<unsigned char>(line[after])]))) return true;
        }
    }
    return false;
}

}  // namespace

TEST_CASE("pattern facts: factors keep their case and know what follows them", "[log][pattern_facts]") {
    const auto flake8 = facts_of(R"(^(?P<file>[^:\s]+\.py):(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]{1,3}\d{3,4}) (?P<message>.*)$)");
    REQUIRE(flake8.required);
    CHECK(texts(*flake8.required) == std::vector<std::string>{".py:"});
    CHECK_FALSE(flake8.required->front().folded);
    CHECK(flake8.required->front().next.count() == 10);  // a digit

    const auto exception = facts_of(R"(^\s*(?P<code>[A-Z]\w*(?:Error|Exception))(?:: (?P<message>.*))?$)");
    REQUIRE(exception.required);
    CHECK(texts(*exception.required) == std::vector<std::string>{"Error", "Exception"});

    const auto folded = facts_of(R"(^.*(?i:out of memory|Killed))");
    REQUIRE(folded.required);
    CHECK(texts(*folded.required) == std::vector<std::string>{"out of memory", "killed"});
    CHECK(folded.required->front().folded);
    CHECK_FALSE(folded.first);  // `.*` may start anywhere

    const auto optional = facts_of(R"(^x\.ya?ml:\d)");
    REQUIRE(optional.required);
    CHECK(texts(*optional.required) == std::vector<std::string>{"x.yaml:", "x.yml:"});
    REQUIRE(optional.first);
    CHECK(optional.first->count() == 1);
}

TEST_CASE("pattern facts: classes mean what RE2 means by them", "[log][pattern_facts]") {
    // RE2's \s is [\t\n\f\r ]: a vertical tab is not space, so [^\s:] may start with one.
    const auto facts = facts_of(R"(^[^\s:]+:\d+: error: )");
    REQUIRE(facts.first);
    CHECK((*facts.first)['\v']);
    CHECK_FALSE((*facts.first)[' ']);
    CHECK_FALSE((*facts.first)[':']);
    CHECK(facts_of(R"(^\s+x)").first->count() == 5);
}

TEST_CASE("pattern facts: what it cannot read it does not claim", "[log][pattern_facts]") {
    CHECK_FALSE(facts_of(R"(^(?i)error)").required);      // a flag group other than (?i:
    CHECK_FALSE(facts_of(R"(^\p{Lu}rror)").first);        // \p classes
    CHECK_FALSE(facts_of(R"(^(?:error)?\d+)").required);  // nothing is required
    CHECK_FALSE(facts_of(R"(^ab|cd)").required);          // factors of two bytes filter too little
    CHECK_FALSE(facts_of(R"(a*)").first);                 // matches the empty string
}

TEST_CASE("pattern facts: every rule's matches in the log fixtures hold one of its factors", "[log][pattern_facts]") {
    std::vector<std::string> lines;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(CCI_FIXTURES_DIR) + "/logs")) {
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        for (auto& line : cci::log::normalize_lines(text)) lines.push_back(std::move(line));
    }
    REQUIRE(lines.size() > 1000);
    re2::RE2::Options options;
    options.set_log_errors(false);
    std::size_t checked = 0;
    for (const auto& row : cci::log::rule_table()) {
        if (row.pattern.empty()) continue;
        const auto facts = facts_of(row.pattern);
        if (!facts.required) continue;
        const re2::RE2 re(re2::StringPiece(row.pattern.data(), row.pattern.size()), options);
        REQUIRE(re.ok());
        for (const auto& line : lines) {
            if (!re2::RE2::PartialMatch(line, re)) continue;
            INFO(row.id << ": " << line);
            CHECK(holds(line, *facts.required));
            if (facts.first) CHECK((*facts.first)[static_cast<unsigned char>(line[0])]);
            ++checked;
        }
    }
    CHECK(checked > 100);
}
