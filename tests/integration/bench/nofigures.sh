#!/usr/bin/env bash
# A backend that can run here but fails every sample: build/bench says so
# and exits 3 (not 0), env.csv holds the reason, and its report lists the
# backend as failed, draws no verdict from it, and exits 3 too. The
# backend is the plain process given a workload that exits at once.
set -u
cd "$(dirname "$0")/../../.."
[ -x build/bench ] || { echo "build/bench missing: run make"; exit 1; }
tmp=$(mktemp -d /tmp/bench-nofigures.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# build/bench finds its workload beside itself: a copy with a broken one.
cp build/bench "$tmp/bench"
printf '#!/bin/sh\necho "broken on purpose" >&2\nexit 1\n' >"$tmp/workload"
chmod +x "$tmp/workload"
timeout 60 "$tmp/bench" --quick --backends process --runs 3 --experiments facts,startup \
	--out "$tmp/run" 2>"$tmp/err"
rc=$?
[ $rc = 3 ] || bad "bench with a backend that failed every sample: exit $rc, want 3"
grep -q "process produced no figures" "$tmp/err" || bad "bench did not say which backend produced nothing"
grep -q "^fail\.process\.startup,3 of 3 failed.*broken on purpose" "$tmp/run/env.csv" ||
	bad "env.csv lacks the failure and its reason"

build/bench report --no-plots "$tmp/run" 2>"$tmp/report.err"
rc=$?
[ $rc = 3 ] || bad "report on that run: exit $rc, want 3"
grep -q "^| process | .* | \*\*failed\*\*, every sample: startup: 3 of 3 failed" "$tmp/run/REPORT.md" ||
	bad "REPORT.md does not list the process as failed with its reason"
grep -q "| measured |" "$tmp/run/REPORT.md" && bad "REPORT.md calls a backend measured"
[ "$(grep -c ',all,not measured,' "$tmp/run/verdicts.csv")" = 5 ] || bad "a verdict was drawn from no data"
[ $fail = 0 ] && echo "nofigures: exit 3, the reason recorded and reported, no verdict"
exit $fail
