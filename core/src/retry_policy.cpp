#include "cci/retry_policy.hpp"

#include <algorithm>

namespace cci {
namespace {

std::uint64_t splitmix64(std::uint64_t x) noexcept {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// A fraction in [0, 1) from the seed and the try number.
double jitter_fraction(std::uint64_t seed, int attempts) noexcept {
    const std::uint64_t bits = splitmix64(seed ^ splitmix64(static_cast<std::uint64_t>(attempts)));
    return static_cast<double>(bits >> 11) / static_cast<double>(std::uint64_t{1} << 53);
}

}  // namespace

bool is_transient(Reason reason) noexcept {
    switch (reason) {
        case Reason::rate_limited:
        case Reason::server_error:
        case Reason::network_unreachable:
        case Reason::timeout: return true;
        case Reason::ok:
        case Reason::token_invalid:
        case Reason::token_expired_or_revoked:
        case Reason::token_is_project_token:
        case Reason::token_legacy_format_rejected:
        case Reason::auth_method_deprecated:
        case Reason::permission_denied:
        case Reason::not_found_or_no_access:
        case Reason::tls_error:
        case Reason::browser_blocked:
        case Reason::unexpected_response:
        case Reason::unknown: return false;
    }
    return false;
}

EpochMs backoff_ms(const RetryPolicy& policy, int attempts, std::uint64_t jitter_seed) noexcept {
    const EpochMs base = std::max<EpochMs>(0, policy.base_delay_ms);
    const EpochMs cap = std::max<EpochMs>(0, policy.max_delay_ms);
    EpochMs delay = base;
    for (int i = 1; i < attempts && delay < cap; ++i) delay *= 2;
    delay = std::min(delay, cap);
    const EpochMs half = delay / 2;
    return half + static_cast<EpochMs>(static_cast<double>(delay - half) * jitter_fraction(jitter_seed, attempts));
}

RetryDecision decide_retry(const RetryPolicy& policy, const Diagnosis& diagnosis, int attempts, EpochMs waited_ms,
                           std::uint64_t jitter_seed) noexcept {
    if (!is_transient(diagnosis.reason) || attempts >= policy.max_attempts) return {};
    EpochMs delay = 0;
    if (diagnosis.reason == Reason::rate_limited && diagnosis.retry_after_s) {
        const EpochMs asked = std::max<std::int64_t>(0, *diagnosis.retry_after_s) * ms_per_second;
        delay = asked + static_cast<EpochMs>(static_cast<double>(std::max<EpochMs>(0, policy.base_delay_ms)) *
                                             jitter_fraction(jitter_seed, attempts));
    } else {
        delay = backoff_ms(policy, attempts, jitter_seed);
    }
    if (waited_ms + delay > policy.wait_budget_ms) return {};
    return {true, delay};
}

std::uint64_t jitter_seed_for(std::uint64_t host_seed, std::uint64_t key) noexcept {
    return splitmix64(host_seed ^ splitmix64(key));
}

}  // namespace cci
