#!/usr/bin/env bash
# Every fuzz target for a few seconds (FUZZ_BRIEF_SECONDS, default 6; about
# a minute for all): a crash fails the test, with the input kept under
# build/fuzz/crashes/. Longer runs: make fuzz FUZZ_SECONDS=N.
cd "$(dirname "$0")/../../.." || exit 1
exec tests/fuzz/fuzz.sh "${FUZZ_BRIEF_SECONDS:-6}"
