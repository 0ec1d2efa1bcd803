# csv.awk - read and write the results files' CSV (RFC 4180 as bench writes
# it: a field is quoted only when it holds a comma or a quote, and a quote
# inside is doubled). Loaded before the program that uses it:
#   awk -f scripts/report/csv.awk -f prog.awk FILES
# mawk-compatible (Debian's default awk): no gawk extensions.

# Split one line into f[1..n]; returns n. A line without a quote is the
# common case and takes the fast path.
function csv_split(line, f,    n, i, c, len, field, inq) {
	sub(/\r$/, "", line) # a file written on Windows ends lines with CR LF
	for (i in f)
		delete f[i]
	if (line == "")
		return 0
	if (index(line, "\"") == 0)
		return split(line, f, ",")
	n = 0
	field = ""
	inq = 0
	len = length(line)
	for (i = 1; i <= len; i++) {
		c = substr(line, i, 1)
		if (inq) {
			if (c == "\"") {
				if (substr(line, i + 1, 1) == "\"") {
					field = field "\""
					i++
				} else
					inq = 0
			} else
				field = field c
		} else if (c == "\"")
			inq = 1
		else if (c == ",") {
			f[++n] = field
			field = ""
		} else
			field = field c
	}
	f[++n] = field
	return n
}

# Quote a value for CSV output only when it needs it.
function csv_quote(s) {
	if (s !~ /[",\n]/)
		return s
	gsub(/"/, "\"\"", s)
	return "\"" s "\""
}

# The file's base name: the programs read several CSVs at once and tell
# them apart by name.
function csv_base(path) {
	sub(/.*\//, "", path)
	return path
}

# Record the header of the current file: col[file, name] = field number.
# Returns 1 when every name in the space-separated list `need` is there;
# otherwise prints one line on stderr and returns 0.
function csv_header(file, f, n, col, need,    i, w, k, ok) {
	for (i = 1; i <= n; i++)
		col[file, f[i]] = i
	ok = 1
	k = split(need, w, " ")
	for (i = 1; i <= k; i++)
		if (!((file, w[i]) in col)) {
			print "report: " file ": no column '" w[i] "' in the header" > "/dev/stderr"
			ok = 0
		}
	return ok
}
