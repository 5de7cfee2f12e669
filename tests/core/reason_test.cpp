#include "cci/reason.hpp"

#include <set>
#include <string>

#include <catch2/catch.hpp>

TEST_CASE("the reason table covers every reason in order with unique ids", "[reason]") {
    const auto& table = cci::reason_table();
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto reason = static_cast<cci::Reason>(i);
        CHECK(table[i].reason == reason);
        CHECK(&cci::info(reason) == &table[i]);
        CHECK_FALSE(table[i].id.empty());
        CHECK_FALSE(table[i].message.empty());
        CHECK_FALSE(table[i].remedy.empty());
        CHECK(ids.insert(table[i].id).second);
        CHECK(cci::parse_reason(table[i].id) == reason);
    }
    CHECK(ids.size() == cci::reason_count);
    CHECK(cci::id(cci::Reason::unknown) == "unknown");
}

TEST_CASE("reason ids are the contract spelled in issue 4", "[reason]") {
    const std::set<std::string_view> contract{
        "ok",           "token_invalid",       "token_expired_or_revoked", "token_is_project_token",
        "token_legacy_format_rejected", "auth_method_deprecated", "permission_denied",
        "not_found_or_no_access", "rate_limited", "server_error", "network_unreachable", "tls_error",
        "timeout",      "browser_blocked",     "unexpected_response",      "unknown"};
    std::set<std::string_view> ids;
    for (const auto& row : cci::reason_table()) ids.insert(row.id);
    CHECK(ids == contract);
}

TEST_CASE("parse_reason rejects what is not an id", "[reason]") {
    CHECK_FALSE(cci::parse_reason(""));
    CHECK_FALSE(cci::parse_reason("OK"));
    CHECK_FALSE(cci::parse_reason("rate limited"));
}

TEST_CASE("only transient reasons are retryable", "[reason]") {
    using cci::Reason;
    for (const auto reason : {Reason::rate_limited, Reason::server_error, Reason::network_unreachable,
                              Reason::timeout})
        CHECK(cci::info(reason).retryable);
    for (const auto reason : {Reason::ok, Reason::token_invalid, Reason::token_expired_or_revoked,
                              Reason::token_is_project_token, Reason::token_legacy_format_rejected,
                              Reason::permission_denied, Reason::not_found_or_no_access})
        CHECK_FALSE(cci::info(reason).retryable);
}
