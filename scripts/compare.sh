#!/usr/bin/env bash
# compare.sh - compare two benchmark runs, for regression tracking.
#
#   scripts/compare.sh [--threshold X] [--stat p50|min|mean] [--all] [--other-host] BASE NEW
#
# A thin wrapper of `build/bench compare` (bench/report/compare.c), kept
# for the command line people know: same options, same exit statuses
# (0 no regression, 1 worse, 2 bad input, 3 different kinds of host; see
# build/bench compare --help).
exec "$(dirname "$0")/bench-command.sh" compare 2 compare "$@"
