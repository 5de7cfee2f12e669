#include "log_json_unescape.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace unescape = cci::log::json_unescape;

namespace {

// The contract of a block decoder, one byte at a time.
std::pair<unescape::BlockResult, std::string> reference(const std::string& in) {
    std::string out;
    std::size_t i = 0;
    while (i < unescape::block) {
        const char c = in[i];
        if (c == '"') return {{i, out.size(), true}, out};
        if (c != '\\') {
            out += c;
            ++i;
            continue;
        }
        if (i + 1 == unescape::block) break;
        const char e = in[i + 1];
        if (e == 'u') {  // `\u00XX` of an ASCII character; a `\u` cut by the block's end waits
            if (i + 6 > unescape::block) break;
            const auto hex = [](char digit) {
                const std::string digits = "0123456789abcdef";
                const auto at = digits.find(static_cast<char>(digit >= 'A' && digit <= 'F' ? digit + 32 : digit));
                return at == std::string::npos ? -1 : static_cast<int>(at);
            };
            if (in[i + 2] == '0' && in[i + 3] == '0' && in[i + 4] >= '0' && in[i + 4] <= '7' && hex(in[i + 5]) >= 0) {
                out += static_cast<char>(hex(in[i + 4]) * 16 + hex(in[i + 5]));
                i += 6;
                continue;
            }
            return {{i, out.size(), true}, out};
        }
        const std::string from = "\"\\/bfnrt";
        const std::string to = "\"\\/\b\f\n\r\t";
        const std::size_t k = from.find(e);
        if (k == std::string::npos) return {{i, out.size(), true}, out};
        out += to[k];
        i += 2;
    }
    return {{i, out.size(), false}, out};
}

std::vector<std::pair<const char*, unescape::BlockDecode>> decoders() {
    std::vector<std::pair<const char*, unescape::BlockDecode>> out;
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("ssse3") && __builtin_cpu_supports("popcnt")) out.emplace_back("ssse3", unescape::decode_block_ssse3);
#if defined(CCI_UNESCAPE_AVX512)
    if (__builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi2")) {
        out.emplace_back("avx512", unescape::decode_block_avx512);
    }
#endif
#elif defined(CCI_UNESCAPE_SIMD)
    out.emplace_back("ssse3", unescape::decode_block_ssse3);
#endif
    return out;
}

void check_block(const std::string& in) {
    const auto [want, want_bytes] = reference(in);
    for (const auto& [name, decode] : decoders()) {
        std::string out(unescape::block + unescape::slack, '\0');
        const auto got = decode(in.data(), out.data());
        INFO(name << " on [" << in << "]");
        REQUIRE(got.consumed == want.consumed);
        REQUIRE(got.produced == want.produced);
        REQUIRE(got.stop == want.stop);
        CHECK(out.substr(0, got.produced) == want_bytes);
    }
}

}  // namespace

TEST_CASE("json unescape: this machine has a block decoder to test", "[log][unescape]") {
    CHECK_FALSE(decoders().empty());
    CHECK(unescape::best_decode() != nullptr);
}

TEST_CASE("json unescape: blocks decode as byte-at-a-time reading would", "[log][unescape]") {
    // Alphabets dense in backslashes and quotes, so that runs of every length, escapes
    // across lane edges and a last byte that opens an escape all occur.
    const std::vector<std::string> alphabets{"\\\\\\\\\"nrtbf/uqa", "\\\\abcdefghijklmn", "\\\"x", "\\\\\\\\\\\\n",
                                             "a\\\"\xC3\xA9\x1b\x7f\x80 ", "\\u000000117bBfF8g\\n\""};
    std::mt19937 random(20261125);
    for (const auto& alphabet : alphabets) {
        std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
        for (int round = 0; round < 20000; ++round) {
            std::string in(unescape::block, 'a');
            for (auto& c : in) c = alphabet[pick(random)];
            check_block(in);
        }
    }
}

TEST_CASE("json unescape: every escape at every offset of a block", "[log][unescape]") {
    for (const std::string escape : {"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u", "\\q", "\"", "\\",
                                     "\\u001b", "\\u001B", "\\u0000", "\\u007f", "\\u0080", "\\u00e9", "\\u1234",
                                     "\\u00g1", "\\u0A1b", "\\\\u001b", "\\u001b\\u005C\\n"}) {
        for (std::size_t at = 0; at < unescape::block; ++at) {
            std::string in(unescape::block, 'z');
            in.replace(at, std::min(escape.size(), unescape::block - at), escape.substr(0, unescape::block - at));
            check_block(in);
        }
    }
    for (unsigned byte = 0; byte < 256; ++byte) {  // every byte after a backslash, and as text
        for (const std::size_t at : {std::size_t{0}, std::size_t{15}, std::size_t{31}, std::size_t{62}}) {
            std::string in(unescape::block, 'z');
            in[at] = '\\';
            in[at + 1] = static_cast<char>(byte);
            check_block(in);
            in[at] = static_cast<char>(byte);
            check_block(in);
        }
    }
    check_block(std::string(unescape::block, 'p'));
    check_block(std::string(unescape::block, '\\'));
    check_block(std::string(unescape::block - 1, '\\') + "n");
}

TEST_CASE("json unescape: a run decodes block after block until a stop, the input or the room ends",
          "[log][unescape]") {
    const unescape::RunDecode run = unescape::best_decode();
    REQUIRE(run != nullptr);
    const std::string alphabet = "abcdefgh\\n\\u001b\\t\\\\xyz\\q\"";  // stops are rare but occur
    std::mt19937 random(20261126);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::uniform_int_distribution<std::size_t> length(0, 400);
    for (int round = 0; round < 20000; ++round) {
        std::vector<char> in(length(random));  // sized exactly, so that ASan sees an over-read
        for (auto& c : in) c = alphabet[pick(random)];
        std::vector<char> out(length(random));
        unescape::BlockResult want;
        std::string want_bytes;
        while (in.size() - want.consumed >= unescape::block &&
               out.size() - want.produced >= unescape::block + unescape::slack) {
            const auto [one, bytes] = reference(std::string(in.data() + want.consumed, unescape::block));
            want.consumed += one.consumed;
            want.produced += one.produced;
            want_bytes += bytes;
            if (one.stop) {
                want.stop = true;
                break;
            }
        }
        const auto got = run(in.data(), in.size(), out.data(), out.size());
        INFO("input " << in.size() << " bytes, room " << out.size());
        REQUIRE(got.consumed == want.consumed);
        REQUIRE(got.produced == want.produced);
        REQUIRE(got.stop == want.stop);
        CHECK(std::string(out.data(), got.produced) == want_bytes);
    }
}
