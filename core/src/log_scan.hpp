// Byte scanning for the log reader and normaliser: find the next byte that needs attention,
// several bytes at a time (SSE2 natively, 64-bit words elsewhere, e.g. in WebAssembly).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace cci::log::scan {

inline std::uint64_t load64(const char* p) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    return word;
}

constexpr std::uint64_t ones = 0x0101010101010101ULL;
constexpr std::uint64_t highs = 0x8080808080808080ULL;

// High bit set in each byte of `word` equal to `byte` (the lowest flagged byte is exact;
// bytes above it may be flagged spuriously, which the callers never read).
inline std::uint64_t equal_bytes(std::uint64_t word, unsigned char byte) {
    const std::uint64_t x = word ^ (ones * byte);
    return (x - ones) & ~x & highs;
}

inline std::size_t lowest_flag(std::uint64_t flags) {
    return static_cast<std::size_t>(__builtin_ctzll(flags)) / 8;
}

/// Index of the first byte outside printable ASCII (0x20–0x7E) in [from, size), or `size`.
inline std::size_t find_non_printable(const char* s, std::size_t from, std::size_t size) {
    std::size_t i = from;
#if defined(__SSE2__)
    // Signed compare: bytes >= 0x80 are negative, so `< 0x20` catches them with the controls.
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i del = _mm_set1_epi8(0x7F);
    for (; i + 16 <= size; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
        const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del)));
        if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#else
    for (; i + 8 <= size; i += 8) {
        const std::uint64_t word = load64(s + i);
        // Below 0x20 (borrow), 0x7F, or 0x80 and above.
        const std::uint64_t flags = ((word - ones * 0x20) & ~word & highs) | equal_bytes(word, 0x7F) | (word & highs);
        if (flags != 0) return i + lowest_flag(flags);
    }
#endif
    for (; i < size; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c >= 0x7F) return i;
    }
    return size;
}

// Copies bytes of `s` from `from` to `out` up to the first byte `stop` flags, the end of the
// input (`size`) or `room` bytes, whichever comes first; returns how many it copied. Whole
// blocks are stored before they are checked, so `out` must hold `min(room, size - from)` bytes.
template <typename Stop16, typename Stop8, typename Stop1>
inline std::size_t copy_until(const char* s, std::size_t from, std::size_t size, char* out, std::size_t room,
                              Stop16 stop16, Stop8 stop8, Stop1 stop1) {
    std::size_t copied = 0;
    const std::size_t limit = std::min(room, size - from);
#if defined(__SSE2__)
    (void)stop8;
    for (; copied + 16 <= limit; copied += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + from + copied));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + copied), v);
        const int mask = stop16(v);
        if (mask != 0) return copied + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#else
    (void)stop16;
    for (; copied + 8 <= limit; copied += 8) {
        const std::uint64_t word = load64(s + from + copied);
        std::memcpy(out + copied, &word, 8);
        const std::uint64_t flags = stop8(word);
        if (flags != 0) return copied + lowest_flag(flags);
    }
#endif
    for (; copied < limit; ++copied) {
        const char c = s[from + copied];
        if (stop1(static_cast<unsigned char>(c))) break;
        out[copied] = c;
    }
    return copied;
}

/// `copy_until` the first `"` or `\`.
inline std::size_t copy_until_quote_or_backslash(const char* s, std::size_t from, std::size_t size, char* out,
                                                 std::size_t room) {
    return copy_until(
        s, from, size, out, room,
#if defined(__SSE2__)
        [](__m128i v) {
            return _mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
        },
#else
        [](auto) { return 0; },
#endif
        [](std::uint64_t word) { return equal_bytes(word, '"') | equal_bytes(word, '\\'); },
        [](unsigned char c) { return c == '"' || c == '\\'; });
}

/// `copy_until` the first byte outside printable ASCII (0x20–0x7E).
inline std::size_t copy_printable(const char* s, std::size_t from, std::size_t size, char* out, std::size_t room) {
    return copy_until(
        s, from, size, out, room,
#if defined(__SSE2__)
        [](__m128i v) {
            return _mm_movemask_epi8(
                _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))));
        },
#else
        [](auto) { return 0; },
#endif
        [](std::uint64_t word) {
            return ((word - ones * 0x20) & ~word & highs) | equal_bytes(word, 0x7F) | (word & highs);
        },
        [](unsigned char c) { return c < 0x20 || c >= 0x7F; });
}

/// The printable-run scanners, as a CPU supports them best.
struct PrintableScanners {
    std::size_t (*find)(const char* s, std::size_t from, std::size_t size);
    std::size_t (*copy)(const char* s, std::size_t from, std::size_t size, char* out, std::size_t room);
};

#if defined(__x86_64__)
#define CCI_SCAN_AVX512 1
#define CCI_SCAN_AVX512_TARGET __attribute__((target("avx512f,avx512bw,bmi2")))

// Bytes outside printable ASCII. Signed compare: bytes >= 0x80 are negative, so `< 0x20`
// catches them with the controls.
CCI_SCAN_AVX512_TARGET inline __mmask64 non_printable_avx512(__m512i v) {
    return _mm512_cmplt_epi8_mask(v, _mm512_set1_epi8(0x20)) | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(0x7F));
}

/// `find_non_printable` 64 bytes at a time.
CCI_SCAN_AVX512_TARGET inline std::size_t find_non_printable_avx512(const char* s, std::size_t from, std::size_t size) {
    std::size_t i = from;
    for (; i + 64 <= size; i += 64) {
        const __mmask64 stop = non_printable_avx512(_mm512_loadu_si512(s + i));
        if (stop != 0) return i + static_cast<std::size_t>(__builtin_ctzll(stop));
    }
    if (i == size) return size;
    const __mmask64 live = _bzhi_u64(~std::uint64_t{0}, static_cast<unsigned>(size - i));
    const __mmask64 stop = non_printable_avx512(_mm512_maskz_loadu_epi8(live, s + i)) & live;
    return stop != 0 ? i + static_cast<std::size_t>(__builtin_ctzll(stop)) : size;
}

/// `copy_printable` 64 bytes at a time; the input's last partial block is read and stored
/// under a mask, so nothing outside `[from, size)` or past `room` is touched.
CCI_SCAN_AVX512_TARGET inline std::size_t copy_printable_avx512(
    const char* s, std::size_t from, std::size_t size, char* out, std::size_t room) {
    const std::size_t limit = std::min(room, size - from);
    const char* in = s + from;
    std::size_t copied = 0;
    for (; copied + 64 <= limit; copied += 64) {
        const __m512i v = _mm512_loadu_si512(in + copied);
        _mm512_storeu_si512(out + copied, v);
        const __mmask64 stop = non_printable_avx512(v);
        if (stop != 0) return copied + static_cast<std::size_t>(__builtin_ctzll(stop));
    }
    const std::size_t rest = limit - copied;
    if (rest == 0) return copied;
    const __mmask64 live = _bzhi_u64(~std::uint64_t{0}, static_cast<unsigned>(rest));
    const __m512i v = _mm512_maskz_loadu_epi8(live, in + copied);
    _mm512_mask_storeu_epi8(out + copied, live, v);
    const __mmask64 stop = non_printable_avx512(v) & live;
    return copied + (stop != 0 ? static_cast<std::size_t>(__builtin_ctzll(stop)) : rest);
}
#endif

inline PrintableScanners best_printable_scanners() {
#if defined(CCI_SCAN_AVX512)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("bmi2")) {
        return {find_non_printable_avx512, copy_printable_avx512};
    }
#endif
    return {find_non_printable, copy_printable};
}

/// True when some byte of [s, s + size) is 0x80 or above.
inline bool has_non_ascii(const char* s, std::size_t size) {
    std::size_t i = 0;
    std::uint64_t high = 0;
    for (; i + 8 <= size; i += 8) high |= load64(s + i);
    for (; i < size; ++i) high |= static_cast<unsigned char>(s[i]);
    return (high & highs) != 0;
}

}  // namespace cci::log::scan
