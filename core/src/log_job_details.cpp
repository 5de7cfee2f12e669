#include "cci/log/job_details.hpp"

#include "json_object.hpp"
#include "cci/json_text.hpp"

namespace cci::log {
namespace {

constexpr std::array<JobApiInfo, job_api_count> apis{{
    {JobApi::v1_1, "v1.1"},
    {JobApi::v2, "v2"},
}};

using json = nlohmann::json;

std::string string_at(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool bool_at(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

std::optional<std::int64_t> int_at(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<std::int64_t>();
}

std::vector<JobMessage> messages_at(const json& object) {
    std::vector<JobMessage> out;
    const auto it = object.find("messages");
    if (it == object.end() || !it->is_array()) return out;
    for (const auto& m : *it) {
        if (m.is_string()) {
            out.push_back({"", m.get<std::string>(), ""});
        } else if (m.is_object()) {
            out.push_back({string_at(m, "type"), string_at(m, "message"), string_at(m, "reason")});
        }
    }
    return out;
}

}  // namespace

const std::array<JobApiInfo, job_api_count>& job_api_table() noexcept { return apis; }

const JobApiInfo& info(JobApi api) noexcept { return apis[static_cast<std::size_t>(api)]; }

std::optional<JobApi> parse_job_api(std::string_view text) noexcept {
    for (const auto& entry : apis) {
        if (entry.id == text) return entry.api;
    }
    return std::nullopt;
}

bool action_failed(const JobAction& action) noexcept {
    return action.failed || action.timedout || action.infrastructure_fail || action.status == "failed" ||
           action.status == "timedout" || action.status == "infrastructure_fail";
}

JobDetailsResult parse_job_details(std::string_view text) {
    const json doc = parse_json(text).value_or(nullptr);
    if (!doc.is_object()) {
        return {std::nullopt, Error{ErrorCode::job_details_invalid, 0, "not a JSON object"}};
    }
    JobDetails details;
    const auto steps = doc.find("steps");
    if (steps != doc.end() && steps->is_array()) {
        details.api = JobApi::v1_1;
        details.name = string_at(doc, "job_name");
        if (details.name.empty() && doc.contains("workflows") && doc["workflows"].is_object()) {
            details.name = string_at(doc["workflows"], "job_name");
        }
        details.parallelism = int_at(doc, "parallel");
        details.web_url = string_at(doc, "build_url");
        for (const auto& step : *steps) {
            if (!step.is_object()) continue;
            const auto actions = step.find("actions");
            if (actions == step.end() || !actions->is_array()) continue;
            for (const auto& a : *actions) {
                if (!a.is_object()) continue;
                JobAction action;
                action.step_name = string_at(a, "name");
                if (action.step_name.empty()) action.step_name = string_at(step, "name");
                action.step = int_at(a, "step");
                action.index = int_at(a, "index").value_or(0);
                action.status = string_at(a, "status");
                action.failed = bool_at(a, "failed");
                action.exit_code = int_at(a, "exit_code");
                action.has_output = bool_at(a, "has_output");
                action.truncated = bool_at(a, "truncated");
                action.timedout = bool_at(a, "timedout");
                action.infrastructure_fail = bool_at(a, "infrastructure_fail");
                action.canceled = bool_at(a, "canceled");
                action.run_time_millis = int_at(a, "run_time_millis");
                for (auto& m : messages_at(a)) action.messages.push_back(std::move(m.message));
                details.actions.push_back(std::move(action));
            }
        }
    } else if (doc.contains("status") && (doc.contains("parallelism") || doc.contains("web_url") ||
                                          doc.contains("parallel_runs") || doc.contains("number"))) {
        details.api = JobApi::v2;
        details.name = string_at(doc, "name");
        details.parallelism = int_at(doc, "parallelism");
        details.web_url = string_at(doc, "web_url");
    } else {
        return {std::nullopt, Error{ErrorCode::job_details_invalid, 0, "neither `steps` nor a v2 job"}};
    }
    details.status = string_at(doc, "status");
    details.failed = bool_at(doc, "failed") || details.status == "failed";
    details.timedout = bool_at(doc, "timedout") || details.status == "timedout";
    details.infrastructure_fail = bool_at(doc, "infrastructure_fail") || details.status == "infrastructure_fail";
    details.messages = messages_at(doc);
    return {std::move(details), std::nullopt};
}

nlohmann::json to_json(const JobAction& action) {
    return json_object::Builder()
        .add("name", action.step_name)
        .add("step", action.step)
        .add("container", action.index)
        .add("status", action.status)
        .add("exit_code", action.exit_code)
        .add("has_output", action.has_output)
        .add("truncated", action.truncated)
        .add("timedout", action.timedout)
        .add("infrastructure_fail", action.infrastructure_fail)
        .done();
}

}  // namespace cci::log
