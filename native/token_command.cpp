// `cci token check [--json]`: the token's shape verdict. The token comes from stdin only and
// is never printed; exit 0 for ok/warn, 1 for block, 2 for usage errors.
#include <cstdio>
#include <iostream>

#include "cci/token.hpp"
#include "args.hpp"
#include "commands.hpp"
#include "input.hpp"

namespace cci::native {
namespace {

constexpr std::size_t max_token_input = 1 << 20;

void print_text(const TokenCheck& check) {
    std::cout << "kind:    " << id(check.kind);
    if (check.vendor) std::cout << " (" << id(*check.vendor) << ")";
    std::cout << "\nverdict: " << id(check.verdict) << "\ncode:    " << id(check.code) << "\n";
    if (!check.masked.empty()) std::cout << "token:   " << check.masked << "\n";
    std::cout << check.message << "\n" << check.remedy << "\n";
}

}  // namespace

int run_token_check(const Args& args) {
    bool json = false;
    for (const auto& arg : args) {
        if (arg == "--json") {
            json = true;
        } else if (arg.rfind("--", 0) == 0) {
            std::cerr << "cci token check: unknown option " << shown(arg) << "\n";
            return 2;
        } else {
            std::cerr << "cci token check: the token is read from standard input, never from the command line "
                         "(argument not shown)\n";
            return 2;
        }
    }
    const auto input = read_secret("CircleCI token (input hidden): ", max_token_input);
    if (!input) {
        std::cerr << "cci token check: input is larger than 1 MiB; paste only the token\n";
        return 2;
    }
    const TokenCheck check = check_token(*input);
    if (json) {
        std::cout << to_json(check).dump() << "\n";
    } else {
        print_text(check);
    }
    return check.verdict == TokenVerdict::block ? 1 : 0;
}

}  // namespace cci::native
