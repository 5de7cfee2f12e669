// The libcurl HTTP client: performs GET requests and hands back core `Outcome` values. It moves
// bytes and decides nothing, except the one rule that keeps the token safe: the token is sent
// only on requests marked authenticated, and only to the configured CircleCI origin, on
// every redirect hop too (libcurl's own redirect following would forward custom headers).
// Proxies come from the environment as libcurl reads them (`https_proxy`/`HTTPS_PROXY`,
// `http_proxy`, `ALL_PROXY`, `NO_PROXY`); custom headers never go to a proxy's CONNECT.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cci/headers.hpp"
#include "cci/outcome.hpp"

namespace cci::native {

struct HttpClientConfig {
    std::string api_origin;  ///< e.g. `https://circleci.com`: the only origin that receives the token
    std::string token;       ///< sent as `Circle-Token`; never logged, never in a URL
    std::string cacert;      ///< a CA bundle file (CircleCI Server with a private CA); empty: system CAs
    long connect_timeout_ms = 10'000;
    long total_timeout_ms = 60'000;       ///< for buffered requests; streamed ones use a stall limit
    long stall_timeout_s = 60;            ///< a streamed transfer slower than 1 byte/s this long fails
    int max_redirects = 5;
    std::size_t max_buffered_body = 32u << 20;  ///< larger buffered bodies are cut (see Outcome.body)
};

/// What a body sink wants after being offered a piece.
enum class SinkAction {
    take,   ///< the piece was consumed
    pause,  ///< the piece was NOT consumed: hold the transfer until `resume`, then offer it again
    abort,  ///< stop the transfer; it finishes with Transport::aborted
};

/// One GET. With `on_body`, a 2xx body is streamed to it in pieces and not kept in the
/// outcome (other bodies — errors, redirects — are always buffered).
struct Fetch {
    std::string url;  ///< absolute http(s)
    bool authenticated = true;  ///< false for presigned storage URLs: never any token
    Endpoint endpoint = Endpoint::other;
    Headers headers{};  ///< extra request headers; `Accept: application/json` unless given; credential headers are dropped
    std::function<SinkAction(std::string_view)> on_body{};
};

using TransferId = std::uint64_t;

struct Finished {
    TransferId id = 0;
    Outcome outcome;
};

class HttpClient {
public:
    explicit HttpClient(HttpClientConfig config);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /// Performs `fetch` (following redirects under the token rule) and returns its outcome.
    [[nodiscard]] Outcome get(const Fetch& fetch);

    /// Performs all fetches concurrently (libcurl multi), at most `max_parallel` at a time;
    /// outcomes in the order of `fetches`.
    [[nodiscard]] std::vector<Outcome> get_all(const std::vector<Fetch>& fetches, std::size_t max_parallel);

    /// Starts `fetch` now, concurrently with the others in flight.
    TransferId start(Fetch fetch);
    /// Moves every transfer along for at most `timeout_ms` and returns those that finished
    /// (possibly none). Sinks are called from here, and from `resume`.
    [[nodiscard]] std::vector<Finished> wait(long timeout_ms);
    /// Lets a transfer whose sink paused it continue; the held piece is offered again.
    void resume(TransferId id);
    /// Stops a transfer; it finishes (in the next `wait`) with Transport::aborted.
    void cancel(TransferId id);
    /// Transfers started and not yet returned by `wait`.
    [[nodiscard]] std::size_t in_flight() const noexcept;

    /// The User-Agent sent with every request.
    [[nodiscard]] static std::string user_agent();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// `scheme://host[:port]` of a URL, lower case, default ports dropped; empty when not absolute.
[[nodiscard]] std::string origin_of(std::string_view url);

}  // namespace cci::native
