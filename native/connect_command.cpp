// `cci connect [--host URL] [--project SLUG] [--cacert FILE] [--json]`: verifies a token with
// the core's staged verification (identity → organizations → optional project and log
// probes), driving the connection state machine with real requests. The token comes from
// CIRCLECI_TOKEN or stdin only. Exit 0 connected, 1 a diagnosed failure, 2 a usage error.
#include <iostream>

#include "api_access.hpp"
#include "args.hpp"
#include "cci/builds_diagnosis.hpp"
#include "cci/connection.hpp"
#include "cci/connection_view.hpp"
#include "cci/retry_policy.hpp"
#include "cci/token_gate.hpp"
#include "commands.hpp"
#include "http_client.hpp"

namespace cci::native {
namespace {

using json = nlohmann::json;

constexpr const char* connect_usage =
    "usage: cci connect [--host URL] [--project SLUG] [--cacert FILE] [--json]\n"
    "  The token is read from CIRCLECI_TOKEN or standard input, never from the command line.\n";

struct ConnectOptions {
    std::string host = "https://circleci.com";
    std::optional<ProjectSlug> project;
    std::string cacert;
    bool json = false;
};

// Reads the options; prints the problem and returns nullopt on a usage error.
std::optional<ConnectOptions> parse_options(const Args& args) {
    ConnectOptions out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const auto value = [&](const char* name) -> std::optional<std::string> {
            const std::string prefix = std::string(name) + "=";
            if (arg.rfind(prefix, 0) == 0) return arg.substr(prefix.size());
            if (arg == name && i + 1 < args.size()) return args[++i];
            return std::nullopt;
        };
        if (arg == "--json") {
            out.json = true;
        } else if (arg == "--host" || arg.rfind("--host=", 0) == 0) {
            const auto text = value("--host");
            const auto host = text ? api_host(*text) : std::nullopt;
            if (!host) {
                std::cerr << "cci connect: --host needs an http(s) URL such as https://circleci.com\n";
                return std::nullopt;
            }
            out.host = *host;
        } else if (arg == "--project" || arg.rfind("--project=", 0) == 0) {
            const auto text = value("--project");
            out.project = text ? parse_project_slug(*text) : std::nullopt;
            if (!out.project) {
                std::cerr << "cci connect: --project needs a project slug such as gh/org/repo or "
                             "circleci/<org-id>/<project-id>\n";
                return std::nullopt;
            }
        } else if (arg == "--cacert" || arg.rfind("--cacert=", 0) == 0) {
            const auto text = value("--cacert");
            if (!text || text->empty()) {
                std::cerr << "cci connect: --cacert needs a CA bundle file\n";
                return std::nullopt;
            }
            out.cacert = *text;
        } else if (arg.rfind("--", 0) == 0) {
            std::cerr << "cci connect: unknown option " << shown(arg) << "\n" << connect_usage;
            return std::nullopt;
        } else {
            std::cerr << "cci connect: unexpected argument (not shown); the token is read from CIRCLECI_TOKEN or "
                         "standard input, never from the command line\n"
                      << connect_usage;
            return std::nullopt;
        }
    }
    return out;
}

struct Run {
    ConnectionState state;
    std::vector<Organization> organizations;
    int requests = 0;
    int retries = 0;
};

// Makes one stage's request, repeating it while the core's retry policy says so.
Outcome fetch_stage(HttpClient& client, const std::string& host, const StageRequest& request,
                    const TokenCheck& check, Run& run, std::uint64_t seed) {
    const RetryPolicy policy;
    EpochMs waited = 0;
    for (int attempts = 1;; ++attempts) {
        Fetch fetch;
        fetch.url = host + request.request.path;
        fetch.endpoint = info(request.stage).endpoint;
        fetch.headers = request.request.headers;
        Outcome outcome = client.get(fetch);
        ++run.requests;
        outcome.endpoint = info(request.stage).endpoint;
        outcome.token_kind = check.kind;
        const auto decision = decide_retry(policy, classify(outcome), attempts, waited,
                                           jitter_seed_for(seed, static_cast<std::uint64_t>(request.stage)));
        if (!decision.retry) return outcome;
        ++run.retries;
        waited += decision.delay_ms;
        sleep_ms(decision.delay_ms);
    }
}

void print_text(const ConnectOptions& options, const Run& run, const ViewModel& view) {
    std::cout << "CircleCI at " << options.host << "\n";
    for (const auto& stage : view.stages) {
        std::string status(id(stage.status));
        status.resize(8, ' ');
        std::string name(id(stage.stage));
        name.resize(14, ' ');
        std::cout << "  " << status << name << stage.method << " " << stage.path;
        if (stage.note) std::cout << " - " << *stage.note;
        std::cout << "\n";
    }
    if (run.state.kind == StateKind::connected && run.state.identity) {
        const Identity& who = *run.state.identity;
        std::cout << "Connected as " << who.name << " (" << who.login << ")\n";
        std::cout << "Organizations:";
        if (run.organizations.empty()) std::cout << " none";
        for (std::size_t i = 0; i < run.organizations.size(); ++i)
            std::cout << (i ? ", " : " ") << run.organizations[i].name << " (" << run.organizations[i].slug << ")";
        std::cout << "\n";
    } else {
        std::cout << "Not connected (" << (view.reason ? id(*view.reason) : std::string_view("unknown"))
                  << "): " << view.status_line << "\n";
    }
    if (view.server_message) std::cout << "CircleCI said: " << *view.server_message << "\n";
    if (view.remedy) std::cout << "Remedy: " << *view.remedy << "\n";
}

json organizations_json(const std::vector<Organization>& organizations) {
    json out = json::array();
    for (const auto& o : organizations)
        out.push_back({{"id", o.id}, {"name", o.name}, {"slug", o.slug}, {"vcs_type", o.vcs_type}});
    return out;
}

void print_json(const ConnectOptions& options, const TokenCheck& check, Reason reason,
                const std::optional<Diagnosis>& diagnosis, const Run& run, const ViewModel& view) {
    const json out = {{"reason", id(reason)},
                      {"connected", reason == Reason::ok},
                      {"host", options.host},
                      {"token", to_json(check)},
                      {"diagnosis", diagnosis ? to_json(*diagnosis) : json(nullptr)},
                      {"organizations", organizations_json(run.organizations)},
                      {"requests", run.requests},
                      {"retries", run.retries},
                      {"view", to_json(view)}};
    std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace

int run_connect(const Args& args) {
    const auto options = parse_options(args);
    if (!options) return 2;
    const auto token = read_token();
    if (!token) {
        std::cerr << "cci connect: standard input is larger than 1 MiB; pass only the token\n";
        return 2;
    }
    Run run;
    const EpochMs started = wall_clock_ms();
    run.state = transition(run.state, ConnectionEvent::input_changed(*token));
    const TokenCheck& check = run.state.token;
    if (const auto blocked = token_gate(check)) {
        // The token cannot work: no request is made.
        const Diagnosis diagnosis = diagnosis_for(*blocked);
        ViewModel view = cci::view(run.state, started);
        if (options->json) {
            print_json(*options, check, *blocked, diagnosis, run, view);
        } else {
            std::cout << "Not connected (" << id(*blocked) << "): " << check.message << "\n";
            if (!check.remedy.empty()) std::cout << "Remedy: " << check.remedy << "\n";
        }
        return 1;
    }
    HttpClientConfig config;
    config.api_origin = options->host;
    config.token = check.sanitized;
    config.cacert = options->cacert;
    HttpClient client(config);
    VerificationOptions verification;
    verification.project = options->project;
    verification.log_probe = options->project.has_value();
    run.state = transition(run.state, ConnectionEvent::submit(started, verification));
    const auto seed = static_cast<std::uint64_t>(started);
    while (const auto request = current_request(run.state)) {
        const Outcome outcome = fetch_stage(client, options->host, *request, check, run, seed);
        if (request->stage == Stage::org_access && outcome.transport == Transport::none && outcome.status == 200) {
            const auto body = json::parse(outcome.body, nullptr, false);
            if (!body.is_discarded()) run.organizations = organizations_from_json(body);
        }
        run.state = transition(run.state, ConnectionEvent::stage_result(request->attempt, request->stage, outcome,
                                                                        wall_clock_ms()));
    }
    const ViewModel view = cci::view(run.state, wall_clock_ms());
    const bool connected = run.state.kind == StateKind::connected;
    const Reason reason = connected ? Reason::ok : run.state.diagnosis ? run.state.diagnosis->reason : Reason::unknown;
    if (options->json) {
        print_json(*options, check, reason, run.state.diagnosis, run, view);
    } else {
        print_text(*options, run, view);
    }
    return connected ? 0 : 1;
}

}  // namespace cci::native
