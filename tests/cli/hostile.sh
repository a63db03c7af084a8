#!/bin/sh
# hostile.sh - `nutgraf serve` under hostile load on loopback (idle and
# slow-header connections, big uploads held open, heavy analysis while
# /healthz is probed, a 50 MB chunked upload, a full queue, a stop under
# keep-alive): runs tests/cli/hostile.py, which starts and stops its own
# servers and prints what held.  SKIP without python3.
set -u
command -v python3 >/dev/null 2>&1 || { echo "SKIP hostile load: python3 is not installed"; exit 0; }
ROOT=${NG_ROOT:-$(pwd)}
exec python3 "$ROOT/tests/cli/hostile.py"
