#include "cci/headers.hpp"

namespace cci {
namespace {

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
        text.remove_suffix(1);
    return text;
}

}  // namespace

bool header_name_equals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

Headers::Headers(std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
    for (const auto& [name, value] : fields) add(name, value);
}

void Headers::add(std::string_view name, std::string_view value) {
    fields_.push_back(Header{std::string(trim(name)), std::string(value)});
}

std::optional<std::string_view> Headers::find(std::string_view name) const noexcept {
    for (const auto& field : fields_)
        if (header_name_equals(field.name, name)) return trim(field.value);
    return std::nullopt;
}

std::vector<std::string_view> Headers::find_all(std::string_view name) const {
    std::vector<std::string_view> out;
    for (const auto& field : fields_)
        if (header_name_equals(field.name, name)) out.push_back(trim(field.value));
    return out;
}

}  // namespace cci
