#include "cci/retry_policy.hpp"

#include <set>

#include <catch2/catch.hpp>

using cci::diagnosis_for;
using cci::Reason;
using cci::RetryPolicy;

TEST_CASE("only transient reasons are retried", "[retry_policy]") {
    const RetryPolicy policy;
    for (std::size_t i = 0; i < cci::reason_count; ++i) {
        const auto reason = static_cast<Reason>(i);
        const bool transient = reason == Reason::rate_limited || reason == Reason::server_error ||
                               reason == Reason::network_unreachable || reason == Reason::timeout;
        CAPTURE(cci::id(reason));
        CHECK(cci::is_transient(reason) == transient);
        CHECK(cci::decide_retry(policy, diagnosis_for(reason), 1, 0, 7).retry == transient);
    }
}

TEST_CASE("backoff doubles from the base, is capped, and keeps its jitter within the upper half", "[retry_policy]") {
    RetryPolicy policy;
    policy.base_delay_ms = 100;
    policy.max_delay_ms = 1'000;
    using Row = std::tuple<int, cci::EpochMs>;
    const auto [attempts, full] = GENERATE(table<int, cci::EpochMs>({
        Row{1, 100}, Row{2, 200}, Row{3, 400}, Row{4, 800}, Row{5, 1'000}, Row{9, 1'000}, Row{60, 1'000},
    }));
    for (std::uint64_t seed = 0; seed < 200; ++seed) {
        const auto delay = cci::backoff_ms(policy, attempts, seed);
        CHECK(delay >= full / 2);
        CHECK(delay <= full);
    }
}

TEST_CASE("jitter is deterministic in the seed and differs between seeds", "[retry_policy]") {
    const RetryPolicy policy;
    CHECK(cci::backoff_ms(policy, 3, 42) == cci::backoff_ms(policy, 3, 42));
    std::set<cci::EpochMs> seen;
    for (std::uint64_t seed = 0; seed < 50; ++seed) seen.insert(cci::backoff_ms(policy, 3, seed));
    CHECK(seen.size() > 10);
    CHECK(cci::jitter_seed_for(1, 2) == cci::jitter_seed_for(1, 2));
    CHECK(cci::jitter_seed_for(1, 2) != cci::jitter_seed_for(1, 3));
    CHECK(cci::jitter_seed_for(1, 2) != cci::jitter_seed_for(2, 2));
}

TEST_CASE("tries stop at max_attempts", "[retry_policy]") {
    RetryPolicy policy;
    policy.max_attempts = 3;
    const auto server_error = diagnosis_for(Reason::server_error);
    CHECK(cci::decide_retry(policy, server_error, 1, 0, 1).retry);
    CHECK(cci::decide_retry(policy, server_error, 2, 0, 1).retry);
    CHECK_FALSE(cci::decide_retry(policy, server_error, 3, 0, 1).retry);
}

TEST_CASE("a throttled answer waits what the server asked, within the budget", "[retry_policy]") {
    RetryPolicy policy;
    policy.base_delay_ms = 250;
    policy.wait_budget_ms = 10'000;
    auto throttled = diagnosis_for(Reason::rate_limited);
    throttled.retry_after_s = 2;
    for (std::uint64_t seed = 0; seed < 100; ++seed) {
        const auto decision = cci::decide_retry(policy, throttled, 1, 0, seed);
        CHECK(decision.retry);
        CHECK(decision.delay_ms >= 2'000);
        CHECK(decision.delay_ms < 2'250);
    }
    SECTION("a wait past the budget is not taken") {
        throttled.retry_after_s = 11;
        CHECK_FALSE(cci::decide_retry(policy, throttled, 1, 0, 3).retry);
        throttled.retry_after_s = 3;
        CHECK_FALSE(cci::decide_retry(policy, throttled, 2, 8'000, 3).retry);
        CHECK(cci::decide_retry(policy, throttled, 2, 6'000, 3).retry);
    }
    SECTION("without a named wait it backs off like any transient failure") {
        throttled.retry_after_s.reset();
        const auto decision = cci::decide_retry(policy, throttled, 2, 0, 9);
        CHECK(decision.retry);
        CHECK(decision.delay_ms == cci::backoff_ms(policy, 2, 9));
    }
    SECTION("Retry-After: 0 retries at once, plus jitter") {
        throttled.retry_after_s = 0;
        const auto decision = cci::decide_retry(policy, throttled, 1, 0, 5);
        CHECK(decision.retry);
        CHECK(decision.delay_ms < 250);
    }
}
