# common.bash - sourced by the guest kernel's integration tests (*.sh here):
# run a test program from build/tests/programs under build/minivm.
set -u
MINIVM=${MINIVM:-build/minivm} # override to test another VMM build
PROGS=build/tests/programs
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

skip() {
	echo "$1"
	exit 77
}

fail() {
	echo "FAIL: $*"
	exit 1
}

[ -x "$MINIVM" ] || skip "build/minivm is not built"
[ -e /dev/kvm ] || skip "no /dev/kvm on this machine"
{ [ -r /dev/kvm ] && [ -w /dev/kvm ]; } || skip "no permission to use /dev/kvm"

# guest NAME ARGS...: run build/tests/programs/guest-NAME in a microVM.
guest() {
	local name=$1
	shift
	"$MINIVM" run --timeout 30 "$PROGS/guest-$name" "$@"
}
