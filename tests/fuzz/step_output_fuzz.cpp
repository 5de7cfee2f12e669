// Fuzzes the resumable step-output reader: any bytes, any chunking, same result, no crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cci/log/step_output.hpp"

namespace {

struct Collect : cci::log::StepOutputSink {
    std::string text;
    std::size_t elements = 0;
    void on_message(std::string_view piece) override { text.append(piece); }
    void on_element_end(const cci::log::StepOutputElement& /*element*/) override {
        ++elements;
        text.push_back('\x1e');
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t chunk = 1 + data[0] % 17;
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    Collect whole;
    cci::log::StepOutputReader one;
    one.feed(input, whole);
    one.finish(whole);
    Collect pieces;
    cci::log::StepOutputReader many;
    for (std::size_t at = 0; at < input.size(); at += chunk) many.feed(input.substr(at, chunk), pieces);
    many.finish(pieces);
    if (whole.text != pieces.text || whole.elements != pieces.elements || !(one.error() == many.error())) __builtin_trap();
    return 0;
}
