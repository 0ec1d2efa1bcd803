#!/usr/bin/env bash
# The kernel entered at ring 0 (a VMM that ignores its header: here the
# kernel built without one): it sets itself up, drops to ring 3, and runs
# programs just the same.
. "$(dirname "$0")/common.bash"

KERNEL=build/guest/kernel-ring0.elf
[ -f "$KERNEL" ] || fail "$KERNEL is not built"
ring0() {
	local name=$1
	shift
	"$MINIVM" run --timeout 30 --kernel "$KERNEL" "$PROGS/guest-$name" "$@"
}

out=$(ring0 identity) || fail "identity: exit $?"
echo "$out" | grep -qx "sysname minivm" || fail "identity: $out"
out=$(ring0 regs) || fail "regs: $out"
[ "$out" = ok ] || fail "regs: $out"
out=$(ring0 memory) || fail "memory: $out"
[ "$out" = ok ] || fail "memory: $out"
out=$(ring0 glibc-hello x) 
[ $? = 7 ] && [ "$out" = "glibc hello: argc 2 argv[1] x strlen 1048576" ] || fail "glibc: $out"
ring0 fault null 2>"$TMP/err"
rc=$?
[ "$rc" = 121 ] && grep -q "#PF" "$TMP/err" || fail "fault null: exit $rc: $(cat "$TMP/err")"
echo "ring0: ok"
