// Ranking findings (the culprit first) and deciding the failure's category.
#pragma once

#include <vector>

#include "cci/log/analysis.hpp"

namespace cci::log {

/// The culprit order: findings from the failed step first, then by tier (decisive,
/// primary, generic, secondary, detail, trailer), then severity, then arrival — so the
/// first real error wins and wrappers' exit reports only lead when nothing better exists.
[[nodiscard]] bool ranks_before(const Finding& a, const Finding& b) noexcept;

/// Sorts `findings` into culprit order (stable).
void rank(std::vector<Finding>& findings);

struct Verdict {
    Category category = Category::unknown;
    double confidence = 0.0;
    std::vector<std::size_t> evidence;
};

/// The category of the whole failure from ranked findings and CircleCI's own flags:
/// `infrastructure_fail` and `timedout` are priors that only an OOM or timeout line
/// overrides; exit code 137 means OOM unless a decisive line says otherwise.
[[nodiscard]] Verdict categorize(const std::vector<Finding>& ranked, const std::vector<FailedStep>& failed,
                                 bool job_timedout, bool job_infrastructure_fail);

}  // namespace cci::log
