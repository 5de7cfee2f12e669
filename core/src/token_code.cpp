#include "cci/token_code.hpp"

namespace cci {
namespace {

constexpr std::string_view create_personal_token =
    "Create a Personal API Token in CircleCI under User Settings → Personal API Tokens, and paste it here.";

constexpr std::array<TokenCodeInfo, token_code_count> table{{
    {TokenCode::personal_ok, "personal_ok", TokenKind::personal, TokenVerdict::ok,
     "This is a CircleCI personal API token.",
     "Select Connect CircleCI to verify it."},
    {TokenCode::personal_lowercase_prefix, "personal_lowercase_prefix", TokenKind::personal, TokenVerdict::warn,
     "This looks like a CircleCI personal API token, but its prefix is lower-case (ccipat_): tokens created in "
     "CircleCI's settings start with CCIPAT_.",
     "If you typed or edited it, copy it again exactly as CircleCI showed it; otherwise connect and it will be "
     "verified."},
    {TokenCode::personal_hex_uppercase, "personal_hex_uppercase", TokenKind::personal, TokenVerdict::warn,
     "This looks like a CircleCI personal API token, but its last part is upper-case: CircleCI issues it in lower "
     "case, so it may have been altered.",
     "Copy the token again exactly as CircleCI showed it; otherwise connect and it will be verified."},
    {TokenCode::personal_in_badge_url, "personal_in_badge_url", TokenKind::personal, TokenVerdict::block,
     "This personal API token was taken from a status-badge URL. A personal token in a published badge can be "
     "read by anyone who sees the badge.",
     "Revoke this token in CircleCI under User Settings → Personal API Tokens, create a new one and paste it "
     "here (not into a badge)."},
    {TokenCode::legacy_format, "legacy_format", TokenKind::legacy, TokenVerdict::warn,
     "This is a legacy-format CircleCI token (40 hex characters, created before July 2023). It may be a personal "
     "or a project token, and newer CircleCI endpoints reject this format.",
     "You can connect and it will be verified; for a token that keeps working, create a new Personal API Token "
     "under User Settings → Personal API Tokens."},
    {TokenCode::project_token, "project_token", TokenKind::project, TokenVerdict::block,
     "This is a CircleCI project token (CCIPRJ_…). Project tokens don't work with CircleCI API v2 — they are "
     "often copied from a status badge.",
     create_personal_token},
    {TokenCode::project_token_from_badge, "project_token_from_badge", TokenKind::project, TokenVerdict::block,
     "This is the project token of a CircleCI status-badge URL. Project tokens don't work with CircleCI API v2.",
     create_personal_token},
    {TokenCode::foreign_token, "foreign_token", TokenKind::foreign, TokenVerdict::block,
     "This is not a CircleCI token: it looks like {vendor}.",
     "Paste a CircleCI Personal API Token instead (it starts with CCIPAT_). Create one under User Settings → "
     "Personal API Tokens."},
    {TokenCode::empty, "empty", TokenKind::empty, TokenVerdict::block,
     "Paste your CircleCI Personal API Token.",
     "Create one in CircleCI under User Settings → Personal API Tokens; copy it right away, it is shown only "
     "once."},
    {TokenCode::multiple_tokens, "multiple_tokens", TokenKind::malformed, TokenVerdict::block,
     "The paste contains more than one token.",
     "Paste a single CircleCI Personal API Token."},
    {TokenCode::truncated, "truncated", TokenKind::malformed, TokenVerdict::block,
     "This looks like the start of a CircleCI token, but it is cut off.",
     "Copy the whole token again. CircleCI shows a token only once: if you no longer have it, create a new "
     "Personal API Token."},
    {TokenCode::illegal_characters, "illegal_characters", TokenKind::malformed, TokenVerdict::block,
     "This looks like a CircleCI token, but it contains characters or extra text that a CircleCI token never "
     "has.",
     "Paste only the token itself, exactly as CircleCI showed it."},
    {TokenCode::invalid_uuid, "invalid_uuid", TokenKind::malformed, TokenVerdict::block,
     "This has the shape of a CircleCI token, but its middle part is not valid, so CircleCI would reject it: it "
     "was probably mistyped or altered.",
     "Copy the token again from where you saved it, or create a new Personal API Token."},
    {TokenCode::unrecognized, "unrecognized", TokenKind::malformed, TokenVerdict::block,
     "This does not look like a CircleCI API token.",
     "CircleCI personal API tokens start with CCIPAT_ (older ones are 40 hex characters). " 
     "Create one under User Settings → Personal API Tokens."},
}};

constexpr std::array<std::string_view, token_kind_count> kind_ids = {"empty",   "personal", "legacy",
                                                                     "project", "foreign",  "malformed"};
constexpr std::array<std::string_view, token_verdict_count> verdict_ids = {"ok", "warn", "block"};

template <typename Enum, std::size_t N>
std::optional<Enum> find_id(const std::array<std::string_view, N>& ids, std::string_view id) noexcept {
    for (std::size_t i = 0; i < N; ++i)
        if (ids[i] == id) return static_cast<Enum>(i);
    return std::nullopt;
}

}  // namespace

const std::array<TokenCodeInfo, token_code_count>& token_code_table() noexcept { return table; }

const TokenCodeInfo& info(TokenCode code) noexcept { return table[static_cast<std::size_t>(code)]; }

std::string_view id(TokenKind kind) noexcept { return kind_ids[static_cast<std::size_t>(kind)]; }

std::string_view id(TokenVerdict verdict) noexcept { return verdict_ids[static_cast<std::size_t>(verdict)]; }

std::optional<TokenCode> parse_token_code(std::string_view id) noexcept {
    for (const auto& row : table)
        if (row.id == id) return row.code;
    return std::nullopt;
}

std::optional<TokenKind> parse_token_kind(std::string_view id) noexcept { return find_id<TokenKind>(kind_ids, id); }

std::optional<TokenVerdict> parse_token_verdict(std::string_view id) noexcept {
    return find_id<TokenVerdict>(verdict_ids, id);
}

}  // namespace cci
