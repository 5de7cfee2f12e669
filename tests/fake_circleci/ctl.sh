#!/bin/sh
# Starts and stops the fake CircleCI for CTest fixtures (FIXTURES_SETUP / FIXTURES_CLEANUP).
#
#   ctl.sh start STATE_DIR [server options…]   → STATE_DIR/url (the base URL), STATE_DIR/pid,
#                                               STATE_DIR/log (the server's stdout+stderr)
#   ctl.sh stop STATE_DIR
#
# start returns once the URL is known (at most 10 s) and leaves the server running on its own
# (new session, no inherited stdio, --detached), so ctest does not wait on it; stop ends it.
# NODE overrides the node binary.
set -eu

usage() { echo "usage: $0 start|stop STATE_DIR [server options…]" >&2; exit 2; }
# Running and not a zombie awaiting its reaper.
alive() { state=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${state#Z}" = "$state" ]; }
[ $# -ge 2 ] || usage
command=$1
dir=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)

case $command in
start)
  mkdir -p "$dir"
  rm -f "$dir/url" "$dir/pid"
  setsid nohup "${NODE:-node}" "$here/server.mjs" --detached --port 0 --url-file "$dir/url" "$@" \
    >"$dir/log" 2>&1 </dev/null &
  echo $! >"$dir/pid"
  tries=0
  until [ -s "$dir/url" ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ] || ! alive "$(cat "$dir/pid")"; then
      echo "fake-circleci did not start; its log:" >&2
      cat "$dir/log" >&2
      kill "$(cat "$dir/pid")" 2>/dev/null || true
      exit 1
    fi
    sleep 0.1
  done
  cat "$dir/url"
  ;;
stop)
  [ -f "$dir/pid" ] || exit 0
  pid=$(cat "$dir/pid")
  kill "$pid" 2>/dev/null || true
  tries=0
  while alive "$pid" && [ "$tries" -lt 50 ]; do
    tries=$((tries + 1))
    sleep 0.1
  done
  if alive "$pid"; then kill -9 "$pid"; fi
  rm -f "$dir/pid" "$dir/url"
  ;;
*)
  usage
  ;;
esac
