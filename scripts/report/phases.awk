# phases.awk - the start-up phase breakdown from phases.csv.
# phases.csv gives, per sample, each phase's stamp as ns since that
# sample's t0. Within one sample the phases are put in time order and each
# gets the time since the one before (the first: since t0). Per backend and
# phase this prints the median of those differences, and the median stamp
# (which also orders the phases):
#   backend,order,phase,diff_ns,at_ns
# Needs csv.awk and stats.awk. Only the startup experiment's rows are used.
FNR == 1 {
	n = csv_split($0, f)
	if (!csv_header("phases.csv", f, n, COL, "experiment backend workload iteration phase ns"))
		exit 1
	print "backend,order,phase,diff_ns,at_ns"
	next
}
{
	if (csv_split($0, f) == 0 || f[COL["phases.csv", "experiment"]] != "startup")
		next
	b = f[COL["phases.csv", "backend"]]
	ph = f[COL["phases.csv", "phase"]]
	ns = f[COL["phases.csv", "ns"]]
	if (!st_isnum(ns))
		next
	s = b SUBSEP f[COL["phases.csv", "workload"]] SUBSEP f[COL["phases.csv", "iteration"]]
	if (!(s in NS))
		SAMPLE[++NSAMPLE] = s
	NS[s]++
	T[s, NS[s]] = ns + 0
	P[s, NS[s]] = ph
	if (!(b in SEENB))
		B[++NB] = b
	SEENB[b] = 1
	if (!((b, ph) in SEENP)) {
		PL[b, ++NPL[b]] = ph
		SEENP[b, ph] = 1
	}
}
END {
	# differences within each sample
	for (i = 1; i <= NSAMPLE; i++) {
		s = SAMPLE[i]
		n = NS[s]
		for (j = 1; j <= n; j++) # sort the sample's phases by stamp
			idx[j] = j
		for (j = 2; j <= n; j++) {
			v = idx[j]
			for (k = j - 1; k >= 1 && T[s, idx[k]] > T[s, v]; k--)
				idx[k + 1] = idx[k]
			idx[k + 1] = v
		}
		split(s, parts, SUBSEP)
		b = parts[1]
		prev = 0
		for (j = 1; j <= n; j++) {
			ph = P[s, idx[j]]
			D[b, ph, ++ND[b, ph]] = T[s, idx[j]] - prev
			A[b, ph, ND[b, ph]] = T[s, idx[j]]
			prev = T[s, idx[j]]
		}
	}
	for (i = 1; i <= NB; i++) {
		b = B[i]
		m = NPL[b]
		for (j = 1; j <= m; j++) {
			ph = PL[b, j]
			n = ND[b, ph]
			for (k = 1; k <= n; k++) {
				x[k] = D[b, ph, k]
				y[k] = A[b, ph, k]
			}
			MD[j] = st_median(x, n)
			MA[j] = st_median(y, n)
			o[j] = j
		}
		for (j = 2; j <= m; j++) { # order by median stamp
			v = o[j]
			for (k = j - 1; k >= 1 && MA[o[k]] > MA[v]; k--)
				o[k + 1] = o[k]
			o[k + 1] = v
		}
		for (j = 1; j <= m; j++)
			printf "%s,%d,%s,%.0f,%.0f\n", csv_quote(b), j, csv_quote(PL[b, o[j]]), MD[o[j]], MA[o[j]]
	}
}
