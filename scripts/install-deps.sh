#!/bin/sh
# install-deps.sh - installs the Debian 12 packages nutgraf needs to build,
# test and benchmark, skipping those already there.  Uses sudo when not root.
set -eu
PKGS="gcc clang libclang-rt-14-dev make pkg-config libxml2-dev libutf8proc-dev \
libstemmer-dev libjansson-dev libcjson-dev zlib1g-dev libxgboost-dev libcmocka-dev ots \
libmicrohttpd-dev wrk curl \
libsqlite3-dev libcurl4-openssl-dev libpq-dev"
# The archive's PostgreSQL tests start a throwaway server of their own
# (tests/pg_server.sh); they print SKIP without it.
PKGS="$PKGS postgresql-15"
# The Python package (python/), its tests, and the scale-out tests (Dask,
# GNU parallel).
PKGS="$PKGS python3-dev python3-setuptools python3-wheel python3-venv python3-pytest \
python3-distributed parallel"
# What the browser test of `nutgraf serve` needs; it is skipped without them.
OPTIONAL="chromium"
# The peer extractor bench/extract.py compares with (skipped without it).
OPTIONAL="$OPTIONAL python3-readability"
command -v npm >/dev/null 2>&1 || OPTIONAL="$OPTIONAL npm"
# bench/tags judges topic tags with WordNet's index files; it prints SKIP without them.
OPTIONAL="$OPTIONAL wordnet-base"
missing=""
for p in $PKGS; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
optional=""
for p in $OPTIONAL; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    optional="$optional $p"
  fi
done
[ -z "$missing$optional" ] && exit 0
echo "install-deps: installing:$missing$optional" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
if [ -n "$missing" ]; then $SUDO apt-get install -y -q --no-install-recommends $missing; fi
# shellcheck disable=SC2086
if [ -n "$optional" ] && ! $SUDO apt-get install -y -q --no-install-recommends $optional; then
  echo "install-deps: could not install$optional; the browser test will be skipped" >&2
fi
