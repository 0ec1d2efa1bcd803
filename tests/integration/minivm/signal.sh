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

# stop_in_sleep_window SIGNAL PROGRAM: the same, but the signal lands in
# the VMM between the VM exit of the guest's sleep hypercall and the sleep
# itself, where a stop flag set by the handler is easily lost for the whole
# sleep. strace makes that window wide and the test deterministic: it holds
# every ioctl's return (KVM_RUN's too) for 0.25 s, and the signal comes
# 0.1 s after READY, while the KVM_RUN that ends in the sleep hypercall is
# held. (-D: strace runs as a grandchild, so $! stays minivm itself.)
stop_in_sleep_window() {
	local sig=$1 line
	shift
	command -v strace >/dev/null || fail "strace is not installed (scripts/deps.sh build installs it)"
	coproc VM {
		exec strace -D -qq -o /dev/null -e trace=ioctl -e inject=ioctl:delay_exit=250000 \
			"$MINIVM" run "$@" 2>"$WORK/err"
	}
	local pid=$VM_PID
	( sleep 30; kill -KILL "$pid" 2>/dev/null ) &
	local guard=$!
	read -r -t 30 line <&"${VM[0]}" || fail "no READY from the guest ($*, under strace)"
	[ "$line" = READY ] || fail "got '$line', want READY"
	sleep 0.1
	kill "-$sig" "$pid"
	wait "$pid"
	rc=$?
	kill "$guard" 2>/dev/null
	wait "$guard" 2>/dev/null
	expect_rc 130 "SIG$sig between the sleep hypercall's exit and the sleep ($*)"
	grep -q "^minivm: stopped by a signal" "$WORK/err" || fail "no message on SIG$sig"
}

# The stand-in guest: spinning in the guest, asleep in the VMM.
stop_after_ready TERM --kernel "$TINYGUEST" "$PROGS/argv" spin
stop_after_ready INT --kernel "$TINYGUEST" "$PROGS/argv" spin
stop_after_ready TERM --kernel "$TINYGUEST" "$PROGS/argv" zzz
# The real guest kernel: a spinning program, a sleeping one.
stop_after_ready TERM "$PROGS/spin"
stop_after_ready INT "$PROGS/idle"
stop_in_sleep_window INT "$PROGS/idle"
stop_in_sleep_window TERM --kernel "$TINYGUEST" "$PROGS/argv" zzz
echo "ok: SIGTERM/SIGINT stop the VM with 130"
