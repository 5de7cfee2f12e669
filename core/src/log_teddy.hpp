// Multi-literal candidate search in the manner of Hyperscan's Teddy: each literal is keyed on
// up to four of its bytes, the keys are spread over eight buckets, and for every position of
// a text a few nibble lookups (SSSE3, AVX2 or AVX-512 natively, chosen at run time; wasm SIMD when
// built with it), or whole-byte lookups (AVX-512 VBMI), say whether some bucket's keys could
// start there. A superset: callers
// confirm each candidate exactly. Private to core/src.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CCI_TEDDY_X86 1
#elif defined(__SSSE3__)
#include <tmmintrin.h>
#define CCI_TEDDY_SSSE3 1
#endif

namespace cci::log::teddy {

constexpr std::size_t width = 4;    // key bytes
constexpr std::size_t banks = 3;  // of eight buckets each
constexpr std::size_t buckets = 8 * banks;
// Bytes read past a block's first position (blocks are 32 positions).
constexpr std::size_t block = 32;
constexpr std::size_t reach = block + width - 1;

// By key byte: for each nibble value, the buckets whose keys allow it there (each byte is
// seen with bit 5 set, so that ASCII letters of either case meet). Rows are repeated for
// both 16-byte lanes of an AVX2 register.
struct Masks {
    using Row = std::array<std::uint8_t, 32>;
    alignas(32) std::array<std::array<Row, width>, banks> lo{};
    alignas(32) std::array<std::array<Row, width>, banks> hi{};
    // By key byte: for each byte (with bit 5 set, by `byte_slot`), the buckets that allow it
    // there, for scans that look a byte up whole.
    alignas(64) std::array<std::array<std::array<std::uint8_t, 128>, width>, banks> bytes{};

    // A byte with bit 5 set, numbered 0-127: its bits 6 and 7 moved down one.
    static constexpr unsigned byte_slot(unsigned char byte) noexcept { return (byte & 0x1Fu) | ((byte >> 1) & 0x60u); }

    // Lets `bucket` admit `byte` at key position `k`.
    void allow(std::size_t k, std::size_t bucket, unsigned char byte) noexcept {
        const auto bit = static_cast<std::uint8_t>(1u << (bucket % 8));
        Row& l = lo[bucket / 8][k];
        Row& h = hi[bucket / 8][k];
        byte |= 0x20;
        bytes[bucket / 8][k][byte_slot(byte)] |= bit;
        l[byte & 15] |= bit;
        l[16 + (byte & 15)] |= bit;
        h[byte >> 4] |= bit;
        h[16 + (byte >> 4)] |= bit;
    }
    // Lets `bucket` admit every byte at key position `k`, as `allow` would byte by byte.
    void allow_any(std::size_t k, std::size_t bucket) noexcept {
        const auto bit = static_cast<std::uint8_t>(1u << (bucket % 8));
        for (auto& slot : bytes[bucket / 8][k]) slot |= bit;
        for (auto& low : lo[bucket / 8][k]) low |= bit;
        Row& h = hi[bucket / 8][k];
        for (unsigned high = 0; high < 16; ++high) {
            if ((high & 2) == 0) continue;  // no byte with bit 5 set has this high nibble
            h[high] |= bit;
            h[16 + high] |= bit;
        }
    }
};

// Writes, for each of `blocks` consecutive 32-position blocks from `p`, a mask of the
// positions where some bucket's key may start. Reads `blocks * block + width - 1` bytes.
using BlockScan = void (*)(const Masks&, const unsigned char* p, std::size_t blocks, std::uint32_t* out);

#if defined(CCI_TEDDY_X86) || defined(CCI_TEDDY_SSSE3)
#if defined(CCI_TEDDY_X86)
#define CCI_TEDDY_SSSE3_TARGET __attribute__((target("ssse3")))
#else
#define CCI_TEDDY_SSSE3_TARGET
#endif

// The mask of the 16 positions from `p`, key byte by key byte, so that few registers are live
// at once: the 24 rows do not fit in 16. The steps are kept apart by a volatile store of what
// each one computed, because V8 otherwise issues a block's loads first: it loaded every row
// at the top and spilled most of them (wasm is this scan's main user).
CCI_TEDDY_SSSE3_TARGET inline std::uint16_t mask16(const Masks& m, const unsigned char* p) {
    const __m128i nibble = _mm_set1_epi8(0x0F);
    const __m128i fold = _mm_set1_epi8(0x20);
    __m128i acc[banks];
    [[maybe_unused]] volatile __m128i step;
    __m128i any = _mm_setzero_si128();
    for (std::size_t k = 0; k < width; ++k) {
        const __m128i v = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k)), fold);
        const __m128i lo = _mm_and_si128(v, nibble);
        const __m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), nibble);
        any = _mm_setzero_si128();
        for (std::size_t bank = 0; bank < banks; ++bank) {
            const __m128i lo_row = _mm_load_si128(reinterpret_cast<const __m128i*>(m.lo[bank][k].data()));
            const __m128i hi_row = _mm_load_si128(reinterpret_cast<const __m128i*>(m.hi[bank][k].data()));
            const __m128i both = _mm_and_si128(_mm_shuffle_epi8(lo_row, lo), _mm_shuffle_epi8(hi_row, hi));
            acc[bank] = k == 0 ? both : _mm_and_si128(acc[bank], both);
            any = _mm_or_si128(any, acc[bank]);
        }
        if (k + 1 < width) step = any;
    }
    return static_cast<std::uint16_t>(~_mm_movemask_epi8(_mm_cmpeq_epi8(any, _mm_setzero_si128())));
}

// Each half block's mask is stored before the next one's rows are loaded (the store may alias
// them), so that the rows are not kept in registers across halves either.
CCI_TEDDY_SSSE3_TARGET inline void scan_ssse3(const Masks& m, const unsigned char* p, std::size_t blocks,
                                              std::uint32_t* out) {
    auto* halves = reinterpret_cast<unsigned char*>(out);  // little-endian: the low half first
    for (std::size_t h = 0; h < 2 * blocks; ++h) {
        const std::uint16_t half = mask16(m, p + 16 * h);
        std::memcpy(halves + 2 * h, &half, sizeof half);
    }
}
#endif

#if defined(CCI_TEDDY_X86)
__attribute__((target("avx2"))) inline void scan_avx2(const Masks& m, const unsigned char* p, std::size_t blocks,
                                                      std::uint32_t* out) {
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    const __m256i fold = _mm256_set1_epi8(0x20);
    __m256i lo_rows[banks][width];
    __m256i hi_rows[banks][width];
    for (std::size_t bank = 0; bank < banks; ++bank) {
        for (std::size_t k = 0; k < width; ++k) {
            lo_rows[bank][k] = _mm256_load_si256(reinterpret_cast<const __m256i*>(m.lo[bank][k].data()));
            hi_rows[bank][k] = _mm256_load_si256(reinterpret_cast<const __m256i*>(m.hi[bank][k].data()));
        }
    }
    for (std::size_t b = 0; b < blocks; ++b, p += block) {
        __m256i lo[width];
        __m256i hi[width];
        for (std::size_t k = 0; k < width; ++k) {
            const __m256i v = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + k)), fold);
            lo[k] = _mm256_and_si256(v, nibble);
            hi[k] = _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble);
        }
        __m256i any = _mm256_setzero_si256();
        for (std::size_t bank = 0; bank < banks; ++bank) {
            __m256i acc = _mm256_set1_epi8(static_cast<char>(0xFF));
            for (std::size_t k = 0; k < width; ++k) {
                acc = _mm256_and_si256(acc, _mm256_and_si256(_mm256_shuffle_epi8(lo_rows[bank][k], lo[k]),
                                                             _mm256_shuffle_epi8(hi_rows[bank][k], hi[k])));
            }
            any = _mm256_or_si256(any, acc);
        }
        const auto none = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(any, _mm256_setzero_si256())));
        out[b] = ~none;
    }
}

// Two blocks per step; a last odd block reads only the bytes it may (masked loads).
__attribute__((target("avx512f,avx512bw"))) inline void scan_avx512(const Masks& m, const unsigned char* p,
                                                                    std::size_t blocks, std::uint32_t* out) {
    const __m512i nibble = _mm512_set1_epi8(0x0F);
    const __m512i fold = _mm512_set1_epi8(0x20);
    __m512i lo_rows[banks][width];
    __m512i hi_rows[banks][width];
    for (std::size_t bank = 0; bank < banks; ++bank) {
        for (std::size_t k = 0; k < width; ++k) {
            lo_rows[bank][k] = _mm512_maskz_broadcast_i32x4(0xFFFF, _mm_load_si128(reinterpret_cast<const __m128i*>(m.lo[bank][k].data())));
            hi_rows[bank][k] = _mm512_maskz_broadcast_i32x4(0xFFFF, _mm_load_si128(reinterpret_cast<const __m128i*>(m.hi[bank][k].data())));
        }
    }
    for (std::size_t b = 0; b < blocks; b += 2, p += 2 * block) {
        const bool pair = b + 1 < blocks;
        __m512i lo[width];
        __m512i hi[width];
        for (std::size_t k = 0; k < width; ++k) {
            const __m512i v = _mm512_or_si512(_mm512_maskz_loadu_epi8(pair ? ~__mmask64{0} : (__mmask64{1} << (reach - k)) - 1, p + k), fold);
            lo[k] = _mm512_and_si512(v, nibble);
            hi[k] = _mm512_and_si512(_mm512_srli_epi16(v, 4), nibble);
        }
        __m512i any = _mm512_setzero_si512();
        for (std::size_t bank = 0; bank < banks; ++bank) {
            __m512i acc = _mm512_and_si512(_mm512_shuffle_epi8(lo_rows[bank][0], lo[0]), _mm512_shuffle_epi8(hi_rows[bank][0], hi[0]));
            for (std::size_t k = 1; k < width; ++k) {
                acc = _mm512_and_si512(acc, _mm512_and_si512(_mm512_shuffle_epi8(lo_rows[bank][k], lo[k]),
                                                             _mm512_shuffle_epi8(hi_rows[bank][k], hi[k])));
            }
            any = _mm512_or_si512(any, acc);
        }
        const std::uint64_t hits = _mm512_test_epi8_mask(any, any);
        out[b] = static_cast<std::uint32_t>(hits);
        if (pair) out[b + 1] = static_cast<std::uint32_t>(hits >> 32);
    }
}

// AVX-512 VBMI: each key byte's buckets come from one 128-entry byte lookup (`Masks::bytes`)
// instead of two nibble lookups, so it also admits fewer positions. Two blocks per step, as
// `scan_avx512`.
__attribute__((target("avx512f,avx512bw,avx512vbmi"))) inline void scan_avx512vbmi(
    const Masks& m, const unsigned char* p, std::size_t blocks, std::uint32_t* out) {
    const __m512i low_five = _mm512_set1_epi8(0x1F);
    __m512i first[banks][width];
    __m512i second[banks][width];
    for (std::size_t bank = 0; bank < banks; ++bank) {
        for (std::size_t k = 0; k < width; ++k) {
            first[bank][k] = _mm512_load_si512(m.bytes[bank][k].data());
            second[bank][k] = _mm512_load_si512(m.bytes[bank][k].data() + 64);
        }
    }
    for (std::size_t b = 0; b < blocks; b += 2, p += 2 * block) {
        const bool pair = b + 1 < blocks;
        __m512i slot[width];
        for (std::size_t k = 0; k < width; ++k) {
            const __m512i v = _mm512_maskz_loadu_epi8(pair ? ~__mmask64{0} : (__mmask64{1} << (reach - k)) - 1, p + k);
            // Bits 0-4 from the byte, bits 5 and 6 from its bits 6 and 7 (bit 7 is not looked at).
            slot[k] = _mm512_ternarylogic_epi32(low_five, v, _mm512_srli_epi16(v, 1), 0xCA);
        }
        __m512i any = _mm512_setzero_si512();
        for (std::size_t bank = 0; bank < banks; ++bank) {
            __m512i acc = _mm512_permutex2var_epi8(first[bank][0], slot[0], second[bank][0]);
            for (std::size_t k = 1; k < width; ++k) {
                acc = _mm512_and_si512(acc, _mm512_permutex2var_epi8(first[bank][k], slot[k], second[bank][k]));
            }
            any = _mm512_or_si512(any, acc);
        }
        const std::uint64_t hits = _mm512_test_epi8_mask(any, any);
        out[b] = static_cast<std::uint32_t>(hits);
        if (pair) out[b + 1] = static_cast<std::uint32_t>(hits >> 32);
    }
}
#endif

// Every position is a candidate: the scan for CPUs without the instructions above.
inline void scan_every(const Masks& /*m*/, const unsigned char* /*p*/, std::size_t blocks, std::uint32_t* out) {
    for (std::size_t b = 0; b < blocks; ++b) out[b] = ~std::uint32_t{0};
}

// The fastest block scan this CPU supports.
inline BlockScan best_scan() {
#if defined(CCI_TEDDY_X86)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi")) return scan_avx512vbmi;
    if (__builtin_cpu_supports("avx512bw")) return scan_avx512;
    if (__builtin_cpu_supports("avx2")) return scan_avx2;
    if (__builtin_cpu_supports("ssse3")) return scan_ssse3;
    return scan_every;
#elif defined(CCI_TEDDY_SSSE3)
    return scan_ssse3;
#else
    return scan_every;
#endif
}

}  // namespace cci::log::teddy
