// `cci logs URL… [--host URL] [--cacert FILE] [--json] [--out DIR] [--parallel N]`: fetches
// the output of every failed step of the jobs the URLs point at and analyses it. The core's
// `Retrieval` plan decides every request; this file only runs them with libcurl (concurrently,
// bounded), streams each step's output chunk by chunk into the job's analyser (and into a
// file with --out), and prints. Exit 0 when everything was retrieved, 1 when something could
// not be (a diagnosed reason, or a partial result), 2 for usage errors.
#include <unistd.h>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "api_access.hpp"
#include "args.hpp"
#include "cci/ci_url.hpp"
#include "cci/log/analyzer.hpp"
#include "cci/retrieval.hpp"
#include "cci/test_results.hpp"
#include "cci/token_gate.hpp"
#include "commands.hpp"
#include "http_client.hpp"

namespace cci::native {
namespace {

using json = nlohmann::json;

constexpr const char* logs_usage =
    "usage: cci logs URL... [--host URL] [--cacert FILE] [--json] [--out DIR] [--parallel N]\n"
    "  URL: a CircleCI job, workflow, pipeline or project URL, or SLUG JOB_NUMBER (gh/org/repo 123).\n"
    "  The token is read from CIRCLECI_TOKEN or standard input, never from the command line.\n";

constexpr std::size_t default_parallel = 8;
constexpr std::size_t max_parallel = 64;
constexpr EpochMs progress_interval_ms = 100;

struct LogsOptions {
    std::optional<std::string> host;
    std::string cacert;
    bool json = false;
    std::optional<std::string> out_dir;
    std::size_t parallel = default_parallel;
    std::vector<CiTarget> targets;
};

std::optional<LogsOptions> parse_options(const Args& args) {
    LogsOptions out;
    std::vector<std::string> words;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const auto value = [&](const char* name) -> std::optional<std::string> {
            const std::string prefix = std::string(name) + "=";
            if (arg.rfind(prefix, 0) == 0) return arg.substr(prefix.size());
            if (arg == name && i + 1 < args.size()) return args[++i];
            return std::nullopt;
        };
        const auto is = [&](const char* name) { return arg == name || arg.rfind(std::string(name) + "=", 0) == 0; };
        if (arg == "--json") {
            out.json = true;
        } else if (is("--host")) {
            const auto text = value("--host");
            out.host = text ? api_host(*text) : std::nullopt;
            if (!out.host) {
                std::cerr << "cci logs: --host needs an http(s) URL such as https://circleci.com\n";
                return std::nullopt;
            }
        } else if (is("--cacert")) {
            const auto text = value("--cacert");
            if (!text || text->empty()) {
                std::cerr << "cci logs: --cacert needs a CA bundle file\n";
                return std::nullopt;
            }
            out.cacert = *text;
        } else if (is("--out")) {
            const auto text = value("--out");
            if (!text || text->empty()) {
                std::cerr << "cci logs: --out needs a directory\n";
                return std::nullopt;
            }
            out.out_dir = *text;
        } else if (is("--parallel")) {
            const auto text = value("--parallel");
            std::size_t n = 0;
            const bool digits = text && !text->empty() && text->size() <= 3 &&
                                std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; });
            if (digits) n = static_cast<std::size_t>(std::stoul(*text));
            if (n < 1 || n > max_parallel) {
                std::cerr << "cci logs: --parallel needs a number from 1 to " << max_parallel << "\n";
                return std::nullopt;
            }
            out.parallel = n;
        } else if (arg.rfind("--", 0) == 0) {
            std::cerr << "cci logs: unknown option " << shown(arg) << "\n" << logs_usage;
            return std::nullopt;
        } else {
            words.push_back(arg);
        }
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
        auto parsed = parse_circleci_url(words[i]);
        // `SLUG JOB_NUMBER` comes as two words.
        if (!std::holds_alternative<CiTarget>(parsed) && i + 1 < words.size() && parse_project_slug(words[i])) {
            auto joined = parse_circleci_url(words[i] + " " + words[i + 1]);
            if (std::holds_alternative<CiTarget>(joined)) {
                parsed = std::move(joined);
                ++i;
            }
        }
        if (const auto* error = std::get_if<CiUrlError>(&parsed)) {
            std::cerr << "cci logs: argument " << i + 1 << " (not shown) is not a CircleCI URL we can follow ("
                      << id(*error) << "): " << info(*error).message << "\n" << info(*error).remedy << "\n";
            return std::nullopt;
        }
        out.targets.push_back(std::get<CiTarget>(std::move(parsed)));
    }
    if (out.targets.empty()) {
        std::cerr << "cci logs: give at least one CircleCI URL\n" << logs_usage;
        return std::nullopt;
    }
    if (!out.host) {
        const std::string first = api_origin_for(out.targets.front());
        for (const auto& target : out.targets) {
            if (api_origin_for(target) != first) {
                std::cerr << "cci logs: the URLs are on different CircleCI hosts; fetch them separately or pass "
                             "--host\n";
                return std::nullopt;
            }
        }
        out.host = first;
    }
    return out;
}

std::string human_bytes(std::uint64_t bytes) {
    std::ostringstream text;
    text.precision(1);
    if (bytes < 1024) {
        text << bytes << " B";
    } else if (bytes < (1u << 20)) {
        text << std::fixed << static_cast<double>(bytes) / 1024.0 << " kB";
    } else {
        text << std::fixed << static_cast<double>(bytes) / (1024.0 * 1024.0) << " MB";
    }
    return text.str();
}

// Runs the plan: requests out through libcurl, answers back in; step outputs streamed into
// each job's analyser in step order.
class LogsRun {
public:
    LogsRun(const LogsOptions& options, HttpClient& client, Retrieval& plan)
        : options_(options), client_(client), plan_(plan), progress_(isatty(STDERR_FILENO) != 0) {}

    void run() {
        while (!plan_.done()) {
            for (auto& fetch : plan_.take_fetches()) waiting_.push_back(std::move(fetch));
            const EpochMs now = wall_clock_ms();
            start_due(now);
            if (client_.in_flight() == 0) {
                sleep_ms(wait_budget(now));  // everything left is waiting out a backoff
                continue;
            }
            for (auto& finished : client_.wait(wait_budget(now))) on_finished(std::move(finished));
            show_progress(false);
        }
        show_progress(true);
    }

    [[nodiscard]] std::vector<std::optional<log::Analysis>> analyses() {
        std::vector<std::optional<log::Analysis>> out;
        for (auto& stream : streams_) out.push_back(std::move(stream.analysis));
        out.resize(plan_.report().jobs.size());
        return out;
    }

private:
    // One output transfer's sink state.
    struct Sink {
        std::size_t job = 0;
        std::size_t step = 0;
        std::uint64_t skip = 0;       // bytes of this body already delivered by an earlier try
        std::uint64_t delivered = 0;  // bytes handed to the analyser by this try
    };

    struct Active {
        PlannedFetch fetch;
        std::unique_ptr<Sink> sink;
    };

    // A job's analyser and which of its steps is being fed.
    struct Stream {
        std::optional<log::Analyzer> analyzer;
        std::vector<bool> final;
        std::size_t cursor = 0;
        bool begun = false;
        std::unique_ptr<std::ofstream> file;  // --out: the cursor step's raw output
        std::optional<log::Analysis> analysis;
    };

    const LogsOptions& options_;
    HttpClient& client_;
    Retrieval& plan_;
    bool progress_;
    EpochMs progress_at_ = 0;
    bool progress_shown_ = false;
    std::deque<PlannedFetch> waiting_;
    std::map<TransferId, Active> active_;
    std::map<std::pair<std::size_t, std::size_t>, TransferId> step_transfer_;
    std::vector<Stream> streams_;
    std::size_t outputs_active_ = 0;
    std::size_t api_active_ = 0;

    Stream& stream(std::size_t job) {
        if (streams_.size() <= job) streams_.resize(job + 1);
        return streams_[job];
    }

    bool is_cursor(const PlannedFetch& fetch) {
        return fetch.job && fetch.step && stream(*fetch.job).cursor == *fetch.step;
    }

    long wait_budget(EpochMs now) const {
        EpochMs budget = 100;
        for (const auto& fetch : waiting_)
            if (fetch.not_before > now) budget = std::min(budget, fetch.not_before - now);
        return static_cast<long>(std::max<EpochMs>(budget, 1));
    }

    // Starts what is due, in plan order: API requests and step outputs each up to the
    // parallel limit, plus always the output a job's analyser is waiting for.
    void start_due(EpochMs now) {
        for (auto it = waiting_.begin(); it != waiting_.end();) {
            const bool output = it->kind == FetchKind::step_output;
            const bool room = output ? outputs_active_ < options_.parallel || is_cursor(*it)
                                     : api_active_ < options_.parallel;
            if (it->not_before > now || !room) {
                ++it;
                continue;
            }
            start(std::move(*it));
            it = waiting_.erase(it);
        }
    }

    void start(PlannedFetch planned) {
        Fetch fetch;
        fetch.url = planned.url;
        fetch.authenticated = planned.authenticated;
        fetch.endpoint = info(planned.kind).endpoint;
        fetch.headers = planned.headers;
        Active active{std::move(planned), nullptr};
        if (active.fetch.kind == FetchKind::step_output) {
            active.sink = std::make_unique<Sink>(Sink{*active.fetch.job, *active.fetch.step, active.fetch.skip_bytes, 0});
            Sink* sink = active.sink.get();
            fetch.on_body = [this, sink](std::string_view piece) { return take(*sink, piece); };
            ++outputs_active_;
        } else {
            ++api_active_;
        }
        const TransferId id = client_.start(std::move(fetch));
        if (active.sink) step_transfer_[{active.sink->job, active.sink->step}] = id;
        active_.emplace(id, std::move(active));
    }

    SinkAction take(Sink& sink, std::string_view piece) {
        Stream& s = stream(sink.job);
        if (s.cursor != sink.step) return SinkAction::pause;  // not its turn: the bytes wait in the socket
        if (sink.skip > 0) {
            const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(sink.skip, piece.size()));
            sink.skip -= n;
            piece.remove_prefix(n);
            if (piece.empty()) return SinkAction::take;
        }
        if (s.analyzer) s.analyzer->feed(piece);
        if (options_.out_dir) {
            if (!s.file) {
                const auto& job = plan_.report().jobs[sink.job];
                const auto path = std::filesystem::path(*options_.out_dir) / step_file_name(job, job.steps[sink.step]);
                s.file = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
            }
            s.file->write(piece.data(), static_cast<std::streamsize>(piece.size()));
        }
        sink.delivered += piece.size();
        return SinkAction::take;
    }

    void on_finished(Finished finished) {
        const auto it = active_.find(finished.id);
        if (it == active_.end()) return;
        Active active = std::move(it->second);
        active_.erase(it);
        std::uint64_t streamed = 0;
        if (active.sink) {
            --outputs_active_;
            streamed = active.sink->delivered;
            step_transfer_.erase({active.sink->job, active.sink->step});
        } else {
            --api_active_;
        }
        const auto effects = plan_.deliver(active.fetch.id, finished.outcome, wall_clock_ms(), streamed);
        for (const std::size_t job : effects.jobs_with_details) open_job(job);
        for (const auto& [job, step] : effects.steps_final) {
            Stream& s = stream(job);
            if (step < s.final.size()) s.final[step] = true;
            advance(job);
        }
        for (const std::size_t job : effects.jobs_done) close_job(job);
    }

    void open_job(std::size_t job) {
        const JobReport& report = plan_.report().jobs[job];
        Stream& s = stream(job);
        s.analyzer.emplace();
        if (report.details) s.analyzer->set_job_details(*report.details);
        s.final.assign(report.steps.size(), false);
        advance(job);
    }

    // Ends the steps that are final, in order, and opens the next one for its bytes.
    void advance(std::size_t job) {
        Stream& s = stream(job);
        if (!s.analyzer) return;
        const auto& steps = plan_.report().jobs[job].steps;
        while (s.cursor < steps.size() && s.final[s.cursor]) {
            if (!s.begun) begin(job);
            s.analyzer->end_step();
            s.begun = false;
            s.file.reset();
            ++s.cursor;
        }
        if (s.cursor >= steps.size()) return;
        if (!s.begun) begin(job);
        if (const auto t = step_transfer_.find({job, s.cursor}); t != step_transfer_.end()) client_.resume(t->second);
    }

    void begin(std::size_t job) {
        Stream& s = stream(job);
        const StepReport& step = plan_.report().jobs[job].steps[s.cursor];
        log::StepInfo info;
        info.name = step.name;
        info.step = step.step;
        info.container = step.container;
        info.failed = true;
        info.exit_code = step.exit_code;
        info.truncated = step.truncated_by_circleci;
        s.analyzer->begin_step(std::move(info));
        s.begun = true;
    }

    void close_job(std::size_t job) {
        Stream& s = stream(job);
        if (!s.analyzer) return;
        advance(job);
        const JobReport& report = plan_.report().jobs[job];
        const bool timedout = report.details && report.details->timedout;
        const bool infrastructure = report.details && report.details->infrastructure_fail;
        s.analysis = with_test_results(s.analyzer->finish(), report.tests, timedout, infrastructure);
        s.analyzer.reset();
    }

    void show_progress(bool last) {
        if (!progress_) return;
        const EpochMs now = wall_clock_ms();
        if (last) {
            if (progress_shown_) std::cerr << "\r\033[K" << std::flush;
            return;
        }
        if (now - progress_at_ < progress_interval_ms) return;
        progress_at_ = now;
        const auto p = plan_.progress();
        constexpr std::size_t width = 24;
        const std::size_t filled = p.requests_known ? width * p.requests_done / p.requests_known : 0;
        std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << p.requests_done
                  << "/" << p.requests_known << " requests, " << human_bytes(p.bytes) << "\033[K" << std::flush;
        progress_shown_ = true;
    }
};

const char* source_label(FindingSource source) {
    switch (source) {
        case FindingSource::test_results: return "CircleCI test results";
        case FindingSource::job_details: return "CircleCI job details";
        case FindingSource::log: return "log";
    }
    return "log";
}

void print_finding(const log::Finding& f, const char* label) {
    std::cout << "  " << label << " [" << source_label(source_of(f)) << "]";
    if (f.step) std::cout << " in \"" << *f.step << "\"";
    if (!f.containers.empty()) {
        std::cout << (f.containers.size() == 1 ? ", container " : ", containers ");
        for (std::size_t i = 0; i < f.containers.size(); ++i) std::cout << (i ? "," : "") << f.containers[i];
    } else if (f.container) {
        std::cout << ", container " << *f.container;
    }
    if (f.line_no) std::cout << ", line " << f.line_no;
    std::cout << ":\n    " << f.text << "\n";
    if (f.file) {
        std::cout << "    at " << *f.file;
        if (f.line) std::cout << ":" << *f.line;
        std::cout << "\n";
    }
    for (const auto& c : f.context) std::cout << "      " << c.line_no << " | " << c.text << "\n";
}

void print_text(const RetrievalReport& report, const std::vector<std::optional<log::Analysis>>& analyses) {
    for (std::size_t j = 0; j < report.jobs.size(); ++j) {
        const JobReport& job = report.jobs[j];
        std::cout << "Job " << job.number << " " << job.name << " (" << job.project.text();
        if (!job.workflow.empty()) std::cout << ", workflow " << job.workflow;
        std::cout << "): " << (job.status.empty() ? "unknown" : job.status) << "\n";
        if (!job.web_url.empty()) std::cout << "  " << job.web_url << "\n";
        if (job.error)
            std::cout << "  Could not read the job (" << id(job.error->reason) << "): " << job.error->message
                      << "\n  Remedy: " << job.error->remedy << "\n";
        for (const auto& step : job.steps) {
            std::cout << "  Step \"" << step.name << "\" container " << step.container;
            if (step.exit_code) std::cout << ", exit " << *step.exit_code;
            std::cout << ": " << (step.completeness ? to_text(*step.completeness) : "pending") << ", "
                      << human_bytes(step.bytes);
            if (step.retries) std::cout << ", " << step.retries << " retr" << (step.retries == 1 ? "y" : "ies");
            std::cout << "\n";
        }
        std::size_t failed_tests = 0;
        for (const auto& test : job.tests) failed_tests += test_failed(test) ? 1 : 0;
        if (!job.tests.empty())
            std::cout << "  Tests: " << failed_tests << " of " << job.tests.size() << " failed (CircleCI test results)\n";
        if (job.tests_error) std::cout << "  Tests could not be read (" << id(job.tests_error->reason) << ")\n";
        if (j >= analyses.size() || !analyses[j]) continue;
        const log::Analysis& a = *analyses[j];
        std::cout << "  Category: " << id(a.category) << " (confidence " << static_cast<int>(a.confidence * 100 + 0.5)
                  << "%)\n";
        if (a.findings.empty()) {
            std::cout << "  No culprit found in the output.\n";
            continue;
        }
        print_finding(a.findings.front(), "Culprit");
        for (std::size_t i = 1; i < a.findings.size() && i < 4; ++i) {
            const auto& f = a.findings[i];
            std::cout << "  Also [" << source_label(source_of(f)) << "]: " << f.text << "\n";
        }
    }
    for (const auto& error : report.errors)
        std::cout << "URL " << error.target + 1 << ": could not read the " << id(error.kind) << " ("
                  << id(error.diagnosis.reason) << "): " << error.diagnosis.message
                  << (error.diagnosis.server_message ? " CircleCI said: " + *error.diagnosis.server_message : "")
                  << "\n  Remedy: " << error.diagnosis.remedy << "\n";
    for (const auto& notice : report.notices)
        std::cout << "URL " << notice.target + 1 << ": " << info(notice.code).message
                  << (notice.detail.empty() ? "" : " (" + notice.detail + ")") << " [" << id(notice.code) << "]\n";
    const RetrievalSummary summary = summarize(report);
    std::cout << report.jobs.size() << " job(s), " << report.requests << " request(s), " << report.retries
              << " retr" << (report.retries == 1 ? "y" : "ies") << "; "
              << (summary.complete ? "complete" : "incomplete") << " (" << id(summary.reason) << ")\n";
}

void write_manifest(const std::string& dir, const RetrievalReport& report) {
    std::ofstream out(std::filesystem::path(dir) / "manifest.json", std::ios::binary | std::ios::trunc);
    out << manifest_json(report).dump(2) << "\n";
}

}  // namespace

int run_logs(const Args& args) {
    const auto options = parse_options(args);
    if (!options) return 2;
    if (options->out_dir) {
        std::error_code error;
        std::filesystem::create_directories(*options->out_dir, error);
        if (error || !std::filesystem::is_directory(*options->out_dir)) {
            std::cerr << "cci logs: cannot create the --out directory\n";
            return 2;
        }
    }
    const auto token = read_token();
    if (!token) {
        std::cerr << "cci logs: standard input is larger than 1 MiB; pass only the token\n";
        return 2;
    }
    const TokenCheck check = check_token(*token);
    if (const auto blocked = token_gate(check)) {
        // The token cannot work: no request is made.
        if (options->json) {
            std::cout << json{{"reason", id(*blocked)}, {"complete", false}, {"jobs", json::array()},
                              {"errors", json::array()}, {"notices", json::array()}, {"requests", 0},
                              {"retries", 0}, {"diagnosis", to_json(diagnosis_for(*blocked))}}
                             .dump()
                      << "\n";
        } else {
            std::cout << "Not fetched (" << id(*blocked) << "): " << check.message << "\nRemedy: " << check.remedy
                      << "\n";
        }
        return 1;
    }
    HttpClientConfig config;
    config.api_origin = *options->host;
    config.token = check.sanitized;
    config.cacert = options->cacert;
    HttpClient client(config);
    RetrievalOptions retrieval;
    retrieval.api_origin = *options->host;
    retrieval.jitter_seed = static_cast<std::uint64_t>(wall_clock_ms()) ^ static_cast<std::uint64_t>(getpid());
    Retrieval plan(options->targets, retrieval);
    LogsRun run(*options, client, plan);
    run.run();
    const auto analyses = run.analyses();
    const RetrievalReport& report = plan.report();
    if (options->out_dir) write_manifest(*options->out_dir, report);
    if (options->json) {
        std::cout << to_json(report, analyses).dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    } else {
        print_text(report, analyses);
    }
    const RetrievalSummary summary = summarize(report);
    return summary.reason == Reason::ok && summary.complete ? 0 : 1;
}

}  // namespace cci::native
