#include "cci/log/fingerprint.hpp"

#include <re2/re2.h>

#include <array>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "fnv1a.hpp"

namespace cci::log {
namespace {

// Applied in order: wider shapes before the numbers they contain.
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> replacements{{
    {R"(\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)", "<uuid>"},
    {R"(\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?|\b\d\d:\d\d:\d\d(?:[.,]\d+)?Z?)",
     "<time>"},
    {R"((?:/tmp|/var/folders|/private/var/folders|/var/tmp|[A-Za-z]:\\Users\\[^\\\s]+\\AppData\\Local\\Temp)[/\\][^\s'":,)\]]*)",
     "<tmp>"},
    {R"(\b(?:0x[0-9a-fA-F]+|[0-9a-f]{7,64})\b)", "<hex>"},
    {R"(\b\d+(?:\.\d+)?\s?(?:ms|s|sec|seconds|m|min|minutes|h)\b|\b\d+m\d+(?:\.\d+)?s\b)", "<duration>"},
    {R"((\b(?:localhost|\d{1,3}(?:\.\d{1,3}){3}|[\w.-]+\.(?:com|org|net|io|dev|test|local|internal|svc))|\]):\d{2,5}\b)",
     "\\1:<port>"},
    {R"(\d+)", "<n>"},
}};

struct Compiled {
    std::vector<std::unique_ptr<re2::RE2>> regexes;
};

const Compiled& compiled() {
    static const Compiled instance = [] {
        re2::RE2::Options opts;
        opts.set_log_errors(false);
        Compiled c;
        for (const auto& [regex, placeholder] : replacements) {
            c.regexes.push_back(std::make_unique<re2::RE2>(re2::StringPiece(regex.data(), regex.size()), opts));
        }
        return c;
    }();
    return instance;
}

}  // namespace

std::string fingerprint_template(std::string_view line) {
    std::string out(line);
    const Compiled& c = compiled();
    for (std::size_t i = 0; i < replacements.size(); ++i) {
        const auto placeholder = replacements[i].second;
        re2::RE2::GlobalReplace(&out, *c.regexes[i], re2::StringPiece(placeholder.data(), placeholder.size()));
    }
    return out;
}

std::string fingerprint(std::string_view rule, std::string_view step, std::string_view line) {
    constexpr std::string_view separator("\x1f", 1);
    std::uint64_t hash = fnv1a(rule);
    hash = fnv1a(separator, hash);
    hash = fnv1a(step, hash);
    hash = fnv1a(separator, hash);
    hash = fnv1a(fingerprint_template(line), hash);
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = digits[hash & 0xF];
        hash >>= 4;
    }
    return out;
}

}  // namespace cci::log
