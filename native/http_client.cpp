#include "http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <deque>
#include <memory>

namespace cci::native {
namespace {

EpochMs now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

cci::Transport transport_of(CURLcode code) {
    switch (code) {
        case CURLE_OK: return cci::Transport::none;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY: return cci::Transport::dns;
        case CURLE_COULDNT_CONNECT:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE: return cci::Transport::connect;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS: return cci::Transport::tls;
        case CURLE_OPERATION_TIMEDOUT: return cci::Transport::timeout;
        case CURLE_ABORTED_BY_CALLBACK:
        case CURLE_WRITE_ERROR: return cci::Transport::aborted;
        default: return cci::Transport::other;
    }
}

bool is_redirect(long status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

// One transfer in flight, across its redirect hops.
struct Transfer {
    const Fetch* fetch = nullptr;
    std::string url;
    int hops = 0;
    Outcome outcome;
    curl_slist* header_list = nullptr;
    CURL* easy = nullptr;
    std::size_t body_limit = 0;

    ~Transfer() {
        if (easy) curl_easy_cleanup(easy);
        curl_slist_free_all(header_list);
    }
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    std::string_view line(data, size * count);
    if (line.substr(0, 5) == "HTTP/") transfer->outcome.headers = Headers{};  // a new response (proxy CONNECT, 1xx)
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        auto value = line.substr(colon + 1);
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.remove_suffix(1);
        transfer->outcome.headers.add(line.substr(0, colon), value);
    }
    return size * count;
}

// A final 2xx body goes to the fetch's sink when it has one; anything else (error bodies,
// redirects, buffered documents) is kept in the outcome, up to the buffer limit.
std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    const std::string_view piece(data, size * count);
    long status = 0;
    curl_easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &status);
    if (transfer->fetch->on_body && status >= 200 && status < 300) {
        transfer->fetch->on_body(piece);
        return piece.size();
    }
    auto& body = transfer->outcome.body;
    const std::size_t room = transfer->body_limit > body.size() ? transfer->body_limit - body.size() : 0;
    body.append(piece.substr(0, room));
    return piece.size();
}

}  // namespace

struct HttpClient::Impl {
    HttpClientConfig config;
    std::string api_origin;
    CURLM* multi = nullptr;

    explicit Impl(HttpClientConfig c) : config(std::move(c)), api_origin(origin_of(config.api_origin)) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        multi = curl_multi_init();
    }
    ~Impl() {
        curl_multi_cleanup(multi);
        curl_global_cleanup();
    }

    void prepare(Transfer& t) {
        if (t.easy) curl_easy_cleanup(t.easy);
        curl_slist_free_all(t.header_list);
        t.header_list = nullptr;
        t.outcome.headers = Headers{};
        t.outcome.body.clear();
        t.body_limit = config.max_buffered_body;
        t.easy = curl_easy_init();
        CURL* e = t.easy;
        curl_easy_setopt(e, CURLOPT_URL, t.url.c_str());
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);  // hops are followed below, under the token rule
        curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
        if (!config.cacert.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, config.cacert.c_str());
        curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, config.connect_timeout_ms);
        if (t.fetch->on_body) {
            curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
            curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, config.stall_timeout_s);
        } else {
            curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, config.total_timeout_ms);
        }
        curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // gzip, deflate, br as built
        curl_easy_setopt(e, CURLOPT_USERAGENT, user_agent().c_str());
        curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
        curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
        t.header_list = curl_slist_append(t.header_list, "Accept: application/json");
        if (t.fetch->authenticated && origin_of(t.url) == api_origin && !config.token.empty()) {
            const std::string header = "Circle-Token: " + config.token;
            t.header_list = curl_slist_append(t.header_list, header.c_str());
        }
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.header_list);
    }

    // After a finished hop: true when another hop follows.
    bool finish_hop(Transfer& t, CURLcode code) {
        long status = 0;
        curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
        t.outcome.transport = transport_of(code);
        t.outcome.status = code == CURLE_OK ? static_cast<int>(status) : 0;
        t.outcome.now = now_ms();
        if (code != CURLE_OK || !is_redirect(status) || t.hops >= config.max_redirects) return false;
        char* next = nullptr;
        curl_easy_getinfo(t.easy, CURLINFO_REDIRECT_URL, &next);
        if (!next) return false;
        t.url = next;
        ++t.hops;
        return true;
    }

    Outcome run(const Fetch& fetch) {
        Transfer t;
        t.fetch = &fetch;
        t.url = fetch.url;
        t.outcome.endpoint = fetch.endpoint;
        for (;;) {
            prepare(t);
            const CURLcode code = curl_easy_perform(t.easy);
            if (!finish_hop(t, code)) break;
        }
        return std::move(t.outcome);
    }

    std::vector<Outcome> run_all(const std::vector<Fetch>& fetches, std::size_t max_parallel) {
        std::vector<std::unique_ptr<Transfer>> transfers;
        std::deque<Transfer*> waiting;
        for (const auto& fetch : fetches) {
            auto t = std::make_unique<Transfer>();
            t->fetch = &fetch;
            t->url = fetch.url;
            t->outcome.endpoint = fetch.endpoint;
            waiting.push_back(t.get());
            transfers.push_back(std::move(t));
        }
        std::size_t active = 0;
        const auto start_next = [&] {
            while (active < std::max<std::size_t>(1, max_parallel) && !waiting.empty()) {
                Transfer* t = waiting.front();
                waiting.pop_front();
                prepare(*t);
                curl_easy_setopt(t->easy, CURLOPT_PRIVATE, t);
                curl_multi_add_handle(multi, t->easy);
                ++active;
            }
        };
        start_next();
        while (active > 0) {
            int running = 0;
            curl_multi_perform(multi, &running);
            int queued = 0;
            while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
                if (msg->msg != CURLMSG_DONE) continue;
                Transfer* t = nullptr;
                curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
                const CURLcode code = msg->data.result;
                curl_multi_remove_handle(multi, t->easy);
                --active;
                if (finish_hop(*t, code)) waiting.push_front(t);
            }
            start_next();
            if (active > 0) curl_multi_poll(multi, nullptr, 0, 100, nullptr);
        }
        std::vector<Outcome> outcomes;
        outcomes.reserve(transfers.size());
        for (auto& t : transfers) outcomes.push_back(std::move(t->outcome));
        return outcomes;
    }
};

HttpClient::HttpClient(HttpClientConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}
HttpClient::~HttpClient() = default;

Outcome HttpClient::get(const Fetch& fetch) { return impl_->run(fetch); }

std::vector<Outcome> HttpClient::get_all(const std::vector<Fetch>& fetches, std::size_t max_parallel) {
    return impl_->run_all(fetches, max_parallel);
}

std::string HttpClient::user_agent() {
    return std::string("cci/") + CCI_VERSION + " (circleci-connect; libcurl/" +
           curl_version_info(CURLVERSION_NOW)->version + ")";
}

std::string origin_of(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return {};
    std::string scheme(url.substr(0, scheme_end));
    const auto authority_start = scheme_end + 3;
    const auto authority_end = url.find_first_of("/?#", authority_start);
    std::string authority(url.substr(authority_start, authority_end == std::string_view::npos
                                                          ? std::string_view::npos
                                                          : authority_end - authority_start));
    if (const auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
    for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (char& c : authority) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if ((scheme == "https" && authority.size() > 4 && authority.substr(authority.size() - 4) == ":443") ||
        (scheme == "http" && authority.size() > 3 && authority.substr(authority.size() - 3) == ":80"))
        authority.erase(authority.rfind(':'));
    return scheme + "://" + authority;
}

}  // namespace cci::native
