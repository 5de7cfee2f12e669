#include "fnv1a.hpp"

#include <catch2/catch.hpp>

#include <string_view>

TEST_CASE("fnv1a: the published FNV-1a 64 test vectors", "[fnv1a]") {
    CHECK(cci::fnv1a("") == 0xcbf29ce484222325u);
    CHECK(cci::fnv1a("a") == 0xaf63dc4c8601ec8cu);
    CHECK(cci::fnv1a("foobar") == 0x85944171f73967e8u);
}

TEST_CASE("fnv1a: hashing in pieces is hashing the whole", "[fnv1a]") {
    CHECK(cci::fnv1a("bar", cci::fnv1a("foo")) == cci::fnv1a("foobar"));
    CHECK(cci::fnv1a(std::string_view("a\0b", 3)) != cci::fnv1a("ab"));
    static_assert(cci::fnv1a("ab") != cci::fnv1a("ba"));
}
