#include "cci/log/normalize.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

using cci::log::LineNormalizer;
using cci::log::normalize_lines;
using cci::log::strip_ci_markers;
using Lines = std::vector<std::string>;
using namespace std::string_literals;

namespace {

struct Collect : cci::log::LineSink {
    Lines lines;
    std::vector<bool> capped;
    void on_lines(const cci::log::LineBlock& block) override {
        for (std::size_t i = 0; i < block.lines.size(); ++i) {
            lines.emplace_back(block.line(i));
            capped.push_back(block.lines[i].capped);
        }
    }
};

const std::string fffd = "\xEF\xBF\xBD";

}  // namespace

TEST_CASE("normalize: terminal output becomes the lines a reader sees", "[log][normalize]") {
    using Case = std::tuple<std::string, Lines>;
    const auto [input, expected] = GENERATE(table<std::string, Lines>({
        Case{"a\x1b[31mred\x1b[0m\n", {"ared"}},
        Case{"\x1b[?25l\x1b[1;2 qX\x1b(B\x1b" "7Y\n", {"XY"}},
        Case{"\x1b]0;title\x07text\n", {"text"}},
        Case{"\x1b]8;;http://example.test\x1b\\link\x1b]8;;\x1b\\\n", {"link"}},
        Case{"\x1bPq#0;2;0;0;0\x1b\\after\n", {"after"}},
        Case{"10%\r50%\r100%\n", {"100%"}},
        Case{"done 50%\r\n", {"done 50%"}},
        Case{"a\r\nb\r\n\r\n", {"a", "b", ""}},
        Case{"\x1b[2K\x1b[1Gyarn run v1.17.3\n", {"yarn run v1.17.3"}},
        Case{"abc\x1b[2Kdef\n", {"def"}},
        Case{"\x1b[1A\x1b[2K605ce1bd3f31: Already exists \x1b[1B\n", {"605ce1bd3f31: Already exists "}},
        Case{"old\x1b[999D\x1b[Knew\n", {"new"}},
        Case{"keep\x1b[1Dp\n", {"keepp"}},
        Case{"tab\there\n", {"tab\there"}},
        Case{"a\0b\x07\x08" "c\x7f\n"s, {"abc"}},
        Case{"\x1b]0;never closed\nnext\n", {"", "next"}},
        Case{"\x1b[31\nnext\n", {"", "next"}},
        Case{"no newline", {"no newline"}},
        Case{"", {}},
        Case{"\n", {""}},
        Case{"caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80\n", {"caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80"}},
        Case{"a\xFF" "b\n", {"a" + fffd + "b"}},
        Case{"\xE2\x82\n", {fffd}},
        Case{"\xC0\xAF\n", {fffd + fffd}},
        Case{"\xED\xA0\x80\n", {fffd + fffd + fffd}},
        Case{"\xF4\x90\x80\x80", {fffd + fffd + fffd + fffd}},
        Case{"cut \xE2\x9C", {"cut " + fffd}},
    }));
    CHECK(normalize_lines(input) == expected);
}

TEST_CASE("normalize: other CIs' markers are stripped", "[log][normalize]") {
    using Case = std::tuple<std::string, Lines>;
    const auto [input, expected] = GENERATE(table<std::string, Lines>({
        Case{"2024-01-02T03:04:05.1234567Z ##[error]Process completed with exit code 1.\n",
             {"Process completed with exit code 1."}},
        Case{"2024-01-02T03:04:05Z npm test\n", {"npm test"}},
        Case{"##[group]Run npm test\n##[endgroup]\n", {"Run npm test", ""}},
        Case{"##[unknown]kept\n", {"##[unknown]kept"}},
        Case{"travis_fold:start:install\r\x1b[0K$ npm install\n", {"$ npm install"}},
        Case{"travis_time:end:0a1b:start=1,finish=2,duration=1\r\x1b[0K\n", {""}},
        Case{"travis_fold:end:install\n", {""}},
        Case{"section_start:1700000000:build_script\r\x1b[0KBuilding\n", {"Building"}},
        Case{"\x1b[0Ksection_end:1700000000:build_script\r\x1b[0K\n", {""}},
        Case{"2024-01-02 03:04:05 not a marker\n", {"2024-01-02 03:04:05 not a marker"}},
        Case{"#8 1.902 npm ERR! code ERESOLVE\n#8 DONE 0.1s\n", {"npm ERR! code ERESOLVE", "#8 DONE 0.1s"}},
    }));
    CHECK(normalize_lines(input) == expected);
    CHECK(strip_ci_markers("2024-01-02T03:04:05Z") == "");
    // Near misses stay whole: each differs from a marker in one place.
    for (const std::string_view line : {"2024-01-02T03:04:05 x", "2024-01-02T03:04:0x Z x", "2024-0a-02T03:04:05Z x",
                                        "2024-01-02T03-04:05Z x", "travis_folder x", "travis_time x",
                                        "section_ended:1 x", "section_star:1 x", "#8 1.902x"}) {
        CHECK(strip_ci_markers(line) == line);
    }
}

TEST_CASE("normalize: long lines are capped and flagged", "[log][normalize]") {
    Collect out;
    LineNormalizer normalizer(100);
    normalizer.feed(std::string(10000, 'x') + "\nok\n", out);
    normalizer.feed(std::string(99, 'y') + "\xC3\xA9" + "z\n", out);
    normalizer.finish(out);
    REQUIRE(out.lines.size() == 3);
    CHECK(out.lines[0] == std::string(100, 'x'));
    CHECK(out.capped == std::vector<bool>{true, false, true});
    CHECK(out.lines[2] == std::string(99, 'y'));
    CHECK(normalizer.stats().capped_lines == 2);
    CHECK(normalizer.stats().lines == 3);
}

TEST_CASE("normalize: a progress bar without line breaks stays bounded", "[log][normalize]") {
    Collect out;
    LineNormalizer normalizer(64);
    for (int i = 0; i < 100000; ++i) normalizer.feed("\rDownloading " + std::to_string(i) + "%", out);
    normalizer.feed("\n", out);
    REQUIRE(out.lines.size() == 1);
    CHECK(out.lines[0] == "Downloading 99999%");
    CHECK_FALSE(out.capped[0]);
}

TEST_CASE("normalize: any chunking gives the same lines and counters", "[log][normalize]") {
    const std::string input =
        "\x1b[2K\x1b[1G\x1b[1myarn\x1b[22m\r\n10%\r90%\r\ncaf\xC3\xA9\xFF\0x\x1b]0;t\x1b\\y\r\n"
        "##[error]bad\n2024-01-02T03:04:05Z z\x1b[38;5;196mred\x1b[0m\xF0\x9F\x98\x80"s;
    Collect whole;
    LineNormalizer one;
    one.feed(input, whole);
    one.finish(whole);
    const std::size_t size = GENERATE(1, 2, 3, 7);
    Collect pieces;
    LineNormalizer many;
    for (std::size_t at = 0; at < input.size(); at += size) many.feed(std::string_view(input).substr(at, size), pieces);
    many.finish(pieces);
    CHECK(pieces.lines == whole.lines);
    CHECK(many.stats().invalid_utf8 == 1);
    CHECK(many.stats().nul_bytes == 1);
    CHECK(whole.lines == Lines{"yarn", "90%", "caf\xC3\xA9" + fffd + "xy", "bad", "zred\xF0\x9F\x98\x80"});
}

TEST_CASE("normalize: whole-buffer scanning and byte-at-a-time reading agree on every log fixture", "[log][normalize]") {
    // Whole buffers take the normaliser's block-at-a-time paths; tiny chunks take its state
    // machine, so the two must give the same lines, flags and counters.
    const std::size_t cap = GENERATE(4096, 33);
    for (const auto& entry : std::filesystem::directory_iterator(std::string(CCI_FIXTURES_DIR) + "/logs")) {
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string input{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        Collect whole;
        LineNormalizer one(cap);
        one.feed(input, whole);
        one.finish(whole);
        for (const std::size_t size : {std::size_t{1}, std::size_t{2}, std::size_t{17}}) {
            INFO(entry.path().filename().string() << " in chunks of " << size << ", cap " << cap);
            Collect pieces;
            LineNormalizer many(cap);
            for (std::size_t at = 0; at < input.size(); at += size) {
                many.feed(std::string_view(input).substr(at, size), pieces);
            }
            many.finish(pieces);
            CHECK(pieces.lines == whole.lines);
            CHECK(pieces.capped == whole.capped);
            CHECK(many.stats().lines == one.stats().lines);
            CHECK(many.stats().capped_lines == one.stats().capped_lines);
            CHECK(many.stats().invalid_utf8 == one.stats().invalid_utf8);
            CHECK(many.stats().nul_bytes == one.stats().nul_bytes);
        }
    }
}

TEST_CASE("normalize: escape sequences, line ends and UTF-8 at every split point", "[log][normalize]") {
    const std::string input =
        "a\x1b[1;31mred\x1b[0m b\r\nc\x1b[2Kd\x1b[K\x1b[12;3Hx\x1b[ 4q\x1b[1\x1b[2m\n"
        "caf\xC3\xA9 \xE2\x9C\x96 \xF0\x9F\x98\x80 \xE0\x80\xAF \xED\xA0\x80 \xC3(\n"
        "tab\tend\r\rnext\x1b[1Gover\x1b[3Dx\r\n\x1b]0;title\x07text\x1b\\\x7f\x01\n"s +
        std::string(70, 'z') + "\x1b[31m" + std::string(5, 'y') + "\n";
    Collect whole;
    LineNormalizer one(64);
    one.feed(input, whole);
    one.finish(whole);
    for (std::size_t split = 1; split < input.size(); ++split) {
        INFO("split at " << split);
        Collect two;
        LineNormalizer halves(64);
        halves.feed(std::string_view(input).substr(0, split), two);
        halves.feed(std::string_view(input).substr(split), two);
        halves.finish(two);
        CHECK(two.lines == whole.lines);
        CHECK(two.capped == whole.capped);
        CHECK(halves.stats().invalid_utf8 == one.stats().invalid_utf8);
    }
}

TEST_CASE("normalize: blocks hand over every line with its flags, padding after the text", "[log][normalize]") {
    struct Blocks : cci::log::LineSink {
        Lines lines;
        std::vector<bool> non_ascii;
        std::size_t blocks = 0;
        void on_lines(const cci::log::LineBlock& block) override {
            ++blocks;
            REQUIRE_FALSE(block.lines.empty());
            const char* end = block.text.data() + block.text.size();
            CHECK(std::string(end, end + cci::log::LineBlock::padding).size() == cci::log::LineBlock::padding);
            for (std::size_t i = 0; i < block.lines.size(); ++i) {
                CHECK(block.lines[i].end <= block.text.size());
                lines.emplace_back(block.line(i));
                non_ascii.push_back(block.lines[i].non_ascii);
            }
        }
    };
    std::string input;
    Lines expected;
    for (int i = 0; i < 3000; ++i) {
        const std::string line = (i % 7 == 0 ? "caf\xC3\xA9 " : "plain ") + std::string(40, 'a') + std::to_string(i);
        input += "##[group]" + line + "\r\n";
        expected.push_back(line);
    }
    Blocks sink;
    LineNormalizer normalizer;
    normalizer.feed(input, sink);
    CHECK(sink.lines.size() == expected.size());  // handed over before `feed` returned
    normalizer.finish(sink);
    CHECK(sink.lines == expected);
    CHECK(sink.blocks > 1);  // 180 KB of lines do not wait for one block
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const bool has_high = expected[i].find('\xC3') != std::string::npos;
        INFO(i);
        CHECK((!has_high || sink.non_ascii[i]));
    }
}
