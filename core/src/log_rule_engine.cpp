#include "cci/log/rule_engine.hpp"

#include <algorithm>

namespace cci::log {
namespace {

constexpr std::int64_t set_max_mem = 32 << 20;

re2::RE2::Options options() {
    re2::RE2::Options opts;
    opts.set_log_errors(false);
    return opts;
}

}  // namespace

std::optional<std::int64_t> parse_number(std::string_view text) noexcept {
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::int64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::optional<Captures> capture_named(const re2::RE2& re, std::string_view line) {
    const int groups = re.NumberOfCapturingGroups();
    std::vector<re2::StringPiece> sub(static_cast<std::size_t>(groups) + 1);
    if (!re.Match(re2::StringPiece(line.data(), line.size()), 0, line.size(), re2::RE2::ANCHOR_START, sub.data(),
                  groups + 1)) {
        return std::nullopt;
    }
    Captures out;
    for (const auto& [name, index] : re.NamedCapturingGroups()) {
        const re2::StringPiece piece = sub[static_cast<std::size_t>(index)];
        if (piece.data() == nullptr || piece.empty()) continue;
        const std::string_view text(piece.data(), piece.size());
        if (name == "file") out.file = std::string(text);
        if (name == "line") out.line = parse_number(text);
        if (name == "column") out.column = parse_number(text);
        if (name == "code") out.code = std::string(text);
        if (name == "message") out.message = std::string(text);
        if (name == "test") out.test = std::string(text);
        if (name == "severity") out.severity = parse_severity(text);
    }
    return out;
}

RuleEngine::RuleEngine() {
    auto set_options = options();
    set_options.set_max_mem(set_max_mem);
    set_ = std::make_unique<re2::RE2::Set>(set_options, re2::RE2::ANCHOR_START);
    std::string gate;
    patterns_.resize(rule_count);
    for (const auto& row : rule_table()) {
        if (row.pattern.empty()) continue;
        const auto index = static_cast<std::size_t>(row.rule);
        auto re = std::make_unique<re2::RE2>(re2::StringPiece(row.pattern.data(), row.pattern.size()), options());
        std::string error;
        if (!re->ok() || set_->Add(re2::StringPiece(row.pattern.data(), row.pattern.size()), &error) < 0) {
            broken_.push_back(row.rule);
            continue;
        }
        patterns_[index] = std::move(re);
        set_to_rule_.push_back(static_cast<int>(index));
        if (!gate.empty()) gate += '|';
        gate += "(?:";
        gate.append(row.gate.data(), row.gate.size());
        gate += ')';
    }
    if (!set_->Compile()) broken_.push_back(Rule::generic_error);
    gate_ = std::make_unique<re2::RE2>(gate, options());
}

RuleEngine::~RuleEngine() = default;

const RuleEngine& RuleEngine::builtin() {
    static const RuleEngine engine;
    return engine;
}

std::optional<RuleMatch> RuleEngine::match(std::string_view line, bool in_section) const {
    const re2::StringPiece text(line.data(), line.size());
    if (!re2::RE2::PartialMatch(text, *gate_)) return std::nullopt;
    std::vector<int> hits;
    re2::RE2::Set::ErrorInfo error{};
    if (!set_->Match(text, &hits, &error)) {
        if (error.kind == re2::RE2::Set::kNoError) return std::nullopt;
        // The DFA ran out of memory on this line: fall back to the patterns one by one.
        hits = set_to_rule_;
        std::transform(hits.begin(), hits.end(), hits.begin(), [n = 0](int) mutable { return n++; });
    }
    std::sort(hits.begin(), hits.end());
    for (const int hit : hits) {
        const auto index = static_cast<std::size_t>(set_to_rule_[static_cast<std::size_t>(hit)]);
        const RuleInfo& row = rule_table()[index];
        if (row.needs_section && !in_section) continue;
        auto captures = capture_named(*patterns_[index], line);
        if (!captures) continue;
        return RuleMatch{row.rule, std::move(*captures)};
    }
    return std::nullopt;
}

}  // namespace cci::log
