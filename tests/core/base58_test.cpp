#include <catch2/catch.hpp>

#include <random>

#include "cci/base58.hpp"
#include "token_factory.hpp"

using namespace cci;

TEST_CASE("base58: CircleCI's published example decodes to its UUIDv4", "[base58]") {
    // From CircleCI's changelog "New format for API Access Tokens" (docs/circleci-api.md §1.1).
    const auto uuid = decode_base58_uuid("ULUhR6rJLxYbyzyrP19iMZ");
    REQUIRE(uuid);
    const Uuid expected{0xdd, 0x5e, 0xf1, 0xb8, 0x7b, 0x00, 0x4b, 0x7f,
                        0xab, 0x7c, 0xcf, 0x7a, 0x8f, 0xbe, 0x63, 0xac};
    CHECK(*uuid == expected);
    CHECK(is_uuid_v4(*uuid));
    CHECK(encode_base58_uuid(expected) == "ULUhR6rJLxYbyzyrP19iMZ");
}

TEST_CASE("base58: encode and decode are inverses over random v4 UUIDs", "[base58]") {
    std::mt19937_64 rng(20261125);
    int short_forms = 0;
    for (int i = 0; i < 5000; ++i) {
        const auto uuid = testing::random_v4(rng);
        const auto text = encode_base58_uuid(uuid);
        REQUIRE(text.size() >= 19);
        REQUIRE(text.size() <= 22);
        short_forms += text.size() == 21 ? 1 : 0;
        const auto back = decode_base58_uuid(text);
        REQUIRE(back);
        REQUIRE(*back == uuid);
    }
    // 58^21 < 2^128: about 3% of random UUIDs have a 21-character form.
    CHECK(short_forms > 50);
    CHECK(short_forms < 300);
}

TEST_CASE("base58: characters outside the alphabet, empty text and overflow are rejected", "[base58]") {
    const auto text = GENERATE(as<std::string>{}, "", "0", "O", "I", "l", "abc-def", "ULUhR6rJLxYbyzyrP19iM_",
                               "zzzzzzzzzzzzzzzzzzzzzz", "ULUhR6rJLxYbyzyrP19iMZ1");
    CAPTURE(text);
    CHECK_FALSE(decode_base58_uuid(text));
}

TEST_CASE("base58: version and variant bits decide UUIDv4", "[base58]") {
    std::mt19937_64 rng(7);
    auto uuid = testing::random_v4(rng);
    CHECK(is_uuid_v4(uuid));
    SECTION("version 1") {
        uuid[6] = static_cast<std::uint8_t>((uuid[6] & 0x0FU) | 0x10U);
        CHECK_FALSE(is_uuid_v4(uuid));
    }
    SECTION("Microsoft variant") {
        uuid[8] = static_cast<std::uint8_t>((uuid[8] & 0x3FU) | 0xC0U);
        CHECK_FALSE(is_uuid_v4(uuid));
    }
}
