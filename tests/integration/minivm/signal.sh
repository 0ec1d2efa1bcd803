#!/usr/bin/env bash
# SIGTERM and SIGINT stop a running VM promptly with status 130, whether the
# vCPU is spinning in the guest or the VMM sleeps for it, and also when the
# signal lands between the guest's sleep (or stdin read) request and the
# wait itself.
. "$(dirname "$0")/common.bash"
need_kvm

# wait_stopped PID WHAT: wait up to 30 s for PID to end, then SIGKILL it;
# sets $rc. (A poll, not a guard subshell killed afterwards: a subshell
# killed just after fork runs this shell's EXIT trap, which removes $WORK.)
wait_stopped() {
	local pid=$1 i
	for ((i = 0; i < 300; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
}

# signal_after_ready SIGNAL DELAY WHAT: the VM started as coproc VM prints
# READY; DELAY seconds later send SIGNAL; it must end with 130 and say so.
signal_after_ready() {
	local sig=$1 delay=$2 what=$3 line
	local pid=$VM_PID
	read -r -t 30 line <&"${VM[0]}" || fail "no READY from the guest ($what)"
	[ "$line" = READY ] || fail "got '$line', want READY ($what)"
	[ "$delay" = 0 ] || sleep "$delay"
	kill "-$sig" "$pid"
	wait_stopped "$pid"
	expect_rc 130 "SIG$sig $what"
	grep -q "^minivm: stopped by a signal" "$WORK/err" || fail "no message on SIG$sig ($what)"
}

# stop_after_ready SIGNAL RUN-ARGS...: start a VM, wait for READY, signal.
stop_after_ready() {
	local sig=$1
	shift
	coproc VM { exec "$MINIVM" run "$@" 2>"$WORK/err"; }
	signal_after_ready "$sig" 0 "during mode $*"
}

# stop_in_sleep_window SIGNAL RUN-ARGS...: the same, but the signal lands in
# the VMM between the VM exit of the guest's sleep hypercall and the sleep
# itself, where a stop flag set by the handler is easily lost for the whole
# sleep. strace makes that window wide and the test deterministic: it holds
# every ioctl's return (KVM_RUN's too) for 0.25 s, and the signal comes
# 0.1 s after READY, while the KVM_RUN that ends in the sleep hypercall is
# held. (-D: strace runs as a grandchild, so the coproc's pid stays minivm.)
stop_in_sleep_window() {
	local sig=$1
	shift
	command -v strace >/dev/null || fail "strace is not installed (scripts/deps.sh build installs it)"
	coproc VM {
		exec strace -D -qq -o /dev/null -e trace=ioctl -e inject=ioctl:delay_exit=250000 \
			"$MINIVM" run "$@" 2>"$WORK/err"
	}
	signal_after_ready "$sig" 0.1 "between the sleep hypercall's exit and the sleep ($*)"
}

# stop_in_read_window SIGNAL: the same window before a read of the guest's
# stdin (a pipe that stays open): the guest program echoes READY from its
# stdin, then reads again; the signal lands while that read's exit is held.
stop_in_read_window() {
	local sig=$1
	coproc VM {
		exec strace -D -qq -o /dev/null -e trace=ioctl -e inject=ioctl:delay_exit=250000 \
			"$MINIVM" run build/tests/programs/guest-echo raw 2>"$WORK/err"
	}
	echo READY >&"${VM[1]}"
	signal_after_ready "$sig" 0.1 "between the read hypercall's exit and the read"
}

# The stand-in guest: spinning in the guest, asleep in the VMM.
stop_after_ready TERM --kernel "$TINYGUEST" "$PROGS/argv" spin
stop_after_ready INT --kernel "$TINYGUEST" "$PROGS/argv" spin
stop_after_ready TERM --kernel "$TINYGUEST" "$PROGS/argv" zzz
# The real guest kernel: a spinning program, a sleeping one.
stop_after_ready TERM "$PROGS/spin"
stop_after_ready INT "$PROGS/idle"
# The race: a signal that lands just before the VMM sleeps for the guest.
stop_in_sleep_window INT "$PROGS/idle"
stop_in_sleep_window TERM --kernel "$TINYGUEST" "$PROGS/argv" zzz
stop_in_read_window INT
echo "ok: SIGTERM/SIGINT stop the VM with 130"
