// The libcurl HTTP client: performs GET requests and hands back core `Outcome` values. It moves
// bytes and decides nothing, except the one rule that keeps the token safe: the token is sent
// only on requests marked authenticated, and only to the configured CircleCI origin, on
// every redirect hop too (libcurl's own redirect following would forward custom headers).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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

/// One GET. With `on_body`, the body is streamed to it in pieces and not kept in the outcome.
struct Fetch {
    std::string url;  ///< absolute
    bool authenticated = true;  ///< false for presigned storage URLs: never any token
    Endpoint endpoint = Endpoint::other;
    std::function<void(std::string_view)> on_body;
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

    /// The User-Agent sent with every request.
    [[nodiscard]] static std::string user_agent();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// `scheme://host[:port]` of a URL, lower case, default ports dropped; empty when not absolute.
[[nodiscard]] std::string origin_of(std::string_view url);

}  // namespace cci::native
