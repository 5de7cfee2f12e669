// Fuzzes problem-matcher import (JSON and JavaScript regexes) and running the result.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cci/log/problem_matcher.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    (void)cci::log::translate_js_regex(input, "im", "fuzz");
    auto imported = cci::log::import_problem_matchers(input);
    cci::log::MatcherRunner runner(std::move(imported.matchers));
    const std::string_view lines[] = {"src/a.c:1:2: error: x", "  1:5  error  Missing semicolon  semi", "", input};
    for (const auto line : lines) (void)runner.feed_line(line);
    return 0;
}
