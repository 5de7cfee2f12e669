// Facts read from a rule pattern's syntax that let most lines skip the regex: the bytes a
// match can start with, and factors — byte strings, each with the bytes allowed right after
// it — one of which every match contains. Unlike RE2's own prefilter, factors keep their case
// where the pattern does not fold it, and know what follows them: `Error` is not `-Werror=`,
// and `.py:` followed by a digit is not `test_x.py::`. Conservative: a construct it does not
// model (flags other than `(?i:`, `\x`, `\p`, POSIX classes, ...) makes it give up on the
// facts that construct could change. Private to core/src.
#pragma once

#include <algorithm>
#include <bitset>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cci::log::pattern_facts {

using ByteSet = std::bitset<256>;

struct Factor {
    std::string text;
    bool folded = false;  ///< compare ASCII letters case-insensitively (`text` is lower case)
    ByteSet next;         ///< the bytes that may follow `text` in a match; all when unknown
};

struct Facts {
    std::optional<ByteSet> first;                 ///< nullopt: unknown, or the pattern matches ""
    std::optional<std::vector<Factor>> required;  ///< nullopt: no factor set of 3+ bytes each found
};

namespace detail {

constexpr std::size_t max_strings = 64;   // an exact set larger than this is dropped
constexpr std::size_t max_string = 64;    // ... or one with a longer string
constexpr std::size_t min_factor = 3;     // shorter factors filter too little

inline ByteSet all_bytes() { return ByteSet().set(); }

inline ByteSet range(unsigned a, unsigned b) {
    ByteSet s;
    for (unsigned c = a; c <= b; ++c) s.set(c);
    return s;
}

inline ByteSet non_ascii() { return range(0x80, 0xFF); }
inline ByteSet digits() { return range('0', '9'); }
inline ByteSet word() { return digits() | range('A', 'Z') | range('a', 'z') | range('_', '_'); }
inline ByteSet space() {
    ByteSet s;
    for (const char c : std::string_view("\t\n\f\r ")) s.set(static_cast<unsigned char>(c));  // RE2's \s: no \v
    return s;
}
inline ByteSet ascii_complement(const ByteSet& s) { return (~s & range(0, 0x7F)) | non_ascii(); }

inline unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + 32) : c; }

struct Info {
    ByteSet first;
    bool first_known = true;
    bool nullable = false;
    std::optional<std::vector<std::string>> exact;  // the node matches exactly one of these
    bool folded = false;                            // ... compared case-insensitively
    std::optional<std::vector<std::string>> suffix;  // every match ends with one of these
    bool suffix_folded = false;
    std::optional<std::vector<Factor>> required;
};

// How well a factor set filters: its weakest factor's length, a byte more for a constrained
// follower, half a byte more for exact case; fewer factors break ties.
inline double score(const std::vector<Factor>& factors) {
    double weakest = 1e9;
    for (const auto& f : factors) {
        const double s = static_cast<double>(f.text.size()) + (f.next.all() ? 0.0 : 1.0) + (f.folded ? 0.0 : 0.5);
        weakest = std::min(weakest, s);
    }
    return weakest - static_cast<double>(factors.size()) * 1e-3;
}

// Factors the prefilter can look for: 3 bytes or more, or a non-ASCII character.
inline bool usable(const std::vector<Factor>& factors) {
    if (factors.empty() || factors.size() > max_strings) return false;
    for (const auto& f : factors) {
        const bool non_ascii = std::any_of(f.text.begin(), f.text.end(), [](char c) { return (c & 0x80) != 0; });
        if (f.text.empty() || (f.text.size() < min_factor && !non_ascii)) return false;
    }
    return true;
}

inline void keep_best(std::optional<std::vector<Factor>>& best, std::vector<Factor> candidate) {
    if (!usable(candidate)) return;
    if (!best || score(candidate) > score(*best)) best = std::move(candidate);
}

inline std::vector<Factor> as_factors(const std::vector<std::string>& strings, bool folded, const ByteSet& next) {
    std::vector<Factor> out;
    for (auto text : strings) {
        if (folded) {
            for (auto& c : text) c = static_cast<char>(lower(static_cast<unsigned char>(c)));
        }
        out.push_back({std::move(text), folded, next});
    }
    return out;
}

class Parser {
public:
    explicit Parser(std::string_view pattern) : p_(pattern) {}

    std::optional<Info> parse() {
        auto result = alternation();
        if (!result || at_ != p_.size()) return std::nullopt;
        return result;
    }

private:
    [[nodiscard]] bool done() const { return at_ >= p_.size(); }
    [[nodiscard]] char peek() const { return p_[at_]; }

    std::optional<Info> alternation() {
        std::vector<Info> branches;
        for (;;) {
            auto branch = concatenation();
            if (!branch) return std::nullopt;
            branches.push_back(std::move(*branch));
            if (done() || peek() != '|') break;
            ++at_;
        }
        if (branches.size() == 1) return std::move(branches[0]);
        Info out;
        out.exact.emplace();
        out.suffix.emplace();
        out.required.emplace();
        for (auto& b : branches) {
            if (out.suffix && b.suffix && b.suffix_folded == branches[0].suffix_folded &&
                out.suffix->size() + b.suffix->size() <= max_strings) {
                out.suffix->insert(out.suffix->end(), b.suffix->begin(), b.suffix->end());
                out.suffix_folded = b.suffix_folded;
            } else {
                out.suffix.reset();
            }
            out.first |= b.first;
            out.first_known = out.first_known && b.first_known;
            out.nullable = out.nullable || b.nullable;
            if (out.exact && b.exact && b.folded == branches[0].folded &&
                out.exact->size() + b.exact->size() <= max_strings) {
                out.exact->insert(out.exact->end(), b.exact->begin(), b.exact->end());
                out.folded = b.folded;
            } else {
                out.exact.reset();
            }
            std::optional<std::vector<Factor>> own = b.required;
            if (b.exact) keep_best(own, as_factors(*b.exact, b.folded, all_bytes()));
            if (out.required && own && out.required->size() + own->size() <= max_strings) {
                out.required->insert(out.required->end(), own->begin(), own->end());
            } else {
                out.required.reset();
            }
        }
        return out;
    }

    std::optional<Info> concatenation() {
        std::vector<Info> items;
        while (!done() && peek() != '|' && peek() != ')') {
            auto item = repetition();
            if (!item) return std::nullopt;
            items.push_back(std::move(*item));
        }
        Info out;
        out.nullable = true;
        out.exact.emplace(1, std::string());
        std::optional<std::vector<std::string>> run;  // the exact strings of the current run of exact items
        bool run_folded = false;
        const auto end_run = [&](const ByteSet& next) {
            if (run) keep_best(out.required, as_factors(*run, run_folded, next));
            run.reset();
            run_folded = false;
        };
        for (std::size_t i = 0; i < items.size(); ++i) {
            const Info& item = items[i];
            if (out.nullable) {
                out.first |= item.first;
                out.first_known = out.first_known && item.first_known;
            }
            out.nullable = out.nullable && item.nullable;
            if (out.exact && item.exact) {
                out.exact = cross(*out.exact, *item.exact);
                out.folded = out.folded || item.folded;
            } else {
                out.exact.reset();
            }
            if (item.exact) {
                std::optional<std::vector<std::string>> joined;
                if (run) joined = cross(*run, *item.exact);
                if (!run || !joined) {
                    end_run(item.first_known && !item.nullable ? item.first : all_bytes());
                    run = item.exact;
                } else {
                    run = std::move(joined);
                }
                run_folded = run_folded || item.folded;
                continue;
            }
            end_run(item.first_known && !item.nullable ? item.first : all_bytes());
            if (item.required) keep_best(out.required, *item.required);
            if (item.suffix && !item.nullable) {  // a run may go on from what the item ends with
                run = item.suffix;
                run_folded = item.suffix_folded;
            }
        }
        if (out.exact) {
            out.suffix = out.exact;
            out.suffix_folded = out.folded;
        } else if (run) {
            out.suffix = run;
            out.suffix_folded = run_folded;
        }
        end_run(all_bytes());
        return out;
    }

    static std::optional<std::vector<std::string>> cross(const std::vector<std::string>& a,
                                                         const std::vector<std::string>& b) {
        if (a.size() * b.size() > max_strings) return std::nullopt;
        std::vector<std::string> out;
        for (const auto& x : a) {
            for (const auto& y : b) {
                if (x.size() + y.size() > max_string) return std::nullopt;
                out.push_back(x + y);
            }
        }
        return out;
    }

    std::optional<Info> repetition() {
        auto item = atom();
        if (!item || done()) return item;
        const char q = peek();
        bool optional = false;
        if (q == '*' || q == '?') {
            optional = true;
            ++at_;
        } else if (q == '+') {
            ++at_;
        } else if (q == '{') {
            const std::size_t close = p_.find('}', at_);
            if (close == std::string_view::npos) return std::nullopt;
            const std::string_view body = p_.substr(at_ + 1, close - at_ - 1);
            if (body.empty() || body.find_first_not_of("0123456789,") != std::string_view::npos) return std::nullopt;
            optional = body[0] == '0' || body[0] == ',';
            at_ = close + 1;
        } else {
            return item;
        }
        if (!done() && peek() == '?') ++at_;  // non-greedy
        Info out;
        out.first = item->first;
        out.first_known = item->first_known;
        out.nullable = optional || item->nullable;
        if (q == '?' && item->exact && item->exact->size() < max_strings) {  // x? is x or nothing
            out.exact = item->exact;
            out.exact->emplace_back();
            out.folded = item->folded;
        }
        if (!optional) {
            out.required = item->required;
            out.suffix = item->suffix;
            out.suffix_folded = item->suffix_folded;
            if (item->exact) keep_best(out.required, as_factors(*item->exact, item->folded, all_bytes()));
        }
        return out;
    }

    std::optional<ByteSet> escape_class(char c) {
        switch (c) {
            case 'd': return digits();
            case 'D': return ascii_complement(digits());
            case 'w': return word();
            case 'W': return ascii_complement(word());
            case 's': return space();
            case 'S': return ascii_complement(space());
            case 't': return range('\t', '\t');
            case 'n': return range('\n', '\n');
            case 'r': return range('\r', '\r');
            case 'f': return range('\f', '\f');
            default: break;
        }
        if (std::string_view(".[]()*+?{}|^$\\/-\"'#&:<>!=,@`~%;_ ").find(c) != std::string_view::npos) {
            return range(static_cast<unsigned char>(c), static_cast<unsigned char>(c));
        }
        return std::nullopt;
    }

    // A zero-width assertion.
    static Info empty() {
        Info out;
        out.nullable = true;
        out.exact.emplace(1, std::string());
        return out;
    }

    // One byte (ASCII) or character (UTF-8) `text` as a node, folded when inside `(?i:`.
    Info literal(std::string text) const {
        Info out;
        const auto c = static_cast<unsigned char>(text[0]);
        if (fold_) {
            if (c >= 0x80) {  // a Unicode fold may turn it into other bytes
                out.first_known = false;
                return out;
            }
            for (auto& ch : text) ch = static_cast<char>(lower(static_cast<unsigned char>(ch)));
            // `k` and `s` also match U+212A and U+017F.
            out.first_known = false;
            out.folded = true;
        }
        out.first.set(c);
        out.exact.emplace(1, std::move(text));
        out.suffix = out.exact;
        out.suffix_folded = out.folded;
        return out;
    }

    std::optional<Info> atom() {
        const char c = peek();
        ++at_;
        if (c == '^' || c == '$') return empty();
        if (c == '.') {
            Info out;
            out.first = all_bytes();
            out.first.reset('\n');
            return out;
        }
        if (c == '(') {
            const bool outer_fold = fold_;
            if (p_.substr(at_, 2) == "?:") {
                at_ += 2;
            } else if (p_.substr(at_, 3) == "?i:") {
                at_ += 3;
                fold_ = true;
            } else if (p_.substr(at_, 3) == "?P<") {
                const std::size_t close = p_.find('>', at_);
                if (close == std::string_view::npos) return std::nullopt;
                at_ = close + 1;
            } else if (!done() && peek() == '?') {
                return std::nullopt;  // other flags and group kinds
            }
            auto inner = alternation();
            fold_ = outer_fold;
            if (!inner || done() || peek() != ')') return std::nullopt;
            ++at_;
            return inner;
        }
        if (c == '[') return bracket();
        if (c == '\\') {
            if (done()) return std::nullopt;
            const char e = peek();
            ++at_;
            if (e == 'b' || e == 'B' || e == 'A' || e == 'z') return empty();
            const auto set = escape_class(e);
            if (!set) return std::nullopt;
            if (set->count() == 1) {
                unsigned char only = 0;
                while (!(*set)[only]) ++only;
                return literal(std::string(1, static_cast<char>(only)));
            }
            Info out;
            out.first = *set;
            return out;
        }
        if (c == '*' || c == '+' || c == '?' || c == '{' || c == ')' || c == '|') return std::nullopt;
        std::string text(1, c);
        while (!done() && (static_cast<unsigned char>(peek()) & 0xC0) == 0x80) text += p_[at_++];  // rest of a UTF-8 character
        return literal(std::move(text));
    }

    std::optional<Info> bracket() {
        ByteSet set;
        bool negated = false;
        if (!done() && peek() == '^') {
            negated = true;
            ++at_;
        }
        bool first = true;
        while (!done() && (peek() != ']' || first)) {
            first = false;
            unsigned char c = static_cast<unsigned char>(peek());
            ++at_;
            if (c == '[' && !done() && peek() == ':') return std::nullopt;
            if (c == '\\') {
                if (done()) return std::nullopt;
                const auto e = escape_class(peek());
                if (!e) return std::nullopt;
                ++at_;
                if (e->count() != 1) {
                    set |= *e;
                    continue;
                }
                c = 0;
                while (!(*e)[c]) ++c;
            } else if (c >= 0x80) {
                if (c < 0xC0) return std::nullopt;
                while (!done() && (static_cast<unsigned char>(peek()) & 0xC0) == 0x80) ++at_;
                if (!done() && peek() == '-' && at_ + 1 < p_.size() && p_[at_ + 1] != ']') return std::nullopt;
                set.set(c);
                continue;
            }
            if (!done() && peek() == '-' && at_ + 1 < p_.size() && p_[at_ + 1] != ']') {
                ++at_;
                const auto high = static_cast<unsigned char>(peek());
                if (high == '\\' || high >= 0x80 || high < c) return std::nullopt;
                ++at_;
                set |= range(c, high);
            } else {
                set.set(c);
            }
        }
        if (done()) return std::nullopt;
        ++at_;  // ']'
        Info out;
        out.first = negated ? ascii_complement(set) : set;
        if (fold_) out.first_known = false;
        return out;
    }

    std::string_view p_;
    std::size_t at_ = 0;
    bool fold_ = false;
};

}  // namespace detail

/// What the syntax of `pattern` proves about its matches (`^`-anchored or not, every match
/// contains one of `required`).
inline Facts facts_of(std::string_view pattern) {
    const auto info = detail::Parser(pattern).parse();
    if (!info) return {};
    Facts out;
    if (info->first_known && !info->nullable) out.first = info->first;
    out.required = info->required;
    if (info->exact) detail::keep_best(out.required, detail::as_factors(*info->exact, info->folded, detail::all_bytes()));
    return out;
}

}  // namespace cci::log::pattern_facts
