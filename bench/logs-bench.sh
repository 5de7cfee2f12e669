#!/usr/bin/env bash
# `cci logs` benchmarks (issue 6 "Benchmark"), against the fake CircleCI on loopback:
# 1. Concurrency: a job with 16 parallel containers × 4 failing steps (job 1300: 64 step
#    outputs) behind 50 ms of latency per request — wall time of `cci logs` (libcurl multi,
#    bounded) vs the same plan's requests made one by one (bench/logs_bench.cpp). Prints the
#    ratio; the target is ≤ 0.3.
# 2. Streaming: one 500 MB step output (job 1400) fetched from loopback and streamed through
#    the analyser: MB/s (10^6 bytes over wall time) and peak RSS of cci.
#
# Environment: BUILD_DIR (default build; a new one is configured Release), RUNS (best of,
# default 3), PARALLEL (cci logs --parallel, default 8), LARGE_BYTES (default 500000000).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
runs=${RUNS:-3}
parallel=${PARALLEL:-8}
large_bytes=${LARGE_BYTES:-500000000}

if [[ -f "$build/CMakeCache.txt" ]]; then cmake -S . -B "$build" >/dev/null; else cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null; fi
cmake --build "$build" -j2 --target cci logs_bench >/dev/null

state=$(mktemp -d)
ctl=tests/fake_circleci/ctl.sh
cleanup() {
  "$ctl" stop "$state/latency" || true
  "$ctl" stop "$state/large" || true
  rm -rf "$state"
}
trap cleanup EXIT
url=$("$ctl" start "$state/latency" --latency-ms 50)
large_url=$("$ctl" start "$state/large" --large-output-bytes "$large_bytes")
CIRCLECI_TOKEN=$(node -e "import('./tests/fake_circleci/scenarios.mjs').then((m) => console.log(m.TOKENS.valid))")
export CIRCLECI_TOKEN
export NO_PROXY=127.0.0.1 no_proxy=127.0.0.1
cci="$build/native/cci"
field() { node -e "const d = JSON.parse(require('fs').readFileSync(0, 'utf8')); console.log($1)"; }
now_ms() { date +%s%3N; }

best_cci=""
for ((i = 0; i < runs; ++i)); do
  start=$(now_ms)
  "$cci" logs --host "$url" gh/acme/app 1300 --parallel "$parallel" --json >"$state/concurrent.json"
  elapsed=$(($(now_ms) - start))
  if [[ -z "$best_cci" || $elapsed -lt $best_cci ]]; then best_cci=$elapsed; fi
done
steps=$(field 'd.jobs[0].steps.filter((s) => s.completeness === "complete").length' <"$state/concurrent.json")
requests=$(field 'd.requests' <"$state/concurrent.json")

best_serial=""
for ((i = 0; i < runs; ++i)); do
  read -r _ elapsed _ serial_requests _ < <("$build/bench/logs_bench" --host "$url" gh/acme/app 1300)
  if [[ -z "$best_serial" || $elapsed -lt $best_serial ]]; then best_serial=$elapsed; fi
done

echo "concurrency: job 1300, $steps/64 step outputs complete, $requests requests (one by one: $serial_requests), 50 ms latency each"
echo "  cci logs --parallel $parallel: ${best_cci} ms"
echo "  one by one:             ${best_serial} ms"
awk -v a="$best_cci" -v b="$best_serial" 'BEGIN { printf "  ratio: %.3f (target <= 0.3)\n", a / b }'

/usr/bin/time -o "$state/time.txt" -f '%e %M' "$cci" logs --host "$large_url" gh/acme/app 1400 --json >"$state/large.json"
read -r wall rss <"$state/time.txt"
bytes=$(field 'd.jobs[0].steps[0].bytes' <"$state/large.json")
flag=$(field 'd.jobs[0].steps[0].completeness' <"$state/large.json")
culprit=$(field 'd.jobs[0].analysis.findings[0].text' <"$state/large.json")
echo "streaming: job 1400, one step output of $bytes bytes ($flag) from loopback through the analyser"
awk -v b="$bytes" -v s="$wall" -v r="$rss" 'BEGIN { printf "  %.1f MB/s (%.2f s wall), peak RSS %.1f MB\n", b / 1e6 / s, s, r / 1024 }'
echo "  culprit: $culprit"
