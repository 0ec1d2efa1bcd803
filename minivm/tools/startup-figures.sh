#!/usr/bin/env bash
# startup-figures.sh [RUNS] - the start-up figures of minivm on this host, in
# one run: p50 of a plain static musl noop, the raw KVM floor (build/kvm-floor,
# and the same with an in-kernel LAPIC as minivm's own guest has one:
# --lapic) and minivm running the same noop (build/abtime: whole lifetime of
# each command, the four interleaved round by round, with the paired ratio
# to the plain floor), then minivm's own phases over RUNS runs (p50 of each
# step, and the VM teardown: vm_destroyed - program_exit). Needs `make`
# first, root and /dev/kvm. Figures from a busy machine are noisy: say so.
# Another VM alive on the host changes the floor (kvm-floor.c says why):
# the script names any process holding a VM.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-100}
noop=build/tests/minivm/ready
# Processes holding a KVM VM fd ("anon_inode:kvm-vm"), other than ours.
other_vms() {
	local fd p
	for fd in /proc/[0-9]*/fd/*; do
		if [ "$(readlink "$fd" 2>/dev/null)" = "anon_inode:kvm-vm" ]; then
			p=${fd%/fd/*}
			printf '%s(%s) ' "${p#/proc/}" "$(cat "$p/comm" 2>/dev/null)"
		fi
	done
}
echo "other VMs on the host: $(other_vms)"
build/abtime --runs "$runs" --warmup 10 build/kvm-floor 'build/kvm-floor --lapic' "$noop" \
	"build/minivm run $noop"
echo "other VMs on the host: $(other_vms)"

# Phases: each run writes "name ns" lines on fd 3; print the step times.
for _ in $(seq "$runs"); do
	build/minivm run --phases 3 "$noop" 3>&1 >/dev/null
	echo end
done | awk '
	$1 == "end" { n++; next }
	$1 == "start" { prev = $2; t0 = $2; next }
	{ d[$1, n] = ($2 - prev) / 1000; prev = $2; if ($1 == "program_exit") px = $2
	  if ($1 == "vm_destroyed") td[n] = ($2 - px) / 1000; if ($1 == "program_exit") tot[n] = ($2 - t0) / 1000 }
	END {
		split("kvm_opened vm_created memory_mapped vcpu_ready guest_entered first_syscall program_exit vm_destroyed", k, " ")
		for (i = 1; i <= 8; i++) { for (j = 0; j < n; j++) v[j] = d[k[i], j]; printf "%s +%d us\n", k[i], median(v, n) }
		for (j = 0; j < n; j++) v[j] = tot[j]; printf "start to program_exit %d us\n", median(v, n)
		for (j = 0; j < n; j++) v[j] = td[j]; printf "teardown (vm_destroyed - program_exit) %d us\n", median(v, n)
	}
	function median(a, m,   i, j, t) {
		for (i = 0; i < m; i++) for (j = i + 1; j < m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return a[int(m / 2)]
	}'
echo "(p50 over $runs runs; $(uptime | sed 's/.*load/load/'))"
