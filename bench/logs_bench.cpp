// The baseline for bench/logs-bench.sh: the same plan `cci logs` runs (core `Retrieval`), its
// requests made strictly one by one with a blocking GET each, step outputs fed to the job's
// analyser as they arrive. Prints the wall time in ms and the request count.
//
//   CIRCLECI_TOKEN=… logs_bench --host URL SLUG JOB_NUMBER
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <thread>

#include "cci/log/analyzer.hpp"
#include "cci/retrieval.hpp"
#include "http_client.hpp"

namespace {

cci::EpochMs now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

int main(int argc, char** argv) {
    const char* token = std::getenv("CIRCLECI_TOKEN");
    if (argc != 5 || std::string(argv[1]) != "--host" || !token) {
        std::cerr << "usage: CIRCLECI_TOKEN=… logs_bench --host URL SLUG JOB_NUMBER\n";
        return 2;
    }
    const std::string host = argv[2];
    auto parsed = cci::parse_circleci_url(std::string(argv[3]) + " " + argv[4]);
    if (!std::holds_alternative<cci::CiTarget>(parsed)) {
        std::cerr << "logs_bench: not a job\n";
        return 2;
    }
    cci::native::HttpClientConfig config;
    config.api_origin = host;
    config.token = token;
    cci::native::HttpClient client(config);
    cci::RetrievalOptions options;
    options.api_origin = host;
    cci::Retrieval plan({std::get<cci::CiTarget>(parsed)}, options);

    std::map<std::size_t, cci::log::Analyzer> analyzers;
    std::map<std::size_t, std::optional<std::size_t>> open_step;
    const auto begin = std::chrono::steady_clock::now();
    while (!plan.done()) {
        for (const auto& fetch : plan.take_fetches()) {
            const auto wait = fetch.not_before - now_ms();
            if (wait > 0) std::this_thread::sleep_for(std::chrono::milliseconds(wait));
            cci::native::Fetch request{fetch.url, fetch.authenticated, cci::info(fetch.kind).endpoint, fetch.headers};
            std::uint64_t skip = fetch.skip_bytes;
            std::uint64_t delivered = 0;
            if (fetch.kind == cci::FetchKind::step_output) {
                auto& analyzer = analyzers.at(*fetch.job);
                auto& open = open_step[*fetch.job];
                if (open != fetch.step) {
                    const auto& step = plan.report().jobs[*fetch.job].steps[*fetch.step];
                    analyzer.begin_step({step.name, step.step, step.container, true, step.exit_code, false});
                    open = fetch.step;
                }
                request.on_body = [&](std::string_view piece) {
                    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(skip, piece.size()));
                    skip -= n;
                    piece.remove_prefix(n);
                    analyzer.feed(piece);
                    delivered += piece.size();
                    return cci::native::SinkAction::take;
                };
            }
            const auto outcome = client.get(request);
            const auto effects = plan.deliver(fetch.id, outcome, now_ms(), delivered);
            for (const auto job : effects.jobs_with_details) {
                auto& analyzer = analyzers[job];
                if (plan.report().jobs[job].details) analyzer.set_job_details(*plan.report().jobs[job].details);
            }
        }
    }
    std::size_t findings = 0;
    for (auto& [job, analyzer] : analyzers) findings += analyzer.finish().findings.size();
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - begin);
    std::cout << "one_by_one_ms " << elapsed.count() << " requests " << plan.report().requests << " findings "
              << findings << "\n";
    return 0;
}
