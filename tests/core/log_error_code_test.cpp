#include "cci/log/error_code.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace cci::log;

TEST_CASE("log error codes: the table lists every enum value once, in order", "[log]") {
    const auto& table = error_code_table();
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto& row = table[i];
        CAPTURE(row.id);
        CHECK(static_cast<std::size_t>(row.code) == i);
        CHECK(&info(row.code) == &row);
        CHECK(ids.insert(row.id).second);
        CHECK(parse_error_code(row.id) == row.code);
        CHECK_FALSE(row.message.empty());
    }
    CHECK(static_cast<std::size_t>(ErrorCode::matcher_unicode_property) + 1 == error_code_count);
    CHECK_FALSE(parse_error_code("no_such_code"));
}
