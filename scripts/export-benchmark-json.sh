#!/usr/bin/env bash
# export-benchmark-json.sh - write a run's figures in the JSON that
# github-action-benchmark reads as tool "customSmallerIsBetter".
#
#   scripts/export-benchmark-json.sh DIR [OUT]
#
# A thin wrapper of `build/bench export-json` (bench/report/benchjson.c),
# kept for the command line people know.
exec "$(dirname "$0")/bench-command.sh" export-benchmark-json 1 export-json "$@"
