#include "cci/builds_diagnosis.hpp"

#include "cci/response_body.hpp"
#include "json_object.hpp"

namespace cci {
namespace {

constexpr std::array<BuildsCauseInfo, builds_cause_count> table{{
    {BuildsCause::no_organizations, "no_organizations", "The token's user is not a member of any CircleCI organization.",
     "Connect a token of a user who belongs to the organization that builds your projects, or add this user to it."},
    {BuildsCause::no_project_slug, "no_project_slug", "No project was given, so only the token could be checked.",
     "Enter the project slug (e.g. gh/org/repo, or circleci/<org-id>/<project-id> from the project's settings)."},
    {BuildsCause::org_not_visible, "org_not_visible",
     "The token's user cannot see the project's organization in CircleCI.",
     "Use a token of a user who is a member of that organization, or check the organization part of the slug."},
    {BuildsCause::slug_form_mismatch, "slug_form_mismatch",
     "The slug is in the gh/org/repo form, but this organization uses GitHub App or GitLab slugs.",
     "Copy the slug from the project's settings in CircleCI: it looks like circleci/<org-id>/<project-id>."},
    {BuildsCause::project_not_probed, "project_not_probed",
     "The organization is visible; the project itself was not checked.", "Check the connection again."},
    {BuildsCause::project_not_found, "project_not_found",
     "CircleCI does not show this project to the token's user: the repository name is wrong, the project is not "
     "set up in CircleCI, or the user has no access to it.",
     "Check the repository part of the slug, that the project is set up in CircleCI, and that the token's user "
     "can open it there."},
    {BuildsCause::probe_failed, "probe_failed", "The project could not be checked.",
     "See the reason shown, then check again."},
    {BuildsCause::no_recent_pipelines, "no_recent_pipelines", "The project has no recent pipelines in CircleCI.",
     "Push a commit or trigger a pipeline; check that the repository is connected to both your Git provider and "
     "CircleCI, and that CircleCI's status checks are enabled."},
    {BuildsCause::pipelines_found, "pipelines_found",
     "CircleCI has recent pipelines for this project, so the token and slug work.",
     "If builds still do not show up, check that CircleCI's status checks are enabled in your Git provider."},
}};

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string string_field(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string canonical_vcs(std::string_view vcs) {
    const std::string v = lower(vcs);
    if (v == "gh" || v == "github") return "github";
    if (v == "bb" || v == "bitbucket") return "bitbucket";
    return v;
}

bool uses_app_slugs(const Organization& org) {
    return lower(org.vcs_type) == "circleci" || org.slug.rfind("circleci/", 0) == 0;
}

const Organization* find_organization(const std::vector<Organization>& organizations, const ProjectSlug& project) {
    for (const auto& org : organizations) {
        switch (project.form) {
            case SlugForm::app:
                if (org.slug == "circleci/" + project.org) return &org;
                break;
            case SlugForm::oauth: {
                const std::string slug_vcs = org.slug.substr(0, org.slug.find('/'));
                const bool same_vcs = uses_app_slugs(org) || canonical_vcs(org.vcs_type) == canonical_vcs(project.vcs) ||
                                      canonical_vcs(slug_vcs) == canonical_vcs(project.vcs);
                if (same_vcs && lower(org.name) == lower(project.org)) return &org;
                break;
            }
        }
    }
    return nullptr;
}

// Whether a pipelines page has an item created within the window before `now`.
bool has_recent_pipeline(const nlohmann::json& page, EpochMs now) {
    const auto items = page.find("items");
    if (items == page.end() || !items->is_array()) return false;
    for (const auto& item : *items) {
        if (!item.is_object()) continue;
        const auto created = parse_rfc3339(string_field(item, "created_at"));
        if (created && now - *created <= recent_pipeline_window_ms) return true;
    }
    return false;
}

}  // namespace

const std::array<BuildsCauseInfo, builds_cause_count>& builds_cause_table() noexcept { return table; }

const BuildsCauseInfo& info(BuildsCause cause) noexcept { return table[static_cast<std::size_t>(cause)]; }

std::optional<BuildsCause> parse_builds_cause(std::string_view id) noexcept {
    for (const auto& row : table)
        if (row.id == id) return row.cause;
    return std::nullopt;
}

std::vector<Organization> organizations_from_json(const nlohmann::json& body) {
    std::vector<Organization> out;
    if (!body.is_array()) return out;
    for (const auto& entry : body) {
        if (!entry.is_object()) continue;
        Organization org{string_field(entry, "id"), string_field(entry, "name"), string_field(entry, "slug"),
                         string_field(entry, "vcs-type")};
        if (org.vcs_type.empty()) org.vcs_type = string_field(entry, "vcs_type");
        if (org.name.empty() && org.slug.empty()) continue;
        out.push_back(std::move(org));
    }
    return out;
}

BuildsDiagnosis diagnose_builds(const std::vector<Organization>& organizations,
                                const std::optional<ProjectSlug>& project,
                                const std::optional<Outcome>& pipeline_probe, EpochMs now) {
    BuildsDiagnosis out;
    if (organizations.empty()) return out;
    if (!project) {
        out.cause = BuildsCause::no_project_slug;
        return out;
    }
    const Organization* org = find_organization(organizations, *project);
    if (!org) {
        out.cause = BuildsCause::org_not_visible;
        return out;
    }
    out.organization = *org;
    if (project->form == SlugForm::oauth && uses_app_slugs(*org)) {
        out.cause = BuildsCause::slug_form_mismatch;
        return out;
    }
    if (!pipeline_probe) {
        out.cause = BuildsCause::project_not_probed;
        return out;
    }
    Outcome probe = *pipeline_probe;
    probe.endpoint = Endpoint::pipelines;
    out.probe = classify(probe);
    switch (out.probe->reason) {
        case Reason::ok:
            out.cause = has_recent_pipeline(parse_response_body(probe.body).json, now) ? BuildsCause::pipelines_found
                                                                                        : BuildsCause::no_recent_pipelines;
            break;
        case Reason::not_found_or_no_access: out.cause = BuildsCause::project_not_found; break;
        case Reason::token_invalid:
        case Reason::token_expired_or_revoked:
        case Reason::token_is_project_token:
        case Reason::token_legacy_format_rejected:
        case Reason::auth_method_deprecated:
        case Reason::permission_denied:
        case Reason::rate_limited:
        case Reason::server_error:
        case Reason::network_unreachable:
        case Reason::tls_error:
        case Reason::timeout:
        case Reason::browser_blocked:
        case Reason::unexpected_response:
        case Reason::unknown: out.cause = BuildsCause::probe_failed; break;
    }
    return out;
}

nlohmann::json to_json(const BuildsDiagnosis& diagnosis) {
    const BuildsCauseInfo& row = info(diagnosis.cause);
    nlohmann::json org = nullptr;
    if (diagnosis.organization)
        org = json_object::Builder()
                  .add("id", diagnosis.organization->id)
                  .add("name", diagnosis.organization->name)
                  .add("slug", diagnosis.organization->slug)
                  .add("vcs_type", diagnosis.organization->vcs_type)
                  .done();
    return json_object::Builder()
        .add("cause", row.id)
        .add("message", row.message)
        .add("remedy", row.remedy)
        .add("organization", std::move(org))
        .add("probe", diagnosis.probe ? to_json(*diagnosis.probe) : nlohmann::json(nullptr))
        .done();
}

}  // namespace cci
