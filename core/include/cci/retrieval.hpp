// Log retrieval as a plan the host drives: CircleCI URLs in; requests out (which, in which
// order, when to repeat them); outcomes back in; a report out. Pure: the host moves the bytes
// (concurrently if it likes), the plan decides everything else — following pipelines →
// workflows → jobs with `page-token` pagination and a loop guard, skipping approval jobs,
// v1.1 job details → every failed action on every container → its presigned output URL,
// retries with capped exponential backoff and jitter, Retry-After on 429 within a budget,
// fresh job details when a presigned URL has expired, and each step's completeness flag.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cci/ci_url.hpp"
#include "cci/headers.hpp"
#include "cci/outcome.hpp"
#include "cci/retrieval_report.hpp"
#include "cci/retry_policy.hpp"
#include "cci/timestamp.hpp"

namespace cci {

/// The API origin for a pasted URL's host: `https://app.<domain>` → `https://<domain>`
/// (circleci.com and CircleCI Server alike), any other host unchanged, and
/// `https://circleci.com` for `SLUG NUMBER` (no host).
[[nodiscard]] std::string api_origin_for(const CiTarget& target);

struct RetrievalOptions {
    std::string api_origin = "https://circleci.com";  ///< scheme://host[:port] of the API
    RetryPolicy retry;
    std::uint64_t jitter_seed = 0;           ///< from the host (e.g. random per run); same seed, same waits
    std::size_t max_pages = 20;              ///< per list
    std::size_t max_pipelines_examined = 10;  ///< a project URL: recent pipelines looked at for a failure
    std::size_t max_jobs = 100;              ///< failed jobs fetched in all
    int max_url_refreshes = 2;               ///< job-details refetches per job for expired output URLs
    bool test_results = true;                ///< also read each job's structured test results
};

/// A request for the host to make.
struct PlannedFetch {
    std::uint64_t id = 0;  ///< hand it back with the outcome
    FetchKind kind = FetchKind::pipeline;
    std::string url;             ///< absolute
    bool authenticated = true;   ///< false: a presigned storage URL; send no token
    Headers headers;             ///< to send besides the token header (Accept); never a credential
    EpochMs not_before = 0;      ///< do not send before this time (a retry's backoff)
    int attempt = 1;             ///< 1 for the first try
    std::optional<std::size_t> job;   ///< index into the report's jobs
    std::optional<std::size_t> step;  ///< index into that job's steps (step_output)
    /// step_output: this many bytes of the body were delivered by earlier tries; the host
    /// discards that many from the start of this body and delivers the rest.
    std::uint64_t skip_bytes = 0;
};

/// What an answer changed, for the host to act on (analyser, progress).
struct DeliveryEffects {
    std::vector<std::size_t> jobs_with_details;  ///< jobs whose details arrived (first time only)
    std::vector<std::pair<std::size_t, std::size_t>> steps_final;  ///< (job, step) that became final
    std::vector<std::size_t> jobs_done;          ///< jobs now completely retrieved
};

struct RetrievalProgress {
    std::size_t requests_done = 0;
    std::size_t requests_known = 0;  ///< grows as lists and job details reveal more work
    std::uint64_t bytes = 0;         ///< step-output bytes delivered
};

class Retrieval {
public:
    /// Starts the plan for `targets` (in order). Nothing is fetched until the host takes the
    /// first requests.
    Retrieval(std::vector<CiTarget> targets, RetrievalOptions options);
    ~Retrieval();
    Retrieval(Retrieval&&) noexcept;
    Retrieval& operator=(Retrieval&&) noexcept;

    /// The requests planned since the last call, in the order they should start (respecting
    /// `not_before`). Each is handed out once and must be answered with `deliver`.
    [[nodiscard]] std::vector<PlannedFetch> take_fetches();

    /// The answer to request `id`, received at `now`. For a step output, `streamed_bytes`
    /// is how many bytes of a 2xx body the host delivered to its sink (after `skip_bytes`);
    /// the outcome's `body` holds only non-2xx bodies then. Unknown or repeated ids are ignored.
    DeliveryEffects deliver(std::uint64_t id, const Outcome& outcome, EpochMs now, std::uint64_t streamed_bytes = 0);

    /// Nothing is planned, waiting or unanswered: the report is final.
    [[nodiscard]] bool done() const noexcept;

    [[nodiscard]] const RetrievalReport& report() const noexcept;
    [[nodiscard]] RetrievalProgress progress() const noexcept;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace cci
