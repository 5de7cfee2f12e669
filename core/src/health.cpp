#include "cci/health.hpp"

#include "cci/redaction.hpp"
#include "json_object.hpp"
#include "cci/json_text.hpp"

namespace cci {
namespace {

bool is_safe_mask(const std::string& masked) { return !masked.empty() && redact_secrets(masked) == masked; }

nlohmann::json time_json(const std::optional<EpochMs>& time) {
    return time ? nlohmann::json(format_rfc3339(*time)) : nlohmann::json(nullptr);
}

// Reads an optional field: absent or null → true with nothing set; wrong type → false.
bool read_time(const nlohmann::json& json, const char* key, std::optional<EpochMs>& out) {
    const auto it = json.find(key);
    if (it == json.end() || it->is_null()) return true;
    if (!it->is_string()) return false;
    out = parse_rfc3339(it->get_ref<const std::string&>());
    return out.has_value();
}

bool read_string(const nlohmann::json& json, const char* key, std::optional<std::string>& out) {
    const auto it = json.find(key);
    if (it == json.end() || it->is_null()) return true;
    if (!it->is_string()) return false;
    out = it->get<std::string>();
    return true;
}

}  // namespace

HealthRecord health_record(const ConnectionState& state) {
    HealthRecord record;
    record.state = state.kind;
    record.identity = state.identity;
    if (state.token.kind != TokenKind::empty) {
        record.token_kind = state.token.kind;
        if (is_safe_mask(state.token.masked)) record.masked_token = state.token.masked;
    }
    record.verified_at = state.verified_at;
    record.last_success_at = state.last_success_at;
    record.last_error_at = state.last_error_at;
    record.connected_at = state.connected_at;
    record.expires_at = state.expires_at;
    if (state.diagnosis) record.last_reason = state.diagnosis->reason;
    return record;
}

ConnectionState restore_state(const HealthRecord& record) {
    ConnectionState state;
    const bool had_success = record.last_success_at.has_value();
    switch (record.state) {
        case StateKind::empty:
        case StateKind::editing: state.kind = StateKind::empty; break;
        case StateKind::validating: state.kind = had_success ? StateKind::connected : StateKind::empty; break;
        case StateKind::rate_limited: state.kind = had_success ? StateKind::connected : StateKind::failed; break;
        case StateKind::connected:
        case StateKind::failed:
        case StateKind::needs_reauth:
        case StateKind::disconnected: state.kind = record.state; break;
    }
    if (state.kind == StateKind::empty || state.kind == StateKind::disconnected) return state;
    state.identity = record.identity;
    state.token.kind = record.token_kind.value_or(TokenKind::empty);
    state.token.masked = record.masked_token.value_or(std::string());
    state.token_held_elsewhere = record.masked_token.has_value();
    state.verified_at = record.verified_at;
    state.last_success_at = record.last_success_at;
    state.last_error_at = record.last_error_at;
    state.connected_at = record.connected_at;
    state.expires_at = record.expires_at;
    if (record.last_reason && *record.last_reason != Reason::ok) state.diagnosis = diagnosis_for(*record.last_reason);
    else if (state.kind == StateKind::failed || state.kind == StateKind::needs_reauth)
        state.diagnosis = diagnosis_for(Reason::unknown);
    return state;
}

nlohmann::json to_json(const HealthRecord& record) {
    return json_object::Builder()
        .add("schema_version", health_schema_version)
        .add("state", id(record.state))
        .add("identity", record.identity ? to_json(*record.identity) : nlohmann::json(nullptr))
        .add("masked_token", record.masked_token)
        .add("token_kind", record.token_kind ? nlohmann::json(id(*record.token_kind)) : nlohmann::json(nullptr))
        .add("verified_at", time_json(record.verified_at))
        .add("last_success_at", time_json(record.last_success_at))
        .add("last_error_at", time_json(record.last_error_at))
        .add("connected_at", time_json(record.connected_at))
        .add("expires_at", time_json(record.expires_at))
        .add("last_reason", record.last_reason ? nlohmann::json(id(*record.last_reason)) : nlohmann::json(nullptr))
        .done();
}

std::optional<HealthRecord> health_from_json(const nlohmann::json& json) {
    if (!json.is_object()) return std::nullopt;
    const auto version = json.find("schema_version");
    if (version == json.end() || !version->is_number_integer() ||
        version->get<std::int64_t>() != health_schema_version)
        return std::nullopt;
    HealthRecord record;
    std::optional<std::string> state;
    if (!read_string(json, "state", state) || !state) return std::nullopt;
    const auto kind = parse_state_kind(*state);
    if (!kind) return std::nullopt;
    record.state = *kind;

    if (const auto identity = json.find("identity"); identity != json.end() && !identity->is_null()) {
        record.identity = identity_from_json(*identity);
        if (!record.identity) return std::nullopt;
    }
    std::optional<std::string> masked;
    std::optional<std::string> token_kind;
    std::optional<std::string> last_reason;
    if (!read_string(json, "masked_token", masked) || !read_string(json, "token_kind", token_kind) ||
        !read_string(json, "last_reason", last_reason))
        return std::nullopt;
    if (masked && is_safe_mask(*masked)) record.masked_token = std::move(masked);
    if (token_kind) record.token_kind = parse_token_kind(*token_kind);
    if (last_reason) record.last_reason = parse_reason(*last_reason).value_or(Reason::unknown);
    if (!read_time(json, "verified_at", record.verified_at) ||
        !read_time(json, "last_success_at", record.last_success_at) ||
        !read_time(json, "last_error_at", record.last_error_at) ||
        !read_time(json, "connected_at", record.connected_at) || !read_time(json, "expires_at", record.expires_at))
        return std::nullopt;
    return record;
}

std::string health_to_json_string(const HealthRecord& record) {
    return dump_json(to_json(record));
}

std::optional<HealthRecord> health_from_json_string(std::string_view text) {
    const auto json = parse_json(text);
    if (!json) return std::nullopt;
    return health_from_json(*json);
}

}  // namespace cci
