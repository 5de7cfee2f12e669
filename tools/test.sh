#!/usr/bin/env bash
# README command 2: set up, build native and wasm, run every test (Catch2 through ctest, the
# shipped module in Node, its types with tsc, the page in headless Chromium).
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
