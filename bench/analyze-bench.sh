#!/usr/bin/env bash
# Log-analysis throughput (issue 5 "Benchmarks"): native `cci analyze --json` vs
# `jq -r '.[].message'` vs `grep -c error` on the extracted text, peak RSS of cci on 2 GB,
# the wasm build in Node, and each stage's throughput in memory (bench/analyze_stages.cpp).
# Generates the seeded synthetic step output once (500 MB and 2 GB, with the 500 MB file's
# extracted text) and reuses it while present.
#
# Environment: BUILD_DIR (native, default build), WASM_BUILD_DIR (default build-wasm),
# BENCH_DATA (default build/bench-data), RUNS (best of, default 3), SKIP_WASM=1, SKIP_2GB=1.
# Rates are MB/s (10^6 bytes) of each tool's own input over its user+sys CPU time (the
# machine is shared; wall-clock rates are printed beside them). The grep ratio compares
# times on the same log: grep's on the extracted text, cci's on the JSON.
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
# best N OUT CMD…: runs CMD N times with stdout to OUT; prints the best "wall cpu rss_kb"
# (by cpu time). GNU grep stops at the first match when its output is /dev/null, so grep's
# output goes to a file.
best() {
  local n=$1 out=$2 best_line="" line
  shift 2
  for ((i = 0; i < n; ++i)); do
    /usr/bin/time -o "$data/time.txt" -f '%e %U %S %M' "$@" >"$out" 2>/dev/null
    line=$(tail -1 "$data/time.txt" | awk '{ printf "%s %.3f %s", $1, $2 + $3, $4 }')
    if [[ -z "$best_line" ]] || awk -v a="$line" -v b="$best_line" 'BEGIN { split(a, x); split(b, y); exit !(x[2] < y[2]) }'; then
      best_line=$line
    fi
  done
  echo "$best_line"
}
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / (s > 0 ? s : 1e-9) }'; }

cci="$build/native/cci"
small_bytes=$(size "$small")
text_bytes=$(size "$text")
read -r cci_wall cci_cpu _ <<<"$(best "$runs" /dev/null "$cci" analyze --json "$small")"
read -r jq_wall jq_cpu jq_rss <<<"$(best 1 /dev/null jq -r '.[].message' "$small")"
read -r grep_wall grep_cpu _ <<<"$(best "$runs" "$data/grep.out" env LC_ALL=C grep -c error "$text")"
culprit=$("$cci" analyze --json "$small" | jq -r '"\(.findings[0].rule) \(.category)"')

printf 'input: %s (%d bytes, extracted text %d bytes)\n' "$small" "$small_bytes" "$text_bytes"
printf '%-28s %10s %10s %8s\n' tool 'MB/s cpu' 'MB/s wall' 'cpu s'
printf '%-28s %10s %10s %8s\n' 'cci analyze --json' "$(rate "$small_bytes" "$cci_cpu")" "$(rate "$small_bytes" "$cci_wall")" "$cci_cpu"
printf '%-28s %10s %10s %8s   (peak RSS %d MB)\n' "jq -r '.[].message'" "$(rate "$small_bytes" "$jq_cpu")" "$(rate "$small_bytes" "$jq_wall")" "$jq_cpu" $((jq_rss / 1024))
printf '%-28s %10s %10s %8s   (%s matching lines)\n' 'grep -c error (LC_ALL=C)' "$(rate "$text_bytes" "$grep_cpu")" "$(rate "$text_bytes" "$grep_wall")" "$grep_cpu" "$(cat "$data/grep.out")"
awk -v c="$cci_cpu" -v j="$jq_cpu" -v g="$grep_cpu" 'BEGIN {
  printf "cci vs jq:   %.1fx (required >= 10x)\n", j / c
  printf "cci vs grep: %.2fx (same log; aim >= 0.5x)\n", g / c }'
echo "culprit: $culprit"

echo "where the time goes (in memory, no I/O, best of $runs):"
"$build/bench/analyze_stages" "$small" "$runs" | sed 's/^/  /'

if [[ -z "${SKIP_2GB:-}" ]]; then
  big_bytes=$(size "$big")
  read -r big_wall big_cpu big_rss <<<"$(best 1 /dev/null "$cci" analyze --json "$big")"
  printf '2 GB: cci %s MB/s cpu (%s wall), peak RSS %d MB (target <= 64 MB)\n' \
    "$(rate "$big_bytes" "$big_cpu")" "$(rate "$big_bytes" "$big_wall")" $((big_rss / 1024))
fi

if [[ -z "${SKIP_WASM:-}" ]]; then
  # Best of $runs by CPU rate, as for cci above.
  wasm_line=$(for ((i = 0; i < runs; ++i)); do node bench/analyze_bench.mjs "$wasm_build/pkg" "$small"; done | sort -k3,3 -g | tail -1)
  read -r _ wasm_wall wasm_cpu _ wasm_culprit wasm_category <<<"$wasm_line"
  awk -v w="$wasm_cpu" -v ww="$wasm_wall" -v n="$(rate "$small_bytes" "$cci_cpu")" 'BEGIN {
    printf "wasm (Node): %.1f MB/s cpu (%.1f wall), wasm/native %.2fx (target >= 0.4x)\n", w, ww, w / n }'
  echo "wasm culprit: $wasm_culprit $wasm_category"
fi
