#!/usr/bin/env bash
# bench demo (make demo): one column per backend this host can run, each
# ending at READY, every other backend named with its reason; the figures
# table with a row per column; one screen (at most 40 lines of at most 100
# columns). Bad arguments: a one-line error, status 2.
set -u
cd "$(dirname "$0")/../../.."
bench=build/bench
[ -x "$bench" ] && [ -x build/workload ] || { echo "build/bench or build/workload missing: run make"; exit 1; }
fail() { echo "FAIL: $*"; exit 1; }
out=$(mktemp)
trap 'rm -f "$out" "$out.err"' EXIT

timeout 120 "$bench" demo --runs 2 >"$out" 2>"$out.err"
rc=$?
[ "$rc" -eq 0 ] || fail "bench demo: status $rc: $(cat "$out.err")"

[ "$(wc -l <"$out")" -le 40 ] || fail "more than 40 lines: $(cat "$out")"
wide=$(awk 'length($0) > 100' "$out")
[ -z "$wide" ] || fail "lines wider than 100 columns: $wide"

# The header row of the timeline names the columns.
header=$(grep -A1 '^KVM ioctls without' "$out" | tail -1)
read -r -a cols <<<"$header"
[ "${#cols[@]}" -ge 1 ] || fail "no columns: $(cat "$out")"
for name in process container microvm linuxvm; do
	in_cols=0
	for c in "${cols[@]}"; do [ "$c" = "$name" ] && in_cols=1; done
	if [ $in_cols -eq 0 ]; then
		grep -q "^not here:.*$name (" "$out" || fail "$name: neither a column nor a reason: $(cat "$out")"
	else
		# its row in the figures table, with a start-up p50
		grep -Eq "^$name +[0-9]+\.[0-9]+ \(" "$out" || fail "$name: no figures row: $(cat "$out")"
	fi
done
# This host runs the process backend, and the container one as root.
[ "${cols[0]}" = process ] || fail "first column is not process: $header"
if [ "$(id -u)" -eq 0 ]; then
	printf '%s\n' "${cols[@]}" | grep -qx container || fail "no container column as root"
fi
# Each column ends with READY: as many READY cells as columns.
ready=$(grep -o '[0-9]\.[0-9]\{3\} READY' "$out" | wc -l)
[ "$ready" -eq "${#cols[@]}" ] || fail "$ready READY cells for ${#cols[@]} columns: $(cat "$out")"
# The traced columns show their own steps.
if printf '%s\n' "${cols[@]}" | grep -qx microvm; then
	grep -q "CREATE_VM" "$out" || fail "microvm column without its trace"
fi
if printf '%s\n' "${cols[@]}" | grep -qx container; then
	grep -q "pivot_root" "$out" || fail "container column without its trace"
fi

# Bad arguments.
"$bench" demo --runs 0 >/dev/null 2>"$out.err"
[ $? -eq 2 ] && [ "$(wc -l <"$out.err")" -eq 1 ] || fail "--runs 0: $(cat "$out.err")"
"$bench" demo --bogus >/dev/null 2>"$out.err"
[ $? -eq 2 ] || fail "--bogus accepted"
echo "demo: ok"
