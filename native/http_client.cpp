#include "http_client.hpp"

#include "curl_library.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
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
        case CURLE_PARTIAL_FILE:
        case CURLE_PROXY: return cci::Transport::connect;
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

// Header names that carry credentials: only the client itself sets the token header.
bool is_credential_header(std::string_view name) {
    for (const auto* credential : {"circle-token", "authorization", "proxy-authorization", "cookie"})
        if (header_name_equals(name, credential)) return true;
    return false;
}

bool has_line_break(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

// One transfer in flight, across its redirect hops.
struct Transfer {
    TransferId id = 0;
    Fetch fetch;
    std::string url;
    int hops = 0;
    Outcome outcome;
    curl_slist* header_list = nullptr;
    CURL* easy = nullptr;
    std::size_t body_limit = 0;

    ~Transfer() {
        if (easy) curl().easy_cleanup(easy);
        curl().slist_free_all(header_list);
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
    curl().easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &status);
    if (transfer->fetch.on_body && status >= 200 && status < 300) {
        switch (transfer->fetch.on_body(piece)) {
            case SinkAction::take: return piece.size();
            case SinkAction::pause: return CURL_WRITEFUNC_PAUSE;
            case SinkAction::abort: return 0;
        }
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
    std::string agent;
    CURLM* multi = nullptr;
    TransferId next_id = 1;
    std::map<TransferId, std::unique_ptr<Transfer>> transfers;
    std::vector<Finished> finished;  // finished but not yet returned (cancelled, or seen by `get`)

    explicit Impl(HttpClientConfig c)
        : config(std::move(c)), api_origin(origin_of(config.api_origin)), agent(user_agent()) {
        curl().global_init(CURL_GLOBAL_DEFAULT);
        multi = curl().multi_init();
    }
    ~Impl() {
        for (auto& [id, t] : transfers) curl().multi_remove_handle(multi, t->easy);
        transfers.clear();
        curl().multi_cleanup(multi);
        curl().global_cleanup();
    }

    void prepare(Transfer& t) {
        if (t.easy) curl().easy_cleanup(t.easy);
        curl().slist_free_all(t.header_list);
        t.header_list = nullptr;
        t.outcome.headers = Headers{};
        t.outcome.body.clear();
        t.body_limit = config.max_buffered_body;
        t.easy = curl().easy_init();
        CURL* e = t.easy;
        curl().easy_setopt(e, CURLOPT_URL, t.url.c_str());
        curl().easy_setopt(e, CURLOPT_HTTPGET, 1L);
        curl().easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);  // hops are followed here, under the token rule
        curl().easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
        // HTTP/1.1: one connection per transfer, so a paused transfer holds back only itself.
        curl().easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
        curl().easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
        curl().easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
        if (!config.cacert.empty()) curl().easy_setopt(e, CURLOPT_CAINFO, config.cacert.c_str());
        curl().easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, config.connect_timeout_ms);
        if (t.fetch.on_body) {
            curl().easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
            curl().easy_setopt(e, CURLOPT_LOW_SPEED_TIME, config.stall_timeout_s);
        } else {
            curl().easy_setopt(e, CURLOPT_TIMEOUT_MS, config.total_timeout_ms);
        }
        curl().easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes (gzip, …)
        curl().easy_setopt(e, CURLOPT_USERAGENT, agent.c_str());
        curl().easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
        curl().easy_setopt(e, CURLOPT_HEADEROPT, CURLHEADER_SEPARATE);  // our headers never reach a proxy
        curl().easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
        curl().easy_setopt(e, CURLOPT_HEADERDATA, &t);
        curl().easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
        curl().easy_setopt(e, CURLOPT_WRITEDATA, &t);
        curl().easy_setopt(e, CURLOPT_PRIVATE, &t);
        bool accept = false;
        for (const auto& field : t.fetch.headers.fields()) {
            if (is_credential_header(field.name) || has_line_break(field.name) || has_line_break(field.value) ||
                field.name.empty())
                continue;
            accept = accept || header_name_equals(field.name, "Accept");
            const std::string line = field.name + ": " + field.value;
            t.header_list = curl().slist_append(t.header_list, line.c_str());
        }
        if (!accept) t.header_list = curl().slist_append(t.header_list, "Accept: application/json");
        if (t.fetch.authenticated && !config.token.empty() && !api_origin.empty() && origin_of(t.url) == api_origin) {
            const std::string header = "Circle-Token: " + config.token;
            t.header_list = curl().slist_append(t.header_list, header.c_str());
        }
        curl().easy_setopt(e, CURLOPT_HTTPHEADER, t.header_list);
    }

    // After a finished hop: true when another hop follows.
    bool finish_hop(Transfer& t, CURLcode code) {
        long status = 0;
        curl().easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
        t.outcome.transport = transport_of(code);
        t.outcome.status = code == CURLE_OK ? static_cast<int>(status) : 0;
        t.outcome.now = now_ms();
        if (code != CURLE_OK || !is_redirect(status) || t.hops >= config.max_redirects) return false;
        char* next = nullptr;
        curl().easy_getinfo(t.easy, CURLINFO_REDIRECT_URL, &next);
        if (!next) return false;
        t.url = next;
        ++t.hops;
        return true;
    }

    TransferId start(Fetch fetch) {
        auto t = std::make_unique<Transfer>();
        t->id = next_id++;
        t->fetch = std::move(fetch);
        t->url = t->fetch.url;
        t->outcome.endpoint = t->fetch.endpoint;
        prepare(*t);
        curl().multi_add_handle(multi, t->easy);
        const TransferId id = t->id;
        transfers.emplace(id, std::move(t));
        return id;
    }

    void collect(std::vector<Finished>& out) {
        int queued = 0;
        while (CURLMsg* msg = curl().multi_info_read(multi, &queued)) {
            if (msg->msg != CURLMSG_DONE) continue;
            Transfer* t = nullptr;
            curl().easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
            const CURLcode code = msg->data.result;
            curl().multi_remove_handle(multi, t->easy);
            if (finish_hop(*t, code)) {
                prepare(*t);
                curl().multi_add_handle(multi, t->easy);
                continue;
            }
            out.push_back({t->id, std::move(t->outcome)});
            transfers.erase(t->id);
        }
    }

    std::vector<Finished> wait(long timeout_ms) {
        std::vector<Finished> out;
        out.swap(finished);
        int running = 0;
        curl().multi_perform(multi, &running);
        collect(out);
        if (out.empty() && !transfers.empty()) {
            curl().multi_poll(multi, nullptr, 0, static_cast<int>(std::max(0L, timeout_ms)), nullptr);
            curl().multi_perform(multi, &running);
            collect(out);
        }
        return out;
    }

    void resume(TransferId id) {
        const auto it = transfers.find(id);
        if (it != transfers.end()) curl().easy_pause(it->second->easy, CURLPAUSE_CONT);
    }

    void cancel(TransferId id) {
        const auto it = transfers.find(id);
        if (it == transfers.end()) return;
        curl().multi_remove_handle(multi, it->second->easy);
        Outcome outcome = std::move(it->second->outcome);
        outcome.transport = Transport::aborted;
        outcome.status = 0;
        outcome.now = now_ms();
        finished.push_back({id, std::move(outcome)});
        transfers.erase(it);
    }
};

HttpClient::HttpClient(HttpClientConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}
HttpClient::~HttpClient() = default;

Outcome HttpClient::get(const Fetch& fetch) {
    const TransferId id = impl_->start(fetch);
    std::vector<Finished> others;
    for (;;) {
        for (auto& done : impl_->wait(1'000)) {
            if (done.id != id) {
                others.push_back(std::move(done));
                continue;
            }
            impl_->finished.insert(impl_->finished.end(), std::make_move_iterator(others.begin()),
                                   std::make_move_iterator(others.end()));
            return std::move(done.outcome);
        }
    }
}

std::vector<Outcome> HttpClient::get_all(const std::vector<Fetch>& fetches, std::size_t max_parallel) {
    std::vector<Outcome> outcomes(fetches.size());
    std::map<TransferId, std::size_t> index_of;
    std::size_t next = 0;
    std::size_t remaining = fetches.size();
    const std::size_t limit = std::max<std::size_t>(1, max_parallel);
    while (remaining > 0) {
        while (index_of.size() < limit && next < fetches.size()) {
            index_of.emplace(impl_->start(fetches[next]), next);
            ++next;
        }
        for (auto& done : impl_->wait(1'000)) {
            const auto it = index_of.find(done.id);
            if (it == index_of.end()) {
                impl_->finished.push_back(std::move(done));
                continue;
            }
            outcomes[it->second] = std::move(done.outcome);
            index_of.erase(it);
            --remaining;
        }
    }
    return outcomes;
}

TransferId HttpClient::start(Fetch fetch) { return impl_->start(std::move(fetch)); }
std::vector<Finished> HttpClient::wait(long timeout_ms) { return impl_->wait(timeout_ms); }
void HttpClient::resume(TransferId id) { impl_->resume(id); }
void HttpClient::cancel(TransferId id) { impl_->cancel(id); }
std::size_t HttpClient::in_flight() const noexcept { return impl_->transfers.size(); }

std::string HttpClient::user_agent() {
    return std::string("cci/") + CCI_VERSION + " (circleci-connect; libcurl/" +
           curl().version_info(CURLVERSION_NOW)->version + ")";
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
    if (authority.empty()) return {};
    return scheme + "://" + authority;
}

}  // namespace cci::native
