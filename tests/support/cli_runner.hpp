// Test-only: runs the built `cci` with arguments and stdin, capturing stdout, stderr and the
// exit code. Arguments are passed as an argv vector (no shell), stdin through a temp file.
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace cci::testing {

struct CliResult {
    int exit_code = -1;
    std::string out;
    std::string err;
    long peak_rss_kib = 0;  ///< the child's maximum resident set size
};

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline CliResult run_cci(const std::vector<std::string>& args, const std::string& input,
                         const std::vector<std::string>& env = {}) {
    char dir_template[] = "/tmp/cci-cli-test.XXXXXX";
    const std::string dir = mkdtemp(dir_template);
    const std::string in_path = dir + "/stdin", out_path = dir + "/stdout", err_path = dir + "/stderr";
    std::ofstream(in_path, std::ios::binary) << input;
    const pid_t pid = fork();
    if (pid == 0) {
        std::freopen(in_path.c_str(), "rb", stdin);
        std::freopen(out_path.c_str(), "wb", stdout);
        std::freopen(err_path.c_str(), "wb", stderr);
        std::vector<char*> argv{const_cast<char*>(CCI_EXE)};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
        execv(CCI_EXE, argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    CliResult result{WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), slurp(out_path), slurp(err_path),
                     usage.ru_maxrss};
    std::remove(in_path.c_str());
    std::remove(out_path.c_str());
    std::remove(err_path.c_str());
    rmdir(dir.c_str());
    return result;
}

}  // namespace cci::testing
