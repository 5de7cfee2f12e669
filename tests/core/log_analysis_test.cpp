#include "cci/log/analysis.hpp"

#include <catch2/catch.hpp>

using namespace cci::log;

TEST_CASE("analysis JSON: the contract fields", "[log][analysis]") {
    Analysis a;
    a.category = Category::test;
    a.confidence = 0.8876;
    a.evidence = {0};
    a.input_format = "raw_text";
    Finding f;
    f.rule = "pytest_failed";
    f.category = Category::test;
    f.tier = Tier::primary;
    f.line_no = 12;
    f.text = "FAILED tests/test_a.py::test_x - assert 1 == 2";
    f.file = "tests/test_a.py";
    f.test = "test_x";
    f.context = {{11, "E   assert 1 == 2"}};
    f.containers = {0, 3};
    f.count = 2;
    f.fingerprint = "0123456789abcdef";
    a.findings.push_back(f);
    a.stats.bytes = 100;
    a.stats.steps_without_output = {"Checkout code"};
    a.errors.push_back({ErrorCode::json_unexpected_end, 99, "run tests"});

    const auto j = to_json(a);
    CHECK(j["category"] == "test");
    CHECK(j["confidence"] == Approx(0.89));
    CHECK(j["evidence"] == nlohmann::json::array({0}));
    const auto& jf = j["findings"][0];
    for (const char* key : {"text", "rule", "category", "severity", "line_no", "step", "container", "file", "line",
                            "column", "code", "message", "context", "count", "containers", "fingerprint"}) {
        CAPTURE(key);
        CHECK(jf.contains(key));
    }
    CHECK(jf["severity"] == "error");
    CHECK(jf["line_no"] == 12);
    CHECK(jf["step"].is_null());
    CHECK(jf["line"].is_null());
    CHECK(jf["context"][0]["line_no"] == 11);
    CHECK(jf["containers"] == nlohmann::json::array({0, 3}));
    for (const char* key : {"bytes", "lines", "capped_lines", "truncated", "steps_without_output"}) {
        CAPTURE(key);
        CHECK(j["stats"].contains(key));
    }
    CHECK(j["stats"]["steps_without_output"][0] == "Checkout code");
    CHECK(j["errors"][0]["code"] == "json_unexpected_end");
    CHECK(j["errors"][0]["offset"] == 99);
}
