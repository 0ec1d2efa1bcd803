#!/usr/bin/env bash
# bench's progress when stderr is a file: "[k/n]" per experiment, plain
# lines with the count and the time left (BENCH_PROGRESS_S=0: a line at
# every change, instead of every 10 s), density counted by instances as
# they launch (with --jobs 1: one at a time, not N at once); "1 backend"
# in the singular; an unknown backend or experiment named with the valid
# ones.
set -u
cd "$(dirname "$0")/../../.." || exit 1
bench=build/bench
[ -x "$bench" ] && [ -x build/workload ] || { echo "FAIL: build/bench or build/workload missing: run make"; exit 1; }
out=$(mktemp -d /tmp/bench-progress.XXXXXX)
trap 'rm -rf "$out"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

BENCH_PROGRESS_S=0 timeout 60 "$bench" --quick --runs 3 --backends process \
	--experiments startup,density --density 1,4 --jobs 1 --out "$out/run" 2>"$out/err"
rc=$?
[ $rc = 0 ] || bad "bench exited $rc: $(cat "$out/err")"
grep -q '(1 backend can run here)' "$out/err" || bad "no \"(1 backend can run here)\""
grep -q '^bench: \[1/2\] startup \.\.\.$' "$out/err" || bad "no \"[1/2] startup ...\""
grep -q '^bench: \[2/2\] density done in ' "$out/err" || bad "no \"[2/2] density done\""
grep -qE '^bench: \[1/2\] startup: 2/4 \(50%\), [0-9]+ s, about [0-9]+ s left$' "$out/err" ||
	bad "no progress line with the time left"
# density 1 then 4, one launch at a time: 1, then 2, 3, 4, 5 of 5
for k in 2 3 4; do
	grep -qE "^bench: \[2/2\] density: $k/5 " "$out/err" || bad "density did not count instance $k of 5"
done
grep -q $'\r' "$out/err" && bad "a redrawn bar (\\r) in a file"

"$bench" --backends process,bogus --out "$out/x" 2>"$out/err"
rc=$?
[ $rc = 2 ] || bad "--backends bogus: exit $rc, want 2"
[ "$(wc -l <"$out/err")" = 1 ] || bad "--backends bogus: want one line: $(cat "$out/err")"
grep -q "unknown backend 'bogus' (known: process, container, container-sharednet, microvm, microvm-snap, microvm-pool, linuxvm, runc)" "$out/err" ||
	bad "--backends bogus does not list the names: $(cat "$out/err")"
"$bench" --experiments nope --out "$out/x" 2>"$out/err"
grep -q "unknown experiment 'nope' (known: startup, memory, density, overhead, facts" "$out/err" ||
	bad "--experiments nope does not list the names: $(cat "$out/err")"
[ $fail = 0 ] && echo "ok: [k/n], time left, lines in a file, instance counts, valid names"
[ $fail = 0 ]
