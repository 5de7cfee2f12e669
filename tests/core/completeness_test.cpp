#include "cci/completeness.hpp"

#include <set>
#include <string>

#include <catch2/catch.hpp>

using cci::Completeness;
using cci::Reason;
using cci::StepCompleteness;

TEST_CASE("the completeness table covers every value in order with unique ids", "[completeness]") {
    const auto& table = cci::completeness_table();
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto value = static_cast<Completeness>(i);
        CHECK(table[i].completeness == value);
        CHECK(&cci::info(value) == &table[i]);
        CHECK_FALSE(table[i].message.empty());
        CHECK(ids.insert(table[i].id).second);
        CHECK(cci::parse_completeness(table[i].id) == value);
    }
    CHECK(ids == std::set<std::string_view>{"complete", "truncated", "refetched", "missing", "failed"});
}

TEST_CASE("step completeness flags read back what they print", "[completeness]") {
    using Row = std::tuple<StepCompleteness, std::string>;
    const auto [flag, text] = GENERATE(table<StepCompleteness, std::string>({
        Row{{Completeness::complete, std::nullopt}, "complete"},
        Row{{Completeness::truncated, std::nullopt}, "truncated"},
        Row{{Completeness::refetched, std::nullopt}, "refetched"},
        Row{{Completeness::missing, std::nullopt}, "missing"},
        Row{{Completeness::failed, Reason::rate_limited}, "failed:rate_limited"},
        Row{{Completeness::failed, Reason::permission_denied}, "failed:permission_denied"},
    }));
    CHECK(cci::to_text(flag) == text);
    CHECK(cci::parse_step_completeness(text) == flag);
}

TEST_CASE("a failed flag always names a reason", "[completeness]") {
    CHECK(cci::to_text({Completeness::failed, std::nullopt}) == "failed:unknown");
    for (const auto* bad : {"failed", "failed:", "failed:nope", "Complete", "", "complete:ok"})
        CHECK_FALSE(cci::parse_step_completeness(bad));
}
