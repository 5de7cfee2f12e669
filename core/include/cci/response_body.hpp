// What a response body is (JSON, HTML, text, empty) and the server's own message in it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cci {

enum class BodyFormat {
    empty,         ///< no bytes, or only whitespace
    json,          ///< a complete JSON document (see `ResponseBody::json`)
    invalid_json,  ///< starts like JSON (`{`, `[`) but does not parse: truncated, too deep, not UTF-8, too big
    html,          ///< markup: a proxy, login or error page
    text,          ///< anything else, e.g. `Rate limited.`
};

/// Bodies longer than this are not parsed as JSON (they are never an API error envelope).
inline constexpr std::size_t max_parsed_body_bytes = std::size_t{1} << 20;
/// JSON nested deeper than this is `invalid_json`.
inline constexpr std::size_t max_json_depth = 64;
/// Longest server message kept, in Unicode code points (longer ones end with `…`).
inline constexpr std::size_t max_server_message_chars = 300;

struct ResponseBody {
    BodyFormat format = BodyFormat::empty;
    nlohmann::json json;  ///< the document when format == json, else null
    /// The server's message, from the first that applies: `{"message": "…"}`,
    /// `{"error": "…"}`, `{"error": {"title", "detail", "id"}}`, a JSON string, the `<title>`
    /// of an HTML page (never its markup), or the text itself. One line of valid UTF-8,
    /// redacted (`redact_secrets`), at most `max_server_message_chars`; absent when empty.
    std::optional<std::string> server_message;
};

/// Total: any bytes in (invalid UTF-8, NUL, 10 MB, …), a value out.
[[nodiscard]] ResponseBody parse_response_body(std::string_view bytes);

/// `text` as one line of valid UTF-8: invalid sequences become U+FFFD, control characters
/// and runs of whitespace one space, trimmed, then redacted and capped at `max_chars`
/// code points (`…` appended when cut).
[[nodiscard]] std::string display_line(std::string_view text, std::size_t max_chars);

}  // namespace cci
