#include "cci/log/problem_matcher.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "ascii.hpp"
#include "cci/json_text.hpp"

namespace cci::log {
namespace {

using json = nlohmann::json;

using ascii::is_hex;

// A character RE2 takes in a capture-group name.
bool is_word(char c) { return ascii::is_alnum(c) || c == '_'; }

Error matcher_error(ErrorCode code, std::string_view owner, std::string_view what) {
    std::string detail = "matcher '";
    detail.append(owner.data(), owner.size());
    detail += "': ";
    detail.append(what.data(), what.size());
    return Error{code, 0, std::move(detail)};
}

std::optional<int> group_at(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()) return std::nullopt;
    const auto value = it->get<std::int64_t>();
    if (value < 0 || value > 1000) return -1;
    return static_cast<int>(value);
}

// Reads one matcher; returns an error instead when it cannot run.
std::optional<Error> read_matcher(const json& m, ProblemMatcher& out) {
    if (!m.is_object()) return Error{ErrorCode::matcher_json_invalid, 0, "a matcher is not an object"};
    const auto owner = m.find("owner");
    if (owner == m.end() || !owner->is_string() || owner->get<std::string>().empty()) {
        return Error{ErrorCode::matcher_field_missing, 0, "a matcher has no `owner`"};
    }
    out.owner = owner->get<std::string>();
    const auto severity = m.find("severity");
    if (severity != m.end() && severity->is_string()) out.severity = parse_severity(severity->get<std::string>());
    const auto patterns = m.find("pattern");
    if (patterns == m.end() || !patterns->is_array() || patterns->empty()) {
        return matcher_error(ErrorCode::matcher_field_missing, out.owner, "no `pattern` array");
    }
    for (std::size_t i = 0; i < patterns->size(); ++i) {
        const json& p = (*patterns)[i];
        const auto regexp = p.is_object() ? p.find("regexp") : p.end();
        if (!p.is_object() || regexp == p.end() || !regexp->is_string()) {
            return matcher_error(ErrorCode::matcher_field_missing, out.owner,
                                 "pattern " + std::to_string(i) + " has no `regexp`");
        }
        const auto flags = p.find("flags");
        const std::string flag_text = flags != p.end() && flags->is_string() ? flags->get<std::string>() : "";
        Translation t = translate_js_regex(regexp->get<std::string>(), flag_text, out.owner);
        if (t.error) return t.error;
        re2::RE2::Options opts;
        opts.set_log_errors(false);
        opts.set_max_mem(matcher_max_mem);
        auto re = std::make_shared<const re2::RE2>(t.pattern, opts);
        if (!re->ok()) {
            const bool too_big = re->error_code() == re2::RE2::ErrorPatternTooLarge ||
                                 re->error_code() == re2::RE2::ErrorRepeatSize;
            return matcher_error(too_big ? ErrorCode::matcher_regex_too_complex : ErrorCode::matcher_regex_invalid,
                                 out.owner, re->error());
        }
        MatcherPattern pattern;
        pattern.regex = re;
        pattern.file = group_at(p, "file");
        pattern.line = group_at(p, "line");
        pattern.column = group_at(p, "column");
        pattern.severity = group_at(p, "severity");
        pattern.code = group_at(p, "code");
        pattern.message = group_at(p, "message");
        const auto loop = p.find("loop");
        pattern.loop = loop != p.end() && loop->is_boolean() && loop->get<bool>();
        for (const auto& group : {pattern.file, pattern.line, pattern.column, pattern.severity, pattern.code,
                                  pattern.message}) {
            if (group && (*group < 0 || *group > re->NumberOfCapturingGroups())) {
                return matcher_error(ErrorCode::matcher_group_invalid, out.owner,
                                     "pattern " + std::to_string(i) + " maps a field to group " +
                                         std::to_string(*group) + " of " +
                                         std::to_string(re->NumberOfCapturingGroups()));
            }
        }
        out.patterns.push_back(std::move(pattern));
    }
    return std::nullopt;
}

}  // namespace

Translation translate_js_regex(std::string_view js, std::string_view flags, std::string_view owner) {
    Translation out;
    std::string prefix;
    for (const char f : flags) {
        if ((f == 'i' || f == 'm' || f == 's') && prefix.find(f) == std::string::npos) prefix.push_back(f);
    }
    if (!prefix.empty()) out.pattern = "(?" + prefix + ")";
    bool in_class = false;
    for (std::size_t i = 0; i < js.size(); ++i) {
        const char c = js[i];
        const std::string_view rest = js.substr(i);
        if (c == '\\' && i + 1 < js.size()) {
            const char n = js[i + 1];
            if (!in_class && n >= '1' && n <= '9') {
                out.error = matcher_error(ErrorCode::matcher_backreference, owner,
                                          "backreference \\" + std::string(1, n));
                return out;
            }
            if (n == 'k' && i + 2 < js.size() && js[i + 2] == '<') {
                out.error = matcher_error(ErrorCode::matcher_backreference, owner, "named backreference \\k<…>");
                return out;
            }
            if (n == 'p' || n == 'P') {  // the module ships without RE2's Unicode tables (README)
                std::size_t end = i + 3;  // `\pL`
                if (i + 2 < js.size() && js[i + 2] == '{') {
                    const std::size_t close = js.find('}', i + 2);
                    if (close != std::string_view::npos && close - i <= 40) end = close + 1;
                }
                out.error = matcher_error(ErrorCode::matcher_unicode_property, owner,
                                          "Unicode property class " + std::string(js.substr(i, end - i)));
                return out;
            }
            if (n == 'u' && i + 5 < js.size() && is_hex(js[i + 2]) && is_hex(js[i + 3]) && is_hex(js[i + 4]) &&
                is_hex(js[i + 5])) {
                out.pattern += "\\x{" + std::string(js.substr(i + 2, 4)) + "}";
                i += 5;
                continue;
            }
            if (n == '/') {
                out.pattern += '/';
                ++i;
                continue;
            }
            out.pattern += c;
            out.pattern += n;
            ++i;
            continue;
        }
        if (in_class) {
            if (c == ']') in_class = false;
            out.pattern += c;
            continue;
        }
        if (rest.substr(0, 3) == "[^]") {
            out.pattern += "[\\s\\S]";
            i += 2;
            continue;
        }
        if (c == '[') {
            in_class = true;
            out.pattern += c;
            if (i + 1 < js.size() && js[i + 1] == '^') {
                out.pattern += '^';
                ++i;
            }
            if (i + 1 < js.size() && js[i + 1] == ']') {  // a leading `]` is literal
                out.pattern += "\\]";
                ++i;
            }
            continue;
        }
        if (rest.substr(0, 4) == "(?<=" || rest.substr(0, 4) == "(?<!") {
            out.error = matcher_error(ErrorCode::matcher_lookaround, owner,
                                      std::string("lookbehind ") + std::string(rest.substr(0, 4)));
            return out;
        }
        if (rest.substr(0, 3) == "(?=" || rest.substr(0, 3) == "(?!") {
            out.error = matcher_error(ErrorCode::matcher_lookaround, owner,
                                      std::string("lookahead ") + std::string(rest.substr(0, 3)));
            return out;
        }
        if (rest.substr(0, 3) == "(?<") {
            // Fields name groups by number, so a name RE2 does not take but JavaScript does
            // (`$`, non-ASCII letters) is dropped; other names are left to RE2.
            const std::size_t close = rest.find('>');
            const std::string_view name = close == std::string_view::npos ? std::string_view() : rest.substr(3, close - 3);
            const auto word = [](char ch) { return is_word(ch) || ch == '$' || static_cast<unsigned char>(ch) >= 0x80; };
            if (!name.empty() && !std::all_of(name.begin(), name.end(), is_word) && std::all_of(name.begin(), name.end(), word)) {
                out.pattern += '(';
                i += close;
            } else {
                out.pattern += "(?P<";
                i += 2;
            }
            continue;
        }
        out.pattern += c;
    }
    return out;
}

MatcherImport import_problem_matchers(std::string_view text) {
    MatcherImport out;
    const auto parsed = parse_json(text);
    if (!parsed) {
        out.errors.push_back({ErrorCode::matcher_json_invalid, 0, "not valid JSON"});
        return out;
    }
    // Matchers are read in place: copying a document nested arbitrarily deep would recurse.
    const json& doc = *parsed;
    std::vector<const json*> list;
    const auto wrapped = doc.is_object() ? doc.find("problemMatcher") : doc.end();
    const json* array = wrapped != doc.end() ? &*wrapped : doc.is_array() ? &doc : nullptr;
    if (array != nullptr && array->is_array()) {
        for (const auto& m : *array) list.push_back(&m);
    } else if (array == nullptr && doc.is_object()) {
        list.push_back(&doc);
    } else {
        out.errors.push_back({ErrorCode::matcher_json_invalid, 0, "`problemMatcher` is not an array"});
        return out;
    }
    for (const json* m : list) {
        ProblemMatcher matcher;
        if (auto error = read_matcher(*m, matcher)) {
            out.errors.push_back(std::move(*error));
        } else {
            out.matchers.push_back(std::move(matcher));
        }
    }
    return out;
}

MatcherRunner::MatcherRunner(std::vector<ProblemMatcher> matchers)
    : matchers_(std::move(matchers)), progress_(matchers_.size()) {}

void MatcherRunner::reset() {
    for (auto& p : progress_) p = Progress{};
}

std::vector<MatcherHit> MatcherRunner::feed_line(std::string_view line) {
    std::vector<MatcherHit> hits;
    for (std::size_t m = 0; m < matchers_.size(); ++m) {
        const ProblemMatcher& matcher = matchers_[m];
        Progress& progress = progress_[m];
        const auto try_pattern = [&](std::size_t index) {
            const MatcherPattern& p = matcher.patterns[index];
            const int groups = p.regex->NumberOfCapturingGroups();
            std::vector<re2::StringPiece> sub(static_cast<std::size_t>(groups) + 1);
            if (!p.regex->Match(re2::StringPiece(line.data(), line.size()), 0, line.size(), re2::RE2::UNANCHORED,
                                sub.data(), groups + 1)) {
                return false;
            }
            const auto text = [&](const std::optional<int>& g) -> std::optional<std::string> {
                if (!g || *g <= 0 || sub[static_cast<std::size_t>(*g)].data() == nullptr) return std::nullopt;
                const auto& piece = sub[static_cast<std::size_t>(*g)];
                return std::string(piece.data(), piece.size());
            };
            if (auto v = text(p.file)) progress.captures.file = v;
            if (auto v = text(p.line)) progress.captures.line = parse_number(*v);
            if (auto v = text(p.column)) progress.captures.column = parse_number(*v);
            if (auto v = text(p.code)) progress.captures.code = v;
            if (auto v = text(p.message)) progress.captures.message = v;
            if (auto v = text(p.severity)) progress.severity = parse_severity(*v);
            return true;
        };
        const std::size_t last = matcher.patterns.size() - 1;
        const auto emit = [&] {
            hits.push_back({m, progress.severity.value_or(matcher.severity.value_or(Severity::error)),
                            progress.captures});
        };
        if (progress.next > 0) {
            const Progress before = progress;
            if (try_pattern(progress.next)) {
                if (progress.next == last) {
                    emit();
                    // A looping last pattern keeps the earlier lines' fields for the next line.
                    progress = matcher.patterns[last].loop ? before : Progress{};
                } else {
                    ++progress.next;
                }
                continue;
            }
            progress = Progress{};
        }
        if (!try_pattern(0)) {
            progress = Progress{};
            continue;
        }
        if (last == 0) {
            emit();
            progress = Progress{};
        } else {
            progress.next = 1;
        }
    }
    return hits;
}

}  // namespace cci::log
