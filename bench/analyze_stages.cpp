// Where `cci analyze` spends its time on a step-output file, one stage at a time: the JSON
// reader alone, reader + normaliser, the rule engine over the normalised lines, and the whole
// analyser. The file is read into memory first, so no figure includes I/O; each stage is fed
// 1 MiB chunks, as `cci analyze` feeds it. Prints MB/s of the file's bytes (best of RUNS).
// Usage: analyze_stages FILE [RUNS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "cci/log/analyzer.hpp"
#include "cci/log/normalize.hpp"
#include "cci/log/rule_engine.hpp"
#include "cci/log/step_output.hpp"

namespace {

constexpr std::size_t chunk = 1u << 20;

struct Lines : cci::log::LineSink {
    std::size_t count = 0;
    std::function<void(const cci::log::LineBlock&)> each;
    void on_lines(const cci::log::LineBlock& block) override {
        count += block.lines.size();
        if (each) each(block);
    }
};

struct Messages : cci::log::StepOutputSink {
    std::size_t bytes = 0;
    cci::log::LineNormalizer* normalizer = nullptr;
    Lines* lines = nullptr;
    void on_message(std::string_view piece) override {
        bytes += piece.size();
        if (normalizer != nullptr) normalizer->feed(piece, *lines);
    }
    void on_element_end(const cci::log::StepOutputElement& /*element*/) override {}
};

template <typename F>
double best_seconds(int runs, F&& run) {
    double best = 1e30;
    for (int r = 0; r < runs; ++r) {
        const auto start = std::chrono::steady_clock::now();
        run();
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        best = std::min(best, took.count());
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: analyze_stages FILE [RUNS]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    std::ifstream in(argv[1], std::ios::binary);
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (data.empty()) {
        std::fprintf(stderr, "analyze_stages: cannot read %s\n", argv[1]);
        return 2;
    }
    const auto feed_reader = [&](Messages& sink) {
        cci::log::StepOutputReader reader;
        for (std::size_t at = 0; at < data.size(); at += chunk) reader.feed(std::string_view(data).substr(at, chunk), sink);
        reader.finish(sink);
    };
    const auto report = [&](const char* stage, double seconds, std::size_t detail, const char* what) {
        std::printf("%-28s %8.1f MB/s  %6.3f s  (%zu %s)\n", stage, static_cast<double>(data.size()) / 1e6 / seconds,
                    seconds, detail, what);
    };

    Messages decoded;
    const double reader = best_seconds(runs, [&] {
        decoded = Messages{};
        feed_reader(decoded);
    });
    report("json reader", reader, decoded.bytes, "message bytes");

    std::vector<std::string> kept;  // the normalised blocks, for the rule-engine stage
    std::vector<std::vector<cci::log::LineSpan>> kept_lines;
    Lines lines;
    const double normalize = best_seconds(runs, [&] {
        cci::log::LineNormalizer normalizer;
        lines = Lines{};
        Messages sink;
        sink.normalizer = &normalizer;
        sink.lines = &lines;
        feed_reader(sink);
        normalizer.finish(lines);
    });
    report("json reader + normaliser", normalize, lines.count, "lines");

    {
        cci::log::LineNormalizer normalizer;
        Lines collect;
        collect.each = [&](const cci::log::LineBlock& block) {
            kept.emplace_back(block.text.data(), block.text.size() + cci::log::LineBlock::padding);
            kept_lines.push_back(block.lines);
        };
        Messages sink;
        sink.normalizer = &normalizer;
        sink.lines = &collect;
        feed_reader(sink);
        normalizer.finish(collect);
    }
    const auto& engine = cci::log::RuleEngine::builtin();
    std::size_t matched = 0;
    std::vector<cci::log::LiteralHits> hits;
    const double rules = best_seconds(runs, [&] {
        matched = 0;
        for (std::size_t b = 0; b < kept.size(); ++b) {
            const cci::log::LineBlock block{
                std::string_view(kept[b].data(), kept[b].size() - cci::log::LineBlock::padding), kept_lines[b]};
            engine.scan(block, hits);
            for (std::size_t i = 0; i < block.lines.size(); ++i) {
                if (engine.match(block.line(i), false, hits[i])) ++matched;
            }
        }
    });
    report("rule engine (lines only)", rules, matched, "matched lines");

    std::size_t findings = 0;
    const double whole = best_seconds(runs, [&] {
        cci::log::Analyzer analyzer;
        for (std::size_t at = 0; at < data.size(); at += chunk) analyzer.feed(std::string_view(data).substr(at, chunk));
        findings = analyzer.finish().findings.size();
    });
    report("whole analyser", whole, findings, "findings");
    return 0;
}
