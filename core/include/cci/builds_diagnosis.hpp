// "Builds not detected": why CircleCI shows no builds for a project, from the token's
// organizations, the project slug and a pipeline probe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cci/classify.hpp"
#include "cci/outcome.hpp"
#include "cci/project_slug.hpp"
#include "cci/timestamp.hpp"

namespace cci {

/// One closed enum and its table (id, message, remedy). Ids are contracts.
enum class BuildsCause {
    no_organizations,     ///< the token's user is in no organization
    no_project_slug,      ///< no slug given: nothing more to check
    org_not_visible,      ///< the slug's organization is not among the user's organizations
    slug_form_mismatch,   ///< `gh/org/repo` given, but the org uses `circleci/<org-id>/<project-id>` slugs
    project_not_probed,   ///< the org is visible; the pipeline probe was not run
    project_not_found,    ///< the probe got 404: wrong repository name, or no access to the project
    probe_failed,         ///< the probe failed for another reason (see the probe's diagnosis)
    no_recent_pipelines,  ///< the project has no pipeline in the recent window
    pipelines_found,      ///< CircleCI has recent pipelines: the cause is elsewhere
};

inline constexpr std::size_t builds_cause_count = 9;

struct BuildsCauseInfo {
    BuildsCause cause;
    std::string_view id;
    std::string_view message;
    std::string_view remedy;
};

[[nodiscard]] const std::array<BuildsCauseInfo, builds_cause_count>& builds_cause_table() noexcept;
[[nodiscard]] const BuildsCauseInfo& info(BuildsCause cause) noexcept;
[[nodiscard]] inline std::string_view id(BuildsCause cause) noexcept { return info(cause).id; }
[[nodiscard]] std::optional<BuildsCause> parse_builds_cause(std::string_view id) noexcept;

/// A pipeline newer than this counts as recent.
inline constexpr EpochMs recent_pipeline_window_ms = 90 * ms_per_day;

/// An entry of `/api/v2/me/collaborations`.
struct Organization {
    std::string id;
    std::string name;
    std::string slug;      ///< `gh/acme`, or `circleci/<org-id>` for GitHub App / GitLab orgs
    std::string vcs_type;  ///< `github`, `bitbucket`, `circleci`, …
};

/// The organizations in a collaborations body; entries that are not objects with a string
/// `name` or `slug` are skipped. Never throws.
[[nodiscard]] std::vector<Organization> organizations_from_json(const nlohmann::json& body);

struct BuildsDiagnosis {
    BuildsCause cause = BuildsCause::no_organizations;
    std::optional<Organization> organization;  ///< the slug's organization, when visible
    std::optional<Diagnosis> probe;            ///< the pipeline probe's diagnosis, when run
};

/// Checks in order: any organization; a slug; the slug's organization among them (by name
/// and VCS for `vcs/org/repo`, by `circleci/<org-id>` for app slugs), and the slug form
/// the organization uses; then the probe of `/project/{slug}/pipeline` answered at `now`.
[[nodiscard]] BuildsDiagnosis diagnose_builds(const std::vector<Organization>& organizations,
                                              const std::optional<ProjectSlug>& project,
                                              const std::optional<Outcome>& pipeline_probe, EpochMs now);

/// `{cause, message, remedy, organization: {id, name, slug, vcs_type} | null, probe: Diagnosis | null}`.
[[nodiscard]] nlohmann::json to_json(const BuildsDiagnosis& diagnosis);

}  // namespace cci
