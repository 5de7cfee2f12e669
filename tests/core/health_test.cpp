#include "cci/health.hpp"

#include <catch2/catch.hpp>

namespace {

constexpr cci::EpochMs t0 = 1688635815123;

cci::HealthRecord full_record() {
    cci::HealthRecord record;
    record.state = cci::StateKind::connected;
    record.identity = cci::Identity{"u-1", "octocat", "The Octocat", std::string("https://a.example/o.png")};
    record.masked_token = "CCIPAT_…a1b2";
    record.token_kind = cci::TokenKind::personal;
    record.verified_at = t0;
    record.last_success_at = t0;
    record.last_error_at = t0 - 5000;
    record.connected_at = t0 - cci::ms_per_day;
    record.expires_at = t0 + 30 * cci::ms_per_day;
    record.last_reason = cci::Reason::server_error;
    return record;
}

const char* const canonical = R"({"schema_version":1,"state":"connected",)"
                              R"("identity":{"id":"u-1","login":"octocat","name":"The Octocat","avatar_url":"https://a.example/o.png"},)"
                              R"("masked_token":"CCIPAT_…a1b2","token_kind":"personal",)"
                              R"("verified_at":"2023-07-06T09:30:15.123Z","last_success_at":"2023-07-06T09:30:15.123Z",)"
                              R"("last_error_at":"2023-07-06T09:30:10.123Z","connected_at":"2023-07-05T09:30:15.123Z",)"
                              R"("expires_at":"2023-08-05T09:30:15.123Z","last_reason":"server_error"})";

}  // namespace

TEST_CASE("the health record round-trips through JSON exactly", "[health]") {
    const auto record = full_record();
    const auto json = cci::to_json(record);
    CHECK(json == nlohmann::json::parse(canonical));
    CHECK(cci::health_from_json(json) == record);
    CHECK(cci::health_from_json_string(cci::health_to_json_string(record)) == record);
    CHECK(cci::to_json(*cci::health_from_json_string(canonical)) == nlohmann::json::parse(canonical));

    const cci::HealthRecord bare;
    CHECK(cci::health_from_json(cci::to_json(bare)) == bare);
    CHECK(cci::to_json(bare).at("verified_at").is_null());
}

TEST_CASE("reading is tolerant of what newer writers add", "[health]") {
    auto json = nlohmann::json::parse(canonical);
    json["future_field"] = {{"x", 1}};
    json["last_reason"] = "reason_from_the_future";
    json["token_kind"] = "oauth_token";
    const auto record = cci::health_from_json(json);
    REQUIRE(record);
    CHECK(record->last_reason == cci::Reason::unknown);
    CHECK_FALSE(record->token_kind);
    CHECK(record->identity == full_record().identity);
    // Other time spellings are read, then written canonically.
    json["verified_at"] = "2023-07-06T11:30:15.123+02:00";
    CHECK(cci::health_from_json(json)->verified_at == t0);
}

TEST_CASE("what is not a health record is rejected", "[health]") {
    const auto with = [](const char* key, nlohmann::json value) {
        auto json = nlohmann::json::parse(canonical);
        json[key] = std::move(value);
        return cci::health_from_json(json);
    };
    CHECK_FALSE(cci::health_from_json_string("not json"));
    CHECK_FALSE(cci::health_from_json_string("[]"));
    CHECK_FALSE(cci::health_from_json_string(R"({"state":"connected"})"));
    CHECK_FALSE(with("schema_version", 2));
    CHECK_FALSE(with("schema_version", "1"));
    CHECK_FALSE(with("state", "dormant"));
    CHECK_FALSE(with("state", nullptr));
    CHECK_FALSE(with("verified_at", "yesterday"));
    CHECK_FALSE(with("verified_at", 1688635815123));
    CHECK_FALSE(with("identity", {{"login", "no id"}}));
    CHECK_FALSE(with("masked_token", 5));
    CHECK(with("identity", nullptr));
}

TEST_CASE("the record never holds a token", "[health]") {
    const std::string token = std::string("CCIPAT_ULUhR6rJLxYbyzyrP19iMZ_") + std::string(40, 'b');
    auto json = nlohmann::json::parse(canonical);
    json["masked_token"] = token;
    const auto record = cci::health_from_json(json);
    REQUIRE(record);
    CHECK_FALSE(record->masked_token);

    auto state = cci::transition({}, cci::ConnectionEvent::input_changed(token));
    const auto written = cci::health_to_json_string(cci::health_record(state));
    CHECK(written.find(token) == std::string::npos);
    CHECK(written.find(std::string(40, 'b')) == std::string::npos);
    CHECK(cci::health_record(state).masked_token == state.token.masked);
}

TEST_CASE("a state's record and the state restored from it", "[health]") {
    SECTION("connected") {
        const auto state = cci::restore_state(full_record());
        CHECK(state.kind == cci::StateKind::connected);
        CHECK(state.token_held_elsewhere);
        CHECK(state.token.sanitized.empty());
        CHECK(state.token.kind == cci::TokenKind::personal);
        CHECK(state.diagnosis->reason == cci::Reason::server_error);
        CHECK(cci::can_start_validation(state));
        const auto back = cci::health_record(state);
        CHECK(back == full_record());
        // The restored machine re-checks through the backend, and a 401 now means revoked.
        auto checking = cci::transition(state, cci::ConnectionEvent::recheck(t0));
        cci::Outcome refused;
        refused.status = 401;
        checking = cci::transition(checking, cci::ConnectionEvent::stage_result(checking.attempt, cci::Stage::identity,
                                                                                refused, t0));
        CHECK(checking.kind == cci::StateKind::needs_reauth);
        CHECK(checking.diagnosis->reason == cci::Reason::token_expired_or_revoked);
    }
    SECTION("interrupted states settle") {
        using cci::StateKind;
        auto [persisted, had_success, restored] = GENERATE(table<StateKind, bool, StateKind>({
            {StateKind::validating, true, StateKind::connected},
            {StateKind::validating, false, StateKind::empty},
            {StateKind::rate_limited, true, StateKind::connected},
            {StateKind::rate_limited, false, StateKind::failed},
            {StateKind::editing, false, StateKind::empty},
            {StateKind::needs_reauth, true, StateKind::needs_reauth},
            {StateKind::failed, false, StateKind::failed},
            {StateKind::disconnected, true, StateKind::disconnected},
        }));
        auto record = full_record();
        record.state = persisted;
        if (!had_success) record.last_success_at.reset();
        CHECK(cci::restore_state(record).kind == restored);
    }
    SECTION("a disconnected record keeps nothing") {
        auto record = full_record();
        record.state = cci::StateKind::disconnected;
        const auto state = cci::restore_state(record);
        CHECK_FALSE(state.identity);
        CHECK(state.token.masked.empty());
    }
}
