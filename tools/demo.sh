#!/usr/bin/env bash
# README command 1: set up, build the wasm package, then start the demo — the page and its
# backend on 127.0.0.1 with the embedded fake CircleCI (tests/fake_circleci) standing in for
# https://circleci.com — and print the URL. PORT=8765 by default; Ctrl-C stops it.
# Arguments go to web/demo.mjs, e.g. `tools/demo.sh --host https://circleci.com` for the real one.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-wasm -j"${CCI_JOBS:-2}" --target cci_wasm
exec node web/demo.mjs --port "${PORT:-8765}" --pkg build-wasm/pkg "$@"
