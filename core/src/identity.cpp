#include "cci/identity.hpp"

#include <string_view>

#include "cci/response_body.hpp"
#include "json_object.hpp"

namespace cci {
namespace {

constexpr std::size_t max_identity_chars = 200;
constexpr std::size_t max_url_bytes = 2048;

std::string display_field(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return {};
    return display_line(it->get_ref<const std::string&>(), max_identity_chars);
}

bool is_web_url(std::string_view url) noexcept {
    if (url.size() > max_url_bytes) return false;
    for (const char c : url)
        if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\' || c == 0x7F)
            return false;
    return url.substr(0, 8) == "https://" || url.substr(0, 7) == "http://";
}

}  // namespace

std::optional<Identity> identity_from_me(const nlohmann::json& body) {
    if (!body.is_object()) return std::nullopt;
    Identity identity;
    identity.id = display_field(body, "id");
    if (identity.id.empty()) return std::nullopt;
    identity.login = display_field(body, "login");
    identity.name = display_field(body, "name");
    const auto avatar = body.find("avatar_url");
    if (avatar != body.end() && avatar->is_string() && is_web_url(avatar->get_ref<const std::string&>()))
        identity.avatar_url = avatar->get<std::string>();
    return identity;
}

nlohmann::json to_json(const Identity& identity) {
    return json_object::Builder()
        .add("id", identity.id)
        .add("login", identity.login)
        .add("name", identity.name)
        .add("avatar_url", identity.avatar_url)
        .done();
}

std::optional<Identity> identity_from_json(const nlohmann::json& json) {
    if (!json.is_object()) return std::nullopt;
    Identity identity;
    const auto id = json.find("id");
    if (id == json.end() || !id->is_string() || id->get_ref<const std::string&>().empty()) return std::nullopt;
    identity.id = id->get<std::string>();
    for (const auto& [key, field] : {std::pair{"login", &identity.login}, std::pair{"name", &identity.name}}) {
        const auto it = json.find(key);
        if (it == json.end() || it->is_null()) continue;
        if (!it->is_string()) return std::nullopt;
        *field = it->get<std::string>();
    }
    const auto avatar = json.find("avatar_url");
    if (avatar != json.end() && !avatar->is_null()) {
        if (!avatar->is_string()) return std::nullopt;
        identity.avatar_url = avatar->get<std::string>();
    }
    return identity;
}

}  // namespace cci
