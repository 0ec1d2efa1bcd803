#!/bin/sh
# The tests inside L1 (busybox sh, run by /init from /vmbench): KVM here is
# the real kvm-amd or kvm-intel module driving the SVM or VMX that the
# emulator provides, so minivm meets the same VM-entry rules as on a
# laptop. Each case prints one "PASS name" or "FAIL name: why" line; the
# host decides from those lines. Times in here are emulated and mean
# nothing: behaviour only. Output files of the harness are printed between
# "=== hwvirt-file NAME ===" and "=== hwvirt-file-end ===" for the host.
#
# The paths are the repository's, so every command below is the one a user
# types on a machine with hardware virtualization.
set -u
mv=build/minivm
ring0=build/guest/kernel-ring0.elf
probe=build/tests/hwvirt/probe
tmp=/tmp/hwvirt
mkdir -p $tmp

pass() { echo "PASS $1"; }
fail() {
	echo "FAIL $1: $2"
	# The evidence, indented so that no line of it reads as a verdict.
	sed 's/^/    | /' $tmp/out $tmp/err 2>/dev/null | tail -n 15
}

# run NAME CMD...: run a command with stdout in $tmp/out, stderr in
# $tmp/err; sets rc and prints how long it took (emulated seconds).
run() {
	name=$1
	shift
	t0=$(date +%s)
	"$@" >$tmp/out 2>$tmp/err
	rc=$?
	echo "hwvirt: $name: exit $rc after $(($(date +%s) - t0)) s"
}

# has FILE LINE-REGEX: the file has a matching line.
has() { grep -q -e "$2" "$1"; }

# --- The host's KVM: the emulator's VMX or SVM, driven by kvm-intel/amd.
case $(grep -m1 '^vendor_id' /proc/cpuinfo) in
*AuthenticAMD*) want=svm ;;
*GenuineIntel*) want=vmx ;;
*) want=unknown ;;
esac
run flavour $mv info
if [ $rc -eq 0 ] && has $tmp/out "^flavour $want\$"; then
	pass "flavour $want"
else
	fail "flavour $want" "minivm info does not say flavour $want"
fi

# --- The own guest kernel, through its two entries: the default one (the
# VMM enters at the kernel's fast ring-3 entry, with the guest state set up
# by the VMM) and the ring-0 entry (the kernel sets itself up). Both must
# run an unmodified program and the workload.
own_guest() {
	entry=$1
	shift
	run "$entry probe" $mv run --timeout 120 "$@" $probe one two
	if [ $rc -eq 3 ] && has $tmp/out '^argv\[1\] one$' && has $tmp/out '^argv\[2\] two$' &&
		has $tmp/out '^malloc 1048576 ok$' && has $tmp/out '^clock ok$' &&
		has $tmp/out '^uname minivm x86_64$' && has $tmp/out '^READY$'; then
		pass "$entry probe"
	else
		fail "$entry probe" "exit $rc (want 3) or a line missing"
	fi
	run "$entry noop" $mv run --timeout 120 "$@" build/workload noop
	if [ $rc -eq 0 ] && has $tmp/out '^READY'; then
		pass "$entry workload noop"
	else
		fail "$entry workload noop" "exit $rc (want 0) or no READY"
	fi
	run "$entry syscall" $mv run --timeout 120 "$@" build/workload syscall 1000
	if [ $rc -eq 0 ] && has $tmp/out '^ELAPSED [0-9]'; then
		pass "$entry workload syscall 1000"
	else
		fail "$entry workload syscall 1000" "exit $rc (want 0) or no ELAPSED"
	fi
}
own_guest default
own_guest ring0 --kernel $ring0

# --- Phases: the stamps minivm writes to --phases FD, in time order.
run phases sh -c "$mv run --timeout 120 --phases 3 build/workload noop 3>$tmp/phases"
missing=
for p in start kvm_opened vm_created memory_mapped vcpu_ready guest_entered program_exit \
	vm_destroyed; do
	has $tmp/phases "^$p [0-9]" || missing="$missing $p"
done
if [ $rc -eq 0 ] && [ -z "$missing" ] && sort -s -n -k2 $tmp/phases | cmp -s - $tmp/phases; then
	pass "phases"
else
	fail "phases" "exit $rc, missing:${missing:- none}, or stamps out of order: $(tr '\n' ' ' <$tmp/phases)"
fi

# --- Timeout: a spinning program is stopped with status 124.
run timeout $mv run --timeout 3 build/tests/minivm/spin
if [ $rc -eq 124 ] && has $tmp/err '^minivm: timeout'; then
	pass "timeout"
else
	fail "timeout" "exit $rc (want 124) or no timeout message"
fi

# --- A crash report: a NULL write faults in the guest; status 121, the
# message and the registers, never a hang.
run crash $mv run --timeout 120 build/tests/minivm/nullwrite
# The program ran up to its write, and the report names the page fault
# (a guest that never started would crash too, with another reason).
if [ $rc -eq 121 ] && has $tmp/out '^writing to NULL' && has $tmp/err '^minivm: guest crashed.*#PF' &&
	has $tmp/err 'rip=0x' && ! has $tmp/out '^no fault'; then
	pass "crash report"
else
	fail "crash report" "exit $rc (want 121), or no #PF report with registers after the write"
fi

# --- Linux: Debian's kernel as a bzImage, and the minimal kernel where it
# was built, to READY and status 0 (the initramfs's /init runs
# /bin/workload noop). Debian's vmlinux is booted by the harness below: a
# nested Linux boot costs about a minute of wall time under Bochs, so it is
# not booted twice.
for k in build/kernel/vmlinuz build/kernel-minimal/vmlinuz build/kernel-minimal/vmlinux; do
	[ -e $k ] || continue
	run "linux $k" $mv run --kernel $k --initrd build/initramfs.cpio --timeout 300 \
		/bin/workload noop
	if [ $rc -eq 0 ] && has $tmp/out '^READY'; then
		pass "linux $k"
	else
		fail "linux $k" "exit $rc (want 0) or no READY"
	fi
done

# --- The harness, quick, on the three backends that need no container
# runtime (the container's own tests need no hardware virtualization). KVM in here cannot know that its VMX/SVM is emulated: the
# tier passes the emulator's name on the kernel command line
# (hwvirt.emulator=), and VMBENCH_KVM_EMULATOR makes env.csv say
# kvm_flavour svm-emulated or vmx-emulated, so that these times are never
# compared with real ones (it also stretches the harness's time limits).
emulator=$(sed -n 's/.*hwvirt\.emulator=\([a-z0-9]*\).*/\1/p' /proc/cmdline)
# Start-up only, one sample per backend and no warm-up: each linuxvm
# sample is a Linux boot.
run bench env VMBENCH_KVM_EMULATOR="${emulator:-unknown}" build/bench --quick \
	--backends process,microvm,linuxvm --experiments startup --runs 1 --warmup 0 \
	--out $tmp/bench
if [ $rc -eq 0 ]; then
	pass "bench quick"
else
	fail "bench quick" "exit $rc"
fi
# The linuxvm backend boots build/kernel/vmlinux (it prefers it to the
# bzImage), and a start-up sample is recorded only when the instance said
# READY and exited with status 0: that is the vmlinux case.
if [ -e build/kernel/vmlinux ] && grep -q '^startup,linuxvm,noop,.*,startup,' $tmp/bench/samples.csv &&
	! grep -q '^fail\.linuxvm' $tmp/bench/env.csv; then
	pass "linux build/kernel/vmlinux"
else
	fail "linux build/kernel/vmlinux" "no start-up sample of linuxvm in the bench run"
fi
for f in env.csv summary.csv samples.csv phases.csv facts.csv; do
	[ -f $tmp/bench/$f ] || continue
	echo "=== hwvirt-file $f ==="
	cat $tmp/bench/$f
	echo "=== hwvirt-file-end ==="
done
