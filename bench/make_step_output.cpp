// Writes a reproducible synthetic CircleCI step output (the JSON array behind `output_url`)
// of about BYTES bytes, and optionally the text `jq -r '.[].message'` would print for it.
// Usage: make_step_output BYTES OUT.json [OUT.txt] [SEED]
//
// The terminal stream mixes what a long C++/Python/Node job prints: CMake progress, long
// compiler command lines (with `-Werror=…`), gcc warnings with snippets, npm `\r` progress
// bars with `ESC[K`, docker pull layers redrawn with cursor-up/`ESC[2K`, pytest progress in
// colour, timestamped service logs, minified JSON lines of up to 2 MB, UTF-8 (some as `\u`
// escapes, surrogate pairs included), Windows paths, tabs and CRLF line ends. Elements of
// up to ~5 MB cut the stream anywhere (lines span elements). The real failure sits deep
// inside: a gcc error at 55 %, a pytest failure at 80 %, then `make: *** … Error 2` and a
// separate `err` element `Exited with code exit status 1`.
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // Uniform in [lo, hi].
    std::uint64_t range(std::uint64_t lo, std::uint64_t hi) { return lo + next() % (hi - lo + 1); }
    bool chance(unsigned percent) { return next() % 100 < percent; }
    template <typename T>
    const T& pick(const std::vector<T>& items) { return items[next() % items.size()]; }

private:
    std::uint64_t state_;
};

const std::vector<std::string> words{
    "core",   "parser",  "lexer",    "runtime", "net",    "http",    "storage", "cache",   "auth",
    "config", "metrics", "schedule", "worker",  "queue",  "codec",   "json",    "yaml",    "render",
    "layout", "index",   "query",    "plan",    "exec",   "vector",  "buffer",  "stream",  "error_reporting",
    "util",   "format",  "crypto",   "tls",     "socket", "session", "router",  "handler", "model",
};
const std::vector<std::string> packages{
    "lodash", "react", "react-dom", "typescript", "webpack", "babel-loader", "@babel/core", "eslint", "jest",
    "express", "axios", "chalk", "commander", "debug", "semver", "uuid", "yargs", "rxjs", "zone.js", "tslib",
};
const std::vector<std::string> levels{"INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "INFO ", "DEBUG"};

std::string num(std::uint64_t n) { return std::to_string(n); }

std::string hex(Random& r, int digits) {
    static constexpr char d[] = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < digits; ++i) out += d[r.next() & 15];
    return out;
}

std::string path(Random& r) {
    return "src/" + r.pick(words) + "/" + r.pick(words) + "_" + num(r.range(1, 400)) + ".cpp";
}

constexpr std::string_view crlf = "\r\n";

void cmake_block(Random& r, std::string& out) {
    const std::uint64_t lines = r.range(20, 200);
    for (std::uint64_t i = 0; i < lines; ++i) {
        const std::string src = path(r);
        out += "[" + std::string(r.chance(50) ? " " : "") + num(r.range(1, 99)) + "%] \x1b[32mBuilding CXX object "
               "src/CMakeFiles/" + r.pick(words) + ".dir/" + src.substr(4) + ".o\x1b[0m";
        out += crlf;
        if (r.chance(35)) {
            out += "/usr/bin/c++ -DNDEBUG -DCCI_VERSION=\\\"1.2." + num(r.range(0, 99)) + "\\\" -DBOOST_ALL_NO_LIB";
            const std::uint64_t includes = r.range(6, 40);
            for (std::uint64_t k = 0; k < includes; ++k) {
                out += k % 3 == 0 ? " -isystem /home/circleci/project/third_party/" : " -I/home/circleci/project/";
                out += r.pick(words) + "/include";
            }
            out += " -O2 -g -fPIC -Wall -Wextra -Wpedantic -Werror=return-type -Werror=format-security -Wshadow"
                   " -std=c++17 -MD -MT src/CMakeFiles/core.dir/" + src + ".o -MF src/CMakeFiles/core.dir/" + src +
                   ".o.d -o src/CMakeFiles/core.dir/" + src + ".o -c /home/circleci/project/" + src;
            out += crlf;
        }
        if (r.chance(3)) {
            const std::string line = num(r.range(10, 900));
            out += "\x1b[01m\x1b[K" + src + ":" + line + ":" + num(r.range(3, 60)) +
                   ":\x1b[m\x1b[K \x1b[01;35m\x1b[Kwarning: \x1b[m\x1b[Kunused variable \xE2\x80\x98\x1b[01m\x1b[Ktmp_" +
                   num(r.range(0, 9)) + "\x1b[m\x1b[K\xE2\x80\x99 [\x1b[01;35m\x1b[K-Wunused-variable\x1b[m\x1b[K]";
            out += crlf;
            out += "  " + line + " |     auto tmp = compute(\"" + r.pick(words) + "\\n\", x);";
            out += crlf;
            out += "      |          \x1b[01;35m\x1b[K^~~\x1b[m\x1b[K";
            out += crlf;
        }
    }
}

void npm_block(Random& r, std::string& out) {
    const std::uint64_t frames = r.range(20, 120);
    static const char* const spin[] = {"\xE2\xA0\x8B", "\xE2\xA0\x99", "\xE2\xA0\xB9", "\xE2\xA0\xB8"};
    for (std::uint64_t i = 0; i < frames; ++i) {
        const std::uint64_t done = i * 18 / frames;
        out += "\r\x1b[K\xE2\xB8\xA8";
        out.append(done, '#');
        for (std::uint64_t k = done; k < 18; ++k) out += "\xE2\xA0\x82";
        out += "\xE2\xB8\xA9 ";
        out += spin[i % 4];
        out += " reify:" + r.pick(packages) + ": \x1b[32mtiming\x1b[0m reifyNode:node_modules/" + r.pick(packages) +
               " Completed in " + num(r.range(1, 900)) + "ms";
    }
    out += "\r\x1b[K";
    if (r.chance(40)) {
        out += "npm WARN deprecated " + r.pick(packages) + "@" + num(r.range(1, 9)) + ".0." + num(r.range(0, 20)) +
               ": this version is no longer supported, please update";
        out += crlf;
    }
    out += "\r\nadded " + num(r.range(100, 2000)) + " packages, and audited " + num(r.range(100, 2000)) +
           " packages in " + num(r.range(5, 90)) + "s";
    out += crlf;
    out += "found \x1b[32m\x1b[1m0\x1b[22m\x1b[39m vulnerabilities";
    out += crlf;
}

void docker_block(Random& r, std::string& out) {
    const std::uint64_t layers = r.range(3, 9);
    std::vector<std::string> ids;
    out += "latest: Pulling from cimg/" + r.pick(words);
    out += crlf;
    for (std::uint64_t i = 0; i < layers; ++i) {
        ids.push_back(hex(r, 12));
        out += ids.back() + ": Pulling fs layer";
        out += crlf;
    }
    const std::uint64_t updates = r.range(30, 150);
    for (std::uint64_t u = 0; u < updates; ++u) {
        const std::uint64_t k = r.next() % layers;
        const std::uint64_t up = layers - k;
        const std::uint64_t pct = u * 50 / updates;
        out += "\x1b[" + num(up) + "A\x1b[2K\r" + ids[k] + ": Downloading [" + std::string(pct, '=') + ">" +
               std::string(50 - pct, ' ') + "]  " + num(r.range(1, 99)) + "." + num(r.range(0, 9)) + "MB/" +
               num(r.range(100, 400)) + "MB\r\x1b[" + num(up) + "B";
    }
    for (const auto& id : ids) {
        out += id + ": Pull complete";
        out += crlf;
    }
    out += "Digest: sha256:" + hex(r, 64);
    out += crlf;
    out += "Status: Downloaded newer image for cimg/" + r.pick(words) + ":2024.05";
    out += crlf;
}

void pytest_block(Random& r, std::string& out) {
    const std::uint64_t lines = r.range(50, 400);
    const std::string file = "tests/unit/test_" + r.pick(words) + "_" + num(r.range(1, 80)) + ".py";
    for (std::uint64_t i = 0; i < lines; ++i) {
        const bool skipped = r.chance(3);
        out += file + "::test_" + r.pick(words) + "_" + num(i) + (r.chance(20) ? "[param-" + num(i % 7) + "]" : "") +
               (skipped ? " \x1b[33mSKIPPED\x1b[0m" : " \x1b[32mPASSED\x1b[0m") + "\x1b[32m" + std::string(r.range(1, 30), ' ') +
               "[" + num(r.range(1, 99)) + "%]\x1b[0m";
        out += crlf;
    }
}

void service_block(Random& r, std::string& out) {
    const std::uint64_t lines = r.range(30, 300);
    for (std::uint64_t i = 0; i < lines; ++i) {
        char stamp[64];
        std::snprintf(stamp, sizeof stamp, "2024-05-01T%02d:%02d:%02d.%03dZ", static_cast<int>(r.range(10, 13)),
                      static_cast<int>(r.range(0, 59)), static_cast<int>(r.range(0, 59)),
                      static_cast<int>(r.range(0, 999)));
        out += stamp;
        out += " " + r.pick(levels) + " [worker-" + num(r.range(0, 15)) + "] " + r.pick(words) + "." + r.pick(words);
        switch (r.next() % 6) {
            case 0: out += ": processed batch " + num(r.range(1, 99999)) + " in " + num(r.range(1, 999)) + "ms (errors=0, retries=0)"; break;
            case 1: out += ": GET /api/v2/" + r.pick(words) + "/" + hex(r, 8) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 12) + " 200 " + num(r.range(1, 300)) + "ms"; break;
            case 2: out += ": cache hit ratio 0." + num(r.range(10, 99)) + " \xE2\x86\x92 evicted " + num(r.range(0, 500)) + " keys"; break;
            case 3: out += ": loaded C:\\Users\\circleci\\AppData\\Local\\Temp\\" + r.pick(words) + "\\\"settings\".json\t(ok)"; break;
            case 4: out += ": \xE2\x9C\x93 health check passed \xF0\x9F\x9A\x80 (latency " + num(r.range(1, 50)) + " ms, \xC3\xA9tat=ok)"; break;
            default: out += ": error_budget remaining " + num(r.range(0, 100)) + "% for handler " + r.pick(words); break;
        }
        out += crlf;
    }
}

void jest_block(Random& r, std::string& out) {
    const std::uint64_t suites = r.range(3, 20);
    for (std::uint64_t s = 0; s < suites; ++s) {
        out += "\x1b[0m\x1b[7m\x1b[1m\x1b[32m PASS \x1b[39m\x1b[22m\x1b[27m\x1b[0m \x1b[2msrc/components/\x1b[22m\x1b[1m" +
               r.pick(words) + ".test.tsx\x1b[22m (" + num(r.range(1, 20)) + "." + num(r.range(0, 999)) + " s)";
        out += crlf;
        const std::uint64_t tests = r.range(2, 15);
        for (std::uint64_t t = 0; t < tests; ++t) {
            out += "    \x1b[32m\xE2\x9C\x93\x1b[39m \x1b[2mrenders the " + r.pick(words) + " view with ErrorBoundary (" +
                   num(r.range(1, 300)) + " ms)\x1b[22m";
            out += crlf;
        }
    }
}

void minified_line(Random& r, std::string& out) {
    const std::uint64_t target = r.chance(5) ? r.range(500000, 2000000) : r.range(5000, 200000);
    const std::size_t start = out.size();
    out += "{\"version\":\"5.91.0\",\"hash\":\"" + hex(r, 20) + "\",\"assets\":[";
    while (out.size() - start < target) {
        out += "{\"name\":\"static/js/" + r.pick(words) + "." + hex(r, 8) + ".chunk.js\",\"size\":" +
               num(r.range(100, 999999)) + ",\"emitted\":true,\"chunkNames\":[\"" + r.pick(words) +
               "\"],\"info\":{\"minimized\":true,\"related\":{\"sourceMap\":\"" + r.pick(words) + ".js.map\"}}},";
    }
    out += "{}]}";
    out += crlf;
}

void gcc_error(std::string& out) {
    out +=
        "[ 61%] \x1b[32mBuilding CXX object src/CMakeFiles/core.dir/parser/expr.cpp.o\x1b[0m\r\n"
        "\x1b[01m\x1b[K/home/circleci/project/src/parser/expr.cpp:\x1b[m\x1b[K In member function "
        "\xE2\x80\x98\x1b[01m\x1b[KNode Parser::parse_primary()\x1b[m\x1b[K\xE2\x80\x99:\r\n"
        "\x1b[01m\x1b[K/home/circleci/project/src/parser/expr.cpp:212:19:\x1b[m\x1b[K \x1b[01;31m\x1b[Kerror: "
        "\x1b[m\x1b[K\xE2\x80\x98\x1b[01m\x1b[Kstruct Token\x1b[m\x1b[K\xE2\x80\x99 has no member named "
        "\xE2\x80\x98\x1b[01m\x1b[Kkind\x1b[m\x1b[K\xE2\x80\x99\r\n"
        "  212 |     switch (tok.\x1b[01;31m\x1b[Kkind\x1b[m\x1b[K) {\r\n"
        "      |                 \x1b[01;31m\x1b[K^~~~\x1b[m\x1b[K\r\n"
        "make[2]: *** [src/CMakeFiles/core.dir/build.make:1234: src/CMakeFiles/core.dir/parser/expr.cpp.o] Error 1\r\n"
        "make[2]: *** Waiting for unfinished jobs....\r\n";
}

void pytest_failure(std::string& out) {
    out +=
        "\x1b[31m=================================== FAILURES ===================================\x1b[0m\r\n"
        "\x1b[31m\x1b[1m______________________________ test_retry_backoff ______________________________\x1b[0m\r\n"
        "\r\n"
        "    def test_retry_backoff():\r\n"
        ">       assert backoff(3) == 4\r\n"
        "\x1b[1m\x1b[31mE       assert 3 == 4\x1b[0m\r\n"
        "\x1b[1m\x1b[31mE        +  where 3 = backoff(3)\x1b[0m\r\n"
        "\r\n"
        "\x1b[1m\x1b[31mtests/test_api.py\x1b[0m:88: AssertionError\r\n"
        "\x1b[36m=========================== short test summary info ============================\x1b[0m\r\n"
        "\x1b[31mFAILED\x1b[0m tests/test_api.py::\x1b[1mtest_retry_backoff\x1b[0m - assert 3 == 4\r\n"
        "\x1b[31m=================== \x1b[31m\x1b[1m1 failed\x1b[0m, \x1b[32m2345 passed\x1b[0m\x1b[31m in 123.45s "
        "(0:02:03)\x1b[0m\x1b[31m ===================\x1b[0m\r\n";
}

// JSON string body for `text`; one in four non-ASCII characters becomes a `\u` escape.
void escape(std::string_view text, std::string& out, Random& r) {
    static constexpr char hexd[] = "0123456789abcdef";
    const auto u4 = [&](std::uint32_t v) {
        out += "\\u";
        for (int s = 12; s >= 0; s -= 4) out += hexd[(v >> s) & 15];
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '"') {
            out += "\\\"";
        } else if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20) {
            u4(c);
        } else if (c >= 0xC0 && r.chance(25)) {
            const int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
            std::uint32_t cp = c & (0x3F >> more);
            for (int k = 1; k <= more; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
            i += static_cast<std::size_t>(more);
            if (cp >= 0x10000) {
                cp -= 0x10000;
                u4(0xD800 + (cp >> 10));
                u4(0xDC00 + (cp & 0x3FF));
            } else {
                u4(cp);
            }
        } else {
            out += static_cast<char>(c);
        }
    }
}

// Where to cut `text` at or before `at` without splitting a UTF-8 character.
std::size_t boundary(std::string_view text, std::size_t at) {
    while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
    return at;
}

class Writer {
public:
    Writer(std::FILE* json, std::FILE* text, Random& r) : json_(json), text_(text), r_(r) { buffer_ = "["; }

    void element(std::string_view message, const char* type) {
        if (count_++ > 0) buffer_ += ',';
        buffer_ += "{\"message\":\"";
        escape(message, buffer_, r_);
        char stamp[80];
        ms_ += r_.range(1, 4000);
        std::snprintf(stamp, sizeof stamp, "\",\"time\":\"2024-05-01T%02" PRIu64 ":%02" PRIu64 ":%02" PRIu64 ".%03" PRIu64 "Z\",\"type\":\"%s\"}",
                      (ms_ / 3600000) % 24, (ms_ / 60000) % 60, (ms_ / 1000) % 60, ms_ % 1000, type);
        buffer_ += stamp;
        if (text_) {
            std::fwrite(message.data(), 1, message.size(), text_);
            std::fputc('\n', text_);
        }
        if (buffer_.size() > (8u << 20)) drain();
    }
    void close() {
        buffer_ += "]\n";
        drain();
    }
    [[nodiscard]] std::uint64_t written() const { return written_ + buffer_.size(); }

private:
    void drain() {
        std::fwrite(buffer_.data(), 1, buffer_.size(), json_);
        written_ += buffer_.size();
        buffer_.clear();
    }

    std::FILE* json_;
    std::FILE* text_;
    Random& r_;
    std::string buffer_;
    std::uint64_t written_ = 0;
    std::uint64_t count_ = 0;
    std::uint64_t ms_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: make_step_output BYTES OUT.json [OUT.txt] [SEED]\n");
        return 2;
    }
    const std::uint64_t total = std::strtoull(argv[1], nullptr, 10);
    std::FILE* json = std::fopen(argv[2], "wb");
    std::FILE* text = argc > 3 && std::string_view(argv[3]) != "-" ? std::fopen(argv[3], "wb") : nullptr;
    if (!json || (argc > 3 && std::string_view(argv[3]) != "-" && !text)) {
        std::fprintf(stderr, "make_step_output: cannot open the output files\n");
        return 2;
    }
    Random r(argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 20240501);
    Writer writer(json, text, r);
    std::string stream;
    bool gcc_done = false;
    bool pytest_done = false;
    const std::uint64_t body = total > 4096 ? total - 4096 : total;
    // The stream is longer than the JSON it becomes by less than escaping adds; stop on the JSON size.
    while (writer.written() < body) {
        const std::uint64_t element = r.chance(70) ? r.range(1000, 65536) : r.chance(80) ? r.range(65536, 1u << 20) : r.range(1u << 20, 5000000);
        while (stream.size() < element) {
            const double at = static_cast<double>(writer.written()) / static_cast<double>(body);
            if (!gcc_done && at >= 0.55) {
                gcc_error(stream);
                gcc_done = true;
            } else if (!pytest_done && at >= 0.80) {
                pytest_failure(stream);
                pytest_done = true;
            }
            switch (r.next() % 20) {
                case 0: case 1: case 2: case 3: case 4: cmake_block(r, stream); break;
                case 5: case 6: npm_block(r, stream); break;
                case 7: docker_block(r, stream); break;
                case 8: case 9: case 10: pytest_block(r, stream); break;
                case 11: case 12: case 13: case 14: service_block(r, stream); break;
                case 15: case 16: jest_block(r, stream); break;
                default: minified_line(r, stream); break;
            }
        }
        const std::size_t cut = boundary(stream, static_cast<std::size_t>(element));
        writer.element(std::string_view(stream).substr(0, cut), r.chance(10) ? "err" : "out");
        stream.erase(0, cut);
    }
    if (!gcc_done) gcc_error(stream);
    if (!pytest_done) pytest_failure(stream);
    stream += "make: *** [Makefile:146: all] Error 2\r\n";
    writer.element(stream, "out");
    writer.element("\nExited with code exit status 1\n", "err");
    writer.close();
    const bool ok = std::fclose(json) == 0 && (!text || std::fclose(text) == 0);
    return ok ? 0 : 1;
}
