#include "cci/log/severity.hpp"

#include <cctype>
#include <string>

namespace cci::log {
namespace {

constexpr std::array<SeverityInfo, severity_count> table{{
    {Severity::error, "error"},
    {Severity::warning, "warning"},
    {Severity::notice, "notice"},
}};

}  // namespace

const std::array<SeverityInfo, severity_count>& severity_table() noexcept { return table; }

const SeverityInfo& info(Severity severity) noexcept { return table[static_cast<std::size_t>(severity)]; }

std::optional<Severity> parse_severity(std::string_view text) noexcept {
    std::string lower;
    for (const char c : text) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    for (const auto& entry : table) {
        if (entry.id == lower) return entry.severity;
    }
    if (lower == "err" || lower == "fatal" || lower == "failure") return Severity::error;
    if (lower == "warn") return Severity::warning;
    if (lower == "info" || lower == "note") return Severity::notice;
    return std::nullopt;
}

}  // namespace cci::log
