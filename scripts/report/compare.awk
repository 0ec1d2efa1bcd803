# compare.awk - compare two runs by their ratios to the process baseline
# of the same run. Reads BASE/env.csv BASE/summary.csv NEW/env.csv
# NEW/summary.csv, in that order. Needs csv.awk and stats.awk.
# Variables: threshold (a ratio that grows by more than this factor is a
# regression), all (1: every metric, not only the headline ones), stat
# (the summary column compared for times: p50 by default; min is steadier
# on a machine with bursts of other work, since noise only ever adds time).
#
# For each summary row of a backend other than the process, ratio = its
# p50 / the process's p50 in the same run (same experiment, workload,
# parameter, n_parallel, metric). change = new ratio / base ratio. A row is
# WORSE when change > threshold AND the backend's new p50 exceeds what the
# base ratio predicts by more than an absolute floor (1024 KiB, 200 us,
# 100000 ns, 1 count): a ratio of two small, noisy figures may double
# without anything having changed. Density rows are compared at the largest
# N both runs reached only. Exit status: 1 when a row is WORSE, else 0.

BEGIN {
	if (threshold == "")
		threshold = 2.0
	if (stat == "")
		stat = "p50"
	# The headline figures; the others (lifetime, teardown, uss, rss, ...)
	# with all=1.
	HEAD["startup", "startup"] = 1
	HEAD["memory", "pss"] = 1
	HEAD["memory", "cgroup"] = 1
	HEAD["memory", "system"] = 1
	HEAD["density", "startup"] = 1
	HEAD["density", "system"] = 1
	HEAD["overhead", "elapsed"] = 1
	FLOOR["KiB"] = 1024 # MemAvailable moves by about a MiB on its own
	FLOOR["us"] = 200
	FLOOR["ns"] = 100000
	FLOOR["count"] = 1
}

FNR == 1 {
	fileno++
	run = fileno <= 2 ? 1 : 2
	name = csv_base(FILENAME)
	n = csv_split($0, f)
	if (name == "env.csv")
		ok = csv_header(fileno, f, n, COL, "key value")
	else
		ok = csv_header(fileno, f, n, COL, "experiment backend workload parameter n_parallel metric unit " stat)
	if (!ok) {
		bad = 1
		exit 2
	}
	next
}

function g(k) {
	return f[COL[fileno, k]]
}

{
	if (csv_split($0, f) == 0)
		next
}

name == "env.csv" {
	ENV[run, g("key")] = g("value")
	next
}

{
	ex = g("experiment")
	m = g("metric")
	if (!all && !((ex, m) in HEAD))
		next
	# A quick run reads MemAvailable over a batch of only a few instances:
	# its per-instance "system" figure is noise of several MiB either way
	# (measured: 3x swings between identical quick runs), so it is left out.
	if (ex == "memory" && m == "system" && ENV[run, "quick"] == "yes")
		next
	# --stat min applies to times; memory figures always compare p50.
	col = (stat == "min" && g("unit") == "KiB") ? "p50" : stat
	if (!st_isnum(g(col)))
		next
	k = ex SUBSEP g("workload") SUBSEP g("parameter") SUBSEP g("n_parallel") SUBSEP m
	P50[run, g("backend"), k] = g(col) + 0
	UNIT[k] = g("unit")
	if (!((k, g("backend")) in SEEN)) {
		SEEN[k, g("backend")] = 1
		KEYS[++NK] = k SUBSEP g("backend")
	}
	if (ex == "density" && g("n_parallel") + 0 > MAXN[run, g("backend")])
		MAXN[run, g("backend")] = g("n_parallel") + 0
}

# The ratio of backend b's p50 to the process's in run r; "" if either is
# missing or the process's is not positive.
function ratio(r, b, k) {
	if (!((r, b, k) in P50) || !((r, "process", k) in P50) || P50[r, "process", k] <= 0)
		return ""
	return P50[r, b, k] / P50[r, "process", k]
}

END {
	if (bad)
		exit 2
	printf "base: %s (%s, kvm %s, quick %s, commit %.12s)\n", BASE, ENV[1, "host"], ENV[1, "kvm_flavour"], ENV[1, "quick"], ENV[1, "git_commit"]
	printf "new:  %s (%s, kvm %s, quick %s, commit %.12s)\n", NEW, ENV[2, "host"], ENV[2, "kvm_flavour"], ENV[2, "quick"], ENV[2, "git_commit"]
	if (ENV[1, "host"] ~ /^fixture/)
		print "note: the base is a hand-made fixture, not a measurement: changes below say little until a real baseline is committed"
	if (ENV[1, "kvm_flavour"] != ENV[2, "kvm_flavour"])
		printf "note: different KVM flavours (%s vs %s): VM ratios are not comparable across them\n", ENV[1, "kvm_flavour"], ENV[2, "kvm_flavour"]
	printf "threshold: a ratio to the process may grow %.2fx before it counts as a regression\n\n", threshold
	printf "%-44s %-13s %11s %11s %8s  %s\n", "metric (experiment/workload/parameter/N/metric)", "backend", "base ratio", "new ratio", "change", "status"
	worse = better = same = only = 0
	for (i = 1; i <= NK; i++) {
		split(KEYS[i], p, SUBSEP)
		b = p[6]
		if (b == "process")
			continue
		k = p[1] SUBSEP p[2] SUBSEP p[3] SUBSEP p[4] SUBSEP p[5]
		if (p[1] == "density") {
			nb = MAXN[1, b] < MAXN[2, b] ? MAXN[1, b] : MAXN[2, b]
			if (p[4] + 0 != nb)
				continue
		}
		r1 = ratio(1, b, k)
		r2 = ratio(2, b, k)
		label = p[1] "/" p[2] "/" p[3] "/" p[4] "/" p[5]
		if (r1 == "" || r2 == "") {
			only++
			ONLY[only] = sprintf("%s %s (%s)", label, b, r1 == "" ? "not in base" : "not in new")
			continue
		}
		change = r2 / r1
		excess = P50[2, b, k] - r1 * P50[2, "process", k]
		if (change > threshold && excess > FLOOR[UNIT[k]] + 0) {
			st = "WORSE"
			worse++
		} else if (change < 1 / threshold) {
			st = "better"
			better++
		} else {
			st = "ok"
			same++
		}
		printf "%-44s %-13s %11s %11s %7sx  %s\n", label, b, st_fmt(r1), st_fmt(r2), st_fmt(change), st
	}
	if (only > 0) {
		printf "\nnot compared (in one run only): %d\n", only
		for (i = 1; i <= only && i <= 20; i++)
			print "  " ONLY[i]
		if (only > 20)
			printf "  ... and %d more\n", only - 20
	}
	printf "\n%d compared: %d ok, %d better, %d worse\n", worse + better + same, same, better, worse
	if (worse + better + same == 0)
		print "note: nothing in common to compare (different backends or experiments)"
	exit worse > 0 ? 1 : 0
}
