#!/usr/bin/env bash
# The command's own errors: usage (125), programs it cannot load (126).
# Checked before KVM is opened, so no /dev/kvm is needed.
. "$(dirname "$0")/common.bash"

timeout 10 "$MINIVM" --help >"$WORK/out" 2>&1
rc=$?
expect_rc 0 "--help"
grep -q "^usage: minivm run" "$WORK/out" || fail "--help prints no usage"

# No arguments: the whole usage on stderr, nothing on stdout, exit 2 (as
# minictr).
timeout 10 "$MINIVM" >"$WORK/out" 2>"$WORK/err"
rc=$?
expect_rc 2 "minivm with no arguments"
grep -q "^usage: minivm run" "$WORK/err" || fail "minivm with no arguments prints no usage"
[ -s "$WORK/out" ] && fail "minivm with no arguments wrote on stdout"

for args in "bogus" "run" "run --mem" "run --mem 7 x" "run --mem 1.5 $PROGS/argv" \
	"run --timeout -1 $PROGS/argv" "run --phases x $PROGS/argv" "run --phases 9 $PROGS/argv" "run --nope $PROGS/argv" \
	"info extra"; do
	# shellcheck disable=SC2086 # word splitting wanted
	run_vm "$WORK/out" "$WORK/err" $args
	expect_rc 125 "minivm $args"
	[ "$(wc -l <"$WORK/err")" -eq 1 ] || { cat "$WORK/err"; fail "minivm $args: want one line"; }
done

# Not loadable: missing, not ELF, dynamically linked, a directory.
printf 'just text\n' >"$WORK/text"
for prog in /nonexistent/prog "$WORK/text" /bin/true /; do
	run_vm "$WORK/out" "$WORK/err" run "$prog"
	expect_rc 126 "run $prog"
	[ "$(wc -l <"$WORK/err")" -eq 1 ] || { cat "$WORK/err"; fail "run $prog: want one line"; }
done
run_vm "$WORK/out" "$WORK/err" run /bin/true
grep -q "dynamically linked" "$WORK/err" || fail "/bin/true not reported as dynamic: $(cat "$WORK/err")"
echo "ok: usage errors 125, unloadable programs 126"
