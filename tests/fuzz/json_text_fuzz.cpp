// Fuzzes the JSON text reader and writer against nlohmann's own. Invariants: parse_json
// accepts exactly what nlohmann::json::parse accepts, with a value of the same types and
// numbers; dump_json writes it as nlohmann's dump() does and the text reads back to it; the
// input taken as one string (valid UTF-8 or not) is written as nlohmann writes it with
// error_handler_t::replace.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "cci/json_text.hpp"

namespace {

using nlohmann::json;

bool same_tree(const json& a, const json& b) {
    if (a.type() != b.type()) return false;
    if (a.is_array() || a.is_object()) {
        if (a.size() != b.size()) return false;
        for (auto x = a.begin(), y = b.begin(); x != a.end(); ++x, ++y) {
            if ((a.is_object() && x.key() != y.key()) || !same_tree(*x, *y)) return false;
        }
        return true;
    }
    if (a.is_number_float()) {
        const double x = a.get<double>();
        const double y = b.get<double>();
        return std::memcmp(&x, &y, sizeof x) == 0;
    }
    return a == b;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::string as_string(text);
    if (cci::dump_json(as_string) != json(as_string).dump(-1, ' ', false, json::error_handler_t::replace)) std::abort();

    const json expected = json::parse(text.begin(), text.end(), nullptr, false);
    const auto actual = cci::parse_json(text);
    if (actual.has_value() == expected.is_discarded()) std::abort();
    if (!actual) return 0;
    if (!same_tree(*actual, expected)) std::abort();
    const std::string written = cci::dump_json(*actual);
    if (written != expected.dump()) std::abort();
    const auto again = cci::parse_json(written);
    if (!again || !(*again == *actual) || cci::dump_json(*again) != written) std::abort();
    return 0;
}
