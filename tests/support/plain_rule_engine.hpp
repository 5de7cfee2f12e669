// Test support: the rule engine with no prefilter — one RE2::Set pass over the line, then the
// first hit in table order. The prefilter must never change a verdict, so tests and the
// prefilter fuzzer compare `RuleEngine` with this.
#pragma once

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "cci/log/rule.hpp"
#include "cci/log/rule_engine.hpp"

namespace cci::test {

class PlainRuleEngine {
public:
    PlainRuleEngine() : set_(options(), re2::RE2::ANCHOR_START) {
        for (const auto& row : log::rule_table()) {
            if (row.pattern.empty()) continue;
            patterns_.push_back(std::make_unique<re2::RE2>(std::string(row.pattern), options()));
            rules_.push_back(row.rule);
            set_.Add(std::string(row.pattern), nullptr);
        }
        set_.Compile();
    }

    [[nodiscard]] std::optional<log::RuleMatch> match(std::string_view line, bool in_section) const {
        std::vector<int> hits;
        set_.Match(re2::StringPiece(line.data(), line.size()), &hits);
        std::sort(hits.begin(), hits.end());
        for (const int hit : hits) {
            const auto i = static_cast<std::size_t>(hit);
            if (log::info(rules_[i]).needs_section && !in_section) continue;
            if (auto captures = log::capture_named(*patterns_[i], line)) return log::RuleMatch{rules_[i], std::move(*captures)};
        }
        return std::nullopt;
    }

private:
    static re2::RE2::Options options() {
        re2::RE2::Options o;
        o.set_log_errors(false);
        return o;
    }

    re2::RE2::Set set_;
    std::vector<std::unique_ptr<re2::RE2>> patterns_;
    std::vector<log::Rule> rules_;
};

}  // namespace cci::test
