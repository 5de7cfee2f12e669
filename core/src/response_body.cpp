#include "cci/response_body.hpp"

#include <cstdint>

#include "cci/redaction.hpp"
#include "cci/utf8.hpp"
#include "cci/json_text.hpp"

namespace cci {
namespace {

// Code points decoded beyond the displayed ones, so that a secret crossing the display
// limit is still whole when redaction runs.
constexpr std::size_t redaction_margin_chars = 4096;

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from = 0) noexcept {
    if (needle.empty() || haystack.size() < needle.size()) return std::string_view::npos;
    for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i) {
        std::size_t j = 0;
        while (j < needle.size() && lower(haystack[i + j]) == needle[j]) ++j;
        if (j == needle.size()) return i;
    }
    return std::string_view::npos;
}

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

bool is_blank(std::uint32_t cp) noexcept {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0xA0 || cp == 0x2028 ||
           cp == 0x2029 || cp == 0xFEFF;
}

// Nesting depth of a JSON text, ignoring brackets inside strings.
std::size_t json_depth(std::string_view text) noexcept {
    std::size_t depth = 0;
    std::size_t max = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            max = ++depth > max ? depth : max;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return max;
}

std::optional<std::string> message_line(std::string_view text) {
    std::string line = display_line(text, max_server_message_chars);
    if (line.empty()) return std::nullopt;
    return line;
}

std::optional<std::string> string_field(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return std::nullopt;
    return message_line(it->get_ref<const std::string&>());
}

std::optional<std::string> json_message(const nlohmann::json& doc) {
    if (doc.is_string()) return message_line(doc.get_ref<const std::string&>());
    if (!doc.is_object()) return std::nullopt;
    if (auto message = string_field(doc, "message")) return message;
    const auto error = doc.find("error");
    if (error == doc.end()) return std::nullopt;
    if (error->is_string()) return message_line(error->get_ref<const std::string&>());
    if (!error->is_object()) return std::nullopt;
    const auto title = string_field(*error, "title");
    const auto detail = string_field(*error, "detail");
    if (title && detail) return message_line(*title + ": " + *detail);
    if (title) return title;
    if (detail) return detail;
    return string_field(*error, "id");
}

std::string decode_entities(std::string_view text) {
    struct Entity {
        std::string_view name;
        std::string_view text;
    };
    constexpr Entity entities[] = {{"&amp;", "&"},  {"&lt;", "<"},   {"&gt;", ">"},
                                   {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}};
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        bool replaced = false;
        if (text[i] == '&') {
            for (const auto& entity : entities) {
                if (ifind(text.substr(i, entity.name.size()), entity.name) == 0) {
                    out += entity.text;
                    i += entity.name.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out.push_back(text[i++]);
    }
    return out;
}

// The text of the first `<title>` element, tags removed; never any other markup.
std::optional<std::string> html_title(std::string_view html) {
    const std::size_t open = ifind(html, "<title");
    if (open == std::string_view::npos) return std::nullopt;
    const std::size_t start = html.find('>', open);
    if (start == std::string_view::npos) return std::nullopt;
    const std::size_t end = ifind(html, "</title", start);
    if (end == std::string_view::npos) return std::nullopt;
    std::string text;
    bool in_tag = false;
    for (const char c : html.substr(start + 1, end - start - 1)) {
        if (c == '<') in_tag = true;
        else if (c == '>') in_tag = false;
        else if (!in_tag) text.push_back(c);
    }
    return message_line(decode_entities(text));
}

bool looks_like_markup(std::string_view body) noexcept {
    return body.front() == '<' || ifind(body.substr(0, 1024), "<html") != std::string_view::npos ||
           ifind(body.substr(0, 1024), "<!doctype") != std::string_view::npos;
}

}  // namespace

std::string display_line(std::string_view text, std::size_t max_chars) {
    std::string clean;
    std::size_t chars = 0;
    bool pending_space = false;
    for (std::size_t pos = 0; pos < text.size() && chars < max_chars + redaction_margin_chars;) {
        const auto [cp, length] = decode_utf8(text, pos);
        pos += length;
        if (cp == ' ' || is_blank(cp)) {
            pending_space = !clean.empty();
            continue;
        }
        if (pending_space) {
            clean.push_back(' ');
            ++chars;
            pending_space = false;
        }
        append_utf8(clean, cp);
        ++chars;
    }
    const std::string redacted = redact_secrets(clean);
    std::string out;
    chars = 0;
    for (std::size_t pos = 0; pos < redacted.size(); ++chars) {
        if (chars == max_chars) {
            while (!out.empty() && out.back() == ' ') out.pop_back();
            out += "…";
            break;
        }
        const std::size_t length = decode_utf8(redacted, pos).length;
        out.append(redacted, pos, length);
        pos += length;
    }
    return out;
}

ResponseBody parse_response_body(std::string_view bytes) {
    ResponseBody body;
    std::string_view content = bytes;
    if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
    content = trim(content);
    if (content.empty()) return body;
    if (content.front() == '{' || content.front() == '[' || content.front() == '"') {
        if (content.size() <= max_parsed_body_bytes && json_depth(content) <= max_json_depth) {
            if (auto doc = parse_json(content)) {
                body.format = BodyFormat::json;
                body.server_message = json_message(*doc);
                body.json = std::move(*doc);
                return body;
            }
        }
        if (content.front() != '"') {
            body.format = BodyFormat::invalid_json;
            return body;
        }
    }
    if (looks_like_markup(content)) {
        body.format = BodyFormat::html;
        body.server_message = html_title(content.substr(0, max_parsed_body_bytes));
        return body;
    }
    body.format = BodyFormat::text;
    body.server_message = message_line(content);
    return body;
}

}  // namespace cci
