// How much of a step's output was retrieved: one closed enum and its table (id, message).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "cci/reason.hpp"

namespace cci {

/// Every step a log retrieval looks at ends with exactly one of these. Ids are contracts
/// (`cci logs --json`, manifest.json).
enum class Completeness {
    complete,   ///< the whole output, fetched in one go
    truncated,  ///< only part of it: CircleCI truncated the output, or the transfer kept breaking off
    refetched,  ///< the whole output, after a fresh output URL or a resumed transfer
    missing,    ///< there is no output to fetch (no output URL, or the storage no longer has it)
    failed,     ///< fetching failed for `reason` (shown as `failed:<reason>`)
};

inline constexpr std::size_t completeness_count = 5;

struct CompletenessInfo {
    Completeness completeness;
    std::string_view id;
    std::string_view message;
};

[[nodiscard]] const std::array<CompletenessInfo, completeness_count>& completeness_table() noexcept;
[[nodiscard]] const CompletenessInfo& info(Completeness completeness) noexcept;
[[nodiscard]] inline std::string_view id(Completeness completeness) noexcept { return info(completeness).id; }
[[nodiscard]] std::optional<Completeness> parse_completeness(std::string_view id) noexcept;

/// A step's final flag: `reason` is set exactly when `completeness` is `failed`.
struct StepCompleteness {
    Completeness completeness = Completeness::complete;
    std::optional<Reason> reason;
    friend bool operator==(const StepCompleteness& a, const StepCompleteness& b) {
        return a.completeness == b.completeness && a.reason == b.reason;
    }
};

/// `complete`, `truncated`, `refetched`, `missing`, or `failed:<reason id>`.
[[nodiscard]] std::string to_text(const StepCompleteness& flag);

/// Reads what `to_text` writes; nullopt for anything else (a bare `failed`, an unknown reason).
[[nodiscard]] std::optional<StepCompleteness> parse_step_completeness(std::string_view text) noexcept;

}  // namespace cci
