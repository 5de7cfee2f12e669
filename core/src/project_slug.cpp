#include "cci/project_slug.hpp"

#include <array>

namespace cci {
namespace {

constexpr std::size_t max_part = 100;

bool valid_part(std::string_view part) noexcept {
    if (part.empty() || part.size() > max_part || part == "." || part == "..") return false;
    for (const char c : part) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace

std::string_view id(SlugForm form) noexcept {
    constexpr std::array<std::string_view, 2> ids{"oauth", "app"};
    return ids[static_cast<std::size_t>(form)];
}

std::optional<ProjectSlug> parse_project_slug(std::string_view text) {
    std::string slug;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && text[i + 1] == '2' && (text[i + 2] == 'F' || text[i + 2] == 'f')) {
            slug.push_back('/');
            i += 2;
        } else {
            slug.push_back(text[i]);
        }
    }
    std::string_view view = slug;
    while (!view.empty() && (view.front() == ' ' || view.front() == '\t' || view.front() == '/')) view.remove_prefix(1);
    while (!view.empty() && (view.back() == ' ' || view.back() == '\t' || view.back() == '\n' || view.back() == '\r' ||
                             view.back() == '/'))
        view.remove_suffix(1);
    const std::size_t first = view.find('/');
    if (first == std::string_view::npos) return std::nullopt;
    const std::size_t second = view.find('/', first + 1);
    if (second == std::string_view::npos || view.find('/', second + 1) != std::string_view::npos) return std::nullopt;
    ProjectSlug out;
    out.vcs = lower(view.substr(0, first));
    out.org = std::string(view.substr(first + 1, second - first - 1));
    out.repo = std::string(view.substr(second + 1));
    if (!valid_part(out.org) || !valid_part(out.repo)) return std::nullopt;
    if (out.vcs == "circleci") out.form = SlugForm::app;
    else if (out.vcs == "gh" || out.vcs == "github" || out.vcs == "bb" || out.vcs == "bitbucket") out.form = SlugForm::oauth;
    else return std::nullopt;
    return out;
}

std::string v1_project_path(const ProjectSlug& project) {
    std::string vcs = project.vcs;
    if (vcs == "gh") vcs = "github";
    if (vcs == "bb") vcs = "bitbucket";
    return vcs + "/" + project.org + "/" + project.repo;
}

}  // namespace cci
