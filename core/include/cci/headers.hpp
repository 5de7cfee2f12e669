// HTTP response headers: an ordered list looked up case-insensitively.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cci {

struct Header {
    std::string name;
    std::string value;
    friend bool operator==(const Header& a, const Header& b) { return a.name == b.name && a.value == b.value; }
};

/// Header fields in arrival order; names keep their spelling, lookups ignore ASCII case.
/// Repeated names are kept as separate entries.
class Headers {
public:
    Headers() = default;
    Headers(std::initializer_list<std::pair<std::string_view, std::string_view>> fields);

    void add(std::string_view name, std::string_view value);

    /// The first value of `name` (any case), without surrounding whitespace.
    [[nodiscard]] std::optional<std::string_view> find(std::string_view name) const noexcept;
    /// Every value of `name` (any case), in order, without surrounding whitespace.
    [[nodiscard]] std::vector<std::string_view> find_all(std::string_view name) const;

    [[nodiscard]] const std::vector<Header>& fields() const noexcept { return fields_; }
    [[nodiscard]] bool empty() const noexcept { return fields_.empty(); }

    friend bool operator==(const Headers& a, const Headers& b) { return a.fields_ == b.fields_; }

private:
    std::vector<Header> fields_;
};

/// Whether two header names are equal ignoring ASCII case.
[[nodiscard]] bool header_name_equals(std::string_view a, std::string_view b) noexcept;

}  // namespace cci
