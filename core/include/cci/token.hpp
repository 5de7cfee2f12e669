// Token check: what a pasted credential is, decided from its shape alone (no network).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cci/token_code.hpp"
#include "cci/vendor.hpp"

namespace cci {

/// The result of `check_token`. Only `sanitized` holds the secret: it is what the page
/// submits, and no output, message or log may print it.
struct TokenCheck {
    std::string sanitized;
    TokenKind kind = TokenKind::empty;
    std::optional<Vendor> vendor;  ///< set only when kind == foreign
    TokenVerdict verdict = TokenVerdict::block;
    TokenCode code = TokenCode::empty;
    std::string message;  ///< the code's message, with the vendor's name filled in
    std::string remedy;
    std::string masked;   ///< known prefix + "…" + last 4 at most, e.g. `CCIPAT_…a1b2`
};

/// Cleans a paste (see `clean_paste`) and classifies it. Total: any bytes in, a value out.
[[nodiscard]] TokenCheck check_token(std::string_view pasted);

/// The public fields (`sanitized` excluded): kind, vendor (or null), verdict, code, message,
/// remedy, masked.
[[nodiscard]] nlohmann::json to_json(const TokenCheck& check);

}  // namespace cci
