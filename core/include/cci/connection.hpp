// The connection state machine: states and events as data, one pure `transition`.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cci/classify.hpp"
#include "cci/identity.hpp"
#include "cci/timestamp.hpp"
#include "cci/token.hpp"
#include "cci/verification.hpp"

namespace cci {

/// Ids are contracts (view model, health record).
enum class StateKind {
    empty,         ///< nothing in the field
    editing,       ///< a token is being typed or pasted; `token` holds its live check
    validating,    ///< the stages of attempt `attempt` are running; one is `running`
    connected,     ///< verified: `identity`, `verified_at`, `last_success_at`
    failed,        ///< the last attempt failed: `diagnosis`
    rate_limited,  ///< `/me` was throttled: retried automatically at `retry_at`
    needs_reauth,  ///< was connected, a re-check was refused (401/403 and the like)
    disconnected,  ///< the user disconnected; the token was forgotten here
};

inline constexpr std::size_t state_kind_count = 8;

[[nodiscard]] std::string_view id(StateKind kind) noexcept;
[[nodiscard]] std::optional<StateKind> parse_state_kind(std::string_view id) noexcept;

/// Ids are contracts.
enum class EventKind { input_changed, submit, stage_result, recheck, disconnect, tick, expiry_set };

inline constexpr std::size_t event_kind_count = 7;

[[nodiscard]] std::string_view id(EventKind kind) noexcept;
[[nodiscard]] std::optional<EventKind> parse_event_kind(std::string_view id) noexcept;

/// Wait used when a throttled `/me` names no wait.
inline constexpr std::int64_t default_retry_after_s = 60;

struct ConnectionEvent {
    EventKind kind = EventKind::tick;
    std::string text;                 ///< input_changed: the field's text (secret)
    VerificationOptions options;      ///< submit: what to verify besides the token
    std::uint64_t attempt = 0;        ///< stage_result: the attempt it answers
    Stage stage = Stage::identity;    ///< stage_result: the stage it answers
    Outcome outcome;                  ///< stage_result
    EpochMs now = 0;                  ///< submit, stage_result, recheck, tick
    std::optional<EpochMs> expiry;    ///< expiry_set: the user's date, nullopt clears it

    [[nodiscard]] static ConnectionEvent input_changed(std::string_view text);
    [[nodiscard]] static ConnectionEvent submit(EpochMs now, VerificationOptions options = {});
    [[nodiscard]] static ConnectionEvent stage_result(std::uint64_t attempt, Stage stage, Outcome outcome,
                                                      EpochMs now);
    [[nodiscard]] static ConnectionEvent recheck(EpochMs now);
    [[nodiscard]] static ConnectionEvent disconnect();
    [[nodiscard]] static ConnectionEvent tick(EpochMs now);
    [[nodiscard]] static ConnectionEvent expiry_set(std::optional<EpochMs> expiry);
};

struct ConnectionState {
    StateKind kind = StateKind::empty;
    TokenCheck token;                   ///< the field's live check; `token.sanitized` is secret
    bool token_held_elsewhere = false;  ///< restored from a health record: the backend has the token
    VerificationOptions options;        ///< of the latest submit
    std::uint64_t attempt = 0;          ///< id of the latest attempt; results of others are stale
    std::vector<PlannedStage> plan;     ///< the latest attempt's stages
    std::vector<StageResult> stages;    ///< one per planned stage
    /// failed / rate_limited / needs_reauth: why. connected: a re-check that failed for a
    /// transient reason (the connection is kept).
    std::optional<Diagnosis> diagnosis;
    std::optional<Identity> identity;
    std::optional<EpochMs> verified_at;      ///< last attempt that passed
    std::optional<EpochMs> last_success_at;  ///< set means this token had connected before
    std::optional<EpochMs> last_error_at;
    std::optional<EpochMs> connected_at;     ///< first success of this token (expiry horizon)
    std::optional<EpochMs> expires_at;       ///< the user's expiry date
    std::optional<EpochMs> retry_at;         ///< rate_limited
    EpochMs now = 0;                         ///< latest time an event carried
};

/// Whether a validation can start now (what `submit` and `recheck` need).
[[nodiscard]] bool can_start_validation(const ConnectionState& state) noexcept;

/// The one transition function: total, pure, deterministic. Events that do not apply to a
/// state return it unchanged; so does a `stage_result` for another attempt, or for a stage
/// that is not the running one (stale or duplicate answers).
/// - input_changed → editing (empty when nothing is left), forgetting the previous token's
///   identity, times, expiry and results; the attempt counter is kept.
/// - submit (editing, failed, connected, needs_reauth, rate_limited once due) → validating
///   with a new attempt id and a new plan; recheck does the same with the stored options.
/// - stage_result → the next stage runs; after the last, connected. A failed required
///   stage ends the attempt: `/me` throttled → rate_limited; refused after an earlier
///   success → needs_reauth; transient after an earlier success → connected (kept, with
///   the diagnosis); otherwise failed. Optional stages never end it.
/// - disconnect → disconnected (token and everything about it forgotten).
/// - tick → records `now`; a due rate_limited retries.
/// - expiry_set → records the user's expiry date when there is a token.
[[nodiscard]] ConnectionState transition(const ConnectionState& state, const ConnectionEvent& event);

/// The request the host should have in flight: that of the running stage, tagged with
/// the attempt, so the host can send `stage_result(attempt, stage, …)` back.
struct StageRequest {
    std::uint64_t attempt;
    Stage stage;
    Request request;
};

[[nodiscard]] std::optional<StageRequest> current_request(const ConnectionState& state);

/// `{attempt, stage, method, path, headers}`.
[[nodiscard]] nlohmann::json to_json(const StageRequest& request);

}  // namespace cci
