// Test-only access to the fake CircleCI the CTest fixture started (tests/fake_circleci): its
// URL, its scenario tokens, its request log, and a reset before each test.
#pragma once

#include <curl/curl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cci::testing {

inline std::string fake_state_dir() {
    const char* dir = std::getenv("CCI_FAKE_STATE");
    if (!dir || !*dir) throw std::runtime_error("CCI_FAKE_STATE is not set: run these tests through ctest");
    return dir;
}

/// Environment for a `cci` run against the fake: loopback never goes through a proxy.
inline const std::vector<std::string>& loopback_env() {
    static const std::vector<std::string> env{"NO_PROXY=127.0.0.1,127.0.0.2,localhost",
                                              "no_proxy=127.0.0.1,127.0.0.2,localhost"};
    return env;
}

inline std::string fake_url() {
    std::ifstream in(fake_state_dir() + "/url");
    std::string url;
    std::getline(in, url);
    if (url.empty()) throw std::runtime_error("the fake CircleCI is not running (no url file)");
    return url;
}

struct HttpReply {
    long status = 0;
    std::string body;
};

inline std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

/// A plain request with libcurl (not the client under test).
inline HttpReply http_request(const std::string& method, const std::string& url,
                              const std::vector<std::string>& headers = {}) {
    HttpReply reply;
    CURL* curl = curl_easy_init();
    curl_slist* list = nullptr;
    for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    curl_slist_free_all(list);
    curl_easy_cleanup(curl);
    return reply;
}

/// Clears the fake's request log and every scenario counter.
inline void fake_reset() {
    const auto reply = http_request("POST", fake_url() + "/__fake/reset");
    if (reply.status != 204) throw std::runtime_error("could not reset the fake CircleCI");
}

/// The fake's request log (see tests/fake_circleci/README.md, "Request log").
inline nlohmann::json fake_requests() {
    return nlohmann::json::parse(http_request("GET", fake_url() + "/__fake/requests").body);
}

inline nlohmann::json fake_info() { return nlohmann::json::parse(http_request("GET", fake_url() + "/__fake/info").body); }

/// Output of a command (run by the shell), or throws.
inline std::string command_output(const std::string& command) {
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + command);
    std::string out;
    char buffer[4096];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, got);
    if (pclose(pipe) != 0) throw std::runtime_error("command failed: " + command);
    return out;
}

/// The scenario tokens, as tests/fake_circleci/scenarios.mjs exports them.
inline const std::map<std::string, std::string>& fake_tokens() {
    static const std::map<std::string, std::string> tokens = [] {
        const std::string script = "import('" + std::string(CCI_FAKE_DIR) +
                                   "/scenarios.mjs').then((m) => console.log(JSON.stringify(m.TOKENS)))";
        const auto parsed = nlohmann::json::parse(command_output(std::string(CCI_NODE) + " -e \"" + script + "\""));
        return parsed.get<std::map<std::string, std::string>>();
    }();
    return tokens;
}

inline std::string fake_token(const std::string& scenario) {
    const auto it = fake_tokens().find(scenario);
    if (it == fake_tokens().end()) throw std::runtime_error("no fake scenario " + scenario);
    return it->second;
}

/// A process started with argv (no shell) whose stdout is readable line by line; killed
/// when it goes out of scope.
class Child {
public:
    explicit Child(const std::vector<std::string>& argv) {
        int fds[2];
        if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
        pid_ = fork();
        if (pid_ == 0) {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            close(fds[1]);
            std::vector<char*> args;
            for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
            args.push_back(nullptr);
            execv(args[0], args.data());
            _exit(127);
        }
        close(fds[1]);
        out_ = fdopen(fds[0], "r");
    }
    ~Child() {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            waitpid(pid_, nullptr, 0);
        }
        if (out_) std::fclose(out_);
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    std::string read_line() {
        std::string line;
        int c = 0;
        while ((c = std::fgetc(out_)) != EOF && c != '\n') line.push_back(static_cast<char>(c));
        return line;
    }

private:
    pid_t pid_ = -1;
    FILE* out_ = nullptr;
};

}  // namespace cci::testing
