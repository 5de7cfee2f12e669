#!/usr/bin/env bash
# README command 2: set up, build native and wasm, run every test (Catch2 through ctest, the
# shipped module in Node, its types with tsc, the page in headless Chromium), then the whole
# native suite again under ASan + UBSan with every fuzz harness fuzzing for a short budget.
# CCI_SKIP_SANITIZERS=1 leaves out that last (slowest) part for quick local runs.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
jobs=${CCI_JOBS:-2}

echo "== native build (build/)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
echo "== native tests"
ctest --test-dir build -j"$jobs" --output-on-failure

echo "== wasm build (build-wasm/)"
emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-wasm -j"$jobs"
echo "== wasm, types and browser tests"
ctest --test-dir build-wasm --output-on-failure

if [ "${CCI_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== sanitizer suite + fuzzers (clang-14, ASan + UBSan, libFuzzer; build-fuzz/)"
  CXX=clang++-14 cmake -S . -B build-fuzz -DCCI_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER_LAUNCHER=ccache >/dev/null
  cmake --build build-fuzz -j"$jobs"
  ctest --test-dir build-fuzz -j"$jobs" --output-on-failure
fi
