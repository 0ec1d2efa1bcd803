#!/usr/bin/env bash
# Run every test given on the command line (cmocka binaries and shell
# scripts) and print one closing line: "N passed, N failed, N skipped".
# A test that exits 77 is skipped (the automake convention); its last line
# of output says why. A test gets 300 s, or what a line "# run-tests:
# timeout SECONDS" in the script asks for (the emulated hardware tier).
set -u
pass=0 fail=0 skip=0 failed=()
for t in "$@"; do
	name=${t#./}
	log=$(mktemp)
	start=$EPOCHREALTIME
	if [ "${t##*.}" = sh ]; then
		limit=$(sed -n 's/^# run-tests: timeout \([0-9][0-9]*\)$/\1/p' "$t" | head -n 1)
		timeout "${limit:-300}" bash "$t" >"$log" 2>&1
	else
		timeout 300 "$t" >"$log" 2>&1
	fi
	rc=$?
	secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
	case $rc in
	0) pass=$((pass + 1)); echo "PASS  $name (${secs}s)" ;;
	77) skip=$((skip + 1)); echo "SKIP  $name: $(tail -n 1 "$log")" ;;
	*)
		fail=$((fail + 1)); failed+=("$name")
		echo "FAIL  $name (exit $rc)"
		sed 's/^/      | /' "$log" | tail -n 40
		;;
	esac
	rm -f "$log"
done
echo
[ ${#failed[@]} -gt 0 ] && echo "failed: ${failed[*]}"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
