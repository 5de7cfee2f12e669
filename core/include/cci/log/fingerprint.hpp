// Fingerprints: the same failure gets the same id across containers and runs.
#pragma once

#include <string>
#include <string_view>

namespace cci::log {

/// `line` with its run-specific parts replaced by placeholders: UUIDs `<uuid>`, timestamps
/// `<time>`, temporary paths `<tmp>`, hex ids of 7+ digits `<hex>`, durations `<duration>`,
/// host ports `<port>` and other numbers `<n>`.
[[nodiscard]] std::string fingerprint_template(std::string_view line);

/// 16 lower-case hex digits (FNV-1a 64) of `rule`, `step` and the template of `line`.
[[nodiscard]] std::string fingerprint(std::string_view rule, std::string_view step, std::string_view line);

}  // namespace cci::log
