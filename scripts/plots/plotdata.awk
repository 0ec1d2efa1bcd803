# plotdata.awk - turn a run's CSVs into the small data files the gnuplot
# scripts plot, one per plot, in the directory `work` (-v work=DIR), and
# work/vars.gp with the backend names and colours as gnuplot arrays.
# Prints the names of the plots that have data ("startup memory ...").
# Needs csv.awk, stats.awk, load.awk, lookup.awk (scripts/report/).
# Times go to the plots in ms, memory in MiB.

function gq(s) { # a gnuplot single-quoted string
	gsub(/'/, "''", s)
	return "'" s "'"
}

# Array NAME of the backends in list L[1..n], and NAME_colour.
function garray(name, L, n,    i) {
	printf "array %s[%d]\narray %s_colour[%d]\n", name, (n > 0 ? n : 1), name, (n > 0 ? n : 1) > VARS
	for (i = 1; i <= n; i++)
		printf "%s[%d] = %s\n%s_colour[%d] = %s\n", name, i, gq(L[i]), name, i, gq(ld_colour(L[i])) > VARS
	printf "%s_n = %d\n", name, n > VARS
}

function rnd() { # fixed-seed jitter: the same plot from the same CSVs
	SEED = (SEED * 1103515245 + 12345) % 2147483648
	return SEED / 2147483648
}

# Start-up distribution: one block per backend: x, jittered x, ms.
function startup(    i, b, n, j, L, f) {
	f = work "/startup.dat"
	n = 0
	for (i = 1; i <= NBL; i++) {
		b = BL[i]
		if (NSAMP[b] < 1)
			continue
		L[++n] = b
		for (j = 1; j <= NSAMP[b]; j++)
			printf "%d %.4f %.6g\n", n, n + (rnd() - 0.5) * 0.36, SAMP[b, j] / 1000 > f
		printf "\n\n" > f
	}
	garray("st", L, n)
	if (n > 0) {
		close(f)
		MADE = MADE " startup"
	}
}

# Mix hex colour c with white: t = 0 the colour, t = 1 white.
function lighten(c, t,    r, g, b) {
	r = hex(substr(c, 2, 2))
	g = hex(substr(c, 4, 2))
	b = hex(substr(c, 6, 2))
	return sprintf("#%02x%02x%02x", r + (255 - r) * t, g + (255 - g) * t, b + (255 - b) * t)
}

function hex(s,    i, v) {
	v = 0
	s = tolower(s)
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return v
}

# Phases: one row per segment: x, from ms, to ms, phase name; arrays of
# titles and colours (the backend's colour in three shades, in turn, so
# that two phases next to each other always differ); lab_min: segments at
# least this tall (4% of the tallest bar) get their name beside them.
function phases(    i, b, j, n, L, k, f, p, y0, m, top) {
	f = work "/phases.dat"
	n = k = 0
	for (i = 1; i <= NBL; i++) {
		b = BL[i]
		m = NPH[b]
		if (m < 1)
			continue
		L[++n] = b
		y0 = 0
		for (j = 1; j <= m; j++) {
			split(PH[b, j], p, ",")
			k++
			printf "%d %.6g %.6g \"%s\"\n", n, y0, y0 + p[2] / 1e6, p[1] > f
			y0 += p[2] / 1e6
			SEGT[k] = b ": " p[1]
			SEGC[k] = lighten(ld_colour(b), (j % 3 == 1) ? 0.6 : (j % 3 == 2) ? 0.3 : 0)
		}
		if (y0 > top)
			top = y0
	}
	printf "lab_min = %.6g\n", 0.04 * top > VARS
	garray("ph", L, n)
	printf "array seg_title[%d]\narray seg_colour[%d]\nseg_n = %d\n", k ? k : 1, k ? k : 1, k > VARS
	for (j = 1; j <= k; j++)
		printf "seg_title[%d] = %s\nseg_colour[%d] = %s\n", j, gq(SEGT[j]), j, gq(SEGC[j]) > VARS
	if (k > 0) {
		close(f)
		MADE = MADE " phases"
	}
}

# Memory: a block per metric that has figures (of pss, cgroup, system):
# x, workload MiB (the process's figure), overhead MiB (backend minus
# process, 0 if below), total MiB, backend number; mm[] names the blocks.
# The plot has a log scale: a figure of 0 or below (MemAvailable can rise
# while an instance runs) cannot be drawn and is left out; the table in
# REPORT.md still has it.
function memory(    i, n, L, f, ms, nm, m, v, p, w, k, MM) {
	f = work "/memory.dat"
	nm = split("pss cgroup system", ms, " ")
	n = k = 0
	for (i = 1; i <= NBL; i++)
		if (lk("memory", BL[i], "idle", "pss", "p50") != "" || lk("memory", BL[i], "idle", "cgroup", "p50") != "" || lk("memory", BL[i], "idle", "system", "p50") != "")
			L[++n] = BL[i]
	for (m = 1; m <= nm; m++) {
		p = lk("memory", "process", "idle", ms[m], "p50")
		w = 0
		for (i = 1; i <= n; i++)
			if (lk("memory", L[i], "idle", ms[m], "p50") > 0)
				w++
		if (w == 0)
			continue
		MM[++k] = ms[m]
		for (i = 1; i <= n; i++) {
			v = lk("memory", L[i], "idle", ms[m], "p50")
			if (v == "" || v <= 0)
				continue
			w = p == "" || p < 0 ? 0 : (p < v ? p : v)
			printf "%d %.6g %.6g %.6g %d\n", i, w / 1024, (v - w) / 1024, v / 1024, i > f
		}
		printf "\n\n" > f
	}
	garray("mem", L, n)
	printf "array mm[%d]\nmm_n = %d\n", (k ? k : 1), k > VARS
	for (m = 1; m <= k; m++)
		printf "mm[%d] = %s\n", m, gq(MM[m]) > VARS
	if (k > 0) {
		close(f)
		MADE = MADE " memory"
	}
}

# Density: a block per backend: N, system MiB per instance, start-up p50
# and p95 ms (summary rows of the density experiment).
function density(    i, b, n, L, f, r, p, q, j, rows, nr, key, k, any, anysys, s50, s95, sys) {
	f = work "/density.dat"
	n = 0
	for (i = 1; i <= NBL; i++) {
		b = BL[i]
		nr = 0
		for (j = 1; j <= NROW; j++) {
			split(ROW[j], p, SUBSEP)
			if (p[1] == "density" && p[2] == b && p[6] == "startup")
				rows[++nr] = ROW[j]
		}
		if (nr == 0)
			continue
		for (j = 2; j <= nr; j++) { # by N
			r = rows[j]
			split(r, p, SUBSEP)
			key = p[5] + 0
			for (k = j - 1; k >= 1 && (split(rows[k], q, SUBSEP) && q[5] + 0 > key); k--)
				rows[k + 1] = rows[k]
			rows[k + 1] = r
		}
		L[++n] = b
		for (j = 1; j <= nr; j++) {
			split(rows[j], p, SUBSEP)
			s50 = SUM[rows[j], "p50"]
			s95 = SUM[rows[j], "p95"]
			k = "density" SUBSEP b SUBSEP p[3] SUBSEP p[4] SUBSEP p[5] SUBSEP "system"
			# log scale: a fall of MemAvailable of 0 or below cannot be drawn
			sys = (k, "p50") in SUM && st_isnum(SUM[k, "p50"]) && SUM[k, "p50"] > 0 ? SUM[k, "p50"] / 1024 : "NaN"
			printf "%s %s %.6g %.6g\n", p[5], sys, s50 / 1000, s95 / 1000 > f
			any = 1
			if (sys != "NaN")
				anysys = 1
		}
		printf "\n\n" > f
	}
	garray("dn", L, n)
	if (any) {
		close(f)
		MADE = MADE (anysys ? " density-memory" : "") " density-startup"
	}
}

# Overhead: a block per backend (not the process): cluster x, ratio to the
# process; clusters are the (workload, parameter) pairs the process ran.
function overhead(    i, j, b, n, L, f, p, nc, CL, r, v, pv, k, any) {
	f = work "/overhead.dat"
	nc = 0
	for (j = 1; j <= NROW; j++) {
		split(ROW[j], p, SUBSEP)
		if (p[1] != "overhead" || p[2] != "process" || p[6] != "elapsed")
			continue
		CL[++nc] = ROW[j]
	}
	n = 0
	for (i = 1; i <= NBL; i++) {
		b = BL[i]
		if (b == "process")
			continue
		k = 0
		for (j = 1; j <= nc; j++)
			if (lk_peer(CL[j], b, "p50") != "")
				k++
		if (k > 0)
			L[++n] = b
	}
	for (i = 1; i <= n; i++) {
		for (j = 1; j <= nc; j++) {
			v = lk_peer(CL[j], L[i], "p50")
			pv = SUM[CL[j], "p50"]
			if (v == "" || !st_isnum(pv) || pv <= 0)
				continue
			# bars side by side inside a cluster of width 0.8
			printf "%.4f %.6g %d\n", j - 0.4 + 0.8 * (i - 0.5) / n, v / pv, i > f
			any = 1
		}
		printf "\n\n" > f
	}
	garray("ov", L, n)
	printf "array cluster[%d]\ncluster_n = %d\nbar_w = %.4f\n", nc ? nc : 1, nc, n ? 0.8 / n : 0.8 > VARS
	for (j = 1; j <= nc; j++) {
		split(CL[j], p, SUBSEP)
		printf "cluster[%d] = %s\n", j, gq(p[3] " (N = " p[4] ")") > VARS
	}
	if (any) {
		close(f)
		MADE = MADE " overhead"
	}
}

END {
	if (LD_BAD)
		exit 1
	SEED = 7
	VARS = work "/vars.gp"
	printf "# backends and colours of this run, made by plotdata.awk\n" > VARS
	ld_order()
	startup()
	phases()
	memory()
	density()
	overhead()
	close(VARS)
	sub(/^ /, "", MADE)
	print MADE
}
