// Embind declarations of the core for JavaScript. Declarations and marshalling only: every
// function forwards to one core call. JSON-shaped values cross as JSON text both ways (the
// facade parses what comes out), so JS sees exactly what `cci --json` prints; one string per
// call is also cheaper than building a JS object a property at a time through Embind. The
// streaming analyser and the connection machine are held by number (handles.hpp). A
// Uint8Array's bytes are written by the facade straight into the module's byte buffer. The
// facade (index.mjs) is the public API.
#include <emscripten/bind.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "cci/builds_diagnosis.hpp"
#include "cci/catalog.hpp"
#include "cci/ci_url.hpp"
#include "cci/classify.hpp"
#include "cci/connection_view.hpp"
#include "cci/health.hpp"
#include "cci/log/analyzer.hpp"
#include "cci/token.hpp"
#include "cci/json_text.hpp"
#include "handles.hpp"

static_assert(__EMSCRIPTEN__, "wasm/ is built with Emscripten only");

namespace {

/// What JS receives: JSON text.
std::string out(const nlohmann::json& value) { return cci::dump_json(value); }
const std::string null_json = "null";

/// Text that is not JSON becomes a discarded value, which every core reader refuses as it
/// refuses a value of the wrong type (where `null` may stand for defaults).
nlohmann::json parse(const std::string& text) {
    return cci::parse_json(text).value_or(nlohmann::json(nlohmann::json::value_t::discarded));
}

/// A number from JS as an integer, or nothing when it is not finite or out of range.
template <typename Integer>
std::optional<Integer> integer(double value) {
    constexpr double bound = 9.0e18;
    if (!std::isfinite(value) || value <= -bound || value >= bound || (value < 0 && !std::is_signed_v<Integer>)) {
        return std::nullopt;
    }
    return static_cast<Integer>(value);
}

/// Times and counters the facade has checked; 0 for any other number, so that the
/// conversion stays defined whoever calls.
cci::EpochMs ms(double value) { return integer<cci::EpochMs>(value).value_or(0); }

std::string check_token(const std::string& pasted) {
    const cci::TokenCheck check = cci::check_token(pasted);
    nlohmann::json json = cci::to_json(check);
    json["sanitized"] = check.sanitized;  // the page submits it; it is never displayed
    return out(json);
}

std::string classify(const std::string& outcome) { return out(cci::to_json(cci::classify(cci::outcome_from_json(parse(outcome))))); }

std::string parse_circleci_url(const std::string& text) {
    const auto parsed = cci::parse_circleci_url(text);
    nlohmann::json result(nlohmann::json::value_t::object);
    if (const auto* target = std::get_if<cci::CiTarget>(&parsed)) {
        result["ok"] = true;
        result["target"] = cci::to_json(*target);
        return out(result);
    }
    const auto& row = cci::info(std::get<cci::CiUrlError>(parsed));
    result["ok"] = false;
    auto& error = result["error"];
    error["id"] = row.id;
    error["message"] = row.message;
    error["remedy"] = row.remedy;
    return out(result);
}

std::string diagnose_builds(const std::string& collaborations, const std::string& slug, const std::string& probe, double now) {
    const auto outcome = parse(probe);
    return out(cci::to_json(cci::diagnose_builds(
        cci::organizations_from_json(parse(collaborations)), cci::parse_project_slug(slug),
        outcome.is_object() ? std::optional(cci::outcome_from_json(outcome)) : std::nullopt, ms(now))));
}

std::string id_catalog() { return out(cci::id_catalog()); }

/// Options as JSON text; `null` when they are not valid (the facade raises invalid_argument).
std::optional<cci::log::AnalyzerOptions> analyzer_options(const std::string& options) {
    return cci::log::analyzer_options_from_json(parse(options));
}

std::string analyze_log(const std::string& input, const std::string& options) {
    const auto parsed = analyzer_options(options);
    return parsed ? out(cci::log::to_json(cci::log::analyze(input, *parsed))) : null_json;
}

/// Where the facade writes a Uint8Array's bytes (one TypedArray.set into module memory; Embind's
/// std::string conversion would copy them byte by byte) before the call that reads them.
std::string byte_buffer;

/// Room for `size` bytes in `byte_buffer`; returns its address in module memory.
std::uint32_t reserve_bytes(std::uint32_t size) {
    byte_buffer.resize(size);
    return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(byte_buffer.data()));
}

/// `analyze_log` of the byte buffer, which it then frees (an input may be large).
std::string analyze_log_buffer(const std::string& options) {
    std::string result = analyze_log(byte_buffer, options);
    std::string().swap(byte_buffer);
    return result;
}

/// Streaming analysis: feed chunks (strings or Uint8Arrays) in order, then finish once.
class LogAnalyzer {
public:
    explicit LogAnalyzer(const std::string& options)
        : analyzer_(analyzer_options(options).value_or(cci::log::AnalyzerOptions{})) {}
    void begin_step(const std::string& step) { analyzer_.begin_step(cci::log::step_info_from_json(parse(step))); }
    void feed(const std::string& chunk) { analyzer_.feed(chunk); }
    /// Feeds the byte buffer (kept for the next chunk, which is often as large).
    void feed_buffer() { analyzer_.feed(std::string_view(byte_buffer)); }
    std::string finish() { return out(cci::log::to_json(analyzer_.finish())); }

private:
    cci::log::Analyzer analyzer_;
};

/// The connection state machine for one settings page; every event returns the new view.
class ConnectionMachine {
public:
    std::string input(const std::string& text) { return apply(cci::ConnectionEvent::input_changed(text)); }
    std::string submit(double now, const std::string& options) {
        return apply(cci::ConnectionEvent::submit(ms(now), cci::verification_options_from_json(parse(options))));
    }
    std::string stage_result(double attempt, const std::string& stage, const std::string& outcome, double now) {
        const auto known = cci::parse_stage(stage);
        if (!known) return view(now);
        return apply(cci::ConnectionEvent::stage_result(integer<std::uint64_t>(attempt).value_or(0), *known,
                                                        cci::outcome_from_json(parse(outcome)), ms(now)));
    }
    std::string recheck(double now) { return apply(cci::ConnectionEvent::recheck(ms(now))); }
    std::string disconnect() { return apply(cci::ConnectionEvent::disconnect()); }
    std::string tick(double now) { return apply(cci::ConnectionEvent::tick(ms(now))); }
    /// `date`: ms since the epoch; NaN (or any number that is no time) for none.
    std::string set_expiry(double date) { return apply(cci::ConnectionEvent::expiry_set(integer<cci::EpochMs>(date))); }
    std::string view(double now) const { return out(cci::to_json(cci::view(state_, ms(now)))); }
    std::string current_request() const {
        const auto request = cci::current_request(state_);
        return request ? out(cci::to_json(*request)) : null_json;
    }
    std::string health_record() const { return out(cci::to_json(cci::health_record(state_))); }
    bool restore(const std::string& record) {
        const auto parsed = cci::health_from_json(parse(record));
        if (parsed) state_ = cci::restore_state(*parsed);
        return parsed.has_value();
    }

private:
    std::string apply(const cci::ConnectionEvent& event) {
        state_ = cci::transition(state_, event);
        return view(static_cast<double>(state_.now));
    }

    cci::ConnectionState state_;
};

cci::wasm::Handles<LogAnalyzer> analyzers;
cci::wasm::Handles<ConnectionMachine> machines;

/// What a call on an id that names no object answers: nothing, false, or `null`.
template <typename Result>
Result none() {
    if constexpr (std::is_same_v<Result, bool>) {
        return false;
    } else if constexpr (!std::is_void_v<Result>) {
        return null_json;
    }
}

/// `method` of object `id` in `handles`; `none()` for an id that names none.
template <auto& handles, auto method, typename... Args>
auto on(std::uint32_t id, Args... args) {
    auto* object = handles.find(id);
    using Result = decltype((object->*method)(args...));
    return object != nullptr ? (object->*method)(args...) : none<Result>();
}

}  // namespace

EMSCRIPTEN_BINDINGS(cci) {
    using emscripten::function;
    using text = const std::string&;
    function("checkToken", &check_token);
    function("classify", &classify);
    function("parseCircleCiUrl", &parse_circleci_url);
    function("diagnoseBuilds", &diagnose_builds);
    function("idCatalog", &id_catalog);
    function("analyzeLog", &analyze_log);
    function("reserveBytes", &reserve_bytes);
    function("analyzeLogBuffer", &analyze_log_buffer);
    function("analyzerMake", +[](text options) { return analyzers.make(options); });
    function("analyzerBeginStep", &on<analyzers, &LogAnalyzer::begin_step, text>);
    function("analyzerFeed", &on<analyzers, &LogAnalyzer::feed, text>);
    function("analyzerFeedBuffer", &on<analyzers, &LogAnalyzer::feed_buffer>);
    function("analyzerFinish", &on<analyzers, &LogAnalyzer::finish>);
    function("analyzerDrop", +[](std::uint32_t id) { analyzers.drop(id); });
    function("machineMake", +[] { return machines.make(); });
    function("machineInput", &on<machines, &ConnectionMachine::input, text>);
    function("machineSubmit", &on<machines, &ConnectionMachine::submit, double, text>);
    function("machineStageResult", &on<machines, &ConnectionMachine::stage_result, double, text, text, double>);
    function("machineRecheck", &on<machines, &ConnectionMachine::recheck, double>);
    function("machineDisconnect", &on<machines, &ConnectionMachine::disconnect>);
    function("machineTick", &on<machines, &ConnectionMachine::tick, double>);
    function("machineSetExpiry", &on<machines, &ConnectionMachine::set_expiry, double>);
    function("machineView", &on<machines, &ConnectionMachine::view, double>);
    function("machineCurrentRequest", &on<machines, &ConnectionMachine::current_request>);
    function("machineHealthRecord", &on<machines, &ConnectionMachine::health_record>);
    function("machineRestore", &on<machines, &ConnectionMachine::restore, text>);
    function("machineDrop", +[](std::uint32_t id) { machines.drop(id); });
}
