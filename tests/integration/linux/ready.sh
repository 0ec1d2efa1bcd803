#!/usr/bin/env bash
# Boot Debian's kernel, as a bzImage and as a vmlinux, with an initramfs
# whose /init (build/linux-init) runs a workload that prints READY and
# exits 3: minivm must copy the READY line to its stdout, exit with 3, and
# stamp the init_started, ready and program_exit phases.
#
# Needs hardware virtualization (VMX or SVM): on a PVM host a stock Linux
# kernel cannot get this far (docs/kvm-flavours.md), so the test is skipped.
set -euo pipefail
cd "$(dirname "$0")/../../.."
. tests/integration/linux/common.bash
mv=build/minivm
need_linux_boot
if [ -e /sys/module/kvm_pvm ] || ! grep -qw -e vmx -e svm /proc/cpuinfo; then
	echo "no VMX/SVM: this host's KVM cannot boot a stock Linux kernel to READY"
	exit 77
fi
[ -w /dev/kvm ] || { echo "no /dev/kvm"; exit 77; }
need_kernel

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build/mkinitramfs -o "$tmp/initrd.cpio" --init build/linux-init --workload build/tests/linux/hello

for image in build/kernel/vmlinuz build/kernel/vmlinux; do
	rc=0
	"$mv" run --kernel "$image" --initrd "$tmp/initrd.cpio" --timeout 60 --phases 3 \
		/workload 3 >"$tmp/out" 2>"$tmp/err" 3>"$tmp/phases" || rc=$?
	if [ "$rc" -ne 3 ]; then
		echo "FAIL: $image: minivm exited $rc, want 3: $(cat "$tmp/err")"
		tail -n 20 "$tmp/out"
		exit 1
	fi
	grep -q '^READY pid=' "$tmp/out" || { echo "FAIL: $image: no READY line"; exit 1; }
	grep -q '^uname Linux ' "$tmp/out" || { echo "FAIL: $image: no uname line"; exit 1; }
	for p in guest_entered init_started ready program_exit vm_destroyed; do
		grep -q "^$p " "$tmp/phases" || { echo "FAIL: $image: no $p phase"; exit 1; }
	done
	awk -v img="$image" '$1 == "start" { s = $2 } $1 == "ready" { r = $2 }
		END { printf "%s: READY %.1f ms after start\n", img, (r - s) / 1e6 }' "$tmp/phases"
done
echo "ready: ok"
