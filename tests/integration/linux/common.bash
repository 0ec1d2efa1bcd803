# Sourced by the Linux boot's integration tests (not a test itself: not
# *.sh), after they cd to the repository root. Each need_* exits 77 with
# the reason as the last line when this machine cannot run the test.

# need_linux_boot: build/minivm has `minivm run --kernel` for a Linux kernel.
need_linux_boot() {
	if [ ! -x build/minivm ] ||
		! build/minivm run --kernel /dev/null --initrd /dev/null --help 2>/dev/null |
		grep -q -- '--initrd'; then
		echo "build/minivm without the Linux boot (the VMM is not merged in yet)"
		exit 77
	fi
}

# need_kernel: Debian's kernel in build/kernel/ (make kernel fetches it).
need_kernel() {
	local why
	if ! why=$(make --no-print-directory kernel 2>&1); then
		echo "cannot fetch Debian's kernel: make kernel: $(tail -n 1 <<<"$why")"
		exit 77
	fi
}
