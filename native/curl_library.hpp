// libcurl, loaded the first time a command needs the network. `cci analyze`, `token check` and
// `classify` never load it: on this project's machines loading libcurl and the 30-odd libraries
// it pulls in took 8 ms and 440 page faults of every start (bench/analyze-bench.sh "start-up").
// The entry points keep libcurl's own declared types (curl/curl.h), so a call is checked as if
// libcurl were linked.
#pragma once

#include <curl/curl.h>

#include <string>

namespace cci::native {

struct CurlLibrary {
    decltype(&::curl_global_init) global_init;
    decltype(&::curl_global_cleanup) global_cleanup;
    decltype(&::curl_version_info) version_info;
    decltype(&::curl_easy_init) easy_init;
    decltype(&::curl_easy_cleanup) easy_cleanup;
    decltype(&::curl_easy_setopt) easy_setopt;
    decltype(&::curl_easy_getinfo) easy_getinfo;
    decltype(&::curl_easy_pause) easy_pause;
    decltype(&::curl_slist_append) slist_append;
    decltype(&::curl_slist_free_all) slist_free_all;
    decltype(&::curl_multi_init) multi_init;
    decltype(&::curl_multi_cleanup) multi_cleanup;
    decltype(&::curl_multi_add_handle) multi_add_handle;
    decltype(&::curl_multi_remove_handle) multi_remove_handle;
    decltype(&::curl_multi_perform) multi_perform;
    decltype(&::curl_multi_poll) multi_poll;
    decltype(&::curl_multi_info_read) multi_info_read;
};

struct CurlLoad {
    CurlLibrary library{};
    bool ok = false;
    std::string error;  ///< why not `ok`: the loader's message, naming the library or entry point
};

/// Loads the libcurl named `soname` (kept loaded).
[[nodiscard]] CurlLoad load_curl(const char* soname);

/// libcurl (its soname is CCI_CURL_SONAME, fixed at build time), loaded on the first call;
/// null when it or one of its entry points could not be loaded (`curl_library_error` says why).
/// Thread-safe.
[[nodiscard]] const CurlLibrary* curl_library();

/// Why `curl_library()` is null: the loader's message, naming the library. Empty when it loaded.
[[nodiscard]] std::string curl_library_error();

/// The loaded libcurl; a precondition of everything that transfers (commands check
/// `curl_library()` before they start).
[[nodiscard]] const CurlLibrary& curl();

}  // namespace cci::native
