// Staged verification of a token: the ordered requests to make and what each answer means.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cci/classify.hpp"
#include "cci/headers.hpp"
#include "cci/outcome.hpp"
#include "cci/project_slug.hpp"

namespace cci {

/// The checks, in the order they run. Ids are contracts.
enum class Stage {
    identity,       ///< GET /api/v2/me: is the token accepted, and whose is it
    org_access,     ///< GET /api/v2/me/collaborations: which organizations the user sees
    project_probe,  ///< GET /api/v2/project/{slug}/pipeline: can the user read the project
    log_probe,      ///< GET /api/v1.1/project/{slug}?limit=1&shallow=true: can job details be read
};

inline constexpr std::size_t stage_count = 4;

struct StageInfo {
    Stage stage;
    std::string_view id;
    std::string_view title;  ///< what the check establishes, for the stage list
    Endpoint endpoint;
    bool required;  ///< a failure fails the connection; optional stages only inform
};

[[nodiscard]] const std::array<StageInfo, stage_count>& stage_table() noexcept;
[[nodiscard]] const StageInfo& info(Stage stage) noexcept;
[[nodiscard]] inline std::string_view id(Stage stage) noexcept { return info(stage).id; }
[[nodiscard]] std::optional<Stage> parse_stage(std::string_view id) noexcept;

/// Where a stage is. Ids are contracts.
enum class StageStatus { pending, running, passed, failed, skipped };

inline constexpr std::size_t stage_status_count = 5;

[[nodiscard]] std::string_view id(StageStatus status) noexcept;
[[nodiscard]] std::optional<StageStatus> parse_stage_status(std::string_view id) noexcept;

/// Why a stage was not attempted: one closed enum and its table (id, message).
enum class SkipCause {
    authentication_failed,  ///< the identity stage failed
    rate_limited,           ///< the identity stage was throttled; the run resumes after the wait
    earlier_stage_failed,   ///< another required stage failed
};

inline constexpr std::size_t skip_cause_count = 3;

struct SkipCauseInfo {
    SkipCause cause;
    std::string_view id;
    std::string_view message;
};

[[nodiscard]] const std::array<SkipCauseInfo, skip_cause_count>& skip_cause_table() noexcept;
[[nodiscard]] const SkipCauseInfo& info(SkipCause cause) noexcept;
[[nodiscard]] inline std::string_view id(SkipCause cause) noexcept { return info(cause).id; }

/// A request for the host to make, relative to the CircleCI host (e.g. https://circleci.com).
/// The host adds the token header; it never appears here.
struct Request {
    std::string method;  ///< always GET for verification
    std::string path;    ///< path and query, e.g. `/api/v2/me`
    Headers headers;     ///< to set besides the token header
    friend bool operator==(const Request& a, const Request& b) {
        return a.method == b.method && a.path == b.path && a.headers == b.headers;
    }
};

struct PlannedStage {
    Stage stage;
    Request request;
};

struct VerificationOptions {
    std::optional<ProjectSlug> project;  ///< adds the project probe
    bool log_probe = false;              ///< adds the log probe (needs `project`)
};

/// identity, org_access, then project_probe and log_probe when asked for and possible.
[[nodiscard]] std::vector<PlannedStage> plan(const VerificationOptions& options);

/// Reads `{project_slug: string, log_probe: bool}` (both optional). A slug that
/// `parse_project_slug` rejects, or a mistyped field, is ignored. Never throws.
[[nodiscard]] VerificationOptions verification_options_from_json(const nlohmann::json& json);

/// `{method, path, headers: {name: value}}`.
[[nodiscard]] nlohmann::json to_json(const Request& request);

struct StageResult {
    Stage stage = Stage::identity;
    StageStatus status = StageStatus::pending;
    std::optional<Diagnosis> diagnosis;  ///< set when passed or failed
    std::optional<SkipCause> skip;       ///< set when skipped
};

/// Classifies `outcome` as the answer to `stage` (its endpoint is taken from the stage):
/// passed when the reason is ok, else failed with the diagnosis.
[[nodiscard]] StageResult interpret(Stage stage, Outcome outcome);

/// What the stages after a failed required stage become: the identity stage's rate
/// limit → rate_limited, any other identity failure → authentication_failed, else
/// earlier_stage_failed. nullopt when `result` did not fail or its stage is optional.
[[nodiscard]] std::optional<SkipCause> skip_cause_after(const StageResult& result) noexcept;

}  // namespace cci
