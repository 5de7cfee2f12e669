#include "cci/log/category.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

using namespace cci::log;

TEST_CASE("log categories: the table lists every enum value once, in order", "[log]") {
    const auto& table = category_table();
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto& row = table[i];
        CAPTURE(row.id);
        CHECK(static_cast<std::size_t>(row.category) == i);
        CHECK(&info(row.category) == &row);
        CHECK(ids.insert(row.id).second);
        CHECK(parse_category(row.id) == row.category);
        CHECK_FALSE(row.description.empty());
    }
    CHECK(static_cast<std::size_t>(Category::unknown) + 1 == category_count);
    CHECK_FALSE(parse_category("Build"));
}

TEST_CASE("log categories: the ids are the issue's contract", "[log]") {
    const std::vector<std::string> contract{"build",   "test",    "lint",   "dependency", "docker_image",
                                            "oom",     "timeout", "network", "git",       "config",
                                            "infrastructure", "unknown"};
    std::vector<std::string> ids;
    for (const auto& row : category_table()) ids.emplace_back(row.id);
    CHECK(ids == contract);
}
