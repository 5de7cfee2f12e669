#include "cci/log/error_code.hpp"

namespace cci::log {
namespace {

constexpr std::array<ErrorCodeInfo, error_code_count> table{{
    {ErrorCode::json_syntax, "json_syntax", "The step output is not a valid JSON array of log elements."},
    {ErrorCode::json_unexpected_end, "json_unexpected_end",
     "The step output ends before its closing bracket: the download was probably cut off."},
    {ErrorCode::json_too_deep, "json_too_deep", "The step output nests values deeper than a log element can."},
    {ErrorCode::json_trailing_data, "json_trailing_data", "The step output has data after its closing bracket."},
    {ErrorCode::job_details_invalid, "job_details_invalid",
     "The job details are neither a v1.1 nor a v2 CircleCI job-details object."},
    {ErrorCode::job_details_too_large, "job_details_too_large",
     "The job details are larger than the analyser reads; they were ignored."},
    {ErrorCode::matcher_json_invalid, "matcher_json_invalid",
     "The problem matcher file is not valid problem-matcher JSON."},
    {ErrorCode::matcher_field_missing, "matcher_field_missing",
     "A problem matcher lacks a required field (owner, pattern or regexp)."},
    {ErrorCode::matcher_lookaround, "matcher_lookaround",
     "A problem matcher uses a lookahead or lookbehind, which the linear-time regex engine cannot run."},
    {ErrorCode::matcher_backreference, "matcher_backreference",
     "A problem matcher uses a backreference, which the linear-time regex engine cannot run."},
    {ErrorCode::matcher_regex_invalid, "matcher_regex_invalid", "A problem matcher's regexp is not valid."},
    {ErrorCode::matcher_regex_too_complex, "matcher_regex_too_complex",
     "A problem matcher's regexp needs more memory than allowed."},
    {ErrorCode::matcher_group_invalid, "matcher_group_invalid",
     "A problem matcher maps a field to a capture group its regexp does not have."},
    {ErrorCode::matcher_unicode_property, "matcher_unicode_property",
     "A problem matcher uses a Unicode property class (\\p{…}), which is not supported: spell out the characters."},
}};

}  // namespace

const std::array<ErrorCodeInfo, error_code_count>& error_code_table() noexcept { return table; }

const ErrorCodeInfo& info(ErrorCode code) noexcept { return table[static_cast<std::size_t>(code)]; }

std::optional<ErrorCode> parse_error_code(std::string_view text) noexcept {
    for (const auto& entry : table) {
        if (entry.id == text) return entry.code;
    }
    return std::nullopt;
}

}  // namespace cci::log
