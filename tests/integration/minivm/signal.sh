#!/usr/bin/env bash
# SIGTERM and SIGINT stop a running VM promptly with status 130, whether the
# vCPU is spinning in the guest or the VMM sleeps for it.
. "$(dirname "$0")/common.bash"
need_kvm

# stop_after_ready SIGNAL RUN-ARGS...: start a VM, wait for READY, signal.
stop_after_ready() {
	local sig=$1 line
	shift
	local mode="$*"
	coproc VM { exec "$MINIVM" run "$@" 2>"$WORK/err"; }
	local pid=$VM_PID
	( sleep 30; kill -KILL "$pid" 2>/dev/null ) &
	local guard=$!
	read -r -t 30 line <&"${VM[0]}" || fail "no READY from the guest ($mode)"
	[ "$line" = READY ] || fail "got '$line', want READY"
	kill "-$sig" "$pid"
	wait "$pid"
	rc=$?
	kill "$guard" 2>/dev/null
	wait "$guard" 2>/dev/null
	expect_rc 130 "SIG$sig during mode $mode"
	grep -q "^minivm: stopped by a signal" "$WORK/err" || fail "no message on SIG$sig"
}

# The stand-in guest: spinning in the guest, asleep in the VMM.
stop_after_ready TERM --kernel "$TINYGUEST" "$PROGS/argv" spin
stop_after_ready INT --kernel "$TINYGUEST" "$PROGS/argv" spin
stop_after_ready TERM --kernel "$TINYGUEST" "$PROGS/argv" zzz
# The real guest kernel: a spinning program, a sleeping one.
stop_after_ready TERM "$PROGS/spin"
stop_after_ready INT "$PROGS/idle"
echo "ok: SIGTERM/SIGINT stop the VM with 130"
