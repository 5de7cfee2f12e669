// Fuzzes the whole analysis: any bytes, auto-detected format, a JSON result.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cci/log/analyzer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    cci::log::AnalyzerOptions options;
    options.max_findings = 8;
    options.max_line_bytes = 256;
    const auto analysis = cci::log::analyze(input, options);
    if (analysis.confidence < 0.0 || analysis.confidence > 1.0) __builtin_trap();
    (void)to_json(analysis).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    return 0;
}
