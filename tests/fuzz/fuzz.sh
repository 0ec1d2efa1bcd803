#!/usr/bin/env bash
# tests/fuzz/fuzz.sh SECONDS [TARGET...]: run each fuzz target
# (build/fuzz/TARGET, make build) for SECONDS, on its seeds and regression
# inputs (tests/fuzz/TARGET/, read only) and what earlier runs found
# (build/fuzz/corpus/TARGET/). One line per target: runs, seconds, corpus
# size; a crash is a failure: the input is kept in build/fuzz/crashes/TARGET/
# with the sanitizer's report in build/fuzz/TARGET.log. Exit 1 if any target
# crashed, 2 on a usage error. Default targets: all tests/fuzz/*.c but replay.c.
set -u
cd "$(dirname "$0")/../.." || exit 2
secs=${1:-}
[[ $secs =~ ^[0-9]+$ ]] && [ "$secs" -gt 0 ] || {
	echo "usage: tests/fuzz/fuzz.sh SECONDS [TARGET...]" >&2
	exit 2
}
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	for f in tests/fuzz/*.c; do
		[ "$f" = tests/fuzz/replay.c ] || targets+=("$(basename "$f" .c)")
	done
fi

failed=() total_runs=0
for t in "${targets[@]}"; do
	bin=build/fuzz/$t corpus=build/fuzz/corpus/$t crashes=build/fuzz/crashes/$t
	log=build/fuzz/$t.log
	if [ ! -x "$bin" ]; then
		echo "fuzz: $bin is not built (make build)" >&2
		exit 2
	fi
	mkdir -p "$corpus" "$crashes"
	# -close_fd_mask=3: the targets' own messages (usage errors, --help)
	# are noise here; libFuzzer and the sanitizers still report.
	# -timeout: an input that takes 10 s is a hang, reported as a crash.
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -close_fd_mask=3 \
		-print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" "tests/fuzz/$t" \
		>"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
	size=$(find "$corpus" -type f | wc -l)
	total_runs=$((total_runs + ${runs:-0}))
	if [ "$rc" -eq 0 ]; then
		echo "fuzz $t: ${runs:-?} runs in ${took:-?} s, no crash (corpus: $size found + seeds)"
	else
		failed+=("$t")
		echo "FAIL fuzz $t: exit $rc after ${runs:-?} runs: $(grep -a -m1 -E 'ERROR|SUMMARY|runtime error|deadly signal|timeout' "$log")"
		grep -a -m3 -E "^(artifact_prefix|Test unit written)" "$log" | sed 's/^/  /'
		echo "  report: $log; keep the input as tests/fuzz/$t/regress-WHAT once fixed"
	fi
done
echo "fuzz: ${#targets[@]} targets, $total_runs runs, ${#failed[@]} crashed${failed:+: ${failed[*]}}"
[ ${#failed[@]} -eq 0 ]
