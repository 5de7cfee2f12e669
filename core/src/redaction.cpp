#include "cci/redaction.hpp"

#include <re2/re2.h>

namespace cci {
namespace {

RE2::Options options() {
    RE2::Options o;
    o.set_encoding(RE2::Options::EncodingLatin1);  // any bytes; every pattern below is ASCII
    o.set_log_errors(false);
    return o;
}

const RE2& assignment_pattern() {
    static const RE2 re(R"((?i)(circle[-_]token["']?\s*[=:]\s*["']?)[^\s&"'<>,;]+)", options());
    return re;
}

const RE2& auth_scheme_pattern() {
    static const RE2 re(R"((?i)(\b(?:bearer|basic)\s+)[A-Za-z0-9._~+/=-]{16,})", options());
    return re;
}

// Token shapes, from docs/circleci-api.md §1 (CircleCI) and §1.2 (look-alikes).
const RE2& shape_pattern() {
    static const RE2 re(
        R"((?i:ccip(?:at|rj))_[A-Za-z0-9_]{6,})"
        R"(|\b[0-9a-fA-F]{40,}\b)"
        R"(|\bgh[pousr]_[A-Za-z0-9]{20,})"
        R"(|\bgithub_pat_[A-Za-z0-9_]{20,})"
        R"(|\bgl(?:pat|ptt|dt|rt|cbt|ft|soat|oas|imt)-[A-Za-z0-9_.-]{16,})"
        R"(|\bATBB[A-Za-z0-9_=.-]{16,})"
        R"(|\bATATT3[A-Za-z0-9_=-]{16,})"
        R"(|\bbkua_[A-Za-z0-9]{16,})"
        R"(|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b)"
        R"(|\bxox[a-z]-[A-Za-z0-9-]{10,})"
        R"(|\bnpm_[A-Za-z0-9]{20,})"
        R"(|\bdckr_pat_[A-Za-z0-9_-]{16,})"
        R"(|\bpypi-[A-Za-z0-9_-]{32,})"
        R"(|\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?)",
        options());
    return re;
}

}  // namespace

std::string redact_secrets(std::string_view text) {
    std::string out(text);
    const std::string kept_prefix = std::string("\\1") + std::string(redacted_marker);
    RE2::GlobalReplace(&out, assignment_pattern(), kept_prefix);
    RE2::GlobalReplace(&out, auth_scheme_pattern(), kept_prefix);
    RE2::GlobalReplace(&out, shape_pattern(), std::string(redacted_marker));
    return out;
}

}  // namespace cci
