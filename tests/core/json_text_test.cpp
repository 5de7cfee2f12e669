#include "cci/json_text.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using nlohmann::json;

namespace {

/// What the reader must agree with: nlohmann's own parse of the same text.
std::optional<json> nlohmann_parse(std::string_view text) {
    json value = json::parse(text.begin(), text.end(), nullptr, false);
    if (value.is_discarded()) return std::nullopt;
    return value;
}

std::string nlohmann_dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

/// Equal values of equal types throughout: `==` also takes 1, 1u and 1.0 (and 0.0, -0.0) for equal.
bool same_tree(const json& a, const json& b) {
    if (a.type() != b.type()) return false;
    switch (a.type()) {
        case json::value_t::array: {
            if (a.size() != b.size()) return false;
            for (std::size_t i = 0; i < a.size(); ++i) {
                if (!same_tree(a[i], b[i])) return false;
            }
            return true;
        }
        case json::value_t::object: {
            if (a.size() != b.size()) return false;
            for (auto x = a.begin(), y = b.begin(); x != a.end(); ++x, ++y) {
                if (x.key() != y.key() || !same_tree(*x, *y)) return false;
            }
            return true;
        }
        case json::value_t::number_float: {
            const double x = a.get<double>();
            const double y = b.get<double>();
            return std::memcmp(&x, &y, sizeof x) == 0;
        }
        default: return a == b;
    }
}

/// The text as C++ escapes, for failure messages.
std::string printable(std::string_view text) {
    std::string out;
    for (const char c : text.substr(0, 300)) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7F && c != '\\') {
            out += c;
        } else {
            constexpr std::string_view hex = "0123456789ABCDEF";
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        }
    }
    return text.size() > 300 ? out + "…" : out;
}

/// parse_json accepts what nlohmann accepts, with the same value; dump_json writes that
/// value as nlohmann does, and the text it writes reads back to an equal value.
void check_same_as_nlohmann(std::string_view text) {
    INFO("text: " << printable(text));
    const auto expected = nlohmann_parse(text);
    const auto actual = cci::parse_json(text);
    REQUIRE(actual.has_value() == expected.has_value());
    if (!expected) return;
    CHECK(*actual == *expected);
    CHECK(same_tree(*actual, *expected));
    const std::string written = cci::dump_json(*actual);
    CHECK(written == expected->dump());
    const auto again = cci::parse_json(written);
    REQUIRE(again.has_value());
    CHECK(*again == *actual);
    CHECK(cci::dump_json(*again) == written);
}

void check_dump_same_as_nlohmann(const json& value) {
    const std::string expected = nlohmann_dump(value);
    INFO("nlohmann: " << printable(expected));
    CHECK(cci::dump_json(value) == expected);
}

/// JSON-ish text: mostly valid documents in every form the grammar allows (escapes,
/// surrogate pairs, number forms, whitespace, duplicate keys, raw UTF-8), sometimes with
/// the near misses a reader must reject.
class TextGenerator {
public:
    explicit TextGenerator(std::uint32_t seed) : random_(seed) {}

    std::string document() {
        std::string out;
        if (chance(20)) out += "\xEF\xBB\xBF";
        value(out, 0);
        space(out);
        return out;
    }

    /// `text` with a few random edits.
    std::string mutated(std::string text) {
        constexpr std::string_view alphabet = "{}[],:\" \\/u0123456789abcdefABCDEF-+.eEtrnl\t\r\n\x01\x1F\x7F\x80\xBF\xC0\xC3\xED\xEF\xF0\xF4\xFF";
        const int edits = 1 + below(3);
        for (int i = 0; i < edits; ++i) {
            const std::size_t at = text.empty() ? 0 : below(text.size() + 1);
            const char byte = alphabet[below(alphabet.size())];
            switch (below(5)) {
                case 0: if (at < text.size()) text[at] = byte; break;
                case 1: text.insert(at, 1, byte); break;
                case 2: if (at < text.size()) text.erase(at, 1 + below(3)); break;
                case 3: text.resize(at); break;
                default: text.insert(at, text.substr(below(text.size() + 1), 1 + below(8))); break;
            }
        }
        return text;
    }

private:
    std::size_t below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }
    bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }

    void space(std::string& out) {
        constexpr std::string_view blanks = " \t\n\r";
        while (chance(25)) out += chance(97) ? blanks[below(blanks.size())] : "\f\v"[below(2)];
    }

    void value(std::string& out, int depth) {
        space(out);
        const std::size_t kind = depth > 6 ? 2 + below(5) : below(7);
        switch (kind) {
            case 0: array(out, depth); break;
            case 1: object(out, depth); break;
            case 2: case 3: string(out); break;
            case 4: case 5: number(out); break;
            default: {
                constexpr std::string_view literals[] = {"true", "false", "null", "tru", "nul", "True"};
                out += literals[chance(95) ? below(3) : 3 + below(3)];
            }
        }
        space(out);
    }

    void array(std::string& out, int depth) {
        out += '[';
        const std::size_t count = below(5);
        for (std::size_t i = 0; i < count; ++i) {
            if (i != 0) out += ',';
            value(out, depth + 1);
        }
        if (chance(2)) out += ',';
        space(out);
        out += ']';
    }

    void object(std::string& out, int depth) {
        out += '{';
        const std::size_t count = below(5);
        for (std::size_t i = 0; i < count; ++i) {
            if (i != 0) out += ',';
            space(out);
            if (chance(50)) {
                out += "\"k" + std::to_string(below(3)) + '"';  // often a key seen before
            } else {
                string(out);
            }
            space(out);
            out += ':';
            value(out, depth + 1);
        }
        if (chance(2)) out += ',';
        space(out);
        out += '}';
    }

    void hex4(std::string& out, std::uint32_t unit) {
        constexpr std::string_view digits = "0123456789abcdefABCDEF";
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) {
            const std::uint32_t digit = (unit >> shift) & 0xF;
            out += digit >= 10 && chance(50) ? digits[digit + 6] : digits[digit];
        }
    }

    void string(std::string& out) {
        out += '"';
        const std::size_t count = below(12);
        for (std::size_t i = 0; i < count; ++i) {
            switch (below(10)) {
                case 0: {  // a one-letter escape, sometimes one JSON does not have
                    out += '\\';
                    out += chance(97) ? "\"\\/bfnrt"[below(8)] : "x'0aU"[below(5)];
                    break;
                }
                case 1: hex4(out, static_cast<std::uint32_t>(below(0x10000))); break;
                case 2: {  // a surrogate pair, sometimes broken
                    hex4(out, 0xD800 + static_cast<std::uint32_t>(below(0x400)));
                    if (chance(90)) hex4(out, 0xDC00 + static_cast<std::uint32_t>(below(0x400)));
                    break;
                }
                case 3: {  // raw UTF-8 of a random code point, sometimes cut short or invalid
                    constexpr std::string_view samples[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF",
                                                            "\xEF\xBF\xBF", "\xED\x9F\xBF", "\xC2\x80", "\xE0\xA0\x80"};
                    constexpr std::string_view broken[] = {"\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\xFF", "\x80"};
                    out += chance(95) ? samples[below(std::size(samples))] : broken[below(std::size(broken))];
                    break;
                }
                case 4: if (chance(10)) out += static_cast<char>(below(0x20)); break;  // a raw control character
                default: out += static_cast<char>('a' + below(26)); break;
            }
        }
        out += '"';
    }

    void number(std::string& out) {
        if (chance(40)) out += '-';
        if (chance(5)) out += '+';
        switch (below(6)) {
            case 0: out += '0'; break;
            case 1: out += "18446744073709551615"; break;
            case 2: out += "9223372036854775808"; break;
            default: {
                const std::size_t length = 1 + below(chance(20) ? 30 : 6);
                out += static_cast<char>('1' + below(9));
                for (std::size_t i = 1; i < length; ++i) out += static_cast<char>('0' + below(10));
            }
        }
        if (chance(3)) out += '0';
        if (chance(30)) {
            out += '.';
            const std::size_t length = below(chance(10) ? 40 : 5) + (chance(97) ? 1 : 0);
            for (std::size_t i = 0; i < length; ++i) out += static_cast<char>('0' + below(10));
        }
        if (chance(25)) {
            out += chance(50) ? 'e' : 'E';
            if (chance(50)) out += chance(50) ? '+' : '-';
            const std::size_t length = below(4) + (chance(97) ? 1 : 0);
            for (std::size_t i = 0; i < length; ++i) out += static_cast<char>('0' + below(10));
        }
    }

    std::mt19937 random_;
};

}  // namespace

TEST_CASE("json text: a UTF-8 byte order mark, whitespace and what surrounds the value", "[json_text]") {
    for (const std::string_view text :
         {"", " ", "\xEF\xBB\xBF", "\xEF\xBB\xBF" "1", "\xEF\xBB\xBF \t\r\n1\n", "\xEF\xBB\xBF\xEF\xBB\xBF" "1",
          "\xEF\xBB" "1", "\xEF" "1", " \xEF\xBB\xBF" "1", "\xFE\xFF" "1", " \t\n\r1\r\n\t ", "\f1", "\v1", "1\f",
          "\xC2\xA0" "1", "1 2", "{} x", "[]]", "{}}", "1,", "\"a\"\"b\"", "null null", "/*c*/1", "1//c",
          "// c\n1", "[1/**/]", "#1", "1#"}) {
        check_same_as_nlohmann(text);
    }
    using namespace std::string_view_literals;
    for (const std::string_view text : {"1\0"sv, "\0"sv, " \0"sv, "\xEF\xBB\xBF\0"sv, "[\0]"sv, "[1\0]"sv, "tr\0ue"sv,
                                        "1\0x"sv, "[1] \0 \xFF{"sv, "{\"a\":1}\0\0"sv}) {
        check_same_as_nlohmann(text);
    }
    // nlohmann reads a NUL where a token may start as the end of the text.
    CHECK(cci::parse_json("[1] \0junk"sv) == json::array({1}));
}

TEST_CASE("json text: literals", "[json_text]") {
    for (const std::string_view text : {"true", "false", "null", "tru", "nul", "fals", "truex", "nullx", "True",
                                        "NULL", "t", "[true,false,null]", "[true false]", "truefalse"}) {
        check_same_as_nlohmann(text);
    }
}

TEST_CASE("json text: numbers and the types nlohmann gives them", "[json_text]") {
    for (const std::string_view text :
         {"0", "-0", "-0.0", "0.0", "1.0", "1E5", "1e5", "1E+5", "1e-5", "-1e-5", "1.5e+2", "0e0", "-0e0", "0.1",
          "01", "-01", "00", "1.", "1.e5", ".5", "-", "--1", "+1", "-a", "1e", "1e+", "1E-", "1e+-1", "0x10",
          "1_000", "Infinity", "-Infinity", "NaN", "1.5.2", "1e5e5", "[-]", "[1.]", "[01]", "9223372036854775807",
          "9223372036854775808", "18446744073709551615", "18446744073709551616", "-9223372036854775807",
          "-9223372036854775808", "-9223372036854775809", "-18446744073709551615", "-18446744073709551616",
          "99999999999999999999999", "-99999999999999999999999", "1e308", "1e309", "-1e309", "1e400", "[1e400]",
          "{\"a\":-1e400}", "1e-400", "-1e-400", "4.9e-324", "2.4e-324", "2.2250738585072014e-308",
          "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1.7976931348623157e+308",
          "123456789012345678901234567890e-10", "0.30000000000000004", "100000000000000000000000e-23",
          "1E0000000000000000000000000000005", "1e-0000000000000000000000000000005", "5e-0", "[0,-0,0.0,-0.0]"}) {
        check_same_as_nlohmann(text);
    }
    check_same_as_nlohmann("1" + std::string(400, '0'));
    check_same_as_nlohmann("0." + std::string(400, '0') + "1");
    check_same_as_nlohmann("1" + std::string(400, '0') + "e-400");
    CHECK(cci::parse_json("-0")->type() == json::value_t::number_integer);
    CHECK(cci::parse_json("18446744073709551615")->type() == json::value_t::number_unsigned);
    CHECK(cci::parse_json("18446744073709551616")->type() == json::value_t::number_float);
    CHECK(cci::parse_json("-9223372036854775808")->get<std::int64_t>() == std::numeric_limits<std::int64_t>::min());
    CHECK(cci::parse_json("-9223372036854775809")->type() == json::value_t::number_float);
    CHECK(cci::parse_json("1E5")->type() == json::value_t::number_float);
    CHECK_FALSE(cci::parse_json("1e309"));
}

TEST_CASE("json text: string escapes and surrogates", "[json_text]") {
    for (const std::string_view text :
         {R"("")", R"("a")", R"("\u0000")", R"("a\u0000b")", R"("\u001f")", R"("\u007F")", R"("\u00e9")",
          R"("\u00E9")", R"("\uFFFF")", R"("\uFEFF")", R"("\uD83D\uDE00")", R"("\ud83d\ude00")", R"("\uD800\uDC00")",
          R"("\uDBFF\uDFFF")", R"("\uD83D")", R"("\uDE00")", R"("\uDFFF")", R"("\uD83Dx")", R"("\uD83D\u0041")",
          R"("\uD83D\uD83D")", R"("\uD83D\\uDE00")", R"("\uD83D\n")", R"("\uDE00\uD83D")", R"("\u12")", R"("\u12G4")",
          R"("\u-123")", R"("\x41")", R"("\'")", R"("\a")", R"("\0")", R"("\U00E9")", R"("\/")",
          R"("\b\f\n\r\t\"\\")", R"("unterminated)", R"("\)", R"("\u)", R"("\uD83D\)", R"("\uD83D\u)",
          R"("\uD83D\uDE)", R"({"\u0000":1})", R"({"\uD83D":1})", R"(["\u0041\u00e9\u20AC\uD834\uDD1E"])"}) {
        check_same_as_nlohmann(text);
    }
}

TEST_CASE("json text: raw control characters and UTF-8 in strings", "[json_text]") {
    for (const std::string_view text :
         {"\"a\tb\"", "\"a\nb\"", "\"\x01\"", "\"\x1F\"", "\"\x7F\"", "\"\xC3\xA9\"", "\"\xE2\x82\xAC\"",
          "\"\xF0\x9F\x98\x80\"", "\"\xC0\x80\"", "\"\xC1\xBF\"", "\"\xC2\x80\"", "\"\xDF\xBF\"", "\"\xE0\x80\x80\"",
          "\"\xE0\x9F\xBF\"", "\"\xE0\xA0\x80\"", "\"\xED\x9F\xBF\"", "\"\xED\xA0\x80\"", "\"\xED\xBF\xBF\"",
          "\"\xEE\x80\x80\"", "\"\xEF\xBF\xBF\"", "\"\xF0\x8F\xBF\xBF\"", "\"\xF0\x90\x80\x80\"", "\"\xF4\x8F\xBF\xBF\"",
          "\"\xF4\x90\x80\x80\"", "\"\xF5\x80\x80\x80\"", "\"\xF8\x88\x80\x80\x80\"", "\"\xFE\"", "\"\xFF\"",
          "\"\x80\"", "\"\xBF\"", "\"\xC3\"", "\"\xC3", "\"\xE2\x82\"", "\"\xF0\x9F\x98\"", "\"\xC3(\"", "\"\xE2\x28\xA1\"",
          "\"\xF0\x28\x8C\x28\"", "\xC3\xA9", "[\xC3\xA9]", "{\"\xFF\":1}", "{\"\xC3\xA9\":\"\xE2\x82\xAC\"}"}) {
        check_same_as_nlohmann(text);
    }
    check_same_as_nlohmann(std::string_view("\"\0\"", 3));
    for (int c = 0; c < 0x20; ++c) check_same_as_nlohmann(std::string("\"") + static_cast<char>(c) + '"');
}

TEST_CASE("json text: arrays, objects and their punctuation", "[json_text]") {
    for (const std::string_view text :
         {"[]", "{}", "[[]]", "[{}]", "{\"a\":[]}", " [ 1 , 2 ] ", "[\n]\n", "{ \"a\" : 1 , \"b\" : [ ] }", "[1,]",
          "[,1]", "[,]", "{,}", "{\"a\":1,}", "{\"a\"}", "{\"a\":}", "{\"a\" 1}", "{1:1}", "{a:1}", "{'a':1}",
          "['a']", "[1 2]", "[1,,2]", "{\"a\":1 \"b\":2}", "{\"a\";1}", "[", "]", "{", "}", "[[]", "{\"a\":1",
          "{\"a\"", "[1", "[1,", ":", ",", "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":null}]}}}", "[[[[[[[[[[1]]]]]]]]]]",
          "{\"a\":[}", "[{]}", "[1}", "{\"a\":1]"}) {
        check_same_as_nlohmann(text);
    }
}

TEST_CASE("json text: a repeated key keeps its last value", "[json_text]") {
    for (const std::string_view text :
         {R"({"a":1,"a":2})", R"({"a":{"x":1},"a":2})", R"({"a":1,"a":{"x":1}})", R"({"a":[1,2],"a":[3]})",
          R"({"a":{"x":1},"a":{"y":2}})", R"({"b":1,"a":2,"b":3})", R"({"a":1,"\u0061":2})", R"([{"a":1,"a":null}])"}) {
        check_same_as_nlohmann(text);
    }
    CHECK(cci::parse_json(R"({"a":{"x":1},"a":{"y":2}})") == json::parse(R"({"a":{"y":2}})"));
}

TEST_CASE("json text: nesting a million deep reads and writes without recursion", "[json_text]") {
    constexpr std::size_t depth = 1'000'000;
    const std::string arrays = std::string(depth, '[') + std::string(depth, ']');
    const auto parsed = cci::parse_json(arrays);
    REQUIRE(parsed.has_value());
    CHECK(cci::dump_json(*parsed) == arrays);
    CHECK(nlohmann_parse(arrays).has_value());

    std::string objects;
    for (std::size_t i = 0; i < depth; ++i) objects += "{\"a\":";
    objects += "[1,\"x\"]" + std::string(depth, '}');
    const auto nested = cci::parse_json(objects);
    REQUIRE(nested.has_value());
    CHECK(cci::dump_json(*nested) == objects);

    CHECK_FALSE(cci::parse_json(std::string(depth, '[') + std::string(depth - 1, ']')));
    CHECK_FALSE(nlohmann_parse(std::string(depth, '[') + std::string(depth - 1, ']')));
}

TEST_CASE("json text: seeded random documents and their mutants read as nlohmann reads them", "[json_text]") {
    TextGenerator generator(20240611);
    std::size_t accepted = 0;
    std::size_t rejected = 0;
    for (int i = 0; i < 3000; ++i) {
        const std::string text = generator.document();
        for (const std::string& input : {text, generator.mutated(text), generator.mutated(text)}) {
            check_same_as_nlohmann(input);
            ++(nlohmann_parse(input) ? accepted : rejected);
        }
    }
    // Both outcomes are exercised in quantity.
    CHECK(accepted > 2000);
    CHECK(rejected > 2000);
}

TEST_CASE("json text: strings are written as nlohmann writes them, invalid UTF-8 as U+FFFD", "[json_text]") {
    std::string every_ascii;
    for (int c = 0; c < 0x80; ++c) every_ascii += static_cast<char>(c);
    check_dump_same_as_nlohmann(every_ascii);
    CHECK(cci::dump_json("\x01\x1F\x7F/\"\\\b\f\n\r\t") == R"("\u0001\u001f)" "\x7F" R"(/\"\\\b\f\n\r\t")");
    for (const std::string_view text :
         {"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", "\xC0\x80", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xE0\x9F\xBF",
          "\xED\xA0\x80", "a\xED\xA0\x80" "b", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFE\xFF",
          "\x80", "\x80\x80\x80", "\xC3", "\xC3(", "\xE2\x82", "\xE2\x82(", "\xE2\x82\xACx\xE2\x82", "\xF0\x9F\x98",
          "\xF0\x9F\x98\x80\xF0", "\xF0\x9F\x98(", "\xF0\x28\x8C\x28", "\xE2\x28\xA1", "\xC3\xC3\xA9", "\xED\x9F\xBF",
          "\xEF\xBF\xBD", "\xF4\x8F\xBF\xBF\xF4", "x\xC3"}) {
        check_dump_same_as_nlohmann(std::string(text));
        check_dump_same_as_nlohmann(json{{std::string(text), std::string(text)}});
    }
    CHECK(cci::dump_json("\xF0\x9F\x98(\xFF") == "\"\xEF\xBF\xBD(\xEF\xBF\xBD\"");
}

TEST_CASE("json text: numbers, literals and containers are written as nlohmann writes them", "[json_text]") {
    constexpr double inf = std::numeric_limits<double>::infinity();
    for (const json& value :
         {json(nullptr), json(true), json(false), json(0), json(-1), json(std::numeric_limits<std::int64_t>::min()),
          json(std::numeric_limits<std::int64_t>::max()), json(std::numeric_limits<std::uint64_t>::max()), json(0u),
          json(0.0), json(-0.0), json(1.0), json(-1.5), json(0.1), json(1e15), json(1e16), json(1e17), json(1e21),
          json(1e22), json(123456789.0), json(1e100), json(1e-5), json(1e-300), json(5e-324), json(-2.2250738585072014e-308),
          json(std::numeric_limits<double>::max()), json(std::numeric_limits<double>::quiet_NaN()), json(inf), json(-inf),
          json::array(), json::object(), json::array({json::array(), json::object(), 1, "a"}),
          json{{"b", 1}, {"a", json{{"d", json::array({1, 2})}, {"c", json::object()}}}},
          json::binary({}), json::binary({1, 2, 255}), json::binary({7}, 42), json::binary({}, 0),
          json(json::value_t::discarded), json::array({json(json::value_t::discarded), json::binary({1})})}) {
        check_dump_same_as_nlohmann(value);
    }
    std::mt19937_64 random(7);
    for (int i = 0; i < 20000; ++i) {
        const std::uint64_t bits = random();
        double d = 0;
        std::memcpy(&d, &bits, sizeof d);
        check_dump_same_as_nlohmann(d);
        check_dump_same_as_nlohmann(static_cast<std::int64_t>(bits));
        check_dump_same_as_nlohmann(bits >> (bits % 64));
    }
}
