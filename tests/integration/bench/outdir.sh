#!/usr/bin/env bash
# Results are safe: a second run into a folder that a run is writing
# refuses (a clear message, status 3) and leaves that run's files alone;
# a default run never writes into a folder that is there already (two
# runs started in the same second get two folders).
set -u
cd "$(dirname "$0")/../../.."
bench=$(pwd)/build/bench
[ -x "$bench" ] && [ -x build/workload ] || { echo "build/bench or build/workload missing: run make"; exit 1; }
out=$(mktemp -d /tmp/bench-outdir.XXXXXX)
trap 'kill $first 2>/dev/null; rm -rf "$out"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
first=

# 1. A long run into $out/one, then a second one into the same folder.
"$bench" --experiments startup --backends process --runs 100000 --out "$out/one" 2>"$out/one.err" &
first=$!
for _ in $(seq 100); do
	n=$(grep -c '^startup,process' "$out/one/samples.csv" 2>/dev/null)
	[ "${n:-0}" -gt 2 ] && break
	sleep 0.1
done
"$bench" --quick --experiments facts,startup --backends process --runs 3 --out "$out/one" 2>"$out/two.err"
rc=$?
[ $rc -eq 4 ] || fail "second run into a busy folder: exit $rc, want 4 ($(cat "$out/two.err"))"
grep -q "in use by another bench run (pid $first)" "$out/two.err" || fail "no clear message: $(cat "$out/two.err")"
kill -INT $first
wait $first
[ "$(grep -c '^startup,process,noop,' "$out/one/samples.csv")" -gt 2 ] || fail "first run's samples.csv"
bad=$(awk -F, 'NR > 1 && ($1 != "startup" || NF != 9)' "$out/one/samples.csv" | head -3)
[ -z "$bad" ] || fail "foreign or broken rows in the first run's samples.csv: $bad"
ls "$out/one" | grep -q '\.tmp$' && fail "a .tmp file left in the folder"
echo "busy folder: refused with status 3, the first run's files intact"

# 2. Default folders: results/<date>-<host> of this second and the next
# few are there already (another run's); a default run must make its own.
mkdir -p "$out/cwd/results"
cd "$out/cwd"
now=$(date +%s)
for s in 0 1 2 3 4 5; do
	d="results/$(date -u -d "@$((now + s))" +%Y%m%d-%H%M%S)-$(uname -n)"
	mkdir "$d" && echo theirs >"$d/marker"
done
"$bench" --experiments facts --backends process 2>"$out/a.err" &
a=$!
"$bench" --experiments facts --backends process 2>"$out/b.err" &
b=$!
wait $a || fail "default run a: $(cat "$out/a.err")"
wait $b || fail "default run b: $(cat "$out/b.err")"
for d in results/*/; do
	[ -e "$d/marker" ] && [ -e "$d/env.csv" ] && fail "a default run wrote into $d, which was there before it"
done
da=$(grep -o 'done in .*: .*' "$out/a.err" | sed 's/.*: //')
db=$(grep -o 'done in .*: .*' "$out/b.err" | sed 's/.*: //')
[ -n "$da" ] && [ "$da" != "$db" ] || fail "two default runs shared one folder: '$da' '$db'"
[ -s "$da/env.csv" ] && [ -s "$db/env.csv" ] || fail "default runs' env.csv missing"
echo "default folders: $da and $db, none that was there before"
