#include "cci/json_text.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "ascii.hpp"
#include "cci/utf8.hpp"
#include "decimal_to_double.hpp"

namespace cci {
namespace {

using json = nlohmann::json;

struct Utf8Sequence {
    std::size_t length;  ///< at least 1
    bool valid;
};

/// The well-formed UTF-8 sequence starting at `text[pos]`, or else the longest prefix of
/// one that starts there (at least its first byte): the bytes one U+FFFD stands for.
Utf8Sequence utf8_sequence(std::string_view text, std::size_t pos) noexcept {
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) return {1, true};
    std::size_t length = 0;
    unsigned char low = 0x80;  // the range of the byte after the lead (Unicode table 3-7)
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return {1, false};
    }
    std::size_t i = 1;
    for (; i < length && pos + i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[pos + i]);
        if (byte < low || byte > high) return {i, false};
        low = 0x80;
        high = 0xBF;
    }
    return {i, i == length};
}

using ascii::is_digit;

class Parser {
public:
    explicit Parser(std::string_view text) noexcept : text_(text) {}

    std::optional<json> document() {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
        json root;
        std::vector<json*> open;  // the arrays and objects being filled, innermost last
        json* slot = &root;       // where the next value goes
        for (;;) {
            skip_whitespace();
            if (at('[') || at('{')) {
                *slot = at('[') ? json(json::value_t::array) : json(json::value_t::object);
                ++pos_;
                open.push_back(slot);
                skip_whitespace();
                if (!take(closing(*slot))) {
                    slot = element_of(*slot);
                    if (slot == nullptr) return std::nullopt;
                    continue;
                }
                open.pop_back();
            } else if (!scalar(*slot)) {
                return std::nullopt;
            }
            // A value is complete: close the containers it completes, then find the place of
            // the next element (or, after the top value, the end of the text).
            for (;;) {
                skip_whitespace();
                if (open.empty()) {
                    // nlohmann takes a NUL where a token may start for the end of the text.
                    if (pos_ != text_.size() && text_[pos_] != '\0') return std::nullopt;
                    return root;
                }
                if (take(',')) break;
                if (!take(closing(*open.back()))) return std::nullopt;
                open.pop_back();
            }
            slot = element_of(*open.back());
            if (slot == nullptr) return std::nullopt;
        }
    }

private:
    static char closing(const json& container) noexcept { return container.is_array() ? ']' : '}'; }

    bool at(char c) const noexcept { return pos_ < text_.size() && text_[pos_] == c; }

    bool take(char c) noexcept {
        if (!at(c)) return false;
        ++pos_;
        return true;
    }

    void skip_whitespace() noexcept {
        while (at(' ') || at('\t') || at('\n') || at('\r')) ++pos_;
    }

    /// The place of the next element of an open array, or of an open object's next member
    /// once its key and colon are read; null when they are not there.
    json* element_of(json& container) {
        if (container.is_array()) {
            auto& elements = container.get_ref<json::array_t&>();
            elements.emplace_back();
            return &elements.back();
        }
        skip_whitespace();
        std::string key;
        if (!quoted(key)) return nullptr;
        skip_whitespace();
        if (!take(':')) return nullptr;
        return &container.get_ref<json::object_t&>()[std::move(key)];
    }

    bool scalar(json& out) {
        if (at('"')) {
            std::string text;
            if (!quoted(text)) return false;
            out = std::move(text);
            return true;
        }
        if (literal("true")) {
            out = true;
        } else if (literal("false")) {
            out = false;
        } else if (literal("null")) {
            out = nullptr;
        } else {
            return number(out);
        }
        return true;
    }

    bool literal(std::string_view word) noexcept {
        if (text_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }

    bool quoted(std::string& out) {
        if (!take('"')) return false;
        for (;;) {
            const std::size_t run = pos_;
            while (pos_ < text_.size()) {
                const auto c = static_cast<unsigned char>(text_[pos_]);
                if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
                ++pos_;
            }
            out.append(text_, run, pos_ - run);
            if (pos_ == text_.size()) return false;
            const auto c = static_cast<unsigned char>(text_[pos_]);
            if (c == '"') {
                ++pos_;
                return true;
            }
            if (c == '\\') {
                if (!escape(out)) return false;
            } else if (c < 0x20) {
                return false;
            } else {
                const Utf8Sequence sequence = utf8_sequence(text_, pos_);
                if (!sequence.valid) return false;
                out.append(text_, pos_, sequence.length);
                pos_ += sequence.length;
            }
        }
    }

    bool escape(std::string& out) {
        ++pos_;  // the backslash
        if (pos_ == text_.size()) return false;
        const char c = text_[pos_++];
        switch (c) {
            case '"': out += '"'; return true;
            case '\\': out += '\\'; return true;
            case '/': out += '/'; return true;
            case 'b': out += '\b'; return true;
            case 'f': out += '\f'; return true;
            case 'n': out += '\n'; return true;
            case 'r': out += '\r'; return true;
            case 't': out += '\t'; return true;
            case 'u': break;
            default: return false;
        }
        std::uint32_t code_point = 0;
        if (!hex4(code_point) || (code_point >= 0xDC00 && code_point <= 0xDFFF)) return false;
        if (code_point >= 0xD800 && code_point <= 0xDBFF) {
            std::uint32_t low = 0;
            if (!take('\\') || !take('u') || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, code_point);
        return true;
    }

    bool hex4(std::uint32_t& out) noexcept {
        if (text_.size() - pos_ < 4) return false;
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = text_[pos_++];
            std::uint32_t digit = 0;
            if (is_digit(c)) digit = static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') digit = static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') digit = static_cast<std::uint32_t>(c - 'A' + 10);
            else return false;
            out = out << 4 | digit;
        }
        return true;
    }

    bool digits() noexcept {
        const std::size_t first = pos_;
        while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
        return pos_ != first;
    }

    bool number(json& out) {
        const std::size_t first = pos_;
        const bool negative = take('-');
        if (!take('0') && !digits()) return false;
        bool integral = true;
        if (take('.')) {
            integral = false;
            if (!digits()) return false;
        }
        if (take('e') || take('E')) {
            integral = false;
            if (!take('+')) take('-');
            if (!digits()) return false;
        }
        const std::string_view token = text_.substr(first, pos_ - first);
        if (integral && integer(token.substr(negative ? 1 : 0), negative, out)) return true;
        const double value = decimal_to_double(token);
        if (!std::isfinite(value)) return false;
        out = value;
        return true;
    }

    /// The integer of `decimal` (digits only) and `negative`, if it fits in uint64 (or, when
    /// negative, in int64).
    static bool integer(std::string_view decimal, bool negative, json& out) noexcept {
        constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
        std::uint64_t magnitude = 0;
        for (const char c : decimal) {
            const auto digit = static_cast<std::uint64_t>(c - '0');
            if (magnitude > (max - digit) / 10) return false;
            magnitude = magnitude * 10 + digit;
        }
        if (!negative) {
            out = magnitude;
            return true;
        }
        constexpr auto min = std::numeric_limits<std::int64_t>::min();
        constexpr auto min_magnitude = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1;
        if (magnitude > min_magnitude) return false;
        out = magnitude == min_magnitude ? min : -static_cast<std::int64_t>(magnitude);
        return true;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

template <typename Integer>
void write_integer(std::string& out, Integer value) {
    std::array<char, 24> digits{};
    out.append(digits.data(), std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr);
}

void write_string(std::string& out, std::string_view text) {
    constexpr std::string_view hex = "0123456789abcdef";
    out += '"';
    for (std::size_t pos = 0; pos < text.size();) {
        const auto c = static_cast<unsigned char>(text[pos]);
        if (c >= 0x80) {
            const Utf8Sequence sequence = utf8_sequence(text, pos);
            if (sequence.valid) out.append(text, pos, sequence.length);
            else out += "\xEF\xBF\xBD";
            pos += sequence.length;
            continue;
        }
        ++pos;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 0xF];
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
}

void write_double(std::string& out, double value) {
    if (!std::isfinite(value)) {
        out += "null";
        return;
    }
    std::array<char, 64> digits{};
    out.append(digits.data(), nlohmann::detail::to_chars(digits.data(), digits.data() + digits.size(), value));
}

/// Any value but a non-empty array or object.
void write_leaf(std::string& out, const json& value) {
    switch (value.type()) {
        case json::value_t::null: out += "null"; return;
        case json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; return;
        case json::value_t::number_integer: write_integer(out, value.get<std::int64_t>()); return;
        case json::value_t::number_unsigned: write_integer(out, value.get<std::uint64_t>()); return;
        case json::value_t::number_float: write_double(out, value.get<double>()); return;
        case json::value_t::string: write_string(out, value.get_ref<const std::string&>()); return;
        case json::value_t::array: out += "[]"; return;
        case json::value_t::object: out += "{}"; return;
        case json::value_t::binary: {
            const auto& binary = value.get_binary();
            out += "{\"bytes\":[";
            for (std::size_t i = 0; i < binary.size(); ++i) {
                if (i != 0) out += ',';
                write_integer(out, binary[i]);
            }
            out += "],\"subtype\":";
            if (binary.has_subtype()) write_integer(out, binary.subtype());
            else out += "null";
            out += '}';
            return;
        }
        case json::value_t::discarded: out += "<discarded>"; return;
    }
}

}  // namespace

std::optional<nlohmann::json> parse_json(std::string_view text) { return Parser(text).document(); }

std::string dump_json(const nlohmann::json& value) {
    struct Open {
        json::const_iterator next;
        json::const_iterator end;
        char closing;
    };
    std::string out;
    std::vector<Open> open;  // the non-empty arrays and objects being written, innermost last
    for (const json* item = &value;;) {
        if ((item->is_array() || item->is_object()) && !item->empty()) {
            out += item->is_array() ? '[' : '{';
            open.push_back({item->cbegin(), item->cend(), item->is_array() ? ']' : '}'});
        } else {
            write_leaf(out, *item);
            while (!open.empty() && open.back().next == open.back().end) {
                out += open.back().closing;
                open.pop_back();
            }
            if (open.empty()) return out;
            out += ',';
        }
        Open& parent = open.back();
        if (parent.closing == '}') {
            write_string(out, parent.next.key());
            out += ':';
        }
        item = &*parent.next;
        ++parent.next;
    }
}

}  // namespace cci
