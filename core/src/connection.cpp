#include "cci/connection.hpp"

#include <algorithm>

namespace cci {
namespace {

constexpr std::array<std::string_view, state_kind_count> state_ids{
    "empty", "editing", "validating", "connected", "failed", "rate_limited", "needs_reauth", "disconnected"};
constexpr std::array<std::string_view, event_kind_count> event_ids{
    "input_changed", "submit", "stage_result", "recheck", "disconnect", "tick", "expiry_set"};

template <typename Enum, std::size_t N>
std::optional<Enum> find_id(const std::array<std::string_view, N>& ids, std::string_view id) noexcept {
    for (std::size_t i = 0; i < N; ++i)
        if (ids[i] == id) return static_cast<Enum>(i);
    return std::nullopt;
}

// Refusals that a new token (or new rights) fixes, as opposed to transient failures.
bool is_refusal(Reason reason) noexcept {
    switch (reason) {
        case Reason::token_invalid:
        case Reason::token_expired_or_revoked:
        case Reason::token_is_project_token:
        case Reason::token_legacy_format_rejected:
        case Reason::auth_method_deprecated:
        case Reason::permission_denied:
        case Reason::not_found_or_no_access: return true;
        case Reason::ok:
        case Reason::rate_limited:
        case Reason::server_error:
        case Reason::network_unreachable:
        case Reason::tls_error:
        case Reason::timeout:
        case Reason::browser_blocked:
        case Reason::unexpected_response:
        case Reason::unknown: return false;
    }
    return false;
}

ConnectionState fresh(const ConnectionState& state, StateKind kind) {
    ConnectionState out;
    out.kind = kind;
    out.attempt = state.attempt;
    out.now = state.now;
    return out;
}

ConnectionState start_validation(ConnectionState state, EpochMs now) {
    state.kind = StateKind::validating;
    state.now = now;
    ++state.attempt;
    state.plan = plan(state.options);
    state.stages.clear();
    for (const auto& planned : state.plan) {
        StageResult result;
        result.stage = planned.stage;
        state.stages.push_back(result);
    }
    state.stages.front().status = StageStatus::running;
    state.retry_at.reset();
    return state;
}

ConnectionState on_input(const ConnectionState& state, const std::string& text) {
    TokenCheck check = check_token(text);
    ConnectionState out = fresh(state, check.kind == TokenKind::empty ? StateKind::empty : StateKind::editing);
    out.options = state.options;
    out.token = std::move(check);
    return out;
}

ConnectionState on_submit(const ConnectionState& state, const ConnectionEvent& event) {
    switch (state.kind) {
        case StateKind::editing:
        case StateKind::failed:
        case StateKind::connected:
        case StateKind::needs_reauth:
        case StateKind::rate_limited: {
            ConnectionState next = state;
            next.now = event.now;
            if (!can_start_validation(next)) return state;
            next.options = event.options;
            return start_validation(std::move(next), event.now);
        }
        case StateKind::empty:
        case StateKind::validating:
        case StateKind::disconnected: return state;
    }
    return state;
}

ConnectionState on_recheck(const ConnectionState& state, EpochMs now) {
    switch (state.kind) {
        case StateKind::connected:
        case StateKind::needs_reauth:
        case StateKind::failed:
            return can_start_validation(state) ? start_validation(state, now) : state;
        case StateKind::empty:
        case StateKind::editing:
        case StateKind::validating:
        case StateKind::rate_limited:
        case StateKind::disconnected: return state;
    }
    return state;
}

ConnectionState finish_failed(ConnectionState state, const StageResult& result, EpochMs now) {
    const Diagnosis& diagnosis = *result.diagnosis;
    const bool was_connected = state.last_success_at.has_value();
    state.diagnosis = diagnosis;
    state.last_error_at = now;
    if (result.stage == Stage::identity && diagnosis.reason == Reason::rate_limited) {
        state.kind = StateKind::rate_limited;
        state.retry_at = now + diagnosis.retry_after_s.value_or(default_retry_after_s) * ms_per_second;
    } else if (was_connected && is_refusal(diagnosis.reason)) {
        state.kind = StateKind::needs_reauth;
    } else if (was_connected) {
        state.kind = StateKind::connected;
    } else {
        state.kind = StateKind::failed;
    }
    return state;
}

ConnectionState on_stage_result(const ConnectionState& state, const ConnectionEvent& event) {
    if (state.kind != StateKind::validating || event.attempt != state.attempt) return state;
    const auto running = std::find_if(state.stages.begin(), state.stages.end(),
                                      [](const StageResult& r) { return r.status == StageStatus::running; });
    if (running == state.stages.end() || running->stage != event.stage) return state;
    const auto index = static_cast<std::size_t>(running - state.stages.begin());

    ConnectionState next = state;
    next.now = event.now;
    Outcome outcome = event.outcome;
    if (next.token.kind != TokenKind::empty) outcome.token_kind = next.token.kind;
    outcome.previously_connected = next.last_success_at.has_value();
    if (!outcome.now) outcome.now = event.now;
    StageResult result = interpret(event.stage, std::move(outcome));
    next.stages[index] = result;

    if (const auto cause = skip_cause_after(result)) {
        for (std::size_t i = index + 1; i < next.stages.size(); ++i) {
            next.stages[i].status = StageStatus::skipped;
            next.stages[i].skip = cause;
        }
        return finish_failed(std::move(next), result, event.now);
    }
    if (result.stage == Stage::identity && result.diagnosis && result.diagnosis->identity)
        next.identity = result.diagnosis->identity;
    if (index + 1 < next.stages.size()) {
        next.stages[index + 1].status = StageStatus::running;
        return next;
    }
    next.kind = StateKind::connected;
    next.diagnosis.reset();
    next.retry_at.reset();
    next.verified_at = event.now;
    next.last_success_at = event.now;
    if (!next.connected_at) next.connected_at = event.now;
    return next;
}

ConnectionState on_disconnect(const ConnectionState& state) {
    switch (state.kind) {
        case StateKind::empty: return state;
        case StateKind::editing:
        case StateKind::validating:
        case StateKind::connected:
        case StateKind::failed:
        case StateKind::rate_limited:
        case StateKind::needs_reauth:
        case StateKind::disconnected: return fresh(state, StateKind::disconnected);
    }
    return state;
}

ConnectionState on_tick(const ConnectionState& state, EpochMs now) {
    ConnectionState next = state;
    next.now = now;
    switch (state.kind) {
        case StateKind::rate_limited:
            return state.retry_at && now >= *state.retry_at ? start_validation(std::move(next), now) : next;
        case StateKind::empty:
        case StateKind::editing:
        case StateKind::validating:
        case StateKind::connected:
        case StateKind::failed:
        case StateKind::needs_reauth:
        case StateKind::disconnected: return next;
    }
    return next;
}

ConnectionState on_expiry_set(const ConnectionState& state, std::optional<EpochMs> expiry) {
    switch (state.kind) {
        case StateKind::editing:
        case StateKind::validating:
        case StateKind::connected:
        case StateKind::failed:
        case StateKind::rate_limited:
        case StateKind::needs_reauth: {
            ConnectionState next = state;
            next.expires_at = expiry;
            return next;
        }
        case StateKind::empty:
        case StateKind::disconnected: return state;
    }
    return state;
}

}  // namespace

std::string_view id(StateKind kind) noexcept { return state_ids[static_cast<std::size_t>(kind)]; }
std::optional<StateKind> parse_state_kind(std::string_view id) noexcept { return find_id<StateKind>(state_ids, id); }
std::string_view id(EventKind kind) noexcept { return event_ids[static_cast<std::size_t>(kind)]; }
std::optional<EventKind> parse_event_kind(std::string_view id) noexcept { return find_id<EventKind>(event_ids, id); }

ConnectionEvent ConnectionEvent::input_changed(std::string_view text) {
    ConnectionEvent event;
    event.kind = EventKind::input_changed;
    event.text = std::string(text);
    return event;
}

ConnectionEvent ConnectionEvent::submit(EpochMs now, VerificationOptions options) {
    ConnectionEvent event;
    event.kind = EventKind::submit;
    event.now = now;
    event.options = std::move(options);
    return event;
}

ConnectionEvent ConnectionEvent::stage_result(std::uint64_t attempt, Stage stage, Outcome outcome, EpochMs now) {
    ConnectionEvent event;
    event.kind = EventKind::stage_result;
    event.attempt = attempt;
    event.stage = stage;
    event.outcome = std::move(outcome);
    event.now = now;
    return event;
}

ConnectionEvent ConnectionEvent::recheck(EpochMs now) {
    ConnectionEvent event;
    event.kind = EventKind::recheck;
    event.now = now;
    return event;
}

ConnectionEvent ConnectionEvent::disconnect() {
    ConnectionEvent event;
    event.kind = EventKind::disconnect;
    return event;
}

ConnectionEvent ConnectionEvent::tick(EpochMs now) {
    ConnectionEvent event;
    event.kind = EventKind::tick;
    event.now = now;
    return event;
}

ConnectionEvent ConnectionEvent::expiry_set(std::optional<EpochMs> expiry) {
    ConnectionEvent event;
    event.kind = EventKind::expiry_set;
    event.expiry = expiry;
    return event;
}

bool can_start_validation(const ConnectionState& state) noexcept {
    const bool token_usable = state.token_held_elsewhere || state.token.verdict != TokenVerdict::block;
    switch (state.kind) {
        case StateKind::editing:
        case StateKind::failed:
        case StateKind::connected:
        case StateKind::needs_reauth: return token_usable;
        case StateKind::rate_limited: return token_usable && state.retry_at && state.now >= *state.retry_at;
        case StateKind::empty:
        case StateKind::validating:
        case StateKind::disconnected: return false;
    }
    return false;
}

ConnectionState transition(const ConnectionState& state, const ConnectionEvent& event) {
    switch (event.kind) {
        case EventKind::input_changed: return on_input(state, event.text);
        case EventKind::submit: return on_submit(state, event);
        case EventKind::stage_result: return on_stage_result(state, event);
        case EventKind::recheck: return on_recheck(state, event.now);
        case EventKind::disconnect: return on_disconnect(state);
        case EventKind::tick: return on_tick(state, event.now);
        case EventKind::expiry_set: return on_expiry_set(state, event.expiry);
    }
    return state;
}

std::optional<StageRequest> current_request(const ConnectionState& state) {
    if (state.kind != StateKind::validating) return std::nullopt;
    for (std::size_t i = 0; i < state.stages.size() && i < state.plan.size(); ++i) {
        if (state.stages[i].status == StageStatus::running)
            return StageRequest{state.attempt, state.plan[i].stage, state.plan[i].request};
    }
    return std::nullopt;
}

}  // namespace cci

namespace cci {

nlohmann::json to_json(const StageRequest& request) {
    nlohmann::json json = to_json(request.request);
    json["attempt"] = request.attempt;
    json["stage"] = id(request.stage);
    return json;
}

}  // namespace cci
