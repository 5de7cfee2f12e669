#!/usr/bin/env bash
# Log-analysis throughput (issue 5 "Benchmarks"): native `cci analyze --json` vs
# `jq -r '.[].message'` vs `grep -c error` on the extracted text, peak RSS of cci on 2 GB,
# the wasm build in Node, and each stage's throughput in memory (bench/analyze_stages.cpp).
# Generates the seeded synthetic step output once (500 MB and 2 GB, with the 500 MB file's
# extracted text) and reuses it while present.
#
# Environment: BUILD_DIR (native, default build), WASM_BUILD_DIR (default build-wasm),
# BENCH_DATA (default build/bench-data), RUNS (rounds, default 3), SKIP_WASM=1, SKIP_2GB=1.
# Rates are MB/s (10^6 bytes) of each tool's own input over its user+sys CPU time (the
# machine is shared; wall-clock rates are printed beside them). Each round runs cci, jq, grep
# and the wasm build back to back and the ratios are taken within a round (median and range
# printed), so a drift of the shared machine's speed between tools does not make them. The
# grep ratio compares times on the same log: grep's on the extracted text, cci's on the JSON.
# The wasm build analyses the log twice in one Node process (bench/analyze_bench.mjs): the
# ratio to native is the second pass's, the steady state; the first pass's is printed too (it
# includes V8 compiling the module's hot functions, a one-off cost of each page load).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
wasm_build=${WASM_BUILD_DIR:-build-wasm}
data=${BENCH_DATA:-build/bench-data}
runs=${RUNS:-3}

configure() {  # configure DIR CMAKE…: keeps an existing build type; a new build dir is Release
  local dir=$1
  shift
  if [[ -f "$dir/CMakeCache.txt" ]]; then "$@" -S . -B "$dir" >/dev/null; else "$@" -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release >/dev/null; fi
}
configure "$build" cmake
cmake --build "$build" -j2 --target cci make_step_output analyze_stages >/dev/null
if [[ -z "${SKIP_WASM:-}" ]]; then
  configure "$wasm_build" emcmake cmake 2>/dev/null
  cmake --build "$wasm_build" -j2 --target cci_wasm >/dev/null
fi

mkdir -p "$data"
small="$data/step-output-500mb.json"
text="$data/step-output-500mb.txt"
big="$data/step-output-2gb.json"
if [[ ! -s "$small" || ! -s "$text" ]]; then "$build/bench/make_step_output" 500000000 "$small" "$text"; fi
if [[ -z "${SKIP_2GB:-}" && ! -s "$big" ]]; then "$build/bench/make_step_output" 2000000000 "$big" -; fi

size() { stat -L -c %s "$1"; }  # -L: the data may be symlinks to a shared copy
# reread FILE: puts FILE in the page cache as a read from disk does (readahead's large folios),
# not as its writer left it. On a VM whose memory is fragmented by hours of builds, written
# pages are small folios and the kernel's copy into any reader costs 2-3x more: cci's system
# time 0.13 s instead of 0.03-0.05 s on the 500 MB log (README, "Benchmarks"). The same state
# for every tool and every run.
reread() {
  python3 -c 'import os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED); os.close(fd)' "$1"
  cat "$1" >/dev/null
}
reread "$small"
reread "$text"
# run OUT CMD…: runs CMD once with stdout to OUT; prints "wall cpu rss_kb". GNU grep stops at
# the first match when its output is /dev/null, so grep's output goes to a file. CPU and wall
# times come from bash's `time` (millisecond figures): time(1) truncates them to 10 ms, which
# on cci's 0.4 s is a 2-5 % error, always in cci's favour. time(1) gives the peak RSS.
run() {
  local out=$1 TIMEFORMAT='%3R %3U %3S'
  shift
  { time /usr/bin/time -o "$data/rss.txt" -f '%M' "$@" >"$out" 2>/dev/null; } 2>"$data/time.txt"
  awk -v rss="$(tail -1 "$data/rss.txt")" '{ printf "%s %.3f %s", $1, $2 + $3, rss }' "$data/time.txt"
}
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / (s > 0 ? s : 1e-9) }'; }
# stats V…: "median min max" of the values.
stats() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f %.2f %.2f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR] }'; }

cci="$build/native/cci"
small_bytes=$(size "$small")
text_bytes=$(size "$text")
one_line="$data/one-line.log"
printf "src/main.c:3:5: error: expected ';' before '}' token\n" >"$one_line"
# The machine is shared and its speed drifts, so the tools run back to back in each of RUNS
# rounds and every ratio is taken within a round; rates are the best round's.
jq_ratios=() grep_ratios=() wasm_ratios=() wasm_cold_ratios=() wasm_first=() cci_first=()
cci_best="" jq_best="" grep_best="" cci_wall="" jq_wall="" grep_wall="" jq_rss=0 wasm_best=0 wasm_wall=0 wasm_culprit="" wasm_category=""
for ((i = 0; i < runs; ++i)); do
  read -r cw cc _ <<<"$(run /dev/null "$cci" analyze --json "$small")"
  # 20 starts under one timer, so that start-up is not lost in the timer's overhead.
  read -r _ fc _ <<<"$(run /dev/null bash -c 'for _ in {1..20}; do "$0" analyze --json "$1" >/dev/null; done' "$cci" "$one_line")"
  cci_first+=("$(awk -v c="$fc" 'BEGIN { print c * 1000 / 20 }')")
  read -r jw jc jr <<<"$(run /dev/null jq -r '.[].message' "$small")"
  read -r gw gc _ <<<"$(run "$data/grep.out" env LC_ALL=C grep -c error "$text")"
  jq_ratios+=("$(awk -v j="$jc" -v c="$cc" 'BEGIN { print j / c }')")
  grep_ratios+=("$(awk -v g="$gc" -v c="$cc" 'BEGIN { print g / c }')")
  if [[ -z "$cci_best" ]] || awk -v a="$cc" -v b="$cci_best" 'BEGIN { exit !(a < b) }'; then cci_best=$cc cci_wall=$cw; fi
  if [[ -z "$jq_best" ]] || awk -v a="$jc" -v b="$jq_best" 'BEGIN { exit !(a < b) }'; then jq_best=$jc jq_wall=$jw jq_rss=$jr; fi
  if [[ -z "$grep_best" ]] || awk -v a="$gc" -v b="$grep_best" 'BEGIN { exit !(a < b) }'; then grep_best=$gc grep_wall=$gw; fi
  if [[ -z "${SKIP_WASM:-}" ]]; then
    wasm_out=$(node bench/analyze_bench.mjs "$wasm_build/pkg" "$small")
    read -r _ ww wc _ wcul wcat <<<"$(sed -n 1p <<<"$wasm_out")"
    read -r _ _ cold_cpu _ <<<"$(sed -n 2p <<<"$wasm_out")"
    wasm_first+=("$(sed -n 's/^first //p' <<<"$wasm_out")")
    wasm_ratios+=("$(awk -v w="$wc" -v b="$small_bytes" -v c="$cc" 'BEGIN { print w / (b / 1e6 / c) }')")
    wasm_cold_ratios+=("$(awk -v w="$cold_cpu" -v b="$small_bytes" -v c="$cc" 'BEGIN { print w / (b / 1e6 / c) }')")
    if awk -v a="$wc" -v b="$wasm_best" 'BEGIN { exit !(a > b) }'; then wasm_best=$wc wasm_wall=$ww; fi
    wasm_culprit=$wcul wasm_category=$wcat
  fi
done
culprit=$("$cci" analyze --json "$small" | jq -r '"\(.findings[0].rule) \(.category)"')

printf 'input: %s (%d bytes, extracted text %d bytes); %d rounds\n' "$small" "$small_bytes" "$text_bytes" "$runs"
printf '%-28s %10s %10s %8s\n' 'tool (best round)' 'MB/s cpu' 'MB/s wall' 'cpu s'
printf '%-28s %10s %10s %8s\n' 'cci analyze --json' "$(rate "$small_bytes" "$cci_best")" "$(rate "$small_bytes" "$cci_wall")" "$cci_best"
printf '%-28s %10s %10s %8s   (peak RSS %d MB)\n' "jq -r '.[].message'" "$(rate "$small_bytes" "$jq_best")" "$(rate "$small_bytes" "$jq_wall")" "$jq_best" $((jq_rss / 1024))
printf '%-28s %10s %10s %8s   (%s matching lines)\n' 'grep -c error (LC_ALL=C)' "$(rate "$text_bytes" "$grep_best")" "$(rate "$text_bytes" "$grep_wall")" "$grep_best" "$(cat "$data/grep.out")"
read -r med lo hi <<<"$(stats "${jq_ratios[@]}")"
printf 'cci vs jq:   %sx median, %s-%sx over the rounds (required >= 10x)\n' "$med" "$lo" "$hi"
read -r med lo hi <<<"$(stats "${grep_ratios[@]}")"
printf 'cci vs grep: %sx median, %s-%sx (same log; aim >= 0.5x)\n' "$med" "$lo" "$hi"
echo "culprit: $culprit"
read -r med lo hi <<<"$(stats "${cci_first[@]}")"
printf 'start-up: cci analyze of one line %s ms cpu median, %s-%s ms (mean of 20 starts per round)\n' "$med" "$lo" "$hi"

echo "where the time goes (in memory, no I/O, best of $runs):"
"$build/bench/analyze_stages" "$small" "$runs" | sed 's/^/  /'

if [[ -z "${SKIP_2GB:-}" ]]; then
  big_bytes=$(size "$big")
  reread "$big"
  read -r big_wall big_cpu big_rss <<<"$(run /dev/null "$cci" analyze --json "$big")"
  printf '2 GB: cci %s MB/s cpu (%s wall), peak RSS %d MB (target <= 64 MB)\n' \
    "$(rate "$big_bytes" "$big_cpu")" "$(rate "$big_bytes" "$big_wall")" $((big_rss / 1024))
fi

if [[ -z "${SKIP_WASM:-}" ]]; then
  read -r med lo hi <<<"$(stats "${wasm_ratios[@]}")"
  printf 'wasm (Node), steady state: %s MB/s cpu (%s wall) in the best round; wasm/native %sx median, %s-%sx (target >= 0.4x)\n' \
    "$wasm_best" "$wasm_wall" "$med" "$lo" "$hi"
  read -r med lo hi <<<"$(stats "${wasm_cold_ratios[@]}")"
  printf 'wasm (Node), first pass (with V8 compiling the module as it gets hot): wasm/native %sx median, %s-%sx\n' "$med" "$lo" "$hi"
  echo "wasm culprit: $wasm_culprit $wasm_category"
  read -r med lo hi <<<"$(stats "${wasm_first[@]}")"
  printf 'wasm first analysis (one line, right after init): %s ms wall median, %s-%s ms\n' "$med" "$lo" "$hi"
fi
