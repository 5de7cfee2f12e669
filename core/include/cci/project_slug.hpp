// CircleCI project slugs: `vcs/org/repo` (GitHub OAuth, Bitbucket Cloud) or
// `circleci/<org-id>/<project-id>` (GitHub App, GitLab, Bitbucket Data Center).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cci {

enum class SlugForm {
    oauth,  ///< `gh|github|bb|bitbucket/<org>/<repo>`
    app,    ///< `circleci/<org-id>/<project-id>`
};

[[nodiscard]] std::string_view id(SlugForm form) noexcept;

struct ProjectSlug {
    SlugForm form = SlugForm::oauth;
    std::string vcs;   ///< as typed, lower-cased: gh, github, bb, bitbucket or circleci
    std::string org;   ///< organization name, or the org id for `app`
    std::string repo;  ///< repository name, or the project id for `app`
    /// `vcs/org/repo`, safe to put into a URL path unescaped.
    [[nodiscard]] std::string text() const { return vcs + "/" + org + "/" + repo; }
    friend bool operator==(const ProjectSlug& a, const ProjectSlug& b) {
        return a.form == b.form && a.vcs == b.vcs && a.org == b.org && a.repo == b.repo;
    }
};

/// Reads a slug as users paste it: surrounding whitespace and slashes ignored, `%2F`
/// accepted for `/`. Each part is 1–100 characters of `[A-Za-z0-9._-]` and not `.`/`..`.
/// nullopt for anything else (other VCS names, extra segments, URLs).
[[nodiscard]] std::optional<ProjectSlug> parse_project_slug(std::string_view text);

/// The slug as API v1.1 paths spell it: `gh` → `github`, `bb` → `bitbucket` (as CircleCI's
/// v1.1 docs write them); other forms unchanged.
[[nodiscard]] std::string v1_project_path(const ProjectSlug& project);

}  // namespace cci
