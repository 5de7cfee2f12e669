// Fuzz harness: check_token on arbitrary bytes. Invariants: kind and verdict follow the
// code's table row, the mask stays short, the secret never appears in what is shown.
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
    if (check.masked.size() > std::string("github_pat_…").size() + 4) std::abort();
    const std::string shown = cci::to_json(check).dump();
    if (check.sanitized.size() >= 12 && shown.find(check.sanitized) != std::string::npos) std::abort();
    return 0;
}
