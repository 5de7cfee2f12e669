#include "cci/log/step_output.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "log_json_unescape.hpp"
#include "log_scan.hpp"

namespace cci::log {
namespace {

constexpr std::size_t max_small = 48;   // `type` / `time` values and keys are cut here
constexpr std::size_t max_literal = 64;

bool is_ws(unsigned char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool is_literal_char(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '+' ||
           c == '.';
}

int hex_value(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

constexpr std::uint32_t replacement = 0xFFFD;

// By the byte after a backslash: what a single-character JSON escape decodes to, or 0.
constexpr std::array<char, 256> simple_escapes = [] {
    std::array<char, 256> t{};
    t['"'] = '"';
    t['\\'] = '\\';
    t['/'] = '/';
    t['b'] = '\b';
    t['f'] = '\f';
    t['n'] = '\n';
    t['r'] = '\r';
    t['t'] = '\t';
    return t;
}();

bool is_high(std::uint32_t cp) { return cp >= 0xD800 && cp <= 0xDBFF; }
bool is_low(std::uint32_t cp) { return cp >= 0xDC00 && cp <= 0xDFFF; }

bool valid_literal(const std::string& text) {
    if (text == "true" || text == "false" || text == "null") return true;
    if (text.empty()) return false;
    const unsigned char first = static_cast<unsigned char>(text[0]);
    if (first != '-' && !(first >= '0' && first <= '9')) return false;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (!((u >= '0' && u <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) return false;
    }
    return true;
}

}  // namespace

void StepOutputReader::fail(ErrorCode code, std::size_t offset) {
    state_ = State::failed;
    error_ = Error{code, offset, {}};
}

void StepOutputReader::append_message(const char* data, std::size_t size, StepOutputSink& sink) {
    while (size > 0) {
        if (piece_size_ == 0 && size >= max_piece) {  // a long run needs no copy
            sink.on_message(std::string_view(data, max_piece));
            data += max_piece;
            size -= max_piece;
            continue;
        }
        if (piece_.size() != max_piece) piece_.resize(max_piece);
        const std::size_t take = std::min(size, max_piece - piece_size_);
        std::memcpy(piece_.data() + piece_size_, data, take);
        piece_size_ += take;
        data += take;
        size -= take;
        if (piece_size_ == max_piece) flush(sink);
    }
}

void StepOutputReader::emit(std::string_view bytes, StepOutputSink& sink) {
    switch (target_) {
        case Target::message:
            append_message(bytes.data(), bytes.size(), sink);
            return;
        case Target::key:
            if (key_.size() < max_small) key_.append(bytes.substr(0, max_small - key_.size()));
            return;
        case Target::small:
            if (small_.size() < max_small) small_.append(bytes.substr(0, max_small - small_.size()));
            return;
        case Target::skipped:
            return;
    }
}

void StepOutputReader::flush(StepOutputSink& sink) {
    if (piece_size_ == 0) return;
    sink.on_message(std::string_view(piece_.data(), piece_size_));
    piece_size_ = 0;
}

void StepOutputReader::append_code_point(std::uint32_t cp, StepOutputSink& sink) {
    std::string encoded;
    append_utf8(encoded, cp);
    emit(encoded, sink);
}

void StepOutputReader::end_string(StepOutputSink& /*sink*/) {
    switch (target_) {
        case Target::key:
            state_ = State::colon;
            return;
        case Target::small:
            if (key_ == "type") element_.type = small_;
            if (key_ == "time") element_.time = small_;
            state_ = State::after_value;
            return;
        case Target::message:
        case Target::skipped:
            state_ = State::after_value;
            return;
    }
}

void StepOutputReader::end_element(StepOutputSink& sink) {
    flush(sink);
    sink.on_element_end(element_);
    ++element_.index;
    element_.type.clear();
    element_.time.clear();
    state_ = State::array_next;
}

// Scans string content from `i`; returns the index of the first byte not consumed. Looks at
// most `window` bytes ahead so that dense escapes keep the scan linear.
std::size_t StepOutputReader::scan_string(std::string_view chunk, std::size_t i, StepOutputSink& sink) {
    constexpr std::size_t window = 4096;
    const char* begin = chunk.data() + i;
    const std::size_t left = std::min(window, chunk.size() - i);
    const void* quote = std::memchr(begin, '"', left);
    const std::size_t limit = quote ? static_cast<std::size_t>(static_cast<const char*>(quote) - begin) : left;
    const void* backslash = std::memchr(begin, '\\', limit);
    const std::size_t run =
        backslash ? static_cast<std::size_t>(static_cast<const char*>(backslash) - begin) : limit;
    if (run > 0) emit(std::string_view(begin, run), sink);
    return i + run;
}

// The common case of message content: runs between escapes are copied whole, and escapes
// that lie entirely in `chunk` are decoded here. Anything else (an escape split by the chunk's
// end, a lone surrogate, an invalid escape) is left to the state machine at its backslash.
// Returns the index of the first byte not consumed.
std::size_t StepOutputReader::scan_message(std::string_view chunk, std::size_t i, StepOutputSink& sink) {
    const char* s = chunk.data();
    const std::size_t n = chunk.size();
    const auto hex4 = [&](std::size_t at) -> int {
        int v = 0;
        for (std::size_t k = at; k < at + 4; ++k) {
            const int d = hex_value(static_cast<unsigned char>(s[k]));
            if (d < 0) return -1;
            v = (v << 4) | d;
        }
        return v;
    };
    if (piece_.size() != max_piece) piece_.resize(max_piece);
    static const json_unescape::RunDecode decode_run = json_unescape::best_decode();
    while (i < n) {
        while (decode_run != nullptr && n - i >= json_unescape::block) {
            if (max_piece - piece_size_ < json_unescape::block + json_unescape::slack) flush(sink);
            const auto decoded = decode_run(s + i, n - i, piece_.data() + piece_size_, max_piece - piece_size_);
            i += decoded.consumed;
            piece_size_ += decoded.produced;
            if (decoded.stop) break;
        }
        const std::size_t room = max_piece - piece_size_;
        const std::size_t copied = scan::copy_until_quote_or_backslash(s, i, n, piece_.data() + piece_size_, room);
        piece_size_ += copied;
        const std::size_t j = i + copied;
        if (j == n) return n;
        if (copied == room && s[j] != '"' && s[j] != '\\') {  // the buffer is full inside a run
            flush(sink);
            i = j;
            continue;
        }
        if (s[j] == '"') {
            end_string(sink);
            return j + 1;
        }
        if (j + 1 == n) {
            state_ = State::string_escape;
            return n;
        }
        char decoded = simple_escapes[static_cast<unsigned char>(s[j + 1])];
        if (decoded == 0 && s[j + 1] == 'u') {
            const int cp = j + 6 <= n ? hex4(j + 2) : -1;
            if (cp >= 0 && cp < 0x80) {  // ASCII, e.g. ESC: one byte
                if (piece_size_ == max_piece) flush(sink);
                piece_[piece_size_++] = static_cast<char>(cp);
                if (piece_size_ == max_piece) flush(sink);  // as `append_message` would
                i = j + 6;
                continue;
            }
        }
        switch (decoded != 0 ? '\0' : s[j + 1]) {
            case 'u': {
                const int cp = j + 6 <= n ? hex4(j + 2) : -1;
                std::string utf8;
                std::size_t used = 6;
                if (cp >= 0 && !is_high(static_cast<std::uint32_t>(cp)) && !is_low(static_cast<std::uint32_t>(cp))) {
                    append_utf8(utf8, static_cast<std::uint32_t>(cp));
                } else if (cp >= 0 && is_high(static_cast<std::uint32_t>(cp)) && j + 12 <= n && s[j + 6] == '\\' &&
                           s[j + 7] == 'u') {
                    const int low = hex4(j + 8);
                    if (low < 0 || !is_low(static_cast<std::uint32_t>(low))) break;
                    append_utf8(utf8, 0x10000 + ((static_cast<std::uint32_t>(cp) - 0xD800) << 10) +
                                          (static_cast<std::uint32_t>(low) - 0xDC00));
                    used = 12;
                }
                if (utf8.empty()) break;
                append_message(utf8.data(), utf8.size(), sink);
                i = j + used;
                continue;
            }
            default: break;
        }
        if (decoded == 0) {
            state_ = State::string_escape;  // the state machine takes the escape from here
            return j + 1;
        }
        if (piece_size_ == max_piece) flush(sink);
        piece_[piece_size_++] = decoded;
        i = j + 2;
    }
    return n;
}

void StepOutputReader::unicode_done(StepOutputSink& sink) {
    const std::uint32_t cp = unicode_;
    if (unicode_low_) {
        unicode_low_ = false;
        if (is_low(cp)) {
            append_code_point(0x10000 + ((high_ - 0xD800) << 10) + (cp - 0xDC00), sink);
            state_ = State::string;
            return;
        }
        append_code_point(replacement, sink);
    }
    if (is_high(cp)) {
        high_ = cp;
        state_ = State::string_low_escape;
        return;
    }
    append_code_point(is_low(cp) ? replacement : cp, sink);
    state_ = State::string;
}

void StepOutputReader::escape(char c, std::size_t at, StepOutputSink& sink) {
    char out = 0;
    switch (c) {
        case '"': out = '"'; break;
        case '\\': out = '\\'; break;
        case '/': out = '/'; break;
        case 'b': out = '\b'; break;
        case 'f': out = '\f'; break;
        case 'n': out = '\n'; break;
        case 'r': out = '\r'; break;
        case 't': out = '\t'; break;
        case 'u':
            unicode_ = 0;
            unicode_digits_ = 0;
            state_ = State::string_unicode;
            return;
        default:
            fail(ErrorCode::json_syntax, at);
            return;
    }
    emit(std::string_view(&out, 1), sink);
    state_ = State::string;
}

void StepOutputReader::begin_value(char c, std::size_t at) {
    const bool is_message = key_ == "message";
    const bool is_small = key_ == "type" || key_ == "time";
    if (c == '"') {
        target_ = is_message ? Target::message : is_small ? Target::small : Target::skipped;
        small_.clear();
        state_ = State::string;
    } else if (c == '{' || c == '[') {
        skip_stack_.assign(1, c);
        skip_in_string_ = false;
        skip_escape_ = false;
        state_ = State::skip;
    } else if (is_literal_char(static_cast<unsigned char>(c))) {
        literal_.assign(1, c);
        state_ = State::literal;
    } else {
        fail(ErrorCode::json_syntax, at);
    }
}

void StepOutputReader::end_literal(std::size_t at) {
    if (!valid_literal(literal_)) {
        fail(ErrorCode::json_syntax, at - literal_.size());
        return;
    }
    state_ = State::after_value;
}

void StepOutputReader::feed(std::string_view chunk, StepOutputSink& sink) {
    const std::size_t base = offset_;
    std::size_t i = 0;
    const std::size_t n = chunk.size();
    while (i < n && state_ != State::failed) {
        const char c = chunk[i];
        const auto u = static_cast<unsigned char>(c);
        switch (state_) {
            case State::start:
                if (c == '[') {
                    state_ = State::array_first;
                } else if (!is_ws(u) && !(base + i < 3 && (u == 0xEF || u == 0xBB || u == 0xBF))) {
                    fail(ErrorCode::json_syntax, base + i);
                }
                ++i;
                break;
            case State::array_first:
            case State::array_next:
            case State::array_comma:
                if (!is_ws(u)) {
                    if (c == '{' && state_ != State::array_next) {
                        state_ = State::object_first;
                    } else if (c == ']' && state_ != State::array_comma) {
                        state_ = State::done;
                    } else if (c == ',' && state_ == State::array_next) {
                        state_ = State::array_comma;
                    } else {
                        fail(ErrorCode::json_syntax, base + i);
                    }
                }
                ++i;
                break;
            case State::object_first:
            case State::object_key:
                if (!is_ws(u)) {
                    if (c == '"') {
                        key_.clear();
                        target_ = Target::key;
                        state_ = State::string;
                    } else if (c == '}' && state_ == State::object_first) {
                        end_element(sink);
                    } else {
                        fail(ErrorCode::json_syntax, base + i);
                    }
                }
                ++i;
                break;
            case State::colon:
                if (c == ':') {
                    state_ = State::value;
                } else if (!is_ws(u)) {
                    fail(ErrorCode::json_syntax, base + i);
                }
                ++i;
                break;
            case State::value:
                if (!is_ws(u)) begin_value(c, base + i);
                ++i;
                break;
            case State::after_value:
                if (c == ',') {
                    state_ = State::object_key;
                } else if (c == '}') {
                    end_element(sink);
                } else if (!is_ws(u)) {
                    fail(ErrorCode::json_syntax, base + i);
                }
                ++i;
                break;
            case State::string:
                if (target_ == Target::message) {
                    i = scan_message(chunk, i, sink);
                    break;
                }
                i = scan_string(chunk, i, sink);
                if (i < n && (chunk[i] == '"' || chunk[i] == '\\')) {
                    if (chunk[i] == '"') {
                        end_string(sink);
                    } else {
                        state_ = State::string_escape;
                    }
                    ++i;
                }
                break;
            case State::string_escape:
                escape(c, base + i, sink);
                ++i;
                break;
            case State::string_unicode: {
                const int v = hex_value(u);
                if (v < 0) {
                    fail(ErrorCode::json_syntax, base + i);
                    break;
                }
                unicode_ = (unicode_ << 4) | static_cast<std::uint32_t>(v);
                if (++unicode_digits_ == 4) unicode_done(sink);
                ++i;
                break;
            }
            case State::string_low_escape:
                if (c == '\\') {
                    state_ = State::string_low_u;
                    ++i;
                } else {
                    append_code_point(replacement, sink);
                    state_ = State::string;  // reprocess `c` as string content
                }
                break;
            case State::string_low_u:
                if (c == 'u') {
                    unicode_ = 0;
                    unicode_digits_ = 0;
                    unicode_low_ = true;
                    state_ = State::string_unicode;
                } else {
                    append_code_point(replacement, sink);
                    escape(c, base + i, sink);
                }
                ++i;
                break;
            case State::literal:
                if (is_literal_char(u)) {
                    if (literal_.size() >= max_literal) {
                        fail(ErrorCode::json_syntax, base + i);
                        break;
                    }
                    literal_.push_back(c);
                    ++i;
                } else {
                    end_literal(base + i);  // reprocess `c` in after_value
                }
                break;
            case State::skip:
                if (skip_in_string_) {
                    if (skip_escape_) {
                        skip_escape_ = false;
                    } else if (c == '\\') {
                        skip_escape_ = true;
                    } else if (c == '"') {
                        skip_in_string_ = false;
                    }
                } else if (c == '"') {
                    skip_in_string_ = true;
                } else if (c == '{' || c == '[') {
                    if (skip_stack_.size() >= max_depth) {
                        fail(ErrorCode::json_too_deep, base + i);
                        break;
                    }
                    skip_stack_.push_back(c);
                } else if (c == '}' || c == ']') {
                    const char open = c == '}' ? '{' : '[';
                    if (skip_stack_.back() != open) {
                        fail(ErrorCode::json_syntax, base + i);
                        break;
                    }
                    skip_stack_.pop_back();
                    if (skip_stack_.empty()) state_ = State::after_value;
                }
                ++i;
                break;
            case State::done:
                if (!is_ws(u)) fail(ErrorCode::json_trailing_data, base + i);
                ++i;
                break;
            case State::failed:
                break;
        }
    }
    offset_ = base + n;
    flush(sink);
}

void StepOutputReader::finish(StepOutputSink& sink) {
    if (state_ == State::done || state_ == State::failed) return;
    flush(sink);
    fail(ErrorCode::json_unexpected_end, offset_);
}

}  // namespace cci::log
