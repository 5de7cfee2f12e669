// Fuzzes the rule engine's literal prefilter differentially: the input's lines, scanned
// together in one block (with bytes between them, as stripped CI markers leave), must get
// exactly the verdicts the plain engine (every pattern tried, no prefilter) gives each line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cci/log/normalize.hpp"
#include "cci/log/rule_engine.hpp"
#include "plain_rule_engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0 || size > 16384) return 0;
    static const cci::test::PlainRuleEngine plain;
    const auto& engine = cci::log::RuleEngine::builtin();
    const std::size_t gap = data[0] % 8;  // bytes of the next line's start left between lines
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::string text;
    std::vector<cci::log::LineSpan> spans;
    for (std::size_t at = 0; at <= input.size();) {
        std::size_t end = input.find('\n', at);
        if (end == std::string_view::npos) end = input.size();
        const std::string_view line = input.substr(at, end - at);
        const std::size_t skip = std::min(gap, line.size());
        text.append(line.substr(0, skip));
        bool non_ascii = false;
        for (const char c : line) non_ascii = non_ascii || static_cast<unsigned char>(c) >= 0x80;
        spans.push_back({text.size(), text.size() + line.size() - skip, false, non_ascii});
        text.append(line.substr(skip));
        at = end + 1;
    }
    const std::size_t used = text.size();
    text.resize(used + cci::log::LineBlock::padding, 'r');
    const cci::log::LineBlock block{std::string_view(text.data(), used), spans};
    std::vector<cci::log::LiteralHits> hits;
    engine.scan(block, hits);
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const std::string_view line = block.line(i);
        for (const bool in_section : {false, true}) {
            const auto got = engine.match(line, in_section, hits[i]);
            const auto want = plain.match(line, in_section);
            if (got.has_value() != want.has_value()) __builtin_trap();
            if (!got) continue;
            const auto& a = got->captures;
            const auto& b = want->captures;
            if (got->rule != want->rule || a.file != b.file || a.line != b.line || a.column != b.column ||
                a.code != b.code || a.message != b.message || a.test != b.test || a.severity != b.severity) {
                __builtin_trap();
            }
        }
    }
    return 0;
}
