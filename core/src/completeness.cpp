#include "cci/completeness.hpp"

namespace cci {
namespace {

constexpr std::array<CompletenessInfo, completeness_count> table{{
    {Completeness::complete, "complete", "The whole output was retrieved."},
    {Completeness::truncated, "truncated", "Only part of the output was retrieved."},
    {Completeness::refetched, "refetched", "The whole output was retrieved after fetching it again."},
    {Completeness::missing, "missing", "The step has no output to retrieve."},
    {Completeness::failed, "failed", "The output could not be retrieved."},
}};

constexpr std::string_view failed_prefix = "failed:";

}  // namespace

const std::array<CompletenessInfo, completeness_count>& completeness_table() noexcept { return table; }

const CompletenessInfo& info(Completeness completeness) noexcept {
    return table[static_cast<std::size_t>(completeness)];
}

std::optional<Completeness> parse_completeness(std::string_view text) noexcept {
    for (const auto& entry : table)
        if (entry.id == text) return entry.completeness;
    return std::nullopt;
}

std::string to_text(const StepCompleteness& flag) {
    if (flag.completeness == Completeness::failed)
        return std::string(failed_prefix) + std::string(id(flag.reason.value_or(Reason::unknown)));
    return std::string(id(flag.completeness));
}

std::optional<StepCompleteness> parse_step_completeness(std::string_view text) noexcept {
    if (text.substr(0, failed_prefix.size()) == failed_prefix) {
        const auto reason = parse_reason(text.substr(failed_prefix.size()));
        if (!reason) return std::nullopt;
        return StepCompleteness{Completeness::failed, reason};
    }
    const auto completeness = parse_completeness(text);
    if (!completeness || *completeness == Completeness::failed) return std::nullopt;
    return StepCompleteness{*completeness, std::nullopt};
}

}  // namespace cci
