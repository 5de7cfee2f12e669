// `cci analyze [FILE|-] [--json] [--rules MATCHER.json] [--format ID]`: step-output JSON,
// job-details JSON or raw text (auto-detected) → the failure analysis. The file is streamed
// through the analyser in chunks, never read whole. Exit 0 when analysed, 2 on usage or
// read errors.
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "args.hpp"
#include "cci/log/analyzer.hpp"
#include "cci/log/category.hpp"
#include "cci/log/error_code.hpp"
#include "cci/log/severity.hpp"
#include "commands.hpp"
#include "input.hpp"

namespace cci::native {
namespace {

constexpr std::size_t chunk_size = 1u << 20;
constexpr std::size_t max_rules_file = 1u << 20;

struct Options {
    std::string input = "-";
    bool json = false;
    std::string rules_file;
    std::optional<log::InputFormat> format;
};

std::optional<Options> parse_options(const Args& args) {
    Options options;
    bool have_input = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--json") {
            options.json = true;
        } else if ((arg == "--rules" || arg == "--format") && i + 1 < args.size()) {
            if (arg == "--rules") {
                options.rules_file = args[++i];
            } else if (!(options.format = log::parse_input_format(args[++i]))) {
                std::cerr << "cci analyze: unknown --format (step_output, job_details, raw_text, auto)\n";
                return std::nullopt;
            }
        } else if (arg.size() > 1 && arg[0] == '-') {
            std::cerr << "cci analyze: unknown option " << shown(arg) << "\n";
            return std::nullopt;
        } else if (!have_input) {
            options.input = arg;
            have_input = true;
        } else {
            std::cerr << "cci analyze: more than one input file\n";
            return std::nullopt;
        }
    }
    return options;
}

std::optional<std::string> read_small_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.size() > max_rules_file) return std::nullopt;
    return text;
}

// The culprit with its context, then the other findings.
void print_findings(const std::vector<log::Finding>& findings) {
    const auto& culprit = findings.front();
    std::cout << "\nculprit" << (culprit.step ? " in \"" + *culprit.step + "\"" : std::string{});
    if (culprit.line_no > 0) std::cout << " at line " << culprit.line_no;
    std::cout << " [" << culprit.rule << "]:\n";
    for (const auto& line : culprit.context)
        if (line.line_no < culprit.line_no) std::cout << "  " << line.text << "\n";
    std::cout << "> " << culprit.text << "\n";
    for (const auto& line : culprit.context)
        if (line.line_no > culprit.line_no) std::cout << "  " << line.text << "\n";
    if (findings.size() > 1) std::cout << "\nother findings:\n";
    for (std::size_t i = 1; i < findings.size(); ++i) {
        const auto& finding = findings[i];
        std::cout << "  " << log::id(finding.severity) << " [" << finding.rule << "] line " << finding.line_no;
        if (finding.count > 1) std::cout << " (x" << finding.count << ")";
        std::cout << ": " << finding.text << "\n";
    }
}

// What was read and what could not be: printed whether or not a failure was found.
void print_completeness(const log::Analysis& analysis) {
    const auto& stats = analysis.stats;
    std::cout << "\nread " << stats.bytes << " bytes, " << stats.lines << (stats.lines == 1 ? " line" : " lines");
    if (stats.capped_lines) std::cout << ", " << stats.capped_lines << " over-long lines capped";
    if (stats.truncated) std::cout << ", output truncated";
    std::cout << "\n";
    for (const auto& error : analysis.errors) {
        std::cout << "warning: " << log::info(error.code).message;
        if (!error.detail.empty()) std::cout << " (" << error.detail << ")";
        std::cout << " [" << log::id(error.code) << "]\n";
    }
}

void print_text(const log::Analysis& analysis) {
    for (const auto& step : analysis.failed_steps) {
        std::cout << "failed step: " << step.name;
        if (step.exit_code) std::cout << " (exit " << *step.exit_code << ")";
        if (!step.containers.empty()) {
            std::cout << " on container" << (step.containers.size() > 1 ? "s" : "");
            for (const auto c : step.containers) std::cout << " " << c;
        }
        std::cout << "\n";
    }
    std::cout << "category:    " << log::id(analysis.category) << " (confidence " << analysis.confidence << ")\n";
    if (analysis.findings.empty()) {
        std::cout << "no failure found\n";
    } else {
        print_findings(analysis.findings);
    }
    print_completeness(analysis);
}

}  // namespace

int run_analyze(const Args& args) {
    const auto options = parse_options(args);
    if (!options) return 2;
    log::AnalyzerOptions analyzer_options;
    if (options->format) analyzer_options.format = *options->format;
    if (!options->rules_file.empty()) {
        const auto rules = read_small_file(options->rules_file);
        if (!rules) {
            std::cerr << "cci analyze: cannot read --rules file (missing, or over 1 MiB)\n";
            return 2;
        }
        analyzer_options.problem_matchers = *rules;
    }
    log::Analyzer analyzer(analyzer_options);
    const StreamResult read =
        stream_file(options->input, chunk_size, [&](std::string_view chunk) { analyzer.feed(chunk); });
    if (read == StreamResult::cannot_open) {
        std::cerr << "cci analyze: cannot open the input file\n";
        return 2;
    }
    if (read == StreamResult::read_error) {
        std::cerr << "cci analyze: read error\n";
        return 2;
    }
    const log::Analysis analysis = analyzer.finish();
    if (options->json) {
        std::cout << log::to_json(analysis).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
        print_text(analysis);
    }
    return 0;
}

}  // namespace cci::native
