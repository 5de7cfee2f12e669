#include "cci/builds_diagnosis.hpp"

#include <set>

#include <catch2/catch.hpp>

namespace {

constexpr cci::EpochMs now = 1688635815000;  // 2023-07-06T09:30:15Z

const auto orgs = cci::organizations_from_json(nlohmann::json::parse(R"([
  {"id":"0b1c","vcs-type":"github","name":"acme","avatar_url":"","slug":"gh/acme"},
  {"id":"9f8e","vcs-type":"circleci","name":"appcorp","avatar_url":"","slug":"circleci/43G3kM5RtfFE7v5sa4nWAU"},
  {"id":"7a7a","vcs-type":"bitbucket","name":"team","avatar_url":"","slug":"bb/team"},
  "junk", {"avatar_url":"x"}])"));

cci::Outcome probe(int status, std::string body) {
    cci::Outcome outcome;
    outcome.status = status;
    outcome.body = std::move(body);
    return outcome;
}

}  // namespace

TEST_CASE("the builds cause table covers every cause in order", "[builds_diagnosis]") {
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < cci::builds_cause_count; ++i) {
        const auto cause = static_cast<cci::BuildsCause>(i);
        CHECK(cci::builds_cause_table()[i].cause == cause);
        CHECK(ids.insert(cci::id(cause)).second);
        CHECK(cci::parse_builds_cause(cci::id(cause)) == cause);
        CHECK_FALSE(cci::info(cause).remedy.empty());
    }
}

TEST_CASE("organizations_from_json keeps the usable entries", "[builds_diagnosis]") {
    REQUIRE(orgs.size() == 3);
    CHECK(orgs[1].vcs_type == "circleci");
    CHECK(cci::organizations_from_json(nlohmann::json::object()).empty());
}

TEST_CASE("diagnose_builds names one cause", "[builds_diagnosis]") {
    using cci::BuildsCause;
    const std::string recent = R"({"items":[{"id":"p","created_at":"2023-07-01T00:00:00Z"}],"next_page_token":null})";
    const std::string stale = R"({"items":[{"id":"p","created_at":"2022-01-01T00:00:00Z"}],"next_page_token":null})";
    auto [slug, response, cause] = GENERATE_COPY(table<std::string, std::optional<cci::Outcome>, BuildsCause>({
        {"", std::nullopt, BuildsCause::no_project_slug},
        {"gh/other/web", std::nullopt, BuildsCause::org_not_visible},
        {"bb/acme/web", std::nullopt, BuildsCause::org_not_visible},
        {"gh/appcorp/web", std::nullopt, BuildsCause::slug_form_mismatch},
        {"circleci/43G3kM5RtfFE7v5sa4nWAU/44n9pujWcTnVZ2b5S8Fnat", probe(200, recent), BuildsCause::pipelines_found},
        {"circleci/unknownOrgId1234567890/44n9pujWcTnVZ2b5S8Fnat", probe(200, recent), BuildsCause::org_not_visible},
        {"github/ACME/web", std::nullopt, BuildsCause::project_not_probed},
        {"gh/acme/web", probe(404, R"({"message":"Project not found"})"), BuildsCause::project_not_found},
        {"gh/acme/web", probe(500, ""), BuildsCause::probe_failed},
        {"gh/acme/web", probe(200, R"({"items":[],"next_page_token":null})"), BuildsCause::no_recent_pipelines},
        {"gh/acme/web", probe(200, stale), BuildsCause::no_recent_pipelines},
        {"gh/acme/web", probe(200, recent), BuildsCause::pipelines_found},
        {"bitbucket/team/repo", probe(200, recent), BuildsCause::pipelines_found},
    }));
    const auto result = cci::diagnose_builds(orgs, cci::parse_project_slug(slug), response, now);
    CHECK(result.cause == cause);
    CHECK(result.probe.has_value() == (response.has_value() && result.organization.has_value() &&
                                       cause != BuildsCause::slug_form_mismatch));
}

TEST_CASE("no organizations at all", "[builds_diagnosis]") {
    const auto result = cci::diagnose_builds({}, cci::parse_project_slug("gh/acme/web"), std::nullopt, now);
    CHECK(result.cause == cci::BuildsCause::no_organizations);
    const auto json = cci::to_json(result);
    CHECK(json.at("cause") == "no_organizations");
    CHECK(json.at("organization").is_null());
    CHECK(json.at("probe").is_null());
}

TEST_CASE("the probe's diagnosis is reported", "[builds_diagnosis]") {
    const auto result = cci::diagnose_builds(orgs, cci::parse_project_slug("gh/acme/web"),
                                             probe(403, R"({"message":"Permission denied."})"), now);
    CHECK(result.cause == cci::BuildsCause::probe_failed);
    const auto json = cci::to_json(result);
    CHECK(json.at("probe").at("reason") == "permission_denied");
    CHECK(json.at("organization").at("slug") == "gh/acme");
}
