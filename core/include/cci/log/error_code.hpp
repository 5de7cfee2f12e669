// Log-analysis error codes: one closed enum and its one table (id, message).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cci::log {

/// Why an input, or part of it, could not be read. Ids are contracts (JSON, JS, CLI).
enum class ErrorCode {
    json_syntax,                ///< step-output JSON: a byte that cannot appear there
    json_unexpected_end,        ///< step-output JSON: the document stops before its closing `]`
    json_too_deep,              ///< step-output JSON: an unknown value nests deeper than the reader allows
    json_trailing_data,         ///< step-output JSON: bytes after the closing `]`
    job_details_invalid,        ///< job details: not a v1.1 or v2 job-details object
    job_details_too_large,      ///< job details: larger than the reader buffers
    matcher_json_invalid,       ///< problem matcher: not valid JSON or not the documented shape
    matcher_field_missing,      ///< problem matcher: `owner`, `pattern` or `regexp` is missing
    matcher_lookaround,         ///< problem matcher: a lookahead or lookbehind RE2 cannot run
    matcher_backreference,      ///< problem matcher: a backreference RE2 cannot run
    matcher_regex_invalid,      ///< problem matcher: RE2 rejects the translated pattern
    matcher_regex_too_complex,  ///< problem matcher: the pattern exceeds the memory budget
    matcher_group_invalid,      ///< problem matcher: a field names a capture group the regexp lacks
    matcher_unicode_property,   ///< problem matcher: a Unicode property class (`\p{…}`), which is not supported
};

inline constexpr std::size_t error_code_count = 14;

struct ErrorCodeInfo {
    ErrorCode code;
    std::string_view id;
    std::string_view message;
};

/// The table, indexed by the enum's value.
[[nodiscard]] const std::array<ErrorCodeInfo, error_code_count>& error_code_table() noexcept;
[[nodiscard]] const ErrorCodeInfo& info(ErrorCode code) noexcept;
[[nodiscard]] inline std::string_view id(ErrorCode code) noexcept { return info(code).id; }
[[nodiscard]] std::optional<ErrorCode> parse_error_code(std::string_view id) noexcept;

/// One problem met while reading an input. `offset` is a byte offset into that input (0 when
/// it does not apply); `detail` names what was wrong (a construct, a matcher owner, a key).
struct Error {
    ErrorCode code = ErrorCode::json_syntax;
    std::size_t offset = 0;
    std::string detail;

    friend bool operator==(const Error& a, const Error& b) {
        return a.code == b.code && a.offset == b.offset && a.detail == b.detail;
    }
};

}  // namespace cci::log
