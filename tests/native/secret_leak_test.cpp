// Secret-leak guard: every `cci` command runs with a known canary token, and neither the
// token nor its encoded forms (base64 of the token and of `token:` as Basic auth sends it,
// percent-encoded, or its two secret segments alone) may appear in stdout, stderr, any saved
// file, or any URL the fake CircleCI received.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cci/base64.hpp"
#include "cli_runner.hpp"
#include "fake_circleci.hpp"

using cci::testing::fake_requests;
using cci::testing::fake_reset;
using cci::testing::fake_token;
using cci::testing::fake_url;
using cci::testing::run_cci;

namespace {

std::string percent_encoded(const std::string& text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        out += '%';
        out += hex[c >> 4U];
        out += hex[c & 0xFU];
    }
    return out;
}

/// Every form in which the canary must never show up.
std::vector<std::string> leak_forms(const std::string& token) {
    std::vector<std::string> forms{token, cci::base64_encode(token), cci::base64_encode(token + ":"),
                                   percent_encoded(token)};
    const auto first = token.find('_');
    const auto last = token.rfind('_');
    if (first != std::string::npos && last != first) {
        forms.push_back(token.substr(first + 1, last - first - 1));  // the base58 middle
        forms.push_back(token.substr(last + 1));                     // the 40-hex tail
    }
    return forms;
}

void require_clean(const std::string& where, const std::string& text, const std::string& token) {
    for (const auto& form : leak_forms(token)) {
        CAPTURE(where, form);
        CHECK(text.find(form) == std::string::npos);
    }
}

void require_clean_run(const std::string& what, const cci::testing::CliResult& result, const std::string& token) {
    require_clean(what + " stdout", result.out, token);
    require_clean(what + " stderr", result.err, token);
}

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("secret leak guard: no command prints, saves or sends the canary token", "[secret_leak]") {
    fake_reset();
    const std::string canary = fake_token("valid");
    const std::vector<std::string> env{"CIRCLECI_TOKEN=" + canary, "NO_PROXY=127.0.0.1,127.0.0.2",
                                       "no_proxy=127.0.0.1,127.0.0.2"};

    for (const auto& args : {std::vector<std::string>{"token", "check"}, std::vector<std::string>{"token", "check", "--json"}})
        require_clean_run("token check", run_cci(args, "export CIRCLECI_TOKEN=\"" + canary + "\"\n"), canary);

    const std::string outcome = R"({"status":401,"endpoint":"me","body":"{\"message\":\"bad )" + canary + R"(\"}"})";
    require_clean_run("classify", run_cci({"classify"}, outcome), canary);
    require_clean_run("classify --json", run_cci({"classify", "--json"}, outcome), canary);

    const std::string log = "curl -H 'Circle-Token: " + canary + "' https://circleci.com/api/v2/me\nerror: token " + canary +
                            " rejected\nhttps://x.test/?circle-token=" + canary + "\n";
    require_clean_run("analyze", run_cci({"analyze"}, log), canary);
    require_clean_run("analyze --json", run_cci({"analyze", "--json"}, log), canary);

    require_clean_run("connect (stdin)", run_cci({"connect", "--host", fake_url(), "--project", "gh/acme/app"}, canary,
                                                 {"NO_PROXY=127.0.0.1", "no_proxy=127.0.0.1"}),
                      canary);
    require_clean_run("connect --json", run_cci({"connect", "--host", fake_url(), "--json"}, "", env), canary);

    const auto out_dir = std::filesystem::temp_directory_path() / "cci-secret-leak-out";
    std::filesystem::remove_all(out_dir);
    const auto logs = run_cci({"logs", "--host", fake_url(), "--json", "--out", out_dir.string(),
                               "https://app.circleci.com/pipelines/gh/acme/app/45", "gh/acme/app 3270"},
                              "", env);
    CHECK(logs.exit_code == 0);
    require_clean_run("logs", logs, canary);
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(out_dir)) {
        if (!entry.is_regular_file()) continue;
        ++files;
        require_clean(entry.path().string(), slurp(entry.path()), canary);
    }
    CHECK(files > 1);
    std::filesystem::remove_all(out_dir);

    const auto requests = fake_requests();
    REQUIRE(requests.size() > 10);
    for (const auto& request : requests) {
        CAPTURE(request.dump());
        CHECK(request["urlHadToken"] == false);
        require_clean("request URL", request["path"].get<std::string>() + "?" + request["query"].dump(), canary);
        // Only authenticated API calls carry the token, and only in a header.
        if (request["host"] == "other" || request["path"].get<std::string>().rfind("/_s3/", 0) == 0)
            CHECK(request["hadToken"] == false);
    }
}

TEST_CASE("secret leak guard: the legacy canary is not echoed either", "[secret_leak]") {
    fake_reset();
    const std::string legacy = fake_token("legacy");
    const auto result = run_cci({"connect", "--host", fake_url(), "--json"}, legacy,
                                {"NO_PROXY=127.0.0.1", "no_proxy=127.0.0.1"});
    CHECK(result.exit_code == 1);
    require_clean_run("connect legacy", result, legacy);
    CHECK(nlohmann::json::parse(result.out)["reason"] == "token_legacy_format_rejected");
}
