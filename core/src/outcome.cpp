#include "cci/outcome.hpp"

#include <limits>

#include "cci/base64.hpp"
#include "cci/utf8.hpp"
#include "cci/json_text.hpp"

namespace cci {
namespace {

constexpr std::array<std::string_view, transport_count> transport_ids = {
    "none", "dns", "connect", "tls", "timeout", "aborted", "browser_blocked", "offline", "other"};
constexpr std::array<std::string_view, endpoint_count> endpoint_ids = {
    "me", "collaborations", "project", "pipelines", "job", "job_details_v1", "step_output", "other"};

template <typename Enum, std::size_t N>
std::optional<Enum> find_id(const std::array<std::string_view, N>& ids, std::string_view id) noexcept {
    for (std::size_t i = 0; i < N; ++i)
        if (ids[i] == id) return static_cast<Enum>(i);
    return std::nullopt;
}

std::optional<std::string_view> string_at(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return std::nullopt;
    return std::string_view(it->get_ref<const std::string&>());
}

int status_of(const nlohmann::json& value) {
    constexpr double max_status = 999;
    if (value.is_number()) {
        const double status = value.get<double>();
        return status >= 0 && status <= max_status ? static_cast<int>(status) : 0;
    }
    if (!value.is_string()) return 0;
    const auto& text = value.get_ref<const std::string&>();
    if (text.empty() || text.size() > 3) return 0;
    int status = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return 0;
        status = status * 10 + (c - '0');
    }
    return status;
}

std::optional<std::string> header_value(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return dump_json(value);
    return std::nullopt;
}

Headers headers_of(const nlohmann::json& value) {
    Headers headers;
    if (value.is_object()) {
        for (const auto& [name, field] : value.items()) {
            if (field.is_array()) {
                for (const auto& item : field)
                    if (auto v = header_value(item)) headers.add(name, *v);
            } else if (auto v = header_value(field)) {
                headers.add(name, *v);
            }
        }
    } else if (value.is_array()) {
        for (const auto& pair : value) {
            if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string()) continue;
            if (auto v = header_value(pair[1])) headers.add(pair[0].get_ref<const std::string&>(), *v);
        }
    }
    return headers;
}

std::optional<EpochMs> time_of(const nlohmann::json& value) {
    if (value.is_string()) return parse_rfc3339(value.get_ref<const std::string&>());
    if (value.is_number()) {
        const double ms = value.get<double>();
        constexpr double limit = 1e15;  // ±31,000 years
        if (ms > -limit && ms < limit) return static_cast<EpochMs>(ms);
    }
    return std::nullopt;
}

}  // namespace

std::string_view id(Transport transport) noexcept { return transport_ids[static_cast<std::size_t>(transport)]; }

std::optional<Transport> parse_transport(std::string_view id) noexcept {
    return find_id<Transport>(transport_ids, id);
}

std::string_view id(Endpoint endpoint) noexcept { return endpoint_ids[static_cast<std::size_t>(endpoint)]; }

std::optional<Endpoint> parse_endpoint(std::string_view id) noexcept { return find_id<Endpoint>(endpoint_ids, id); }

Outcome outcome_from_json(const nlohmann::json& json) {
    Outcome outcome;
    if (!json.is_object()) return outcome;
    if (const auto transport = string_at(json, "transport"))
        outcome.transport = parse_transport(*transport).value_or(Transport::other);
    if (const auto status = json.find("status"); status != json.end()) outcome.status = status_of(*status);
    if (const auto headers = json.find("headers"); headers != json.end()) outcome.headers = headers_of(*headers);
    if (const auto body = string_at(json, "body")) outcome.body = std::string(*body);
    if (const auto encoded = string_at(json, "body_base64")) {
        if (auto bytes = base64_decode(*encoded)) outcome.body = std::move(*bytes);
    }
    if (const auto endpoint = string_at(json, "endpoint"))
        outcome.endpoint = parse_endpoint(*endpoint).value_or(Endpoint::other);
    if (const auto kind = string_at(json, "token_kind")) outcome.token_kind = parse_token_kind(*kind);
    if (const auto previous = json.find("previously_connected"); previous != json.end() && previous->is_boolean())
        outcome.previously_connected = previous->get<bool>();
    if (const auto now = json.find("now"); now != json.end()) outcome.now = time_of(*now);
    return outcome;
}

nlohmann::json to_json(const Outcome& outcome) {
    nlohmann::json json(nlohmann::json::value_t::object);
    json["transport"] = id(outcome.transport);
    json["status"] = outcome.status;
    nlohmann::json headers(nlohmann::json::value_t::array);
    for (const auto& field : outcome.headers.fields()) {
        if (is_valid_utf8(field.name) && is_valid_utf8(field.value))
            headers.push_back(nlohmann::json::array({field.name, field.value}));
    }
    json["headers"] = std::move(headers);
    if (is_valid_utf8(outcome.body)) json["body"] = outcome.body;
    else json["body_base64"] = base64_encode(outcome.body);
    json["endpoint"] = id(outcome.endpoint);
    json["token_kind"] = outcome.token_kind ? nlohmann::json(id(*outcome.token_kind)) : nlohmann::json(nullptr);
    json["previously_connected"] = outcome.previously_connected;
    json["now"] = outcome.now ? nlohmann::json(format_rfc3339(*outcome.now)) : nlohmann::json(nullptr);
    return json;
}

}  // namespace cci
