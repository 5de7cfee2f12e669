// Readers for CircleCI job details (API v1.1 "single job" and API v2 `project/{slug}/job/{n}`).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cci/log/error_code.hpp"

namespace cci::log {

/// Which API shape a job-details document has. Ids are contracts.
enum class JobApi {
    v1_1,  ///< `steps[].actions[]`, one action per parallel container
    v2,    ///< `status`, `parallelism`, `messages`, `web_url`; no steps
};

inline constexpr std::size_t job_api_count = 2;

struct JobApiInfo {
    JobApi api;
    std::string_view id;
};

[[nodiscard]] const std::array<JobApiInfo, job_api_count>& job_api_table() noexcept;
[[nodiscard]] const JobApiInfo& info(JobApi api) noexcept;
[[nodiscard]] inline std::string_view id(JobApi api) noexcept { return info(api).id; }
[[nodiscard]] std::optional<JobApi> parse_job_api(std::string_view id) noexcept;

/// One step on one container (a v1.1 action).
struct JobAction {
    std::string step_name;
    std::optional<std::int64_t> step;  ///< CircleCI's step id (0, 101, …; not sequential)
    std::int64_t index = 0;            ///< parallel container index
    std::string status;
    bool failed = false;
    std::optional<std::int64_t> exit_code;
    bool has_output = false;
    bool truncated = false;
    bool timedout = false;
    bool infrastructure_fail = false;
    bool canceled = false;
    std::optional<std::int64_t> run_time_millis;
    std::vector<std::string> messages;
};

/// A job-level message (v1.1 `messages[]`, v2 `messages[]`).
struct JobMessage {
    std::string type;
    std::string message;
    std::string reason;
};

struct JobDetails {
    JobApi api = JobApi::v1_1;
    std::string name;
    std::string status;
    bool failed = false;
    bool timedout = false;
    bool infrastructure_fail = false;
    std::optional<std::int64_t> parallelism;
    std::string web_url;
    std::vector<JobAction> actions;  ///< in document order: steps, then containers
    std::vector<JobMessage> messages;
};

/// Either details or an error (`job_details_invalid`); never both.
struct JobDetailsResult {
    std::optional<JobDetails> details;
    std::optional<Error> error;
};

/// Reads a v1.1 or v2 job-details document. Presigned `output_url`s are not kept: they
/// grant access to the log without authentication.
[[nodiscard]] JobDetailsResult parse_job_details(std::string_view json);

/// True when the action failed, timed out or hit an infrastructure failure.
[[nodiscard]] bool action_failed(const JobAction& action) noexcept;

[[nodiscard]] nlohmann::json to_json(const JobAction& action);

}  // namespace cci::log
