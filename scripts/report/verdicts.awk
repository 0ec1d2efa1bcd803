# verdicts.awk - the rules that turn measured figures into a verdict for
# each claim of CLAIMS.md. Needs load.awk, lookup.awk, stats.awk.
# scripts/README.md explains the rules in words; keep the two in step.
#
# Every claim compares the container (minictr's `container`; `runc` when
# there is no `container`) with each kind of VM that was measured, one by
# one. Against one VM the outcome is
#   H  the claim holds, by the margin
#   S  it holds only partly: a small margin, or some figures but not others
#   N  it does not hold
#   U  not measured (the VM was skipped, or the figures are missing)
# and the claim's verdict combines them (vd_combine): "holds" when H against
# every measured VM, "does not hold" when N against every one, "holds with a
# caveat" otherwise, "not measured" when no VM could be compared.
#
# Results: V[c] verdict, VO[c, vm] outcome, VD[c, vm] the figures behind
# it (one phrase), VWHY[c] the rule in one sentence; c = 1..5.

BEGIN {
	if (MARGIN == "")
		MARGIN = 1.5 # "by a margin": the VM needs at least 1.5 times the container
	if (FLOOR_KIB == "")
		FLOOR_KIB = 64 # memory overheads below 64 KiB count as 64: noise, not a figure
	if (TOL == "")
		TOL = 0.10 # run-time ratios within 10% of each other count as equal
	NVM = split("microvm linuxvm qemu-microvm", VMS, " ")
	CLAIM[1] = "are much lighter"
	CLAIM[2] = "start faster"
	CLAIM[3] = "need less computing power"
	CLAIM[4] = "use the host's operating system"
	CLAIM[5] = "can run in parallel, in isolation"
	DUTCH[1] = "veel lichter"
	DUTCH[2] = "sneller opstarten"
	DUTCH[3] = "vereisen minder computer kracht"
	DUTCH[4] = "gebruikt de OS van de gebruiker"
	DUTCH[5] = "kunnen in paralel uitgevoerd worden in isolatie"
}

function vm_label(b) {
	if (b == "microvm") return "the minimal microVM (minivm, own guest kernel)"
	if (b == "linuxvm") return "a full Linux guest (linuxvm)"
	if (b == "qemu-microvm") return "QEMU's microVM (Linux guest)"
	return b
}

# Why backend b has no figures for experiment ex: skipped (env.csv
# skip.<b>), failed or cut short (fail.<b>.<ex>, cut.<b>.<ex>), or absent.
function vm_missing(b, ex) {
	if (b in SKIP)
		return "skipped: " SKIP[b]
	if (("fail." b "." ex) in ENV)
		return "failed: " ENV["fail." b "." ex]
	if (("cut." b "." ex) in ENV)
		return "cut short: " ENV["cut." b "." ex]
	if (lk_has(b))
		return "no figures for this in the run"
	return "not in this run"
}

# The container the claims speak for.
function vd_ctr() {
	if (lk_has("container")) return "container"
	if (lk_has("runc")) return "runc"
	if (("container", "kernel_shared") in FACT) return "container"
	return "container"
}

function vd_combine(c,    i, vm, nm, nh, nn) {
	nm = nh = nn = 0
	for (i = 1; i <= NVM; i++) {
		vm = VMS[i]
		if (VO[c, vm] == "U")
			continue
		nm++
		if (VO[c, vm] == "H") nh++
		if (VO[c, vm] == "N") nn++
	}
	if (nm == 0)
		return "not measured"
	if (nh == nm)
		return "holds"
	if (nn == nm)
		return "does not hold"
	return "holds with a caveat"
}

# ---- 1: lighter -------------------------------------------------------
# Per instance memory overhead (backend minus the plain process, workload
# idle), for pss (memory experiment) and system. For system, the density
# experiment's figure at the largest N that the backend, the container and
# the process all reached is used when there is one (METHODOLOGY.md: the
# fall of MemAvailable over N live instances / N; with one instance it is
# mostly noise), else the memory experiment's. Against a VM, per metric: H when the VM's
# overhead is at least MARGIN times the container's (the container's taken
# as at least FLOOR_KIB), S when it is larger but not by the margin, N when
# it is not larger. Both metrics H: H; both N: N; otherwise S.
function vd_overhead(b, m,    v, p, n) {
	if (m == "system" && (n = vd_sysn(b)) > 0) {
		VD_SYSN = n
		return vd_density_at(b, n, "system") - vd_density_at("process", n, "system")
	}
	VD_SYSN = 0
	v = lk("memory", b, "idle", m, "p50")
	if (v == "")
		return ""
	p = lk("memory", "process", "idle", m, "p50")
	return p == "" ? v : v - p
}

# p50 of a density metric at n_parallel n, whatever the workload/parameter.
function vd_density_at(b, n, m,    i, p) {
	for (i = 1; i <= NROW; i++) {
		split(ROW[i], p, SUBSEP)
		if (p[1] == "density" && p[2] == b && p[5] == n && p[6] == m && st_isnum(SUM[ROW[i], "p50"]))
			return SUM[ROW[i], "p50"] + 0
	}
	return ""
}

# The largest N with a density system figure for b, the container and the
# process alike; 0 when none.
function vd_sysn(b,    i, p, n, best) {
	best = 0
	for (i = 1; i <= NROW; i++) {
		split(ROW[i], p, SUBSEP)
		if (p[1] != "density" || p[2] != b || p[6] != "system")
			continue
		n = p[5] + 0
		if (n > best && vd_density_at(vd_ctr(), n, "system") != "" && vd_density_at("process", n, "system") != "")
			best = n
	}
	return best
}

function vd_mem_cmp(vo, co,    base) {
	if (vo == "" || co == "")
		return "U"
	base = co < FLOOR_KIB ? FLOOR_KIB : co
	if (vo >= MARGIN * base) return "H"
	if (vo > co) return "S"
	return "N"
}

function vd_lighter(    ctr, i, vm, nm, m, o, oc, ov, ms, res, nh, nn, nmeas, txt) {
	ctr = vd_ctr()
	VWHY[1] = sprintf("per-instance memory overhead (backend − process, idle workload) for pss and system (system from the density run at the largest N all reached, when there is one): the VM's at least %s× the container's (the container's counted as at least %d KiB) → holds against that VM; larger but below %s×, or only one metric → caveat; not larger → does not hold", MARGIN, FLOOR_KIB, MARGIN)
	nm = split("pss system", ms, " ")
	for (i = 1; i <= NVM; i++) {
		vm = VMS[i]
		nh = nn = nmeas = 0
		txt = ""
		res = "U"
		for (m = 1; m <= nm; m++) {
			ov = vd_overhead(vm, ms[m])
			oc = vd_overhead(ctr, ms[m])
			if (ms[m] == "system" && VD_SYSN > 0 && vd_sysn(vm) != VD_SYSN)
				oc = vd_density_at(ctr, vd_sysn(vm), "system") - vd_density_at("process", vd_sysn(vm), "system")
			o = vd_mem_cmp(ov, oc)
			if (o == "U")
				continue
			nmeas++
			if (o == "H") nh++
			if (o == "N") nn++
			txt = txt (txt == "" ? "" : "; ") sprintf("%s overhead %s KiB vs %s KiB (%s)%s", ms[m], st_fmt(ov), st_fmt(oc), st_ratio(ov, oc < FLOOR_KIB ? FLOOR_KIB : oc), ms[m] == "system" && vd_sysn(vm) > 0 ? " at N = " vd_sysn(vm) : "")
			res = "S"
		}
		if (res != "U" && nh == nm)
			res = "H"
		else if (res != "U" && nn == nmeas)
			res = "N"
		VO[1, vm] = res
		VD[1, vm] = res == "U" ? vm_missing(vm, "memory") : txt
	}
	V[1] = vd_combine(1)
}

# ---- 2: start faster -------------------------------------------------
# Start-up latency (READY seen minus t0), p50 and p95. Against a VM: H when
# the VM's p50 is at least MARGIN times the container's and its p95 is also
# larger; N when the VM's p50 is not larger; S otherwise.
function vd_faster(    ctr, i, vm, c50, c95, v50, v95, res) {
	ctr = vd_ctr()
	VWHY[2] = sprintf("start-up latency p50 (and p95): the VM's p50 at least %s× the container's and its p95 larger too → holds against that VM; larger but below %s× → caveat; not larger → does not hold", MARGIN, MARGIN)
	c50 = lk("startup", ctr, "", "startup", "p50")
	c95 = lk("startup", ctr, "", "startup", "p95")
	for (i = 1; i <= NVM; i++) {
		vm = VMS[i]
		v50 = lk("startup", vm, "", "startup", "p50")
		v95 = lk("startup", vm, "", "startup", "p95")
		if (v50 == "" || c50 == "") {
			VO[2, vm] = "U"
			VD[2, vm] = vm_missing(vm, "startup")
			continue
		}
		if (v50 >= MARGIN * c50 && (v95 == "" || c95 == "" || v95 > c95))
			res = "H"
		else if (v50 > c50)
			res = "S"
		else
			res = "N"
		VO[2, vm] = res
		VD[2, vm] = sprintf("p50 %s ms vs %s ms (%s), p95 %s ms vs %s ms", st_fmt(v50 / 1000), st_fmt(c50 / 1000), st_ratio(v50, c50), st_fmt(v95 / 1000), st_fmt(c95 / 1000))
	}
	V[2] = vd_combine(2)
}

# ---- 3: less computing power ------------------------------------------
# Run-time overhead: for each workload (cpu, syscall, io) the backend's
# elapsed p50 divided by the plain process's. Against a VM, per workload:
# the VM costs more when its ratio is above the container's by more than
# TOL, less when below by more than TOL, the same otherwise. More on every
# workload: H; more on none: N; more on some: S.
function vd_ovratio(b, w,    v, p) {
	v = lk("overhead", b, w, "elapsed", "p50")
	p = lk("overhead", "process", w, "elapsed", "p50")
	if (v == "" || p == "" || p <= 0)
		return ""
	return v / p
}

function vd_power(    ctr, i, j, vm, nw, ws, rc, rv, nmore, nmeas, txt, word) {
	ctr = vd_ctr()
	VWHY[3] = sprintf("run-time cost relative to the plain process (elapsed p50 ÷ process p50) for the cpu, syscall and io workloads: the VM costs more on every workload (ratio above the container's by more than %d%%) → holds against that VM; on some → caveat; on none → does not hold", TOL * 100)
	nw = split("cpu syscall io", ws, " ")
	for (i = 1; i <= NVM; i++) {
		vm = VMS[i]
		nmore = nmeas = 0
		txt = ""
		for (j = 1; j <= nw; j++) {
			rc = vd_ovratio(ctr, ws[j])
			rv = vd_ovratio(vm, ws[j])
			if (rc == "" || rv == "")
				continue
			nmeas++
			if (rv > rc * (1 + TOL)) {
				word = "more"
				nmore++
			} else if (rv < rc * (1 - TOL))
				word = "less"
			else
				word = "same"
			txt = txt (txt == "" ? "" : "; ") sprintf("%s %s vs %s (%s)", ws[j], st_fmt(rv) "×", st_fmt(rc) "×", word)
		}
		if (nmeas == 0) {
			VO[3, vm] = "U"
			VD[3, vm] = vm_missing(vm, "overhead")
			continue
		}
		VO[3, vm] = nmore == nmeas ? "H" : nmore == 0 ? "N" : "S"
		VD[3, vm] = txt
	}
	V[3] = vd_combine(3)
}

# ---- 4: the host's OS -------------------------------------------------
# facts.csv kernel_shared (the release `uname -r` gives inside equals the
# host's). The container must share it; against a VM: H when the VM runs
# a kernel of its own (kernel_shared no), S when it also shares it, U when
# the VM has no facts. Container not sharing: N against every VM. The
# container shares but no VM has facts: holds with a caveat.
function vd_os(    ctr, cs, i, vm, vs, nm) {
	ctr = vd_ctr()
	VWHY[4] = "what `uname -s -r` answers inside each backend (facts.csv kernel_shared: same release as the host): the container shares the host's kernel and the VM runs one of its own → holds against that VM; both share it → caveat; the container does not share it → does not hold"
	cs = (ctr, "kernel_shared") in FACT ? FACT[ctr, "kernel_shared"] : ""
	nm = 0
	for (i = 1; i <= NVM; i++) {
		vm = VMS[i]
		vs = (vm, "kernel_shared") in FACT ? FACT[vm, "kernel_shared"] : ""
		if (vs == "" || cs == "") {
			VO[4, vm] = "U"
			VD[4, vm] = vm_missing(vm, "facts")
			continue
		}
		nm++
		VO[4, vm] = cs != "yes" ? "N" : vs == "no" ? "H" : "S"
		VD[4, vm] = sprintf("inside: %s (kernel shared: %s); container: %s (kernel shared: %s)", FACT[vm, "uname"], vs, FACT[ctr, "uname"], cs)
	}
	V[4] = vd_combine(4)
	if (nm == 0 && cs == "yes")
		V[4] = "holds with a caveat"
	if (nm == 0 && cs == "no")
		V[4] = "does not hold"
}

# ---- 5: parallel, in isolation ----------------------------------------
# Isolation checks from facts.csv: the workload is pid 1; its hostname is
# not the host's; it sees at most 4 processes (its own) or has no /proc
# ("n/a"); it has no network interface but loopback (the list may be
# separated by commas, spaces or '+'). Every recorded check
# passes: isolated. Density: the largest N that ran with no failed
# instance. The container isolated and N >= 2: it ran in parallel, in
# isolation. Against a VM: H when the container ran more instances than
# that VM without a failure; S when the VM ran as many (then the claim
# holds, but it is no difference: VMs do it too); U without the VM's
# density figures. Container not isolated or N < 2: N against every VM.
function vd_check(b, k,    v, host, n, i, w) {
	if (!((b, k) in FACT))
		return ""
	v = FACT[b, k]
	if (k == "pid")
		return v == "1" ? "pass" : "fail"
	if (k == "hostname") {
		host = ("process", "hostname") in FACT ? FACT["process", "hostname"] : ENV["host"]
		return v != host ? "pass" : "fail"
	}
	if (k == "visible_pids")
		return v == "n/a" || (st_isnum(v) && v + 0 <= 4) ? "pass" : "fail"
	if (k == "net_ifaces") {
		n = split(v, w, /[ ,;+]+/) # bench joins them with '+': lo+eth0
		for (i = 1; i <= n; i++)
			if (w[i] != "" && w[i] != "lo" && w[i] != "n/a" && w[i] != "none")
				return "fail"
		return "pass"
	}
	return ""
}

# "4/4" style count of passed checks; ISO_FAILED gets the failed names.
function vd_isolated(b,    ks, i, n, r, pass, rec) {
	n = split("pid hostname visible_pids net_ifaces", ks, " ")
	pass = rec = 0
	ISO_FAILED = ""
	for (i = 1; i <= n; i++) {
		r = vd_check(b, ks[i])
		if (r == "")
			continue
		rec++
		if (r == "pass")
			pass++
		else
			ISO_FAILED = ISO_FAILED (ISO_FAILED == "" ? "" : ", ") ks[i] "=" FACT[b, ks[i]]
	}
	ISO_REC = rec
	return pass
}

# Largest n_parallel of the density experiment with no failed instance;
# 0 when none (or no density figures).
function vd_maxn(b,    i, p, n, best, f) {
	best = 0
	for (i = 1; i <= NROW; i++) {
		split(ROW[i], p, SUBSEP)
		if (p[1] != "density" || p[2] != b || p[6] != "startup")
			continue
		n = p[5] + 0
		f = (("density" SUBSEP b SUBSEP p[3] SUBSEP p[4] SUBSEP p[5] SUBSEP "failed", "max") in SUM) ? SUM["density" SUBSEP b SUBSEP p[3] SUBSEP p[4] SUBSEP p[5] SUBSEP "failed", "max"] + 0 : 0
		if (f == 0 && n > best)
			best = n
	}
	return best
}

function vd_parallel(    ctr, pass, rec, cn, ok, i, vm, vn, vpass, why) {
	ctr = vd_ctr()
	VWHY[5] = "isolation checks (workload is pid 1, own hostname, sees at most 4 processes or has no /proc, no network interface but lo) all pass for the container and it ran N ≥ 2 instances without a failure; against a VM: the container ran more instances than the VM without a failure → holds; the VM ran as many → caveat (VMs do it too); the container not isolated or not in parallel → does not hold"
	pass = vd_isolated(ctr)
	rec = ISO_REC
	cn = vd_maxn(ctr)
	ok = rec > 0 && pass == rec && cn >= 2
	why = rec == 0 ? "no isolation checks recorded" : pass < rec ? "failed isolation checks: " ISO_FAILED : cn < 2 ? "no density run with N ≥ 2 and no failure" : ""
	for (i = 1; i <= NVM; i++) {
		vm = VMS[i]
		vn = vd_maxn(vm)
		if (vn == 0) {
			VO[5, vm] = "U"
			VD[5, vm] = vm_missing(vm, "density")
			continue
		}
		if (!ok) {
			VO[5, vm] = "N"
			VD[5, vm] = "container: " why
			continue
		}
		vpass = vd_isolated(vm)
		VO[5, vm] = cn > vn ? "H" : "S"
		VD[5, vm] = sprintf("up to N = %d without a failure vs the container's %d; the VM's isolation checks: %s", vn, cn, ISO_REC ? vpass "/" ISO_REC " pass" : "none recorded")
	}
	V[5] = vd_combine(5)
	if (V[5] == "not measured" && ok)
		V[5] = "holds with a caveat"
	if (V[5] == "not measured" && !ok && rec > 0)
		V[5] = "does not hold"
	VCTR5 = ok ? sprintf("container isolated (%d/%d checks) and ran up to N = %d in parallel", pass, rec, cn) : "container: " why
}

function vd_all() {
	vd_lighter()
	vd_faster()
	vd_power()
	vd_os()
	vd_parallel()
}
