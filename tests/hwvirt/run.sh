#!/usr/bin/env bash
# The hardware-virtualization tier, one mechanism for two emulators:
#
#   tests/hwvirt/run.sh qemu    AMD SVM, emulated by QEMU's TCG (kvm-amd in L1)
#   tests/hwvirt/run.sh bochs   Intel VMX, emulated by Bochs (kvm-intel in L1)
#
# Both boot the same L1 guest (Debian's cloud kernel and the initramfs of
# tests/hwvirt/mkimage.sh), whose /init loads KVM and runs
# tests/hwvirt/l1-tests.sh; only the launcher differs. The L1 console is a
# serial port written to a file; this script reads the verdict lines and
# the harness's CSV files out of it and checks them. Exit 0 when every case
# passed, 1 when one failed or the run did not finish, 77 (skip, reason
# last) when the emulator or a file it needs is missing.
#
# The emulator gets a wall-clock limit (HWVIRT_TIMEOUT seconds; default
# 300 for QEMU, 540 for the slower Bochs, under what the two test scripts
# ask scripts/run-tests.sh for) and is always killed at the end, with every process it started, even when this
# script is interrupted. Logs and the bench CSVs stay in build/hwvirt/<tier>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
emu=${1:-}
case $emu in
qemu) tier=svm wall=300 ;;
bochs) tier=vmx wall=540 ;;
*)
	echo "usage: $0 qemu|bochs" >&2
	exit 2
	;;
esac
limit=${HWVIRT_TIMEOUT:-$wall}
skip() {
	echo "$*"
	exit 77
}

# --- What this tier needs on the host (scripts/deps.sh hwvirt installs it).
if [ "$emu" = qemu ]; then
	command -v qemu-system-x86_64 >/dev/null ||
		skip "no qemu-system-x86_64 (scripts/deps.sh hwvirt, or apt-get install qemu-system-x86)"
else
	command -v bochs >/dev/null ||
		skip "no bochs (scripts/deps.sh hwvirt, or apt-get install bochs bochsbios bochs-term vgabios)"
	ls /usr/lib/*/bochs/plugins/libbx_term_gui.so* >/dev/null 2>&1 ||
		skip "no Bochs terminal display (apt-get install bochs-term)"
	command -v genisoimage >/dev/null || skip "no genisoimage (apt-get install genisoimage)"
	[ -e /usr/lib/ISOLINUX/isolinux.bin ] || skip "no isolinux.bin (apt-get install isolinux)"
	[ -e /usr/lib/syslinux/modules/bios/ldlinux.c32 ] ||
		skip "no ldlinux.c32 (apt-get install syslinux-common)"
	command -v script >/dev/null || skip "no script(1) (apt-get install bsdutils)"
fi
[ -x /bin/busybox ] || skip "no /bin/busybox (apt-get install busybox-static)"
if ! why=$(make --no-print-directory kernel 2>&1); then
	skip "cannot fetch Debian's kernel: make kernel: $(tail -n 1 <<<"$why")"
fi

dir=build/hwvirt/$tier
mkdir -p "$dir"
rm -f "$dir"/serial.log "$dir"/emulator.log "$dir"/*.csv
tests/hwvirt/mkimage.sh build/hwvirt/l1.cpio
kernel=build/kernel/vmlinuz
# quiet: kernel messages stay off the console the verdicts are read from.
# hwvirt.emulator: the tier's marker, for the harness's env.csv.
# 115200 baud: the default 9600 would make Bochs, which keeps to the
# rate, take seconds over the CSV files.
append="console=ttyS0,115200 quiet hwvirt.emulator=$emu"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hwvirt.XXXXXX")
pid=
# tree PID: PID and all its descendants, children first. script(1) starts
# Bochs in a session of its own (on its pseudo-terminal), so neither a
# process-group signal nor timeout(1) would reach it: walk the tree.
tree() {
	local c
	for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do tree "$c"; done
	echo "$1"
}
stop_emulator() {
	[ -n "$pid" ] || return 0
	local pids
	pids=$(tree "$pid")
	# Politely first (QEMU and Bochs close their files), then for sure.
	kill -TERM $pids 2>/dev/null || true
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		kill -0 $pids 2>/dev/null || break
		sleep 0.5
	done
	kill -KILL $pids 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	pid=
}
trap 'stop_emulator; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

log=$dir/serial.log
: >"$log"
if [ "$emu" = qemu ]; then
	# SVM with nested paging comes with the EPYC model; TCG needs no KVM.
	qemu-system-x86_64 -accel tcg -cpu EPYC -smp 1 -m 1024 \
		-nographic -no-reboot -monitor none -serial "file:$log" \
		-kernel "$kernel" -initrd build/hwvirt/l1.cpio -append "$append" \
		</dev/null >"$dir/emulator.log" 2>&1 &
	pid=$!
else
	# Bochs has no -kernel: isolinux on a CD loads kernel and initramfs.
	mkdir -p "$tmp/iso/isolinux"
	cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 "$tmp/iso/isolinux/"
	cp "$kernel" "$tmp/iso/vmlinuz"
	cp build/hwvirt/l1.cpio "$tmp/iso/l1.cpio"
	printf 'DEFAULT l1\nPROMPT 0\nTIMEOUT 0\nLABEL l1\n  KERNEL /vmlinuz\n  INITRD /l1.cpio\n  APPEND %s\n' \
		"$append" >"$tmp/iso/isolinux/isolinux.cfg"
	genisoimage -quiet -o "$tmp/l1.iso" -b isolinux/isolinux.bin -c isolinux/boot.cat \
		-no-emul-boot -boot-load-size 4 -boot-info-table -R "$tmp/iso"
	# corei7_haswell_4770 has VMX with EPT. Debian's Bochs has no headless
	# display: the terminal one, on the pseudo-terminal of script(1); its
	# built-in debugger stops at start until told to continue (the c in
	# the command file); without a sound driver and speaker it aborts.
	cat >"$tmp/bochsrc" <<-RC
		cpu: model=corei7_haswell_4770, ips=200000000
		memory: guest=1024, host=1024
		romimage: file=/usr/share/bochs/BIOS-bochs-latest
		vgaromimage: file=/usr/share/vgabios/vgabios.bin
		ata0-master: type=cdrom, path=$tmp/l1.iso, status=inserted
		boot: cdrom
		com1: enabled=1, mode=file, dev=$PWD/$log
		display_library: term
		speaker: enabled=0
		sound: driver=dummy
		log: $PWD/$dir/emulator.log
		# Bochs logs every unknown MSR the L1 kernel probes: megabytes.
		error: action=ignore
		info: action=ignore
	RC
	echo c >"$tmp/cmds"
	script -qfc "bochs -q -f $tmp/bochsrc -rc $tmp/cmds" /dev/null \
		</dev/null >/dev/null 2>&1 &
	pid=$!
fi

# Wait for the end marker, the emulator's end or the wall-clock limit;
# then the emulator is stopped whatever state it is in.
start=$SECONDS
while kill -0 "$pid" 2>/dev/null && ! grep -q '^=== hwvirt-end ===' "$log" &&
	[ $((SECONDS - start)) -lt "$limit" ]; do
	sleep 1
done
wall=$((SECONDS - start))
stop_emulator
tr -d '\r' <"$log" >"$tmp/console"

# --- The verdicts.
grep '^\(PASS\|FAIL\) ' "$tmp/console" >"$tmp/verdicts" || true
cat "$tmp/verdicts"
# The CSV files, from between their markers.
for f in env.csv summary.csv samples.csv phases.csv facts.csv; do
	awk -v f="$f" '$0 == "=== hwvirt-file " f " ===" { on = 1; next }
		on && $0 == "=== hwvirt-file-end ===" { exit }
		on { print }' "$tmp/console" >"$dir/$f"
done

bad=0
problem() {
	echo "FAIL $tier: $*"
	bad=1
}
if ! grep -q '^=== hwvirt-end ===' "$tmp/console"; then
	if [ "$wall" -ge "$limit" ]; then
		problem "the run did not finish within $limit s (console: $log)"
	else
		problem "the emulator ended after $wall s, before the end marker (console: $log)"
	fi
fi
grep -q '^FAIL ' "$tmp/verdicts" && problem "$(grep -c '^FAIL ' "$tmp/verdicts") case(s) failed (console: $log)"
# Every case must have reported: a case that never ran is no pass.
for c in "flavour $tier" "default probe" "default workload noop" "default workload syscall 1000" \
	"ring0 probe" "ring0 workload noop" "ring0 workload syscall 1000" phases timeout \
	"crash report" "linux build/kernel/vmlinuz" "linux build/kernel/vmlinux" "bench quick"; do
	grep -qxF "PASS $c" "$tmp/verdicts" || grep -q "^FAIL $c:" "$tmp/verdicts" ||
		problem "case '$c' did not report"
done
# The harness's files, checked out here: the run is marked emulated,
# finished, with no failed or dropped sample, and every backend measured.
envv() { awk -F, -v k="$1" '$1 == k { print $2 }' "$dir/env.csv"; }
if [ -s "$dir/env.csv" ]; then
	[ "$(envv kvm_flavour)" = "$tier-emulated" ] ||
		problem "env.csv: kvm_flavour '$(envv kvm_flavour)', want $tier-emulated"
	[ "$(envv interrupted)" = no ] || problem "env.csv: the bench run was interrupted"
	if grep -q '^\(fail\|cut\|skip\)\.' "$dir/env.csv"; then
		problem "env.csv: $(grep '^\(fail\|cut\|skip\)\.' "$dir/env.csv" | tr '\n' ' ')"
	fi
	for b in process microvm linuxvm; do
		awk -F, -v b="$b" '$1 == "startup" && $2 == b && $7 == "startup"' "$dir/samples.csv" |
			grep -q . || problem "samples.csv: no startup sample of $b"
	done
	# Both cold VMs are build/minivm, exec'd by the forked harness, so
	# that their memory holds none of the harness's pages: the harness
	# stamps exec just before the execve, minivm stamps start once running.
	for b in microvm linuxvm; do
		awk -F, -v b="$b" '$1 == "startup" && $2 == b && $5 == "exec" { e = $6 }
			$1 == "startup" && $2 == b && $5 == "start" { s = $6 }
			END { exit !(e != "" && s != "" && e + 0 < s + 0) }' "$dir/phases.csv" ||
			problem "phases.csv: $b has no exec phase before minivm's start (the VMM was not exec'd)"
	done
else
	problem "no env.csv came back from the bench run"
fi
echo "$tier ($emu): $(grep -c '^PASS ' "$tmp/verdicts") passed, $(grep -c '^FAIL ' "$tmp/verdicts") failed; wall time $SECONDS s, of which the emulator $wall s; console $log"
exit $bad
