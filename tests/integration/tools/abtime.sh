#!/usr/bin/env bash
# build/abtime (tools/abtime.c): the time to the first output is taken when
# it appears, not at the exit; the lifetime at the exit; the paired ratio is
# each command's time over the first's; a failing command stops the run and
# a bad command line is refused.
set -u
cd "$(dirname "$0")/../../.." || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# Prints READY at once, then takes 0.2 s more to end.
printf '#!/bin/sh\necho READY\nsleep 0.2\n' >"$tmp/late-exit"
chmod +x "$tmp/late-exit"

# field NAME LINE: the number after NAME (p50, min, ...), "x" the ratio.
field() {
	awk -v k="$1" '{ for (i = 1; i < NF; i++) { if ($i == k) { print $(i + 1); exit }
		if (k == "x" && $i ~ /^x[0-9]/) { print substr($i, 2); exit } } }' <<<"$2"
}

out=$(build/abtime --runs 3 --warmup 1 --ready "$tmp/late-exit") || bad "late-exit: exit status $?"
ready=$(grep '^ready ' <<<"$out")
life=$(grep '^lifetime ' <<<"$out")
[ "$(wc -l <<<"$out")" = 2 ] || bad "--ready, one command: want 2 lines, got: $out"
awk -v r="$(field p50 "$ready")" 'BEGIN { exit !(r < 100) }' || bad "ready p50 not before the exit: $ready"
awk -v l="$(field min "$life")" 'BEGIN { exit !(l >= 200) }' || bad "lifetime min under 0.2 s: $life"
grep -q " $tmp/late-exit\$" <<<"$ready" || bad "line does not end with the command: $ready"

out=$(build/abtime --runs 4 --warmup 0 "/bin/sleep 0.05" "/bin/sleep 0.15") || bad "sleeps: exit status $?"
[ "$(wc -l <<<"$out")" = 2 ] || bad "no --ready: want 2 lifetime lines, got: $out"
grep -q '^ready' <<<"$out" && bad "a ready line without --ready: $out"
ratio=$(field x "$(grep 'sleep 0.15$' <<<"$out")")
awk -v x="$ratio" 'BEGIN { exit !(x > 2 && x < 4) }' || bad "paired ratio of 0.15 s to 0.05 s: $ratio"

build/abtime --runs 2 /bin/true /bin/false >/dev/null 2>"$tmp/err"
[ $? = 1 ] || bad "a failing command: want status 1"
grep -q 'abtime: /bin/false: exit status 0x100' "$tmp/err" || bad "no message for /bin/false: $(cat "$tmp/err")"
for args in "/bin/true -- /bin/true" "--runs 0 /bin/true" "--runs x /bin/true" "" \
	"1 2 3 4 5 6 7 8 9"; do
	# shellcheck disable=SC2086 # the words of each case are the arguments
	build/abtime $args >/dev/null 2>&1
	[ $? = 2 ] || bad "abtime $args: want usage status 2"
done

[ $fail = 0 ] && echo "abtime: ok"
exit $fail
