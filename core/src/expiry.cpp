#include "cci/expiry.hpp"

namespace cci {
namespace {

std::string date_of(EpochMs time) { return format_rfc3339(time).substr(0, 10); }

std::string in_days(std::int64_t days) {
    return days <= 1 ? std::string("within a day") : "in " + std::to_string(days) + " days";
}

}  // namespace

std::optional<ExpiryHorizon> expiry_horizon(std::optional<EpochMs> user_expiry, std::optional<EpochMs> connected_at,
                                            EpochMs now) {
    ExpiryHorizon horizon;
    if (user_expiry) {
        horizon.expires_at = *user_expiry;
        horizon.basis = ExpiryBasis::user_date;
    } else if (connected_at) {
        horizon.expires_at = *connected_at + personal_token_max_lifetime_ms;
        horizon.basis = ExpiryBasis::one_year_limit;
    } else {
        return std::nullopt;
    }
    const EpochMs left = horizon.expires_at - now;
    horizon.days_left = left <= 0 ? 0 : (left + ms_per_day - 1) / ms_per_day;
    if (left <= 0) horizon.level = ExpiryLevel::expired;
    else if (horizon.days_left <= 1) horizon.level = ExpiryLevel::within_1_day;
    else if (horizon.days_left <= 7) horizon.level = ExpiryLevel::within_7_days;
    else if (horizon.days_left <= 30) horizon.level = ExpiryLevel::within_30_days;
    else horizon.level = ExpiryLevel::none;
    return horizon;
}

std::optional<std::string> expiry_warning(const ExpiryHorizon& horizon) {
    const std::string date = date_of(horizon.expires_at);
    switch (horizon.level) {
        case ExpiryLevel::none: return std::nullopt;
        case ExpiryLevel::expired:
            if (horizon.basis == ExpiryBasis::user_date)
                return "The token expired on " + date + ". Create a new Personal API Token and connect it.";
            return "This token was connected more than a year ago, and personal tokens last at most a year: it "
                   "has probably expired. Create a new Personal API Token and connect it.";
        case ExpiryLevel::within_30_days:
        case ExpiryLevel::within_7_days:
        case ExpiryLevel::within_1_day:
            if (horizon.basis == ExpiryBasis::user_date)
                return "The token expires " + in_days(horizon.days_left) + " (on " + date +
                       "). Create a new Personal API Token before then.";
            return "CircleCI does not report token expiry, but personal tokens last at most a year: this one "
                   "expires by " + date + " at the latest (" + in_days(horizon.days_left) +
                   "). Enter its expiry date, or create a new token.";
    }
    return std::nullopt;
}

}  // namespace cci
