// Failure categories: one closed enum and its one table (id, description).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace cci::log {

/// What kind of failure a finding, or a whole job, is. Ids are contracts (JSON, JS, CLI).
enum class Category {
    build,           ///< compiling or linking the code failed
    test,            ///< a test failed
    lint,            ///< a linter, formatter or type checker complained
    dependency,      ///< installing or resolving packages failed
    docker_image,    ///< pulling or building an image failed (missing tag, rate limit, registry)
    oom,             ///< the process or container ran out of memory (SIGKILL, exit 137)
    timeout,         ///< no output for too long, or the job ran past its limit
    network,         ///< DNS, TLS or connection failure
    git,             ///< checkout, fetch, push or SSH authentication failed
    config,          ///< CircleCI config, missing commands, scripts or environment variables
    infrastructure,  ///< CircleCI or the machine failed, not the code
    unknown,         ///< nothing points to a cause
};

inline constexpr std::size_t category_count = 12;

struct CategoryInfo {
    Category category;
    std::string_view id;
    std::string_view description;
};

/// The table, indexed by the enum's value.
[[nodiscard]] const std::array<CategoryInfo, category_count>& category_table() noexcept;
[[nodiscard]] const CategoryInfo& info(Category category) noexcept;
[[nodiscard]] inline std::string_view id(Category category) noexcept { return info(category).id; }
[[nodiscard]] std::optional<Category> parse_category(std::string_view id) noexcept;

}  // namespace cci::log
