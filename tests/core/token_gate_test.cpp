#include "cci/token_gate.hpp"

#include <random>

#include <catch2/catch.hpp>

#include "token_factory.hpp"

TEST_CASE("a blocked token stops with a reason, others pass the gate", "[token_gate]") {
    std::mt19937_64 rng(11);
    const std::string personal = cci::testing::make_token(rng, 22);
    const std::string project = cci::testing::make_token(rng, 22, "CCIPRJ_");
    using Row = std::tuple<std::string, std::optional<cci::Reason>>;
    const auto [paste, reason] = GENERATE_COPY(table<std::string, std::optional<cci::Reason>>({
        Row{personal, std::nullopt},
        Row{std::string(40, 'a'), std::nullopt},
        Row{project, cci::Reason::token_is_project_token},
        Row{"", cci::Reason::token_invalid},
        Row{"ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", cci::Reason::token_invalid},
        Row{personal.substr(0, 20), cci::Reason::token_invalid},
    }));
    CHECK(cci::token_gate(cci::check_token(paste)) == reason);
}
