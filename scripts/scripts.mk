# scripts/scripts.mk - the plots and REPORT.md of a run, and the comparison
# of two runs (regression tracking): `build/bench report` and `build/bench
# compare` (bench/report/). See scripts/README.md.
#
#   make report  [RESULTS=DIR]          plots in DIR/plots/, DIR/REPORT.md
#   make report  RESULTS="DIR1 DIR2"    each run's report, and results/hosts/
#                                       REPORT.md: verdicts run by run, agreement,
#                                       spread (HOSTS_OUT=DIR to put it elsewhere)
#   make compare [BASE=DIR] [NEW=DIR] [THRESHOLD=X]
#                                       (BASE: NEW's kind's baseline)
#                                       exit 1 when a ratio to the process
#                                       grew more than X times (default 2.0),
#                                       3 when the runs come from different
#                                       kinds of host

RESULTS   ?= results/latest
# BASE: by default the committed baseline of NEW's kind of host
# (`bench baseline-for NEW`: results/baselines/<vendor>-<flavour>).
BASE      ?=
NEW       ?= results/latest
THRESHOLD ?= 2.0

.PHONY: report compare
HOSTS_OUT ?= results/hosts
report: $(BUILD)/bench
	$(BUILD)/bench report --hosts-out $(HOSTS_OUT) $(RESULTS)

compare: $(BUILD)/bench
	@base="$(BASE)"; [ -n "$$base" ] || base=$$($(BUILD)/bench baseline-for $(NEW)) || exit $$?; \
	echo "bench compare --threshold $(THRESHOLD) $$base $(NEW)"; \
	$(BUILD)/bench compare --threshold $(THRESHOLD) "$$base" $(NEW)

INTEG_TESTS += $(sort $(wildcard tests/integration/report/*.sh))
INTEG_TESTS += $(sort $(wildcard tests/integration/make/*.sh))
