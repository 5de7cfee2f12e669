// Fuzz harness: check_token on arbitrary bytes. Invariants: kind and verdict follow the
// code's table row; message and remedy are the table's texts (nothing of the input is
// echoed in them); the mask stays short and never holds the token.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "cci/token.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string pasted(reinterpret_cast<const char*>(data), size);
    const cci::TokenCheck check = cci::check_token(pasted);
    const auto& row = cci::info(check.code);
    if (row.kind != check.kind || row.verdict != check.verdict) std::abort();
    if (check.remedy != row.remedy) std::abort();
    const auto fill = row.message.find("{vendor}");
    if (fill == std::string_view::npos ? check.message != row.message
                                       : check.message.compare(0, fill, row.message.substr(0, fill)) != 0)
        std::abort();
    if (check.masked.size() > std::string("github_pat_…").size() + 4) std::abort();
    if (check.sanitized.size() >= 12 && check.masked.find(check.sanitized) != std::string::npos) std::abort();
    (void)cci::to_json(check).dump();
    return 0;
}
