#include <catch2/catch.hpp>

#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "token_factory.hpp"

using cci::testing::run_cci;

TEST_CASE("cci token check --json: one object with the contract fields, exit by verdict", "[cli][token]") {
    std::mt19937_64 rng(1);
    const std::string personal = cci::testing::make_token(rng, 22);
    const std::string project = cci::testing::make_token(rng, 22, "CCIPRJ_");
    using Row = std::tuple<std::string, std::string, std::string, int>;
    const auto [input, kind, verdict, exit_code] = GENERATE_COPY(table<std::string, std::string, std::string, int>({
        Row{personal + "\n", "personal", "ok", 0},
        Row{"Authorization: Bearer " + personal, "personal", "ok", 0},
        Row{personal.substr(7, 40).replace(0, 40, std::string(40, 'a')), "legacy", "warn", 0},
        Row{project, "project", "block", 1},
        Row{"ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "foreign", "block", 1},
        Row{"", "empty", "block", 1},
    }));
    const auto result = run_cci({"token", "check", "--json"}, input);
    CAPTURE(result.out, result.err);
    CHECK(result.exit_code == exit_code);
    const auto json = nlohmann::json::parse(result.out);
    CHECK(json["kind"] == kind);
    CHECK(json["verdict"] == verdict);
    for (const auto* field : {"kind", "vendor", "verdict", "code", "message", "remedy", "masked"})
        CHECK(json.contains(field));
    CHECK(result.out.find('\n') == result.out.size() - 1);  // exactly one line: one object
    CHECK(result.err.empty());
}

TEST_CASE("cci token check: the token never reaches stdout or stderr", "[cli][token]") {
    std::mt19937_64 rng(2);
    const std::string token = cci::testing::make_token(rng, 21);
    for (const auto& args : {std::vector<std::string>{"token", "check"},
                             std::vector<std::string>{"token", "check", "--json"}}) {
        const auto result = run_cci(args, "export CIRCLECI_TOKEN=" + token + "\n");
        CHECK(result.exit_code == 0);
        CHECK(result.out.find(token) == std::string::npos);
        CHECK(result.out.find(token.substr(7, 22)) == std::string::npos);
        CHECK(result.out.find(token.substr(30, 36)) == std::string::npos);
        CHECK(result.err.find(token) == std::string::npos);
    }
    const auto text = run_cci({"token", "check"}, token);
    CHECK(text.out.find("personal_ok") != std::string::npos);
    CHECK(text.out.find("CCIPAT_…" + token.substr(token.size() - 4)) != std::string::npos);
}

TEST_CASE("cci token check: usage errors exit 2 and never echo an argument that may be a token", "[cli][token]") {
    std::mt19937_64 rng(3);
    const std::string token = cci::testing::make_token(rng, 22);
    SECTION("token on the command line") {
        const auto result = run_cci({"token", "check", token}, "");
        CHECK(result.exit_code == 2);
        CHECK(result.err.find("standard input") != std::string::npos);
        CHECK(result.err.find(token) == std::string::npos);
        CHECK(result.out.empty());
    }
    SECTION("token as an option value") {
        const auto result = run_cci({"token", "check", "--token=" + token}, "");
        CHECK(result.exit_code == 2);
        CHECK(result.err.find("'--token'") != std::string::npos);
        CHECK(result.err.find(token) == std::string::npos);
    }
    SECTION("token as the command") {
        const auto result = run_cci({token}, "");
        CHECK(result.exit_code == 2);
        CHECK(result.err.find(token) == std::string::npos);
    }
    SECTION("input larger than 1 MiB") {
        const auto result = run_cci({"token", "check"}, std::string((1 << 20) + 1, 'a'));
        CHECK(result.exit_code == 2);
        CHECK(result.err.find("1 MiB") != std::string::npos);
    }
}

TEST_CASE("cci --version names the tool and libcurl", "[cli]") {
    const auto result = run_cci({"--version"}, "");
    CHECK(result.exit_code == 0);
    CHECK(result.out.rfind("cci ", 0) == 0);
    CHECK(result.out.find("libcurl") != std::string::npos);
}
