#include "api_access.hpp"

#include <chrono>
#include <cstdlib>
#include <thread>

#include "http_client.hpp"
#include "input.hpp"

namespace cci::native {

namespace {
constexpr std::size_t max_token_input = 1 << 20;
}

std::optional<std::string> read_token() {
    if (const char* env = std::getenv("CIRCLECI_TOKEN"); env && *env) return std::string(env);
    return read_secret("CircleCI token (input hidden): ", max_token_input);
}

std::optional<std::string> api_host(const std::string& text) {
    const std::string origin = origin_of(text);
    if (origin.rfind("https://", 0) != 0 && origin.rfind("http://", 0) != 0) return std::nullopt;
    if (origin.find_first_of(" \t\r\n\\") != std::string::npos) return std::nullopt;
    return origin;
}

EpochMs wall_clock_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void sleep_ms(EpochMs ms) {
    if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

}  // namespace cci::native
