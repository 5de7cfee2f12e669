// Embind declarations of the core for JavaScript. Declarations and marshalling only: every
// function forwards to one core call. JSON-shaped values cross as JSON text inwards and as
// plain JS objects outwards (json_to_js.hpp), so JS sees exactly what `cci --json` prints.
// The facade (index.mjs) is the public API.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "cci/builds_diagnosis.hpp"
#include "cci/catalog.hpp"
#include "cci/ci_url.hpp"
#include "cci/classify.hpp"
#include "cci/connection_view.hpp"
#include "cci/health.hpp"
#include "cci/log/analyzer.hpp"
#include "cci/token.hpp"
#include "cci/json_text.hpp"
#include "json_to_js.hpp"

static_assert(__EMSCRIPTEN__, "wasm/ is built with Emscripten only");

namespace {

using emscripten::val;
using cci::wasm::to_js;

/// Text that is not JSON becomes a discarded value, which every core reader refuses as it
/// refuses a value of the wrong type (where `null` may stand for defaults).
nlohmann::json parse(const std::string& text) {
    return cci::parse_json(text).value_or(nlohmann::json(nlohmann::json::value_t::discarded));
}

cci::EpochMs ms(double value) { return static_cast<cci::EpochMs>(value); }

val check_token(const std::string& pasted) {
    const cci::TokenCheck check = cci::check_token(pasted);
    val out = to_js(cci::to_json(check));
    out.set("sanitized", check.sanitized);  // the page submits it; it is never displayed
    return out;
}

val classify(const std::string& outcome) { return to_js(cci::to_json(cci::classify(cci::outcome_from_json(parse(outcome))))); }

val parse_circleci_url(const std::string& text) {
    const auto parsed = cci::parse_circleci_url(text);
    nlohmann::json out = nlohmann::json::object();
    if (const auto* target = std::get_if<cci::CiTarget>(&parsed)) {
        out["ok"] = true;
        out["target"] = cci::to_json(*target);
        return to_js(out);
    }
    const auto& row = cci::info(std::get<cci::CiUrlError>(parsed));
    out["ok"] = false;
    auto& error = out["error"];
    error["id"] = row.id;
    error["message"] = row.message;
    error["remedy"] = row.remedy;
    return to_js(out);
}

val diagnose_builds(const std::string& collaborations, const std::string& slug, const std::string& probe, double now) {
    const auto outcome = parse(probe);
    return to_js(cci::to_json(cci::diagnose_builds(
        cci::organizations_from_json(parse(collaborations)), cci::parse_project_slug(slug),
        outcome.is_object() ? std::optional(cci::outcome_from_json(outcome)) : std::nullopt, ms(now))));
}

val id_catalog() { return to_js(cci::id_catalog()); }

/// Options as JSON text; `null` when they are not valid (the facade raises invalid_argument).
std::optional<cci::log::AnalyzerOptions> analyzer_options(const std::string& options) {
    return cci::log::analyzer_options_from_json(parse(options));
}

val analyze_log(const std::string& input, const std::string& options) {
    const auto parsed = analyzer_options(options);
    return parsed ? to_js(cci::log::to_json(cci::log::analyze(input, *parsed))) : val::null();
}

/// A Uint8Array's bytes, copied in one TypedArray.set (Embind's std::string conversion
/// copies byte by byte).
std::string bytes_of(const val& array) {
    std::string bytes(array["length"].as<std::size_t>(), '\0');
    val(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<unsigned char*>(bytes.data())))
        .call<void>("set", array);
    return bytes;
}

val analyze_log_bytes(const val& input, const std::string& options) { return analyze_log(bytes_of(input), options); }

/// Streaming analysis: feed chunks (strings or Uint8Arrays) in order, then finish once.
class LogAnalyzer {
public:
    explicit LogAnalyzer(const std::string& options)
        : analyzer_(analyzer_options(options).value_or(cci::log::AnalyzerOptions{})) {}
    void begin_step(const std::string& step) { analyzer_.begin_step(cci::log::step_info_from_json(parse(step))); }
    void feed(const std::string& chunk) { analyzer_.feed(chunk); }
    void feed_bytes(const val& chunk) {
        buffer_.resize(chunk["length"].as<std::size_t>());
        val(emscripten::typed_memory_view(buffer_.size(), buffer_.data())).call<void>("set", chunk);
        analyzer_.feed(std::string_view(reinterpret_cast<const char*>(buffer_.data()), buffer_.size()));
    }
    val finish() { return to_js(cci::log::to_json(analyzer_.finish())); }

private:
    cci::log::Analyzer analyzer_;
    std::vector<unsigned char> buffer_;  ///< reused for every Uint8Array chunk
};

/// The connection state machine for one settings page; every event returns the new view.
class ConnectionMachine {
public:
    val input(const std::string& text) { return apply(cci::ConnectionEvent::input_changed(text)); }
    val submit(double now, const std::string& options) {
        return apply(cci::ConnectionEvent::submit(ms(now), cci::verification_options_from_json(parse(options))));
    }
    val stage_result(double attempt, const std::string& stage, const std::string& outcome, double now) {
        const auto known = cci::parse_stage(stage);
        if (!known) return view(now);
        return apply(cci::ConnectionEvent::stage_result(static_cast<std::uint64_t>(attempt), *known,
                                                        cci::outcome_from_json(parse(outcome)), ms(now)));
    }
    val recheck(double now) { return apply(cci::ConnectionEvent::recheck(ms(now))); }
    val disconnect() { return apply(cci::ConnectionEvent::disconnect()); }
    val tick(double now) { return apply(cci::ConnectionEvent::tick(ms(now))); }
    val set_expiry(val date) {
        return apply(cci::ConnectionEvent::expiry_set(date.isNumber() ? std::optional(ms(date.as<double>())) : std::nullopt));
    }
    val view(double now) const { return to_js(cci::to_json(cci::view(state_, ms(now)))); }
    val current_request() const {
        const auto request = cci::current_request(state_);
        return request ? to_js(cci::to_json(*request)) : val::null();
    }
    val health_record() const { return to_js(cci::to_json(cci::health_record(state_))); }
    bool restore(const std::string& record) {
        const auto parsed = cci::health_from_json(parse(record));
        if (parsed) state_ = cci::restore_state(*parsed);
        return parsed.has_value();
    }

private:
    val apply(const cci::ConnectionEvent& event) {
        state_ = cci::transition(state_, event);
        return view(static_cast<double>(state_.now));
    }

    cci::ConnectionState state_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(cci) {
    emscripten::function("checkToken", &check_token);
    emscripten::function("classify", &classify);
    emscripten::function("parseCircleCiUrl", &parse_circleci_url);
    emscripten::function("diagnoseBuilds", &diagnose_builds);
    emscripten::function("idCatalog", &id_catalog);
    emscripten::function("analyzeLog", &analyze_log);
    emscripten::function("analyzeLogBytes", &analyze_log_bytes);
    emscripten::class_<LogAnalyzer>("LogAnalyzer")
        .constructor<const std::string&>()
        .function("beginStep", &LogAnalyzer::begin_step)
        .function("feed", &LogAnalyzer::feed)
        .function("feedBytes", &LogAnalyzer::feed_bytes)
        .function("finish", &LogAnalyzer::finish);
    emscripten::class_<ConnectionMachine>("ConnectionMachine")
        .constructor<>()
        .function("input", &ConnectionMachine::input)
        .function("submit", &ConnectionMachine::submit)
        .function("stageResult", &ConnectionMachine::stage_result)
        .function("recheck", &ConnectionMachine::recheck)
        .function("disconnect", &ConnectionMachine::disconnect)
        .function("tick", &ConnectionMachine::tick)
        .function("setExpiry", &ConnectionMachine::set_expiry)
        .function("view", &ConnectionMachine::view)
        .function("currentRequest", &ConnectionMachine::current_request)
        .function("healthRecord", &ConnectionMachine::health_record)
        .function("restore", &ConnectionMachine::restore);
}
