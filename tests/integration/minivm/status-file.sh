#!/usr/bin/env bash
# --status-file tells minivm's own statuses from a program's: a program that
# exits 124 and a run stopped by --timeout both end with 124, and only the
# file says which ("by program" / "by minivm", and why). It appears whole
# (written under a temporary name, then renamed), on both the own-guest and
# the Linux path, and an unusable PATH is refused before the run.
. "$(dirname "$0")/common.bash"
mkdir "$WORK/st"
sf=$WORK/st/status

# expect_file STATUS BY REASON: the file's three lines, and nothing else
# left in its folder.
expect_file() {
	printf 'status %s\nby %s\nreason %s\n' "$1" "$2" "$3" >"$WORK/want"
	[ -f "$sf" ] || fail "no status file (want status $1 by $2)"
	cmp -s "$sf" "$WORK/want" || fail "status file: $(cat "$sf"), want: $(cat "$WORK/want")"
	[ "$(ls -A "$WORK/st")" = status ] || fail "left in the folder: $(ls -A "$WORK/st")"
	rm -f "$sf"
}

# Not loadable (no KVM needed): minivm's 126, on both paths.
printf 'just text\n' >"$WORK/text"
run_vm "$WORK/out" "$WORK/err" run --status-file "$sf" "$WORK/text"
expect_rc 126 "run a text file"
expect_file 126 minivm noexec
if [ -s build/kernel/vmlinuz ]; then
	cp build/kernel/vmlinuz "$WORK/pref"
	printf '\xff\xff\xff\xff\xff\xff\xff\xff' |
		dd of="$WORK/pref" bs=1 seek=$((0x258)) conv=notrunc status=none
	run_vm "$WORK/out" "$WORK/err" run --kernel "$WORK/pref" --force --status-file "$sf"
	expect_rc 126 "Linux path, corrupt pref_address"
	expect_file 126 minivm noexec
fi

# A folder that is not there: refused at once (125), nothing written.
run_vm "$WORK/out" "$WORK/err" run --status-file "$WORK/none/status" "$WORK/text"
expect_rc 125 "--status-file in a missing folder"
grep -q -- "--status-file" "$WORK/err" || fail "no message: $(cat "$WORK/err")"
[ ! -e "$WORK/none" ] || fail "the missing folder was made"
run_vm "$WORK/out" "$WORK/err" info --status-file "$sf"
expect_rc 125 "info --status-file"

need_kvm
# The same number, 124, from the program and from minivm's --timeout.
# (run_vm takes a 124 without minivm's timeout line for timeout(1)'s: the
# very ambiguity at hand; a hang here ends with SIGKILL, 137.)
rc=0
timeout -s KILL 60 "$MINIVM" run --status-file "$sf" build/tests/linux/hello 124 \
	>"$WORK/out" 2>"$WORK/err" || rc=$?
expect_rc 124 "a program that exits 124"
expect_file 124 program exit
run_vm "$WORK/out" "$WORK/err" run --timeout 0.3 --status-file "$sf" "$PROGS/spin"
expect_rc 124 "--timeout 0.3"
expect_file 124 minivm timeout
# 126 from the program, and an old file replaced.
echo stale >"$sf"
run_vm "$WORK/out" "$WORK/err" run --status-file "$sf" build/tests/linux/hello 126
expect_rc 126 "a program that exits 126"
expect_file 126 program exit
echo "ok: --status-file tells a program's 124 and 126 from minivm's"
