# markdown.awk - write REPORT.md for one run: environment (KVM flavour up
# front), backends, the claims table with verdicts, and a table per
# experiment with its plots. Needs csv.awk, stats.awk, load.awk,
# lookup.awk, verdicts.awk. Variables (-v):
#   plots     space-separated names of the plots made (plots/NAME.png, .svg)
#   plotting  "no" when the report is made without plots
#   verdicts  file to write the verdicts to as CSV (claim,verdict,against,outcome,figures)

function md(s) { # a value safe inside a table cell
	gsub(/\|/, "\\|", s)
	gsub(/\n/, " ", s)
	return s == "" ? "–" : s
}

function has_plot(name) {
	return (" " plots " ") ~ (" " name " ")
}

function plot(name, title) {
	if (plotting == "no")
		printf "_(plot %s not made: the report was made without plots)_\n\n", name
	else if (has_plot(name))
		printf "![%s](plots/%s.png)\n\n[%s (SVG)](plots/%s.svg)\n\n", title, name, title, name
	else
		printf "_(plot %s not made: no data for it in this run)_\n\n", name
}

function flavour(f) {
	if (f == "pvm")
		return "**Virtualization on this host: PVM — software virtualization, no VMX/SVM.** KVM here is `kvm_pvm` (\"Pagetable Virtual Machine\"): guests run without hardware virtualization, on shadow page tables. What it means for the figures: the project's own minimal guest kernel (microvm) runs, but a stock Linux guest cannot boot (it needs a kernel built for PVM), so the full Linux guest (linuxvm) cannot be measured here. Every VM exit and every first touch of guest memory costs far more than with VT-x/AMD-V, so the VM start-up and I/O figures are upper bounds for what a laptop or server with hardware virtualization would show."
	if (f == "vmx")
		return "**Virtualization on this host: VMX (Intel VT-x) — hardware virtualization.** Both the minimal microVM and a full Linux guest run; VM exits and guest page faults are handled in hardware, as on a typical laptop or server."
	if (f == "svm")
		return "**Virtualization on this host: SVM (AMD-V) — hardware virtualization.** Both the minimal microVM and a full Linux guest run; VM exits and guest page faults are handled in hardware, as on a typical laptop or server."
	if (f == "none")
		return "**Virtualization on this host: none — no usable /dev/kvm.** No VM backend could run: only the process and the container are measured, and no claim can be judged against a VM."
	return "**Virtualization on this host: not recorded** (env.csv has no kvm_flavour): read the VM figures with care."
}

function what(b) {
	if (b == "process") return "the workload as a plain process: the baseline"
	if (b == "container") return "minictr: new namespaces (pid, mount, uts, ipc, net, cgroup), its own root and cgroup"
	if (b == "runc") return "runc, the OCI reference runtime (peer, for comparison)"
	if (b == "microvm") return "minivm: KVM microVM on the project's own minimal guest kernel"
	if (b == "linuxvm") return "KVM microVM booting a full Linux kernel, the workload as /init"
	if (b == "qemu-microvm") return "QEMU `-M microvm` with a Linux guest (peer, for comparison)"
	return "(not described)"
}

function status(b) {
	if (b in SKIP)
		return "**skipped**: " SKIP[b]
	if (lk_has(b))
		return "measured"
	return "no summary figures (facts only)"
}

function outcome_word(o) {
	if (o == "H") return "holds"
	if (o == "S") return "partly"
	if (o == "N") return "does not hold"
	return "not measured"
}

function verdict_cell(v) {
	if (v == "holds") return "✅ holds"
	if (v == "holds with a caveat") return "⚠️ holds with a caveat"
	if (v == "does not hold") return "❌ does not hold"
	return "❔ not measured"
}

function environment(    i, k) {
	print "## Environment\n"
	print "| key | value |"
	print "| --- | --- |"
	for (i = 1; i <= NENV; i++) {
		k = ENVK[i]
		printf "| %s | %s |\n", md(k), md(ENV[k])
	}
	print ""
	if (ENV["quick"] == "yes")
		print "This was a **quick** run (`bench --quick`): few samples, figures are indicative only.\n"
	if (ENV["interrupted"] == "yes")
		print "**This run was interrupted**: some experiments or backends may be missing or short.\n"
}

function backends(    i, b) {
	print "## Backends\n"
	print "| backend | what it is | in this run |"
	print "| --- | --- | --- |"
	for (i = 1; i <= NBL; i++) {
		b = BL[i]
		printf "| %s | %s | %s |\n", b, what(b), md(status(b))
	}
	print ""
}

function claims(    c, i, vm, ev, short) {
	print "## The claims\n"
	print "The claims under test (CLAIMS.md) say that containers, compared with VMs, are lighter, start faster, need less computing power, use the host's operating system and run in parallel in isolation. Each verdict is computed from this run's figures by the rules below (scripts/report/verdicts.awk), against each kind of VM on its own: a full Linux guest and a minimal guest can give different answers, and that difference is the lesson.\n"
	print "| # | containers ... | evidence, VM by VM, against the container | verdict |"
	print "| --- | --- | --- | --- |"
	for (c = 1; c <= 5; c++) {
		ev = short = ""
		for (i = 1; i <= NVM; i++) {
			vm = VMS[i]
			if (VO[c, vm] != "U")
				short = short (short == "" ? "" : "; ") "vs " vm ": " outcome_word(VO[c, vm])
			if (VO[c, vm] == "U" && !(vm in SKIP) && !lk_has(vm))
				continue # a peer that simply was not run: no need to list it
			if (VO[c, vm] == "U")
				ev = ev (ev == "" ? "" : "<br>") sprintf("**vs %s** — %s", vm_label(vm), VD[c, vm])
			else
				ev = ev (ev == "" ? "" : "<br>") sprintf("**vs %s** — %s: %s", vm_label(vm), outcome_word(VO[c, vm]), VD[c, vm])
			printf "%s,%s,%s,%s,%s\n", c, csv_quote(V[c]), vm, outcome_word(VO[c, vm]), csv_quote(VD[c, vm]) > verdicts
		}
		printf "%s,%s,all,%s,\n", c, csv_quote(V[c]), csv_quote(V[c]) > verdicts
		if (c == 5)
			ev = md(VCTR5) "<br>" ev
		if (!lk_has(vd_ctr()) && !((vd_ctr(), "kernel_shared") in FACT))
			ev = "**the container** — " vm_missing(vd_ctr(), "") "<br>" ev
		if (ev == "")
			ev = "no VM was measured in this run"
		printf "| %d | %s (_%s_) | %s | %s%s |\n", c, CLAIM[c], DUTCH[c], md(ev), verdict_cell(V[c]), "<br>" (short == "" ? "no VM measured to compare with" : md(short))
	}
	print ""
	if (!lk_has("linuxvm"))
		printf "The comparison with a full Linux guest (linuxvm) could not be measured here: %s.\n\n", "linuxvm" in SKIP ? SKIP["linuxvm"] : "it was not part of this run"
	print "### How the verdicts are computed\n"
	printf "Against each VM the rule gives _holds_, _partly_ or _does not hold_; the verdict is **holds** when the claim holds against every VM that was measured, **does not hold** when it holds against none, and **holds with a caveat** otherwise (for example against a full Linux guest but not against the minimal microVM, or by a small margin). Constants: margin %s×, memory floor %d KiB, run-time tolerance %d%%.\n\n", MARGIN, FLOOR_KIB, TOL * 100
	for (c = 1; c <= 5; c++)
		printf "%d. **%s**: %s.\n", c, CLAIM[c], VWHY[c]
	print ""
	evidence()
}

# Claim by claim, every backend with its figures and its ratio to the container.
function evidence(    ctr, i, b, m, v, o, oc, c50, p50, p95, w, rc, rv, line, pass, n, sys, so, co) {
	ctr = vd_ctr()
	print "### Evidence, backend by backend\n"
	print "**1. Memory per instance** (idle workload, p50, KiB; overhead = backend − process; ratio = overhead ÷ the container's; system from the density run at the largest N reached by the backend, the container and the process, when there is one)\n"
	print "| backend | pss | pss overhead | system | system overhead | cgroup | cgroup overhead | pss ovh. ÷ container | system ovh. ÷ container |"
	print "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
	for (i = 1; i <= NBL; i++) {
		b = BL[i]
		if (b in SKIP && !lk_has(b)) {
			printf "| %s | skipped: %s ||||||||\n", b, md(SKIP[b])
			continue
		}
		# system: at the density N the verdict uses, for b and the container alike
		n = vd_sysn(b)
		if (n > 0) {
			sys = st_fmt(vd_density_at(b, n, "system")) " (N = " n ")"
			so = vd_density_at(b, n, "system") - vd_density_at("process", n, "system")
			co = vd_density_at(ctr, n, "system") - vd_density_at("process", n, "system")
		} else {
			sys = st_fmt(lk("memory", b, "idle", "system", "p50"))
			so = vd_overhead(b, "system")
			co = vd_overhead(ctr, "system")
		}
		printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", b, st_fmt(lk("memory", b, "idle", "pss", "p50")), st_fmt(vd_overhead(b, "pss")), sys, st_fmt(so), st_fmt(lk("memory", b, "idle", "cgroup", "p50")), st_fmt(vd_overhead(b, "cgroup")), st_ratio(vd_overhead(b, "pss"), vd_overhead(ctr, "pss")), st_ratio(so, co)
	}
	print ""
	print "**2. Start-up latency** (workload noop, READY seen minus t0)\n"
	print "| backend | p50 ms | p95 ms | p50 ÷ container | p50 ÷ process |"
	print "| --- | --- | --- | --- | --- |"
	c50 = lk("startup", ctr, "", "startup", "p50")
	for (i = 1; i <= NBL; i++) {
		b = BL[i]
		if (b in SKIP && !lk_has(b)) {
			printf "| %s | skipped: %s ||||\n", b, md(SKIP[b])
			continue
		}
		p50 = lk("startup", b, "", "startup", "p50")
		p95 = lk("startup", b, "", "startup", "p95")
		printf "| %s | %s | %s | %s | %s |\n", b, st_fmt(p50 == "" ? "" : p50 / 1000), st_fmt(p95 == "" ? "" : p95 / 1000), st_ratio(p50, c50), st_ratio(p50, lk("startup", "process", "", "startup", "p50"))
	}
	print ""
	print "**3. Run-time cost** (elapsed p50 ÷ the plain process's, per workload; in brackets: ÷ the container's ratio)\n"
	print "| backend | cpu | syscall | io |"
	print "| --- | --- | --- | --- |"
	for (i = 1; i <= NBL; i++) {
		b = BL[i]
		if (b in SKIP && !lk_has(b)) {
			printf "| %s | skipped: %s |||\n", b, md(SKIP[b])
			continue
		}
		line = "| " b
		n = split("cpu syscall io", w, " ")
		for (m = 1; m <= n; m++) {
			rv = vd_ovratio(b, w[m])
			rc = vd_ovratio(ctr, w[m])
			line = line " | " (rv == "" ? "–" : st_fmt(rv) "× (" st_ratio(rv, rc) ")")
		}
		print line " |"
	}
	print ""
	printf "**4. Which kernel answers** (`uname -s -r` inside; the host runs %s)\n\n", md(ENV["kernel"])
	print "| backend | uname inside | same kernel as the host |"
	print "| --- | --- | --- |"
	for (i = 1; i <= NBL; i++) {
		b = BL[i]
		if (b in SKIP && !((b, "uname") in FACT)) {
			printf "| %s | skipped: %s ||\n", b, md(SKIP[b])
			continue
		}
		printf "| %s | %s | %s |\n", b, md(FACT[b, "uname"]), md(FACT[b, "kernel_shared"])
	}
	print ""
	print "**5. Isolation checks and density** (facts.csv; density: largest N run with no failed instance)\n"
	print "| backend | pid inside | hostname | visible pids | network interfaces | checks passed | largest N, no failure | system KiB/instance at that N |"
	print "| --- | --- | --- | --- | --- | --- | --- | --- |"
	for (i = 1; i <= NBL; i++) {
		b = BL[i]
		if (b in SKIP && !lk_has(b) && !((b, "pid") in FACT)) {
			printf "| %s | skipped: %s |||||||\n", b, md(SKIP[b])
			continue
		}
		pass = vd_isolated(b)
		n = vd_maxn(b)
		sys = n > 0 ? vd_density_at(b, n, "system") : ""
		printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", b, md(FACT[b, "pid"]), md(FACT[b, "hostname"]), md(FACT[b, "visible_pids"]), md(FACT[b, "net_ifaces"]), ISO_REC ? pass "/" ISO_REC : "–", n ? n : "–", st_fmt(sys)
	}
	print "\n(The plain process is the reference: it is expected to fail the isolation checks.)\n"
}

# One table with every summary row of experiment ex, grouped by workload,
# parameter, N and metric, backends in the fixed order.
function table(ex,    i, j, p, k, r, n, key, idx, proc, u) {
	n = 0
	for (i = 1; i <= NROW; i++) {
		split(ROW[i], p, SUBSEP)
		if (p[1] != ex)
			continue
		n++
		key[n] = sprintf("%s\t%014.3f\t%010d\t%s\t%d\t%s", p[3], st_isnum(p[4]) ? p[4] : 0, p[5], p[6], ld_rank(p[2]), p[2])
		idx[n] = i
	}
	for (i = 2; i <= n; i++) {
		k = key[i]
		r = idx[i]
		for (j = i - 1; j >= 1 && key[j] > k; j--) {
			key[j + 1] = key[j]
			idx[j + 1] = idx[j]
		}
		key[j + 1] = k
		idx[j + 1] = r
	}
	print "| workload | parameter | N | metric | unit | backend | n | p50 | p95 | p99 | min | max | mean | stddev | p50 ÷ process |"
	print "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
	for (i = 1; i <= n; i++) {
		r = ROW[idx[i]]
		split(r, p, SUBSEP)
		proc = lk_peer(r, "process", "p50")
		printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", md(p[3]), md(p[4]), md(p[5]), md(p[6]), md(SUM[r, "unit"]), p[2], SUM[r, "n"], st_fmt(SUM[r, "p50"]), st_fmt(SUM[r, "p95"]), st_fmt(SUM[r, "p99"]), st_fmt(SUM[r, "min"]), st_fmt(SUM[r, "max"]), st_fmt(SUM[r, "mean"]), st_fmt(SUM[r, "stddev"]), p[2] == "process" ? "1" : st_ratio(SUM[r, "p50"], proc)
	}
	print ""
}

function has_exp(ex,    i, p) {
	for (i = 1; i <= NROW; i++) {
		split(ROW[i], p, SUBSEP)
		if (p[1] == ex)
			return 1
	}
	return 0
}

function phase_table(    i, b, j, f, any) {
	for (i = 1; i <= NBL; i++)
		if (NPH[BL[i]] > 0)
			any = 1
	if (!any)
		return
	print "Start-up phases (median over samples of the time since the previous phase, and median stamp since t0):\n"
	print "| backend | phase | since previous, ms | at, ms |"
	print "| --- | --- | --- | --- |"
	for (i = 1; i <= NBL; i++) {
		b = BL[i]
		for (j = 1; j <= NPH[b]; j++) {
			split(PH[b, j], f, ",")
			printf "| %s | %s | %s | %s |\n", b, md(f[1]), st_fmt(f[2] / 1e6), st_fmt(f[3] / 1e6)
		}
	}
	print ""
}

function experiments(    i, p, seen, ex) {
	print "## Experiments\n"
	if (has_exp("startup")) {
		print "### Start-up\n"
		print "`startup` = READY line read minus t0; `lifetime` = instance reaped minus t0 (µs).\n"
		table("startup")
		plot("startup", "Start-up latency per backend")
		phase_table()
		plot("phases", "Start-up phases")
	}
	if (has_exp("memory")) {
		print "### Memory per instance\n"
		print "All KiB per instance, measured after READY: pss/uss/rss over the instance's host processes, cgroup = its cgroup's usage (kernel memory included), system = fall of MemAvailable ÷ N.\n"
		table("memory")
		plot("memory", "Memory per instance: workload and overhead")
	}
	if (has_exp("density")) {
		print "### Density\n"
		print "N idle instances alive at once: start-up of each (µs), memory per instance (KiB), time to tear all N down (µs), failed instances.\n"
		table("density")
		plot("density-memory", "Density: system memory per instance")
		plot("density-startup", "Density: start-up p50 and p95")
	}
	if (has_exp("overhead")) {
		print "### Run-time overhead\n"
		print "`elapsed` as the workload reports it (ns); parameter = the workload's N (iterations, system calls, lines).\n"
		table("overhead")
		plot("overhead", "Run-time cost relative to the plain process")
	}
	for (i = 1; i <= NROW; i++) {
		split(ROW[i], p, SUBSEP)
		ex = p[1]
		if (ex == "startup" || ex == "memory" || ex == "density" || ex == "overhead" || (ex in seen))
			continue
		seen[ex] = 1
		printf "### Experiment `%s`\n\n", ex
		table(ex)
	}
}

END {
	if (LD_BAD)
		exit 1
	ld_order()
	vd_all()
	print "claim,verdict,against,outcome,figures" > verdicts
	title = "vmbench report"
	if (ENV["host"] != "")
		title = title " — " ENV["host"]
	if (ENV["date"] != "")
		title = title ", " ENV["date"]
	print "# " title "\n"
	print "_Generated by `make report` (scripts/report.sh) from this run's CSV files alone; do not edit: run it again._\n"
	print flavour(ENV["kvm_flavour"]) "\n"
	environment()
	backends()
	claims()
	experiments()
	close(verdicts)
}
