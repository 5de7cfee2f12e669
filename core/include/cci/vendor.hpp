// Other vendors' credentials that people paste into the CircleCI field by mistake.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace cci {

enum class Vendor {
    github,
    gitlab,
    bitbucket,
    atlassian,
    buildkite,
    aws,
    slack,
    npm,
    docker_hub,
    pypi,
    circleci_oidc,  ///< a CircleCI OIDC id token (`$CIRCLE_OIDC_TOKEN`): a JWT, not an API token
    jwt,            ///< any other JSON Web Token
};

inline constexpr std::size_t vendor_count = 12;

struct VendorInfo {
    Vendor vendor;
    std::string_view id;
    std::string_view name;  ///< as used in a sentence: "a GitHub token"
};

struct VendorMatch {
    Vendor vendor;
    std::size_t prefix_length;  ///< how much of the token is the vendor's public prefix
};

[[nodiscard]] const std::array<VendorInfo, vendor_count>& vendor_table() noexcept;
[[nodiscard]] const VendorInfo& info(Vendor vendor) noexcept;
[[nodiscard]] inline std::string_view id(Vendor vendor) noexcept { return info(vendor).id; }
[[nodiscard]] std::optional<Vendor> parse_vendor(std::string_view id) noexcept;

/// The vendor whose credential shape `token` (already cleaned) has, if any.
[[nodiscard]] std::optional<VendorMatch> detect_vendor(std::string_view token);

}  // namespace cci
