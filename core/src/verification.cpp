#include "cci/verification.hpp"

#include "json_object.hpp"

namespace cci {
namespace {

constexpr std::array<StageInfo, stage_count> stages{{
    {Stage::identity, "identity", "Token accepted", Endpoint::me, true},
    {Stage::org_access, "org_access", "Organizations visible", Endpoint::collaborations, true},
    {Stage::project_probe, "project_probe", "Project pipelines readable", Endpoint::pipelines, false},
    {Stage::log_probe, "log_probe", "Job details readable", Endpoint::job_details_v1, false},
}};

constexpr std::array<std::string_view, stage_status_count> status_ids{"pending", "running", "passed", "failed",
                                                                      "skipped"};

constexpr std::array<SkipCauseInfo, skip_cause_count> skip_causes{{
    {SkipCause::authentication_failed, "authentication_failed", "not attempted — authentication failed"},
    {SkipCause::rate_limited, "rate_limited", "not attempted — rate limited; will run after the wait"},
    {SkipCause::earlier_stage_failed, "earlier_stage_failed", "not attempted — an earlier check failed"},
}};

Request get(std::string path) {
    return Request{"GET", std::move(path), Headers{{"Accept", "application/json"}}};
}

}  // namespace

const std::array<StageInfo, stage_count>& stage_table() noexcept { return stages; }

const StageInfo& info(Stage stage) noexcept { return stages[static_cast<std::size_t>(stage)]; }

std::optional<Stage> parse_stage(std::string_view id) noexcept {
    for (const auto& row : stages)
        if (row.id == id) return row.stage;
    return std::nullopt;
}

std::string_view id(StageStatus status) noexcept { return status_ids[static_cast<std::size_t>(status)]; }

std::optional<StageStatus> parse_stage_status(std::string_view id) noexcept {
    for (std::size_t i = 0; i < status_ids.size(); ++i)
        if (status_ids[i] == id) return static_cast<StageStatus>(i);
    return std::nullopt;
}

const std::array<SkipCauseInfo, skip_cause_count>& skip_cause_table() noexcept { return skip_causes; }

const SkipCauseInfo& info(SkipCause cause) noexcept { return skip_causes[static_cast<std::size_t>(cause)]; }

std::vector<PlannedStage> plan(const VerificationOptions& options) {
    std::vector<PlannedStage> out{{Stage::identity, get("/api/v2/me")},
                                  {Stage::org_access, get("/api/v2/me/collaborations")}};
    if (options.project) {
        out.push_back({Stage::project_probe, get("/api/v2/project/" + options.project->text() + "/pipeline")});
        if (options.log_probe)
            out.push_back({Stage::log_probe,
                           get("/api/v1.1/project/" + v1_project_path(*options.project) + "?limit=1&shallow=true")});
    }
    return out;
}

VerificationOptions verification_options_from_json(const nlohmann::json& json) {
    VerificationOptions options;
    if (!json.is_object()) return options;
    if (const auto slug = json.find("project_slug"); slug != json.end() && slug->is_string())
        options.project = parse_project_slug(slug->get_ref<const std::string&>());
    if (const auto probe = json.find("log_probe"); probe != json.end() && probe->is_boolean())
        options.log_probe = probe->get<bool>();
    return options;
}

nlohmann::json to_json(const Request& request) {
    nlohmann::json headers(nlohmann::json::value_t::object);
    for (const auto& field : request.headers.fields()) headers[field.name] = field.value;
    return json_object::Builder()
        .add("method", request.method)
        .add("path", request.path)
        .add("headers", std::move(headers))
        .done();
}

StageResult interpret(Stage stage, Outcome outcome) {
    outcome.endpoint = info(stage).endpoint;
    StageResult result;
    result.stage = stage;
    result.diagnosis = classify(outcome);
    result.status = result.diagnosis->reason == Reason::ok ? StageStatus::passed : StageStatus::failed;
    return result;
}

std::optional<SkipCause> skip_cause_after(const StageResult& result) noexcept {
    if (result.status != StageStatus::failed || !info(result.stage).required) return std::nullopt;
    if (result.stage != Stage::identity) return SkipCause::earlier_stage_failed;
    if (result.diagnosis && result.diagnosis->reason == Reason::rate_limited) return SkipCause::rate_limited;
    return SkipCause::authentication_failed;
}

}  // namespace cci
