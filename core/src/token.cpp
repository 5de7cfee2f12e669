#include "cci/token.hpp"

#include <algorithm>

#include "cci/base58.hpp"
#include "cci/paste.hpp"
#include "ascii.hpp"
#include "json_object.hpp"

namespace cci {
namespace {

constexpr std::size_t prefix_length = 7;  // CCIPAT_ / CCIPRJ_
constexpr std::size_t hex_length = 40;
// Base58 of a random UUID is 22 characters, 21 for ~3% of them, fewer with vanishing odds
// (leading zero bytes); below 16 the middle has been cut.
constexpr std::size_t min_middle = 16;
constexpr std::size_t max_middle = 22;

bool all_hex(std::string_view s) noexcept { return std::all_of(s.begin(), s.end(), ascii::is_hex); }
bool has_upper(std::string_view s) noexcept {
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'F'; });
}


// `rest` follows a CCIPAT_ prefix: `<base58 UUIDv4, 21–22>_<40 hex>`.
TokenCode personal_shape(std::string_view rest, bool canonical_prefix) {
    const bool word_chars = std::all_of(rest.begin(), rest.end(), [](char c) {
        return ascii::is_alnum(c) || c == '_';
    });
    if (!word_chars) return TokenCode::illegal_characters;
    const auto separator = rest.find('_');
    const auto middle = rest.substr(0, separator);
    if (!std::all_of(middle.begin(), middle.end(), is_base58_char) || middle.size() > max_middle)
        return TokenCode::illegal_characters;
    if (separator == std::string_view::npos) return TokenCode::truncated;
    const auto tail = rest.substr(separator + 1);
    if (!all_hex(tail) || tail.size() > hex_length) return TokenCode::illegal_characters;
    if (middle.size() < min_middle || tail.size() < hex_length) return TokenCode::truncated;
    const auto uuid = decode_base58_uuid(middle);
    if (!uuid || !is_uuid_v4(*uuid)) return TokenCode::invalid_uuid;
    if (!canonical_prefix) return TokenCode::personal_lowercase_prefix;
    if (has_upper(tail)) return TokenCode::personal_hex_uppercase;
    return TokenCode::personal_ok;
}

// A bare hex string: a legacy token when 40 long, otherwise a cut or padded one.
TokenCode hex_shape(std::string_view token) noexcept {
    constexpr std::size_t min_cut = 20;
    if (token.size() == hex_length) return TokenCode::legacy_format;
    return token.size() < hex_length && token.size() >= min_cut ? TokenCode::truncated : TokenCode::illegal_characters;
}

bool is_typed_prefix(std::string_view token) noexcept {
    constexpr std::size_t min_typed = 4;  // "CCIP"
    return token.size() >= min_typed && token.size() <= prefix_length &&
           (ascii::iequals(token, std::string_view("ccipat_").substr(0, token.size())) ||
            ascii::iequals(token, std::string_view("cciprj_").substr(0, token.size())));
}

struct Classified {
    TokenCode code;
    std::optional<VendorMatch> vendor;
};

Classified classify(const Paste& paste) {
    const std::string_view token = paste.token;
    if (token.empty()) return {TokenCode::empty, {}};
    if (paste.several_tokens) return {TokenCode::multiple_tokens, {}};
    const auto prefix = token.substr(0, prefix_length);
    if (ascii::iequals(prefix, "cciprj_"))
        return {paste.from_badge_url ? TokenCode::project_token_from_badge : TokenCode::project_token, {}};
    if (ascii::iequals(prefix, "ccipat_")) {
        const auto code = personal_shape(token.substr(prefix_length), prefix == "CCIPAT_");
        const bool usable = info(code).kind == TokenKind::personal;
        return {usable && paste.from_badge_url ? TokenCode::personal_in_badge_url : code, {}};
    }
    if (is_typed_prefix(token)) return {TokenCode::truncated, {}};
    if (auto vendor = detect_vendor(token)) return {TokenCode::foreign_token, vendor};
    if (paste.from_badge_url) return {TokenCode::project_token_from_badge, {}};
    if (all_hex(token)) return {hex_shape(token), {}};
    return {TokenCode::unrecognized, {}};
}

bool is_printable_ascii(std::string_view s) noexcept {
    return std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 0x7F; });
}

// Known public prefix + "…" + the last four characters, the latter only when the token is
// long enough that four characters reveal nothing useful.
std::string mask(std::string_view token, std::size_t visible_prefix) {
    constexpr std::size_t tail = 4;
    constexpr std::size_t min_hidden = 12;
    std::string out(token.substr(0, visible_prefix));
    out += "…";
    const auto last = token.size() >= tail ? token.substr(token.size() - tail) : std::string_view{};
    if (token.size() >= visible_prefix + min_hidden + tail && is_printable_ascii(last)) out += last;
    return out;
}

std::string fill_vendor(std::string_view message, const std::optional<VendorMatch>& vendor) {
    std::string out(message);
    constexpr std::string_view placeholder = "{vendor}";
    const auto at = out.find(placeholder);
    if (at != std::string::npos && vendor) out.replace(at, placeholder.size(), info(vendor->vendor).name);
    return out;
}

}  // namespace

TokenCheck check_token(std::string_view pasted) {
    Paste paste = clean_paste(pasted);
    const auto [code, vendor] = classify(paste);
    const auto& row = info(code);
    TokenCheck check;
    check.kind = row.kind;
    check.verdict = row.verdict;
    check.code = code;
    check.message = fill_vendor(row.message, vendor);
    check.remedy = std::string(row.remedy);
    if (vendor) check.vendor = vendor->vendor;
    const auto prefix = std::string_view(paste.token).substr(0, prefix_length);
    const bool circleci_prefix = ascii::iequals(prefix, "ccipat_") || ascii::iequals(prefix, "cciprj_");
    const std::size_t visible = vendor ? vendor->prefix_length : circleci_prefix ? prefix_length : 0;
    if (code != TokenCode::empty && code != TokenCode::multiple_tokens)
        check.masked = mask(paste.token, std::min(visible, paste.token.size()));
    check.sanitized = std::move(paste.token);
    return check;
}

nlohmann::json to_json(const TokenCheck& check) {
    return json_object::Builder()
        .add("kind", id(check.kind))
        .add("vendor", check.vendor ? nlohmann::json(id(*check.vendor)) : nlohmann::json(nullptr))
        .add("verdict", id(check.verdict))
        .add("code", id(check.code))
        .add("message", check.message)
        .add("remedy", check.remedy)
        .add("masked", check.masked)
        .done();
}

}  // namespace cci
