#include "cci/log/redact.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <memory>
#include <vector>

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

struct Compiled {
    std::unique_ptr<re2::RE2> trigger;
    std::vector<std::unique_ptr<re2::RE2>> regexes;
    std::vector<std::string> rewrites;
    std::unique_ptr<re2::RE2::Set> set;  // all patterns, to find which match in one pass
    std::vector<int> set_index;          // by pattern: its index in `set`, or -1
};

const Compiled& compiled() {
    static const Compiled instance = [] {
        re2::RE2::Options opts;
        opts.set_log_errors(false);
        Compiled c;
        c.set = std::make_unique<re2::RE2::Set>(opts, re2::RE2::UNANCHORED);
        c.trigger = std::make_unique<re2::RE2>(re2::StringPiece(triggers.data(), triggers.size()), opts);
        for (const auto& p : patterns) {
            c.regexes.push_back(std::make_unique<re2::RE2>(re2::StringPiece(p.regex.data(), p.regex.size()), opts));
            c.set_index.push_back(c.regexes.back()->ok()
                                      ? c.set->Add(re2::StringPiece(p.regex.data(), p.regex.size()), nullptr)
                                      : -1);
            std::string rewrite = p.keeps_prefix ? "\\1" : "";
            rewrite += "[REDACTED:";
            rewrite.append(p.kind.data(), p.kind.size());
            rewrite += ']';
            if (p.regex.find(")[^@\\s/\\[]+@") != std::string_view::npos) rewrite += '@';
            c.rewrites.push_back(std::move(rewrite));
        }
        if (!c.set->Compile()) c.set.reset();
        return c;
    }();
    return instance;
}

// Whether pattern `i` matches somewhere in `text`, for each pattern (all true when unknown).
std::vector<bool> matching(const Compiled& c, const std::string& text) {
    std::vector<bool> out(c.regexes.size(), true);
    std::vector<int> hits;
    re2::RE2::Set::ErrorInfo error{};
    if (!c.set || (!c.set->Match(text, &hits, &error) && error.kind != re2::RE2::Set::kNoError)) return out;
    std::vector<bool> in_set(c.regexes.size(), false);
    for (const int hit : hits) in_set[static_cast<std::size_t>(hit)] = true;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (c.set_index[i] >= 0) out[i] = in_set[static_cast<std::size_t>(c.set_index[i])];
    }
    return out;
}

}  // namespace

std::string redact(std::string_view text) {
    const Compiled& c = compiled();
    std::string out(text);
    if (!re2::RE2::PartialMatch(out, *c.trigger)) return out;
    auto possible = matching(c, out);
    if (std::find(possible.begin(), possible.end(), true) == possible.end()) return out;
    for (std::size_t i = 0; i < c.regexes.size(); ++i) {
        // The patterns apply in order, each to the text the previous ones left.
        if (!c.regexes[i]->ok() || !possible[i]) continue;
        if (re2::RE2::GlobalReplace(&out, *c.regexes[i], c.rewrites[i]) > 0) possible = matching(c, out);
    }
    return out;
}

}  // namespace cci::log
