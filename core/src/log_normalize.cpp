#include "cci/log/normalize.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "ascii.hpp"
#include "log_scan.hpp"

namespace cci::log {
namespace {

using ascii::is_digit;
using ascii::starts_with;

// Finished lines are handed over once this many bytes of them are buffered (and at the end of
// every `feed`).
constexpr std::size_t block_bytes = 64 * 1024;
constexpr std::size_t max_control_string = 4096;
constexpr std::string_view replacement = "\xEF\xBF\xBD";

// Bytes that may follow `lead` as its first continuation byte (RFC 3629 table).
bool first_continuation_ok(unsigned char lead, unsigned char c) {
    switch (lead) {
        case 0xE0: return c >= 0xA0 && c <= 0xBF;
        case 0xED: return c >= 0x80 && c <= 0x9F;
        case 0xF0: return c >= 0x90 && c <= 0xBF;
        case 0xF4: return c >= 0x80 && c <= 0x8F;
        default: return c >= 0x80 && c <= 0xBF;
    }
}

int continuation_count(unsigned char lead) {
    if (lead >= 0xC2 && lead <= 0xDF) return 1;
    if (lead >= 0xE0 && lead <= 0xEF) return 2;
    if (lead >= 0xF0 && lead <= 0xF4) return 3;
    return -1;
}

// `2024-01-02T03:04:05Z ` or with fractional seconds; returns its length or 0.
std::size_t github_timestamp_length(std::string_view s) {
    constexpr std::size_t shape = 19;  // up to the seconds
    // The separators first: they turn away most lines at once.
    if (s.size() <= shape || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return 0;
    for (const std::size_t d : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
        if (!is_digit(s[d])) return 0;
    }
    std::size_t i = shape;
    if (s[i] == '.') {
        ++i;
        while (i < s.size() && is_digit(s[i])) ++i;
    }
    if (i >= s.size() || s[i] != 'Z') return 0;
    if (i + 1 == s.size()) return i + 1;
    return s[i + 1] == ' ' ? i + 2 : 0;
}

// Docker BuildKit's plain progress prefix: `#8 1.902 `.
std::size_t buildkit_prefix_length(std::string_view s) {
    if (s.size() < 4 || s[0] != '#' || !is_digit(s[1])) return 0;
    std::size_t i = 1;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i >= s.size() || s[i] != ' ') return 0;
    std::size_t j = ++i;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j == i || j >= s.size() || s[j] != '.') return 0;
    std::size_t k = ++j;
    while (k < s.size() && is_digit(s[k])) ++k;
    if (k == j || k >= s.size() || s[k] != ' ') return 0;
    return k + 1;
}

std::string_view drop_token(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    return s.substr(i);
}

}  // namespace

std::string_view strip_ci_markers(std::string_view line) noexcept {
    line.remove_prefix(github_timestamp_length(line));
    line.remove_prefix(buildkit_prefix_length(line));
    if (line.empty()) return line;
    switch (line[0]) {
        case '#':
            if (starts_with(line, "##[")) {
                constexpr std::array<std::string_view, 9> names{"group]",  "endgroup]", "error]",   "warning]", "debug]",
                                                                "notice]", "section]",  "command]", "info]"};
                for (const auto name : names) {
                    if (starts_with(line.substr(3), name)) return line.substr(3 + name.size());
                }
            }
            return line;
        case 't':
            if (!starts_with(line, "travis_")) return line;
            return starts_with(line.substr(7), "fold:") || starts_with(line.substr(7), "time:") ? drop_token(line) : line;
        case 's':
            if (!starts_with(line, "section_")) return line;
            return starts_with(line.substr(8), "start:") || starts_with(line.substr(8), "end:") ? drop_token(line) : line;
        default: return line;
    }
}

LineNormalizer::LineNormalizer(std::size_t max_line_bytes) noexcept
    : max_line_bytes_(max_line_bytes == 0 ? 1 : max_line_bytes) {}

void LineNormalizer::clear_line() noexcept {
    line_size_ = 0;
    capped_ = false;
    overwrite_ = false;
    non_ascii_ = false;
}

// Makes room for `more` bytes after the current line, and the block's padding after them.
void LineNormalizer::reserve(std::size_t more) {
    const std::size_t need = line_start_ + line_size_ + more + LineBlock::padding;
    if (block_.size() < need) block_.resize(std::max(need, 2 * block_.size()));
}

void LineNormalizer::append(const char* data, std::size_t size) {
    reserve(size);
    std::memcpy(block_.data() + line_start_ + line_size_, data, size);
    line_size_ += size;
}

void LineNormalizer::put(const char* data, std::size_t size) {
    if (overwrite_) clear_line();
    if (capped_) return;
    non_ascii_ = non_ascii_ || static_cast<unsigned char>(data[0]) >= 0x80;
    const std::size_t room = max_line_bytes_ - line_size_;
    if (size <= room) {
        append(data, size);
        return;
    }
    // An ASCII run may be cut anywhere; a multi-byte character is kept whole or dropped.
    if (static_cast<unsigned char>(data[0]) < 0x80) append(data, room);
    capped_ = true;
}

void LineNormalizer::put_replacement() {
    ++stats_.invalid_utf8;
    put(replacement.data(), replacement.size());
}

void LineNormalizer::end_line(LineSink& sink) {
    ++stats_.lines;
    if (capped_) ++stats_.capped_lines;
    reserve(0);
    const std::string_view text = strip_ci_markers(std::string_view(block_.data() + line_start_, line_size_));
    const auto begin = static_cast<std::size_t>(text.data() - block_.data());
    lines_.push_back({begin, begin + text.size(), capped_, non_ascii_});
    line_start_ += line_size_;
    clear_line();
    if (line_start_ >= block_bytes) flush(sink);
}

// Hands the finished lines over and moves the current line to the front of the buffer.
void LineNormalizer::flush(LineSink& sink) {
    if (lines_.empty()) return;
    sink.on_lines(LineBlock{std::string_view(block_.data(), line_start_), lines_});
    lines_.clear();
    std::memmove(block_.data(), block_.data() + line_start_, line_size_);
    line_start_ = 0;
}

void LineNormalizer::csi_final(char final_byte) {
    const auto param_is = [&](char digit) { return params_size_ == 1 && params_[0] == digit; };
    switch (final_byte) {
        case 'K':
            if (param_is('1') || param_is('2') || ((params_size_ == 0 || param_is('0')) && overwrite_)) clear_line();
            return;
        case 'J':
            if (param_is('2') || param_is('3')) clear_line();
            return;
        case 'G':
            if (params_size_ == 0 || param_is('1')) overwrite_ = true;
            return;
        case 'D': {
            std::size_t n = 0;
            for (std::size_t k = 0; k < params_size_; ++k) {
                const char c = params_[k];
                if (!is_digit(c) || n > 100000) return;
                n = n * 10 + static_cast<std::size_t>(c - '0');
            }
            if (n == 0) n = 1;
            if (n >= line_size_) overwrite_ = true;
            return;
        }
        default:
            return;
    }
}

// The common case in the text state: printable runs, CRLF and LF line ends, tabs, complete
// CSI sequences and complete well-formed UTF-8 characters, as the state machine below would
// handle them. Stops at the first byte it leaves to the state machine (or at `n`); returns
// its index, with `state_` still `text`.
std::size_t LineNormalizer::text_fast(const char* s, std::size_t i, std::size_t n, LineSink& sink) {
    static const scan::PrintableScanners printable = scan::best_printable_scanners();
    while (i < n) {
        const auto u = static_cast<unsigned char>(s[i]);
        if (u >= 0x20 && u < 0x7F) {  // a printable run, as `put` would take it
            if (overwrite_) clear_line();
            if (capped_) {
                i = printable.find(s, i, n);
                continue;
            }
            const std::size_t room = max_line_bytes_ - line_size_;
            reserve(std::min(room, n - i));
            const std::size_t copied = printable.copy(s, i, n, block_.data() + line_start_ + line_size_, room);
            line_size_ += copied;
            i += copied;
            if (copied == room && i < n && static_cast<unsigned char>(s[i]) >= 0x20 &&
                static_cast<unsigned char>(s[i]) < 0x7F) {
                capped_ = true;
            }
            continue;
        }
        if (u == '\n') {
            end_line(sink);
            ++i;
        } else if (u == '\r' && i + 1 < n && s[i + 1] == '\n') {
            end_line(sink);
            i += 2;
        } else if (u == '\t') {
            put(s + i, 1);
            ++i;
        } else if (u == 0x1B && i + 1 < n && s[i + 1] == '[') {
            std::size_t k = i + 2;
            params_size_ = 0;
            while (k < n) {
                const auto c = static_cast<unsigned char>(s[k]);
                if (c >= 0x30 && c <= 0x3F) {
                    if (params_size_ < max_params) params_[params_size_++] = static_cast<char>(c);
                } else if (c < 0x20 || c > 0x2F) {
                    break;
                }
                ++k;
            }
            if (k == n) {
                state_ = State::csi;  // the parameters read so far carry over
                return n;
            }
            const auto final_byte = static_cast<unsigned char>(s[k]);
            if (final_byte >= 0x40 && final_byte <= 0x7E) {
                csi_final(static_cast<char>(final_byte));
                ++k;
            }
            i = k;
        } else if (u >= 0xC2 && u <= 0xF4) {
            const int more = continuation_count(u);
            if (i + static_cast<std::size_t>(more) >= n ||
                !first_continuation_ok(u, static_cast<unsigned char>(s[i + 1]))) {
                return i;
            }
            for (int k = 2; k <= more; ++k) {
                const auto c = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
                if (c < 0x80 || c > 0xBF) return i;
            }
            put(s + i, static_cast<std::size_t>(more) + 1);
            i += static_cast<std::size_t>(more) + 1;
        } else {
            return i;
        }
    }
    return n;
}

void LineNormalizer::feed(std::string_view bytes, LineSink& sink) {
    const char* s = bytes.data();
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        const char c = s[i];
        const auto u = static_cast<unsigned char>(c);
        switch (state_) {
            case State::text:
                if (utf8_need_ == 0) {
                    const std::size_t next = text_fast(s, i, n, sink);
                    if (next != i) {
                        i = next;
                        break;
                    }
                }
                if (utf8_need_ > 0) {
                    const bool ok = utf8_have_ == 1 ? first_continuation_ok(static_cast<unsigned char>(utf8_[0]), u)
                                                    : (u >= 0x80 && u <= 0xBF);
                    if (!ok) {
                        utf8_need_ = 0;
                        put_replacement();
                        break;  // reprocess `c`
                    }
                    utf8_[utf8_have_++] = c;
                    if (--utf8_need_ == 0) put(utf8_, static_cast<std::size_t>(utf8_have_));
                    ++i;
                    break;
                }
                ++i;  // not printable: `text_fast` takes printable runs
                if (u >= 0x80) {
                    const int more = continuation_count(u);
                    if (more < 0) {
                        put_replacement();
                    } else {
                        utf8_[0] = c;
                        utf8_have_ = 1;
                        utf8_need_ = more;
                    }
                } else if (c == '\n') {
                    end_line(sink);
                } else if (c == '\r') {
                    state_ = State::cr;
                } else if (c == '\x1b') {
                    state_ = State::esc;
                } else if (c == '\t') {
                    put(&c, 1);
                } else if (c == '\0') {
                    ++stats_.nul_bytes;
                }
                break;
            case State::cr:
                state_ = State::text;
                if (c == '\n') {
                    end_line(sink);
                    ++i;
                } else {
                    overwrite_ = true;  // reprocess `c`
                }
                break;
            case State::esc:
                if (c == '[') {
                    params_size_ = 0;
                    state_ = State::csi;
                } else if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
                    control_length_ = 0;
                    state_ = State::control_string;
                } else if (u >= 0x20 && u <= 0x2F) {
                    state_ = State::esc_intermediate;
                } else if (u >= 0x30 && u <= 0x7E) {
                    state_ = State::text;
                } else {
                    state_ = State::text;
                    break;  // reprocess `c`
                }
                ++i;
                break;
            case State::esc_intermediate:
                if (u >= 0x20 && u <= 0x2F) {
                    ++i;
                } else {
                    state_ = State::text;
                    if (u >= 0x30 && u <= 0x7E) ++i;
                }
                break;
            case State::csi:
                if (u >= 0x30 && u <= 0x3F) {
                    if (params_size_ < max_params) params_[params_size_++] = c;
                    ++i;
                } else if (u >= 0x20 && u <= 0x2F) {
                    ++i;
                } else {
                    state_ = State::text;
                    if (u >= 0x40 && u <= 0x7E) {
                        csi_final(c);
                        ++i;
                    }
                }
                break;
            case State::control_string:
                if (c == '\x07') {
                    state_ = State::text;
                    ++i;
                } else if (c == '\x1b') {
                    state_ = State::control_string_esc;
                    ++i;
                } else if (c == '\n' || ++control_length_ > max_control_string) {
                    state_ = State::text;  // unterminated: give the text back
                } else {
                    ++i;
                }
                break;
            case State::control_string_esc:
                if (c == '\\') {
                    state_ = State::text;
                    ++i;
                } else {
                    state_ = State::esc;  // reprocess `c` as a new escape
                }
                break;
        }
    }
    flush(sink);
}

void LineNormalizer::finish(LineSink& sink) {
    if (utf8_need_ > 0) {
        utf8_need_ = 0;
        put_replacement();
    }
    state_ = State::text;
    if (line_size_ > 0 || capped_) end_line(sink);
    flush(sink);
}

std::vector<std::string> normalize_lines(std::string_view bytes, std::size_t max_line_bytes) {
    struct Collect : LineSink {
        std::vector<std::string> lines;
        void on_lines(const LineBlock& block) override {
            for (std::size_t i = 0; i < block.lines.size(); ++i) lines.emplace_back(block.line(i));
        }
    } collect;
    LineNormalizer normalizer(max_line_bytes);
    normalizer.feed(bytes, collect);
    normalizer.finish(collect);
    return std::move(collect.lines);
}

}  // namespace cci::log
