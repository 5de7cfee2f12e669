// When to repeat a failed request, and after how long: capped exponential backoff with
// jitter, and the server's own wait (Retry-After, RateLimit-*) when it is throttling.
#pragma once

#include <cstdint>

#include "cci/classify.hpp"
#include "cci/timestamp.hpp"

namespace cci {

struct RetryPolicy {
    int max_attempts = 4;             ///< tries of one request, the first included
    EpochMs base_delay_ms = 250;      ///< the backoff after the first try, before jitter
    EpochMs max_delay_ms = 4'000;     ///< backoffs never exceed this (before jitter)
    EpochMs wait_budget_ms = 30'000;  ///< the most one request may spend waiting between its tries
};

struct RetryDecision {
    bool retry = false;
    EpochMs delay_ms = 0;  ///< wait this long before the next try (when `retry`)
    friend bool operator==(const RetryDecision& a, const RetryDecision& b) {
        return a.retry == b.retry && a.delay_ms == b.delay_ms;
    }
};

/// Whether a diagnosis is transient: rate_limited, server_error (5xx), network_unreachable
/// (refused or reset connections, cut-off bodies) and timeout. Everything else is final.
[[nodiscard]] bool is_transient(Reason reason) noexcept;

/// The backoff before try `attempts + 1`: `base · 2^(attempts-1)` capped at `max_delay_ms`,
/// then "equal jitter": half of it fixed, the other half scaled by a fraction drawn from
/// `jitter_seed` and `attempts` (same inputs, same wait).
[[nodiscard]] EpochMs backoff_ms(const RetryPolicy& policy, int attempts, std::uint64_t jitter_seed) noexcept;

/// After `attempts` tries (≥ 1) of which the last ended in `diagnosis`, having already
/// waited `waited_ms` between them: retry a transient reason while tries remain. A throttled
/// answer that names its wait (`retry_after_s`) is retried after exactly that wait plus a
/// jitter below `base_delay_ms`; any other after `backoff_ms`. No retry when the wait would
/// take the request past `wait_budget_ms`.
[[nodiscard]] RetryDecision decide_retry(const RetryPolicy& policy, const Diagnosis& diagnosis, int attempts,
                                         EpochMs waited_ms, std::uint64_t jitter_seed) noexcept;

/// A seed for one request from the host's seed and a request key (splitmix64 mixing).
[[nodiscard]] std::uint64_t jitter_seed_for(std::uint64_t host_seed, std::uint64_t key) noexcept;

}  // namespace cci
