#include "cci/vendor.hpp"

#include <string>

#include "ascii.hpp"

namespace cci {
namespace {

using ascii::starts_with;

constexpr std::array<VendorInfo, vendor_count> table{{
    {Vendor::github, "github", "a GitHub token"},
    {Vendor::gitlab, "gitlab", "a GitLab token"},
    {Vendor::bitbucket, "bitbucket", "a Bitbucket app password"},
    {Vendor::atlassian, "atlassian", "an Atlassian API token"},
    {Vendor::buildkite, "buildkite", "a Buildkite API token"},
    {Vendor::aws, "aws", "an AWS access key ID"},
    {Vendor::slack, "slack", "a Slack token"},
    {Vendor::npm, "npm", "an npm access token"},
    {Vendor::docker_hub, "docker_hub", "a Docker Hub access token"},
    {Vendor::pypi, "pypi", "a PyPI API token"},
    {Vendor::circleci_oidc, "circleci_oidc",
     "a CircleCI OIDC identity token (jobs use it to sign in to cloud providers; it cannot call the API)"},
    {Vendor::jwt, "jwt", "a JSON Web Token (JWT)"},
}};

struct Prefix {
    std::string_view text;
    Vendor vendor;
};

// Public prefixes, from the vendors' documented formats (see docs/circleci-api.md §1.2).
constexpr Prefix prefixes[] = {
    {"github_pat_", Vendor::github}, {"ghp_", Vendor::github},     {"gho_", Vendor::github},
    {"ghu_", Vendor::github},        {"ghs_", Vendor::github},     {"ghr_", Vendor::github},
    {"glpat-", Vendor::gitlab},      {"glptt-", Vendor::gitlab},   {"gldt-", Vendor::gitlab},
    {"glrt-", Vendor::gitlab},       {"glcbt-", Vendor::gitlab},   {"glft-", Vendor::gitlab},
    {"glsoat-", Vendor::gitlab},     {"ATBB", Vendor::bitbucket},  {"ATATT3", Vendor::atlassian},
    {"bkua_", Vendor::buildkite},    {"npm_", Vendor::npm},        {"dckr_pat_", Vendor::docker_hub},
    {"pypi-", Vendor::pypi},
};

constexpr std::size_t min_secret_length = 8;

bool is_token_char(char c) noexcept {
    return ascii::is_alnum(c) || c == '_' || c == '-' || c == '.' || c == '=' || c == '/' || c == '+';
}

bool all_token_chars(std::string_view s) noexcept {
    for (const char c : s)
        if (!is_token_char(c)) return false;
    return true;
}


// AWS access key ids: AKIA/ASIA + 16 upper-case letters or digits.
bool is_aws_key_id(std::string_view t) noexcept {
    if (t.size() != 20 || !(starts_with(t, "AKIA") || starts_with(t, "ASIA"))) return false;
    for (const char c : t)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    return true;
}

// Slack: xox[a-z]- (xoxb-, xoxp-, xoxe-, …).
bool is_slack_token(std::string_view t) noexcept {
    return t.size() > 5 + min_secret_length && starts_with(t, "xox") && t[3] >= 'a' && t[3] <= 'z' &&
           (t[4] == '-' || t[4] == '.');
}

std::string base64url_decode(std::string_view in) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (const char c : in) {
        int v = -1;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
        else if (c >= '0' && c <= '9') v = c - '0' + 52;
        else if (c == '-' || c == '+') v = 62;
        else if (c == '_' || c == '/') v = 63;
        else if (c == '=') break;
        else return {};
        buffer = (buffer << 6U) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU));
        }
    }
    return out;
}

// header.payload[.signature], each part base64url, header starting `eyJ` (`{"`).
std::optional<Vendor> jwt_vendor(std::string_view t) {
    if (!starts_with(t, "eyJ")) return std::nullopt;
    const auto first_dot = t.find('.');
    if (first_dot == std::string_view::npos) return std::nullopt;
    const auto second_dot = t.find('.', first_dot + 1);
    const auto payload = t.substr(first_dot + 1, second_dot == std::string_view::npos
                                                     ? std::string_view::npos
                                                     : second_dot - first_dot - 1);
    if (payload.size() < min_secret_length) return std::nullopt;
    constexpr std::size_t max_payload = 64 * 1024;
    const std::string claims = base64url_decode(payload.substr(0, max_payload));
    if (claims.find("oidc.circleci.com") != std::string::npos) return Vendor::circleci_oidc;
    return Vendor::jwt;
}

}  // namespace

const std::array<VendorInfo, vendor_count>& vendor_table() noexcept { return table; }

const VendorInfo& info(Vendor vendor) noexcept { return table[static_cast<std::size_t>(vendor)]; }

std::optional<Vendor> parse_vendor(std::string_view id) noexcept {
    for (const auto& row : table)
        if (row.id == id) return row.vendor;
    return std::nullopt;
}

std::optional<VendorMatch> detect_vendor(std::string_view token) {
    if (!all_token_chars(token)) return std::nullopt;
    for (const auto& prefix : prefixes) {
        if (starts_with(token, prefix.text) && token.size() >= prefix.text.size() + min_secret_length)
            return VendorMatch{prefix.vendor, prefix.text.size()};
    }
    if (is_aws_key_id(token)) return VendorMatch{Vendor::aws, 4};
    if (is_slack_token(token)) return VendorMatch{Vendor::slack, 5};
    if (const auto vendor = jwt_vendor(token)) return VendorMatch{*vendor, 3};
    return std::nullopt;
}

}  // namespace cci
