// The log analyser: bytes of one or more steps in, a ranked, categorised, redacted Analysis out.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cci/log/analysis.hpp"
#include "cci/log/job_details.hpp"

namespace cci::log {

/// How a step's bytes are to be read. Ids are contracts (CLI, JS options).
enum class InputFormat {
    auto_detect,  ///< `[` then `{`/`]` → step output; `{` → job details (else raw text); anything else → raw text
    step_output,  ///< the JSON array behind `output_url`
    job_details,  ///< v1.1 or v2 job-details JSON
    raw_text,     ///< plain terminal output, from CircleCI's raw endpoint or any CI
};

inline constexpr std::size_t input_format_count = 4;

struct InputFormatInfo {
    InputFormat format;
    std::string_view id;
};

[[nodiscard]] const std::array<InputFormatInfo, input_format_count>& input_format_table() noexcept;
[[nodiscard]] const InputFormatInfo& info(InputFormat format) noexcept;
[[nodiscard]] inline std::string_view id(InputFormat format) noexcept { return info(format).id; }
[[nodiscard]] std::optional<InputFormat> parse_input_format(std::string_view id) noexcept;

struct AnalyzerOptions {
    InputFormat format = InputFormat::auto_detect;
    std::string problem_matchers;           ///< problem-matcher JSON; empty for none
    std::size_t max_line_bytes = 4096;      ///< longer lines are cut and flagged
    std::size_t context_lines = 3;          ///< lines kept before and after each finding
    std::size_t max_findings = 100;         ///< distinct findings kept (the best ranked)
    std::size_t head_lines = 10;
    std::size_t tail_lines = 30;
    std::size_t max_job_details_bytes = 16u << 20;
};

/// Reads `{"format","problem_matchers","max_line_bytes","context_lines","max_findings",
/// "head_lines","tail_lines"}` (all optional); nullopt when a present field has the wrong type
/// or an unknown format id.
[[nodiscard]] std::optional<AnalyzerOptions> analyzer_options_from_json(const nlohmann::json& json);

/// What the caller knows about the step whose bytes follow `begin_step`.
struct StepInfo {
    std::string name;
    std::optional<std::int64_t> step;
    std::optional<std::int64_t> container;
    bool failed = false;
    std::optional<std::int64_t> exit_code;
    bool truncated = false;
};

/// Reads `{"name","step","container","failed","exit_code","truncated"}` (all optional);
/// mistyped fields are ignored. Never throws.
[[nodiscard]] StepInfo step_info_from_json(const nlohmann::json& json);

/// Incremental analysis with bounded memory (findings, their context, a head/tail window).
/// Feed bytes in chunks of any size; `feed` without `begin_step` reads one anonymous step.
/// Problem-matcher errors from the options are reported in `Analysis::errors`.
class Analyzer {
public:
    explicit Analyzer(AnalyzerOptions options = {});
    ~Analyzer();
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;

    /// CircleCI's view of the job: failing steps/containers, exit codes, flags, messages.
    void set_job_details(JobDetails details);
    /// Ends any open step and starts a new one.
    void begin_step(StepInfo step);
    void feed(std::string_view chunk);
    void end_step();
    /// Ends any open step and returns the analysis. The analyser is spent afterwards.
    [[nodiscard]] Analysis finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// One-shot: one input, format per `options`.
[[nodiscard]] Analysis analyze(std::string_view input, const AnalyzerOptions& options = {});

}  // namespace cci::log
