#!/usr/bin/env bash
# Boot Debian's kernel (the vmlinux form, extracted by scripts/extract-
# vmlinux.sh) with earlyprintk on our UART, and wait for its banner: the
# "Linux version" line proves the loader, the boot_params (the kernel echoes
# our command line and e820 map), the 64-bit entry state and the UART. Then
# stop the VM with SIGTERM and check that nothing is left running.
#
# On a PVM host (docs/kvm-flavours.md) every instruction of a stock kernel is
# emulated: the banner takes some 15 to 30 s there (clearing .bss and
# sorting the jump table come first) and the boot later stops on an
# instruction KVM cannot emulate; --force makes minivm try. With hardware
# virtualization the banner comes within a second.
set -euo pipefail
cd "$(dirname "$0")/../../.."
. tests/integration/linux/common.bash
deadline=${LINUX_BANNER_DEADLINE:-120}
mv=build/minivm
need_linux_boot
[ -w /dev/kvm ] || { echo "no /dev/kvm"; exit 77; }
need_kernel

tmp=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

boot_to_banner "$deadline" --kernel build/kernel/vmlinux
# 130: stopped by our SIGTERM; 121: the guest hit an instruction PVM cannot
# emulate before the signal came. Both end the VM.
case $rc in
130 | 121) ;;
*)
	echo "FAIL: minivm exited $rc after SIGTERM: $(cat "$tmp/err")"
	exit 1
	;;
esac

grep -m1 'Linux version' "$tmp/out"
# The kernel echoes what we gave it in boot_params.
if grep -q 'BIOS-e820' "$tmp/out"; then
	grep -q 'BIOS-e820: \[mem 0x0000000000100000-0x0000000007ffffff\] usable' "$tmp/out" ||
		{ echo "FAIL: e820 map: $(grep BIOS-e820 "$tmp/out")"; exit 1; }
fi
check_boot_output

# The bzImage: under PVM its decompressor needs minutes, so check only that
# the 64-bit entry at load address + 0x200 works: after 3 s the vCPU must
# still run, inside the kernel's window [pref_address, + init_size).
if [ -e /sys/module/kvm_pvm ]; then
	brc=0
	"$mv" run --kernel build/kernel/vmlinuz --force --timeout 3 >/dev/null 2>"$tmp/err" || brc=$?
	[ "$brc" -eq 124 ] || { echo "FAIL: bzImage: exited $brc, not 124: $(cat "$tmp/err")"; exit 1; }
	rip=$(sed -n 's/.* at rip=\(0x[0-9a-f]*\).*/\1/p' "$tmp/err")
	info=$(build/bzimage-info build/kernel/vmlinuz)
	lo=$(sed -n 's/^pref_address=//p' <<<"$info")
	size=$(sed -n 's/^init_size=//p' <<<"$info")
	if [ -z "$rip" ] || [ $((rip)) -lt $((lo)) ] || [ $((rip)) -ge $((lo + size)) ]; then
		echo "FAIL: bzImage: rip ${rip:-?} outside [$lo, +$size): $(cat "$tmp/err")"
		exit 1
	fi
	echo "bzImage: decompressor running at rip $rip after 3 s"
fi
echo "banner: ok (seen after ${took} s, minivm exited $rc)"
