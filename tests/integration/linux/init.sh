#!/usr/bin/env bash
# build/linux-init, the guest's /init, run on the host (not as PID 1, so it
# touches no I/O port and does not reboot): it runs its program and passes
# its exit status on, as it does to minivm inside a guest.
set -euo pipefail
cd "$(dirname "$0")/../../.."
init=build/linux-init
[ -x "$init" ] || { echo "build/linux-init missing (run make)"; exit 1; }

rc=0; $init /bin/sh -c 'exit 7' || rc=$?
[ "$rc" -eq 7 ] || { echo "FAIL: exit 7 came out as $rc"; exit 1; }
rc=0; $init /bin/sh -c 'kill -9 $$' || rc=$?
[ "$rc" -eq 137 ] || { echo "FAIL: SIGKILL came out as $rc, not 137"; exit 1; }
rc=0; $init /nonexistent/program 2>/dev/null || rc=$?
[ "$rc" -eq 127 ] || { echo "FAIL: a missing program came out as $rc, not 127"; exit 1; }
out=$($init /bin/echo READY)
[ "$out" = READY ] || { echo "FAIL: output: $out"; exit 1; }
$init --help | grep -q usage || { echo "FAIL: --help"; exit 1; }
echo "init: ok"
