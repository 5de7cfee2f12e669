// Fuzzes the v1.1/v2 job-details reader: any bytes give details or an error value.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cci/log/job_details.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto result = cci::log::parse_job_details(std::string_view(reinterpret_cast<const char*>(data), size));
    if (result.details.has_value() == result.error.has_value()) __builtin_trap();
    if (result.details) {
        for (const auto& action : result.details->actions) (void)cci::log::to_json(action).dump();
    }
    return 0;
}
