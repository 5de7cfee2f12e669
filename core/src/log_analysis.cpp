#include "cci/log/analysis.hpp"

#include <cmath>

#include "json_object.hpp"

namespace cci::log {
namespace {

using json = nlohmann::json;
using json_object::Builder;

}  // namespace

json to_json(const Finding& f) {
    json context(json::value_t::array);
    for (const auto& c : f.context) context.push_back(Builder().add("line_no", c.line_no).add("text", c.text).done());
    return Builder()
        .add("rule", f.rule)
        .add("category", id(f.category))
        .add("severity", id(f.severity))
        .add("tier", id(f.tier))
        .add("step", f.step)
        .add("container", f.container)
        .add("line_no", f.line_no)
        .add("text", f.text)
        .add("capped", f.capped)
        .add("file", f.file)
        .add("line", f.line)
        .add("column", f.column)
        .add("code", f.code)
        .add("message", f.message)
        .add("test", f.test)
        .add("context", std::move(context))
        .add("count", f.count)
        .add("containers", f.containers)
        .add("fingerprint", f.fingerprint)
        .done();
}

json to_json(const Analysis& a) {
    json findings(json::value_t::array);
    for (const auto& f : a.findings) findings.push_back(to_json(f));
    json failed(json::value_t::array);
    for (const auto& s : a.failed_steps) {
        failed.push_back(Builder()
                             .add("name", s.name)
                             .add("step", s.step)
                             .add("containers", s.containers)
                             .add("exit_code", s.exit_code)
                             .add("status", s.status)
                             .add("timedout", s.timedout)
                             .add("infrastructure_fail", s.infrastructure_fail)
                             .add("truncated", s.truncated)
                             .done());
    }
    json errors(json::value_t::array);
    for (const auto& e : a.errors) {
        errors.push_back(Builder()
                             .add("code", id(e.code))
                             .add("message", info(e.code).message)
                             .add("offset", e.offset)
                             .add("detail", e.detail)
                             .done());
    }
    const auto& s = a.stats;
    return Builder()
        .add("category", id(a.category))
        .add("confidence", std::round(a.confidence * 100.0) / 100.0)
        .add("evidence", a.evidence)
        .add("input_format", a.input_format)
        .add("failed_steps", std::move(failed))
        .add("findings", std::move(findings))
        .add("window", Builder().add("step", a.window.step).add("head", a.window.head).add("tail", a.window.tail).done())
        .add("stats", Builder()
                          .add("bytes", s.bytes)
                          .add("elements", s.elements)
                          .add("lines", s.lines)
                          .add("capped_lines", s.capped_lines)
                          .add("invalid_utf8", s.invalid_utf8)
                          .add("matched_lines", s.matched_lines)
                          .add("findings_dropped", s.findings_dropped)
                          .add("steps", s.steps)
                          .add("truncated", s.truncated)
                          .add("steps_without_output", s.steps_without_output)
                          .done())
        .add("errors", std::move(errors))
        .done();
}

}  // namespace cci::log
