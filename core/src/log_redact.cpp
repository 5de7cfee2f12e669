#include "cci/log/redact.hpp"

#include <re2/re2.h>

#include <array>
#include <bitset>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

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
    struct Trigger {
        std::string_view text;
        std::size_t start;  // `bigram` of its first two bytes
        std::size_t pattern;
    };

    std::array<LazyRe2, patterns.size()> regexes;
    std::array<std::string, patterns.size()> rewrites;
    std::vector<Trigger> triggers;
    std::bitset<std::size_t{1} << 16> trigger_starts;  // by the first two bytes of a trigger

    static std::size_t bigram(const char* at) {
        return static_cast<std::size_t>(static_cast<unsigned char>(at[0])) << 8 | static_cast<unsigned char>(at[1]);
    }

    Compiled() {
        for (std::size_t i = 0; i < patterns.size(); ++i) {
            std::string_view rest = patterns[i].triggers;
            while (!rest.empty()) {
                const std::size_t bar = rest.find('|');
                const std::string_view text = rest.substr(0, bar);
                const std::size_t start = bigram(text.data());
                triggers.push_back({text, start, i});
                trigger_starts.set(start);
                rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
            }
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

    // The patterns (bit i for `patterns[i]`) one of whose triggers `folded_text` holds, so
    // that may match it. One pass: positions whose two bytes start no trigger are skipped.
    std::uint32_t triggered(std::string_view folded_text) const {
        std::uint32_t out = 0;
        const char* text = folded_text.data();
        const std::size_t size = folded_text.size();
        for (std::size_t i = 0; i + 1 < size; ++i) {
            const std::size_t start = bigram(text + i);
            if (!trigger_starts.test(start)) continue;
            for (const Trigger& t : triggers) {
                if (t.start == start && t.text.size() <= size - i && std::memcmp(text + i, t.text.data(), t.text.size()) == 0) {
                    out |= std::uint32_t{1} << t.pattern;
                }
            }
        }
        return out;
    }
};
static_assert(patterns.size() <= 32, "Compiled::triggered returns one bit per pattern");

const Compiled& compiled() {
    static const Compiled instance;
    return instance;
}

// `text` in ASCII lower case, with the two characters Unicode case folding (which the `(?i)`
// patterns use) makes equal to ASCII letters spelt as those: U+017F as `s`, U+212A as `k`.
std::string folded(std::string_view text) {
    std::string out(text.size(), '\0');
    char* to = out.data();
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xC5 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF) {
            *to++ = 's';
            i += 1;
        } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x84 &&
                   static_cast<unsigned char>(text[i + 2]) == 0xAA) {
            *to++ = 'k';
            i += 2;
        } else {
            *to++ = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }
    out.resize(static_cast<std::size_t>(to - out.data()));
    return out;
}

}  // namespace

std::string redact(std::string_view text) {
    const Compiled& c = compiled();
    std::string out(text);
    std::uint32_t triggered = c.triggered(folded(out));
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        // The patterns apply in order, each to the text the previous ones left.
        if ((triggered >> i & 1u) == 0) continue;
        const re2::RE2* re = c.regex(i);
        if (re == nullptr) continue;
        if (re2::RE2::GlobalReplace(&out, *re, c.rewrites[i]) > 0) triggered = c.triggered(folded(out));
    }
    return out;
}

}  // namespace cci::log
