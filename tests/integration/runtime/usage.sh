#!/usr/bin/env bash
# minictr with no arguments prints its whole usage on stderr and exits 2,
# as minivm does; --help prints it on stdout and exits 0.
set -u
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
MINICTR=$ROOT/build/minictr
[ -x "$MINICTR" ] || { echo "FAIL: $MINICTR not built (make build)"; exit 1; }
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

"$MINICTR" >"$out" 2>"$err"
rc=$?
[ $rc = 2 ] || bad "minictr with no arguments: exit $rc, want 2"
grep -q '^usage: minictr run' "$err" || bad "minictr with no arguments prints no usage: $(cat "$err")"
[ -s "$out" ] && bad "minictr with no arguments wrote on stdout"
"$MINICTR" --help >"$out" 2>"$err"
rc=$?
[ $rc = 0 ] || bad "minictr --help: exit $rc"
grep -q '^usage: minictr run' "$out" || bad "minictr --help prints no usage on stdout"
[ $fail = 0 ] && echo "ok: no arguments: usage, exit 2; --help: usage, exit 0"
[ $fail = 0 ]
