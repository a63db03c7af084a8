#!/bin/sh
# serve.sh - load benchmark of `nutgraf serve`: starts the server on a free
# loopback port, runs wrk (Debian's package) for DURATION seconds (default
# 60) with CONNECTIONS connections (default 64) POSTing dev articles
# ($NG_SHARED/data/cnndm/dev.jsonl, the first ARTICLES records, default 500)
# to /v1/summarize as JSON (bench/serve.lua), samples the server's VmRSS at
# 10 s and at the end, and prints requests/s, p50/p99 latency, errors
# (non-2xx answers and socket errors) and the RSS growth.  SKIPs when the dev
# set or wrk is missing.  Then the hostile scenarios of tests/cli/hostile.py
# with the server's default options (1,100 idle and 1,100 slow-header
# connections, 40 uploads of 9 MB held open, three analyze requests of 2 MB
# without sentence ends while /healthz is probed, a 50 MB chunked upload, a
# full queue, a stop under keep-alive), printing what held (HOSTILE=0 skips
# them).  Run by hand: sh bench/serve.sh  (NUTGRAF=path to use another
# build; THREADS = server threads, default the cores).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NG=${NUTGRAF:-$ROOT/build/nutgraf}
DEV=${NG_SHARED:-$ROOT/../shared}/data/cnndm/dev.jsonl
DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-64}
ARTICLES=${ARTICLES:-500}
[ -f "$DEV" ] || { echo "SKIP bench serve: $DEV not found"; exit 0; }
command -v wrk >/dev/null 2>&1 || { echo "SKIP bench serve: wrk is not installed (apt-get install wrk)"; exit 0; }
[ -x "$NG" ] || { echo "bench serve: $NG not built (make)" >&2; exit 1; }
T=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$T"' EXIT

head -n "$ARTICLES" "$DEV" >"$T/articles.jsonl"
"$NG" serve --port 0 ${THREADS:+--threads "$THREADS"} 2>"$T/server.log" &
PID=$!
i=0
while [ $i -lt 100 ] && ! grep -q "listening on" "$T/server.log"; do sleep 0.1; i=$((i + 1)); done
PORT=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/server.log")
[ -n "$PORT" ] || { cat "$T/server.log" >&2; exit 1; }
URL="http://127.0.0.1:$PORT/v1/summarize"

rss() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$PID/status"; }
(sleep 10; rss >"$T/rss10") &
SAMPLER=$!
NG_BENCH_ARTICLES="$T/articles.jsonl" wrk -t 2 -c "$CONNECTIONS" -d "${DURATION}s" --timeout 10s --latency \
  -s "$ROOT/bench/serve.lua" "$URL" >"$T/wrk.out" 2>&1 || true
rss >"$T/rss_end"
wait "$SAMPLER" 2>/dev/null || true
kill -TERM "$PID"
wait "$PID" || true
PID=""

cat "$T/wrk.out"
rps=$(sed -n 's/^Requests\/sec:[[:space:]]*//p' "$T/wrk.out")
p50=$(awk '$1 == "50%" {print $2}' "$T/wrk.out")
p99=$(awk '$1 == "99%" {print $2}' "$T/wrk.out")
non2xx=$(sed -n 's/^[[:space:]]*Non-2xx or 3xx responses:[[:space:]]*//p' "$T/wrk.out")
sockerr=$(sed -n 's/^[[:space:]]*Socket errors:[[:space:]]*//p' "$T/wrk.out")
logged=$(grep -c '^access: ' "$T/server.log" || true)
bad=$(grep '^access: ' "$T/server.log" | grep -vc ' status=200 ' || true)
r10=$(cat "$T/rss10")
rend=$(cat "$T/rss_end")
growth=$(awk -v a="$r10" -v b="$rend" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
echo
echo "bench serve: $DURATION s, $CONNECTIONS connections, $ARTICLES dev articles, POST /v1/summarize (JSON)"
echo "  requests/s      $rps"
echo "  latency p50     $p50"
echo "  latency p99     $p99"
echo "  errors          non-2xx: ${non2xx:-0}; socket: ${sockerr:-none}; access log: $logged requests, $bad not 200"
echo "  RSS             ${r10} kB at 10 s, ${rend} kB at ${DURATION} s: growth ${growth}%"

if [ "${HOSTILE:-1}" != 0 ] && command -v python3 >/dev/null 2>&1; then
  echo
  echo "bench serve: hostile scenarios, default options"
  NUTGRAF="$NG" NG_ROOT="$ROOT" HOSTILE_HEADER_TIMEOUT=default HOSTILE_PROBE_BAR=0.25 python3 "$ROOT/tests/cli/hostile.py" | sed 's/^/  /'
fi
