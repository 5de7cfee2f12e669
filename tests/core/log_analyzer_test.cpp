#include "cci/log/analyzer.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <set>
#include <string>

using namespace cci::log;

namespace {

// A word that differs for every `n` and has no digits (digits are fingerprint placeholders).
std::string letters(int n) {
    std::string out;
    do {
        out.push_back(static_cast<char>('a' + n % 26));
        n /= 26;
    } while (n > 0);
    return out;
}

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(CCI_FIXTURES_DIR) + "/logs/" + name, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("analyzer: input format ids", "[log][analyzer]") {
    const auto& table = input_format_table();
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < table.size(); ++i) {
        CHECK(static_cast<std::size_t>(table[i].format) == i);
        CHECK(&info(table[i].format) == &table[i]);
        CHECK(ids.insert(table[i].id).second);
        CHECK(parse_input_format(table[i].id) == table[i].format);
    }
}

TEST_CASE("analyzer: options from JSON", "[log][analyzer]") {
    const auto ok = analyzer_options_from_json(
        nlohmann::json::parse(R"({"format":"raw_text","max_line_bytes":100,"problem_matchers":{"problemMatcher":[]}})"));
    REQUIRE(ok);
    CHECK(ok->format == InputFormat::raw_text);
    CHECK(ok->max_line_bytes == 100);
    CHECK_FALSE(ok->problem_matchers.empty());
    CHECK(analyzer_options_from_json(nullptr));
    CHECK_FALSE(analyzer_options_from_json(nlohmann::json::parse(R"({"format":"xml"})")));
    CHECK_FALSE(analyzer_options_from_json(nlohmann::json::parse(R"({"context_lines":-1})")));
    CHECK_FALSE(analyzer_options_from_json(nlohmann::json::parse(R"({"max_line_bytes":0})")));
    CHECK_FALSE(analyzer_options_from_json(nlohmann::json::parse("[]")));
}

TEST_CASE("analyzer: auto-detection", "[log][analyzer]") {
    using Case = std::tuple<std::string, std::string>;
    const auto [input, format] = GENERATE(table<std::string, std::string>({
        Case{R"( [ {"message":"x\n"}])", "step_output"},
        Case{"[]", "step_output"},
        Case{"[INFO] Scanning for projects...\n", "raw_text"},
        Case{R"({"steps":[]})", "job_details"},
        Case{"{not json at all\n", "raw_text"},
        Case{"plain\n", "raw_text"},
        Case{"", "raw_text"},
        Case{std::string(5000, ' ') + "[{\"message\":\"x\"}]", "raw_text"},
        Case{"[" + std::string(5000, ' ') + "{\"message\":\"x\"}]", "raw_text"},
        Case{"[" + std::string(100, '\n'), "step_output"},
    }));
    const Analysis whole = analyze(input);
    CHECK(whole.input_format == format);
    // The same when the input arrives one byte at a time.
    Analyzer bytewise;
    for (const char c : input) bytewise.feed(std::string_view(&c, 1));
    const Analysis a = bytewise.finish();
    CHECK(a.input_format == format);
    CHECK(a.stats.bytes == input.size());
    if (format == "step_output") CHECK(a.stats.elements == whole.stats.elements);
}

TEST_CASE("analyzer: the culprit of a compiler failure, with context and stats", "[log][analyzer]") {
    const auto a = analyze(fixture("gcc_compile_error.json"));
    REQUIRE_FALSE(a.findings.empty());
    const Finding& culprit = a.findings[0];
    CHECK(culprit.rule == "gcc_error");
    CHECK(culprit.file == "src/parser.c");
    CHECK(culprit.line == 42);
    CHECK(culprit.text == "src/parser.c:42:13: error: 'token' undeclared (first use in this function)");
    REQUIRE(culprit.context.size() == 6);
    CHECK(culprit.context[2].line_no + 1 == culprit.line_no);
    CHECK(culprit.context[3].line_no == culprit.line_no + 1);
    CHECK(a.category == Category::build);
    CHECK(a.stats.elements == 2);
    CHECK(a.stats.lines > 10);
    CHECK(a.errors.empty());
}

TEST_CASE("analyzer: a v1.1 job-details file alone", "[log][analyzer]") {
    const auto a = analyze(fixture("circleci_job_parallel.json"));
    CHECK(a.input_format == "job_details");
    REQUIRE(a.failed_steps.size() == 1);
    CHECK(a.failed_steps[0].name == "Install Google Chrome");
    CHECK(a.failed_steps[0].containers == std::vector<std::int64_t>{2});
    CHECK(a.failed_steps[0].exit_code == 56);
    REQUIRE(a.findings.size() == 1);
    CHECK(a.findings[0].rule == "circleci_step_failed");
    CHECK(a.findings[0].containers == std::vector<std::int64_t>{2});
}

TEST_CASE("analyzer: a job's step killed with exit code 137 is out of memory", "[log][analyzer]") {
    std::string job = fixture("circleci_job_parallel.json");
    const std::string exit_56 = "\"exit_code\" : 56";
    const std::size_t at = job.find(exit_56);
    REQUIRE(at != std::string::npos);
    job.replace(at, exit_56.size(), "\"exit_code\" : 137");
    const auto a = analyze(job);
    REQUIRE(a.findings.size() == 1);
    CHECK(a.findings[0].rule == "exit_code_137");
    CHECK(a.findings[0].text == "Step \"Install Google Chrome\" failed with exit code 137");
    CHECK(a.category == Category::oom);
    REQUIRE(a.failed_steps.size() == 1);
    CHECK(a.failed_steps[0].exit_code == 137);
}

TEST_CASE("analyzer: the same failure on many containers is reported once", "[log][analyzer]") {
    Analyzer analyzer;
    for (std::int64_t container = 0; container < 16; ++container) {
        analyzer.begin_step({"run tests", 103, container, container % 2 == 1, 1, false});
        analyzer.feed("[{\"message\":\"--- FAIL: TestHandler (0.0" + std::to_string(container) +
                      "s)\\n\",\"time\":\"t\",\"type\":\"out\"}]");
        analyzer.end_step();
    }
    const auto a = analyzer.finish();
    REQUIRE(a.findings.size() == 1);
    CHECK(a.findings[0].count == 16);
    CHECK(a.findings[0].containers.size() == 16);
    CHECK(a.findings[0].step == "run tests");
    REQUIRE(a.failed_steps.size() == 1);
    CHECK(a.failed_steps[0].containers.size() == 8);
    CHECK(a.stats.steps == 16);
}

TEST_CASE("analyzer: findings of the failed step come first", "[log][analyzer]") {
    AnalyzerOptions options;
    options.format = InputFormat::raw_text;
    Analyzer analyzer(options);
    analyzer.begin_step({"Container postgres", 1, 0, false, std::nullopt, false});
    analyzer.feed("FATAL: could not connect to server: Connection refused\n");
    analyzer.begin_step({"npm test", 102, 0, true, 1, false});
    analyzer.feed("Tests:       1 failed, 3 passed, 4 total\n");
    const auto a = analyzer.finish();
    REQUIRE(a.findings.size() == 2);
    CHECK(a.findings[0].rule == "jest_summary");
    CHECK_FALSE(a.findings[1].in_failed_step);
    CHECK(a.category == Category::test);
}

TEST_CASE("analyzer: problem matchers add findings; their errors are reported", "[log][analyzer]") {
    AnalyzerOptions options;
    options.problem_matchers = R"j([{"owner":"acme","pattern":[{"regexp":"^ACME-(\\d+) (.*)$","code":1,"message":2}]},
                                  {"owner":"bad","pattern":[{"regexp":"(?<=x)y"}]}])j";
    const auto a = analyze("ok\nACME-42 the widget is misaligned\n", options);
    REQUIRE(a.findings.size() == 1);
    CHECK(a.findings[0].rule == "matcher:acme");
    CHECK(a.findings[0].code == "42");
    REQUIRE(a.errors.size() == 1);
    CHECK(a.errors[0].code == ErrorCode::matcher_lookaround);
}

TEST_CASE("analyzer: memory stays bounded", "[log][analyzer]") {
    AnalyzerOptions options;
    options.max_findings = 10;
    options.max_line_bytes = 64;
    Analyzer analyzer(options);
    analyzer.feed("[");
    for (int i = 0; i < 2000; ++i) {
        analyzer.feed(R"({"message":"src/)" + letters(i) + R"(.c:1:1: error: problem\n)" + std::string(200, 'y') +
                      R"(\n","type":"out"},)");
    }
    analyzer.feed(R"({"message":"Received \"killed\" signal\n"}])");
    const auto a = analyzer.finish();
    CHECK(a.findings.size() == 10);
    CHECK(a.stats.findings_dropped > 0);
    CHECK(a.stats.capped_lines == 2000);
    CHECK(a.findings[0].rule == "received_killed_signal");
    CHECK(a.category == Category::oom);
    CHECK(a.window.tail.size() <= options.tail_lines);
}

TEST_CASE("analyzer: a truncated step-output download is flagged", "[log][analyzer]") {
    const auto a = analyze(R"([{"message":"npm ERR! code E404\nnpm ERR! 404 Not Found - GET https://registry.npmjs.org/x - Not found\n"},{"mess)");
    CHECK(a.stats.truncated);
    REQUIRE(a.errors.size() == 1);
    CHECK(a.errors[0].code == ErrorCode::json_unexpected_end);
    REQUIRE_FALSE(a.findings.empty());
    CHECK(a.findings[0].rule == "npm_error_detail");
}

TEST_CASE("analyzer: secrets never reach the analysis", "[log][analyzer]") {
    const auto a = analyze(fixture("secrets_redacted.log"));
    const std::string dump = to_json(a).dump();
    CHECK(dump.find("CCIPAT_") == std::string::npos);
    CHECK(dump.find("hunter2") == std::string::npos);
    CHECK(dump.find("FAKE-not-a-real-token") == std::string::npos);
    CHECK(dump.find("[REDACTED:circleci_token]") != std::string::npos);
}

TEST_CASE("analyzer: context lines before and after a finding are redacted", "[log][analyzer]") {
    const auto a = analyze("curl -H 'Authorization: Bearer sekrit-before-1234'\n"
                           "src/main.c:3:7: error: expected ';' before '}' token\n"
                           "retrying with password=hunter2-after\n");
    REQUIRE_FALSE(a.findings.empty());
    const auto& culprit = a.findings[0];
    REQUIRE(culprit.context.size() == 2);
    CHECK(culprit.context[0].text.find("sekrit-before") == std::string::npos);
    CHECK(culprit.context[0].text.find("[REDACTED:authorization]") != std::string::npos);
    CHECK(culprit.context[1].text.find("hunter2") == std::string::npos);
    CHECK(culprit.context[1].text.find("[REDACTED:password]") != std::string::npos);
}

TEST_CASE("log analyzer: step info from JSON, tolerant of missing and mistyped fields", "[log][analyzer]") {
    const auto full = cci::log::step_info_from_json(nlohmann::json::parse(
        R"({"name":"run tests","step":101,"container":3,"failed":true,"exit_code":1,"truncated":true})"));
    CHECK(full.name == "run tests");
    CHECK(full.step == 101);
    CHECK(full.container == 3);
    CHECK(full.failed);
    CHECK(full.exit_code == 1);
    CHECK(full.truncated);
    const auto odd = cci::log::step_info_from_json(nlohmann::json::parse(R"({"name":7,"container":"2","failed":"yes"})"));
    CHECK(odd.name.empty());
    CHECK_FALSE(odd.container);
    CHECK_FALSE(odd.failed);
    CHECK(cci::log::step_info_from_json(nlohmann::json::array()).name.empty());
}
