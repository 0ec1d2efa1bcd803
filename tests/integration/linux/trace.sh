#!/usr/bin/env bash
# minivm run --kernel LINUX --trace: the Linux boot's steps in order (the
# same trace as minivm's own guest: lib/trace.c), then the table of VM
# exits. The VM is stopped by --timeout 3 s (on a PVM host a stock kernel
# is still emulating its first instructions then; with VMX/SVM it may
# have rebooted already): whichever, the run ends with the close step and
# the table, and its first exit of each kind, if any, is marked as such.
set -euo pipefail
cd "$(dirname "$0")/../../.."
. tests/integration/linux/common.bash
need_linux_boot
[ -w /dev/kvm ] || { echo "no /dev/kvm"; exit 77; }
need_kernel
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

rc=0
timeout 60 build/minivm run --kernel build/kernel/vmlinux --force --trace --mem 128 \
	--timeout 3 >"$tmp/out" 2>"$tmp/err" || rc=$?
case $rc in
0 | 121 | 124) ;;
*) fail "status $rc: $(cat "$tmp/err")" ;;
esac
line=0
while IFS= read -r step; do
	n=$(grep -nE "^minivm +[0-9.]+ ms +\+[0-9.]+  $step" "$tmp/err" | head -1 | cut -d: -f1)
	[ -n "$n" ] || fail "no step '$step' in: $(cat "$tmp/err")"
	[ "$n" -gt "$line" ] || fail "step '$step' (line $n) is not after line $line"
	line=$n
done <<'STEPS'
open
KVM_CREATE_VM
KVM_CREATE_IRQCHIP
KVM_SET_USER_MEMORY_REGION
KVM_CREATE_VCPU
KVM_SET_CPUID2
load kernel +and boot_params \(zero page\), command line: .*reboot=t
KVM_SET_REGS
KVM_RUN
close
STEPS
grep -q '^minivm VM exits by kind' "$tmp/err" || fail "no exit table: $(cat "$tmp/err")"
total=$(awk '$2 == "total" { print $3 }' "$tmp/err")
[ -n "$total" ] && [ "$total" -ge 1 ] || fail "no total in the table"
# Each kind with a count has had its first exit shown, and only that one.
firsts=$(grep -c 'the first of its kind' "$tmp/err" || true)
kinds=$(awk '/^minivm VM exits by kind/ { t = 1; next }
	t && $2 != "kind" && $2 != "total" && $2 != "KVM_RUN" { n++ } END { print n + 0 }' "$tmp/err")
[ "$firsts" -eq "$kinds" ] || fail "$firsts first-exit lines for $kinds kinds: $(cat "$tmp/err")"
echo "linux trace: ok"
