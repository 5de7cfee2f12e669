// libcurl loaded on demand: the network commands load it, the offline ones never do, and a
// libcurl that cannot be loaded is reported by name.
#include <catch2/catch.hpp>

#include <string>

#include "cli_runner.hpp"
#include "curl_library.hpp"

using cci::testing::run_cci;

TEST_CASE("curl_library loads the build's libcurl once, with every entry point", "[native][curl]") {
    const cci::native::CurlLibrary* curl = cci::native::curl_library();
    INFO(cci::native::curl_library_error());
    REQUIRE(curl != nullptr);
    CHECK(cci::native::curl_library() == curl);
    CHECK(cci::native::curl_library_error().empty());
    const curl_version_info_data* version = curl->version_info(CURLVERSION_NOW);
    REQUIRE(version != nullptr);
    CHECK(std::string(version->version).find('.') != std::string::npos);
    CURL* easy = curl->easy_init();
    REQUIRE(easy != nullptr);
    CHECK(curl->easy_setopt(easy, CURLOPT_URL, "http://127.0.0.1:9/") == CURLE_OK);
    curl->easy_cleanup(easy);
}

TEST_CASE("load_curl names a library that is missing", "[native][curl]") {
    const cci::native::CurlLoad load = cci::native::load_curl("libcurl-absent-from-this-box.so.4");
    CHECK_FALSE(load.ok);
    CHECK(load.error.find("libcurl-absent-from-this-box.so.4") != std::string::npos);
    CHECK(load.library.easy_init == nullptr);
}

TEST_CASE("load_curl names an entry point the library lacks", "[native][curl]") {
    const cci::native::CurlLoad load = cci::native::load_curl("libc.so.6");
    CHECK_FALSE(load.ok);
    CHECK(load.error == "libc.so.6: no curl_global_init");
}

TEST_CASE("cci loads libcurl for --version only, not for offline commands", "[cli][curl]") {
    // The dynamic loader lists every library it loads on stderr under LD_DEBUG=libs.
    const auto analyze = run_cci({"analyze", "-"}, "src/a.c:1:2: error: boom\n", {"LD_DEBUG=libs"});
    CAPTURE(analyze.err);
    CHECK(analyze.exit_code == 0);
    CHECK(analyze.err.find("calling init") != std::string::npos);
    CHECK(analyze.err.find("libcurl") == std::string::npos);
    const auto token = run_cci({"token", "check"}, "not-a-token\n", {"LD_DEBUG=libs"});
    CHECK(token.err.find("calling init") != std::string::npos);
    CHECK(token.err.find("libcurl") == std::string::npos);
    const auto version = run_cci({"--version"}, "", {"LD_DEBUG=libs"});
    CHECK(version.exit_code == 0);
    CHECK(version.err.find("libcurl") != std::string::npos);
    CHECK(version.out.find("(libcurl ") != std::string::npos);
    CHECK(version.out.find("not loaded") == std::string::npos);
}
