# load.awk - read a run's CSV files into arrays for the report programs.
# Needs csv.awk. Files are told apart by name: env.csv, summary.csv,
# facts.csv, and phase-medians.csv (made by phases.awk). Unknown files are
# an error.
#
#   ENV[key]                 env.csv; SKIP[backend] = reason (skip.<backend>)
#   SUM[row, stat]           summary.csv; row = ex SUBSEP backend SUBSEP
#                            workload SUBSEP parameter SUBSEP n_parallel
#                            SUBSEP metric; stat = unit n min p50 ... stddev
#   ROW[1..NROW]             the rows in file order
#   FACT[backend, key]       facts.csv
#   PH[backend, i]           phase i (in order) "phase,diff_ns,at_ns"; NPH[backend]
#   SAMP[backend, i]         samples.csv, experiment startup, metric startup
#                            only (us); NSAMP[backend]
#   BL[1..NBL]               every backend named anywhere, in the fixed order
#                            process, container, runc, microvm, qemu-microvm,
#                            linuxvm, then any other by name

function ld_rank(b) {
	if (b == "process") return 1
	if (b == "container") return 2
	if (b == "runc") return 3
	if (b == "microvm") return 4
	if (b == "qemu-microvm") return 5
	if (b == "linuxvm") return 6
	return 7
}

# The colour of a backend, the same in every plot (scripts/README.md).
function ld_colour(b) {
	if (b == "process") return "#4d4d4d"
	if (b == "container") return "#1f77b4"
	if (b == "microvm") return "#2ca02c"
	if (b == "linuxvm") return "#d62728"
	if (b == "runc") return "#9467bd"
	if (b == "qemu-microvm") return "#ff7f0e"
	return "#8c564b"
}

function ld_backend(b) {
	if (b != "" && !(b in LD_SEEN)) {
		LD_SEEN[b] = 1
		LD_ALL[++LD_N] = b
	}
}

# BL: LD_ALL sorted by ld_rank, then by name.
function ld_order(    i, j, b, k) {
	for (i = 1; i <= LD_N; i++)
		BL[i] = LD_ALL[i]
	NBL = LD_N
	for (i = 2; i <= NBL; i++) {
		b = BL[i]
		k = sprintf("%d %s", ld_rank(b), b)
		for (j = i - 1; j >= 1 && sprintf("%d %s", ld_rank(BL[j]), BL[j]) > k; j--)
			BL[j + 1] = BL[j]
		BL[j + 1] = b
	}
}

FNR == 1 {
	LD_FILE = csv_base(FILENAME)
	n = csv_split($0, f)
	if (LD_FILE == "env.csv")
		ok = csv_header(LD_FILE, f, n, COL, "key value")
	else if (LD_FILE == "summary.csv")
		ok = csv_header(LD_FILE, f, n, COL, "experiment backend workload parameter n_parallel metric unit n min p50 p95 p99 max mean stddev")
	else if (LD_FILE == "facts.csv")
		ok = csv_header(LD_FILE, f, n, COL, "backend key value")
	else if (LD_FILE == "samples.csv")
		ok = csv_header(LD_FILE, f, n, COL, "experiment backend workload parameter n_parallel iteration metric unit value")
	else if (LD_FILE == "phase-medians.csv")
		ok = csv_header(LD_FILE, f, n, COL, "backend order phase diff_ns at_ns")
	else {
		print "report: unexpected input file " FILENAME > "/dev/stderr"
		ok = 0
	}
	if (!ok) {
		LD_BAD = 1
		exit 1
	}
	next
}

function ld_get(name) {
	return LD_F[COL[LD_FILE, name]]
}

{
	if (csv_split($0, LD_F) == 0)
		next
}

LD_FILE == "env.csv" {
	k = ld_get("key")
	ENV[k] = ld_get("value")
	if (k ~ /^skip\./) {
		b = substr(k, 6)
		SKIP[b] = ENV[k]
		ld_backend(b)
	} else
		ENVK[++NENV] = k
	next
}

LD_FILE == "summary.csv" {
	b = ld_get("backend")
	r = ld_get("experiment") SUBSEP b SUBSEP ld_get("workload") SUBSEP ld_get("parameter") SUBSEP ld_get("n_parallel") SUBSEP ld_get("metric")
	if (!((r, "unit") in SUM))
		ROW[++NROW] = r
	split("unit n min p50 p95 p99 max mean stddev", LD_S, " ")
	for (i = 1; i <= 9; i++)
		SUM[r, LD_S[i]] = ld_get(LD_S[i])
	ld_backend(b)
	next
}

LD_FILE == "facts.csv" {
	b = ld_get("backend")
	FACT[b, ld_get("key")] = ld_get("value")
	ld_backend(b)
	next
}

LD_FILE == "phase-medians.csv" {
	b = ld_get("backend")
	PH[b, ++NPH[b]] = ld_get("phase") "," ld_get("diff_ns") "," ld_get("at_ns")
	ld_backend(b)
	next
}

LD_FILE == "samples.csv" {
	if (ld_get("experiment") != "startup" || ld_get("metric") != "startup" || !st_isnum(ld_get("value")))
		next
	b = ld_get("backend")
	SAMP[b, ++NSAMP[b]] = ld_get("value") + 0
	ld_backend(b)
	next
}
