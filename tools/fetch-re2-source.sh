#!/usr/bin/env bash
# Fetch Debian's RE2 20220601 source (no abseil) for the wasm build and regenerate the
# tables the +dfsg tarball drops. Idempotent; prints the source directory.
# Usage: tools/fetch-re2-source.sh DEST
set -euo pipefail
dest=$(realpath -m "${1:?usage: fetch-re2-source.sh DEST}")
version=20220601+dfsg-1
src="$dest/re2-${version%-*}"
if [ -f "$src/re2/unicode_groups.cc" ]; then echo "$src"; exit 0; fi
mkdir -p "$dest/apt/lists/partial" "$dest/apt/parts"
sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$dest/apt/parts/src.sources"
apt_opts=(-o Dir::Etc::sourcelist=/dev/null -o "Dir::Etc::sourceparts=$dest/apt/parts"
          -o "Dir::State::Lists=$dest/apt/lists")
apt-get "${apt_opts[@]}" update -qq >&2
(cd "$dest" && apt-get "${apt_opts[@]}" source -qq "re2=$version" >&2)
cd "$src"
sed -i 's/^from six.moves import urllib$/import urllib.request/' re2/unicode.py
perl re2/make_perl_groups.pl > re2/perl_groups.cc
python3 re2/make_unicode_casefold.py > re2/unicode_casefold.cc
python3 re2/make_unicode_groups.py > re2/unicode_groups.cc
echo "$src"
