#!/usr/bin/env bash
# make test is quiet: the build before the tests prints one line, its
# compiler lines only when it fails (then all of them, and the exit status)
# or with V=1; make help names every target a user types.
set -u
cd "$(dirname "$0")/../../.." || exit 1
fail=0
bad() { echo "FAIL: $*"; fail=1; }

out=$(V= scripts/quietly.sh build bash -c 'echo cc one; echo cc two >&2')
[ "$out" = "build: ok" ] || bad "a build that worked printed: $out"
out=$(V= scripts/quietly.sh build bash -c 'echo cc one; echo "x.c:1: error" >&2; exit 3')
rc=$?
[ $rc = 3 ] || bad "a failed build's status: $rc, expected 3"
printf '%s\n' "$out" | grep -q '^build: failed (exit 3)$' || bad "no failure line: $out"
printf '%s\n' "$out" | grep -q 'x.c:1: error' || bad "the failed build's lines not shown: $out"
out=$(V=1 scripts/quietly.sh build bash -c 'echo cc one')
[ "$out" = "cc one" ] || bad "V=1 did not show the build lines: $out"

# make test, unit and integration build through it (make -n prints the recipes).
for t in test unit integration; do
	make -n --no-print-directory "$t" 2>/dev/null | grep -q 'scripts/quietly.sh build' ||
		bad "make $t does not build quietly"
done

help=$(make --no-print-directory help 2>&1) || bad "make help failed"
for t in test unit integration bench report compare image image-shell lint format deps clean; do
	printf '%s\n' "$help" | grep -qE "^make $t( |$)" || bad "make help does not name $t"
done
printf '%s\n' "$help" | grep -q 'V=1' || bad "make help does not say what V=1 does"
[ $fail = 0 ] && echo "make: quiet build, help lists the targets"
[ $fail = 0 ]
