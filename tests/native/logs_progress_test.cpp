// `cci logs` shows a progress bar on stderr only when stderr is a terminal (a pty from
// script(1) here), and clears it before the result; piped runs get no progress noise.
#include <catch2/catch.hpp>

#include <string>

#include "cli_runner.hpp"
#include "fake_circleci.hpp"

using cci::testing::command_output;
using cci::testing::fake_reset;
using cci::testing::fake_token;
using cci::testing::fake_url;

TEST_CASE("logs: a progress bar on a terminal, none when piped", "[logs][progress]") {
    fake_reset();
    const std::string token = fake_token("valid");
    const std::string cci_logs = std::string(CCI_EXE) + " logs --host " + fake_url() + " gh/acme/app 1202";
    const std::string on_tty = command_output("CIRCLECI_TOKEN=" + token +
                                              " NO_PROXY=127.0.0.1 script -qec '" + cci_logs + "' /dev/null");
    CHECK(on_tty.find("requests, ") != std::string::npos);
    CHECK(on_tty.find("] ") != std::string::npos);
    CHECK(on_tty.find("\r\033[K") != std::string::npos);  // cleared before the result is printed
    CHECK(on_tty.find("Culprit") != std::string::npos);
    CHECK(on_tty.find(token) == std::string::npos);

    fake_reset();
    const auto piped = cci::testing::run_cci({"logs", "--host", fake_url(), "gh/acme/app", "1202"}, "",
                                             {"CIRCLECI_TOKEN=" + token, "NO_PROXY=127.0.0.1"});
    CHECK(piped.err.find("requests, ") == std::string::npos);
    CHECK(piped.out.find("Culprit") != std::string::npos);
}
