// Decoding JSON string content 64 bytes at a time with no branch per escape: the block's
// backslash runs are resolved with carry arithmetic on bit masks, the one-character escapes
// (\" \\ \/ \b \f \n \r \t) and the `\u00XX` escapes of ASCII characters (such as the ESC of
// every ANSI colour code) are rewritten in place and the rest of their bytes squeezed out with
// byte shuffles (or one AVX-512 VBMI2 compress). Anything else (other \u escapes, an invalid
// escape, the closing quote) stops the block for the caller's byte-at-a-time path. AVX-512 or SSSE3
// natively (chosen at run time), wasm SIMD when built with it. Private to core/src.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "ascii.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CCI_UNESCAPE_SIMD 1
#define CCI_UNESCAPE_TARGET __attribute__((target("ssse3,popcnt")))
#elif defined(__SSSE3__)
#include <tmmintrin.h>
#define CCI_UNESCAPE_SIMD 1
#define CCI_UNESCAPE_TARGET
#endif

namespace cci::log::json_unescape {

constexpr std::size_t block = 64;
/// Bytes past `produced` that a block may overwrite in its output.
constexpr std::size_t slack = 16;

struct BlockResult {
    std::size_t consumed = 0;  ///< input bytes decoded
    std::size_t produced = 0;  ///< output bytes written
    /// `in[consumed]` needs the caller: the closing quote, or the backslash of an escape this
    /// block does not decode. Otherwise the next block starts at `in + consumed` (which is
    /// before the end when the block's last byte opens an escape).
    bool stop = false;
};

/// Decodes string content from `in` (64 readable bytes, starting outside an escape) into `out`
/// (room for 64 + `slack` bytes).
using BlockDecode = BlockResult (*)(const char* in, char* out);

/// Decodes blocks from `in` (`size` readable bytes, starting outside an escape) into `out`
/// (`room` bytes) while a whole block remains to read and 64 + `slack` bytes to write, up to
/// the first block that stops (`stop` then tells the caller to take `in[consumed]`).
using RunDecode = BlockResult (*)(const char* in, std::size_t size, char* out, std::size_t room);

/// The run of `decode`'s blocks, for a decoder whose target it is inlined into.
template <BlockResult (*decode)(const char*, char*)>
[[gnu::always_inline]] inline BlockResult decode_run(const char* in, std::size_t size, char* out, std::size_t room) {
    BlockResult run;
    while (size - run.consumed >= block && room - run.produced >= block + slack) {
        const BlockResult one = decode(in + run.consumed, out + run.produced);
        run.consumed += one.consumed;
        run.produced += one.produced;
        if (one.stop) {
            run.stop = true;
            break;
        }
    }
    return run;
}

#if defined(CCI_UNESCAPE_SIMD)
namespace detail {

// By the kept-byte mask of 8 bytes: the indices of the kept bytes, packed to the front. Filled
// at start-up (out of line, so not folded into 2 KB of constant data in the wasm module).
[[gnu::noinline]] inline std::array<std::array<std::uint8_t, 8>, 256> make_pack_indices() {
    std::array<std::array<std::uint8_t, 8>, 256> table{};
    for (unsigned mask = 0; mask < 256; ++mask) {
        unsigned at = 0;
        for (unsigned bit = 0; bit < 8; ++bit) {
            if ((mask >> bit & 1u) != 0) table[mask][at++] = static_cast<std::uint8_t>(bit);
        }
        for (; at < 8; ++at) table[mask][at] = 0x80;
    }
    return table;
}
inline const std::array<std::array<std::uint8_t, 8>, 256> pack_indices = make_pack_indices();

// The escape letters hash to distinct slots by bits 1-4: `letters` holds each letter in its
// slot (and in the others a byte of another slot, which no byte hashing there equals),
// `decoded` what it stands for.
alignas(16) constexpr std::array<std::uint8_t, 16> letters = [] {
    std::array<std::uint8_t, 16> table{};
    for (std::size_t slot = 0; slot < table.size(); ++slot) table[slot] = static_cast<std::uint8_t>(((slot + 1) % 16) << 1);
    for (const char letter : {'b', 'f', 'n', 'r', 't'}) table[(static_cast<unsigned>(letter) >> 1) & 15] = static_cast<std::uint8_t>(letter);
    return table;
}();
alignas(16) constexpr std::array<std::uint8_t, 16> decoded{0, '\b', 0, '\f', 0, 0, 0, '\n', 0, '\r', '\t', 0, 0, 0, 0, 0};

// The same, once per 16-byte lane of a 64-byte register.
constexpr std::array<std::uint8_t, 64> widened(const std::array<std::uint8_t, 16>& table) {
    std::array<std::uint8_t, 64> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = table[i % 16];
    return out;
}
alignas(64) constexpr std::array<std::uint8_t, 64> wide_letters = widened(letters);
alignas(64) constexpr std::array<std::uint8_t, 64> wide_decoded = widened(decoded);

CCI_UNESCAPE_TARGET inline __m128i slot(__m128i v) {
    return _mm_and_si128(_mm_srli_epi16(v, 1), _mm_set1_epi8(0x0F));
}

// Lanes whose bit is set in `mask`, as 0xFF bytes.
CCI_UNESCAPE_TARGET inline __m128i lanes(std::uint32_t mask) {
    const __m128i spread = _mm_shuffle_epi8(_mm_cvtsi32_si128(static_cast<int>(mask)),
                                            _mm_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1));
    const __m128i bits = _mm_setr_epi8(1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128);
    return _mm_cmpeq_epi8(_mm_and_si128(spread, bits), bits);
}

}  // namespace detail

// What to do with a block, from its backslash and quote masks and, when it has backslashes,
// the masks of the bytes that may follow one (`allowed`), of the escape letters, of the bytes
// before a `u` (`before_u`) and of the bytes before `u00` + [0-7] + a hex digit
// (`before_ascii_u`, needed at backslashes only) (bit i for byte i).
struct Plan {
    BlockResult result;
    std::uint64_t keep = 0;     // bytes that reach the output
    std::uint64_t rewrite = 0;  // escape letters to decode
    std::uint64_t ascii = 0;    // last hex digits of `\u00XX` escapes, to become character XX
};

inline Plan plan(std::uint64_t backslash, std::uint64_t quote, std::uint64_t allowed, std::uint64_t letter,
                 std::uint64_t before_u, std::uint64_t before_ascii_u) {
    // In each run of backslashes the 1st, 3rd, ... open an escape. Runs that start at an even
    // position vanish when their first bit is added (the carry runs through them).
    constexpr std::uint64_t even = 0x5555555555555555ULL;
    const std::uint64_t run_starts = backslash & ~(backslash << 1);
    const std::uint64_t even_runs = backslash & ~(backslash + (run_starts & even));
    const std::uint64_t opener = (even_runs & even) | (backslash & ~even_runs & ~even);
    const std::uint64_t escaped = opener << 1;
    const std::uint64_t ascii_u = opener & before_ascii_u;  // whole escapes: openers up to 58
    // A `\u` opening in the last five bytes is read whole by the next block.
    const std::uint64_t cut_u = opener & before_u & ~(~std::uint64_t{0} >> 5);
    const std::uint64_t stops = (quote & ~escaped) | ((escaped & ~(allowed | ((ascii_u | cut_u) << 1))) >> 1);
    Plan out;
    std::size_t length = block;
    if (stops != 0) length = static_cast<std::size_t>(__builtin_ctzll(stops));
    const std::size_t cut = cut_u != 0 ? static_cast<std::size_t>(__builtin_ctzll(cut_u))
                            : (opener >> 63) != 0 ? block - 1  // the escape's second byte is in the next block
                                                  : block;
    if (cut < length) {
        length = cut;
    } else if (stops != 0) {
        out.result.stop = true;
    }
    const std::uint64_t within = length == block ? ~std::uint64_t{0} : (std::uint64_t{1} << length) - 1;
    const std::uint64_t u_body = (ascii_u << 1) | (ascii_u << 2) | (ascii_u << 3) | (ascii_u << 4);
    out.keep = ~opener & ~u_body & within;
    out.rewrite = escaped & letter & within;
    out.ascii = (ascii_u << 5) & within;
    out.result.consumed = length;
    return out;
}

CCI_UNESCAPE_TARGET inline std::uint64_t bits16(__m128i flags, int shift) {
    return static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(flags))) << shift;
}

CCI_UNESCAPE_TARGET inline std::uint64_t equal_mask(const __m128i (&v)[4], char c) {
    const __m128i x = _mm_set1_epi8(c);
    return bits16(_mm_cmpeq_epi8(v[0], x), 0) | bits16(_mm_cmpeq_epi8(v[1], x), 16) |
           bits16(_mm_cmpeq_epi8(v[2], x), 32) | bits16(_mm_cmpeq_epi8(v[3], x), 48);
}

CCI_UNESCAPE_TARGET inline __m128i is_letter(__m128i x) {
    const __m128i table = _mm_load_si128(reinterpret_cast<const __m128i*>(detail::letters.data()));
    return _mm_cmpeq_epi8(_mm_shuffle_epi8(table, detail::slot(x)), x);
}

CCI_UNESCAPE_TARGET inline std::uint64_t letter_mask(const __m128i (&v)[4]) {
    return bits16(is_letter(v[0]), 0) | bits16(is_letter(v[1]), 16) | bits16(is_letter(v[2]), 32) |
           bits16(is_letter(v[3]), 48);
}

// The value of each hex digit byte (other bytes: something in 0-24).
CCI_UNESCAPE_TARGET inline __m128i hex_value(__m128i x) {
    const __m128i letter = _mm_set1_epi8(0x40);
    const __m128i nine = _mm_and_si128(_mm_cmpeq_epi8(_mm_and_si128(x, letter), letter), _mm_set1_epi8(9));
    return _mm_add_epi8(_mm_and_si128(x, _mm_set1_epi8(0x0F)), nine);
}

// By byte, the character of the two hex digits ending there (given the bytes just before).
CCI_UNESCAPE_TARGET inline __m128i ascii_value(__m128i bytes, __m128i previous_bytes) {
    const __m128i high = _mm_slli_epi16(_mm_and_si128(hex_value(previous_bytes), _mm_set1_epi8(0x0F)), 4);
    return _mm_or_si128(high, hex_value(bytes));
}

// Writes lane `bytes` to `to` with its `kept` bytes packed to the front, its `changed` escape
// letters decoded; returns how many bytes it kept. Writes up to 16 bytes.
CCI_UNESCAPE_TARGET inline std::size_t put_lane(__m128i bytes, std::uint32_t kept, std::uint32_t changed, char* to) {
    if (changed != 0) {
        const __m128i decoded_table = _mm_load_si128(reinterpret_cast<const __m128i*>(detail::decoded.data()));
        const __m128i chosen = detail::lanes(changed);
        const __m128i replaced = _mm_shuffle_epi8(decoded_table, detail::slot(bytes));
        bytes = _mm_or_si128(_mm_and_si128(chosen, replaced), _mm_andnot_si128(chosen, bytes));
    }
    if (kept == 0xFFFF) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(to), bytes);
        return 16;
    }
    const __m128i low_indices =
        _mm_loadl_epi64(reinterpret_cast<const __m128i*>(detail::pack_indices[kept & 0xFF].data()));
    const __m128i high_indices = _mm_or_si128(
        _mm_loadl_epi64(reinterpret_cast<const __m128i*>(detail::pack_indices[kept >> 8].data())), _mm_set1_epi8(8));
    const __m128i packed = _mm_shuffle_epi8(bytes, _mm_unpacklo_epi64(low_indices, high_indices));
    const auto low = static_cast<std::size_t>(__builtin_popcount(kept & 0xFF));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(to), packed);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(to + low), _mm_srli_si128(packed, 8));
    return low + static_cast<std::size_t>(__builtin_popcount(kept >> 8));
}

CCI_UNESCAPE_TARGET inline BlockResult decode_block_ssse3(const char* in, char* out) {
    const __m128i v[4] = {_mm_loadu_si128(reinterpret_cast<const __m128i*>(in)),
                          _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 16)),
                          _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 32)),
                          _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 48))};
    const std::uint64_t backslash = equal_mask(v, '\\');
    const std::uint64_t quote = equal_mask(v, '"');
    if ((backslash | quote) == 0) {
        for (std::size_t k = 0; k < 4; ++k) _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16 * k), v[k]);
        return {block, block, false};
    }
    std::uint64_t letter = 0;
    std::uint64_t allowed = 0;
    std::uint64_t before_u = 0;
    std::uint64_t before_ascii_u = 0;
    if (backslash != 0) {
        letter = letter_mask(v);
        allowed = letter | quote | backslash | equal_mask(v, '/');
        before_u = equal_mask(v, 'u') >> 1;
        // Few bytes per block are a backslash before a `u`: each is checked on its own.
        for (std::uint64_t at = backslash & before_u & (~std::uint64_t{0} >> 5); at != 0; at &= at - 1) {
            const auto i = static_cast<std::size_t>(__builtin_ctzll(at));
            if (in[i + 2] == '0' && in[i + 3] == '0' && in[i + 4] >= '0' && in[i + 4] <= '7' &&
                ascii::is_hex(in[i + 5])) {
                before_ascii_u |= std::uint64_t{1} << i;
            }
        }
    }
    const Plan p = plan(backslash, quote, allowed, letter, before_u, before_ascii_u);
    std::size_t produced = 0;
    for (std::size_t k = 0; k < 4 && 16 * k < p.result.consumed; ++k) {
        __m128i bytes = v[k];
        const auto ascii = static_cast<std::uint32_t>(p.ascii >> (16 * k) & 0xFFFF);
        if (ascii != 0) {  // a `\u00XX` escape ends in this lane, never in its first byte
            const __m128i previous = k == 0 ? _mm_slli_si128(v[0], 1) : _mm_alignr_epi8(v[k], v[k - 1], 15);
            const __m128i chosen = detail::lanes(ascii);
            bytes = _mm_or_si128(_mm_and_si128(chosen, ascii_value(bytes, previous)), _mm_andnot_si128(chosen, bytes));
        }
        produced += put_lane(bytes, static_cast<std::uint32_t>(p.keep >> (16 * k) & 0xFFFF),
                             static_cast<std::uint32_t>(p.rewrite >> (16 * k) & 0xFFFF), out + produced);
    }
    BlockResult result = p.result;
    result.produced = produced;
    return result;
}

CCI_UNESCAPE_TARGET inline BlockResult decode_run_ssse3(const char* in, std::size_t size, char* out,
                                                         std::size_t room) {
    return decode_run<decode_block_ssse3>(in, size, out, room);
}

#if defined(__x86_64__)
#define CCI_UNESCAPE_AVX512 1
// AVX-512 with VBMI2: one compare per mask, and the backslashes squeezed out by one compress.
#define CCI_UNESCAPE_AVX512_TARGET __attribute__((target("avx512f,avx512bw,avx512vbmi2,popcnt,bmi")))

// Bytes in [lo, hi].
CCI_UNESCAPE_AVX512_TARGET inline std::uint64_t in_range(__m512i x, char lo, char hi) {
    return _mm512_cmple_epu8_mask(_mm512_sub_epi8(x, _mm512_set1_epi8(lo)), _mm512_set1_epi8(static_cast<char>(hi - lo)));
}

// The value of each hex digit byte (other bytes: something in 0-24).
CCI_UNESCAPE_AVX512_TARGET inline __m512i hex_value(__m512i x) {
    const __m512i low = _mm512_and_si512(x, _mm512_set1_epi8(0x0F));
    return _mm512_mask_add_epi8(low, _mm512_test_epi8_mask(x, _mm512_set1_epi8(0x40)), low, _mm512_set1_epi8(9));
}

CCI_UNESCAPE_AVX512_TARGET inline BlockResult decode_block_avx512(
    const char* in, char* out) {
    const __m512i v = _mm512_loadu_si512(in);
    const std::uint64_t backslash = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\\'));
    const std::uint64_t quote = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('"'));
    if ((backslash | quote) == 0) {
        _mm512_storeu_si512(out, v);
        return {block, block, false};
    }
    const __m512i slots = _mm512_and_si512(_mm512_srli_epi16(v, 1), _mm512_set1_epi8(0x0F));
    std::uint64_t letter = 0;
    std::uint64_t allowed = 0;
    std::uint64_t before_u = 0;
    std::uint64_t before_ascii_u = 0;
    if (backslash != 0) {
        const __m512i table = _mm512_load_si512(detail::wide_letters.data());
        letter = _mm512_cmpeq_epi8_mask(_mm512_shuffle_epi8(table, slots), v);
        allowed = letter | quote | backslash | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('/'));
        before_u = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('u')) >> 1;
        if ((backslash & before_u) != 0) {
            const std::uint64_t zero = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('0'));
            const std::uint64_t hex =
                in_range(v, '0', '9') | in_range(_mm512_or_si512(v, _mm512_set1_epi8(0x20)), 'a', 'f');
            before_ascii_u = before_u & (zero >> 2) & (zero >> 3) & (in_range(v, '0', '7') >> 4) & (hex >> 5);
        }
    }
    const Plan p = plan(backslash, quote, allowed, letter, before_u, before_ascii_u);
    const __m512i decoded_table = _mm512_load_si512(detail::wide_decoded.data());
    __m512i bytes = _mm512_mask_shuffle_epi8(v, p.rewrite, decoded_table, slots);
    if (p.ascii != 0) {
        // By byte, the character of the two hex digits ending there (byte 0 never ends one).
        // Each byte's predecessor: lanes moved up one, then bytes one within each lane.
        const __m512i lanes_up = _mm512_maskz_alignr_epi64(0xFF, v, _mm512_setzero_si512(), 6);
        const __m512i previous = _mm512_alignr_epi8(v, lanes_up, 15);
        const __m512i high = _mm512_slli_epi16(_mm512_and_si512(hex_value(previous), _mm512_set1_epi8(0x0F)), 4);
        bytes = _mm512_mask_mov_epi8(bytes, p.ascii, _mm512_or_si512(high, hex_value(v)));
    }
    _mm512_storeu_si512(out, _mm512_maskz_compress_epi8(p.keep, bytes));
    BlockResult result = p.result;
    result.produced = static_cast<std::size_t>(__builtin_popcountll(p.keep));
    return result;
}

CCI_UNESCAPE_AVX512_TARGET inline BlockResult decode_run_avx512(const char* in, std::size_t size, char* out,
                                                                std::size_t room) {
    return decode_run<decode_block_avx512>(in, size, out, room);
}
#endif
#endif

/// The fastest run decoder this CPU supports, or null when there is none.
inline RunDecode best_decode() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
#if defined(CCI_UNESCAPE_AVX512)
    if (__builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi2")) return decode_run_avx512;
#endif
    return __builtin_cpu_supports("ssse3") && __builtin_cpu_supports("popcnt") ? decode_run_ssse3 : nullptr;
#elif defined(CCI_UNESCAPE_SIMD)
    return decode_run_ssse3;
#else
    return nullptr;
#endif
}

}  // namespace cci::log::json_unescape
