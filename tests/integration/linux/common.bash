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

# boot_to_banner DEADLINE RUN-ARGS...: `minivm run RUN-ARGS` with the console
# and earlyprintk on, output in $tmp/out, $tmp/err and $tmp/phases; wait
# until the "Linux version" banner arrives (at most DEADLINE seconds), then
# stop the VM with SIGTERM. Sets pid while it runs (for the caller's
# cleanup trap), took (seconds to the banner) and rc (minivm's status).
# Fails the test when minivm ends or the deadline passes before the banner.
boot_to_banner() {
	local deadline=$1 start
	shift
	build/minivm run "$@" --force --console --append earlyprintk=serial \
		--mem 128 --timeout $((deadline + 30)) --phases 3 \
		>"$tmp/out" 2>"$tmp/err" 3>"$tmp/phases" &
	pid=$!
	start=$SECONDS
	until grep -q 'Linux version' "$tmp/out"; do
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "FAIL: minivm ended before the banner: $(cat "$tmp/err")"
			tail -n 5 "$tmp/out"
			exit 1
		fi
		if [ $((SECONDS - start)) -ge "$deadline" ]; then
			echo "FAIL: no banner within $deadline s: $(cat "$tmp/err")"
			exit 1
		fi
		sleep 0.5
	done
	took=$((SECONDS - start))
	sleep 1 # let the lines printed with the banner arrive
	rc=0
	kill -TERM "$pid" 2>/dev/null
	wait "$pid" || rc=$?
	pid=
}

# check_boot_output: what every banner test checks after boot_to_banner:
# the kernel echoes our command line, and the phases were stamped; prints
# the time from guest entry to the banner.
check_boot_output() {
	if grep -q 'Command line:' "$tmp/out"; then
		grep -q 'Command line: .*reboot=t.*console=ttyS0 earlyprintk=serial' "$tmp/out" ||
			{ echo "FAIL: command line: $(grep 'Command line:' "$tmp/out")"; exit 1; }
	fi
	grep -q '^first_output ' "$tmp/phases" || { echo "FAIL: no first_output phase"; exit 1; }
	grep -q '^vm_destroyed ' "$tmp/phases" || { echo "FAIL: no vm_destroyed phase"; exit 1; }
	awk '$1 == "guest_entered" { g = $2 } $1 == "first_output" { f = $2 }
		END { printf "banner: %.2f s after guest entry\n", (f - g) / 1e9 }' "$tmp/phases"
}
