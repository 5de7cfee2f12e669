#include "cci/token_gate.hpp"

namespace cci {

std::optional<Reason> token_gate(const TokenCheck& check) noexcept {
    switch (check.verdict) {
        case TokenVerdict::ok:
        case TokenVerdict::warn: return std::nullopt;
        case TokenVerdict::block: break;
    }
    switch (check.kind) {
        case TokenKind::project: return Reason::token_is_project_token;
        case TokenKind::empty:
        case TokenKind::personal:
        case TokenKind::legacy:
        case TokenKind::foreign:
        case TokenKind::malformed: return Reason::token_invalid;
    }
    return Reason::token_invalid;
}

}  // namespace cci
