// Private: builds the core's JSON objects one field at a time. Each field is one call of a
// shared out-of-line function, where nlohmann's nested initializer lists
// (`json{{"key", value}, …}`) expand every field into a temporary two-element array inline;
// the objects built are the same (nlohmann orders an object's keys itself).
#pragma once

#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

namespace cci::json_object {

/// A JSON object under construction; each key is added once.
class Builder {
public:
    template <typename Value>
    Builder& add(const char* key, Value&& value) {
        return put(key, nlohmann::json(std::forward<Value>(value)));
    }
    /// An empty optional becomes `null`.
    template <typename Value>
    Builder& add(const char* key, const std::optional<Value>& value) {
        return put(key, value ? nlohmann::json(*value) : nlohmann::json(nullptr));
    }
    [[nodiscard]] nlohmann::json done() { return std::move(object_); }

private:
    [[gnu::noinline]] Builder& put(const char* key, nlohmann::json&& value) {
        object_.get_ref<nlohmann::json::object_t&>().emplace(key, std::move(value));
        return *this;
    }

    nlohmann::json object_ = nlohmann::json(nlohmann::json::value_t::object);
};

}  // namespace cci::json_object
