#!/usr/bin/env bash
# tools/anchors.sh: one interleaved run of the workload as a plain process,
# under unshare, bwrap, runc, minictr, the KVM floor and minivm; it prints a
# ready and a lifetime line for each command that can run here and the two
# ratios the project tracks, leaves no runc state or temporary folder
# behind, and refuses a bad run count. Times are not checked (a benchmark's
# figures belong in its report), only that they are there and sane.
set -u
cd "$(dirname "$0")/../../.." || exit 1
[ "$(id -u)" = 0 ] || { echo "skip: needs root"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

tools/anchors.sh nope >/dev/null 2>&1 && fail "a bad run count was accepted"
before=$(ls -d /tmp/anchors.* 2>/dev/null | wc -l)
out=$(tools/anchors.sh 3 2>&1) || fail "exit status $?: $out"
for name in "build/workload noop" "minictr run"; do
	grep -q "^ready .*$name" <<<"$out" || fail "no ready line for $name: $out"
	grep -q "^lifetime .*$name" <<<"$out" || fail "no lifetime line for $name"
done
for tool in unshare bwrap runc; do
	command -v "$tool" >/dev/null || continue
	grep -q "^ready .*$tool" <<<"$out" || fail "$tool is installed but was not timed"
done
grep -q '^minictr / unshare, to READY: .* = [0-9.]*x$' <<<"$out" ||
	{ command -v unshare >/dev/null && fail "no minictr / unshare ratio: $out"; }
if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
	grep -q '^minivm / kvm-floor, lifetime: .* = [0-9.]*x$' <<<"$out" ||
		fail "no minivm / kvm-floor ratio: $out"
fi
# Every p50 is a positive time.
awk '$1 == "ready" || $1 == "lifetime" { if (!($3 > 0)) bad = 1 } END { exit bad }' <<<"$out" ||
	fail "a p50 that is not a positive time: $out"
[ "$(ls -d /tmp/anchors.* 2>/dev/null | wc -l)" = "$before" ] || fail "a /tmp/anchors.* folder was left"
echo "ok: $(grep -c '^ready ' <<<"$out") commands timed side by side, both ratios printed"
