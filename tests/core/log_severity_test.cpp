#include "cci/log/severity.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace cci::log;

TEST_CASE("log severities: the table lists every enum value once, in order", "[log]") {
    const auto& table = severity_table();
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto& row = table[i];
        CHECK(static_cast<std::size_t>(row.severity) == i);
        CHECK(&info(row.severity) == &row);
        CHECK(ids.insert(row.id).second);
        CHECK(parse_severity(row.id) == row.severity);
    }
    CHECK(static_cast<std::size_t>(Severity::notice) + 1 == severity_count);
}

TEST_CASE("log severities: problem-matcher spellings", "[log]") {
    using Case = std::tuple<std::string_view, std::optional<Severity>>;
    const auto [text, expected] = GENERATE(table<std::string_view, std::optional<Severity>>({
        Case{"ERROR", Severity::error},
        Case{"Warning", Severity::warning},
        Case{"warn", Severity::warning},
        Case{"info", Severity::notice},
        Case{"note", Severity::notice},
        Case{"fatal", Severity::error},
        Case{"", std::nullopt},
        Case{"loud", std::nullopt},
    }));
    CHECK(parse_severity(text) == expected);
}
