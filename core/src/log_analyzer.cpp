#include "cci/log/analyzer.hpp"

#include <algorithm>
#include <set>
#include <map>

#include "cci/log/fingerprint.hpp"
#include "cci/log/normalize.hpp"
#include "cci/log/problem_matcher.hpp"
#include "cci/log/rank.hpp"
#include "cci/log/redact.hpp"
#include "cci/log/rule_engine.hpp"
#include "cci/log/step_output.hpp"
#include "cci/json_text.hpp"

namespace cci::log {
namespace {

constexpr std::array<InputFormatInfo, input_format_count> formats{{
    {InputFormat::auto_detect, "auto"},
    {InputFormat::step_output, "step_output"},
    {InputFormat::job_details, "job_details"},
    {InputFormat::raw_text, "raw_text"},
}};

// A test finding takes the first assertion found within this many lines below it.
constexpr std::uint64_t attach_window = 15;
// Auto-detection gives up on leading whitespace after this many bytes: raw text.
constexpr std::size_t detect_limit = 4096;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string trimmed(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

std::optional<std::string> redacted(const std::optional<std::string>& s) {
    if (!s) return std::nullopt;
    return redact(*s);
}

// The last `capacity` lines, reusing their storage.
class Ring {
public:
    explicit Ring(std::size_t capacity) : slots_(capacity) {}
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] std::size_t capacity() const noexcept { return slots_.size(); }
    // Keeps the last lines of `block`.
    void push_last(const LineBlock& block) {
        const std::size_t n = block.lines.size();
        for (std::size_t i = n - std::min(n, slots_.size()); i < n; ++i) push(block.line(i));
    }
    [[nodiscard]] const std::string& operator[](std::size_t i) const { return slots_[(start_ + i) % slots_.size()]; }
    void clear() noexcept { start_ = size_ = 0; }

private:
    void push(std::string_view line) {
        slots_[(start_ + size_) % slots_.size()].assign(line.data(), line.size());
        if (size_ < slots_.size()) {
            ++size_;
        } else {
            start_ = (start_ + 1) % slots_.size();
        }
    }

    std::vector<std::string> slots_;
    std::size_t start_ = 0;
    std::size_t size_ = 0;
};

void add_container(std::vector<std::int64_t>& containers, std::optional<std::int64_t> container) {
    if (!container) return;
    const auto it = std::lower_bound(containers.begin(), containers.end(), *container);
    if (it == containers.end() || *it != *container) containers.insert(it, *container);
}

}  // namespace

const std::array<InputFormatInfo, input_format_count>& input_format_table() noexcept { return formats; }

const InputFormatInfo& info(InputFormat format) noexcept { return formats[static_cast<std::size_t>(format)]; }

std::optional<InputFormat> parse_input_format(std::string_view text) noexcept {
    for (const auto& entry : formats) {
        if (entry.id == text) return entry.format;
    }
    return std::nullopt;
}

std::optional<AnalyzerOptions> analyzer_options_from_json(const nlohmann::json& j) {
    AnalyzerOptions out;
    if (j.is_null()) return out;
    if (!j.is_object()) return std::nullopt;
    if (const auto it = j.find("format"); it != j.end()) {
        if (!it->is_string()) return std::nullopt;
        const auto format = parse_input_format(it->get<std::string>());
        if (!format) return std::nullopt;
        out.format = *format;
    }
    if (const auto it = j.find("problem_matchers"); it != j.end()) {
        if (it->is_string()) {
            out.problem_matchers = it->get<std::string>();
        } else if (it->is_object() || it->is_array()) {
            out.problem_matchers = dump_json(*it);
        } else if (!it->is_null()) {
            return std::nullopt;
        }
    }
    const std::pair<const char*, std::size_t*> sizes[] = {
        {"max_line_bytes", &out.max_line_bytes}, {"context_lines", &out.context_lines},
        {"max_findings", &out.max_findings},     {"head_lines", &out.head_lines},
        {"tail_lines", &out.tail_lines},
    };
    for (const auto& [key, target] : sizes) {
        const auto it = j.find(key);
        if (it == j.end()) continue;
        if (!it->is_number_unsigned() || it->get<std::uint64_t>() > (1u << 24)) return std::nullopt;
        *target = static_cast<std::size_t>(it->get<std::uint64_t>());
    }
    if (out.max_line_bytes == 0 || out.max_findings == 0) return std::nullopt;
    return out;
}

struct Analyzer::State final : StepOutputSink, LineSink {
    enum class Mode { detect, step_output, job_details, raw_text, ignore };

    struct PendingAfter {
        std::uint64_t sequence;
        std::size_t remaining;
    };

    explicit State(AnalyzerOptions o)
        : options(std::move(o)),
          engine(RuleEngine::builtin()),
          before(options.context_lines),
          tail(options.tail_lines) {
        if (!options.problem_matchers.empty()) {
            MatcherImport imported = import_problem_matchers(options.problem_matchers);
            errors = std::move(imported.errors);
            if (!imported.matchers.empty()) matchers.emplace(std::move(imported.matchers));
        }
    }

    AnalyzerOptions options;
    const RuleEngine& engine;
    std::optional<MatcherRunner> matchers;
    std::vector<Error> errors;
    std::optional<JobDetails> job;
    std::vector<StepInfo> failed_infos;
    std::set<std::string> formats_seen;

    // The open step.
    bool step_open = false;
    StepInfo step;
    Mode mode = Mode::detect;
    std::string buffer;  // undecided leading bytes, or a job-details document
    std::optional<StepOutputReader> reader;
    std::optional<LineNormalizer> normalizer;
    std::vector<LiteralHits> hits;  // of the block being read
    std::uint64_t line_no = 0;
    bool in_section = false;
    Ring before;  // the last lines of the blocks before `current_block`
    const LineBlock* current_block = nullptr;  // the block being read, and the index of the line in it
    std::size_t block_line = 0;
    std::vector<PendingAfter> after;
    std::optional<std::uint64_t> last_test;
    std::uint64_t last_test_line = 0;
    std::vector<std::string> head;
    Ring tail;  // the last lines of the blocks read
    bool window_from_failed = false;
    bool have_window = false;
    Window window;

    std::vector<Finding> findings;
    std::map<std::string, std::size_t, std::less<>> by_fingerprint;
    std::map<std::uint64_t, std::size_t> by_sequence;
    std::uint64_t next_sequence = 0;
    Stats stats;

    void begin(StepInfo info) {
        if (step_open) end();
        step = std::move(info);
        if (job) {
            for (const auto& a : job->actions) {
                const bool same = step.step ? a.step == step.step : a.step_name == step.name;
                if (same && a.index == step.container.value_or(0) && action_failed(a)) {
                    step.failed = true;
                    if (!step.exit_code) step.exit_code = a.exit_code;
                }
            }
        }
        if (step.failed) failed_infos.push_back(step);
        stats.truncated = stats.truncated || step.truncated;
        step_open = true;
        switch (options.format) {
            case InputFormat::auto_detect: mode = Mode::detect; break;
            case InputFormat::step_output: start(Mode::step_output); break;
            case InputFormat::job_details: mode = Mode::job_details; break;
            case InputFormat::raw_text: start(Mode::raw_text); break;
        }
        buffer.clear();
        line_no = 0;
        in_section = false;
        before.clear();
        after.clear();
        last_test.reset();
        head.clear();
        tail.clear();
        if (matchers) matchers->reset();
    }

    void start(Mode m) {
        mode = m;
        if (m == Mode::step_output) {
            reader.emplace();
            normalizer.emplace(options.max_line_bytes);
            formats_seen.insert("step_output");
        } else if (m == Mode::raw_text) {
            normalizer.emplace(options.max_line_bytes);
            formats_seen.insert("raw_text");
        }
    }

    // The format of a step whose output starts with `bytes`, or `Mode::detect` while they cannot
    // tell; `final` when no more bytes come (then it always tells). The answer depends only on
    // the bytes, not on how they were split into chunks: past `detect_limit` bytes of leading
    // space the output is raw text.
    static Mode format_of(std::string_view bytes, bool final) {
        const std::size_t size = std::min(bytes.size(), detect_limit + 1);
        std::size_t i = 0;
        while (i < size && (is_space(bytes[i]) || static_cast<unsigned char>(bytes[i]) >= 0xEF)) ++i;
        if (i > detect_limit) return Mode::raw_text;
        if (i == size) return final ? Mode::raw_text : Mode::detect;
        if (bytes[i] == '[') {
            std::size_t j = i + 1;
            while (j < size && is_space(bytes[j])) ++j;
            if (j > detect_limit) return Mode::raw_text;
            if (j == size) return final ? Mode::step_output : Mode::detect;
            return bytes[j] == '{' || bytes[j] == ']' ? Mode::step_output : Mode::raw_text;
        }
        return bytes[i] == '{' ? Mode::job_details : Mode::raw_text;
    }

    // Starts the open step's format if its first bytes, `bytes`, tell it.
    bool settle(std::string_view bytes, bool final) {
        const Mode decided = format_of(bytes, final);
        if (decided == Mode::detect) return false;
        start(decided);
        return true;
    }

    // Routes the bytes held back while the format was undecided.
    void route_held() {
        std::string held;
        held.swap(buffer);
        route(held);
    }

    void route(std::string_view chunk) {
        switch (mode) {
            case Mode::detect:
                if (buffer.empty() && settle(chunk, false)) {  // told by the chunk alone: no copy
                    route(chunk);
                    return;
                }
                buffer.append(chunk.data(), chunk.size());
                if (settle(buffer, false)) route_held();
                return;
            case Mode::step_output: reader->feed(chunk, *this); return;
            case Mode::raw_text: normalizer->feed(chunk, *this); return;
            case Mode::job_details:
                if (buffer.size() + chunk.size() > options.max_job_details_bytes) {
                    errors.push_back({ErrorCode::job_details_too_large, buffer.size(), step.name});
                    buffer.clear();
                    mode = Mode::ignore;
                    return;
                }
                buffer.append(chunk.data(), chunk.size());
                return;
            case Mode::ignore: return;
        }
    }

    void feed(std::string_view chunk) {
        if (!step_open) begin(StepInfo{});
        stats.bytes += chunk.size();
        route(chunk);
    }

    void end() {
        if (!step_open) return;
        if (mode == Mode::detect && settle(buffer, true)) route_held();
        if (mode == Mode::job_details) {
            JobDetailsResult parsed = parse_job_details(buffer);
            if (parsed.details) {
                formats_seen.insert("job_details");
                set_job(std::move(*parsed.details));
            } else {
                start(Mode::raw_text);
                std::string text;
                text.swap(buffer);
                normalizer->feed(text, *this);
            }
        }
        if (reader) {
            reader->finish(*this);
            stats.elements += reader->elements();
            if (reader->error()) {
                Error e = *reader->error();
                e.detail = step.name;
                if (e.code == ErrorCode::json_unexpected_end) stats.truncated = true;
                errors.push_back(std::move(e));
            }
        }
        if (normalizer) {
            normalizer->finish(*this);
            const NormalizeStats& n = normalizer->stats();
            stats.lines += n.lines;
            stats.capped_lines += n.capped_lines;
            stats.invalid_utf8 += n.invalid_utf8;
            ++stats.steps;
            if (!have_window || step.failed || !window_from_failed) {
                window.step = step.name.empty() ? std::nullopt : std::optional<std::string>(step.name);
                window.head = head;
                window.tail.clear();
                for (std::size_t i = 0; i < tail.size(); ++i) window.tail.push_back(tail[i]);
                have_window = true;
                window_from_failed = window_from_failed || step.failed;
            }
        }
        reader.reset();
        normalizer.reset();
        buffer.clear();
        buffer.shrink_to_fit();
        step_open = false;
    }

    void set_job(JobDetails details) { job = std::move(details); }

    void on_message(std::string_view piece) override { normalizer->feed(piece, *this); }
    void on_element_end(const StepOutputElement& /*element*/) override {}

    void on_lines(const LineBlock& block) override {
        engine.scan(block, hits);
        current_block = &block;
        for (block_line = 0; block_line < block.lines.size(); ++block_line) {
            on_line(block.line(block_line), block.lines[block_line].capped, hits[block_line]);
        }
        current_block = nullptr;
        block_line = 0;
        before.push_last(block);
        tail.push_last(block);
    }

    // The line `back` lines above the current one (1: the line just above), `back` at most
    // `lines_above()`.
    [[nodiscard]] std::string_view line_above(std::size_t back) const {
        return back <= block_line ? current_block->line(block_line - back) : std::string_view(before[before.size() - (back - block_line)]);
    }
    [[nodiscard]] std::size_t lines_above() const { return std::min(before.capacity(), block_line + before.size()); }

    void on_line(std::string_view text, bool capped, const LiteralHits& literal_hits) {
        ++line_no;
        if (!after.empty()) {
            for (auto& p : after) {
                const auto it = by_sequence.find(p.sequence);
                if (it != by_sequence.end()) findings[it->second].context.push_back({line_no, std::string(text)});
                --p.remaining;
            }
            after.erase(std::remove_if(after.begin(), after.end(), [](const PendingAfter& p) { return p.remaining == 0; }),
                        after.end());
        }
        if (head.size() < options.head_lines) head.emplace_back(text);

        bool matched = false;
        if (const auto match = engine.match(text, in_section, literal_hits)) {
            matched = true;
            ++stats.matched_lines;
            const RuleInfo& rule = info(match->rule);
            if (rule.tier == Tier::marker) {
                in_section = in_section || rule.opens_section;
            } else if (rule.tier != Tier::detail || !attach(*match, text)) {
                record(std::string(rule.id), rule.category, match->captures.severity.value_or(rule.severity),
                       rule.tier, match->captures, text, capped, true);
            }
        }
        if (matchers) {
            for (const auto& hit : matchers->feed_line(text)) {
                if (matched) continue;
                record("matcher:" + matchers->matchers()[hit.matcher].owner, Category::unknown, hit.severity,
                       Tier::primary, hit.captures, text, capped, true);
            }
        }
    }

    // Gives a detail line to the test finding just above it; false when there is none.
    bool attach(const RuleMatch& match, std::string_view text) {
        if (!last_test || line_no - last_test_line > attach_window) return false;
        const auto it = by_sequence.find(*last_test);
        if (it == by_sequence.end()) return false;
        Finding& f = findings[it->second];
        if (!f.message) f.message = redact(match.captures.message ? *match.captures.message : trimmed(text));
        return true;
    }

    void record(std::string rule, Category category, Severity severity, Tier tier, const Captures& captures,
                std::string_view text, bool capped, bool with_context) {
        const std::optional<std::string> step_name =
            step.name.empty() ? std::nullopt : std::optional<std::string>(step.name);
        std::string line = redact(text);
        std::string print = fingerprint(rule, step.name, line);
        if (const auto it = by_fingerprint.find(print); it != by_fingerprint.end()) {
            Finding& existing = findings[it->second];
            ++existing.count;
            add_container(existing.containers, step.container);
            if (category == Category::test && tier == Tier::primary) {
                last_test = existing.sequence;
                last_test_line = line_no;
            }
            return;
        }
        Finding f;
        f.rule = std::move(rule);
        f.category = category;
        f.severity = severity;
        f.tier = tier;
        f.step = step_name;
        f.container = step.container;
        f.line_no = with_context ? line_no : 0;
        f.text = std::move(line);
        f.capped = capped;
        f.file = redacted(captures.file);
        f.line = captures.line;
        f.column = captures.column;
        f.code = redacted(captures.code);
        f.message = redacted(captures.message);
        f.test = redacted(captures.test);
        add_container(f.containers, step.container);
        f.fingerprint = std::move(print);
        f.sequence = next_sequence++;
        if (with_context) {
            for (std::size_t back = lines_above(); back > 0; --back) {
                f.context.push_back({line_no - back, std::string(line_above(back))});
            }
            if (options.context_lines > 0) after.push_back({f.sequence, options.context_lines});
            if (category == Category::test && tier == Tier::primary) {
                last_test = f.sequence;
                last_test_line = line_no;
            }
        }
        by_fingerprint.emplace(f.fingerprint, findings.size());
        by_sequence.emplace(f.sequence, findings.size());
        findings.push_back(std::move(f));
        if (findings.size() >= 2 * options.max_findings) trim();
    }

    std::set<std::string> failed_names() const {
        std::set<std::string> names;
        for (const auto& s : failed_infos) names.insert(s.name);
        if (job) {
            for (const auto& a : job->actions) {
                if (action_failed(a)) names.insert(a.step_name);
            }
        }
        return names;
    }

    void mark_failed_steps() {
        const auto names = failed_names();
        for (auto& f : findings) f.in_failed_step = names.empty() || (f.step && names.count(*f.step) > 0);
    }

    // Keeps the best `max_findings`; counts the rest.
    void trim() {
        mark_failed_steps();
        rank(findings);
        if (findings.size() > options.max_findings) {
            stats.findings_dropped += findings.size() - options.max_findings;
            findings.resize(options.max_findings);
        }
        by_fingerprint.clear();
        by_sequence.clear();
        for (std::size_t i = 0; i < findings.size(); ++i) {
            by_fingerprint.emplace(findings[i].fingerprint, i);
            by_sequence.emplace(findings[i].sequence, i);
        }
    }

    // Findings and failed steps from CircleCI's own job details and messages.
    std::vector<FailedStep> from_job() {
        std::vector<FailedStep> failed;
        const auto failed_step = [&](const std::string& name, std::optional<std::int64_t> id) -> FailedStep& {
            for (auto& s : failed) {
                if (s.name == name && s.step == id) return s;
            }
            failed.push_back(FailedStep{name, id, {}, std::nullopt, "failed", false, false, false});
            return failed.back();
        };
        if (job) {
            std::set<std::string> without_output;
            for (const auto& a : job->actions) {
                stats.truncated = stats.truncated || a.truncated;
                if (!a.has_output && !a.canceled) without_output.insert(a.step_name);
                if (!action_failed(a)) continue;
                FailedStep& s = failed_step(a.step_name, a.step);
                add_container(s.containers, a.index);
                if (!s.exit_code) s.exit_code = a.exit_code;
                if (!a.status.empty()) s.status = a.status;
                s.timedout = s.timedout || a.timedout;
                s.infrastructure_fail = s.infrastructure_fail || a.infrastructure_fail;
                s.truncated = s.truncated || a.truncated;
            }
            stats.steps_without_output.assign(without_output.begin(), without_output.end());
        }
        for (const auto& info_ : failed_infos) {
            FailedStep& s = failed_step(info_.name, info_.step);
            add_container(s.containers, info_.container);
            if (!s.exit_code) s.exit_code = info_.exit_code;
            s.truncated = s.truncated || info_.truncated;
        }
        if (!job) return failed;

        const auto record_text = [&](std::string_view text, Rule fallback) {
            for (const auto& line : normalize_lines(text, options.max_line_bytes)) {
                if (trimmed(line).empty()) continue;
                const auto match = engine.match(line, false);
                const RuleInfo& rule = info(match && info(match->rule).tier != Tier::marker ? match->rule : fallback);
                record(std::string(rule.id), rule.category, rule.severity, rule.tier,
                       match ? match->captures : Captures{}, line, false, false);
            }
        };
        for (const auto& a : job->actions) {
            step = StepInfo{a.step_name, a.step, a.index, action_failed(a), a.exit_code, a.truncated};
            for (const auto& m : a.messages) record_text(m, Rule::circleci_message);
            if (!action_failed(a)) continue;
            const Rule rule = a.exit_code == 137       ? Rule::exit_code_137
                              : a.timedout            ? Rule::circleci_job_timedout
                              : a.infrastructure_fail ? Rule::circleci_infrastructure_fail
                                                      : Rule::circleci_step_failed;
            std::string text = "Step \"" + a.step_name + "\" ";
            if (a.timedout) {
                text += "timed out";
            } else if (a.infrastructure_fail) {
                text += "hit an infrastructure failure";
            } else {
                text += "failed";
            }
            if (a.exit_code) text += " with exit code " + std::to_string(*a.exit_code);
            const RuleInfo& row = info(rule);
            Captures captures;
            if (a.exit_code) captures.code = std::to_string(*a.exit_code);
            record(std::string(row.id), row.category, row.severity, row.tier, captures, text, false, false);
        }
        step = StepInfo{};
        for (const auto& m : job->messages) record_text(m.message, Rule::circleci_message);
        return failed;
    }

    Analysis finish() {
        end();
        Analysis out;
        out.failed_steps = from_job();
        mark_failed_steps();
        rank(findings);
        if (findings.size() > options.max_findings) {
            stats.findings_dropped += findings.size() - options.max_findings;
            findings.resize(options.max_findings);
        }
        const Verdict verdict = categorize(findings, out.failed_steps, job && job->timedout,
                                           job && job->infrastructure_fail);
        out.category = verdict.category;
        out.confidence = verdict.confidence;
        out.evidence = verdict.evidence;
        out.input_format = formats_seen.empty() ? "raw_text" : formats_seen.size() == 1 ? *formats_seen.begin() : "mixed";
        out.findings = std::move(findings);
        // Context lines are kept raw until now: most findings are ranked away before the end.
        for (auto& finding : out.findings) {
            for (auto& line : finding.context) line.text = redact(line.text);
        }
        out.window = std::move(window);
        for (auto& line : out.window.head) line = redact(line);
        for (auto& line : out.window.tail) line = redact(line);
        out.stats = std::move(stats);
        out.errors = std::move(errors);
        return out;
    }
};

Analyzer::Analyzer(AnalyzerOptions options) : state_(std::make_unique<State>(std::move(options))) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

void Analyzer::set_job_details(JobDetails details) { state_->set_job(std::move(details)); }
void Analyzer::begin_step(StepInfo step) { state_->begin(std::move(step)); }
void Analyzer::feed(std::string_view chunk) { state_->feed(chunk); }
void Analyzer::end_step() { state_->end(); }
Analysis Analyzer::finish() { return state_->finish(); }

Analysis analyze(std::string_view input, const AnalyzerOptions& options) {
    Analyzer analyzer(options);
    analyzer.feed(input);
    return analyzer.finish();
}

StepInfo step_info_from_json(const nlohmann::json& json) {
    StepInfo info;
    if (!json.is_object()) return info;
    const auto integer = [&](const char* key) -> std::optional<std::int64_t> {
        const auto it = json.find(key);
        return it != json.end() && it->is_number_integer() ? std::optional(it->get<std::int64_t>()) : std::nullopt;
    };
    const auto flag = [&](const char* key) {
        const auto it = json.find(key);
        return it != json.end() && it->is_boolean() && it->get<bool>();
    };
    if (const auto it = json.find("name"); it != json.end() && it->is_string()) info.name = it->get<std::string>();
    info.step = integer("step");
    info.container = integer("container");
    info.exit_code = integer("exit_code");
    info.failed = flag("failed");
    info.truncated = flag("truncated");
    return info;
}

}  // namespace cci::log
