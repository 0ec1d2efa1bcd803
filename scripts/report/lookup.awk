# lookup.awk - find a summary row by what it measures. Needs load.awk.

# The summary row of experiment ex, backend b, workload w ("" = any) and
# metric m; of several (parameters, n_parallel), the one with n_parallel 1,
# else the first in the file. "" when there is none.
function lk_row(ex, b, w, m,    i, r, p, best) {
	best = ""
	for (i = 1; i <= NROW; i++) {
		r = ROW[i]
		split(r, p, SUBSEP)
		if (p[1] != ex || p[2] != b || p[6] != m || (w != "" && p[3] != w))
			continue
		if (p[5] == "1")
			return r
		if (best == "")
			best = r
	}
	return best
}

# One statistic of that row; "" when there is no row or no number.
function lk(ex, b, w, m, stat,    r) {
	r = lk_row(ex, b, w, m)
	if (r == "" || !st_isnum(SUM[r, stat]))
		return ""
	return SUM[r, stat] + 0
}

# The same statistic of row r for another backend (same experiment,
# workload, parameter, n_parallel, metric); "" when absent.
function lk_peer(r, b, stat,    p, q) {
	split(r, p, SUBSEP)
	q = p[1] SUBSEP b SUBSEP p[3] SUBSEP p[4] SUBSEP p[5] SUBSEP p[6]
	if (!((q, stat) in SUM) || !st_isnum(SUM[q, stat]))
		return ""
	return SUM[q, stat] + 0
}

# Was backend b measured at all (any summary row)?
function lk_has(b,    i, p) {
	for (i = 1; i <= NROW; i++) {
		split(ROW[i], p, SUBSEP)
		if (p[2] == b)
			return 1
	}
	return 0
}
