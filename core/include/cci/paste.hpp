// Paste hygiene: what people copy around a token, removed before it is classified.
#pragma once

#include <string>
#include <string_view>

namespace cci {

struct Paste {
    std::string token;             ///< the candidate token (may still be anything)
    bool from_badge_url = false;   ///< taken from the `circle-token=` of a URL
    bool several_tokens = false;   ///< the paste holds more than one token-like word
};

/// Removes invisible characters (zero-width U+200B–U+200D, U+2060, U+FEFF, soft hyphen),
/// surrounding whitespace (incl. CR/LF, tabs, NBSP), matching quotes or backticks (straight
/// or typographic), `Circle-Token:`, `Authorization:`, `Bearer `, `circle-token=` prefixes,
/// shell/env wrappers (`export CIRCLECI_TOKEN=…`, `CIRCLE_TOKEN=…`, `CIRCLECI_CLI_TOKEN=…`,
/// `set …`, `$env:…`), and takes the `circle-token=` value out of a pasted URL.
[[nodiscard]] Paste clean_paste(std::string_view pasted);

}  // namespace cci
