#include "cci/log/problem_matcher.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace cci::log;

TEST_CASE("problem matcher: JavaScript regexes become RE2", "[log][matcher]") {
    using Case = std::tuple<std::string, std::string, std::string>;
    const auto [js, flags, re2] = GENERATE(table<std::string, std::string, std::string>({
        Case{R"(^(?<file>[^:]+):(?<line>\d+))", "", R"(^(?P<file>[^:]+):(?P<line>\d+))"},
        Case{R"(a\/b\u00e9)", "", R"(a/b\x{00e9})"},
        Case{R"([^]x)", "", R"([\s\S]x)"},
        Case{R"([(?<=]x)", "", R"([(?<=]x)"},
        Case{R"([]a])", "", R"([\]a])"},
        Case{R"(error)", "ig", R"((?i)error)"},
        Case{R"(\d+\.\w)", "", R"(\d+\.\w)"},
        // Names RE2 does not take are dropped (fields name groups by number); others are kept.
        Case{"(?<$file>[^:]+):(?<n\xC3\xBAm>\\d+)", "", "([^:]+):(\\d+)"},
        Case{R"((?<a-b>x))", "", R"((?P<a-b>x))"},
    }));
    const auto t = translate_js_regex(js, flags, "m");
    CHECK_FALSE(t.error);
    CHECK(t.pattern == re2);
}

TEST_CASE("problem matcher: constructs RE2 cannot run are named errors", "[log][matcher]") {
    using Case = std::tuple<std::string, ErrorCode, std::string>;
    const auto [js, code, named] = GENERATE(table<std::string, ErrorCode, std::string>({
        Case{R"(foo(?=bar))", ErrorCode::matcher_lookaround, "lookahead (?="},
        Case{R"(foo(?!bar))", ErrorCode::matcher_lookaround, "lookahead (?!"},
        Case{R"((?<=a)b)", ErrorCode::matcher_lookaround, "lookbehind (?<="},
        Case{R"((?<!a)b)", ErrorCode::matcher_lookaround, "lookbehind (?<!"},
        Case{R"((a)\1)", ErrorCode::matcher_backreference, "backreference \\1"},
        Case{R"((?<q>a)\k<q>)", ErrorCode::matcher_backreference, "named backreference"},
        Case{R"(^\p{Lu}\w+)", ErrorCode::matcher_unicode_property, "Unicode property class \\p{Lu}"},
        Case{R"([\P{Script=Greek}x])", ErrorCode::matcher_unicode_property, "\\P{Script=Greek}"},
        Case{R"(a\pLb)", ErrorCode::matcher_unicode_property, "\\pL"},
    }));
    const auto t = translate_js_regex(js, "", "eslint-compact");
    REQUIRE(t.error);
    CHECK(t.error->code == code);
    CHECK(t.error->detail.find("eslint-compact") != std::string::npos);
    CHECK(t.error->detail.find(named) != std::string::npos);
}

TEST_CASE("problem matcher: import", "[log][matcher]") {
    SECTION("a documented single-line matcher") {
        const auto imported = import_problem_matchers(R"j({"problemMatcher":[{"owner":"gcc","pattern":[{
            "regexp":"^(.*):(\\d+):(\\d+):\\s+(?:fatal\\s+)?(warning|error):\\s+(.*)$",
            "file":1,"line":2,"column":3,"severity":4,"message":5}]}]})j");
        CHECK(imported.errors.empty());
        REQUIRE(imported.matchers.size() == 1);
        CHECK(imported.matchers[0].owner == "gcc");
        CHECK(imported.matchers[0].patterns[0].line == 2);
    }
    SECTION("errors per matcher; good ones still load") {
        const auto imported = import_problem_matchers(R"j([
            {"owner":"ok","pattern":[{"regexp":"x"}]},
            {"pattern":[{"regexp":"x"}]},
            {"owner":"nopattern"},
            {"owner":"look","pattern":[{"regexp":"a(?=b)"}]},
            {"owner":"bad","pattern":[{"regexp":"a(b"}]},
            {"owner":"group","pattern":[{"regexp":"(a)","message":2}]},
            {"owner":"huge","pattern":[{"regexp":"((((a{100}){100}){100}){100})"}]}])j");
        REQUIRE(imported.matchers.size() == 1);
        REQUIRE(imported.errors.size() == 6);
        CHECK(imported.errors[0].code == ErrorCode::matcher_field_missing);
        CHECK(imported.errors[1].code == ErrorCode::matcher_field_missing);
        CHECK(imported.errors[2].code == ErrorCode::matcher_lookaround);
        CHECK(imported.errors[3].code == ErrorCode::matcher_regex_invalid);
        CHECK(imported.errors[4].code == ErrorCode::matcher_group_invalid);
        CHECK(imported.errors[5].code == ErrorCode::matcher_regex_too_complex);
    }
    SECTION("not JSON") {
        const auto imported = import_problem_matchers("{nope");
        REQUIRE(imported.errors.size() == 1);
        CHECK(imported.errors[0].code == ErrorCode::matcher_json_invalid);
    }
}

TEST_CASE("problem matcher: multi-line patterns with loop", "[log][matcher]") {
    // ESLint's stylish format, as in GitHub's problem-matcher documentation.
    const auto imported = import_problem_matchers(R"j({"problemMatcher":[{"owner":"eslint-stylish","pattern":[
        {"regexp":"^([^\\s].*)$","file":1},
        {"regexp":"^\\s+(\\d+):(\\d+)\\s+(error|warning|info)\\s+(.*)\\s\\s+(.*)$",
         "line":1,"column":2,"severity":3,"message":4,"code":5,"loop":true}]}]})j");
    REQUIRE(imported.errors.empty());
    MatcherRunner runner(imported.matchers);
    std::vector<MatcherHit> hits;
    for (const std::string line : {"src/a.js", "  1:5  error  Missing semicolon  semi",
                                   "  2:1  warning  Unexpected console  no-console", "", "src/b.js",
                                   "  9:9  error  x is not defined  no-undef"}) {
        for (auto& h : runner.feed_line(line)) hits.push_back(std::move(h));
    }
    REQUIRE(hits.size() == 3);
    CHECK(hits[0].captures.file == "src/a.js");
    CHECK(hits[0].captures.line == 1);
    CHECK(hits[0].captures.code == "semi");
    CHECK(hits[0].severity == Severity::error);
    CHECK(hits[1].captures.file == "src/a.js");
    CHECK(hits[1].captures.line == 2);
    CHECK(hits[1].severity == Severity::warning);
    CHECK(hits[2].captures.file == "src/b.js");
    CHECK(hits[2].captures.message == "x is not defined");
}

TEST_CASE("problem matcher: a broken sequence starts over", "[log][matcher]") {
    const auto imported = import_problem_matchers(R"j([{"owner":"two","severity":"warning","pattern":[
        {"regexp":"^BEGIN (\\w+)$","code":1},{"regexp":"^END (.*)$","message":1}]}])j");
    REQUIRE(imported.matchers.size() == 1);
    MatcherRunner runner(imported.matchers);
    CHECK(runner.feed_line("BEGIN a").empty());
    CHECK(runner.feed_line("noise").empty());
    CHECK(runner.feed_line("END lost").empty());
    CHECK(runner.feed_line("BEGIN b").empty());
    const auto hits = runner.feed_line("END found");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].captures.code == "b");
    CHECK(hits[0].captures.message == "found");
    CHECK(hits[0].severity == Severity::warning);
    CHECK(runner.feed_line("BEGIN c").empty());
    runner.reset();
    CHECK(runner.feed_line("END after reset").empty());
}

TEST_CASE("problem matcher: a document nested a million deep is an error, not a crash", "[log][matcher]") {
    constexpr std::size_t depth = 1'000'000;
    const std::string nested = std::string(depth, '[') + std::string(depth, ']');
    for (const std::string& text : {R"({"problemMatcher":)" + nested + "}", nested}) {
        const auto imported = import_problem_matchers(text);
        CHECK(imported.matchers.empty());
        REQUIRE(imported.errors.size() == 1);
        CHECK(imported.errors[0].code == ErrorCode::matcher_json_invalid);
    }
}
