# Sourced by the minivm integration tests (not a test itself: not *.sh).
# Runs from the repository root; build/ must be built (make build).
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../../.." || exit 1

MINIVM=build/minivm
PROGS=build/tests/minivm
TINYGUEST=$PROGS/tinyguest.elf
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fail() {
	echo "FAIL: $*"
	exit 1
}

# Skip (exit 77, reason last) when this machine cannot run a VM.
need_kvm() {
	if [ ! -c /dev/kvm ]; then
		echo "skip: /dev/kvm is absent"
		exit 77
	fi
	if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
		echo "skip: no permission to use /dev/kvm (run as root)"
		exit 77
	fi
}

# run_vm OUT ERR ARGS...: minivm with a hang guard; sets $rc.
run_vm() {
	local out=$1 err=$2
	shift 2
	timeout 60 "$MINIVM" "$@" >"$out" 2>"$err"
	rc=$?
	# 124 from timeout(1) itself, not from minivm's --timeout: a hang.
	if [ "$rc" -eq 124 ] && ! grep -q "^minivm: timeout" "$err"; then
		fail "minivm hung (killed by timeout(1)): $*"
	fi
	return 0
}

expect_rc() {
	[ "$rc" -eq "$1" ] || {
		echo "--- stdout"; cat "$WORK/out" 2>/dev/null
		echo "--- stderr"; cat "$WORK/err" 2>/dev/null
		fail "$2: exit status $rc, want $1"
	}
}
