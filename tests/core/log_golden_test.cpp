// Golden files: every tests/fixtures/logs/<case>.{log,json} through the analyser, compared
// with <case>.expected.json. CCI_UPDATE_GOLDEN=1 rewrites the expected files (review them).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "cci/log/analyzer.hpp"

namespace fs = std::filesystem;
using cci::log::Analyzer;
using cci::log::AnalyzerOptions;

namespace {

const fs::path dir = fs::path(CCI_FIXTURES_DIR) / "logs";

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Inputs: <case>.log and <case>.json, except the golden and option files themselves.
std::vector<fs::path> cases() {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (ends_with(name, ".expected.json") || ends_with(name, ".options.json")) continue;
        if (ends_with(name, ".log") || ends_with(name, ".json")) out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

AnalyzerOptions options_for(const fs::path& input) {
    const fs::path file = dir / (input.stem().string() + ".options.json");
    if (!fs::exists(file)) return {};
    const auto parsed = cci::log::analyzer_options_from_json(nlohmann::json::parse(slurp(file)));
    REQUIRE(parsed);
    return *parsed;
}

nlohmann::json run(const std::string& input, const AnalyzerOptions& options, std::size_t chunk) {
    Analyzer analyzer(options);
    for (std::size_t at = 0; at < input.size(); at += chunk) analyzer.feed(std::string_view(input).substr(at, chunk));
    return to_json(analyzer.finish());
}

}  // namespace

TEST_CASE("log golden files", "[log][golden]") {
    const auto inputs = cases();
    REQUIRE(inputs.size() >= 40);
    const bool update = std::getenv("CCI_UPDATE_GOLDEN") != nullptr;
    for (const auto& input : inputs) {
        const std::string name = input.stem().string();
        CAPTURE(name);
        const std::string bytes = slurp(input);
        const AnalyzerOptions options = options_for(input);
        const nlohmann::json got = run(bytes, options, bytes.size() + 1);
        // Chunking must not change anything.
        CHECK(run(bytes, options, 4093) == got);
        CHECK(run(bytes, options, 7) == got);
        const fs::path expected_file = dir / (name + ".expected.json");
        if (update) {
            std::ofstream(expected_file, std::ios::binary) << got.dump(2) << '\n';
            continue;
        }
        REQUIRE(fs::exists(expected_file));
        const nlohmann::json expected = nlohmann::json::parse(slurp(expected_file));
        CHECK(got == expected);
        if (got != expected) FAIL_CHECK("diff: " << nlohmann::json::diff(expected, got).dump());
    }
}

TEST_CASE("log golden files: every rule with a pattern fires in some fixture", "[log][golden]") {
    std::set<std::string> fired;
    for (const auto& input : cases()) {
        const auto analysis = cci::log::analyze(slurp(input), options_for(input));
        for (const auto& f : analysis.findings) fired.insert(f.rule);
    }
    for (const auto& row : cci::log::rule_table()) {
        if (row.pattern.empty() || row.tier == cci::log::Tier::marker || row.tier == cci::log::Tier::detail) continue;
        CAPTURE(row.id);
        CHECK(fired.count(std::string(row.id)) == 1);
    }
}
