// Who a token belongs to, as `/api/v2/me` reports it.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace cci {

struct Identity {
    std::string id;     ///< CircleCI user id (UUID); never empty
    std::string login;  ///< VCS login
    std::string name;
    std::optional<std::string> avatar_url;  ///< only http(s) URLs
    friend bool operator==(const Identity& a, const Identity& b) {
        return a.id == b.id && a.login == b.login && a.name == b.name && a.avatar_url == b.avatar_url;
    }
};

/// The identity in a `/me` 200 body: nullopt unless it is an object with a non-empty string
/// `id`. `login`/`name` that are missing or not strings become empty; all text is made one
/// redacted display line; an `avatar_url` that is not http(s) is dropped.
[[nodiscard]] std::optional<Identity> identity_from_me(const nlohmann::json& body);

/// `{"id", "login", "name", "avatar_url"}` (`avatar_url` null when absent).
[[nodiscard]] nlohmann::json to_json(const Identity& identity);

/// Reads what `to_json` writes, unchanged; nullopt when `id` is not a non-empty string or a
/// field has the wrong type. Unknown fields are ignored. Never throws.
[[nodiscard]] std::optional<Identity> identity_from_json(const nlohmann::json& json);

}  // namespace cci
