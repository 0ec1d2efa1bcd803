#!/usr/bin/env bash
# A damaged run is refused, not reported: a samples.csv row with too few
# fields, or a value that is not a number (two runs writing into one
# folder, a cut line), gives one line naming the file and line, a non-zero
# exit, and no REPORT.md. A run without order.csv (older runs) is fine and
# says nothing about it on stderr.
set -u
cd "$(dirname "$0")/../../.." || exit 1
bench=build/bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# damaged NAME LINE: a copy of the pvm-run fixture with LINE appended to
# its samples.csv; the report must refuse it.
damaged() {
	cp -r tests/fixtures/pvm-run "$tmp/$1"
	rm -f "$tmp/$1/order.csv"
	printf '%s\n' "$2" >>"$tmp/$1/samples.csv"
	local line rc=0
	line=$(wc -l <"$tmp/$1/samples.csv")
	"$bench" report --no-plots "$tmp/$1" >/dev/null 2>"$tmp/$1.err" || rc=$?
	[ "$rc" -ne 0 ] || bad "$1: report accepted a damaged samples.csv"
	grep -q "samples.csv:$line" "$tmp/$1.err" || bad "$1: the message does not name line $line: $(cat "$tmp/$1.err")"
	[ ! -e "$tmp/$1/REPORT.md" ] || bad "$1: a REPORT.md was written from a damaged run"
}
damaged short 'startup,process,noop,,1,9,startup'
damaged nan 'startup,process,noop,,1,9,startup,us,12x4'

cp -r tests/fixtures/pvm-run "$tmp/fine"
rm -f "$tmp/fine/order.csv"
"$bench" report --no-plots "$tmp/fine" >/dev/null 2>"$tmp/fine.err" || bad "an intact run without order.csv was refused: $(cat "$tmp/fine.err")"
grep -q 'order.csv' "$tmp/fine.err" && bad "a run without order.csv gets an error line: $(cat "$tmp/fine.err")"
[ $fail = 0 ] && echo "ok: damaged samples.csv refused with its line; no order.csv is fine"
exit $fail
