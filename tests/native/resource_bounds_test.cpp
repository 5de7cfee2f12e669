// Resource bounds of `cci analyze` on hostile inputs: it always answers, with a flag or an
// error instead of a crash, and its memory stays under a fixed bound whatever the input size.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using cci::testing::run_cci;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool sanitized = true;
#else
constexpr bool sanitized = false;
#endif
#else
constexpr bool sanitized = false;
#endif

/// The documented bound (README "Security"): analysis memory does not grow with the input.
constexpr long max_rss_kib = 64 * 1024;

struct TempFile {
    std::string path;
    explicit TempFile(const std::string& name) : path("/tmp/cci-bounds-" + name) {}
    ~TempFile() { std::remove(path.c_str()); }
};

nlohmann::json analyze_file(const std::string& path, long* peak_rss_kib) {
    const auto result = run_cci({"analyze", "--json", path}, "");
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    *peak_rss_kib = result.peak_rss_kib;
    return nlohmann::json::parse(result.out);
}

void check_memory(long peak_rss_kib) {
    if (!sanitized) CHECK(peak_rss_kib < max_rss_kib);
}

}  // namespace

TEST_CASE("bounds: a single 100 MB line is capped and flagged", "[bounds]") {
    TempFile file("long-line.log");
    {
        std::ofstream out(file.path, std::ios::binary);
        const std::string block(1 << 20, 'x');
        out << "error: first line\n";
        for (int i = 0; i < 100; ++i) out << block;
        out << "\nfatal error: after the long line\n";
    }
    long rss = 0;
    const auto json = analyze_file(file.path, &rss);
    CHECK(json["stats"]["capped_lines"] == 1);
    CHECK(json["stats"]["bytes"].get<std::uint64_t>() > 100u << 20);
    CHECK(json["stats"]["lines"] == 3);
    check_memory(rss);
}

TEST_CASE("bounds: a million tiny lines", "[bounds]") {
    TempFile file("tiny-lines.log");
    {
        std::ofstream out(file.path, std::ios::binary);
        for (int i = 0; i < 1'000'000; ++i) out << "ok " << i << "\n";
        out << "npm ERR! code E404\n";
    }
    long rss = 0;
    const auto json = analyze_file(file.path, &rss);
    CHECK(json["stats"]["lines"] == 1'000'001);
    CHECK_FALSE(json["findings"].empty());
    check_memory(rss);
}

TEST_CASE("bounds: 10 000-deep JSON nesting is an error, not a crash", "[bounds]") {
    TempFile file("deep.json");
    {
        std::ofstream out(file.path, std::ios::binary);
        out << R"([{"message":"hello\n","type":"out","x":)";
        for (int i = 0; i < 10'000; ++i) out << '[';
        for (int i = 0; i < 10'000; ++i) out << ']';
        out << "}]";
    }
    long rss = 0;
    const auto json = analyze_file(file.path, &rss);
    REQUIRE_FALSE(json["errors"].empty());
    CHECK(json["errors"][0]["code"] == "json_too_deep");
    check_memory(rss);
}

TEST_CASE("bounds: invalid UTF-8 and NUL bytes everywhere", "[bounds]") {
    TempFile file("bytes.log");
    {
        std::ofstream out(file.path, std::ios::binary);
        for (int i = 0; i < 200'000; ++i) out << std::string("\0\xff\xfe\xc3(", 5) << "line " << i << "\n";
        out << std::string("error: \0boom\xff\n", 14);
    }
    long rss = 0;
    const auto json = analyze_file(file.path, &rss);
    CHECK(json["stats"]["invalid_utf8"].get<std::uint64_t>() > 0);
    CHECK_NOTHROW(json.dump());  // every returned text is valid UTF-8
    check_memory(rss);
}

TEST_CASE("bounds: a 10 MB error body is classified", "[bounds]") {
    const std::string body(10u << 20, '<');
    const auto result = run_cci({"classify", "--json"}, R"({"status":502,"endpoint":"me","body":")" + body + R"("})");
    REQUIRE(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out)["reason"] == "server_error");
}

TEST_CASE("bounds: a pathological user rule returns promptly", "[bounds]") {
    TempFile rules("evil-rules.json");
    std::ofstream(rules.path) << R"({"problemMatcher":[{"owner":"evil","pattern":[{"regexp":"(a+)+$"}]}]})";
    TempFile log("evil.log");
    std::ofstream(log.path) << std::string(100'000, 'a') << "b\n";
    const auto started = std::chrono::steady_clock::now();
    const auto result = run_cci({"analyze", "--json", "--rules", rules.path, log.path}, "");
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(result.exit_code == 0);
    CHECK(seconds < 30.0);  // a hang guard, not a speed goal: RE2 is linear (bench/ has the figures)
}
