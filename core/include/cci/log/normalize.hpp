// Terminal-output normaliser: raw step-output bytes in, the lines a reader would see out.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cci::log {

/// Where one finished line lies in a `LineBlock`, without its terminator.
struct LineSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool capped = false;     ///< longer than the normaliser's cap and cut there
    bool non_ascii = false;  ///< may hold bytes >= 0x80; false only when it holds none
};

/// Finished lines laid end to end in one buffer (other bytes may lie between them), so that a
/// consumer can scan many lines in one pass. `padding` readable bytes of unspecified value
/// follow `text`. Valid only during `LineSink::on_lines`.
struct LineBlock {
    static constexpr std::size_t padding = 64;

    std::string_view text;
    const std::vector<LineSpan>& lines;

    [[nodiscard]] std::string_view line(std::size_t i) const {
        return text.substr(lines[i].begin, lines[i].end - lines[i].begin);
    }
};

/// Receives the finished lines in order, a block at a time. Every line a `feed` or `finish`
/// call completes is handed over before that call returns.
class LineSink {
public:
    virtual ~LineSink() = default;
    virtual void on_lines(const LineBlock& block) = 0;
};

/// Counters of what normalisation changed or dropped.
struct NormalizeStats {
    std::uint64_t lines = 0;
    std::uint64_t capped_lines = 0;
    std::uint64_t invalid_utf8 = 0;  ///< ill-formed sequences, each replaced by U+FFFD
    std::uint64_t nul_bytes = 0;     ///< NUL bytes, dropped
};

/// Streaming normaliser. Removes the whole ECMA-48 escape grammar (CSI with any parameters
/// and intermediates, OSC/DCS/APC/PM/SOS strings, two-byte escapes); applies what changes
/// the final text of a line (`\r` and cursor-to-column-1 make the next text overwrite the
/// line, `ESC[2K`/`ESC[1K` erase it, `ESC[K` after `\r` erases it), so `\r` progress bars
/// collapse to their last state; treats CRLF as a line end; replaces ill-formed UTF-8 with
/// U+FFFD; drops NUL and other control characters except tab; cuts lines at
/// `max_line_bytes` (on a character boundary) and flags them; and strips other CIs' line
/// markers (see `strip_ci_markers`). Any split of the input into chunks gives the same lines.
class LineNormalizer {
public:
    explicit LineNormalizer(std::size_t max_line_bytes = 4096) noexcept;

    void feed(std::string_view bytes, LineSink& sink);
    /// Emits the last line if the input did not end with a line break.
    void finish(LineSink& sink);

    [[nodiscard]] const NormalizeStats& stats() const noexcept { return stats_; }

private:
    enum class State : std::uint8_t { text, cr, esc, esc_intermediate, csi, control_string, control_string_esc };

    void put(const char* data, std::size_t size);
    void append(const char* data, std::size_t size);
    void reserve(std::size_t more);
    void put_replacement();
    std::size_t text_fast(const char* s, std::size_t i, std::size_t n, LineSink& sink);
    void clear_line() noexcept;
    void end_line(LineSink& sink);
    void flush(LineSink& sink);
    void csi_final(char final_byte);

    std::size_t max_line_bytes_;
    State state_ = State::text;
    std::string block_;            // finished lines not yet handed over, then the current line
    std::vector<LineSpan> lines_;  // the finished lines in `block_`
    std::size_t line_start_ = 0;   // where the current line begins in `block_`
    std::size_t line_size_ = 0;
    bool capped_ = false;
    bool non_ascii_ = false;       // the current line holds a byte >= 0x80
    bool overwrite_ = false;       // the cursor went back to column 1: the next text replaces the line
    static constexpr std::size_t max_params = 32;
    std::array<char, max_params> params_{};  // CSI parameter bytes, the first `max_params`
    std::size_t params_size_ = 0;
    std::size_t control_length_ = 0;
    char utf8_[4] = {};
    int utf8_have_ = 0;
    int utf8_need_ = 0;
    NormalizeStats stats_;
};

/// Removes one line's markers of other CIs, as pasted logs carry them: a GitHub Actions
/// timestamp (`2024-01-02T03:04:05.6789012Z `) and `##[group]`/`##[endgroup]`/`##[error]`/…
/// prefixes, Travis `travis_fold:`/`travis_time:` markers, GitLab `section_start:`/
/// `section_end:` markers, and Docker BuildKit's `#8 1.902 ` step prefix. Returns a view
/// into `line`.
[[nodiscard]] std::string_view strip_ci_markers(std::string_view line) noexcept;

/// One-shot convenience: the normalised lines of `bytes`.
[[nodiscard]] std::vector<std::string> normalize_lines(std::string_view bytes, std::size_t max_line_bytes = 4096);

}  // namespace cci::log
