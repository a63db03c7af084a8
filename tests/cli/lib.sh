# lib.sh - what the golden CLI tests share, sourced by tests/cli/*.sh:
# $NG (the command), $T (a temporary folder removed on exit), a failure
# count and the check/contains assertions.
NG=${NUTGRAF:-build/nutgraf}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
check() { # name expected actual
  if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: expected [$2] got [$3]"; fails=$((fails + 1)); fi
}
contains() { # name needle file
  if grep -qF -- "$2" "$3"; then echo "ok   $1"; else echo "FAIL $1: [$2] not in $3:"; head -n 40 "$3"; fails=$((fails + 1)); fi
}
