#!/usr/bin/env bash
# Debian's cloud kernel, fetched by `make kernel` (apt-get download into
# build/kernel/, network to Debian's archive): the unit tests of the header
# parser, boot_params builder and vmlinux loader run again against it, and
# the vmlinux our script extracted is the bzImage's payload.
set -euo pipefail
cd "$(dirname "$0")/../../.."
if ! why=$(make --no-print-directory kernel 2>&1); then
	echo "$why"
	echo "cannot fetch Debian's kernel: make kernel: $(tail -n 1 <<<"$why")"
	exit 77
fi

info=$(build/bzimage-info build/kernel/vmlinuz)
grep -qx 'format=bzImage' <<<"$info" || { echo "FAIL: $info"; exit 1; }
grep -q '^payload_format=' <<<"$info"
vinfo=$(build/bzimage-info build/kernel/vmlinux)
grep -qx 'format=vmlinux' <<<"$vinfo" || { echo "FAIL: vmlinux: $vinfo"; exit 1; }
entry=$(sed -n 's/^entry=//p' <<<"$vinfo")
pref=$(sed -n 's/^pref_address=//p' <<<"$info")
# The decompressed kernel is linked to run where the bzImage wants to be.
[ "$((entry))" -eq "$((pref))" ] || { echo "FAIL: vmlinux entry $entry, pref_address $pref"; exit 1; }

# The unit tests skip their Debian-kernel cases when the kernel is absent:
# now that it is here, those cases must run and pass.
for t in test_bzimage test_bootparams test_vmlinux; do
	make --no-print-directory -s build/tests/linux/$t >/dev/null
	out=$(build/tests/linux/$t 2>&1) || { echo "$out"; echo "FAIL: $t"; exit 1; }
	if grep -q SKIPPED <<<"$out"; then
		echo "$out"
		echo "FAIL: $t skipped a case with the kernel present"
		exit 1
	fi
done
echo "kernel: $(cat build/kernel/version) ok"
