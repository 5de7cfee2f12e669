#include "log_scan.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <random>
#include <string>
#include <vector>

namespace scan = cci::log::scan;

namespace {

bool printable(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7F;
}

struct Variant {
    const char* name;
    scan::PrintableScanners scanners;
};

// Every variant this CPU can run; the portable one always.
std::vector<Variant> variants() {
    std::vector<Variant> out{{"portable", {scan::find_non_printable, scan::copy_printable}}};
#if defined(CCI_SCAN_AVX512)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("bmi2")) {
        out.push_back({"avx512", {scan::find_non_printable_avx512, scan::copy_printable_avx512}});
    }
#endif
    return out;
}

// Printable text with, now and then, a byte from each class the scanners stop at.
std::string random_text(std::mt19937& rng, std::size_t size) {
    static constexpr char stops[] = {'\0', '\n', '\r', '\t', '\x1b', '\x1f', '\x7f', '\x80', '\xc3', '\xff'};
    std::string s(size, ' ');
    for (char& c : s) {
        const unsigned roll = rng() % 200;
        c = roll < 2 ? stops[rng() % sizeof stops] : static_cast<char>(0x20 + rng() % 95);
    }
    return s;
}

// Calls `check(variant, text, from, rng)` for 3000 random texts and starting points in each
// variant; `rng` serves any further random choice.
template <typename Check>
void for_random_runs(unsigned seed, Check&& check) {
    std::mt19937 rng(seed);
    for (const Variant& v : variants()) {
        INFO(v.name);
        for (int round = 0; round < 3000; ++round) {
            const std::string s = random_text(rng, rng() % 300);
            const std::size_t from = s.empty() ? 0 : rng() % (s.size() + 1);
            check(v, s, from, rng);
        }
    }
}

}  // namespace

TEST_CASE("every printable scanner finds the first byte outside printable ASCII") {
    for_random_runs(7, [](const Variant& v, const std::string& s, std::size_t from, std::mt19937& /*rng*/) {
        std::size_t expected = from;
        while (expected < s.size() && printable(s[expected])) ++expected;
        REQUIRE(v.scanners.find(s.data(), from, s.size()) == expected);
    });
}

TEST_CASE("every printable copier copies exactly the printable run, bounded by room, and writes nothing past it") {
    for_random_runs(11, [](const Variant& v, const std::string& s, std::size_t from, std::mt19937& rng) {
        const std::size_t room = rng() % 320;
        std::size_t expected = 0;
        while (expected < room && from + expected < s.size() && printable(s[from + expected])) ++expected;
        const std::size_t limit = std::min(room, s.size() - from);
        // Guard bytes after the `limit` bytes the caller must provide.
        std::string out(limit + 64, '#');
        const std::size_t copied = v.scanners.copy(s.data(), from, s.size(), out.data(), room);
        REQUIRE(copied == expected);
        CHECK(out.compare(0, copied, s, from, copied) == 0);
        CHECK(out.find_first_not_of('#', limit) == std::string::npos);
    });
}

TEST_CASE("the scanners chosen for this CPU are one of the variants") {
    const scan::PrintableScanners best = scan::best_printable_scanners();
    bool listed = false;
    for (const Variant& v : variants()) listed = listed || (v.scanners.find == best.find && v.scanners.copy == best.copy);
    CHECK(listed);
}

TEST_CASE("has_non_ascii looks at every byte") {
    std::string s(100, 'a');
    CHECK_FALSE(scan::has_non_ascii(s.data(), s.size()));
    for (std::size_t i = 0; i < s.size(); ++i) {
        s[i] = '\x80';
        CHECK(scan::has_non_ascii(s.data(), s.size()));
        CHECK_FALSE(scan::has_non_ascii(s.data(), i));
        s[i] = 'a';
    }
}
