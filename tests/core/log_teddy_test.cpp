#include "log_teddy.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <random>
#include <string_view>
#include <vector>

namespace teddy = cci::log::teddy;

namespace {

// The low and high nibbles (of bytes with bit 5 set) each bucket admits at each key position.
struct Allowed {
    std::array<std::array<std::uint16_t, teddy::width>, teddy::buckets> lo{};
    std::array<std::array<std::uint16_t, teddy::width>, teddy::buckets> hi{};

    void allow(std::size_t k, std::size_t bucket, unsigned char byte) {
        byte |= 0x20;
        lo[bucket][k] |= static_cast<std::uint16_t>(1u << (byte & 15));
        hi[bucket][k] |= static_cast<std::uint16_t>(1u << (byte >> 4));
    }
    [[nodiscard]] bool admits(std::size_t k, std::size_t bucket, unsigned char byte) const {
        byte |= 0x20;
        return ((lo[bucket][k] >> (byte & 15)) & (hi[bucket][k] >> (byte >> 4)) & 1) != 0;
    }
};

// Position `i` of `p` is a candidate when some bucket admits both nibbles of each byte from `i`
// (a superset of the byte sequences allowed, as in Teddy).
std::uint32_t reference_block(const Allowed& allowed, const unsigned char* p) {
    std::uint32_t mask = 0;
    for (std::size_t i = 0; i < teddy::block; ++i) {
        for (std::size_t bucket = 0; bucket < teddy::buckets; ++bucket) {
            bool all = true;
            for (std::size_t k = 0; k < teddy::width && all; ++k) all = allowed.admits(k, bucket, p[i + k]);
            if (all) mask |= std::uint32_t{1} << i;
        }
    }
    return mask;
}

std::vector<std::pair<const char*, teddy::BlockScan>> scans() {
    std::vector<std::pair<const char*, teddy::BlockScan>> out{{"every", teddy::scan_every}};
#if defined(CCI_TEDDY_X86)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("ssse3")) out.emplace_back("ssse3", teddy::scan_ssse3);
    if (__builtin_cpu_supports("avx2")) out.emplace_back("avx2", teddy::scan_avx2);
    if (__builtin_cpu_supports("avx512bw")) out.emplace_back("avx512", teddy::scan_avx512);
#elif defined(CCI_TEDDY_SSSE3)
    out.emplace_back("ssse3", teddy::scan_ssse3);
#endif
    return out;
}

}  // namespace

TEST_CASE("teddy: every block scan this machine runs finds the positions the masks admit", "[log][teddy]") {
    std::mt19937 random(20261125);
    const auto scan_list = scans();
    for (int round = 0; round < 60; ++round) {
        // A few buckets with a few bytes each, over a small alphabet so that candidates occur.
        teddy::Masks masks;
        Allowed allowed;
        const char* alphabet = "aBcD:e F\x1b\xC3";
        const auto pick = [&] { return static_cast<unsigned char>(alphabet[random() % 10]); };
        for (std::size_t bucket = 0; bucket < teddy::buckets; ++bucket) {
            if (random() % 3 != 0) continue;
            for (std::size_t k = 0; k < teddy::width; ++k) {
                if (random() % 5 == 0) {
                    masks.allow_any(k, bucket);
                    for (unsigned b = 0; b < 256; ++b) allowed.allow(k, bucket, static_cast<unsigned char>(b));
                    continue;
                }
                for (int n = 0; n < 2; ++n) {
                    const unsigned char byte = pick();
                    masks.allow(k, bucket, byte);
                    allowed.allow(k, bucket, byte);
                }
            }
        }
        // Exactly the bytes a scan may read, so that a read past them is caught under ASan.
        const std::size_t blocks = 1 + random() % 9;
        std::vector<unsigned char> text(blocks * teddy::block + teddy::width - 1);
        for (auto& c : text) c = pick();
        std::vector<std::uint32_t> want(blocks);
        for (std::size_t b = 0; b < blocks; ++b) want[b] = reference_block(allowed, text.data() + b * teddy::block);
        for (const auto& [name, scan] : scan_list) {
            INFO(name << ", " << blocks << " blocks, round " << round);
            std::vector<std::uint32_t> got(blocks, 0);
            scan(masks, text.data(), blocks, got.data());
            for (std::size_t b = 0; b < blocks; ++b) {
                if (std::string_view(name) == "every") {
                    CHECK(got[b] == ~std::uint32_t{0});
                } else {
                    CHECK(got[b] == want[b]);
                }
            }
        }
    }
}

TEST_CASE("teddy: the chosen scan is one this machine runs", "[log][teddy]") {
    bool listed = false;
    for (const auto& [name, scan] : scans()) listed = listed || scan == teddy::best_scan();
    CHECK(listed);
}
