#include "cci/log/analysis.hpp"

#include <cmath>

namespace cci::log {
namespace {

using json = nlohmann::json;

template <typename T>
json optional_json(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

}  // namespace

json to_json(const Finding& f) {
    json context = json::array();
    for (const auto& c : f.context) context.push_back({{"line_no", c.line_no}, {"text", c.text}});
    return json{{"rule", f.rule},
                {"category", id(f.category)},
                {"severity", id(f.severity)},
                {"tier", id(f.tier)},
                {"step", optional_json(f.step)},
                {"container", optional_json(f.container)},
                {"line_no", f.line_no},
                {"text", f.text},
                {"capped", f.capped},
                {"file", optional_json(f.file)},
                {"line", optional_json(f.line)},
                {"column", optional_json(f.column)},
                {"code", optional_json(f.code)},
                {"message", optional_json(f.message)},
                {"test", optional_json(f.test)},
                {"context", std::move(context)},
                {"count", f.count},
                {"containers", f.containers},
                {"fingerprint", f.fingerprint}};
}

json to_json(const Analysis& a) {
    json findings = json::array();
    for (const auto& f : a.findings) findings.push_back(to_json(f));
    json failed = json::array();
    for (const auto& s : a.failed_steps) {
        failed.push_back({{"name", s.name},
                          {"step", optional_json(s.step)},
                          {"containers", s.containers},
                          {"exit_code", optional_json(s.exit_code)},
                          {"status", s.status},
                          {"timedout", s.timedout},
                          {"infrastructure_fail", s.infrastructure_fail},
                          {"truncated", s.truncated}});
    }
    json errors = json::array();
    for (const auto& e : a.errors) {
        errors.push_back({{"code", id(e.code)}, {"message", info(e.code).message}, {"offset", e.offset},
                          {"detail", e.detail}});
    }
    const auto& s = a.stats;
    return json{{"category", id(a.category)},
                {"confidence", std::round(a.confidence * 100.0) / 100.0},
                {"evidence", a.evidence},
                {"input_format", a.input_format},
                {"failed_steps", std::move(failed)},
                {"findings", std::move(findings)},
                {"window", {{"step", optional_json(a.window.step)}, {"head", a.window.head}, {"tail", a.window.tail}}},
                {"stats",
                 {{"bytes", s.bytes},
                  {"elements", s.elements},
                  {"lines", s.lines},
                  {"capped_lines", s.capped_lines},
                  {"invalid_utf8", s.invalid_utf8},
                  {"matched_lines", s.matched_lines},
                  {"findings_dropped", s.findings_dropped},
                  {"steps", s.steps},
                  {"truncated", s.truncated},
                  {"steps_without_output", s.steps_without_output}}},
                {"errors", std::move(errors)}};
}

}  // namespace cci::log
