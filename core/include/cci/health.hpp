// The connection health record: what the backend persists about a connection (never the token).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cci/connection.hpp"
#include "cci/identity.hpp"
#include "cci/reason.hpp"
#include "cci/timestamp.hpp"
#include "cci/token_code.hpp"

namespace cci {

/// Written into every record; a record with another version is not read.
inline constexpr int health_schema_version = 1;

struct HealthRecord {
    StateKind state = StateKind::empty;
    std::optional<Identity> identity;
    std::optional<std::string> masked_token;  ///< e.g. `CCIPAT_…a1b2`; never anything token-shaped
    std::optional<TokenKind> token_kind;
    std::optional<EpochMs> verified_at;
    std::optional<EpochMs> last_success_at;
    std::optional<EpochMs> last_error_at;
    std::optional<EpochMs> connected_at;  ///< first success (one-year expiry horizon)
    std::optional<EpochMs> expires_at;    ///< the user's expiry date
    std::optional<Reason> last_reason;    ///< of the latest failed check, if any
    friend bool operator==(const HealthRecord& a, const HealthRecord& b) {
        return a.state == b.state && a.identity == b.identity && a.masked_token == b.masked_token &&
               a.token_kind == b.token_kind && a.verified_at == b.verified_at &&
               a.last_success_at == b.last_success_at && a.last_error_at == b.last_error_at &&
               a.connected_at == b.connected_at && a.expires_at == b.expires_at && a.last_reason == b.last_reason;
    }
};

/// The record of a state. A masked token that still looks like a secret is left out.
[[nodiscard]] HealthRecord health_record(const ConnectionState& state);

/// The state a page starts in from a record. The token stays with the backend
/// (`token_held_elsewhere` when a masked token is known); interrupted states settle:
/// validating/rate_limited → connected if it had succeeded, else failed (rate_limited) or
/// empty (validating); editing → empty. `last_reason` other than ok becomes the diagnosis.
[[nodiscard]] ConnectionState restore_state(const HealthRecord& record);

/// `{schema_version, state, identity, masked_token, token_kind, verified_at,
/// last_success_at, last_error_at, connected_at, expires_at, last_reason}`; times in
/// RFC 3339 UTC with milliseconds, absent values null.
[[nodiscard]] nlohmann::json to_json(const HealthRecord& record);

/// Reads what `to_json` writes, so that reading and writing round-trip exactly. Unknown
/// fields are ignored; an unknown `last_reason` id reads as `unknown` and an unknown
/// `token_kind` as absent (newer writers); a token-shaped `masked_token` is dropped.
/// nullopt when it is not an object, `schema_version` is not 1, `state` is unknown, or a
/// known field has the wrong type or an invalid time. Never throws.
[[nodiscard]] std::optional<HealthRecord> health_from_json(const nlohmann::json& json);

/// Compact JSON; never throws (invalid UTF-8 in hand-built values becomes U+FFFD).
[[nodiscard]] std::string health_to_json_string(const HealthRecord& record);
/// nullopt also when `text` is not JSON.
[[nodiscard]] std::optional<HealthRecord> health_from_json_string(std::string_view text);

}  // namespace cci
