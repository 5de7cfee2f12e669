#include "cci/project_slug.hpp"

#include <catch2/catch.hpp>

TEST_CASE("parse_project_slug reads both slug forms", "[project_slug]") {
    using cci::SlugForm;
    auto [text, form, canonical] = GENERATE(table<std::string_view, SlugForm, std::string_view>({
        {"gh/acme/web", SlugForm::oauth, "gh/acme/web"},
        {"GitHub/Acme/web.site", SlugForm::oauth, "github/Acme/web.site"},
        {"bb/team/repo_1", SlugForm::oauth, "bb/team/repo_1"},
        {"bitbucket/team/repo-1", SlugForm::oauth, "bitbucket/team/repo-1"},
        {"circleci/43G3kM5RtfFE7v5sa4nWAU/44n9pujWcTnVZ2b5S8Fnat", SlugForm::app,
         "circleci/43G3kM5RtfFE7v5sa4nWAU/44n9pujWcTnVZ2b5S8Fnat"},
        {" /gh/acme/web/ \n", SlugForm::oauth, "gh/acme/web"},
        {"gh%2Facme%2fweb", SlugForm::oauth, "gh/acme/web"},
    }));
    const auto slug = cci::parse_project_slug(text);
    REQUIRE(slug);
    CHECK(slug->form == form);
    CHECK(slug->text() == canonical);
}

TEST_CASE("parse_project_slug rejects what is not a slug", "[project_slug]") {
    for (const std::string_view text :
         {"", "acme/web", "gl/acme/web", "gh/acme", "gh/acme/web/extra", "gh//web", "gh/acme/..",
          "gh/acme/we b", "gh/acme/web?x=1", "https://app.circleci.com/pipelines/gh/acme/web", "gh/acme/w%20b"})
        CHECK_FALSE(cci::parse_project_slug(text));
    CHECK(cci::id(cci::SlugForm::app) == "app");
}

TEST_CASE("project slug: v1.1 paths spell the VCS out", "[project_slug]") {
    CHECK(cci::v1_project_path(*cci::parse_project_slug("gh/acme/app")) == "github/acme/app");
    CHECK(cci::v1_project_path(*cci::parse_project_slug("bb/acme/app")) == "bitbucket/acme/app");
    CHECK(cci::v1_project_path(*cci::parse_project_slug("github/acme/app")) == "github/acme/app");
    const auto app = cci::parse_project_slug("circleci/4Rk3ZrHTKrDpHNRXvwTkn2/Lmzfv1h3GjQWx7PPrT2Fw5");
    CHECK(cci::v1_project_path(*app) == app->text());
}
