// `cci`: the command-line host of the circleci-connect core.
#include <curl/curl.h>

#include <iostream>
#include <string>

#include "args.hpp"
#include "commands.hpp"

namespace {

constexpr const char* usage = R"(usage: cci <command> [options]

commands:
  token check [--json]   classify a token read from stdin (never from argv)

options:
  --version              print the version of cci and of libcurl
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
        std::cout << "cci " << CCI_VERSION << " (libcurl " << curl_version_info(CURLVERSION_NOW)->version << ")\n";
        return 0;
    }
    if (command == "token" && args.size() >= 2 && args[1] == "check")
        return cci::native::run_token_check(cci::native::Args(args.begin() + 2, args.end()));
    std::cerr << "cci: unknown command " << cci::native::shown(command) << "\n" << usage;
    return 2;
}
