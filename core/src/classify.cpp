#include "cci/classify.hpp"

#include "cci/response_body.hpp"
#include "cci/retry_after.hpp"
#include "json_object.hpp"

namespace cci {
namespace {

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool contains_words(const std::optional<std::string>& text, std::string_view needle) noexcept {
    if (!text || text->size() < needle.size()) return false;
    for (std::size_t i = 0; i + needle.size() <= text->size(); ++i) {
        std::size_t j = 0;
        while (j < needle.size() && lower((*text)[i + j]) == needle[j]) ++j;
        if (j == needle.size()) return true;
    }
    return false;
}

Reason transport_reason(Transport transport) noexcept {
    switch (transport) {
        case Transport::dns:
        case Transport::connect:
        case Transport::offline: return Reason::network_unreachable;
        case Transport::tls: return Reason::tls_error;
        case Transport::timeout: return Reason::timeout;
        case Transport::browser_blocked: return Reason::browser_blocked;
        case Transport::aborted:
        case Transport::other: return Reason::unknown;
        case Transport::none: return Reason::ok;
    }
    return Reason::unknown;
}

// Whether a 2xx body is what `endpoint` returns.
bool expected_success_body(Endpoint endpoint, const ResponseBody& body) {
    const auto& doc = body.json;
    const bool json = body.format == BodyFormat::json;
    switch (endpoint) {
        case Endpoint::me: return json && doc.is_object();
        case Endpoint::collaborations: return json && doc.is_array();
        case Endpoint::pipelines: return json && doc.is_object() && doc.contains("items") && doc["items"].is_array();
        case Endpoint::project:
        case Endpoint::job: return json && doc.is_object();
        case Endpoint::job_details_v1: return json && (doc.is_object() || doc.is_array());
        case Endpoint::step_output:
            return (json && doc.is_array()) || body.format == BodyFormat::text || body.format == BodyFormat::empty;
        case Endpoint::other: return body.format != BodyFormat::html;
    }
    return false;
}

Reason status_reason(const Outcome& outcome, const ResponseBody& body) {
    const int status = outcome.status;
    const bool project_token = outcome.token_kind == TokenKind::project;
    if (project_token && (status == 401 || status == 403 || status == 404)) return Reason::token_is_project_token;
    if (status == 401) {
        if (contains_words(body.server_message, "new format tokens are needed"))
            return Reason::token_legacy_format_rejected;
        if (contains_words(body.server_message, "query parameter authentication"))
            return Reason::auth_method_deprecated;
        return outcome.previously_connected ? Reason::token_expired_or_revoked : Reason::token_invalid;
    }
    if (status == 403) return Reason::permission_denied;
    if (status == 404) {
        const bool fixed_path = outcome.endpoint == Endpoint::me || outcome.endpoint == Endpoint::collaborations;
        return fixed_path ? Reason::unexpected_response : Reason::not_found_or_no_access;
    }
    if (status == 429) return Reason::rate_limited;
    if (status >= 400 && status <= 499) return Reason::unknown;
    if (status >= 500 && status <= 599) return Reason::server_error;
    return Reason::unexpected_response;
}

}  // namespace

Diagnosis diagnosis_for(Reason reason) {
    const ReasonInfo& row = info(reason);
    Diagnosis diagnosis;
    diagnosis.reason = reason;
    diagnosis.retryable = row.retryable;
    diagnosis.message = std::string(row.message);
    diagnosis.remedy = std::string(row.remedy);
    return diagnosis;
}

Diagnosis classify(const Outcome& outcome) {
    if (outcome.transport != Transport::none) return diagnosis_for(transport_reason(outcome.transport));
    if (outcome.status == 0) return diagnosis_for(Reason::unknown);
    ResponseBody body = parse_response_body(outcome.body);
    if (outcome.status >= 200 && outcome.status <= 299) {
        if (!expected_success_body(outcome.endpoint, body)) {
            Diagnosis diagnosis = diagnosis_for(Reason::unexpected_response);
            diagnosis.server_message = std::move(body.server_message);
            return diagnosis;
        }
        if (outcome.endpoint != Endpoint::me) return diagnosis_for(Reason::ok);
        auto identity = identity_from_me(body.json);
        if (!identity) return diagnosis_for(Reason::unexpected_response);
        Diagnosis diagnosis = diagnosis_for(Reason::ok);
        diagnosis.identity = std::move(identity);
        return diagnosis;
    }
    Diagnosis diagnosis = diagnosis_for(status_reason(outcome, body));
    diagnosis.server_message = std::move(body.server_message);
    if (diagnosis.reason == Reason::rate_limited || diagnosis.reason == Reason::server_error)
        diagnosis.retry_after_s = retry_after_seconds(outcome.headers, outcome.now);
    return diagnosis;
}

nlohmann::json to_json(const Diagnosis& diagnosis) {
    return json_object::Builder()
        .add("reason", id(diagnosis.reason))
        .add("retryable", diagnosis.retryable)
        .add("retry_after_s", diagnosis.retry_after_s)
        .add("server_message", diagnosis.server_message)
        .add("message", diagnosis.message)
        .add("remedy", diagnosis.remedy)
        .add("identity", diagnosis.identity ? to_json(*diagnosis.identity) : nlohmann::json(nullptr))
        .done();
}

}  // namespace cci
