#!/bin/sh
# install-deps.sh - installs the Debian 12 packages nutgraf needs to build,
# test and benchmark, skipping those already there.  Uses sudo when not root.
set -eu
PKGS="gcc clang libclang-rt-14-dev make pkg-config libxml2-dev libutf8proc-dev \
libstemmer-dev libjansson-dev libcjson-dev zlib1g-dev libxgboost-dev libcmocka-dev ots"
missing=""
for p in $PKGS; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
