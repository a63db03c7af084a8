#!/bin/sh
# python.sh - builds the Python package (python/) into a fresh virtual
# environment under the build folder with Debian's python3 (pip install
# --no-build-isolation --no-index, no package index) and runs its pytest
# tests (python/tests).  SKIP where Python's headers, venv or pytest are
# missing, and under the sanitizer build (the extension would need the
# sanitizer runtime preloaded into python3; the gcc build runs the tests).
set -u
ROOT=${NG_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
NG=${NUTGRAF:-$ROOT/build/nutgraf}
B=$(cd "$(dirname "$NG")" && pwd)
PY=/usr/bin/python3
case "$B" in *-asan*|*-fuzz*) echo "SKIP python: sanitizer build ($B); the gcc build runs these tests"; exit 0 ;; esac
if [ ! -x "$PY" ] || ! "$PY" -c 'import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' 2>/dev/null; then
  echo "SKIP python: no Python headers (apt-get install python3-dev)"; exit 0
fi
if ! "$PY" -c 'import venv, ensurepip, setuptools, wheel, pytest' 2>/dev/null; then
  echo "SKIP python: needs python3-venv, python3-setuptools, python3-wheel, python3-pytest"; exit 0
fi
V="$B/py-venv"
rm -rf "$V" "$B/py-src"
"$PY" -m venv --system-site-packages "$V" || exit 1
# build from a copy so that the source tree gets no build/ or egg-info
mkdir -p "$B/py-src" && cp -r "$ROOT/python/." "$B/py-src/" && rm -rf "$B/py-src/build" "$B/py-src"/*.egg-info
NUTGRAF_ROOT="$ROOT" NUTGRAF_BUILD="$B" "$V/bin/pip" install -q --no-build-isolation --no-index "$B/py-src" || exit 1
cd "$B" || exit 1 # import the installed package, not the source folder
NUTGRAF="$NG" NG_ROOT="$ROOT" "$V/bin/python" -m pytest -q -p no:cacheprovider -rs "$ROOT/python/tests"
