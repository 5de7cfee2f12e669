#include "cci/retry_after.hpp"

#include <algorithm>
#include <string_view>

#include "cci/http_date.hpp"

namespace cci {
namespace {

constexpr std::int64_t unix_time_threshold_s = 1'000'000'000;

// Non-negative decimal seconds, fraction rounded up; saturates instead of overflowing.
std::optional<std::int64_t> seconds(std::string_view text) noexcept {
    std::size_t i = 0;
    std::int64_t value = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        value = std::min<std::int64_t>(value * 10 + (text[i] - '0'), std::int64_t{1} << 40);
        ++i;
    }
    if (i == 0) return std::nullopt;
    if (i < text.size() && text[i] == '.') {
        bool fraction = false;
        for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) fraction = fraction || text[i] != '0';
        if (fraction) ++value;
    }
    if (i != text.size()) return std::nullopt;
    return value;
}

std::int64_t seconds_until(EpochMs when, EpochMs reference) noexcept {
    const EpochMs wait = when - reference;
    return wait <= 0 ? 0 : (wait + ms_per_second - 1) / ms_per_second;
}

}  // namespace

std::optional<std::int64_t> retry_after_seconds(const Headers& headers, std::optional<EpochMs> now) {
    std::optional<EpochMs> reference = now;
    if (const auto date = headers.find("Date")) {
        if (const auto parsed = parse_http_date(*date)) reference = parsed;
    }
    std::optional<std::int64_t> longest;
    const auto consider = [&](std::optional<std::int64_t> wait) {
        if (wait) longest = std::max(longest.value_or(0), std::min(*wait, max_retry_after_s));
    };
    for (const auto value : headers.find_all("Retry-After")) {
        if (const auto delta = seconds(value)) {
            consider(delta);
        } else if (const auto when = parse_http_date(value); when && reference) {
            consider(seconds_until(*when, *reference));
        }
    }
    for (const auto name : {"RateLimit-Reset", "X-RateLimit-Reset"}) {
        for (const auto value : headers.find_all(name)) {
            const auto reset = seconds(value);
            if (!reset) continue;
            if (*reset < unix_time_threshold_s) consider(reset);
            else if (reference) consider(seconds_until(*reset * ms_per_second, *reference));
        }
    }
    return longest;
}

}  // namespace cci
