#include "log_teddy.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <bitset>
#include <cstdint>
#include <random>
#include <string_view>
#include <vector>

namespace teddy = cci::log::teddy;

namespace {

// How a scan looks a key byte up: by its two nibbles (a superset of the bytes allowed, as in
// Teddy), or whole.
enum class Lookup { nibbles, bytes };

// The bytes (with bit 5 set) and their low and high nibbles each bucket admits at each key position.
struct Allowed {
    std::array<std::array<std::uint16_t, teddy::width>, teddy::buckets> lo{};
    std::array<std::array<std::uint16_t, teddy::width>, teddy::buckets> hi{};
    std::array<std::array<std::bitset<256>, teddy::width>, teddy::buckets> bytes{};

    void allow(std::size_t k, std::size_t bucket, unsigned char byte) {
        byte |= 0x20;
        lo[bucket][k] |= static_cast<std::uint16_t>(1u << (byte & 15));
        hi[bucket][k] |= static_cast<std::uint16_t>(1u << (byte >> 4));
        bytes[bucket][k].set(byte);
    }
    [[nodiscard]] bool admits(Lookup lookup, std::size_t k, std::size_t bucket, unsigned char byte) const {
        byte |= 0x20;
        if (lookup == Lookup::bytes) return bytes[bucket][k].test(byte);
        return ((lo[bucket][k] >> (byte & 15)) & (hi[bucket][k] >> (byte >> 4)) & 1) != 0;
    }
};

// Position `i` of `p` is a candidate when some bucket admits each byte from `i`.
std::uint32_t reference_block(const Allowed& allowed, Lookup lookup, const unsigned char* p) {
    std::uint32_t mask = 0;
    for (std::size_t i = 0; i < teddy::block; ++i) {
        for (std::size_t bucket = 0; bucket < teddy::buckets; ++bucket) {
            bool all = true;
            for (std::size_t k = 0; k < teddy::width && all; ++k) all = allowed.admits(lookup, k, bucket, p[i + k]);
            if (all) mask |= std::uint32_t{1} << i;
        }
    }
    return mask;
}

struct Scan {
    const char* name;
    teddy::BlockScan scan;
    Lookup lookup;
};

std::vector<Scan> scans() {
    std::vector<Scan> out{{"every", teddy::scan_every, Lookup::nibbles}};
#if defined(CCI_TEDDY_X86)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("ssse3")) out.push_back({"ssse3", teddy::scan_ssse3, Lookup::nibbles});
    if (__builtin_cpu_supports("avx2")) out.push_back({"avx2", teddy::scan_avx2, Lookup::nibbles});
    if (__builtin_cpu_supports("avx512bw")) out.push_back({"avx512", teddy::scan_avx512, Lookup::nibbles});
    if (__builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi")) {
        out.push_back({"avx512vbmi", teddy::scan_avx512vbmi, Lookup::bytes});
    }
#elif defined(CCI_TEDDY_SSSE3)
    out.push_back({"ssse3", teddy::scan_ssse3, Lookup::nibbles});
#endif
    return out;
}

}  // namespace

TEST_CASE("teddy: every block scan this machine runs finds the positions the masks admit", "[log][teddy]") {
    std::mt19937 random(20261125);
    const auto scan_list = scans();
    for (int round = 0; round < 60; ++round) {
        // A few buckets with a few bytes each, over a small alphabet so that candidates occur
        // ('!' and 'j' are admitted by nibbles only, when ' ' and 'a', or ':' and 'a' are).
        teddy::Masks masks;
        Allowed allowed;
        const char* alphabet = "aBcD:e F\x1b\xC3!j";
        const auto pick = [&] { return static_cast<unsigned char>(alphabet[random() % 12]); };
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
        for (const auto& [name, scan, lookup] : scan_list) {
            INFO(name << ", " << blocks << " blocks, round " << round);
            std::vector<std::uint32_t> got(blocks, 0);
            scan(masks, text.data(), blocks, got.data());
            for (std::size_t b = 0; b < blocks; ++b) {
                if (std::string_view(name) == "every") {
                    CHECK(got[b] == ~std::uint32_t{0});
                } else {
                    CHECK(got[b] == reference_block(allowed, lookup, text.data() + b * teddy::block));
                }
            }
        }
    }
}

TEST_CASE("teddy: the chosen scan is one this machine runs", "[log][teddy]") {
    bool listed = false;
    for (const auto& entry : scans()) listed = listed || entry.scan == teddy::best_scan();
    CHECK(listed);
}

TEST_CASE("teddy: allowing any byte sets the masks allowing each byte would", "[log][teddy]") {
    for (std::size_t bucket : {std::size_t{0}, std::size_t{9}, teddy::buckets - 1}) {
        for (std::size_t k = 0; k < teddy::width; ++k) {
            INFO("bucket " << bucket << ", key byte " << k);
            teddy::Masks any;
            teddy::Masks each;
            any.allow(k, bucket, 'x');  // on top of what the masks already admit
            each.allow(k, bucket, 'x');
            any.allow_any(k, bucket);
            for (unsigned b = 0; b < 256; ++b) each.allow(k, bucket, static_cast<unsigned char>(b));
            CHECK(any.lo == each.lo);
            CHECK(any.hi == each.hi);
            CHECK(any.bytes == each.bytes);
        }
    }
}
