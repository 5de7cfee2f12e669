// Token expiry horizon: CircleCI reports no expiry, so it comes from the user or from the
// one-year limit on personal tokens.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cci/timestamp.hpp"

namespace cci {

/// Personal API tokens expire at most this long after creation (docs: "no more than one
/// year in the future"), and creation precedes the first successful connection.
inline constexpr EpochMs personal_token_max_lifetime_ms = 365 * ms_per_day;

enum class ExpiryBasis {
    user_date,       ///< the date the user entered
    one_year_limit,  ///< the latest possible date: first connection + one year
};

/// Warnings start 30, 7 and 1 days ahead, like CircleCI's expiry e-mails.
enum class ExpiryLevel { none, within_30_days, within_7_days, within_1_day, expired };

struct ExpiryHorizon {
    EpochMs expires_at = 0;
    ExpiryBasis basis = ExpiryBasis::user_date;
    ExpiryLevel level = ExpiryLevel::none;
    std::int64_t days_left = 0;  ///< whole days until `expires_at`, rounded up; 0 once expired
};

/// The user's date when given, else the one-year limit from `connected_at`; nullopt when
/// neither is known.
[[nodiscard]] std::optional<ExpiryHorizon> expiry_horizon(std::optional<EpochMs> user_expiry,
                                                          std::optional<EpochMs> connected_at, EpochMs now);

/// The sentence for the page; nullopt when the level is none.
[[nodiscard]] std::optional<std::string> expiry_warning(const ExpiryHorizon& horizon);

}  // namespace cci
