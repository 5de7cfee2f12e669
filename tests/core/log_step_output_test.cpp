#include "cci/log/step_output.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

using cci::log::ErrorCode;
using cci::log::StepOutputElement;
using cci::log::StepOutputReader;

namespace {

struct Collected : cci::log::StepOutputSink {
    std::vector<std::string> messages{std::string()};
    std::vector<StepOutputElement> elements;
    std::size_t largest_piece = 0;
    void on_message(std::string_view piece) override {
        messages.back().append(piece);
        largest_piece = std::max(largest_piece, piece.size());
    }
    void on_element_end(const StepOutputElement& element) override {
        elements.push_back(element);
        messages.emplace_back();
    }
};

// Feeds `doc` in chunks of `size` bytes and finishes.
Collected read_in_chunks(std::string_view doc, std::size_t size, StepOutputReader& reader) {
    Collected out;
    for (std::size_t at = 0; at < doc.size(); at += size) reader.feed(doc.substr(at, size), out);
    reader.finish(out);
    return out;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("step output: a document reads the same whatever the chunk size", "[log][step_output]") {
    const std::string doc =
        R"([{"message":"a\tb\\c\"d\/e\u00e9\ud83d\ude00\n\r","time":"2022-08-15T08:54:55.600Z","type":"out"},)"
        R"( {"type":"err","extra":{"k":[1,2,{"x":"]}\""}]},"n":-1.5e3,"ok":true,"z":null,"message":"Exited"}])";
    StepOutputReader whole;
    const Collected expected = read_in_chunks(doc, doc.size(), whole);
    REQUIRE_FALSE(whole.error());
    REQUIRE(whole.complete());
    REQUIRE(expected.elements.size() == 2);
    CHECK(expected.messages[0] == "a\tb\\c\"d/e\xC3\xA9\xF0\x9F\x98\x80\n\r");
    CHECK(expected.messages[1] == "Exited");
    CHECK(expected.elements[0].type == "out");
    CHECK(expected.elements[0].time == "2022-08-15T08:54:55.600Z");
    CHECK(expected.elements[1].type == "err");
    CHECK(expected.elements[1].index == 1);

    const std::size_t size = GENERATE(1, 2, 3, 5, 7, 13);
    StepOutputReader reader;
    const Collected got = read_in_chunks(doc, size, reader);
    CHECK_FALSE(reader.error());
    CHECK(got.messages == expected.messages);
    CHECK(reader.elements() == 2);
    CHECK(reader.bytes() == doc.size());
}

TEST_CASE("step output: every split point of a surrogate pair", "[log][step_output]") {
    const std::string doc = R"([{"message":"x\ud83d\ude00y"}])";
    for (std::size_t cut = 0; cut <= doc.size(); ++cut) {
        StepOutputReader reader;
        Collected out;
        reader.feed(std::string_view(doc).substr(0, cut), out);
        reader.feed(std::string_view(doc).substr(cut), out);
        reader.finish(out);
        INFO("cut at " << cut);
        CHECK(out.messages[0] == "x\xF0\x9F\x98\x80y");
    }
}

TEST_CASE("step output: broken surrogates become U+FFFD", "[log][step_output]") {
    using Case = std::tuple<std::string, std::string>;
    const auto [doc, message] = GENERATE(table<std::string, std::string>({
        Case{R"([{"message":"\ud83d"}])", "\xEF\xBF\xBD"},
        Case{R"([{"message":"\ude00a"}])", "\xEF\xBF\xBD" "a"},
        Case{R"([{"message":"\ud83dz"}])", "\xEF\xBF\xBDz"},
        Case{R"([{"message":"\ud83d\n"}])", "\xEF\xBF\xBD\n"},
        Case{R"([{"message":"\ud83d\u0041"}])", "\xEF\xBF\xBD" "A"},
        Case{R"([{"message":"\ud83d\ud83d\ude00"}])", "\xEF\xBF\xBD\xF0\x9F\x98\x80"},
    }));
    StepOutputReader reader;
    const Collected out = read_in_chunks(doc, 1, reader);
    CHECK_FALSE(reader.error());
    CHECK(out.messages[0] == message);
}

TEST_CASE("step output: errors are values with a byte offset", "[log][step_output]") {
    using Case = std::tuple<std::string, ErrorCode, std::size_t>;
    const auto [doc, code, offset] = GENERATE(table<std::string, ErrorCode, std::size_t>({
        Case{"{}", ErrorCode::json_syntax, 0},
        Case{"  x", ErrorCode::json_syntax, 2},
        Case{R"([{"message":"a\q"}])", ErrorCode::json_syntax, 15},
        Case{R"([{"message":"a\u12G4"}])", ErrorCode::json_syntax, 18},
        Case{R"([{"message" "a"}])", ErrorCode::json_syntax, 12},
        Case{R"([{"message":"a"},])", ErrorCode::json_syntax, 17},
        Case{R"([{"message":"a"}] x)", ErrorCode::json_trailing_data, 18},
        Case{R"([{"n":tru}])", ErrorCode::json_syntax, 6},
        Case{R"([{"n":[1}]}])", ErrorCode::json_syntax, 8},
        Case{R"([{"message":"abc)", ErrorCode::json_unexpected_end, 16},
        Case{"", ErrorCode::json_unexpected_end, 0},
        Case{"[" + std::string(200, '[') , ErrorCode::json_syntax, 1},
    }));
    StepOutputReader reader;
    read_in_chunks(doc, 4, reader);
    REQUIRE(reader.error());
    CHECK(reader.error()->code == code);
    CHECK(reader.error()->offset == offset);
}

TEST_CASE("step output: deep unknown values are bounded", "[log][step_output]") {
    const std::string doc = R"([{"x":)" + std::string(100, '[');
    StepOutputReader reader;
    read_in_chunks(doc, 16, reader);
    REQUIRE(reader.error());
    CHECK(reader.error()->code == ErrorCode::json_too_deep);
}

TEST_CASE("step output: a large message reaches the sink in bounded pieces", "[log][step_output]") {
    const std::string body(3 * StepOutputReader::max_piece + 17, 'a');
    const std::string doc = R"([{"message":")" + body + R"("}])";
    StepOutputReader reader;
    const Collected out = read_in_chunks(doc, doc.size(), reader);
    CHECK(out.messages[0] == body);
    CHECK(out.largest_piece <= StepOutputReader::max_piece);
}

TEST_CASE("step output: the CircleCI samples match nlohmann's reading", "[log][step_output]") {
    const std::string name = GENERATE(as<std::string>{}, "circleci_rspec_failure.json", "circleci_standard_lint.json",
                                      "circleci_spin_up_ok.json");
    const std::string doc = slurp(std::string(CCI_FIXTURES_DIR) + "/logs/" + name);
    REQUIRE_FALSE(doc.empty());
    const auto parsed = nlohmann::json::parse(doc);
    StepOutputReader reader;
    const Collected out = read_in_chunks(doc, 4093, reader);
    CHECK_FALSE(reader.error());
    REQUIRE(out.elements.size() == parsed.size());
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        CHECK(out.messages[i] == parsed[i]["message"].get<std::string>());
        CHECK(out.elements[i].type == parsed[i]["type"].get<std::string>());
    }
}

TEST_CASE("step output: escapes read the same at every split point", "[log][step_output]") {
    const std::string doc =
        R"([{"message":"\u001b[31mred\u001b[0m\r\n\"q\" \\ \/ \b\f\t\u00e9\u2716\ud83d\ude00 lone \ud800x \udc00 )"
        R"(pair-broken \ud83d\u0041 \ud83d\n end","time":"t","type":"out"},{"message":"\u0000z"}])";
    StepOutputReader whole;
    const Collected expected = read_in_chunks(doc, doc.size(), whole);
    REQUIRE_FALSE(whole.error());
    for (std::size_t split = 1; split < doc.size(); ++split) {
        INFO("split at " << split);
        StepOutputReader reader;
        Collected got;
        reader.feed(std::string_view(doc).substr(0, split), got);
        reader.feed(std::string_view(doc).substr(split), got);
        reader.finish(got);
        CHECK_FALSE(reader.error());
        CHECK(got.messages == expected.messages);
    }
}

TEST_CASE("step output: an invalid escape is reported at its offset in any chunking", "[log][step_output]") {
    const std::string doc = R"([{"message":"ok\u00e9 then \q"}])";
    const std::size_t size = GENERATE(1, 3, 64);
    StepOutputReader reader;
    read_in_chunks(doc, size, reader);
    REQUIRE(reader.error());
    CHECK(reader.error()->code == ErrorCode::json_syntax);
    CHECK(reader.error()->offset == doc.find("\\q") + 1);
}

TEST_CASE("step output: every step-output fixture reads the same in any chunking", "[log][step_output]") {
    for (const auto& entry : std::filesystem::directory_iterator(std::string(CCI_FIXTURES_DIR) + "/logs")) {
        const std::string doc = slurp(entry.path().string());
        if (entry.path().extension() != ".json" || doc.find_first_not_of(" \t\r\n") == std::string::npos ||
            doc[doc.find_first_not_of(" \t\r\n")] != '[') {
            continue;
        }
        StepOutputReader whole;
        const Collected expected = read_in_chunks(doc, doc.size(), whole);
        for (const std::size_t size : {std::size_t{1}, std::size_t{5}, std::size_t{64}}) {
            INFO(entry.path().filename().string() << " in chunks of " << size);
            StepOutputReader reader;
            const Collected got = read_in_chunks(doc, size, reader);
            CHECK(got.messages == expected.messages);
            CHECK(got.elements.size() == expected.elements.size());
            CHECK(reader.error().has_value() == whole.error().has_value());
        }
    }
}

TEST_CASE("step output: escape-dense messages read like nlohmann's in any chunking", "[log][step_output]") {
    // Messages built from JSON escapes and text so that escapes, backslash runs and the
    // closing quote fall at every offset of the reader's 64-byte blocks.
    const std::vector<std::string> tokens{"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u001b",
                                          "\\u00e9", "\\ud83d\\ude00", "a", "bc", "\xC3\xA9", " ", "[31m", "0123456789abcdef"};
    std::mt19937 random(7);
    std::uniform_int_distribution<std::size_t> pick(0, tokens.size() - 1);
    std::uniform_int_distribution<std::size_t> length(0, 300);
    std::string doc = "[";
    for (int element = 0; element < 400; ++element) {
        if (element > 0) doc += ',';
        doc += R"({"message":")" + std::string(static_cast<std::size_t>(element) % 70, 'p');
        for (std::size_t n = length(random); n > 0; --n) doc += tokens[pick(random)];
        doc += R"(","type":"out"})";
    }
    doc += "]";
    const auto parsed = nlohmann::json::parse(doc);
    for (const std::size_t size : {std::size_t{1}, std::size_t{63}, std::size_t{64}, std::size_t{65}, std::size_t{4093},
                                   doc.size()}) {
        INFO("chunks of " << size);
        StepOutputReader reader;
        const Collected out = read_in_chunks(doc, size, reader);
        CHECK_FALSE(reader.error());
        REQUIRE(out.elements.size() == parsed.size());
        for (std::size_t i = 0; i < parsed.size(); ++i) CHECK(out.messages[i] == parsed[i]["message"].get<std::string>());
    }
}

TEST_CASE("step output: an invalid escape is found at every offset of a block", "[log][step_output]") {
    for (std::size_t before = 0; before < 140; ++before) {
        const std::string doc = R"([{"message":")" + std::string(before, 'a') + R"(\"\q"}])";
        StepOutputReader reader;
        read_in_chunks(doc, doc.size(), reader);
        INFO(before);
        REQUIRE(reader.error());
        CHECK(reader.error()->offset == doc.find("\\q") + 1);
    }
}
