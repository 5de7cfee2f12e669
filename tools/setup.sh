#!/usr/bin/env bash
# Installs everything the build and the tests need on a Debian 12 box: apt packages (only the
# missing ones) and the npm devDependencies (only when package-lock.json changed).
# Idempotent; a second run takes about a second. Needs root or sudo for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

min_node=20.16.0
if ! command -v node >/dev/null; then
  echo "setup: Node.js >= $min_node is required (Debian 12's own nodejs is 18; install Node 20 LTS)" >&2
  exit 1
fi
node_version=$(node -p 'process.versions.node')
if ! node -e "const [a,b]=process.versions.node.split('.').map(Number); process.exit(a>20||(a===20&&b>=16)?0:1)"; then
  echo "setup: Node.js $node_version is too old: the wasm module needs >= $min_node" \
       "(process.getBuiltinModule). Debian 12's own nodejs is 18; install Node 20 LTS." >&2
  exit 1
fi

packages=(
  cmake g++ make pkg-config python3 perl dpkg-dev  # native build; dpkg-dev: apt-get source (RE2 for wasm)
  emscripten zopfli                              # wasm build (3.1.6); zopfli: the package's .gz copies
  nlohmann-json3-dev catch2 libcurl4-openssl-dev libre2-dev
  unicode-data                                   # regenerates RE2's Unicode tables for wasm
  chromium                                       # browser tests (driven by playwright-core)
  clang-14 libclang-rt-14-dev ccache             # sanitizer suite and libFuzzer harnesses
  jq time                                        # benchmarks compare against jq; GNU time for peak RSS
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "setup: ready (node $node_version)"
