#include "cci/log/rule_engine.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

#include "lazy_re2.hpp"
#include "log_literals.hpp"
#include "log_rule_facts.hpp"
#include "log_teddy.hpp"

// The prefilter's set-up runs once per process: in the wasm module its size matters more than
// its speed (the file is otherwise optimised for speed, see core/CMakeLists.txt).
#if defined(__EMSCRIPTEN__)
#define CCI_SETUP __attribute__((minsize))
#else
#define CCI_SETUP
#endif

namespace cci::log {
namespace {

using literals::ascii_lower;
using literals::has_non_ascii;
using literals::options;

// A pattern whose matches all start with this many fixed bytes is filtered by them alone.
constexpr std::size_t strong_prefix = 2;

constexpr std::size_t mask_words = std::tuple_size_v<decltype(LiteralHits::rules)>;

// A set of rule indices.
struct Mask {
    std::array<std::uint64_t, mask_words> words{};

    Mask() = default;
    explicit Mask(const std::array<std::uint64_t, mask_words>& w) noexcept : words(w) {}

    void set(std::size_t i) noexcept { words[i / 64] |= std::uint64_t{1} << (i % 64); }
    void clear(std::size_t i) noexcept { words[i / 64] &= ~(std::uint64_t{1} << (i % 64)); }
    [[nodiscard]] bool any() const noexcept {
        std::uint64_t all = 0;
        for (const auto w : words) all |= w;
        return all != 0;
    }
    Mask& operator&=(const Mask& o) noexcept {
        for (std::size_t i = 0; i < mask_words; ++i) words[i] &= o.words[i];
        return *this;
    }
    Mask& operator|=(const Mask& o) noexcept {
        for (std::size_t i = 0; i < mask_words; ++i) words[i] |= o.words[i];
        return *this;
    }
    [[nodiscard]] Mask operator~() const noexcept {
        Mask m;
        for (std::size_t i = 0; i < mask_words; ++i) m.words[i] = ~words[i];
        return m;
    }
    friend Mask operator&(Mask a, const Mask& b) noexcept { return a &= b; }
    friend Mask operator|(Mask a, const Mask& b) noexcept { return a |= b; }

    // Calls `f(index)` for each member in increasing order until `f` returns true.
    template <typename F>
    bool find_first(F&& f) const {
        for (std::size_t w = 0; w < mask_words; ++w) {
            for (std::uint64_t bits = words[w]; bits != 0; bits &= bits - 1) {
                if (f(w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits)))) return true;
            }
        }
        return false;
    }
};

// The scanner's keys for three bytes (the low 24 bits of `three_bytes`) and four bytes, bit 5
// already set in each so that ASCII letters of either case meet: hashes; other bytes may
// collide, and matches are confirmed exactly.
constexpr unsigned key_bits = 14;
constexpr std::uint32_t case_bits = 0x202020u;
inline unsigned trigram_key(std::uint32_t three_bytes) {
    return ((three_bytes & 0xFFFFFFu) * 0x9E3779B1u) >> (32 - key_bits);
}
inline unsigned quad_key(std::uint32_t four_bytes) { return (four_bytes * 0x85EBCA77u) >> (32 - key_bits); }
inline std::uint32_t four_at(const unsigned char* p) {
    std::uint32_t word;
    std::memcpy(&word, p, sizeof word);
    return word | 0x20202020u;
}
// `Prefilter::keyed` flags: some literal has the key as a trigram / as a quad.
constexpr std::uint8_t keyed_trigram = 1;
constexpr std::uint8_t keyed_quad = 2;
// The bytes RE2's `\s` matches.
constexpr bool is_re2_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n'; }
inline std::uint32_t three_at(const unsigned char* p) {
    return (static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
            (static_cast<std::uint32_t>(p[2]) << 16)) |
           case_bits;
}

// How often each byte (with bit 5 set, as the scanner sees it) appears in the real CI logs
// under tests/fixtures/logs, per mille: 0x20-0x3F, then 0x60-0x7F. Other bytes are rare.
constexpr std::array<std::uint8_t, 64> folded_byte_permille{
    199, 1,  20, 1,  3,  2,  2,  1,  2,  3,  1,  1,  4, 17, 11, 13, 24, 15, 11, 6,  4,  3,
    4,   3,  2,  2,  11, 4,  1,  10, 4,  1,  1,  25, 13, 26, 18, 61, 8,  15, 17, 31, 1,  2,
    29,  25, 47, 43, 13, 1,  42, 31, 31, 21, 9,  4,  40, 4,  1,  11, 38, 5,  1,  7};

unsigned byte_permille(unsigned char c) {
    c |= 0x20;
    if (c >= 0x80) return 1;
    return folded_byte_permille[(c & 0x1F) + (c >= 0x60 ? 32 : 0)];
}

double byte_frequency(unsigned char c) { return byte_permille(c) / 1000.0; }

// The 320 most frequent bigrams (both bytes with bit 5 set, as the scanner sees them) in the
// real CI logs under tests/fixtures/logs, most frequent first: poor keys.
constexpr std::string_view frequent_bigrams =
    "xx==;{{0  esre{3s rom;2m0m32m..; p} prssongrinoger:  1lestte00--e  c dnet 01eddo"
    "cod or eil tec f%--{%  sngatitdetiomseexcin rraime ag fataenclthct i12ndantoun r"
    "{2..r aracotnoalm rceaioma n/cs:is wfi -ntodraloo fouscaasoutsli10apulirade/pp"
    "vehert1411hot.eppah trpoll o13,  (xi{1urperirump17up15ol2knu.01.em bplrslageet02"
    "ke18-;k- li/d:s//h/ra;19:103 ucet/np22icck20ldr: 2xtdins.tsil ut.jimwitu1m.c {ef"
    "js0.16pm04s.pi2}b; me:buoc05abmich> 6} v 40}5}uimo1 nf 34}8}1}nicm h/plu313}7}9}"
    "owboy .1 ;va0%gi/ajesr39so09n. /4%3%5% 'e.521%2%6%7%8%9%blcrwaigagoa2 av2.!!08a "
    "/sc/ \"2:pu9907osptvi40ms/t9:tt! ip0:hinn 5r!shcurnwnm-379m36b/1:ako/ubncoj06t:du";

// Where the bigram `a b`, both folded (bit 5 set, as the scanner sees them), sits in
// `bigram_costs()`.
unsigned bigram_index(unsigned char a, unsigned char b) {
    return teddy::Masks::byte_slot(static_cast<unsigned char>(a | 0x20)) * 128 +
           teddy::Masks::byte_slot(static_cast<unsigned char>(b | 0x20));
}

// How often each folded bigram may appear in a line, relatively (100 to 1000), by
// `bigram_index`: the frequent ones by their rank, the others by whether both are letters.
[[gnu::noinline]] CCI_SETUP std::vector<std::uint16_t> bigram_costs() {
    // The byte with bit 5 set in each `byte_slot`.
    const auto byte = [](unsigned slot) { return (slot & 0x1Fu) | 0x20u | ((slot & 0x60u) << 1); };
    const auto letter = [](unsigned c) { return c >= 'a' && c <= 'z'; };
    std::vector<std::uint16_t> costs(128 * 128);
    for (unsigned a = 0; a < 128; ++a) {
        for (unsigned b = 0; b < 128; ++b) costs[a * 128 + b] = letter(byte(a)) && letter(byte(b)) ? 200 : 100;
    }
    // From the least frequent up, so that the first of any repeated bigram counts.
    for (std::size_t i = frequent_bigrams.size() & ~std::size_t{1}; i >= 2; i -= 2) {
        costs[bigram_index(static_cast<unsigned char>(frequent_bigrams[i - 2]),
                           static_cast<unsigned char>(frequent_bigrams[i - 1]))] =
            static_cast<std::uint16_t>(1000 - (i - 2));
    }
    return costs;
}

// Spreads Teddy keys over the buckets: each joins the bucket whose admitted byte sequences it
// makes least likely to grow, by the frequency of bytes in CI logs.
class BucketChooser {
public:
    CCI_SETUP BucketChooser() {
        // permille[high][low]: of the byte with those nibbles (0 for bytes the scanner never
        // sees, those without bit 5).
        std::array<std::array<std::uint32_t, 16>, 16> permille{};
        for (unsigned c = 0x20; c < 0x100; ++c) {
            if ((c & 0x20) != 0) permille[c >> 4][c & 15] = byte_permille(static_cast<unsigned char>(c));
        }
        for (unsigned n = 0; n < 16; ++n) {
            for (unsigned half = 0; half < 2; ++half) {
                for (unsigned set = 1; set < 256; ++set) {
                    const unsigned other = 8 * half + static_cast<unsigned>(__builtin_ctz(set));
                    rows_[n][half][set] = rows_[n][half][set & (set - 1)] + permille[n][other];
                    columns_[n][half][set] = columns_[n][half][set & (set - 1)] + permille[other][n];
                }
            }
        }
    }

    // The bucket for a key of `size` bytes (at most `teddy::width`; the positions after them
    // admit any byte), which it now joins.
    [[gnu::noinline]] CCI_SETUP std::size_t add(const unsigned char* key, std::size_t size) {
        std::array<std::uint32_t, 2 * teddy::width> added{};
        for (std::size_t k = 0; k < teddy::width; ++k) {
            if (k < size) {
                const unsigned byte = key[k] | 0x20u;
                added[2 * k] = 1u << (byte & 15);
                added[2 * k + 1] = 1u << (byte >> 4);
            } else {
                added[2 * k] = added[2 * k + 1] = 0xFFFF;
            }
        }
        std::size_t bucket = 0;
        std::uint64_t growth = 0;
        std::uint64_t grown = 0;
        std::array<std::uint64_t, teddy::width> grown_weights{};
        for (std::size_t b = 0; b < teddy::buckets; ++b) {
            std::uint64_t p = 1;
            std::array<std::uint64_t, teddy::width> merged{};
            for (std::size_t k = 0; k < teddy::width; ++k) {
                const std::uint32_t lows = nibbles_[b][2 * k];
                const std::uint32_t highs = nibbles_[b][2 * k + 1];
                const std::uint32_t all_lows = lows | added[2 * k];
                // Pairs new to the sets: a new high with any low, an old high with a new low.
                merged[k] = weights_[b][k] + sum(rows_, added[2 * k + 1] & ~highs, all_lows) +
                            sum(columns_, all_lows & ~lows, highs);
                p *= merged[k];
            }
            if (b == 0 || p - passes_[b] < growth) {
                bucket = b;
                growth = p - passes_[b];
                grown = p;
                grown_weights = merged;
            }
        }
        for (std::size_t k = 0; k < added.size(); ++k) nibbles_[bucket][k] |= added[k];
        passes_[bucket] = grown;
        weights_[bucket] = grown_weights;
        return bucket;
    }

private:
    // By nibble n, by half of the other nibble's range (0-7, 8-15), by a set of those 8 values:
    // the per mille of the bytes with nibble n and another in the set.
    using Sums = std::array<std::array<std::array<std::uint32_t, 256>, 2>, 16>;

    // The per mille of the bytes with one nibble in `ones` and the other in `others`.
    static std::uint64_t sum(const Sums& sums, std::uint32_t ones, std::uint32_t others) {
        std::uint64_t total = 0;
        for (std::uint32_t set = ones; set != 0; set &= set - 1) {
            const auto& by_half = sums[static_cast<unsigned>(__builtin_ctz(set))];
            total += by_half[0][others & 0xFF] + by_half[1][(others >> 8) & 0xFF];
        }
        return total;
    }

    // By bucket: the nibble sets of each key byte (lo, hi); how many byte sequences per mille
    // they admit at each key byte (weighted by byte frequency, counting only bytes the scanner
    // can see: bit 5 set); and the product of those, the bucket's pass rate. Exact integers,
    // so a key's growth is the weight of the new nibble pairs alone.
    std::array<std::array<std::uint32_t, 2 * teddy::width>, teddy::buckets> nibbles_{};
    std::array<std::array<std::uint64_t, teddy::width>, teddy::buckets> weights_{};
    std::array<std::uint64_t, teddy::buckets> passes_{};
    Sums rows_{};     // by high nibble, over low nibbles
    Sums columns_{};  // by low nibble, over high nibbles
};

}  // namespace

// Which rules could match a line, from the facts known about each pattern (log_rule_facts.hpp):
// how its matches start, and literals one of which every match contains. Rules with no such
// facts stay candidates. Lines holding non-ASCII bytes keep the rules whose literals a Unicode
// case fold could hide.
struct RuleEngine::Prefilter {
    struct Start {
        std::string prefix;
        bool next = false;  // the byte after `prefix` is in [next_low, next_high]
        unsigned char next_low = 0;
        unsigned char next_high = 0xFF;
    };
    struct Literal {
        std::string text;
        bool folded = true;  // ASCII letters compared case-insensitively (`text` is lower case)
        rule_facts::Bytes next = rule_facts::all_bytes;  // bytes allowed after `text`
        Mask rules;
    };
    // A literal keyed at `offset`, with its first bytes as one word: a line holds them at `at`
    // when `(8 bytes at at | fold) & keep == head`.
    struct Key {
        std::uint64_t head;
        std::uint64_t fold;  // 0x20 at the bytes of letters compared case-insensitively
        std::uint64_t keep;  // 0xFF at the bytes `head` holds (the literal's first eight at most)
        std::uint16_t key;
        std::uint16_t literal;
        std::uint16_t offset;
    };

    std::array<Mask, 257> by_first{};  // by the line's first byte; [256] for an empty line
    // By the line's second byte, [256] for a line shorter than two: every rule but those whose
    // start rules that byte out.
    std::array<Mask, 257> by_second{};
    // By the line's first byte that `\s` does not match, [256] for a line with none: every rule
    // but those whose `^\s*X` start rules that byte out.
    std::array<Mask, 257> by_after_space{};
    Mask after_space;                  // rules that `by_after_space` can rule out
    Mask deep;                         // rules with more of a start to check than two bytes
    Mask outside_section;              // rules that may match outside a section
    Mask filtered;                     // rules with required literals
    Mask fold_sensitive;               // rules whose literals a Unicode case fold could hide
    Mask fold_ascii;                   // ... only by U+017F or U+212A (which fold to `s`, `k`)
    Mask short_literal_rules;
    std::vector<Start> starts;         // by rule index
    std::vector<Literal> literals;     // of at least 3 bytes, found through `keys`
    std::vector<Literal> short_literals;  // non-ASCII, under 3 bytes
    std::vector<Key> keys;             // grouped by key
    std::vector<std::uint16_t> key_start;  // by key: its first entry in `keys`; [last] = keys.size()
    std::array<std::uint8_t, std::size_t{1} << key_bits> keyed{};  // `keyed_*` flags by key
    teddy::Masks teddy_masks;          // the bytes of each literal's key, by bucket
    teddy::BlockScan teddy_scan = teddy::scan_every;

    // The set-up runs once per process. Its loops stay out of line (here, in `bigram_costs` and
    // in `BucketChooser::add`), so that a wasm engine that tiers up hot functions compiles these
    // small ones, not the analyser's whole constructor that they would otherwise be part of.
    [[gnu::noinline]] CCI_SETUP void add_start(std::size_t rule, const rule_facts::Facts& facts) {
        Start& start = starts[rule];
        start.prefix = std::string(facts.prefix);
        start.next = facts.next;
        start.next_low = facts.next_low;
        start.next_high = facts.next_high;
        for (unsigned c = 0; c < 256; ++c) {
            const bool admitted =
                !start.prefix.empty() ? static_cast<unsigned char>(start.prefix[0]) == c
                : start.next          ? c >= start.next_low && c <= start.next_high
                                      : true;
            if (admitted && (!facts.first_known || rule_facts::has(rule_facts::byte_sets()[facts.first], static_cast<unsigned char>(c)))) {
                by_first[c].set(rule);
            }
        }
        if (start.prefix.empty() && !start.next && !facts.first_known) by_first[256].set(rule);
        // Whether the start says anything of the second byte.
        const bool two_bytes = start.prefix.size() >= 2 || (!start.prefix.empty() && start.next);
        for (unsigned c = 0; c < 256; ++c) {
            const bool admitted = !two_bytes                    ? true
                                  : start.prefix.size() >= 2 ? static_cast<unsigned char>(start.prefix[1]) == c
                                                             : c >= start.next_low && c <= start.next_high;
            if (admitted) by_second[c].set(rule);
        }
        if (!two_bytes) by_second[256].set(rule);
        if (start.prefix.size() >= 3 || (start.prefix.size() == 2 && start.next)) deep.set(rule);
        if (facts.after_space_known) after_space.set(rule);
        for (unsigned c = 0; c < 256; ++c) {
            if (!facts.after_space_known || rule_facts::has(rule_facts::byte_sets()[facts.after_space], static_cast<unsigned char>(c))) {
                by_after_space[c].set(rule);
            }
        }
        if (!facts.after_space_known) by_after_space[256].set(rule);
    }

    [[gnu::noinline]] CCI_SETUP void add_literals(std::size_t rule, const rule_facts::Facts& facts) {
        if (starts[rule].prefix.size() >= strong_prefix || !facts.factors_known) return;
        filtered.set(rule);
        bool ascii = true;
        for (std::size_t f = facts.factor_begin; f < facts.factor_begin + facts.factor_count; ++f) {
            const rule_facts::Factor& factor = rule_facts::factors()[f];
            const std::string_view text = factor.text;
            ascii = ascii && !has_non_ascii(text);
            if (!factor.verbatim) fold_sensitive.set(rule);
            auto& list = text.size() < 3 ? short_literals : literals;
            if (text.size() < 3) short_literal_rules.set(rule);
            const auto it = std::find_if(list.begin(), list.end(), [&](const Literal& l) {
                return l.text == text && l.folded == factor.folded && l.next == rule_facts::byte_sets()[factor.next];
            });
            if (it != list.end()) {
                it->rules.set(rule);
            } else {
                list.push_back({std::string(text), factor.folded, rule_facts::byte_sets()[factor.next], {}});
                list.back().rules.set(rule);
            }
        }
        if (facts.folds_case) (ascii ? fold_ascii : fold_sensitive).set(rule);
    }

    // Keys each literal on its rarest window of four bytes (three at its end), by the frequency
    // of their bytes and bigrams, and gives the window to the Teddy bucket whose admitted byte
    // sequences it makes least likely to grow.
    [[gnu::noinline]] CCI_SETUP void index_literals() {
        struct Window {
            std::size_t literal;
            std::size_t start;
            double chance;  // of a random log byte sequence matching the window exactly
        };
        std::vector<Window> windows;
        const std::vector<std::uint16_t> costs = bigram_costs();
        for (std::size_t l = 0; l < literals.size(); ++l) {
            const auto* text = reinterpret_cast<const unsigned char*>(literals[l].text.data());
            const std::size_t size = literals[l].text.size();
            const auto chance = [&](std::size_t i) {
                double c = 1;
                for (std::size_t k = 0; k < teddy::width && i + k < size; ++k) {
                    c *= byte_frequency(text[i + k]);
                    if (k > 0) c *= costs[bigram_index(text[i + k - 1], text[i + k])] / 100.0;
                }
                return c;
            };
            std::size_t best = 0;
            double best_chance = chance(0);
            for (std::size_t k = 1; k + 3 <= size; ++k) {
                const double c = chance(k);
                if (c < best_chance) {
                    best = k;
                    best_chance = c;
                }
            }
            // Literals are lower case already.
            const bool quad = best + 4 <= size;
            const unsigned key = quad ? quad_key(four_at(text + best)) : trigram_key(three_at(text + best));
            keyed[key] |= quad ? keyed_quad : keyed_trigram;
            // Words laid out as memory is, as `found_at` loads them (either byte order).
            std::array<unsigned char, 8> head{};
            std::array<unsigned char, 8> fold{};
            std::array<unsigned char, 8> keep{};
            for (std::size_t k = 0; k < std::min<std::size_t>(size, 8); ++k) {
                head[k] = text[k];
                fold[k] = literals[l].folded && text[k] >= 'a' && text[k] <= 'z' ? 0x20 : 0;
                keep[k] = 0xFF;
            }
            Key entry{0, 0, 0, static_cast<std::uint16_t>(key), static_cast<std::uint16_t>(l),
                      static_cast<std::uint16_t>(best)};
            std::memcpy(&entry.head, head.data(), sizeof entry.head);
            std::memcpy(&entry.fold, fold.data(), sizeof entry.fold);
            std::memcpy(&entry.keep, keep.data(), sizeof entry.keep);
            keys.push_back(entry);
            windows.push_back({l, best, best_chance});
        }
        // Likeliest first, ties in literal order: an insertion sort (a few hundred literals, once
        // per process; no sort instantiated for it in the wasm module).
        for (std::size_t i = 1; i < windows.size(); ++i) {
            const Window w = windows[i];
            std::size_t at = i;
            for (; at > 0 && windows[at - 1].chance < w.chance; --at) windows[at] = windows[at - 1];
            windows[at] = w;
        }
        const auto chooser = std::make_unique<BucketChooser>();  // 64 KB of sums
        for (const Window& w : windows) {
            const auto* text = reinterpret_cast<const unsigned char*>(literals[w.literal].text.data());
            const std::size_t size = std::min(teddy::width, literals[w.literal].text.size() - w.start);
            const std::size_t bucket = chooser->add(text + w.start, size);
            for (std::size_t k = 0; k < teddy::width; ++k) {
                if (k < size) {
                    teddy_masks.allow(k, bucket, text[w.start + k]);
                } else {
                    teddy_masks.allow_any(k, bucket);
                }
            }
        }
        teddy_scan = teddy::best_scan();
        // Group `keys` by key (a counting sort, keeping literal order within a key).
        key_start.assign((std::size_t{1} << key_bits) + 1, 0);
        for (const Key& entry : keys) ++key_start[entry.key + 1u];
        for (std::size_t b = 1; b < key_start.size(); ++b) key_start[b] = static_cast<std::uint16_t>(key_start[b] + key_start[b - 1]);
        std::vector<Key> grouped(keys.size());
        std::vector<std::uint16_t> next(key_start.begin(), key_start.end() - 1);
        for (const Key& entry : keys) grouped[next[entry.key]++] = entry;
        keys = std::move(grouped);
    }

    // The literal of `entry` lies at `at` in a line ending at `end`, followed by a byte it allows.
    // Reads eight bytes from `at` (lines are padded).
    bool found_at(const unsigned char* p, std::size_t at, std::size_t end, const Key& entry) const {
        std::uint64_t word;
        std::memcpy(&word, p + at, sizeof word);
        if (((word | entry.fold) & entry.keep) != entry.head) return false;
        const Literal& literal = literals[entry.literal];
        const std::size_t size = literal.text.size();
        if (at + size > end) return false;
        for (std::size_t i = 8; i < size; ++i) {
            const unsigned char c = literal.folded ? ascii_lower(p[at + i]) : p[at + i];
            if (c != static_cast<unsigned char>(literal.text[i])) return false;
        }
        return literal.next == rule_facts::all_bytes || (at + size < end && rule_facts::has(literal.next, p[at + size]));
    }

    // For each line of `block`, the rules whose required literals occur in it.
    void scan(const LineBlock& block, std::vector<LiteralHits>& hits) const {
        const auto* p = reinterpret_cast<const unsigned char*>(block.text.data());
        const std::size_t n = block.text.size();
        const std::vector<LineSpan>& lines = block.lines;
        std::size_t line = 0;  // the first line that can hold a key at or after the current position
        // Checks the literals keyed `key` at `i` in the line [begin, end).
        const auto check = [&](std::size_t i, unsigned key, std::size_t begin, std::size_t end, LiteralHits& found) {
            for (std::size_t k = key_start[key]; k < key_start[key + 1]; ++k) {
                const Key& entry = keys[k];
                if (entry.offset > i - begin) continue;
                if (!found_at(p, i - entry.offset, end, entry)) continue;
                const Mask& rules = literals[entry.literal].rules;
                found.rules = (rules | Mask(found.rules)).words;
            }
        };
        std::array<std::uint32_t, 8> masks;
        for (std::size_t i = 0; i + 3 <= n && line < lines.size();) {
            // Blocks may reach past `n` into the padding; positions there are never checked.
            const std::size_t count = std::min(masks.size(), (n - i + teddy::block - 1) / teddy::block);
            teddy_scan(teddy_masks, p + i, count, masks.data());
            for (std::size_t b = 0; b < count; ++b) {
                for (std::uint32_t bits = masks[b]; bits != 0; bits &= bits - 1) {
                    const std::size_t at = i + b * teddy::block + static_cast<std::size_t>(__builtin_ctz(bits));
                    // Most candidates have no keyed literal: they are dismissed before the
                    // line they lie in is looked up (the bytes read may be padding).
                    const std::uint32_t four = four_at(p + at);
                    const unsigned k3 = trigram_key(four);
                    const unsigned k4 = quad_key(four);
                    const bool trigram = (keyed[k3] & keyed_trigram) != 0;
                    const bool quad = (keyed[k4] & keyed_quad) != 0;
                    if (!trigram && !quad) continue;
                    while (line < lines.size() && lines[line].end < at + 3) ++line;
                    if (line == lines.size()) return;
                    const LineSpan& span = lines[line];
                    if (at < span.begin) continue;
                    if (trigram) check(at, k3, span.begin, span.end, hits[line]);
                    if (quad && at + 4 <= span.end) check(at, k4, span.begin, span.end, hits[line]);
                }
            }
            i += count * teddy::block;
        }
    }

    // The line starts as a `deep` rule's matches must, given that its first two bytes do.
    [[nodiscard]] static bool starts_ok(const Start& start, std::string_view line) {
        const std::size_t k = start.prefix.size();
        if (line.size() < k + (start.next ? 1 : 0)) return false;
        if (std::memcmp(line.data() + 2, start.prefix.data() + 2, k - 2) != 0) return false;
        if (!start.next) return true;
        const auto c = static_cast<unsigned char>(line[k]);
        return c >= start.next_low && c <= start.next_high;
    }

    // A superset of the rules that match `line` (anchored at its start), whose literals `scan`
    // found as `hits`.
    [[nodiscard]] Mask candidates(std::string_view line, bool in_section, const LiteralHits& hits) const {
        Mask out = by_first[line.empty() ? 256 : static_cast<unsigned char>(line[0])] &
                   by_second[line.size() < 2 ? 256 : static_cast<unsigned char>(line[1])];
        if (!in_section) out &= outside_section;
        (out & deep).find_first([&](std::size_t rule) {
            if (!starts_ok(starts[rule], line)) out.clear(rule);
            return false;
        });
        const auto after_spaces = [&](Mask m) {
            if ((m & after_space).any()) {
                std::size_t at = 0;
                while (at < line.size() && is_re2_space(line[at])) ++at;
                m &= by_after_space[at == line.size() ? 256 : static_cast<unsigned char>(line[at])];
            }
            return m;
        };
        const Mask needs_literal = out & filtered;
        if (!needs_literal.any()) return after_spaces(out);
        Mask found(hits.rules);
        if (hits.non_ascii && has_non_ascii(line)) {
            found |= fold_sensitive;
            if (literals::has_ascii_fold(line)) found |= fold_ascii;
            if ((needs_literal & short_literal_rules).any()) {
                for (const auto& literal : short_literals) {
                    if (line.find(literal.text) != std::string_view::npos) found |= literal.rules;
                }
            }
        }
        return after_spaces((out & ~filtered) | (needs_literal & found));
    }
};

std::optional<std::int64_t> parse_number(std::string_view text) noexcept {
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::int64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::optional<Captures> capture_named(const re2::RE2& re, std::string_view line) {
    const int groups = re.NumberOfCapturingGroups();
    std::vector<re2::StringPiece> sub(static_cast<std::size_t>(groups) + 1);
    if (!re.Match(re2::StringPiece(line.data(), line.size()), 0, line.size(), re2::RE2::ANCHOR_START, sub.data(),
                  groups + 1)) {
        return std::nullopt;
    }
    Captures out;
    for (const auto& [name, index] : re.NamedCapturingGroups()) {
        const re2::StringPiece piece = sub[static_cast<std::size_t>(index)];
        if (piece.data() == nullptr || piece.empty()) continue;
        const std::string_view text(piece.data(), piece.size());
        if (name == "file") out.file = std::string(text);
        if (name == "line") out.line = parse_number(text);
        if (name == "column") out.column = parse_number(text);
        if (name == "code") out.code = std::string(text);
        if (name == "message") out.message = std::string(text);
        if (name == "test") out.test = std::string(text);
        if (name == "severity") out.severity = parse_severity(text);
    }
    return out;
}

RuleEngine::RuleEngine()
    : patterns_(std::make_unique<LazyRe2[]>(rule_count)),
      prefilter_(std::make_unique<Prefilter>()) {
    prefilter_->starts.resize(rule_count);
    for (const auto& row : rule_table()) {
        if (row.pattern.empty()) continue;
        const auto index = static_cast<std::size_t>(row.rule);
        static constexpr rule_facts::Facts unknown{0, "", false, 0, 0xFF, false, 0, false, 0, false, 0, 0, false};
        const rule_facts::Facts* facts = rule_facts::current(row.rule);
        prefilter_->add_start(index, facts != nullptr ? *facts : unknown);
        prefilter_->add_literals(index, facts != nullptr ? *facts : unknown);
        if (!row.needs_section) prefilter_->outside_section.set(index);
    }
    prefilter_->index_literals();
}

RuleEngine::~RuleEngine() = default;

std::vector<Rule> RuleEngine::broken() const {
    std::vector<Rule> out;
    for (const auto& row : rule_table()) {
        if (!row.pattern.empty() && pattern(static_cast<std::size_t>(row.rule)) == nullptr) out.push_back(row.rule);
    }
    return out;
}

const re2::RE2* RuleEngine::pattern(std::size_t index) const {
    return patterns_[index].get(rule_table()[index].pattern, options());
}

const RuleEngine& RuleEngine::builtin() {
    static const RuleEngine engine;
    return engine;
}

void RuleEngine::scan(const LineBlock& block, std::vector<LiteralHits>& hits) const {
    hits.assign(block.lines.size(), LiteralHits{});
    for (std::size_t i = 0; i < hits.size(); ++i) hits[i].non_ascii = block.lines[i].non_ascii;
    prefilter_->scan(block, hits);
}

std::optional<RuleMatch> RuleEngine::match(std::string_view line, bool in_section) const {
    std::string text(line);
    text.resize(line.size() + LineBlock::padding);
    const std::vector<LineSpan> spans{{0, line.size(), false, has_non_ascii(line)}};
    std::vector<LiteralHits> hits;
    scan(LineBlock{std::string_view(text.data(), line.size()), spans}, hits);
    return match(line, in_section, hits[0]);
}

// The first rule in table order whose pattern matches (skipping section-only rules outside a
// section).
std::optional<RuleMatch> RuleEngine::match(std::string_view line, bool in_section, const LiteralHits& hits) const {
    const Mask candidates = prefilter_->candidates(line, in_section, hits);
    if (!candidates.any()) return std::nullopt;
    std::optional<RuleMatch> result;
    const re2::StringPiece text(line.data(), line.size());
    candidates.find_first([&](std::size_t index) {
        const re2::RE2* re = pattern(index);
        // The DFA rejects most candidates at once; captures cost more.
        if (re == nullptr || !re->Match(text, 0, text.size(), re2::RE2::ANCHOR_START, nullptr, 0)) return false;
        auto captures = capture_named(*re, line);
        if (!captures) return false;
        result = RuleMatch{rule_table()[index].rule, std::move(*captures)};
        return true;
    });
    return result;
}

}  // namespace cci::log
