// The `cci` sub-commands. Each takes the arguments after its name and returns the exit
// code: 0 success, 1 a diagnosed failure, 2 a usage error.
#pragma once

#include <string>
#include <vector>

namespace cci::native {

using Args = std::vector<std::string>;

int run_token_check(const Args& args);
int run_classify(const Args& args);
int run_connect(const Args& args);
int run_logs(const Args& args);
int run_analyze(const Args& args);

}  // namespace cci::native
