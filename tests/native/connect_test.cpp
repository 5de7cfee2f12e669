// `cci connect` against the fake CircleCI: every scenario, as a user runs it.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "fake_circleci.hpp"

using cci::testing::CliResult;
using cci::testing::fake_requests;
using cci::testing::fake_token;
using cci::testing::fake_url;
using cci::testing::loopback_env;
using nlohmann::json;

namespace {

CliResult connect(const std::string& token, std::vector<std::string> args = {}, bool through_env = false) {
    std::vector<std::string> argv{"connect", "--host", fake_url()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto env = loopback_env();
    if (through_env) env.push_back("CIRCLECI_TOKEN=" + token);
    return cci::testing::run_cci(argv, through_env ? "" : token + "\n", env);
}

json connect_json(const std::string& token, std::vector<std::string> args = {}) {
    args.push_back("--json");
    const auto result = connect(token, args);
    CAPTURE(result.out, result.err);
    REQUIRE(result.out.find('\n') == result.out.size() - 1);  // exactly one line: one object
    auto out = json::parse(result.out);
    out["exit_code"] = result.exit_code;
    return out;
}

std::vector<std::string> stage_statuses(const json& out) {
    std::vector<std::string> statuses;
    for (const auto& stage : out["view"]["stages"]) statuses.push_back(stage["id"].get<std::string>() + ":" +
                                                                       stage["status"].get<std::string>());
    return statuses;
}

// The token never left the request headers: not in output, not in a URL the fake saw.
void check_token_kept(const std::string& token, const CliResult& result) {
    CHECK(result.out.find(token) == std::string::npos);
    CHECK(result.err.find(token) == std::string::npos);
    for (const auto& entry : fake_requests()) {
        CAPTURE(entry.dump());
        CHECK(entry["urlHadToken"] == false);
        if (entry["hadToken"] == true) CHECK(entry["tokenHeader"] == "circle-token");
    }
}

}  // namespace

TEST_CASE("connect: a valid token passes identity and organizations", "[connect]") {
    cci::testing::fake_reset();
    const std::string token = fake_token("valid");
    const auto result = connect(token);
    CAPTURE(result.out, result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("passed  identity") != std::string::npos);
    CHECK(result.out.find("passed  org_access") != std::string::npos);
    CHECK(result.out.find("Connected as Ada Lovelace (ada-acme)") != std::string::npos);
    CHECK(result.out.find("acme (gh/acme)") != std::string::npos);
    CHECK(result.out.find("acme-platform (circleci/") != std::string::npos);
    check_token_kept(token, result);
    const auto log = fake_requests();
    REQUIRE(log.size() == 2);
    CHECK(log[0]["path"] == "/api/v2/me");
    CHECK(log[1]["path"] == "/api/v2/me/collaborations");
    for (const auto& entry : log) {
        CHECK(entry["hadToken"] == true);
        CHECK(entry["userAgent"].get<std::string>().rfind("cci/", 0) == 0);
        CHECK(entry["acceptEncoding"].get<std::string>().find("gzip") != std::string::npos);
    }
}

TEST_CASE("connect --json: one object with the view model, every stage and the organizations", "[connect]") {
    cci::testing::fake_reset();
    const auto out = connect_json(fake_token("valid"), {"--project", "gh/acme/app"});
    CHECK(out["exit_code"] == 0);
    CHECK(out["reason"] == "ok");
    CHECK(out["connected"] == true);
    CHECK(out["view"]["state"] == "connected");
    CHECK(out["view"]["identity"]["login"] == "ada-acme");
    CHECK(out["organizations"].size() == 2);
    CHECK(stage_statuses(out) == std::vector<std::string>{"identity:passed", "org_access:passed",
                                                          "project_probe:passed", "log_probe:passed"});
    CHECK(out["token"]["masked"].get<std::string>().find("CCIPAT_") == 0);
    CHECK(out["requests"] == 4);
}

TEST_CASE("connect: the token may come from CIRCLECI_TOKEN, never from the command line", "[connect]") {
    cci::testing::fake_reset();
    const std::string token = fake_token("valid");
    const auto from_env = connect(token, {}, true);
    CHECK(from_env.exit_code == 0);
    CHECK(from_env.out.find("Connected as Ada Lovelace") != std::string::npos);

    const auto in_argv = cci::testing::run_cci({"connect", "--host", fake_url(), token}, "", loopback_env());
    CHECK(in_argv.exit_code == 2);
    CHECK(in_argv.out.find(token) == std::string::npos);
    CHECK(in_argv.err.find(token) == std::string::npos);
    CHECK(in_argv.err.find("never from the command line") != std::string::npos);
    CHECK(fake_requests().size() == 2);  // only the CIRCLECI_TOKEN run reached the fake
}

TEST_CASE("connect: usage errors exit 2 without a request", "[connect]") {
    cci::testing::fake_reset();
    const std::string token = fake_token("valid");
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"connect", "--host", "ftp://example.com"},
             {"connect", "--host"},
             {"connect", "--project", "not a slug"},
             {"connect", "--frobnicate"},
             {"connect", "--host=" + token}}) {
        const auto result = cci::testing::run_cci(args, token, loopback_env());
        CAPTURE(result.err);
        CHECK(result.exit_code == 2);
        CHECK(result.out.empty());
        CHECK(result.err.find(token) == std::string::npos);
    }
    CHECK(fake_requests().empty());
}

TEST_CASE("connect: a blocked token stops before any request with its reason", "[connect]") {
    cci::testing::fake_reset();
    const std::string token = fake_token("projectToken");
    const auto text = connect(token);
    CHECK(text.exit_code == 1);
    CHECK(text.out.find("token_is_project_token") != std::string::npos);
    CHECK(text.out.find(token) == std::string::npos);
    const auto out = connect_json(token);
    CHECK(out["exit_code"] == 1);
    CHECK(out["reason"] == "token_is_project_token");
    CHECK(out["connected"] == false);
    CHECK(out["diagnosis"]["reason"] == "token_is_project_token");
    CHECK(out["requests"] == 0);
    CHECK(fake_requests().empty());
}

TEST_CASE("connect: refusals end with their reason, one remedy and the skipped stages", "[connect]") {
    using Row = std::tuple<std::string, std::string, std::vector<std::string>>;
    const auto [scenario, reason, stages] = GENERATE(table<std::string, std::string, std::vector<std::string>>({
        Row{"revoked", "token_invalid", {"identity:failed", "org_access:skipped"}},
        Row{"legacy", "token_legacy_format_rejected", {"identity:failed", "org_access:skipped"}},
        Row{"permissionDenied", "permission_denied", {"identity:passed", "org_access:failed"}},
    }));
    CAPTURE(scenario);
    cci::testing::fake_reset();
    const std::string token = fake_token(scenario);
    const auto out = connect_json(token);
    CHECK(out["exit_code"] == 1);
    CHECK(out["reason"] == reason);
    CHECK(out["view"]["reason"] == reason);
    CHECK(stage_statuses(out) == stages);
    CHECK(out["retries"] == 0);
    CHECK_FALSE(out["view"]["remedy"].is_null());
    cci::testing::fake_reset();
    const auto text = connect(token);
    CHECK(text.exit_code == 1);
    CHECK(text.out.find("Not connected (" + reason + ")") != std::string::npos);
    CHECK(text.out.find("Remedy: ") != std::string::npos);
    check_token_kept(token, text);
}

TEST_CASE("connect: transient failures are retried, lasting ones are reported", "[connect]") {
    using Row = std::tuple<std::string, std::string, int, int>;
    const auto [scenario, reason, exit_code, retries] = GENERATE(table<std::string, std::string, int, int>({
        Row{"badGatewayOnce", "ok", 0, 1},
        Row{"connectionResetOnce", "ok", 0, 1},
        Row{"truncatedOnce", "ok", 0, 1},
        Row{"badGateway", "server_error", 1, 3},
        Row{"connectionReset", "network_unreachable", 1, 3},
    }));
    CAPTURE(scenario);
    cci::testing::fake_reset();
    const std::string token = fake_token(scenario);
    const auto out = connect_json(token);
    CHECK(out["exit_code"] == exit_code);
    CHECK(out["reason"] == reason);
    CHECK(out["retries"] == retries);
    const auto log = fake_requests();
    CHECK(log.size() == out["requests"].get<std::size_t>());
    CHECK(log.size() == (exit_code == 0 ? 3u : 4u));
    for (const auto& entry : log) CHECK(entry["urlHadToken"] == false);
}

TEST_CASE("connect: a 429 is waited out as Retry-After asks (seconds or an HTTP date)", "[connect]") {
    const auto scenario = GENERATE(as<std::string>{}, "rateLimitedText", "rateLimitedHttpDate");
    CAPTURE(scenario);
    cci::testing::fake_reset();
    const auto begin = std::chrono::steady_clock::now();
    const auto out = connect_json(fake_token(scenario));
    const auto elapsed = std::chrono::steady_clock::now() - begin;
    CHECK(out["exit_code"] == 0);
    CHECK(out["reason"] == "ok");
    CHECK(out["retries"] == 1);
    CHECK(elapsed >= std::chrono::milliseconds(1'000));
    const auto log = fake_requests();
    REQUIRE(log.size() == 3);
    CHECK(log[0]["status"] == 429);
    CHECK(log[1]["status"] == 200);
}

TEST_CASE("connect: slow answers still connect, and faults of lists or step outputs do not touch it",
          "[connect]") {
    const auto scenario = GENERATE(as<std::string>{}, "slow", "pageLoop", "truncatedOutput", "truncatedOutputOnce",
                                   "expiredOutputUrl");
    CAPTURE(scenario);
    cci::testing::fake_reset();
    const auto out = connect_json(fake_token(scenario));
    CHECK(out["exit_code"] == 0);
    CHECK(out["retries"] == 0);
}

TEST_CASE("connect: a token revoked after it connected fails the next check", "[connect]") {
    cci::testing::fake_reset();
    const std::string token = fake_token("revokedAfterFirstMe");
    CHECK(connect_json(token)["reason"] == "ok");
    const auto again = connect_json(token);
    CHECK(again["exit_code"] == 1);
    CHECK(again["reason"] == "token_invalid");
}

TEST_CASE("connect --project: a project the user cannot see fails the optional probe only", "[connect]") {
    cci::testing::fake_reset();
    const auto platform = cci::testing::fake_info()["url"];  // touch the fake: it must be up
    CHECK(platform.is_string());
    const std::string slug = "circleci/2QawpBDGJ5EhR6fTbJofvR/GteJDCDZtoFgijirXuAhtj";
    const auto grace = connect_json(fake_token("validSecondUser"), {"--project", slug});
    CHECK(grace["exit_code"] == 0);
    CHECK(grace["view"]["identity"]["login"] == "grace-acme");
    REQUIRE(grace["view"]["stages"].size() == 4);
    CHECK(grace["view"]["stages"][2]["status"] == "failed");
    CHECK(grace["view"]["stages"][2]["reason"] == "not_found_or_no_access");
    const auto ada = connect_json(fake_token("valid"), {"--project", slug});
    CHECK(ada["view"]["stages"][2]["status"] == "passed");
}

TEST_CASE("connect --cacert: HTTPS with a private CA is verified, never skipped", "[connect][tls]") {
    cci::testing::fake_reset();
    char dir_template[] = "/tmp/cci-tls-test.XXXXXX";
    const std::string dir = mkdtemp(dir_template);
    const std::string key = dir + "/key.pem", cert = dir + "/cert.pem";
    cci::testing::command_output("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
                                 "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
                                 key + " -out " + cert + " 2>/dev/null");
    // A TLS front for the fake, as a CircleCI Server behind a private CA would be.
    const std::string proxy = R"JS(
const https = require('https'), http = require('http'), fs = require('fs');
const [key, cert, target] = process.argv.slice(-3);
const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (req, res) => {
  const url = new URL(req.url, target);
  const upstream = http.request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (r) => {
    res.writeHead(r.statusCode, r.headers);
    r.pipe(res);
  });
  req.pipe(upstream);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
)JS";
    cci::testing::Child front({CCI_NODE, "-e", proxy, key, cert, fake_url()});
    const std::string port = front.read_line();
    REQUIRE_FALSE(port.empty());
    const std::string host = "https://localhost:" + port;
    const std::string token = fake_token("valid");
    const auto trusted = cci::testing::run_cci({"connect", "--host", host, "--cacert", cert, "--json"}, token,
                                               loopback_env());
    CAPTURE(trusted.out, trusted.err);
    CHECK(trusted.exit_code == 0);
    CHECK(json::parse(trusted.out)["reason"] == "ok");
    const auto untrusted = cci::testing::run_cci({"connect", "--host", host, "--json"}, token, loopback_env());
    CHECK(untrusted.exit_code == 1);
    CHECK(json::parse(untrusted.out)["reason"] == "tls_error");
    CHECK(untrusted.out.find(token) == std::string::npos);
    std::remove(key.c_str());
    std::remove(cert.c_str());
    rmdir(dir.c_str());
}
