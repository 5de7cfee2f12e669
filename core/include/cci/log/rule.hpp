// Built-in log rules as data: one closed enum of rule ids and the one ordered table.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "cci/log/category.hpp"
#include "cci/log/severity.hpp"

namespace cci::log {

/// How a rule's matches rank against each other; the order is the ranking order.
enum class Tier {
    decisive,   ///< ends the job by itself (OOM kill, no-output timeout, runner failure)
    primary,    ///< a specific root cause (compiler error, failing test, unresolvable package)
    generic,    ///< an error line of no known tool (`Error: …`, an exception)
    secondary,  ///< supports a cause (summaries, warnings, the failing target)
    detail,     ///< an assertion or message that completes the test finding just above it
    trailer,    ///< a wrapper's exit report (`make: *** … Error 1`, `Exited with code …`)
    marker,     ///< recognised but not reported: it only steers other rules or hides noise
};

inline constexpr std::size_t tier_count = 7;

struct TierInfo {
    Tier tier;
    std::string_view id;
};

[[nodiscard]] const std::array<TierInfo, tier_count>& tier_table() noexcept;
[[nodiscard]] const TierInfo& info(Tier tier) noexcept;
[[nodiscard]] inline std::string_view id(Tier tier) noexcept { return info(tier).id; }
[[nodiscard]] std::optional<Tier> parse_tier(std::string_view id) noexcept;

/// Built-in rules. Ids are contracts (the `rule` of a finding). Order is the table's, and
/// it is the priority: when several rules match a line, the first one wins.
enum class Rule {
    circleci_config_error, no_output_timeout, job_runtime_exceeded, received_killed_signal, exit_code_137,
    killed_process, out_of_memory, runner_launch_failed, no_space_left, vm_assignment_wait,
    docker_manifest_not_found, docker_rate_limit, docker_pull_access_denied, docker_pull_error,
    docker_invalid_reference, docker_base_image_not_found, docker_run_failed, docker_build_error,
    docker_daemon_error,
    retry_notice, dns_resolution, connection_error, tls_error, http_5xx,
    ssh_permission_denied, ssh_host_key, git_fatal, git_repository_not_found, git_push_rejected,
    git_merge_conflict, git_pathspec,
    command_not_found, unbound_variable, missing_env_var, env_var_not_set, npm_missing_script,
    permission_denied,
    npm_lifecycle_failed, npm_error_detail, npm_error_code, yarn_command_failed, yarn_error,
    yarn_berry_error, pnpm_run_failed, pnpm_error, pip_error, poetry_solver, bundler_error, apt_error,
    apt_subprocess_failed, cargo_dependency, go_module_error, maven_dependency, gradle_dependency,
    node_module_not_found, python_module_not_found, composer_error,
    eslint_stylish, eslint_summary, flake8, mypy, rubocop, golangci_lint, prettier_check, shellcheck,
    typescript_error, typescript_error_pretty, msvc_error, gcc_error, gcc_warning, gcc_note,
    linker_error, linker_failed, cmake_error, make_error, ninja_failed_target, ninja_stopped,
    go_test_detail, go_build_error, rust_error, rust_could_not_compile, rust_aborting, kotlin_error,
    maven_compile_error, maven_build_failure, maven_noise, gradle_task_failed, gradle_execution_failed,
    gradle_build_failed, webpack_error, lint_file_line_col,
    pytest_failed, pytest_collect_error, pytest_assertion, pytest_summary, unittest_failure,
    unittest_summary, go_test_fail, go_test_package_fail, rust_test_failed, rust_panic, rust_assertion,
    rust_test_result, jest_console, jest_failure, vitest_failure, jest_failed_file, jest_summary,
    test_timeout, failure_section, numbered_failure, rspec_failure_error, rspec_failed_example,
    rspec_summary, minitest_failure, minitest_summary, surefire_test_failed, surefire_failure_list,
    junit_summary, gradle_test_failed, dotnet_test_failed, assertion_detail,
    wait_timeout, circleci_exited, circleci_received_exit, process_completed, exit_status,
    go_panic, segfault, exception, generic_error,
    circleci_step_failed, circleci_job_timedout, circleci_infrastructure_fail, circleci_message,
};

inline constexpr std::size_t rule_count = 135;

/// One rule. `pattern` is an RE2 pattern anchored at the start of a normalised line, with
/// optional named groups `file`, `line`, `column`, `code`, `message`, `test`, `severity`
/// (a severity word that overrides the rule's). Rules with an empty pattern are made by the
/// analyser from job details, not from lines.
struct RuleInfo {
    Rule rule;
    std::string_view id;
    Category category;
    Severity severity;
    Tier tier;
    std::string_view pattern;
    bool opens_section = false;  ///< starts a test-failure section (`Failures:`, `N failing`)
    bool needs_section = false;  ///< only matches inside such a section
};

/// The table, indexed by the enum's value.
[[nodiscard]] const std::array<RuleInfo, rule_count>& rule_table() noexcept;
[[nodiscard]] const RuleInfo& info(Rule rule) noexcept;
[[nodiscard]] inline std::string_view id(Rule rule) noexcept { return info(rule).id; }
[[nodiscard]] std::optional<Rule> parse_rule(std::string_view id) noexcept;

}  // namespace cci::log
