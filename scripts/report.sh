#!/usr/bin/env bash
# report.sh - make the plots and REPORT.md of one benchmark run.
#
#   scripts/report.sh [--no-plots] DIR
#
# A thin wrapper of `build/bench report` (the analysis is C, in
# bench/report/), kept for the command line people know: same options,
# same exit statuses (build/bench report --help).
exec "$(dirname "$0")/bench-command.sh" report 1 report "$@"
