#include "input.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using cci::native::stream_file;
using cci::native::StreamResult;

namespace {

struct Streamed {
    StreamResult result;
    std::string bytes;
    std::vector<std::size_t> chunks;
};

Streamed stream(const std::string& path, std::size_t window) {
    Streamed out{StreamResult::done, {}, {}};
    out.result = stream_file(path, window, [&](std::string_view chunk) {
        out.bytes.append(chunk);
        out.chunks.push_back(chunk.size());
    });
    return out;
}

std::string write_temp(const std::string& name, const std::string& content) {
    const auto path = std::filesystem::temp_directory_path() / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
}

}  // namespace

TEST_CASE("input: a regular file streams whole, a window at a time", "[native][input]") {
    std::string content;
    for (std::size_t i = 0; content.size() < (5u << 20) + 7; ++i) content += std::to_string(i * 2654435761u) + '\n';
    const auto path = write_temp("cci-input-test.txt", content);
    const auto got = stream(path, 1u << 20);
    std::filesystem::remove(path);
    CHECK(got.result == StreamResult::done);
    CHECK(got.bytes == content);
    REQUIRE(got.chunks.size() >= 6);
    for (const auto size : got.chunks) CHECK(size <= (1u << 20));
}

TEST_CASE("input: empty and size-less files, missing files and directories", "[native][input]") {
    const auto empty = write_temp("cci-input-empty.txt", "");
    const auto none = stream(empty, 4096);
    std::filesystem::remove(empty);
    CHECK(none.result == StreamResult::done);
    CHECK(none.chunks.empty());

    const auto proc = stream("/proc/self/status", 4096);  // reports size 0 yet has bytes
    CHECK(proc.result == StreamResult::done);
    CHECK(proc.bytes.find("Name:") == 0);

    CHECK(stream("/nonexistent/cci-input", 4096).result == StreamResult::cannot_open);
    CHECK(stream(std::filesystem::temp_directory_path().string(), 4096).result == StreamResult::read_error);
}
