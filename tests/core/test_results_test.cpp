#include "cci/test_results.hpp"

#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "cci/log/analyzer.hpp"

using nlohmann::json;

namespace {

std::vector<cci::TestResult> results(const json& items) {
    return cci::test_results_from_items(std::vector<json>(items.begin(), items.end()));
}

// A log whose guessed culprit is an rspec failure.
const char* const rspec_log =
    "Failures:\n"
    "\n"
    "  1) Widget renders the total\n"
    "     Failure/Error: expect(total).to eq(42)\n"
    "       expected: 42\n"
    "            got: 40\n"
    "     # ./spec/widget_spec.rb:12:in `block (2 levels) in <top (required)>'\n"
    "\n"
    "Finished in 0.2 seconds\n"
    "3 examples, 1 failure\n";

}  // namespace

TEST_CASE("the finding source table covers every value in order with unique ids", "[test_results]") {
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < cci::finding_source_table().size(); ++i) {
        CHECK(cci::finding_source_table()[i].source == static_cast<cci::FindingSource>(i));
        CHECK(ids.insert(cci::finding_source_table()[i].id).second);
    }
    CHECK(ids == std::set<std::string_view>{"test_results", "job_details", "log"});
}

TEST_CASE("test results are read tolerantly from a tests page", "[test_results]") {
    const auto read = results(json::parse(R"([
        {"message":"boom\nline 2","source":"rspec","run_time":2.31,"file":"./spec/a_spec.rb","result":"failure",
         "name":"A fails","classname":"spec.a_spec"},
        {"name":"B passes","result":"success","run_time":"fast","file":7},
        {"result":"failure"},
        "not an object"
    ])"));
    REQUIRE(read.size() == 2);
    CHECK(read[0].name == "A fails");
    CHECK(read[0].classname == "spec.a_spec");
    CHECK(read[0].file == "./spec/a_spec.rb");
    CHECK(read[0].source == "rspec");
    CHECK(read[0].run_time_s == Approx(2.31));
    CHECK(cci::test_failed(read[0]));
    CHECK_FALSE(cci::test_failed(read[1]));
    CHECK_FALSE(read[1].run_time_s);
    CHECK(read[1].file.empty());
    for (const auto* result : {"failure", "FAILED", "error"}) CHECK(cci::test_failed({"n", "", "", result, "", "", {}}));
    for (const auto* result : {"success", "skipped", ""}) CHECK_FALSE(cci::test_failed({"n", "", "", result, "", "", {}}));
}

TEST_CASE("a failing test named by CircleCI leads the findings and says where it came from", "[test_results]") {
    const cci::log::Analysis guessed = cci::log::analyze(rspec_log);
    REQUIRE_FALSE(guessed.findings.empty());
    const auto tests = results(json::parse(R"([
        {"name":"Widget renders the total","classname":"spec.widget_spec","file":"./spec/widget_spec.rb",
         "result":"failure","message":"expected: 42\n got: 40","source":"rspec"},
        {"name":"Widget renders","result":"success"}
    ])"));
    const auto merged = cci::with_test_results(guessed, tests, false, false);
    REQUIRE(merged.findings.size() == guessed.findings.size() + 1);
    const auto& culprit = merged.findings.front();
    CHECK(culprit.rule == cci::test_results_rule);
    CHECK(cci::source_of(culprit) == cci::FindingSource::test_results);
    CHECK(culprit.test == "Widget renders the total");
    CHECK(culprit.file == "./spec/widget_spec.rb");
    CHECK(culprit.message == "expected: 42");
    CHECK(culprit.category == cci::log::Category::test);
    CHECK(merged.category == cci::log::Category::test);
    REQUIRE_FALSE(merged.evidence.empty());
    CHECK(merged.evidence.front() == 0);

    const auto out = cci::analysis_to_json(merged);
    REQUIRE(out["findings"].size() == merged.findings.size());
    CHECK(out["findings"][0]["source"] == "test_results");
    for (std::size_t i = 1; i < merged.findings.size(); ++i) CHECK(out["findings"][i]["source"] == "log");
}

TEST_CASE("a decisive cause still beats CircleCI's failing tests", "[test_results]") {
    const cci::log::Analysis oom = cci::log::analyze("Running tests\nReceived \"killed\" signal\n");
    REQUIRE_FALSE(oom.findings.empty());
    const auto merged = cci::with_test_results(oom, results(json::parse(R"([{"name":"t","result":"failure"}])")),
                                               false, false);
    CHECK(merged.findings.front().rule != cci::test_results_rule);
    CHECK(merged.category == oom.category);
}

TEST_CASE("without failing tests the analysis is unchanged", "[test_results]") {
    const cci::log::Analysis guessed = cci::log::analyze(rspec_log);
    const auto merged = cci::with_test_results(guessed, results(json::parse(R"([{"name":"t","result":"success"}])")),
                                               false, false);
    CHECK(cci::log::to_json(merged) == cci::log::to_json(guessed));
}

TEST_CASE("failing tests are capped, merged by identity and redacted", "[test_results]") {
    json items = json::array();
    for (int i = 0; i < 30; ++i) items.push_back({{"name", "t" + std::to_string(i)}, {"result", "failure"}});
    items.push_back({{"name", "t0"}, {"result", "failure"}});
    items.push_back({{"name", "leak"}, {"result", "failure"},
                     {"message", "token CCIPAT_PdkdRWYYaU9CHpTdrNnBid_3910eb1484318e1b695f266adf4c35cfc76322da"}});
    const auto merged = cci::with_test_results(cci::log::Analysis{}, results(items), false, false);
    std::size_t from_tests = 0;
    for (const auto& f : merged.findings) {
        if (f.rule != cci::test_results_rule) continue;
        ++from_tests;
        CHECK(f.text.find("CCIPAT_") == std::string::npos);
        if (f.test == "t0") CHECK(f.count == 2);
    }
    CHECK(from_tests == cci::max_test_findings);
    CHECK(merged.stats.findings_dropped == 11);
    const auto json_out = cci::to_json(results(items).back());
    CHECK(json_out["message"].get<std::string>().find("CCIPAT_") == std::string::npos);
}
