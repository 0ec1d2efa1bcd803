#!/usr/bin/env bash
# A guest that faults ends minivm with status 121 (MINIVM_EXIT_CRASH), a
# message and a register dump; never a hang.
. "$(dirname "$0")/common.bash"
need_kvm

# The real guest kernel: a NULL write in the program.
run_vm "$WORK/out" "$WORK/err" run "$PROGS/nullwrite"
expect_rc 121 "NULL write"
grep -q "^minivm: guest crashed" "$WORK/err" || fail "no crash message: $(cat "$WORK/err")"
grep -q "rip=0x" "$WORK/err" || fail "no register dump: $(cat "$WORK/err")"
grep -qx "no fault" "$WORK/out" && fail "the NULL write did not fault"

# The VMM alone, with a stand-in guest: a triple fault (ud2 with no IDT).
run_vm "$WORK/out" "$WORK/err" run --kernel "$TINYGUEST" "$PROGS/argv" crash
expect_rc 121 "triple fault"
grep -q "exit reason 8 (SHUTDOWN" "$WORK/err" || fail "no SHUTDOWN message: $(cat "$WORK/err")"
grep -q "^minivm: registers: rip=0x" "$WORK/err" || fail "no register line"
# HLT with interrupts off: the guest can never wake up.
run_vm "$WORK/out" "$WORK/err" run --kernel "$TINYGUEST" "$PROGS/argv" Halt
expect_rc 121 "hlt"
grep -q "exit reason 5 (HLT" "$WORK/err" || fail "no HLT message: $(cat "$WORK/err")"

# A write to a guest physical address outside guest memory.
run_vm "$WORK/out" "$WORK/err" run --mem 32 --kernel "$TINYGUEST" "$PROGS/argv" mmio
expect_rc 121 "access outside memory"
grep -q "exit reason 6 (MMIO.* at 0x2000000" "$WORK/err" || fail "no MMIO message: $(cat "$WORK/err")"
echo "ok: faults end the VM with status 121 and registers"
