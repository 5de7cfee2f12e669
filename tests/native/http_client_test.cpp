// The libcurl client on its own: the token rule on every hop, headers, streaming with pause
// and resume, concurrency, transport failures, proxies from the environment. Uses a scripted
// loopback server for exact control, and the fake CircleCI for its other host and faults.
#include "http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fake_circleci.hpp"

using cci::native::Fetch;
using cci::native::HttpClient;
using cci::native::HttpClientConfig;
using cci::native::SinkAction;

namespace {

const std::string token = "CCIPAT_PdkdRWYYaU9CHpTdrNnBid_3910eb1484318e1b695f266adf4c35cfc76322da";

struct Reply {
    std::string bytes;  // the whole raw response
    int delay_ms = 0;
    bool hang = false;  // never answer
};

std::string http(int status, const std::string& body, const std::string& extra_headers = "") {
    return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n" + extra_headers + "\r\n" + body;
}

// A scripted HTTP/1.1 server on 127.0.0.1: one thread per connection, one request each.
class LoopbackServer {
public:
    using Handler = std::function<Reply(const std::string& head)>;

    explicit LoopbackServer(Handler handler) : handler_(std::move(handler)) {
        listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const int yes = 1;
        setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        REQUIRE(bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        REQUIRE(listen(listen_fd_, 64) == 0);
        socklen_t len = sizeof addr;
        getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }
    ~LoopbackServer() {
        stop_ = true;
        acceptor_.join();
        for (auto& t : workers_) t.join();
        close(listen_fd_);
    }

    [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] std::vector<std::string> heads() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return heads_;
    }

private:
    void accept_loop() {
        while (!stop_) {
            pollfd p{listen_fd_, POLLIN, 0};
            if (poll(&p, 1, 50) <= 0) continue;
            const int fd = accept(listen_fd_, nullptr, nullptr);
            if (fd < 0) continue;
            workers_.emplace_back([this, fd] { serve(fd); });
        }
    }

    void serve(int fd) {
        std::string head;
        char buffer[4096];
        while (head.find("\r\n\r\n") == std::string::npos && !stop_) {
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, 50) <= 0) continue;
            const ssize_t got = read(fd, buffer, sizeof buffer);
            if (got <= 0) break;
            head.append(buffer, static_cast<std::size_t>(got));
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            heads_.push_back(head);
        }
        const Reply reply = handler_(head);
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(reply.delay_ms);
        while ((reply.hang || std::chrono::steady_clock::now() < until) && !stop_)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        std::size_t sent = 0;
        while (sent < reply.bytes.size() && !stop_) {
            const ssize_t n = write(fd, reply.bytes.data() + sent, reply.bytes.size() - sent);
            if (n <= 0) break;
            sent += static_cast<std::size_t>(n);
        }
        close(fd);
    }

    Handler handler_;
    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::thread acceptor_;
    std::vector<std::thread> workers_;
    mutable std::mutex mutex_;
    std::vector<std::string> heads_;
};

std::string request_line(const std::string& head) { return head.substr(0, head.find("\r\n")); }

bool has_header(const std::string& head, const std::string& line) {
    return head.find("\r\n" + line + "\r\n") != std::string::npos;
}

HttpClientConfig config_for(const std::string& origin) {
    HttpClientConfig config;
    config.api_origin = origin;
    config.token = token;
    return config;
}

// Sets an environment variable for one scope.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (old_) {
            setenv(name_, old_->c_str(), 1);
        } else {
            unsetenv(name_);
        }
    }

private:
    const char* name_;
    std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("origin_of: scheme and host in lower case, default ports dropped, user info ignored", "[http_client]") {
    using cci::native::origin_of;
    CHECK(origin_of("https://CircleCI.com/api/v2/me") == "https://circleci.com");
    CHECK(origin_of("https://circleci.com:443/x") == "https://circleci.com");
    CHECK(origin_of("http://127.0.0.1:80") == "http://127.0.0.1");
    CHECK(origin_of("http://127.0.0.1:8080?x") == "http://127.0.0.1:8080");
    CHECK(origin_of("https://circleci.com@evil.example/x") == "https://evil.example");
    CHECK(origin_of("https://circleci.com.evil.example/") == "https://circleci.com.evil.example");
    CHECK(origin_of("/api/v2/me").empty());
    CHECK(origin_of("https:///x").empty());
}

TEST_CASE("the token goes only to the API origin, only on authenticated fetches, only as a header", "[http_client]") {
    LoopbackServer server([](const std::string&) { return Reply{http(200, "{}")}; });
    HttpClient client(config_for(server.url()));
    Fetch api{server.url() + "/api/v2/me"};
    const auto outcome = client.get(api);
    CHECK(outcome.status == 200);
    CHECK(outcome.transport == cci::Transport::none);
    Fetch presigned{server.url() + "/_s3/object?X-Amz-Signature=abc", false};
    CHECK(client.get(presigned).status == 200);
    const auto heads = server.heads();
    REQUIRE(heads.size() == 2);
    CHECK(has_header(heads[0], "Circle-Token: " + token));
    CHECK(has_header(heads[0], "Accept: application/json"));
    CHECK(has_header(heads[0], "User-Agent: " + HttpClient::user_agent()));
    CHECK(HttpClient::user_agent().rfind("cci/" CCI_VERSION " ", 0) == 0);
    CHECK(heads[0].find("Accept-Encoding: ") != std::string::npos);
    CHECK(heads[1].find(token) == std::string::npos);
    CHECK(request_line(heads[0]).find(token) == std::string::npos);

    HttpClient other(config_for("http://127.0.0.1:1"));  // another origin configured: no token here
    CHECK(other.get(api).status == 200);
    CHECK(server.heads().back().find(token) == std::string::npos);
}

TEST_CASE("credential headers cannot be smuggled in, Accept can be chosen", "[http_client]") {
    LoopbackServer server([](const std::string&) { return Reply{http(200, "ok")}; });
    HttpClient client(config_for(server.url()));
    Fetch fetch{server.url() + "/x", false};
    fetch.headers.add("Authorization", "Bearer " + token);
    fetch.headers.add("circle-token", token);
    fetch.headers.add("Accept", "text/plain");
    fetch.headers.add("X-Split", "a\r\nCircle-Token: " + token);
    CHECK(client.get(fetch).status == 200);
    const auto head = server.heads().at(0);
    CHECK(head.find(token) == std::string::npos);
    CHECK(has_header(head, "Accept: text/plain"));
    CHECK(head.find("Accept: application/json") == std::string::npos);
}

TEST_CASE("redirects keep the token on the API origin and drop it anywhere else", "[http_client]") {
    LoopbackServer elsewhere([](const std::string&) { return Reply{http(200, "landed")}; });
    const std::string other = elsewhere.url();
    LoopbackServer server([&](const std::string& head) {
        const std::string line = request_line(head);
        if (line.find("/same") != std::string::npos) return Reply{http(302, "", "Location: /final\r\n")};
        if (line.find("/away") != std::string::npos) return Reply{http(307, "", "Location: " + other + "/landing\r\n")};
        if (line.find("/by-name") != std::string::npos) {
            // Same port, another host name: a different origin.
            return Reply{http(301, "", "Location: http://localhost:" + std::to_string(elsewhere.port()) + "/x\r\n")};
        }
        if (line.find("/loop") != std::string::npos) return Reply{http(302, "", "Location: /loop\r\n")};
        return Reply{http(200, "final")};
    });
    HttpClient client(config_for(server.url()));
    const auto same = client.get(Fetch{server.url() + "/same"});
    CHECK(same.status == 200);
    CHECK(same.body == "final");
    CHECK(has_header(server.heads().back(), "Circle-Token: " + token));

    const auto away = client.get(Fetch{server.url() + "/away"});
    CHECK(away.status == 200);
    CHECK(away.body == "landed");
    CHECK(client.get(Fetch{server.url() + "/by-name"}).status == 200);
    for (const auto& head : elsewhere.heads()) CHECK(head.find(token) == std::string::npos);
    CHECK(elsewhere.heads().size() == 2);

    const auto loop = client.get(Fetch{server.url() + "/loop"});
    CHECK(loop.status == 302);  // stops after max_redirects hops and reports the last answer
}

TEST_CASE("a cross-host redirect from the fake CircleCI does not carry the token", "[http_client][fake]") {
    cci::testing::fake_reset();
    const std::string url = cci::testing::fake_url();
    HttpClient client(config_for(url));
    const auto outcome = client.get(Fetch{url + "/api/v2/redirect-to-other-host"});
    CHECK(outcome.status == 200);
    const auto log = cci::testing::fake_requests();
    REQUIRE(log.size() == 2);
    CHECK(log[0]["host"] == "main");
    CHECK(log[0]["hadToken"] == true);
    CHECK(log[1]["host"] == "other");
    CHECK(log[1]["path"] == "/landing");
    CHECK(log[1]["hadToken"] == false);
}

TEST_CASE("gzip bodies from the fake are decoded, streamed or buffered", "[http_client][fake]") {
    cci::testing::fake_reset();
    const std::string url = cci::testing::fake_url();
    HttpClientConfig config = config_for(url);
    config.token = cci::testing::fake_token("valid");
    HttpClient client(config);
    const auto me = client.get(Fetch{url + "/api/v2/me", true, cci::Endpoint::me});
    CHECK(me.status == 200);
    CHECK(me.headers.find("Content-Encoding") == "gzip");
    CHECK(nlohmann::json::parse(me.body)["login"] == "ada-acme");
    CHECK(me.endpoint == cci::Endpoint::me);
    std::string streamed;
    Fetch collaborations{url + "/api/v2/me/collaborations"};
    collaborations.on_body = [&](std::string_view piece) {
        streamed.append(piece);
        return SinkAction::take;
    };
    const auto outcome = client.get(collaborations);
    CHECK(outcome.status == 200);
    CHECK(outcome.body.empty());
    CHECK(nlohmann::json::parse(streamed).size() == 2);
}

TEST_CASE("a paused transfer waits, keeps its bytes, and resumes where it stopped", "[http_client]") {
    const std::string big(300'000, 'a');
    LoopbackServer server([&](const std::string& head) {
        // The first answers late, so the second has surely offered (and been refused) a piece.
        if (request_line(head).find("/first") != std::string::npos) return Reply{http(200, "first"), 300};
        return Reply{http(200, big)};
    });
    HttpClient client(config_for(server.url()));
    std::string second_body;
    bool may_take = false;
    int paused = 0;
    Fetch first{server.url() + "/first", false};
    std::string first_body;
    first.on_body = [&](std::string_view piece) {
        first_body.append(piece);
        return SinkAction::take;
    };
    Fetch second{server.url() + "/second", false};
    second.on_body = [&](std::string_view piece) {
        if (!may_take) {
            ++paused;
            return SinkAction::pause;
        }
        second_body.append(piece);
        return SinkAction::take;
    };
    const auto second_id = client.start(second);
    const auto first_id = client.start(first);
    std::vector<cci::native::Finished> done;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (done.size() < 2 && std::chrono::steady_clock::now() < deadline) {
        for (auto& f : client.wait(50)) {
            if (f.id == first_id) {
                CHECK(paused > 0);
                CHECK(second_body.empty());
                may_take = true;
                client.resume(second_id);
            }
            done.push_back(std::move(f));
        }
    }
    REQUIRE(done.size() == 2);
    CHECK(done[0].id == first_id);
    CHECK(first_body == "first");
    CHECK(second_body == big);
    CHECK(client.in_flight() == 0);
}

TEST_CASE("a sink can abort, and a transfer can be cancelled", "[http_client]") {
    LoopbackServer server([](const std::string& head) {
        if (request_line(head).find("/hang") != std::string::npos) return Reply{"", 0, true};
        return Reply{http(200, std::string(100'000, 'x'))};
    });
    HttpClient client(config_for(server.url()));
    Fetch aborting{server.url() + "/big", false};
    aborting.on_body = [](std::string_view) { return SinkAction::abort; };
    CHECK(client.get(aborting).transport == cci::Transport::aborted);
    const auto id = client.start(Fetch{server.url() + "/hang"});
    CHECK(client.wait(50).empty());
    client.cancel(id);
    const auto finished = client.wait(50);
    REQUIRE(finished.size() == 1);
    CHECK(finished[0].id == id);
    CHECK(finished[0].outcome.transport == cci::Transport::aborted);
}

TEST_CASE("get_all runs fetches concurrently, bounded, with outcomes in order", "[http_client]") {
    std::atomic<int> now_serving{0};
    std::atomic<int> most{0};
    LoopbackServer server([&](const std::string& head) {
        const int n = ++now_serving;
        int seen = most.load();
        while (n > seen && !most.compare_exchange_weak(seen, n)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        --now_serving;
        const std::string line = request_line(head);
        return Reply{http(200, line.substr(line.find("/n") + 2, line.find(' ', 4) - line.find("/n") - 2))};
    });
    HttpClient client(config_for(server.url()));
    std::vector<Fetch> fetches;
    for (int i = 0; i < 8; ++i) fetches.push_back(Fetch{server.url() + "/n" + std::to_string(i)});
    const auto begin = std::chrono::steady_clock::now();
    const auto outcomes = client.get_all(fetches, 4);
    const auto elapsed = std::chrono::steady_clock::now() - begin;
    REQUIRE(outcomes.size() == 8);
    for (int i = 0; i < 8; ++i) CHECK(outcomes[static_cast<std::size_t>(i)].body == std::to_string(i));
    CHECK(most.load() <= 4);
    CHECK(most.load() >= 2);
    CHECK(elapsed < std::chrono::milliseconds(8 * 200));
}

TEST_CASE("transport failures map to the core's transport ids", "[http_client]") {
    SECTION("nothing listens: connect") {
        const std::string url = "http://127.0.0.1:1/x";
        HttpClient client(config_for(url));
        CHECK(client.get(Fetch{url}).transport == cci::Transport::connect);
    }
    SECTION("no answer in time: timeout") {
        LoopbackServer server([](const std::string&) { return Reply{"", 0, true}; });
        HttpClientConfig config = config_for(server.url());
        config.total_timeout_ms = 300;
        HttpClient client(config);
        const auto outcome = client.get(Fetch{server.url() + "/x"});
        CHECK(outcome.transport == cci::Transport::timeout);
        CHECK(outcome.status == 0);
    }
    SECTION("a body cut short: connect, with the bytes that came") {
        LoopbackServer server([](const std::string&) {
            return Reply{"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\nonly part"};
        });
        HttpClient client(config_for(server.url()));
        std::string got;
        Fetch fetch{server.url() + "/x", false};
        fetch.on_body = [&](std::string_view piece) {
            got.append(piece);
            return SinkAction::take;
        };
        const auto outcome = client.get(fetch);
        CHECK(outcome.transport == cci::Transport::connect);
        CHECK(got == "only part");
    }
    SECTION("a reset from the fake: connect") {
        cci::testing::fake_reset();
        const std::string url = cci::testing::fake_url();
        HttpClientConfig config = config_for(url);
        config.token = cci::testing::fake_token("connectionReset");
        HttpClient client(config);
        CHECK(client.get(Fetch{url + "/api/v2/me"}).transport == cci::Transport::connect);
    }
    SECTION("a 429 keeps its headers and body for the core") {
        LoopbackServer server([](const std::string&) { return Reply{http(429, "Rate limited.", "Retry-After: 2\r\n")}; });
        HttpClient client(config_for(server.url()));
        const auto outcome = client.get(Fetch{server.url() + "/x"});
        CHECK(outcome.status == 429);
        CHECK(outcome.headers.find("Retry-After") == "2");
        CHECK(outcome.body == "Rate limited.");
        CHECK(outcome.now);
    }
    SECTION("a buffered body over the limit is cut at the limit") {
        LoopbackServer server([](const std::string&) { return Reply{http(500, std::string(5'000, 'e'))}; });
        HttpClientConfig config = config_for(server.url());
        config.max_buffered_body = 1'000;
        HttpClient client(config);
        CHECK(client.get(Fetch{server.url() + "/x"}).body.size() == 1'000);
    }
}

TEST_CASE("proxies come from the environment, NO_PROXY is honoured, the token stays out of CONNECT",
          "[http_client]") {
    LoopbackServer proxy([](const std::string& head) {
        if (head.rfind("CONNECT ", 0) == 0) return Reply{"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"};
        return Reply{http(200, "via proxy")};
    });
    SECTION("http_proxy for http URLs") {
        ScopedEnv http_proxy("http_proxy", proxy.url());
        ScopedEnv no_proxy("NO_PROXY", "");
        HttpClient client(config_for("http://api.circleci.invalid"));
        const auto outcome = client.get(Fetch{"http://api.circleci.invalid/api/v2/me"});
        CHECK(outcome.body == "via proxy");
        REQUIRE(proxy.heads().size() == 1);
        CHECK(request_line(proxy.heads()[0]) == "GET http://api.circleci.invalid/api/v2/me HTTP/1.1");
    }
    SECTION("HTTPS_PROXY tunnels https without showing our headers to the proxy") {
        ScopedEnv https_proxy("HTTPS_PROXY", proxy.url());
        ScopedEnv no_proxy("NO_PROXY", "");
        HttpClient client(config_for("https://api.circleci.invalid"));
        const auto outcome = client.get(Fetch{"https://api.circleci.invalid/api/v2/me"});
        CHECK(outcome.transport != cci::Transport::none);
        REQUIRE(proxy.heads().size() == 1);
        CHECK(proxy.heads()[0].rfind("CONNECT api.circleci.invalid:443 ", 0) == 0);
        CHECK(proxy.heads()[0].find(token) == std::string::npos);
        CHECK(proxy.heads()[0].find("Accept: application/json") == std::string::npos);
    }
    SECTION("NO_PROXY bypasses the proxy") {
        LoopbackServer direct([](const std::string&) { return Reply{http(200, "direct")}; });
        ScopedEnv http_proxy("http_proxy", proxy.url());
        ScopedEnv no_proxy("NO_PROXY", "127.0.0.1");
        HttpClient client(config_for(direct.url()));
        CHECK(client.get(Fetch{direct.url() + "/x"}).body == "direct");
        CHECK(proxy.heads().empty());
    }
}
