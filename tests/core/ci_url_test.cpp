#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "cci/ci_url.hpp"

using namespace cci;

namespace {

CiTarget target_of(const std::variant<CiTarget, CiUrlError>& parsed) {
    REQUIRE(std::holds_alternative<CiTarget>(parsed));
    return std::get<CiTarget>(parsed);
}

}  // namespace

constexpr std::int64_t none = -1;

TEST_CASE("ci url: every form people paste", "[ci_url]") {
    using Row = std::tuple<std::string, std::string, std::string, std::int64_t, std::string, std::int64_t, std::int64_t>;
    const auto [url, kind, slug, pipeline, workflow, job, container] =
        GENERATE(table<std::string, std::string, std::string, std::int64_t, std::string, std::int64_t, std::int64_t>({
            Row{"https://app.circleci.com/pipelines/github/acme/app/812/workflows/3f1b0c1e-9a55-4c8e-8f3a-2d6b1c0e9a11/jobs/9557",
                "job", "github/acme/app", 812, "3f1b0c1e-9a55-4c8e-8f3a-2d6b1c0e9a11", 9557, none},
            Row{"https://app.circleci.com/pipelines/gh/acme/app/812/workflows/3F1B0C1E-9A55-4C8E-8F3A-2D6B1C0E9A11/jobs/9557/parallel-runs/2?filterBy=ALL",
                "job", "gh/acme/app", 812, "3f1b0c1e-9a55-4c8e-8f3a-2d6b1c0e9a11", 9557, 2},
            Row{"https://app.circleci.com/pipelines/circleci/mr17jU9wJBnXPo4vt5qdJ/44n9pujWcTnVZ2b5S8Fnat/7/workflows/3f1b0c1e-9a55-4c8e-8f3a-2d6b1c0e9a11/jobs/15",
                "job", "circleci/mr17jU9wJBnXPo4vt5qdJ/44n9pujWcTnVZ2b5S8Fnat", 7, "3f1b0c1e-9a55-4c8e-8f3a-2d6b1c0e9a11", 15, none},
            Row{"https://app.circleci.com/pipelines/bitbucket/acme/app/3/workflows/3f1b0c1e-9a55-4c8e-8f3a-2d6b1c0e9a11",
                "workflow", "bitbucket/acme/app", 3, "3f1b0c1e-9a55-4c8e-8f3a-2d6b1c0e9a11", none, none},
            Row{"https://app.circleci.com/pipelines/github/acme/app/812", "pipeline", "github/acme/app", 812, "", none, none},
            Row{"https://app.circleci.com/pipelines/github/acme/app", "project", "github/acme/app", none, "", none, none},
            Row{"https://circleci.com/gh/acme/app/9557", "job", "gh/acme/app", none, "", 9557, none},
            Row{"https://circleci.com/gh/acme/app/9557?utm_campaign=vcs-integration-link#tests/containers/3", "job",
                "gh/acme/app", none, "", 9557, none},
            Row{"circleci.com/bb/acme/app/12/", "job", "bb/acme/app", none, "", 12, none},
            Row{"https://app.circleci.example.com/pipelines/gh/acme/app/5/workflows/3f1b0c1e-9a55-4c8e-8f3a-2d6b1c0e9a11/jobs/6/",
                "job", "gh/acme/app", 5, "3f1b0c1e-9a55-4c8e-8f3a-2d6b1c0e9a11", 6, none},
            Row{"  gh/acme/app 9557\n", "job", "gh/acme/app", none, "", 9557, none},
            Row{"circleci/mr17jU9wJBnXPo4vt5qdJ/44n9pujWcTnVZ2b5S8Fnat\t15", "job",
                "circleci/mr17jU9wJBnXPo4vt5qdJ/44n9pujWcTnVZ2b5S8Fnat", none, "", 15, none},
        }));
    CAPTURE(url);
    const auto target = target_of(parse_circleci_url(url));
    CHECK(id(target.kind) == kind);
    CHECK(target.project.text() == slug);
    CHECK(target.pipeline_number.value_or(none) == pipeline);
    CHECK(target.workflow_id.value_or("") == workflow);
    CHECK(target.job_number.value_or(none) == job);
    CHECK(target.container.value_or(none) == container);
}

TEST_CASE("ci url: the host is kept for CircleCI Server and SSRF checks", "[ci_url]") {
    CHECK(target_of(parse_circleci_url("HTTPS://App.CircleCI.com/pipelines/gh/a/b/1")).host == "https://app.circleci.com");
    CHECK(target_of(parse_circleci_url("https://circleci.com/gh/a/b/2")).host == "https://circleci.com");
    CHECK(target_of(parse_circleci_url("circleci.com/gh/a/b/2")).host == "https://circleci.com");
    CHECK(target_of(parse_circleci_url("gh/a/b 2")).host.empty());
}

TEST_CASE("ci url: what cannot be followed says why", "[ci_url]") {
    const auto [text, error] = GENERATE(table<std::string, CiUrlError>({
        {"", CiUrlError::empty},
        {"  \n", CiUrlError::empty},
        {"https://github.com/acme/app/pull/3", CiUrlError::not_a_circleci_url},
        {"https://circleci.com/", CiUrlError::not_a_circleci_url},
        {"hello", CiUrlError::not_a_circleci_url},
        {"https://app.circleci.com/pipelines/gitlab/acme/app/1", CiUrlError::bad_project},
        {"https://app.circleci.com/pipelines/gh/acme", CiUrlError::bad_project},
        {"https://app.circleci.com/pipelines/gh/acme/app/latest", CiUrlError::bad_number},
        {"https://app.circleci.com/pipelines/gh/acme/app/1/workflows/not-a-uuid/jobs/2", CiUrlError::bad_workflow_id},
        {"https://app.circleci.com/pipelines/gh/acme/app/1/workflows/3f1b0c1e-9a55-4c8e-8f3a-2d6b1c0e9a11/jobs/x",
         CiUrlError::bad_number},
        {"https://circleci.com/gh/acme/app/-3", CiUrlError::bad_number},
        {"gh/acme/app twelve", CiUrlError::bad_number},
        {"nope/acme/app 12", CiUrlError::bad_project},
        {"https://circleci.com/gh/acme/app/99999999999999999999", CiUrlError::bad_number},
    }));
    CAPTURE(text);
    const auto parsed = parse_circleci_url(text);
    REQUIRE(std::holds_alternative<CiUrlError>(parsed));
    CHECK(std::get<CiUrlError>(parsed) == error);
}

TEST_CASE("ci url: the error table lists every value once, in order", "[ci_url]") {
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < ci_url_error_table().size(); ++i) {
        const auto& row = ci_url_error_table()[i];
        CHECK(static_cast<std::size_t>(row.error) == i);
        CHECK(ids.insert(row.id).second);
        CHECK_FALSE(row.message.empty());
        CHECK_FALSE(row.remedy.empty());
    }
    CHECK(static_cast<std::size_t>(CiUrlError::bad_workflow_id) + 1 == ci_url_error_count);
}

TEST_CASE("ci url: JSON form", "[ci_url]") {
    const auto json = to_json(target_of(parse_circleci_url("https://circleci.com/gh/acme/app/9557")));
    CHECK(json == nlohmann::json{{"kind", "job"}, {"host", "https://circleci.com"}, {"project_slug", "gh/acme/app"},
                                 {"pipeline_number", nullptr}, {"workflow_id", nullptr}, {"job_number", 9557},
                                 {"container", nullptr}});
}
