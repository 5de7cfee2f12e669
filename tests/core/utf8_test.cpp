#include "cci/utf8.hpp"

#include <catch2/catch.hpp>

TEST_CASE("decode_utf8 reads valid sequences and replaces invalid ones", "[utf8]") {
    auto [bytes, value, length] = GENERATE(table<std::string, std::uint32_t, std::size_t>({
        {"A", 0x41, 1},
        {"\xC3\xA9", 0xE9, 2},
        {"\xE2\x82\xAC", 0x20AC, 3},
        {"\xF0\x9F\x98\x80", 0x1F600, 4},
        {"\xC0\xAF", 0xFFFD, 1},          // overlong
        {"\xED\xA0\x80", 0xFFFD, 1},      // surrogate
        {"\xF4\x90\x80\x80", 0xFFFD, 1},  // above U+10FFFF
        {"\xE2\x82", 0xFFFD, 1},          // truncated
        {"\xFF", 0xFFFD, 1},
        {"\x80", 0xFFFD, 1},
    }));
    const auto cp = cci::decode_utf8(bytes, 0);
    CHECK(cp.value == value);
    CHECK(cp.length == length);
}

TEST_CASE("append_utf8 encodes what decode_utf8 reads", "[utf8]") {
    for (const std::uint32_t cp : {0x24U, 0xA2U, 0x939U, 0x20ACU, 0xD55CU, 0x10348U, 0x10FFFFU}) {
        std::string out;
        cci::append_utf8(out, cp);
        const auto back = cci::decode_utf8(out, 0);
        CHECK(back.value == cp);
        CHECK(back.length == out.size());
    }
}

TEST_CASE("is_valid_utf8", "[utf8]") {
    CHECK(cci::is_valid_utf8(""));
    CHECK(cci::is_valid_utf8("plain"));
    CHECK(cci::is_valid_utf8("caf\xC3\xA9 \xEF\xBF\xBD"));
    CHECK_FALSE(cci::is_valid_utf8("caf\xE9"));
    CHECK_FALSE(cci::is_valid_utf8("\xE2\x82"));
}
