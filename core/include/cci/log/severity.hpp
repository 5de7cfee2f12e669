// Finding severities: one closed enum and its one table (id).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace cci::log {

/// How serious a finding is; the order is the ranking order (most serious first).
/// Ids are contracts and match GitHub problem matchers' `severity` values.
enum class Severity {
    error,    ///< stops the build
    warning,  ///< reported but not fatal by itself
    notice,   ///< informational
};

inline constexpr std::size_t severity_count = 3;

struct SeverityInfo {
    Severity severity;
    std::string_view id;
};

/// The table, indexed by the enum's value.
[[nodiscard]] const std::array<SeverityInfo, severity_count>& severity_table() noexcept;
[[nodiscard]] const SeverityInfo& info(Severity severity) noexcept;
[[nodiscard]] inline std::string_view id(Severity severity) noexcept { return info(severity).id; }
/// Accepts the ids, case-insensitively, and the problem-matcher spellings `err`, `warn`, `info`.
[[nodiscard]] std::optional<Severity> parse_severity(std::string_view text) noexcept;

}  // namespace cci::log
