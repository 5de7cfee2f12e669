// `cci classify [--json]`: an outcome object on stdin → the diagnosis. Exit 0 when the input
// was read (whatever the reason), 2 when it was not a JSON object or on usage errors.
#include <iostream>

#include "args.hpp"
#include "cci/classify.hpp"
#include "commands.hpp"
#include "input.hpp"

namespace cci::native {
namespace {

constexpr std::size_t max_outcome_input = 64u << 20;

void print_text(const Diagnosis& diagnosis) {
    std::cout << "reason:    " << id(diagnosis.reason) << (diagnosis.retryable ? " (retryable" : " (not retryable");
    if (diagnosis.retry_after_s) std::cout << ", retry after " << *diagnosis.retry_after_s << " s";
    std::cout << ")\n" << diagnosis.message << "\n";
    if (diagnosis.server_message) std::cout << "CircleCI said: " << *diagnosis.server_message << "\n";
    if (diagnosis.identity) std::cout << "identity:  " << diagnosis.identity->name << " (" << diagnosis.identity->login << ")\n";
    std::cout << "remedy:    " << diagnosis.remedy << "\n";
}

}  // namespace

int run_classify(const Args& args) {
    bool json = false;
    for (const auto& arg : args) {
        if (arg != "--json") {
            std::cerr << "cci classify: unknown argument " << shown(arg) << " (the outcome is read from stdin)\n";
            return 2;
        }
        json = true;
    }
    const auto input = read_stdin(max_outcome_input);
    if (!input) {
        std::cerr << "cci classify: input is larger than 64 MiB\n";
        return 2;
    }
    const auto parsed = nlohmann::json::parse(*input, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        std::cerr << "cci classify: standard input is not a JSON object (see README, \"cci classify\")\n";
        return 2;
    }
    const Diagnosis diagnosis = classify(outcome_from_json(parsed));
    if (json) {
        std::cout << to_json(diagnosis).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
        print_text(diagnosis);
    }
    return 0;
}

}  // namespace cci::native
