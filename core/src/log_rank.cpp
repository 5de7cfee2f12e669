#include "cci/log/rank.hpp"

#include <algorithm>

namespace cci::log {
namespace {

constexpr std::size_t max_evidence = 5;

double base_confidence(Tier tier) {
    switch (tier) {
        case Tier::decisive: return 0.95;
        case Tier::primary: return 0.85;
        case Tier::generic: return 0.5;
        case Tier::secondary: return 0.6;
        case Tier::detail: return 0.6;
        case Tier::trailer: return 0.3;
        case Tier::marker: return 0.1;
    }
    return 0.1;
}

std::vector<std::size_t> evidence_for(const std::vector<Finding>& ranked, Category category) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < ranked.size() && out.size() < max_evidence; ++i) {
        if (ranked[i].category == category) out.push_back(i);
    }
    return out;
}

Verdict prior(const std::vector<Finding>& ranked, Category category, double confidence) {
    return {category, confidence, evidence_for(ranked, category)};
}

}  // namespace

bool ranks_before(const Finding& a, const Finding& b) noexcept {
    if (a.in_failed_step != b.in_failed_step) return a.in_failed_step;
    if (a.tier != b.tier) return a.tier < b.tier;
    if (a.severity != b.severity) return a.severity < b.severity;
    return a.sequence < b.sequence;
}

void rank(std::vector<Finding>& findings) {
    std::stable_sort(findings.begin(), findings.end(), ranks_before);
}

Verdict categorize(const std::vector<Finding>& ranked, const std::vector<FailedStep>& failed, bool job_timedout,
                   bool job_infrastructure_fail) {
    const Finding* culprit = ranked.empty() ? nullptr : &ranked.front();
    const bool decisive = culprit && culprit->in_failed_step && culprit->tier == Tier::decisive;
    bool timedout = job_timedout;
    bool infrastructure = job_infrastructure_fail;
    bool exit_137 = false;
    for (const auto& step : failed) {
        timedout = timedout || step.timedout;
        infrastructure = infrastructure || step.infrastructure_fail;
        exit_137 = exit_137 || step.exit_code == 137;
    }
    if (infrastructure && !(decisive && (culprit->category == Category::oom || culprit->category == Category::timeout))) {
        return prior(ranked, Category::infrastructure, 0.9);
    }
    if (timedout && !(decisive && culprit->category == Category::oom)) {
        return prior(ranked, Category::timeout, decisive && culprit->category == Category::timeout ? 0.97 : 0.9);
    }
    if (exit_137 && !decisive) return prior(ranked, Category::oom, 0.85);
    if (!culprit) return {Category::unknown, failed.empty() ? 0.1 : 0.2, {}};

    Category category = culprit->category;
    double confidence = base_confidence(culprit->tier);
    if (category == Category::unknown) {
        // A generic culprit: borrow the category of the best specific finding behind it.
        for (const auto& f : ranked) {
            if (f.category != Category::unknown && f.tier <= Tier::secondary && f.in_failed_step) {
                category = f.category;
                confidence = std::min(confidence, 0.5);
                break;
            }
        }
    }
    Verdict verdict{category, confidence, evidence_for(ranked, category)};
    if (category == Category::unknown) {
        verdict.confidence = std::min(verdict.confidence, 0.3);
    } else if (verdict.evidence.size() >= 2 && culprit->tier <= Tier::primary) {
        verdict.confidence = std::min(0.99, verdict.confidence + 0.04);
    }
    return verdict;
}

}  // namespace cci::log
