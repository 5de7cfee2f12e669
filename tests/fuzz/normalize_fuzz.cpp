// Fuzzes the terminal normaliser: bounded lines, valid UTF-8 out, chunking-independent.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cci/log/normalize.hpp"

namespace {

struct Collect : cci::log::LineSink {
    std::vector<std::string> lines;
    void on_lines(const cci::log::LineBlock& block) override {
        for (std::size_t i = 0; i < block.lines.size(); ++i) lines.emplace_back(block.line(i));
    }
};

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        }
        i += n;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    constexpr std::size_t cap = 64;
    const std::size_t chunk = 1 + data[0] % 13;
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    Collect whole;
    cci::log::LineNormalizer one(cap);
    one.feed(input, whole);
    one.finish(whole);
    Collect pieces;
    cci::log::LineNormalizer many(cap);
    for (std::size_t at = 0; at < input.size(); at += chunk) many.feed(input.substr(at, chunk), pieces);
    many.finish(pieces);
    if (whole.lines != pieces.lines) __builtin_trap();
    for (const auto& line : whole.lines) {
        if (line.size() > cap || !valid_utf8(line) || line.find('\x1b') != std::string::npos) __builtin_trap();
    }
    return 0;
}
