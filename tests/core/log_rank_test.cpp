#include "cci/log/rank.hpp"

#include <catch2/catch.hpp>

using namespace cci::log;

namespace {

Finding finding(std::string rule, Category category, Tier tier, std::uint64_t sequence,
                Severity severity = Severity::error, bool in_failed_step = true) {
    Finding f;
    f.rule = std::move(rule);
    f.category = category;
    f.tier = tier;
    f.sequence = sequence;
    f.severity = severity;
    f.in_failed_step = in_failed_step;
    return f;
}

std::vector<std::string> rules(const std::vector<Finding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) out.push_back(f.rule);
    return out;
}

}  // namespace

TEST_CASE("rank: the first real error beats trailers that come later", "[log][rank]") {
    std::vector<Finding> findings{
        finding("make_error", Category::build, Tier::trailer, 3),
        finding("gcc_warning", Category::build, Tier::secondary, 0, Severity::warning),
        finding("gcc_error", Category::build, Tier::primary, 1),
        finding("gcc_error_2", Category::build, Tier::primary, 2),
        finding("circleci_exited", Category::unknown, Tier::trailer, 4),
    };
    rank(findings);
    CHECK(rules(findings) == std::vector<std::string>{"gcc_error", "gcc_error_2", "gcc_warning", "make_error",
                                                      "circleci_exited"});
}

TEST_CASE("rank: the failed step first, then tier, then severity", "[log][rank]") {
    std::vector<Finding> findings{
        finding("other_step", Category::network, Tier::decisive, 0, Severity::error, false),
        finding("warning", Category::lint, Tier::primary, 1, Severity::warning),
        finding("error", Category::lint, Tier::primary, 2),
    };
    rank(findings);
    CHECK(rules(findings) == std::vector<std::string>{"error", "warning", "other_step"});
}

TEST_CASE("categorize: from the culprit, with priors", "[log][rank]") {
    const std::vector<Finding> build{finding("gcc_error", Category::build, Tier::primary, 0),
                                     finding("make_error", Category::build, Tier::trailer, 1)};
    const std::vector<Finding> test{finding("go_test_fail", Category::test, Tier::primary, 0)};
    const std::vector<Finding> oom{finding("received_killed_signal", Category::oom, Tier::decisive, 0)};
    const std::vector<Finding> trailer{finding("circleci_exited", Category::unknown, Tier::trailer, 0)};
    const std::vector<Finding> generic{finding("generic_error", Category::unknown, Tier::generic, 0),
                                       finding("jest_summary", Category::test, Tier::secondary, 1)};
    FailedStep exit_137;
    exit_137.exit_code = 137;
    FailedStep timedout;
    timedout.timedout = true;

    SECTION("a primary culprit sets the category; more evidence raises confidence") {
        const auto v = categorize(build, {}, false, false);
        CHECK(v.category == Category::build);
        CHECK(v.confidence == Approx(0.89));
        CHECK(v.evidence == std::vector<std::size_t>{0, 1});
        CHECK(categorize(test, {}, false, false).confidence == Approx(0.85));
    }
    SECTION("decisive lines are near certain") {
        CHECK(categorize(oom, {}, false, false).category == Category::oom);
        CHECK(categorize(oom, {}, false, false).confidence == Approx(0.95));
    }
    SECTION("CircleCI's flags are priors") {
        CHECK(categorize(build, {}, false, true).category == Category::infrastructure);
        CHECK(categorize(build, {timedout}, false, false).category == Category::timeout);
        CHECK(categorize(build, {}, true, false).category == Category::timeout);
        CHECK(categorize(oom, {}, true, true).category == Category::oom);
    }
    SECTION("exit code 137 means OOM unless a decisive line says otherwise") {
        CHECK(categorize(build, {exit_137}, false, false).category == Category::oom);
        CHECK(categorize(trailer, {exit_137}, false, false).category == Category::oom);
    }
    SECTION("trailers alone and nothing at all stay unknown") {
        const auto v = categorize(trailer, {}, false, false);
        CHECK(v.category == Category::unknown);
        CHECK(v.confidence <= 0.3);
        CHECK(categorize({}, {}, false, false).category == Category::unknown);
        CHECK(categorize({}, {}, false, false).confidence == Approx(0.1));
    }
    SECTION("a generic culprit borrows a specific category, with less confidence") {
        const auto v = categorize(generic, {}, false, false);
        CHECK(v.category == Category::test);
        CHECK(v.confidence == Approx(0.5));
        CHECK(v.evidence == std::vector<std::size_t>{1});
    }
}
