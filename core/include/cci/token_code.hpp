// Token check codes: one closed enum and its one table (id, kind, verdict, message, remedy).
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace cci {

/// What kind of credential a paste is.
enum class TokenKind {
    empty,      ///< nothing left after paste hygiene
    personal,   ///< `CCIPAT_<base58 UUIDv4>_<40 hex>`: works on API v1.1 and v2
    legacy,     ///< bare 40 hex (pre-2023 format): personal or project, cannot be told apart
    project,    ///< `CCIPRJ_…`, or a token taken from a status-badge URL: useless on API v2
    foreign,    ///< another vendor's credential (see `Vendor`)
    malformed,  ///< anything else, including cut-off CircleCI tokens and several tokens at once
};

/// How the form treats the paste.
enum class TokenVerdict {
    ok,     ///< submit
    warn,   ///< may submit; the message says what is unusual
    block,  ///< cannot work; do not submit
};

/// Why a paste got its verdict. Each code implies one kind and one verdict (see the table).
enum class TokenCode {
    personal_ok,                ///< a well-formed personal API token
    personal_lowercase_prefix,  ///< `ccipat_…`: the OAuth docs' spelling; accepted with a warning
    personal_hex_uppercase,     ///< upper-case hex tail: CircleCI issues lower case
    personal_in_badge_url,      ///< a personal token published in a badge URL: exposed, revoke it
    legacy_format,              ///< bare 40 hex: pre-2023 format, rejected by newer endpoints
    project_token,              ///< `CCIPRJ_…`
    project_token_from_badge,   ///< the `circle-token=` value of a status-badge URL
    foreign_token,              ///< another vendor's credential
    empty,                      ///< nothing pasted
    multiple_tokens,            ///< several tokens in one paste
    truncated,                  ///< a CircleCI token shape that is cut off
    illegal_characters,         ///< a CircleCI token shape with characters or extra text no token has
    invalid_uuid,               ///< middle segment is not the base58 form of a UUIDv4
    unrecognized,               ///< text that fits no known token shape
};

inline constexpr std::size_t token_kind_count = 6;
inline constexpr std::size_t token_verdict_count = 3;
inline constexpr std::size_t token_code_count = 14;

struct TokenCodeInfo {
    TokenCode code;
    std::string_view id;
    TokenKind kind;
    TokenVerdict verdict;
    std::string_view message;  ///< may contain `{vendor}`, filled in by `check_token`
    std::string_view remedy;
};

/// The table, indexed by the enum's value.
[[nodiscard]] const std::array<TokenCodeInfo, token_code_count>& token_code_table() noexcept;
[[nodiscard]] const TokenCodeInfo& info(TokenCode code) noexcept;
[[nodiscard]] inline std::string_view id(TokenCode code) noexcept { return info(code).id; }
[[nodiscard]] std::string_view id(TokenKind kind) noexcept;
[[nodiscard]] std::string_view id(TokenVerdict verdict) noexcept;
[[nodiscard]] std::optional<TokenCode> parse_token_code(std::string_view id) noexcept;
[[nodiscard]] std::optional<TokenKind> parse_token_kind(std::string_view id) noexcept;
[[nodiscard]] std::optional<TokenVerdict> parse_token_verdict(std::string_view id) noexcept;

}  // namespace cci
