#include "json_object.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

using cci::json_object::Builder;

TEST_CASE("json object: fields one at a time make the object an initializer list makes", "[json_object]") {
    const std::optional<std::string> absent;
    const std::optional<int> present = 7;
    const auto built = Builder()
                           .add("zeta", 1)
                           .add("alpha", std::string("text"))
                           .add("list", std::vector<int>{1, 2})
                           .add("none", absent)
                           .add("some", present)
                           .done();
    const nlohmann::json literal{{"zeta", 1}, {"alpha", "text"}, {"list", {1, 2}}, {"none", nullptr}, {"some", 7}};
    CHECK(built == literal);
    CHECK(built.dump() == literal.dump());
    CHECK(built.dump() == R"({"alpha":"text","list":[1,2],"none":null,"some":7,"zeta":1})");
}

TEST_CASE("json object: a key added twice keeps its first value", "[json_object]") {
    const auto built = Builder().add("key", 1).add("key", 2).done();
    CHECK(built == nlohmann::json{{"key", 1}});
}

TEST_CASE("json object: nothing added is an empty object, not null", "[json_object]") {
    CHECK(Builder().done().dump() == "{}");
}
