// Resumable reader for CircleCI step output: the JSON array `[{"message","time","type"},…]`
// served behind `output_url`, fed in chunks of any size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cci/log/error_code.hpp"

namespace cci::log {

/// What the reader learnt about one element once its closing `}` was read. `type` and `time`
/// are empty when absent and cut to a few dozen bytes.
struct StepOutputElement {
    std::size_t index = 0;  ///< 0-based position in the array
    std::string type;       ///< `out` or `err` in CircleCI's output
    std::string time;       ///< RFC 3339 as CircleCI wrote it
};

/// Receives the decoded document in order. `on_message` gets the current element's
/// `message` value in consecutive pieces of at most `StepOutputReader::max_piece` bytes
/// (valid JSON escapes decoded to UTF-8; a lone surrogate becomes U+FFFD; a piece may end
/// inside a multi-byte character). `on_element_end` follows once per element.
class StepOutputSink {
public:
    virtual ~StepOutputSink() = default;
    virtual void on_message(std::string_view piece) = 0;
    virtual void on_element_end(const StepOutputElement& element) = 0;
};

/// Pushes bytes through a tokenizer that keeps its state between chunks, so a 5 MB message
/// is never buffered whole and any split (inside escapes, `\u` surrogate pairs, keys or
/// literals) gives the same result. Unknown keys and their values, of any type, are skipped.
/// After the first error the reader ignores further input; `error()` says what and where.
class StepOutputReader {
public:
    static constexpr std::size_t max_piece = 64 * 1024;
    static constexpr std::size_t max_depth = 64;

    /// Reads `chunk`, calling `sink` for everything it completes.
    void feed(std::string_view chunk, StepOutputSink& sink);
    /// Declares the end of input: an unfinished document becomes `json_unexpected_end`.
    void finish(StepOutputSink& sink);

    [[nodiscard]] const std::optional<Error>& error() const noexcept { return error_; }
    [[nodiscard]] bool complete() const noexcept { return state_ == State::done; }
    [[nodiscard]] std::size_t bytes() const noexcept { return offset_; }
    [[nodiscard]] std::size_t elements() const noexcept { return element_.index; }

private:
    enum class State : std::uint8_t {
        start, array_first, array_next, array_comma, object_first, object_key, colon, value,
        after_value, string, string_escape, string_unicode, string_low_escape, string_low_u,
        literal, skip, done, failed,
    };
    enum class Target : std::uint8_t { key, message, small, skipped };

    void fail(ErrorCode code, std::size_t offset);
    void emit(std::string_view bytes, StepOutputSink& sink);
    void append_message(const char* data, std::size_t size, StepOutputSink& sink);
    std::size_t scan_message(std::string_view chunk, std::size_t i, StepOutputSink& sink);
    void flush(StepOutputSink& sink);
    void append_code_point(std::uint32_t cp, StepOutputSink& sink);
    void end_string(StepOutputSink& sink);
    std::size_t scan_string(std::string_view chunk, std::size_t i, StepOutputSink& sink);
    void escape(char c, std::size_t at, StepOutputSink& sink);
    void unicode_done(StepOutputSink& sink);
    void begin_value(char c, std::size_t at);
    void end_literal(std::size_t at);
    void end_element(StepOutputSink& sink);

    State state_ = State::start;
    Target target_ = Target::skipped;
    std::size_t offset_ = 0;        // bytes consumed so far
    std::string key_;               // current key (capped)
    std::string small_;             // current `type`/`time` value (capped)
    std::string piece_;             // buffer of `max_piece` bytes: decoded message bytes not yet handed to the sink
    std::size_t piece_size_ = 0;    // how many of them are in use
    std::vector<char> skip_stack_;  // open `[`/`{` of a skipped value
    bool skip_in_string_ = false;
    bool skip_escape_ = false;
    std::uint32_t unicode_ = 0;     // \u digits collected so far
    std::uint32_t high_ = 0;        // pending high surrogate
    int unicode_digits_ = 0;
    bool unicode_low_ = false;      // collecting the low half of a pair
    std::string literal_;           // partial true/false/null/number
    StepOutputElement element_;
    std::optional<Error> error_;
};

}  // namespace cci::log
