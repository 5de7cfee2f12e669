#!/usr/bin/env bash
# README command 1: set up, build, and serve the page on 127.0.0.1 (the URL is printed).
# PORT=8765 by default; Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-wasm -j"${CCI_JOBS:-2}" --target cci_wasm
exec node web/server.mjs --port "${PORT:-8765}" --pkg build-wasm/pkg
