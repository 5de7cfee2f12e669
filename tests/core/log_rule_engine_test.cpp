#include "cci/log/rule_engine.hpp"

#include <catch2/catch.hpp>
#include <re2/set.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "cci/log/normalize.hpp"
#include "plain_rule_engine.hpp"

using namespace cci::log;

namespace {

// One fixture line per built-in rule (more for some): the line must be matched by that rule.
const std::multimap<Rule, std::string> examples{
    {Rule::circleci_config_error, "# Unable to parse YAML"},
    {Rule::circleci_config_error, "ERROR IN CONFIG FILE:"},
    {Rule::circleci_config_error, "Cannot find a definition for command named restore-deps"},
    {Rule::no_output_timeout, "Too long with no output (exceeded 10m0s): context deadline exceeded"},
    {Rule::job_runtime_exceeded, "Job has exceeded the maximum allowed runtime of 5h0m0s"},
    {Rule::received_killed_signal, "Received \"killed\" signal"},
    {Rule::exit_code_137, "Exited with code exit status 137"},
    {Rule::exit_code_137, "error Command failed with exit code 137."},
    {Rule::exit_code_137, "CircleCI received exit code 137"},
    {Rule::killed_process, "Killed"},
    {Rule::killed_process, "/bin/bash: line 3:   412 Killed                  python train.py"},
    {Rule::killed_process, "c++: fatal error: Killed signal terminated program cc1plus"},
    {Rule::out_of_memory, "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory"},
    {Rule::out_of_memory, "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space"},
    {Rule::out_of_memory, "Your build has exceeded the memory limit of 4G on 1 container."},
    {Rule::runner_launch_failed, "could not run task: launch circleci-agent on \"container-0\" failed: pod stuck"},
    {Rule::no_space_left, "write /var/lib/docker/tmp/x: no space left on device: No space left on device"},
    {Rule::vm_assignment_wait, "Waiting for a VM assignment"},
    {Rule::docker_manifest_not_found, "Error response from daemon: manifest for cimg/node:99.1 not found: manifest unknown"},
    {Rule::docker_rate_limit, "toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading"},
    {Rule::docker_pull_access_denied, "Error response from daemon: pull access denied for acme/private-app, repository does not exist or may require 'docker login'"},
    {Rule::docker_pull_error, "Error pulling image cimg/ruby:3.1: Error response from daemon: Get https://registry-1.docker.io/v2/: received unexpected HTTP status: 503 Service Unavailable... retrying"},
    {Rule::docker_invalid_reference, "docker: invalid reference format."},
    {Rule::docker_base_image_not_found, "ERROR: failed to solve: node:99-alpine: not found"},
    {Rule::docker_run_failed, "ERROR: failed to solve: process \"/bin/sh -c npm ci\" did not complete successfully: exit code: 1"},
    {Rule::docker_run_failed, "The command '/bin/sh -c make' returned a non-zero code: 2"},
    {Rule::docker_build_error, "ERROR: failed to solve: failed to compute cache key: \"/app/dist\" not found: not found"},
    {Rule::docker_daemon_error, "Error response from daemon: Conflict. The container name \"/db\" is already in use"},
    {Rule::retry_notice, "Problem with dial: dial tcp 127.0.0.1:5432: connect: connection refused. Sleeping 1s"},
    {Rule::dns_resolution, "fatal: unable to access 'https://github.com/acme/app.git/': Could not resolve host: github.com"},
    {Rule::dns_resolution, "npm ERR! network request to https://registry.npmjs.org/left-pad failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org"},
    {Rule::connection_error, "psycopg2.OperationalError: could not connect to server: Connection refused"},
    {Rule::tls_error, "curl: (60) SSL certificate problem: certificate has expired"},
    {Rule::http_5xx, "received unexpected HTTP status: 503 Service Unavailable"},
    {Rule::ssh_permission_denied, "git@github.com: Permission denied (publickey)."},
    {Rule::ssh_host_key, "Host key verification failed."},
    {Rule::git_fatal, "fatal: Could not read from remote repository."},
    {Rule::git_fatal, "fatal: couldn't find remote ref refs/heads/feature-x"},
    {Rule::git_repository_not_found, "ERROR: Repository not found."},
    {Rule::git_push_rejected, "error: failed to push some refs to 'github.com:acme/app.git'"},
    {Rule::git_merge_conflict, "CONFLICT (content): Merge conflict in src/app.js"},
    {Rule::git_pathspec, "error: pathspec 'release/9.9' did not match any file(s) known to git"},
    {Rule::command_not_found, "/bin/bash: line 1: yarnpkg: command not found"},
    {Rule::command_not_found, "/bin/sh: 1: pnpm: not found"},
    {Rule::unbound_variable, "/bin/bash: line 4: DEPLOY_ENV: unbound variable"},
    {Rule::missing_env_var, "Error: Missing required environment variable: DATABASE_URL"},
    {Rule::env_var_not_set, "The environment variable AWS_REGION is not set"},
    {Rule::npm_missing_script, "npm ERR! Missing script: \"test:ci\""},
    {Rule::permission_denied, "/bin/bash: line 1: ./gradlew: Permission denied"},
    {Rule::npm_lifecycle_failed, "npm ERR! code ELIFECYCLE"},
    {Rule::npm_lifecycle_failed, "npm ERR! Failed at the app@1.0.0 test script."},
    {Rule::npm_error_detail, "npm ERR! ERESOLVE unable to resolve dependency tree"},
    {Rule::npm_error_detail, "npm ERR! 404 Not Found - GET https://registry.npmjs.org/left-padd - Not found"},
    {Rule::npm_error_code, "npm ERR! code E404"},
    {Rule::yarn_command_failed, "error Command failed with exit code 1."},
    {Rule::yarn_error, "error Couldn't find package \"left-padd@^1.0.0\" required by \"app@1.0.0\" on the \"npm\" registry."},
    {Rule::yarn_berry_error, "➤ YN0028: │ The lockfile would have been modified by this install, which is explicitly forbidden."},
    {Rule::pnpm_run_failed, " ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL  app@1.0.0 test: `jest`"},
    {Rule::pnpm_error, " ERR_PNPM_OUTDATED_LOCKFILE  Cannot install with \"frozen-lockfile\" because pnpm-lock.yaml is not up to date with package.json"},
    {Rule::pip_error, "ERROR: Could not find a version that satisfies the requirement djangoo==4.2 (from versions: none)"},
    {Rule::poetry_solver, "SolverProblemError"},
    {Rule::poetry_solver, "Because app depends on requests (^9.0) which doesn't match any versions, version solving failed."},
    {Rule::bundler_error, "Could not find gem 'rails (~> 9.0)' in locally installed gems."},
    {Rule::bundler_error, "An error occurred while installing pg (1.5.4), and Bundler cannot continue."},
    {Rule::apt_error, "E: Unable to locate package libfoo-dev"},
    {Rule::apt_subprocess_failed, "E: Sub-process /usr/bin/dpkg returned an error code (1)"},
    {Rule::cargo_dependency, "error: failed to select a version for the requirement `serde = \"^9.0\"`"},
    {Rule::go_module_error, "go: github.com/acme/lib@v1.2.3: invalid version: unknown revision v1.2.3"},
    {Rule::go_module_error, "main.go:5:2: no required module provides package github.com/acme/missing; to add it:"},
    {Rule::maven_dependency, "[ERROR] Failed to execute goal on project app: Could not resolve dependencies for project com.acme:app:jar:1.0"},
    {Rule::gradle_dependency, "   > Could not resolve com.acme:lib:9.9.9."},
    {Rule::node_module_not_found, "Error: Cannot find module 'express'"},
    {Rule::python_module_not_found, "ModuleNotFoundError: No module named 'requests'"},
    {Rule::composer_error, "Your requirements could not be resolved to an installable set of packages."},
    {Rule::eslint_stylish, "  12:5  error  'foo' is not defined  no-undef"},
    {Rule::eslint_summary, "✖ 3 problems (2 errors, 1 warning)"},
    {Rule::flake8, "app/models.py:12:1: F401 'os' imported but unused"},
    {Rule::flake8, "app/views.py:3:1: C0114: Missing module docstring (missing-module-docstring)"},
    {Rule::mypy, "app/api.py:42: error: Incompatible return value type (got \"str\", expected \"int\")  [return-value]"},
    {Rule::rubocop, "app/models/user.rb:10:3: C: [Correctable] Style/StringLiterals: Prefer single-quoted strings."},
    {Rule::golangci_lint, "pkg/server/server.go:88:2: ineffectual assignment to err (ineffassign)"},
    {Rule::prettier_check, "[warn] Code style issues found in 2 files. Run Prettier with --write to fix."},
    {Rule::shellcheck, "deploy.sh:3:6: warning: Quote this to prevent word splitting. [SC2046]"},
    {Rule::typescript_error, "src/app.ts(12,5): error TS2322: Type 'string' is not assignable to type 'number'."},
    {Rule::typescript_error_pretty, "src/app.ts:12:5 - error TS2322: Type 'string' is not assignable to type 'number'."},
    {Rule::msvc_error, "C:\\src\\main.cpp(10,5): error C2065: 'x': undeclared identifier"},
    {Rule::gcc_error, "src/parser.c:42:13: error: 'token' undeclared (first use in this function)"},
    {Rule::gcc_error, "src/main/java/com/acme/App.java:7: error: cannot find symbol"},
    {Rule::gcc_warning, "src/parser.c:40:9: warning: unused variable 'n' [-Wunused-variable]"},
    {Rule::gcc_note, "src/parser.c:12:6: note: declared here"},
    {Rule::linker_error, "/usr/bin/ld: main.o: in function `main': undefined reference to `parse_config'"},
    {Rule::linker_failed, "collect2: error: ld returned 1 exit status"},
    {Rule::cmake_error, "CMake Error at CMakeLists.txt:12 (find_package):"},
    {Rule::make_error, "make: *** [Makefile:12: build] Error 1"},
    {Rule::make_error, "make[2]: *** [src/CMakeFiles/app.dir/build.make:76: src/parser.o] Error 1"},
    {Rule::ninja_failed_target, "FAILED: src/CMakeFiles/app.dir/parser.c.o"},
    {Rule::ninja_stopped, "ninja: build stopped: subcommand failed."},
    {Rule::go_test_detail, "    handler_test.go:27: expected status 200, got 500"},
    {Rule::go_build_error, "./main.go:14:2: undefined: parseConfig"},
    {Rule::rust_error, "error[E0425]: cannot find value `cfg` in this scope"},
    {Rule::rust_could_not_compile, "error: could not compile `app` (bin \"app\") due to 1 previous error"},
    {Rule::rust_aborting, "error: aborting due to previous error"},
    {Rule::kotlin_error, "e: file:///home/circleci/app/src/main/kotlin/App.kt:12:5 Unresolved reference: foo"},
    {Rule::maven_compile_error, "[ERROR] /home/circleci/app/src/main/java/com/acme/App.java:[12,8] cannot find symbol"},
    {Rule::maven_build_failure, "[INFO] BUILD FAILURE"},
    {Rule::maven_noise, "[ERROR] -> [Help 1]"},
    {Rule::gradle_task_failed, "> Task :app:compileJava FAILED"},
    {Rule::gradle_execution_failed, "Execution failed for task ':app:compileJava'."},
    {Rule::gradle_build_failed, "FAILURE: Build failed with an exception."},
    {Rule::gradle_build_failed, "BUILD FAILED in 14s"},
    {Rule::webpack_error, "ERROR in ./src/index.js 12:4"},
    {Rule::lint_file_line_col, "  /home/circleci/repo/index.js:7:21: Extra semicolon."},
    {Rule::pytest_failed, "FAILED tests/test_api.py::test_create_user - AssertionError: assert 201 == 400"},
    {Rule::pytest_collect_error, "_____________________ ERROR collecting tests/test_models.py ______________________"},
    {Rule::pytest_assertion, "E       AssertionError: assert 201 == 400"},
    {Rule::pytest_summary, "==================== 1 failed, 41 passed in 3.21s ===================="},
    {Rule::unittest_failure, "FAIL: test_total (tests.test_cart.CartTest)"},
    {Rule::unittest_summary, "FAILED (failures=1)"},
    {Rule::go_test_fail, "--- FAIL: TestHandler (0.00s)"},
    {Rule::go_test_package_fail, "FAIL\tgithub.com/acme/app/server\t0.012s"},
    {Rule::rust_test_failed, "test tests::parses_empty ... FAILED"},
    {Rule::rust_panic, "thread 'tests::parses_empty' panicked at src/lib.rs:42:9:"},
    {Rule::rust_panic, "thread 'main' panicked at 'called `Option::unwrap()` on a `None` value', src/main.rs:4:37"},
    {Rule::rust_assertion, "assertion `left == right` failed"},
    {Rule::rust_test_result, "test result: FAILED. 11 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out"},
    {Rule::jest_console, "  ● Console"},
    {Rule::jest_failure, "  ● Cart › adds an item"},
    {Rule::vitest_failure, " FAIL  src/cart.test.ts > Cart > adds an item"},
    {Rule::jest_failed_file, "FAIL src/cart.test.js"},
    {Rule::jest_summary, "Tests:       1 failed, 24 passed, 25 total"},
    {Rule::test_timeout, "    thrown: \"Exceeded timeout of 5000 ms for a test."},
    {Rule::failure_section, "Failures:"},
    {Rule::failure_section, "  1 failing"},
    {Rule::numbered_failure, "  1) customer edit page displays selectable strings as dropdowns"},
    {Rule::rspec_failure_error, "     Failure/Error: expect(page).to have_content(\"Saved\")"},
    {Rule::rspec_failed_example, "rspec ./spec/models/user_spec.rb:12 # User validates email"},
    {Rule::rspec_summary, "541 examples, 1 failure"},
    {Rule::minitest_failure, "UserTest#test_email_is_required [/home/circleci/app/test/models/user_test.rb:12]:"},
    {Rule::minitest_summary, "12 runs, 30 assertions, 1 failures, 0 errors, 0 skips"},
    {Rule::surefire_test_failed, "[ERROR] testAdd(com.acme.CalculatorTest)  Time elapsed: 0.012 s  <<< FAILURE!"},
    {Rule::surefire_failure_list, "[ERROR]   CalculatorTest.testAdd:14 expected:<3> but was:<4>"},
    {Rule::junit_summary, "Tests run: 12, Failures: 1, Errors: 0, Skipped: 0"},
    {Rule::gradle_test_failed, "CalculatorTest > addsNumbers() FAILED"},
    {Rule::dotnet_test_failed, "  Failed Acme.Tests.CartTests.AddsItem [12 ms]"},
    {Rule::assertion_detail, "    Expected: 3"},
    {Rule::assertion_detail, "java.lang.AssertionError: expected:<3> but was:<4>"},
    {Rule::wait_timeout, "Timed out waiting for tcp://localhost:5432"},
    {Rule::circleci_exited, "Exited with code exit status 1"},
    {Rule::circleci_exited, "Exited with code 2"},
    {Rule::circleci_received_exit, "CircleCI received exit code 1"},
    {Rule::process_completed, "Process completed with exit code 1."},
    {Rule::process_completed, "ERROR: Job failed: exit code 1"},
    {Rule::process_completed, "The command \"npm test\" exited with 1."},
    {Rule::exit_status, "exit status 1"},
    {Rule::go_panic, "panic: runtime error: invalid memory address or nil pointer dereference"},
    {Rule::segfault, "Segmentation fault (core dumped)"},
    {Rule::exception, "TypeError: Cannot read properties of undefined (reading 'id')"},
    {Rule::generic_error, "Error: deploy target 'staging' is not configured"},
    {Rule::generic_error, "[ERROR] something odd happened"},
};

}  // namespace

TEST_CASE("rule engine: every built-in pattern compiles", "[log][rule]") {
    CHECK(RuleEngine::builtin().broken().empty());
}

TEST_CASE("rule engine: the whole table still compiles as one anchored set within 32 MiB", "[log][rule]") {
    re2::RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(32 << 20);
    re2::RE2::Set set(options, re2::RE2::ANCHOR_START);
    for (const auto& row : cci::log::rule_table()) {
        if (row.pattern.empty()) continue;
        std::string error;
        INFO(row.id << ": " << error);
        CHECK(set.Add(re2::StringPiece(row.pattern.data(), row.pattern.size()), &error) >= 0);
    }
    CHECK(set.Compile());
}

TEST_CASE("rule engine: every rule with a pattern has a fixture line it wins", "[log][rule]") {
    std::set<Rule> covered;
    for (const auto& [rule, line] : examples) {
        CAPTURE(id(rule), line);
        const auto match = RuleEngine::builtin().match(line, true);
        REQUIRE(match);
        CHECK(id(match->rule) == id(rule));
        covered.insert(rule);
    }
    for (const auto& row : rule_table()) {
        CAPTURE(row.id);
        if (!row.pattern.empty()) CHECK(covered.count(row.rule) == 1);
    }
}

TEST_CASE("rule engine: ordinary lines match nothing", "[log][rule]") {
    const std::string line = GENERATE(as<std::string>{}, "", "Installing dependencies", "Randomized with seed 2668",
                                      "Finished in 18.6 seconds (files took 3.35 seconds to load)",
                                      "19:49:12.236Z  INFO probot: Yay, the app was loaded!",
                                      "Tests:       3 passed, 3 total", "541 examples, 0 failures",
                                      "Starting container cimg/ruby:3.1-browsers",
                                      "  pull stats: Image was already available so the image was not pulled",
                                      "Test Suites: 2 passed, 2 total", "  3 passing (20ms)",
                                      "ok  \tgithub.com/acme/app\t0.014s", "Exited with code exit status 0x",
                                      "echo \"no errors here\"");
    CAPTURE(line);
    const auto match = RuleEngine::builtin().match(line, false);
    CHECK_FALSE(match);
}

TEST_CASE("rule engine: section-only rules need their section", "[log][rule]") {
    const std::string line = "  1) Install dependencies";
    CHECK_FALSE(RuleEngine::builtin().match(line, false));
    REQUIRE(RuleEngine::builtin().match(line, true));
    CHECK(RuleEngine::builtin().match(line, true)->rule == Rule::numbered_failure);
}

TEST_CASE("rule engine: named groups become captures", "[log][rule]") {
    const auto gcc = RuleEngine::builtin().match("src/parser.c:42:13: error: 'token' undeclared", false);
    REQUIRE(gcc);
    CHECK(gcc->captures.file == "src/parser.c");
    CHECK(gcc->captures.line == 42);
    CHECK(gcc->captures.column == 13);
    CHECK(gcc->captures.message == "'token' undeclared");
    CHECK_FALSE(gcc->captures.code);

    const auto eslint = RuleEngine::builtin().match("  3:1  warning  Unexpected console statement  no-console", false);
    REQUIRE(eslint);
    CHECK(eslint->captures.severity == Severity::warning);
    CHECK(eslint->captures.code == "no-console");

    const auto pytest = RuleEngine::builtin().match("FAILED tests/test_api.py::test_create - assert 1 == 2", false);
    REQUIRE(pytest);
    CHECK(pytest->captures.test == "test_create");
    CHECK(pytest->captures.message == "assert 1 == 2");

    const auto oom = RuleEngine::builtin().match("Exited with code exit status 137", false);
    REQUIRE(oom);
    CHECK(oom->captures.code == "137");
}

TEST_CASE("rule engine: numbers", "[log][rule]") {
    CHECK(parse_number("0") == 0);
    CHECK(parse_number("123456789012345678") == 123456789012345678);
    CHECK_FALSE(parse_number("1234567890123456789"));
    CHECK_FALSE(parse_number(""));
    CHECK_FALSE(parse_number("12a"));
}

namespace {

// Requires the engine's verdict on a line to be the plain engine's, captures included; true
// when some rule matched.
bool same_verdict(const std::optional<RuleMatch>& got, const std::optional<RuleMatch>& want) {
    REQUIRE(got.has_value() == want.has_value());
    if (!want) return false;
    CHECK(got->rule == want->rule);
    CHECK(got->captures.file == want->captures.file);
    CHECK(got->captures.line == want->captures.line);
    CHECK(got->captures.column == want->captures.column);
    CHECK(got->captures.code == want->captures.code);
    CHECK(got->captures.message == want->captures.message);
    CHECK(got->captures.test == want->captures.test);
    CHECK(got->captures.severity == want->captures.severity);
    return true;
}

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    return s;
}

// `s` and `k` spelt as the non-ASCII characters RE2 folds to them (U+017F, U+212A).
std::string unicode_folds(const std::string& s) {
    std::string out;
    for (const char c : s) {
        if (c == 's') {
            out += "\xC5\xBF";
        } else if (c == 'k') {
            out += "\xE2\x84\xAA";
        } else {
            out += c;
        }
    }
    return out;
}

// Every line of every log fixture, and variants that move, re-case or cut it.
std::vector<std::string> corpus() {
    std::vector<std::string> base;
    for (const auto& [rule, line] : examples) base.push_back(line);
    for (const auto& entry : std::filesystem::directory_iterator(std::string(CCI_FIXTURES_DIR) + "/logs")) {
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        for (auto& line : normalize_lines(text)) base.push_back(std::move(line));
    }
    std::sort(base.begin(), base.end());
    base.erase(std::unique(base.begin(), base.end()), base.end());
    std::vector<std::string> out;
    for (const auto& line : base) {
        for (auto variant : {line, "  " + line, "\t" + line, upper(line), unicode_folds(line), "x" + line,
                             line.substr(0, line.size() / 2), line.substr(std::min<std::size_t>(1, line.size()))}) {
            out.push_back(std::move(variant));
        }
    }
    return out;
}

}  // namespace

TEST_CASE("rule engine: the literal prefilter never changes a verdict", "[log][rule]") {
    const cci::test::PlainRuleEngine plain;
    const RuleEngine& engine = RuleEngine::builtin();
    std::size_t matched = 0;
    for (const auto& line : corpus()) {
        for (const bool in_section : {false, true}) {
            const auto want = plain.match(line, in_section);
            const auto got = engine.match(line, in_section);
            INFO(line);
            if (same_verdict(got, want)) ++matched;
        }
    }
    CHECK(matched > 1000);
}

TEST_CASE("rule engine: verdicts do not depend on where a literal falls in the scanner's blocks", "[log][rule]") {
    // Every rule's example line behind paddings of every length up to two 32-byte blocks,
    // and with text after it, so that each literal is met at every offset of a SIMD block
    // and in the tail of a line.
    const cci::test::PlainRuleEngine plain;
    const RuleEngine& engine = RuleEngine::builtin();
    std::size_t matched = 0;
    for (const auto& [rule, example] : examples) {
        for (std::size_t pad = 0; pad <= 66; ++pad) {
            for (const auto& line : {std::string(pad, ' ') + example, std::string(pad, 'q') + ": " + example,
                                     example + std::string(pad, '.'), std::string(pad, 'Q') + example + " x"}) {
                const auto want = plain.match(line, true);
                const auto got = engine.match(line, true);
                INFO(line);
                if (same_verdict(got, want)) ++matched;
            }
        }
    }
    CHECK(matched > 1000);
}

TEST_CASE("rule engine: lines scanned together in a block keep their own verdicts", "[log][rule]") {
    // The corpus laid end to end, with bytes between the lines that hold literals of their
    // own (as stripped CI markers would), so that a key crossing a line's edge or lying
    // between lines must never count for a line.
    const cci::test::PlainRuleEngine plain;
    const RuleEngine& engine = RuleEngine::builtin();
    const auto lines = corpus();
    const std::vector<std::string> gaps{"", "error: ", "FAILED ", "Error: Killed", "##[error]", "x"};
    std::string text;
    std::vector<cci::log::LineSpan> spans;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        text += gaps[i % gaps.size()];
        spans.push_back({text.size(), text.size() + lines[i].size(), false, true});
        text += lines[i];
    }
    text += "error: Killed";
    const std::size_t size = text.size();
    text.resize(size + cci::log::LineBlock::padding, 'e');
    const cci::log::LineBlock block{std::string_view(text.data(), size), spans};
    std::vector<cci::log::LiteralHits> hits;
    engine.scan(block, hits);
    REQUIRE(hits.size() == lines.size());
    std::size_t matched = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto want = plain.match(lines[i], false);
        const auto got = engine.match(block.line(i), false, hits[i]);
        INFO(lines[i]);
        if (same_verdict(got, want)) ++matched;
    }
    CHECK(matched > 1000);
}
