#include "cci/log/category.hpp"

namespace cci::log {
namespace {

constexpr std::array<CategoryInfo, category_count> table{{
    {Category::build, "build", "Compiling or linking failed."},
    {Category::test, "test", "A test failed."},
    {Category::lint, "lint", "A linter, formatter or type checker reported problems."},
    {Category::dependency, "dependency", "Installing or resolving dependencies failed."},
    {Category::docker_image, "docker_image", "Pulling or building a Docker image failed."},
    {Category::oom, "oom", "The job ran out of memory."},
    {Category::timeout, "timeout", "The job produced no output for too long, or ran past its time limit."},
    {Category::network, "network", "A network, DNS or TLS error interrupted the job."},
    {Category::git, "git", "Checking out, fetching or pushing code failed."},
    {Category::config, "config", "The configuration, a command, a script or an environment variable is missing or wrong."},
    {Category::infrastructure, "infrastructure", "CircleCI or the machine running the job failed."},
    {Category::unknown, "unknown", "The log does not show why the job failed."},
}};

}  // namespace

const std::array<CategoryInfo, category_count>& category_table() noexcept { return table; }

const CategoryInfo& info(Category category) noexcept { return table[static_cast<std::size_t>(category)]; }

std::optional<Category> parse_category(std::string_view text) noexcept {
    for (const auto& entry : table) {
        if (entry.id == text) return entry.category;
    }
    return std::nullopt;
}

}  // namespace cci::log
