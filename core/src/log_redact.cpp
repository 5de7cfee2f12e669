#include "cci/log/redact.hpp"

#include <re2/re2.h>

#include <array>
#include <string>

#include "lazy_re2.hpp"

namespace cci::log {
namespace {

struct Pattern {
    std::string_view regex;     // group 1, when present, is kept in front of the replacement
    std::string_view kind;
    bool keeps_prefix;
    std::string_view triggers;  // `|`-separated; every match holds one (see `folded`)
};

// Specific shapes first, so a CircleCI token inside a header is named as such.
constexpr std::array<Pattern, 14> patterns{{
    {R"(\b(?:CCIPAT|CCIPRJ|ccipat|cciprj)_[A-Za-z0-9]{20,24}_[0-9a-fA-F]{40}\b)", "circleci_token", false, "ccip"},
    {R"(\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b)", "github_token", false,
     "ghp_|gho_|ghu_|ghs_|ghr_|github_pat_"},
    {R"(\bgl(?:pat|ptt|dt|rt|cbt|oas|ft|imt|soat)-[A-Za-z0-9_.-]{20,300})", "gitlab_token", false,
     "glpat-|glptt-|gldt-|glrt-|glcbt-|gloas-|glft-|glimt-|glsoat-"},
    {R"(\bxox[abposr]-[A-Za-z0-9-]{10,250})", "slack_token", false, "xox"},
    {R"(https://hooks\.slack\.com/services/[A-Za-z0-9/_-]+)", "slack_webhook", false, "hooks.slack.com/services/"},
    {R"(\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b)", "aws_access_key", false, "akia|asia|abia|acca"},
    {R"((?i)(aws_secret_access_key["']?\s*[=:]\s*["']?)[A-Za-z0-9/+=]{40})", "aws_secret_key", true,
     "aws_secret_access_key"},
    {R"(\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)", "jwt", false, "eyj"},
    {R"((?i)(\bauthorization["']?\s*:\s*(?:(?:bearer|basic|token|bot)\s+)?)[^\s"',;\[][^\s"',;]*)", "authorization", true,
     "authorization"},
    {R"((?i)(\bcircle[-_]token["']?\s*[:=]\s*["']?)[^\s"',;&\[][^\s"',;&]*)", "circle_token", true,
     "circle-token|circle_token"},
    {R"((?i)(circle.{0,40}?)\b[0-9a-fA-F]{40}\b)", "circleci_legacy_token", true, "circle"},
    {R"((?i)((?:^|[?&;\s"'{,])["']?(?:password|passwd|pwd|pass)["']?\s*[=:]\s*["']?)[^&\s"'#,;}\[][^&\s"'#,;}]*)", "password", true,
     "pass|pwd"},
    {R"((?i)((?:^|[?&;\s"'{,])["']?(?:token|access_token|auth_token|api_key|apikey|secret|client_secret|private_token)["']?\s*[=:]\s*["']?)[^&\s"'#,;}\[][^&\s"'#,;}]*)", "token", true,
     "token|api_key|apikey|secret"},
    {R"((\b[a-zA-Z][a-zA-Z0-9+.-]*://[^:/\s@\[]+:)[^@\s/\[]+@)", "password", true, "://"},
}};

re2::RE2::Options options() {
    re2::RE2::Options opts;
    opts.set_log_errors(false);
    return opts;
}

// Each pattern compiled the first time a text holds one of its triggers: most texts hold none.
struct Compiled {
    std::array<LazyRe2, patterns.size()> regexes;
    std::array<std::string, patterns.size()> rewrites;

    Compiled() {
        for (std::size_t i = 0; i < patterns.size(); ++i) {
            const Pattern& p = patterns[i];
            std::string& rewrite = rewrites[i];
            rewrite = p.keeps_prefix ? "\\1" : "";
            rewrite += "[REDACTED:";
            rewrite.append(p.kind.data(), p.kind.size());
            rewrite += ']';
            if (p.regex.find(")[^@\\s/\\[]+@") != std::string_view::npos) rewrite += '@';
        }
    }

    const re2::RE2* regex(std::size_t i) const { return regexes[i].get(patterns[i].regex, options()); }
};

const Compiled& compiled() {
    static const Compiled instance;
    return instance;
}

// `text` in ASCII lower case, with the two characters Unicode case folding (which the `(?i)`
// patterns use) makes equal to ASCII letters spelt as those: U+017F as `s`, U+212A as `k`.
std::string folded(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xC5 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF) {
            out += 's';
            i += 1;
        } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x84 &&
                   static_cast<unsigned char>(text[i + 2]) == 0xAA) {
            out += 'k';
            i += 2;
        } else {
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }
    return out;
}

// Whether `folded_text` holds one of the pattern's triggers (so it may match).
bool triggered(const Pattern& pattern, std::string_view folded_text) {
    std::string_view rest = pattern.triggers;
    while (!rest.empty()) {
        const std::size_t bar = rest.find('|');
        if (folded_text.find(rest.substr(0, bar)) != std::string_view::npos) return true;
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
    }
    return false;
}

}  // namespace

std::string redact(std::string_view text) {
    const Compiled& c = compiled();
    std::string out(text);
    std::string folded_text = folded(out);
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        // The patterns apply in order, each to the text the previous ones left.
        if (!triggered(patterns[i], folded_text)) continue;
        const re2::RE2* re = c.regex(i);
        if (re == nullptr) continue;
        if (re2::RE2::GlobalReplace(&out, *re, c.rewrites[i]) > 0) folded_text = folded(out);
    }
    return out;
}

}  // namespace cci::log
