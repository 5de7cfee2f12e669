// Fuzzes `classify`: the input is both an outcome JSON object (as `cci classify` reads it)
// and, after a selector byte, a raw response body. Invariants: no crash, the diagnosis
// serialises (valid UTF-8), the server message stays capped.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cci/classify.hpp"
#include "cci/response_body.hpp"

namespace {

void check(const cci::Diagnosis& diagnosis) {
    const std::string json = cci::to_json(diagnosis).dump();
    if (json.empty() || static_cast<std::size_t>(diagnosis.reason) >= cci::reason_count) std::abort();
    if (diagnosis.server_message &&
        diagnosis.server_message->size() > 4 * cci::max_server_message_chars + std::string_view("…").size())
        std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    const auto json = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (!json.is_discarded()) check(cci::classify(cci::outcome_from_json(json)));

    if (size == 0) return 0;
    constexpr int statuses[] = {200, 401, 403, 404, 429, 500, 502, 418};
    const auto selector = static_cast<unsigned>(data[0]);
    cci::Outcome outcome;
    outcome.status = statuses[selector % 8];
    outcome.endpoint = static_cast<cci::Endpoint>((selector / 8) % cci::endpoint_count);
    outcome.previously_connected = (selector & 0x80U) != 0;
    outcome.body = std::string(bytes.substr(1));
    outcome.headers.add("Retry-After", outcome.body.substr(0, 40));
    outcome.headers.add("Date", "Thu, 06 Jul 2023 09:30:15 GMT");
    check(cci::classify(outcome));
    return 0;
}
