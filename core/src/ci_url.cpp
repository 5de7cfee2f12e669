#include "cci/ci_url.hpp"

#include <vector>

#include "ascii.hpp"
#include "json_object.hpp"

namespace cci {
namespace {

constexpr std::array<CiUrlErrorInfo, ci_url_error_count> table{{
    {CiUrlError::empty, "empty", "Paste the link of a CircleCI job, workflow or pipeline.",
     "Open the failed job in CircleCI and copy the address from the browser's address bar."},
    {CiUrlError::not_a_circleci_url, "not_a_circleci_url", "This is not a link to a CircleCI job, workflow or pipeline.",
     "Copy the address of the job page (it contains /pipelines/…/jobs/<number>), or give the project slug and "
     "job number, e.g. gh/acme/app 123."},
    {CiUrlError::bad_project, "bad_project", "The project part of this link is not a valid CircleCI project.",
     "Copy the link again from CircleCI; project slugs look like gh/acme/app or circleci/<org-id>/<project-id>."},
    {CiUrlError::bad_number, "bad_number", "A pipeline, job or container number in this link is not a number.",
     "Copy the link again from CircleCI."},
    {CiUrlError::bad_workflow_id, "bad_workflow_id", "The workflow id in this link is not a valid id.",
     "Copy the link again from CircleCI."},
}};

constexpr std::array<std::string_view, ci_target_kind_count> kind_ids{"project", "pipeline", "workflow", "job"};

constexpr std::array<std::string_view, 4> oauth_vcs{"gh", "github", "bb", "bitbucket"};

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= path.size(); ++i) {
        if (i == path.size() || path[i] == '/') {
            if (i > start) parts.push_back(path.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

std::optional<std::int64_t> positive_number(std::string_view text) noexcept {
    constexpr std::size_t max_digits = 15;
    if (text.empty() || text.size() > max_digits) return std::nullopt;
    std::int64_t value = 0;
    for (const char c : text) {
        if (!ascii::is_digit(c)) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

bool is_uuid(std::string_view text) noexcept {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !ascii::is_hex(text[i])) return false;
    }
    return true;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = ascii::lower(c);
    return out;
}

bool is_oauth_vcs(std::string_view part) {
    const auto vcs = lower(part);
    for (const auto known : oauth_vcs)
        if (vcs == known) return true;
    return false;
}

using Parsed = std::variant<CiTarget, CiUrlError>;

// `parts` start at the project: `<vcs>/<org>/<repo>/…` or `circleci/<org-id>/<project-id>/…`.
Parsed parse_pipelines_path(CiTarget target, const std::vector<std::string_view>& parts, std::size_t at) {
    if (parts.size() < at + 3) return CiUrlError::bad_project;
    const std::string slug = std::string(parts[at]) + "/" + std::string(parts[at + 1]) + "/" + std::string(parts[at + 2]);
    auto project = parse_project_slug(slug);
    if (!project) return CiUrlError::bad_project;
    target.project = std::move(*project);
    target.kind = CiTargetKind::project;
    std::size_t i = at + 3;
    if (i < parts.size()) {
        target.pipeline_number = positive_number(parts[i]);
        if (!target.pipeline_number) return CiUrlError::bad_number;
        target.kind = CiTargetKind::pipeline;
        ++i;
    }
    if (i + 1 < parts.size() && parts[i] == "workflows") {
        if (!is_uuid(parts[i + 1])) return CiUrlError::bad_workflow_id;
        target.workflow_id = lower(parts[i + 1]);
        target.kind = CiTargetKind::workflow;
        i += 2;
    }
    if (target.workflow_id && i + 1 < parts.size() && parts[i] == "jobs") {
        target.job_number = positive_number(parts[i + 1]);
        if (!target.job_number) return CiUrlError::bad_number;
        target.kind = CiTargetKind::job;
        i += 2;
        if (i + 1 < parts.size() && parts[i] == "parallel-runs") {
            target.container = positive_number(parts[i + 1]);
            if (!target.container) return CiUrlError::bad_number;
        }
    }
    return target;
}

Parsed parse_url(std::string_view url) {
    CiTarget target;
    const auto scheme_end = url.find("://");
    std::string_view rest = url;
    if (scheme_end != std::string_view::npos) {
        const auto host_end = url.find_first_of("/?#", scheme_end + 3);
        target.host = lower(url.substr(0, host_end));
        rest = host_end == std::string_view::npos ? std::string_view{} : url.substr(host_end);
    } else {
        const auto host_end = url.find('/');
        if (host_end == std::string_view::npos) return CiUrlError::not_a_circleci_url;
        target.host = "https://" + lower(url.substr(0, host_end));
        rest = url.substr(host_end);
    }
    const auto path = rest.substr(0, rest.find_first_of("?#"));
    const auto parts = split_path(path);
    if (!parts.empty() && parts[0] == "pipelines") return parse_pipelines_path(std::move(target), parts, 1);
    if (parts.size() == 4 && is_oauth_vcs(parts[0])) {  // legacy job page
        auto parsed = parse_pipelines_path(std::move(target), parts, 0);
        if (auto* job = std::get_if<CiTarget>(&parsed)) {
            job->job_number = job->pipeline_number;
            job->pipeline_number.reset();
            job->kind = CiTargetKind::job;
        }
        return parsed;
    }
    return CiUrlError::not_a_circleci_url;
}

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && ascii::is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && ascii::is_space(s.back())) s.remove_suffix(1);
    return s;
}

}  // namespace

const std::array<CiUrlErrorInfo, ci_url_error_count>& ci_url_error_table() noexcept { return table; }

const CiUrlErrorInfo& info(CiUrlError error) noexcept { return table[static_cast<std::size_t>(error)]; }

std::string_view id(CiTargetKind kind) noexcept { return kind_ids[static_cast<std::size_t>(kind)]; }

std::variant<CiTarget, CiUrlError> parse_circleci_url(std::string_view text) {
    text = trim(text);
    if (text.empty()) return CiUrlError::empty;
    const auto space = text.find_first_of(" \t");
    if (space != std::string_view::npos && text.find("://") == std::string_view::npos) {  // `<slug> <job number>`
        auto project = parse_project_slug(text.substr(0, space));
        if (!project) return CiUrlError::bad_project;
        const auto job = positive_number(trim(text.substr(space)));
        if (!job) return CiUrlError::bad_number;
        CiTarget target;
        target.project = std::move(*project);
        target.job_number = job;
        return target;
    }
    return parse_url(text);
}

nlohmann::json to_json(const CiTarget& target) {
    return json_object::Builder()
        .add("kind", id(target.kind))
        .add("host", target.host.empty() ? nlohmann::json(nullptr) : nlohmann::json(target.host))
        .add("project_slug", target.project.text())
        .add("pipeline_number", target.pipeline_number)
        .add("workflow_id", target.workflow_id)
        .add("job_number", target.job_number)
        .add("container", target.container)
        .done();
}

}  // namespace cci
