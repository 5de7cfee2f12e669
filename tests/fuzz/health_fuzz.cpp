// Fuzzes the health-record JSON reader. Invariants: no crash; whatever is read writes back
// and reads again to the same record and the same text; restoring it yields a state whose
// record and view can be built.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cci/connection_view.hpp"
#include "cci/health.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto record = cci::health_from_json_string(text);
    if (!record) return 0;
    const std::string written = cci::health_to_json_string(*record);
    const auto again = cci::health_from_json_string(written);
    if (!again || !(*again == *record) || cci::health_to_json_string(*again) != written) std::abort();
    const auto state = cci::restore_state(*record);
    static_cast<void>(cci::to_json(cci::view(state, 1688635815000)).dump());
    static_cast<void>(cci::health_record(state));
    return 0;
}
