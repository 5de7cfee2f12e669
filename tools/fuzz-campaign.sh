#!/usr/bin/env bash
# A long local fuzzing campaign over every harness (clang-14, libFuzzer, ASan + UBSan):
# builds build-fuzz/, fuzzes each harness for SECONDS (default 300) from its committed seed
# corpus, keeps what it finds in build-fuzz/campaign/<name>/, and prints execs, coverage and
# findings per harness. Crash inputs land in build-fuzz/campaign/crashes/.
# Usage: tools/fuzz-campaign.sh [SECONDS] [HARNESS…]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
CXX=clang++-14 cmake -S . -B build-fuzz -DCCI_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache >/dev/null
cmake --build build-fuzz -j2 >/dev/null
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  for f in tests/fuzz/*_fuzz.cpp; do n=$(basename "$f" _fuzz.cpp); harnesses+=("$n"); done
fi
mkdir -p build-fuzz/campaign/crashes
printf '%-16s %12s %10s %8s %8s\n' harness execs exec/s cov findings
for name in "${harnesses[@]}"; do
  work=build-fuzz/campaign/$name
  mkdir -p "$work"
  log=build-fuzz/campaign/$name.log
  status=0
  build-fuzz/tests/fuzz/fuzz_"$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix=build-fuzz/campaign/crashes/"$name"- \
    "$work" tests/fuzz/corpus/"$name" >"$log" 2>&1 || status=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  findings=$(ls build-fuzz/campaign/crashes | grep -c "^$name-" || true)
  printf '%-16s %12s %10s %8s %8s\n' "$name" "$execs" "$rate" "$cov" "$findings"
  [ "$status" -eq 0 ] || echo "  $name stopped with status $status: see $log"
done
