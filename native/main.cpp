// `cci`: the command-line host of the circleci-connect core.
#include <iostream>
#include <string>

#include "args.hpp"
#include "commands.hpp"
#include "curl_library.hpp"

namespace {

constexpr const char* usage = R"(usage: cci <command> [options]

commands:
  token check [--json]   classify a token read from stdin (never from argv)
  classify [--json]      diagnose an HTTP/transport outcome (JSON object on stdin)
  connect [--host URL] [--project SLUG] [--cacert FILE] [--json]
                         verify a token (CIRCLECI_TOKEN or stdin) against CircleCI
  logs URL... [--host URL] [--cacert FILE] [--json] [--out DIR] [--parallel N]
                         fetch and analyse the output of every failed step
  analyze [FILE|-] [--json] [--rules MATCHER.json] [--format ID]
                         find the failing step, the culprit line and a category in a
                         step-output JSON, job-details JSON or raw-text log

options:
  --version              print the version of cci and of libcurl (loaded only by
                         connect, logs and --version)
  --help                 print this help
)";

}  // namespace

int main(int argc, char** argv) {
    const cci::native::Args args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << usage;
        return 2;
    }
    const std::string& command = args[0];
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << usage;
        return 0;
    }
    if (command == "--version") {
        const cci::native::CurlLibrary* curl = cci::native::curl_library();
        std::cout << "cci " << CCI_VERSION << " (libcurl "
                  << (curl != nullptr ? curl->version_info(CURLVERSION_NOW)->version : "not loaded") << ")\n";
        return 0;
    }
    const cci::native::Args rest(args.begin() + 1, args.end());
    if (command == "token" && !rest.empty() && rest[0] == "check")
        return cci::native::run_token_check(cci::native::Args(rest.begin() + 1, rest.end()));
    if (command == "classify") return cci::native::run_classify(rest);
    if ((command == "connect" || command == "logs") && cci::native::curl_library() == nullptr) {
        std::cerr << "cci: " << command << " needs libcurl, which could not be loaded: "
                  << cci::native::curl_library_error() << "\n";
        return 2;
    }
    if (command == "connect") return cci::native::run_connect(rest);
    if (command == "logs") return cci::native::run_logs(rest);
    if (command == "analyze") return cci::native::run_analyze(rest);
    std::cerr << "cci: unknown command " << cci::native::shown(command) << "\n" << usage;
    return 2;
}
