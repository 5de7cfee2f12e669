#include "cci/test_results.hpp"

#include <algorithm>
#include <cctype>

#include "cci/log/fingerprint.hpp"
#include "cci/log/rank.hpp"
#include "cci/log/redact.hpp"
#include "cci/response_body.hpp"
#include "json_object.hpp"

namespace cci {
namespace {

constexpr std::array<FindingSourceInfo, finding_source_count> sources{{
    {FindingSource::test_results, "test_results"},
    {FindingSource::job_details, "job_details"},
    {FindingSource::log, "log"},
}};

// Longest failure message kept in a finding, in code points.
constexpr std::size_t max_message_chars = 500;

std::string string_field(const nlohmann::json& item, const char* key) {
    const auto it = item.find(key);
    return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string first_line(std::string_view text) {
    while (!text.empty() && (text.front() == '\n' || text.front() == '\r')) text.remove_prefix(1);
    return std::string(text.substr(0, text.find_first_of("\r\n")));
}

log::Finding finding_for(const TestResult& test, const std::optional<std::string>& step) {
    log::Finding f;
    f.rule = std::string(test_results_rule);
    f.category = log::Category::test;
    f.severity = log::Severity::error;
    f.tier = log::Tier::primary;
    f.step = step;
    f.line_no = 0;
    const std::string name = display_line(log::redact(test.name), max_message_chars);
    const std::string message = display_line(log::redact(first_line(test.message)), max_message_chars);
    f.text = message.empty() ? name : name + ": " + message;
    if (!test.file.empty()) f.file = display_line(log::redact(test.file), max_message_chars);
    if (!message.empty()) f.message = message;
    f.test = name;
    // The identity goes in whole (the line template would merge `test 1` with `test 2`).
    f.fingerprint = log::fingerprint(test_results_rule, test.classname + "\n" + test.name + "\n" + test.file, "");
    f.in_failed_step = true;
    return f;
}

}  // namespace

std::vector<TestResult> test_results_from_items(const std::vector<nlohmann::json>& items) {
    std::vector<TestResult> out;
    for (const auto& item : items) {
        if (!item.is_object()) continue;
        const auto name = item.find("name");
        if (name == item.end() || !name->is_string()) continue;
        TestResult r;
        r.name = name->get<std::string>();
        r.classname = string_field(item, "classname");
        r.file = string_field(item, "file");
        r.result = string_field(item, "result");
        r.message = string_field(item, "message");
        r.source = string_field(item, "source");
        if (const auto t = item.find("run_time"); t != item.end() && t->is_number()) r.run_time_s = t->get<double>();
        out.push_back(std::move(r));
    }
    return out;
}

bool test_failed(const TestResult& result) noexcept {
    const std::string r = lower(result.result);
    return r == "failure" || r == "failed" || r == "error";
}

const std::array<FindingSourceInfo, finding_source_count>& finding_source_table() noexcept { return sources; }
const FindingSourceInfo& info(FindingSource source) noexcept { return sources[static_cast<std::size_t>(source)]; }

FindingSource source_of(const log::Finding& finding) noexcept {
    if (finding.rule == test_results_rule) return FindingSource::test_results;
    return finding.line_no == 0 ? FindingSource::job_details : FindingSource::log;
}

log::Analysis with_test_results(log::Analysis analysis, const std::vector<TestResult>& results, bool job_timedout,
                                bool job_infrastructure_fail) {
    std::vector<log::Finding> tests;
    std::uint64_t dropped = 0;
    const std::optional<std::string> step =
        analysis.failed_steps.size() == 1 ? std::optional<std::string>(analysis.failed_steps.front().name) : std::nullopt;
    for (const auto& result : results) {
        if (!test_failed(result)) continue;
        auto f = finding_for(result, step);
        const auto same = std::find_if(tests.begin(), tests.end(),
                                       [&](const log::Finding& t) { return t.fingerprint == f.fingerprint; });
        if (same != tests.end()) {
            ++same->count;
        } else if (tests.size() < max_test_findings) {
            tests.push_back(std::move(f));
        } else {
            ++dropped;
        }
    }
    if (tests.empty() && dropped == 0) return analysis;
    const auto shift = static_cast<std::uint64_t>(tests.size());
    for (auto& f : analysis.findings) f.sequence += shift;
    for (std::size_t i = 0; i < tests.size(); ++i) tests[i].sequence = i;
    analysis.findings.insert(analysis.findings.begin(), std::make_move_iterator(tests.begin()),
                             std::make_move_iterator(tests.end()));
    log::rank(analysis.findings);
    analysis.stats.findings_dropped += dropped;
    const log::Verdict verdict =
        log::categorize(analysis.findings, analysis.failed_steps, job_timedout, job_infrastructure_fail);
    analysis.category = verdict.category;
    analysis.confidence = verdict.confidence;
    analysis.evidence = verdict.evidence;
    return analysis;
}

nlohmann::json analysis_to_json(const log::Analysis& analysis) {
    nlohmann::json out = log::to_json(analysis);
    auto& findings = out["findings"];
    for (std::size_t i = 0; i < analysis.findings.size() && i < findings.size(); ++i)
        findings[i]["source"] = id(source_of(analysis.findings[i]));
    return out;
}

nlohmann::json to_json(const TestResult& result) {
    return json_object::Builder()
        .add("name", display_line(log::redact(result.name), max_message_chars))
        .add("classname", display_line(log::redact(result.classname), max_message_chars))
        .add("file", display_line(log::redact(result.file), max_message_chars))
        .add("result", display_line(result.result, max_message_chars))
        .add("message", display_line(log::redact(first_line(result.message)), max_message_chars))
        .add("source", display_line(result.source, max_message_chars))
        .add("run_time", result.run_time_s)
        .done();
}

}  // namespace cci
