// Marshalling: a core JSON value becomes a plain JS value (objects, arrays, strings,
// numbers, booleans, null), so JS gets exactly the fields the CLI prints, with no handles.
#pragma once

#include <emscripten/val.h>

#include <nlohmann/json.hpp>

namespace cci::wasm {

inline emscripten::val to_js(const nlohmann::json& value) {
    using emscripten::val;
    switch (value.type()) {
        case nlohmann::json::value_t::object: {
            val out = val::object();
            for (const auto& [key, item] : value.items()) out.set(key, to_js(item));
            return out;
        }
        case nlohmann::json::value_t::array: {
            val out = val::array();
            for (const auto& item : value) out.call<void>("push", to_js(item));
            return out;
        }
        case nlohmann::json::value_t::string: return val(value.get_ref<const std::string&>());
        case nlohmann::json::value_t::boolean: return val(value.get<bool>());
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float: return val(value.get<double>());
        case nlohmann::json::value_t::binary:
        case nlohmann::json::value_t::discarded:
        case nlohmann::json::value_t::null: return val::null();
    }
    return val::null();
}

}  // namespace cci::wasm
