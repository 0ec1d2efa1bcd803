# stats.awk - small numeric helpers for the report programs (median of a
# list, number formatting). mawk has no asort(), hence the sort below.

# Sort a[1..n] ascending (insertion sort: the lists here are a few hundred
# values at most, one per sample).
function st_sort(a, n,    i, j, v) {
	for (i = 2; i <= n; i++) {
		v = a[i]
		for (j = i - 1; j >= 1 && a[j] > v; j--)
			a[j + 1] = a[j]
		a[j + 1] = v
	}
}

# Median of a[1..n] (sorts a); "" for an empty list.
function st_median(a, n) {
	if (n < 1)
		return ""
	st_sort(a, n)
	if (n % 2)
		return a[(n + 1) / 2]
	return (a[n / 2] + a[n / 2 + 1]) / 2
}

# Is s a number (as the CSVs write them: 12, -3.5, 1e6)?
function st_isnum(s) {
	return s ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/
}

# A number with about three significant digits, no exponent for the sizes
# the report shows (1234567 -> 1234567, 12.345 -> 12.3, 0.01234 -> 0.0123).
function st_fmt(x,    a) {
	if (x == "")
		return "–"
	a = x < 0 ? -x : x
	if (a >= 100)
		return sprintf("%.0f", x)
	if (a >= 10)
		return sprintf("%.1f", x)
	if (a >= 1)
		return sprintf("%.2f", x)
	if (a == 0)
		return "0"
	return sprintf("%.3g", x)
}

# A ratio as "2.35×"; "–" when it cannot be computed.
function st_ratio(a, b) {
	if (a == "" || b == "" || b + 0 <= 0)
		return "–"
	return st_fmt(a / b) "×"
}
