// CircleCI web URLs as people paste them → what they point at (project, pipeline,
// workflow, job, container). Pure text parsing: nothing is fetched.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "cci/project_slug.hpp"

namespace cci {

/// What a URL points at, from the widest to the narrowest.
enum class CiTargetKind { project, pipeline, workflow, job };

inline constexpr std::size_t ci_target_kind_count = 4;

struct CiTarget {
    CiTargetKind kind = CiTargetKind::job;
    std::string host;                           ///< scheme + host as pasted, e.g. `https://app.circleci.com`; empty for `SLUG NUMBER`
    ProjectSlug project;
    std::optional<std::int64_t> pipeline_number;
    std::optional<std::string> workflow_id;     ///< a UUID, lower case
    std::optional<std::int64_t> job_number;
    std::optional<std::int64_t> container;      ///< `…/parallel-runs/<index>`
};

/// Why a text is not a CircleCI URL we can follow: one closed enum and its table.
enum class CiUrlError {
    empty,
    not_a_circleci_url,  ///< no `/pipelines/…` or legacy `/<vcs>/<org>/<repo>/<n>` path
    bad_project,         ///< the project part is not a valid slug
    bad_number,          ///< a pipeline, job or container number that is not a positive integer
    bad_workflow_id,     ///< a workflow id that is not a UUID
};

inline constexpr std::size_t ci_url_error_count = 5;

struct CiUrlErrorInfo {
    CiUrlError error;
    std::string_view id;
    std::string_view message;
    std::string_view remedy;
};

[[nodiscard]] const std::array<CiUrlErrorInfo, ci_url_error_count>& ci_url_error_table() noexcept;
[[nodiscard]] const CiUrlErrorInfo& info(CiUrlError error) noexcept;
[[nodiscard]] inline std::string_view id(CiUrlError error) noexcept { return info(error).id; }
[[nodiscard]] std::string_view id(CiTargetKind kind) noexcept;

/// Accepts, with any host (circleci.com or a CircleCI Server host), query and fragment:
/// - `…/pipelines/<vcs>/<org>/<repo>[/<pipeline>[/workflows/<uuid>[/jobs/<n>[/parallel-runs/<i>]]]]`
///   where `<vcs>` is gh/github/bb/bitbucket or `circleci/<org-id>/<project-id>` replaces
///   `<vcs>/<org>/<repo>`;
/// - legacy `…/<vcs>/<org>/<repo>/<n>` (`https://circleci.com/gh/acme/app/123`);
/// - `<slug> <job number>` (e.g. `gh/acme/app 123`).
[[nodiscard]] std::variant<CiTarget, CiUrlError> parse_circleci_url(std::string_view text);

/// `{kind, host, project_slug, pipeline_number, workflow_id, job_number, container}` (absent as null).
[[nodiscard]] nlohmann::json to_json(const CiTarget& target);

}  // namespace cci
