# benchjson.awk - summary.csv as github-action-benchmark's
# "customSmallerIsBetter" JSON: an array of {"name", "unit", "value"}.
# Every p50 of every row, and for each backend other than the process its
# p50 / the process's p50 (unit "x"), which travels better between
# machines. Needs csv.awk and stats.awk.
function js(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	return "\"" s "\""
}
function emit(name, unit, value) {
	printf "%s\n  {\"name\": %s, \"unit\": %s, \"value\": %s}", (count++ ? "," : ""), js(name), js(unit), value
}
FNR == 1 {
	n = csv_split($0, f)
	if (!csv_header("summary.csv", f, n, COL, "experiment backend workload parameter n_parallel metric unit p50"))
		exit 2
	next
}
function g(k) { return f[COL["summary.csv", k]] }
{
	if (csv_split($0, f) == 0 || !st_isnum(g("p50")))
		next
	k = g("experiment") "/" g("workload") (g("parameter") != "" && g("parameter") != "0" ? "/" g("parameter") : "") (g("n_parallel") != "1" ? "/N=" g("n_parallel") : "") "/" g("metric")
	R[++NR_] = k SUBSEP g("backend") SUBSEP g("unit") SUBSEP g("p50")
	if (g("backend") == "process")
		PROC[k] = g("p50") + 0
}
END {
	if (NR_ == 0 && FNR == 0)
		exit 2
	printf "["
	for (i = 1; i <= NR_; i++) {
		split(R[i], p, SUBSEP)
		emit(p[1] " " p[2] " p50", p[3], sprintf("%.6g", p[4]))
		if (p[2] != "process" && PROC[p[1]] > 0)
			emit(p[1] " " p[2] " p50 / process", "x", sprintf("%.6g", p[4] / PROC[p[1]]))
	}
	printf "\n]\n"
}
