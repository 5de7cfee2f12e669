#!/usr/bin/env bash
# Token checks per second, native and wasm (Node), and their ratio. Builds what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null && cmake --build build -j2 --target token_bench >/dev/null
emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build-wasm -j2 --target cci_wasm >/dev/null
native=$(build/bench/token_bench)
wasm=$(node bench/token_bench.mjs build-wasm/pkg)
echo "$native"
echo "$wasm"
awk -v n="$(echo "$native" | awk '{print $2}')" -v w="$(echo "$wasm" | awk '{print $2}')" \
  'BEGIN { printf "wasm/native: %.2f\n", w / n }'
