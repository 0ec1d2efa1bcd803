#!/usr/bin/env bash
# minivm run --trace: the steps of a VM's life on stderr, in the order they
# happen, each with its time since start and since the step before, every
# VM exit with its reason (the hypercall and the guest system call behind
# it), and the table of exits by kind, whose counts match the exit lines.
# Without --trace, none of it.
. "$(dirname "$0")/common.bash"
need_kvm

# Nothing extra without --trace.
run_vm "$WORK/out" "$WORK/err" run build/workload noop
expect_rc 0 "noop"
[ "$(cat "$WORK/out")" = READY ] || fail "noop: stdout '$(cat "$WORK/out")'"
[ ! -s "$WORK/err" ] || fail "stderr without --trace: $(cat "$WORK/err")"

run_vm "$WORK/out" "$WORK/err" run --trace build/workload noop
expect_rc 0 "noop --trace"
[ "$(cat "$WORK/out")" = READY ] || fail "--trace changed stdout: '$(cat "$WORK/out")'"

# Every line is a whole trace line (one write each): "minivm TIME ms +DELTA ...".
bad=$(grep -Ev '^minivm +[0-9]+\.[0-9]{3} ms +\+[0-9]+\.[0-9]{3}  |^minivm ' "$WORK/err")
[ -z "$bad" ] || fail "not a trace line: $bad"

# The steps, in this order (other lines may come between them).
steps='check files
open
KVM_GET_API_VERSION
KVM_CREATE_VM
KVM_SET_USER_MEMORY_REGION
KVM_CREATE_VCPU
KVM_SET_CPUID2
load ELF
KVM_SET_SREGS
KVM_SET_REGS
KVM_RUN
exit IO 0x500 +hypercall WRITE: 6 bytes to fd 1, in guest write\(\)
exit IO 0x502 +hypercall EXIT: the program ends, status 0, in guest exit_group\(\)
guest phase +guest_entered at [0-9.]+ ms
guest phase +first_syscall at [0-9.]+ ms
close
VM exits by kind'
line=0
while IFS= read -r step; do
	n=$(grep -nE "^minivm( +[0-9.]+ ms +\+[0-9.]+ )? +$step" "$WORK/err" | head -1 | cut -d: -f1)
	[ -n "$n" ] || fail "no step '$step' in: $(cat "$WORK/err")"
	[ "$n" -gt "$line" ] || fail "step '$step' (line $n) is not after line $line"
	line=$n
done <<<"$steps"

# Times: since start never goes back; each +DELTA is the difference to the
# line before (both rounded to the microsecond: allow 2 us).
awk '/^minivm +[0-9.]+ ms +\+/ {
	t = $2; d = substr($4, 2)
	if (NR > 1 && (t < prev || d - (t - prev) > 0.002 || (t - prev) - d > 0.002)) { print "line " NR ": " $0; exit 1 }
	prev = t
}' "$WORK/err" || fail "times do not add up"

# The table counts the exits the lines showed: 1 WRITE, 1 EXIT. The guest
# stamps its phases in memory (no PHASE exit: abi.h).
table_count() { awk -v k="$1" '$2 " " $3 == k { print $4 }' "$WORK/err"; }
[ -z "$(table_count "hypercall PHASE")" ] || fail "PHASE exits: $(cat "$WORK/err")"
[ "$(table_count "hypercall WRITE")" = 1 ] || fail "WRITE count"
[ "$(table_count "hypercall EXIT")" = 1 ] || fail "EXIT count"
[ "$(awk '$2 == "total" { print $3 }' "$WORK/err")" = 2 ] || fail "total exits"

# More output, more exits: io 3 writes 3 lines and ELAPSED (the workload
# may batch them; the table must match the WRITE lines, whatever they are).
run_vm "$WORK/out" "$WORK/err" run --trace build/workload io 3
expect_rc 0 "io 3 --trace"
writes=$(grep -c "hypercall WRITE: " "$WORK/err")
[ "$writes" -ge 1 ] && [ "$(table_count "hypercall WRITE")" = "$writes" ] ||
	fail "io 3: $writes WRITE lines, table says $(table_count "hypercall WRITE")"
# A bad program fails as before, with the trace of what did happen.
run_vm "$WORK/out" "$WORK/err" run --trace /nonexistent
expect_rc 126 "missing program --trace"
grep -q "cannot open /nonexistent" "$WORK/err" || fail "no error line: $(cat "$WORK/err")"
echo "ok"
