#!/usr/bin/env bash
# REPORT.md from fixture runs: the KVM flavour up front, every claim, every
# backend (a skipped one with its reason, said once), a table per
# experiment, and APPENDIX.md beside it with every figure; and on bad input
# one clear error, a non-zero exit and no REPORT.md.
set -u
cd "$(dirname "$0")/../../.." || exit 1
fx=tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
has() { grep -qF -- "$2" "$1" || bad "$(basename "$(dirname "$1")"): REPORT.md lacks: $2"; }

cp -r "$fx/pvm-run" "$tmp/pvm"
scripts/report.sh --no-plots "$tmp/pvm" 2>"$tmp/err" || bad "report.sh failed: $(cat "$tmp/err")"
r=$tmp/pvm/REPORT.md
# The flavour comes before the environment table, and says what PVM means.
flav=$(grep -n "PVM — software virtualization" "$r" | head -n1 | cut -d: -f1)
envl=$(grep -n "^## Environment" "$r" | cut -d: -f1)
[ -n "$flav" ] && [ -n "$envl" ] && [ "$flav" -lt "$envl" ] || bad "pvm: the KVM flavour is not stated before the environment"
has "$r" "a stock Linux guest cannot boot"
for claim in "are much lighter" "start faster" "need less computing power" "use the host's operating system" "can run in parallel, in isolation"; do
	has "$r" "| $claim"
done
for b in process container runc microvm linuxvm qemu-microvm; do
	grep -q "^| $b | " "$r" || bad "pvm: backend $b not in REPORT.md"
done
has "$r" "| linuxvm | KVM microVM booting a full Linux kernel, the workload as /init | **skipped**: PVM host: a stock Linux kernel stops on a KVM emulation failure (CMPXCHG16B), no VMX/SVM |"
# The skip reason is said once, in the backends table; elsewhere a pointer.
[ "$(grep -c "CMPXCHG16B" "$r")" = 1 ] || bad "pvm: linuxvm's skip reason is not said exactly once"
has "$r" "It was **not measured** in this run (linuxvm skipped: see Backends)"
has "$r" "**skipped**: qemu-system-x86_64 not installed"
for s in "### Start-up" "### Memory per instance" "### Density" "### Run-time overhead" "### How the verdicts are computed"; do
	has "$r" "$s"
done
a=$tmp/pvm/APPENDIX.md
[ -s "$a" ] || bad "pvm: no APPENDIX.md"
has "$r" "[APPENDIX.md](APPENDIX.md)"
# A value with a comma, quoted in env.csv, comes through whole.
has "$r" "Fixture CPU, hand-made (not a measurement),"
has "$a" "| cpu_model | Fixture CPU, hand-made (not a measurement) |"
has "$r" "| uname inside |"
has "$r" "| microvm | minivm 0.1 | no |"
# the start-up table: the container's p50 in ms (summary.csv: µs), in
# REPORT.md's table and in the appendix's full row
p50=$(awk -F, '$1 == "startup" && $2 == "container" && $6 == "startup" { printf "%.2f", $10 / 1000 }' "$fx/pvm-run/summary.csv")
grep -q "^| container | 20 | $p50 | " "$r" || bad "pvm: no start-up row for the container with p50 $p50 ms"
grep -q "^| noop | – | 1 | startup | ms | container | 20 | $p50 |" "$a" || bad "pvm: appendix: no start-up row for the container with p50 $p50 ms"
# no nanosecond or microsecond figure of 7 digits or more: times in ms
grep -qE '\| -?[0-9]{7,}(\.[0-9]+)? ' "$r" && bad "pvm: a figure of 7 digits or more: $(grep -oE '\| -?[0-9]{7,}' "$r" | head -n 3)"
grep -q '| elapsed | ms | ' "$a" && ! grep -q '| ns |\|| us |' "$a" || bad "pvm: appendix: times not in ms"
[ -e "$tmp/pvm/REPORT.md" ] && [ ! -e "$tmp/pvm/.REPORT.md.tmp" ] && [ ! -e "$tmp/pvm/.APPENDIX.md.tmp" ] || bad "pvm: temporary file left behind"

cp -r "$fx/hw-run" "$tmp/hw"
scripts/report.sh --no-plots "$tmp/hw" 2>/dev/null || bad "report.sh failed on hw-run"
has "$tmp/hw/REPORT.md" "VMX (Intel VT-x) — hardware virtualization"
grep -q "skipped" "$tmp/hw/REPORT.md" && bad "hw: a backend reported as skipped"
for b in linuxvm qemu-microvm; do
	grep -q "^| $b | .*| measured |" "$tmp/hw/REPORT.md" || bad "hw: $b not measured"
done

# The harness's own files (a quick run with only the process measured):
# read without error, every claim "not measured", every skip reason shown.
cp -r "$fx/bench-quick-process" "$tmp/real"
scripts/report.sh --no-plots "$tmp/real" 2>"$tmp/err" || bad "report.sh failed on the harness's files: $(cat "$tmp/err")"
[ "$(grep -c ',all,not measured,' "$tmp/real/verdicts.csv")" = 5 ] || bad "real: expected 5 claims not measured"
awk -F, '$1 ~ /^skip\./ { sub(/^skip\./, "", $1); print $1 }' "$fx/bench-quick-process/env.csv" | while read -r b; do
	grep -q "^| $b | .*| \*\*skipped\*\*: " "$tmp/real/REPORT.md" || echo "FAIL: real: skipped backend $b without its reason"
done | grep FAIL && fail=1

# Bad input.
scripts/report.sh --no-plots "$tmp/none" 2>"$tmp/err" && bad "a missing directory was accepted"
grep -q "no such file" "$tmp/err" || bad "missing directory: no clear error ($(cat "$tmp/err"))"
scripts/report.sh 2>/dev/null && bad "no argument accepted"
scripts/report.sh --bogus "$tmp/pvm" 2>/dev/null && bad "an unknown option accepted"
scripts/report.sh --help | grep -q "REPORT.md" || bad "--help says nothing of REPORT.md"
mkdir "$tmp/badhdr"
cp "$fx/pvm-run/env.csv" "$tmp/badhdr/"
printf 'experiment,backend,value\nstartup,process,1\n' >"$tmp/badhdr/summary.csv"
scripts/report.sh --no-plots "$tmp/badhdr" 2>"$tmp/err" && bad "a summary.csv without its columns was accepted"
grep -q "no column 'workload'" "$tmp/err" || bad "bad header: no clear error ($(cat "$tmp/err"))"
[ -e "$tmp/badhdr/REPORT.md" ] || [ -e "$tmp/badhdr/APPENDIX.md" ] && bad "bad header: a REPORT.md or APPENDIX.md was written"
[ -z "$(find "$tmp/badhdr" -name '*tmp*')" ] || bad "bad header: temporary files left"
# An earlier good report is kept when a new one fails.
cp "$fx/pvm-run/summary.csv" "$tmp/badhdr/summary.csv"
scripts/report.sh --no-plots "$tmp/badhdr" 2>/dev/null || bad "report on the repaired run failed"
printf 'experiment,backend,value\n' >"$tmp/badhdr/summary.csv"
scripts/report.sh --no-plots "$tmp/badhdr" 2>/dev/null
grep -q "are much lighter" "$tmp/badhdr/REPORT.md" || bad "a failed report spoiled the earlier one"
[ $fail = 0 ] && echo "report: every claim, backend and reason present"
exit $fail
