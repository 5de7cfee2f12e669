#include "cci/connection_view.hpp"

#include "cci/expiry.hpp"
#include "json_object.hpp"

namespace cci {
namespace {

constexpr std::string_view revoke_remedy =
    "It still works in CircleCI until you revoke it: delete it under User Settings → Personal API Tokens.";

std::string who(const std::optional<Identity>& identity) {
    if (!identity) return "your CircleCI user";
    if (!identity->login.empty() && !identity->name.empty() && identity->name != identity->login)
        return identity->name + " (" + identity->login + ")";
    if (!identity->login.empty()) return identity->login;
    if (!identity->name.empty()) return identity->name;
    return identity->id;
}

std::optional<std::int64_t> seconds_left(const ConnectionState& state, EpochMs now) {
    if (!state.retry_at) return std::nullopt;
    const EpochMs left = *state.retry_at - now;
    return left <= 0 ? 0 : (left + ms_per_second - 1) / ms_per_second;
}

std::string button_label(const ConnectionState& state, EpochMs now) {
    switch (state.kind) {
        case StateKind::empty:
        case StateKind::editing:
        case StateKind::disconnected: return "Connect CircleCI";
        case StateKind::validating: return "Checking…";
        case StateKind::connected:
        case StateKind::needs_reauth: return "Check again";
        case StateKind::failed: return "Try again";
        case StateKind::rate_limited: {
            const auto left = seconds_left(state, now).value_or(0);
            return left > 0 ? "Retry in " + std::to_string(left) + " s" : std::string("Retry now");
        }
    }
    return "Connect CircleCI";
}

// The first optional stage that failed, if any.
const StageResult* failed_optional_stage(const ConnectionState& state) {
    for (const auto& result : state.stages)
        if (result.status == StageStatus::failed && !info(result.stage).required && result.diagnosis) return &result;
    return nullptr;
}

std::string running_path(const ConnectionState& state) {
    for (std::size_t i = 0; i < state.stages.size() && i < state.plan.size(); ++i)
        if (state.stages[i].status == StageStatus::running)
            return state.plan[i].request.method + " " + state.plan[i].request.path;
    return "CircleCI";
}

void describe(const ConnectionState& state, EpochMs now, ViewModel& out) {
    const auto& diagnosis = state.diagnosis;
    switch (state.kind) {
        case StateKind::empty: out.status_line = "Not connected. Paste a CircleCI Personal API Token."; return;
        case StateKind::editing:
            out.status_line = state.token.verdict == TokenVerdict::block ? "Not connected." : "Ready to connect.";
            if (state.token.verdict == TokenVerdict::block && !state.token.remedy.empty())
                out.remedy = state.token.remedy;
            return;
        case StateKind::validating: out.status_line = "Checking with CircleCI: " + running_path(state) + "…"; return;
        case StateKind::connected:
            out.status_line = "Connected as " + who(state.identity) + ".";
            if (diagnosis) {
                out.status_line += " The last check failed: " + diagnosis->message;
                out.remedy = diagnosis->remedy;
            } else if (const StageResult* stage = failed_optional_stage(state)) {
                out.status_line += " " + std::string(info(stage->stage).title) + " — failed: " + stage->diagnosis->message;
                out.remedy = stage->diagnosis->remedy;
            }
            return;
        case StateKind::failed:
            out.status_line = diagnosis ? diagnosis->message : std::string(info(Reason::unknown).message);
            out.remedy = diagnosis ? diagnosis->remedy : std::string(info(Reason::unknown).remedy);
            return;
        case StateKind::rate_limited: {
            const auto left = seconds_left(state, now).value_or(0);
            out.status_line = std::string(info(Reason::rate_limited).message) +
                              (left > 0 ? " Retrying in " + std::to_string(left) + " s." : " Retrying now.");
            out.remedy = std::string(info(Reason::rate_limited).remedy);
            return;
        }
        case StateKind::needs_reauth:
            out.status_line = "The connection as " + who(state.identity) + " stopped working. " +
                              (diagnosis ? diagnosis->message : std::string(info(Reason::unknown).message));
            out.remedy = diagnosis ? diagnosis->remedy : std::string(info(Reason::unknown).remedy);
            return;
        case StateKind::disconnected:
            out.status_line = "Disconnected. The token was forgotten here.";
            out.remedy = std::string(revoke_remedy);
            return;
    }
}

bool shows_identity(StateKind kind) noexcept {
    switch (kind) {
        case StateKind::validating:
        case StateKind::connected:
        case StateKind::needs_reauth: return true;
        case StateKind::empty:
        case StateKind::editing:
        case StateKind::failed:
        case StateKind::rate_limited:
        case StateKind::disconnected: return false;
    }
    return false;
}

std::vector<StageView> stage_views(const ConnectionState& state) {
    std::vector<StageView> out;
    for (std::size_t i = 0; i < state.stages.size() && i < state.plan.size(); ++i) {
        const StageResult& result = state.stages[i];
        StageView stage;
        stage.stage = result.stage;
        stage.title = std::string(info(result.stage).title);
        stage.method = state.plan[i].request.method;
        stage.path = state.plan[i].request.path;
        stage.status = result.status;
        if (result.diagnosis) stage.reason = result.diagnosis->reason;
        if (result.status == StageStatus::failed && result.diagnosis) stage.note = result.diagnosis->message;
        if (result.status == StageStatus::skipped && result.skip) stage.note = std::string(info(*result.skip).message);
        out.push_back(std::move(stage));
    }
    return out;
}

template <typename T, typename F>
nlohmann::json or_null(const std::optional<T>& value, F&& convert) {
    return value ? nlohmann::json(convert(*value)) : nlohmann::json(nullptr);
}

}  // namespace

std::string verified_ago_text(EpochMs verified_at, EpochMs now) {
    const EpochMs ago = now - verified_at;
    if (ago < ms_per_minute) return "verified just now";
    if (ago < ms_per_hour) return "verified " + std::to_string(ago / ms_per_minute) + " min ago";
    if (ago < 2 * ms_per_day) return "verified " + std::to_string(ago / ms_per_hour) + " h ago";
    return "verified " + std::to_string(ago / ms_per_day) + " days ago";
}

ViewModel view(const ConnectionState& state, EpochMs now) {
    ViewModel out;
    out.state = state.kind;
    ConnectionState at_now = state;
    at_now.now = now;
    out.can_submit = can_start_validation(at_now);
    out.button_label = button_label(state, now);
    const bool has_token = state.token.kind != TokenKind::empty;
    if (has_token && state.kind != StateKind::disconnected) {
        if (state.token.verdict == TokenVerdict::block) out.field_error = state.token.message;
        if (state.token.verdict == TokenVerdict::warn) out.field_warning = state.token.message;
        if (!state.token.masked.empty()) out.masked_token = state.token.masked;
    }
    describe(state, now, out);
    if (state.diagnosis) {
        out.reason = state.diagnosis->reason;
        out.server_message = state.diagnosis->server_message;
    }
    if (shows_identity(state.kind)) {
        out.identity = state.identity;
        if (state.verified_at) out.verified_ago = verified_ago_text(*state.verified_at, now);
    }
    if (state.kind == StateKind::rate_limited) out.retry_in_s = seconds_left(state, now).value_or(0);
    if (state.kind != StateKind::empty && state.kind != StateKind::disconnected) {
        if (const auto horizon = expiry_horizon(state.expires_at, state.connected_at, now))
            out.expiry_warning = expiry_warning(*horizon);
    }
    out.stages = stage_views(state);
    return out;
}

nlohmann::json to_json(const ViewModel& view) {
    nlohmann::json stages(nlohmann::json::value_t::array);
    for (const auto& stage : view.stages) {
        stages.push_back(json_object::Builder()
                             .add("id", id(stage.stage))
                             .add("title", stage.title)
                             .add("method", stage.method)
                             .add("path", stage.path)
                             .add("status", id(stage.status))
                             .add("reason", or_null(stage.reason, [](Reason r) { return id(r); }))
                             .add("note", stage.note)
                             .done());
    }
    return json_object::Builder()
        .add("state", id(view.state))
        .add("can_submit", view.can_submit)
        .add("button_label", view.button_label)
        .add("field_error", view.field_error)
        .add("field_warning", view.field_warning)
        .add("masked_token", view.masked_token)
        .add("status_line", view.status_line)
        .add("remedy", view.remedy)
        .add("server_message", view.server_message)
        .add("reason", or_null(view.reason, [](Reason r) { return id(r); }))
        .add("identity", view.identity ? to_json(*view.identity) : nlohmann::json(nullptr))
        .add("verified_ago", view.verified_ago)
        .add("retry_in_s", view.retry_in_s)
        .add("expiry_warning", view.expiry_warning)
        .add("stages", std::move(stages))
        .done();
}

}  // namespace cci
