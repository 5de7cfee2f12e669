#include "cci/identity.hpp"

#include <catch2/catch.hpp>

TEST_CASE("identity_from_me needs a non-empty string id", "[identity]") {
    CHECK(cci::identity_from_me(nlohmann::json::parse(R"({"id":"u-1","login":"octo","name":"Octo"})")));
    CHECK_FALSE(cci::identity_from_me(nlohmann::json::parse(R"({"id":""})")));
    CHECK_FALSE(cci::identity_from_me(nlohmann::json::parse(R"({"id":17})")));
    CHECK_FALSE(cci::identity_from_me(nlohmann::json::parse(R"({"login":"octo"})")));
    CHECK_FALSE(cci::identity_from_me(nlohmann::json::parse(R"(["u-1"])")));
}

TEST_CASE("identity_from_me cleans what it shows", "[identity]") {
    const auto identity = cci::identity_from_me(nlohmann::json::parse(
        R"j({"id":"u-1","login":null,"name":"  Octo\n\tCat ","avatar_url":"javascript:alert(1)"})j"));
    REQUIRE(identity);
    CHECK(identity->login.empty());
    CHECK(identity->name == "Octo Cat");
    CHECK_FALSE(identity->avatar_url);
    const auto with_avatar =
        cci::identity_from_me(nlohmann::json::parse(R"({"id":"u-1","avatar_url":"https://a.example/u.png"})"));
    REQUIRE(with_avatar);
    CHECK(with_avatar->avatar_url == std::string("https://a.example/u.png"));
}

TEST_CASE("identity JSON round-trips exactly", "[identity]") {
    const cci::Identity identity{"u-1", "octo", "Octo Cat", std::string("https://a.example/u.png")};
    const auto json = cci::to_json(identity);
    CHECK(json == nlohmann::json::parse(
                      R"({"id":"u-1","login":"octo","name":"Octo Cat","avatar_url":"https://a.example/u.png"})"));
    CHECK(cci::identity_from_json(json) == identity);
    const cci::Identity bare{"u-2", "", "", std::nullopt};
    CHECK(cci::identity_from_json(cci::to_json(bare)) == bare);
}

TEST_CASE("identity_from_json rejects wrong types and tolerates unknown fields", "[identity]") {
    CHECK_FALSE(cci::identity_from_json(nlohmann::json::parse(R"({"id":"u","login":5})")));
    CHECK_FALSE(cci::identity_from_json(nlohmann::json::parse(R"({"login":"x"})")));
    CHECK_FALSE(cci::identity_from_json(nlohmann::json::parse(R"({"id":"u","avatar_url":[]})")));
    CHECK(cci::identity_from_json(nlohmann::json::parse(R"({"id":"u","email":"x@example.com"})")));
}
