#include "cci/log/redact.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "lazy_re2.hpp"

namespace cci::log {
namespace {

struct Pattern {
    std::string_view regex;    // group 1, when present, is kept in front of the replacement
    std::string_view kind;
    bool keeps_prefix;
};

// Specific shapes first, so a CircleCI token inside a header is named as such.
constexpr std::array<Pattern, 14> patterns{{
    {R"(\b(?:CCIPAT|CCIPRJ|ccipat|cciprj)_[A-Za-z0-9]{20,24}_[0-9a-fA-F]{40}\b)", "circleci_token", false},
    {R"(\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b)", "github_token", false},
    {R"(\bgl(?:pat|ptt|dt|rt|cbt|oas|ft|imt|soat)-[A-Za-z0-9_.-]{20,300})", "gitlab_token", false},
    {R"(\bxox[abposr]-[A-Za-z0-9-]{10,250})", "slack_token", false},
    {R"(https://hooks\.slack\.com/services/[A-Za-z0-9/_-]+)", "slack_webhook", false},
    {R"(\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b)", "aws_access_key", false},
    {R"((?i)(aws_secret_access_key["']?\s*[=:]\s*["']?)[A-Za-z0-9/+=]{40})", "aws_secret_key", true},
    {R"(\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)", "jwt", false},
    {R"((?i)(\bauthorization["']?\s*:\s*(?:(?:bearer|basic|token|bot)\s+)?)[^\s"',;\[][^\s"',;]*)", "authorization", true},
    {R"((?i)(\bcircle[-_]token["']?\s*[:=]\s*["']?)[^\s"',;&\[][^\s"',;&]*)", "circle_token", true},
    {R"((?i)(circle.{0,40}?)\b[0-9a-fA-F]{40}\b)", "circleci_legacy_token", true},
    {R"((?i)((?:^|[?&;\s"'{,])["']?(?:password|passwd|pwd|pass)["']?\s*[=:]\s*["']?)[^&\s"'#,;}\[][^&\s"'#,;}]*)", "password", true},
    {R"((?i)((?:^|[?&;\s"'{,])["']?(?:token|access_token|auth_token|api_key|apikey|secret|client_secret|private_token)["']?\s*[=:]\s*["']?)[^&\s"'#,;}\[][^&\s"'#,;}]*)", "token", true},
    {R"((\b[a-zA-Z][a-zA-Z0-9+.-]*://[^:/\s@\[]+:)[^@\s/\[]+@)", "password", true},
}};

// Any secret above contains one of these (case-insensitively); text without them is skipped.
constexpr std::string_view triggers =
    R"((?i)ccip|gh[pousr]_|github_pat_|gl[a-z]{1,5}-|xox|hooks\.slack|AKIA|ASIA|ABIA|ACCA|aws_secret|eyJ|authorization|circle|pass|pwd|token|api_?key|secret|://[^\s/]*@)";

re2::RE2::Options options() {
    re2::RE2::Options opts;
    opts.set_log_errors(false);
    return opts;
}

// Compiled as far as the texts seen so far needed: most texts stop at the trigger.
struct Compiled {
    LazyRe2 trigger;
    std::array<LazyRe2, patterns.size()> regexes;
    std::array<std::string, patterns.size()> rewrites;
    std::once_flag set_once;
    std::unique_ptr<re2::RE2::Set> set;     // all patterns, to find which match in one pass
    std::array<int, patterns.size()> set_index{};  // by pattern: its index in `set`, or -1

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

    // The pattern set, null when it does not compile.
    const re2::RE2::Set* pattern_set() {
        std::call_once(set_once, [this] {
            auto s = std::make_unique<re2::RE2::Set>(options(), re2::RE2::UNANCHORED);
            for (std::size_t i = 0; i < patterns.size(); ++i) {
                set_index[i] = s->Add(re2::StringPiece(patterns[i].regex.data(), patterns[i].regex.size()), nullptr);
            }
            if (s->Compile()) set = std::move(s);
        });
        return set.get();
    }
};

Compiled& compiled() {
    static Compiled instance;
    return instance;
}

// Whether pattern `i` matches somewhere in `text`, for each pattern (all true when unknown).
std::vector<bool> matching(Compiled& c, const std::string& text) {
    std::vector<bool> out(patterns.size(), true);
    std::vector<int> hits;
    re2::RE2::Set::ErrorInfo error{};
    const re2::RE2::Set* set = c.pattern_set();
    if (set == nullptr || (!set->Match(text, &hits, &error) && error.kind != re2::RE2::Set::kNoError)) return out;
    std::vector<bool> in_set(patterns.size(), false);
    for (const int hit : hits) in_set[static_cast<std::size_t>(hit)] = true;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (c.set_index[i] >= 0) out[i] = in_set[static_cast<std::size_t>(c.set_index[i])];
    }
    return out;
}

}  // namespace

std::string redact(std::string_view text) {
    Compiled& c = compiled();
    std::string out(text);
    const re2::RE2* trigger = c.trigger.get(triggers, options());
    if (trigger != nullptr && !re2::RE2::PartialMatch(out, *trigger)) return out;
    auto possible = matching(c, out);
    if (std::find(possible.begin(), possible.end(), true) == possible.end()) return out;
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        // The patterns apply in order, each to the text the previous ones left.
        if (!possible[i]) continue;
        const re2::RE2* re = c.regex(i);
        if (re == nullptr) continue;
        if (re2::RE2::GlobalReplace(&out, *re, c.rewrites[i]) > 0) possible = matching(c, out);
    }
    return out;
}

}  // namespace cci::log
