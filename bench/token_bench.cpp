// Native token-check throughput: checks per second over a realistic mix of pastes.
// Prints one line of figures; bench/token-bench.sh compares it with the wasm build.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "cci/base58.hpp"
#include "cci/token.hpp"

int main() {
    // A well-formed fake: a fixed UUIDv4 in base58 and a fixed hex tail.
    const cci::Uuid uuid{0x3f, 0x1b, 0x0c, 0x1e, 0x9a, 0x55, 0x4c, 0x8e, 0x8f, 0x3a, 0x2d, 0x6b, 0x1c, 0x0e, 0x9a, 0x11};
    const std::string personal = "CCIPAT_" + cci::encode_base58_uuid(uuid) + "_" + std::string(40, 'a');
    const std::vector<std::string> pastes = {
        personal,
        "  " + personal + "\r\n",
        "export CIRCLECI_TOKEN=\"" + personal + "\"",
        "CCIPRJ_8nojmVLSDRYmTrsx7EwFN_fe228f219e9cb0eb53f16947ccf25ec84d8dbc74",
        "439536b3216fdaeeb975729fae923d5a4fd12aab",
        "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
        "https://dl.circleci.com/status-badge/img/gh/acme/app/tree/main.svg?style=svg&circle-token=439536b3216fdaeeb975729fae923d5a4fd12aab",
        personal.substr(0, 50),
    };
    constexpr int rounds = 250000;
    std::size_t sink = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int r = 0; r < rounds; ++r)
        for (const auto& paste : pastes) sink += static_cast<std::size_t>(cci::check_token(paste).code);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    const double checks = static_cast<double>(rounds) * static_cast<double>(pastes.size());
    std::printf("native: %.0f token checks/s (%.3f us/check, %zu checks, checksum %zu)\n", checks / elapsed.count(),
                elapsed.count() / checks * 1e6, static_cast<std::size_t>(checks), sink);
    return 0;
}
