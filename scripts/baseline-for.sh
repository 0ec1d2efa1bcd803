#!/usr/bin/env bash
# The committed baseline a run may be compared with: the one measured on
# the same kind of host. Times from one kind of host say nothing about
# another (an Intel PVM host makes a microVM's system calls about 7x
# dearer than an AMD one), so each kind has its own baseline:
#
#   results/baselines/<vendor>-<flavour>/   e.g. amd-pvm, intel-pvm, amd-svm
#
# <vendor> is amd or intel (env.csv's cpu_vendor if the run has one, else
# read from its cpu_model), <flavour> env.csv's kvm_flavour.
#
#   scripts/baseline-for.sh RUN_DIR          print the baseline's folder
#   scripts/baseline-for.sh --kind RUN_DIR   print the run's kind only
#
# Exit 0 with the folder on stdout; 3 when no baseline of that kind is
# committed (the reason on stderr); 2 on bad input.
set -euo pipefail
cd "$(dirname "$0")/.." # results/baselines is relative to the repository

kind_only=0
case "${1:-}" in
-h | --help)
	sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
	;;
--kind)
	kind_only=1
	shift
	;;
esac
if [ $# -ne 1 ]; then
	echo "baseline-for: give one run directory (see --help)" >&2
	exit 2
fi
run=$1
case "$run" in /*) ;; *) run="$OLDPWD/$run" ;; esac
env="$run/env.csv"
if [ ! -r "$env" ]; then
	echo "baseline-for: $1/env.csv: no such file (is $1 a run directory?)" >&2
	exit 2
fi

# value KEY: the value of KEY in env.csv (key,value; quotes removed).
value() {
	awk -F, -v k="$1" '$1 == k { sub(/^[^,]*,/, ""); gsub(/"/, ""); print; exit }' "$env"
}

vendor=$(value cpu_vendor)
[ -n "$vendor" ] || vendor=$(value cpu_model)
case "$vendor" in
*AMD* | *[Ee][Pp][Yy][Cc]* | *Ryzen*) vendor=amd ;;
*Intel* | *[Xx]eon* | *Core*) vendor=intel ;;
*)
	echo "baseline-for: $1: CPU vendor not recognised (cpu_model '$(value cpu_model)')" >&2
	exit 3
	;;
esac
flavour=$(value kvm_flavour)
if [ -z "$flavour" ]; then
	echo "baseline-for: $1/env.csv has no kvm_flavour" >&2
	exit 2
fi
kind="$vendor-$flavour"
if [ "$kind_only" = 1 ]; then
	echo "$kind"
	exit 0
fi
if [ ! -r "results/baselines/$kind/summary.csv" ]; then
	echo "baseline-for: no baseline for this kind of host ($kind) in results/baselines/" \
		"(committed: $(ls results/baselines 2>/dev/null | grep -v '\.md$' | tr '\n' ' '))" >&2
	exit 3
fi
echo "results/baselines/$kind"
