#include "cci/base64.hpp"

#include <catch2/catch.hpp>

TEST_CASE("base64 follows RFC 4648 test vectors", "[base64]") {
    auto [bytes, text] = GENERATE(table<std::string, std::string>({
        {"", ""},
        {"f", "Zg=="},
        {"fo", "Zm8="},
        {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="},
        {"fooba", "Zm9vYmE="},
        {"foobar", "Zm9vYmFy"},
        {std::string("\xff\xfe\x00\x80", 4), "//4AgA=="},
    }));
    CHECK(cci::base64_encode(bytes) == text);
    CHECK(cci::base64_decode(text) == bytes);
}

TEST_CASE("base64_decode is lenient about padding, whitespace and the URL alphabet", "[base64]") {
    CHECK(cci::base64_decode("Zm9vYg") == std::string("foob"));
    CHECK(cci::base64_decode("Zm9v\nYmFy") == std::string("foobar"));
    CHECK(cci::base64_decode("__4AgA") == std::string("\xff\xfe\x00\x80", 4));
}

TEST_CASE("base64_decode rejects what is not base64", "[base64]") {
    CHECK_FALSE(cci::base64_decode("Zm9v!"));
    CHECK_FALSE(cci::base64_decode("Z"));
    CHECK_FALSE(cci::base64_decode("Zg==Zg"));
}
