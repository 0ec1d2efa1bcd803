# bench/bench.mk - the benchmark harness (build/bench), the workload every
# backend runs (build/workload), their tests, and `make bench`.

# The analysis commands (bench report, compare, export-json, baseline-for):
# bench/report/.
BENCH_REPORT_SRCS := $(addprefix bench/report/,load.c roster.c lookup.c format.c rules.c \
	verdicts.c interval.c phases.c markdown.c verdicts_csv.c plotdata.c gnuplot.c hostkind.c \
	hosts.c outdir.c carryover.c report.c compare.c benchjson.c appendix.c baseline.c)
# The backends: one file per way of launching the workload (bench/backends/).
BENCH_BACKEND_SRCS := $(addprefix bench/backends/,backends.c backend_util.c vfork_spawn.c \
	process.c container.c sharednet.c vmfork.c microvm.c snaptemplate.c microvm_snap.c \
	microvm_pool.c linuxvm.c runc.c)
# The experiments: one file each, run.c, what they share, and progress.c,
# the progress lines on stderr (bench/experiments/).
BENCH_EXPERIMENT_SRCS := $(addprefix bench/experiments/,run.c exp_facts.c exp_startup.c \
	exp_memory.c exp_overhead.c exp_density.c exp_soak.c progress.c)
# One instance's life, the epoll loop that waits for many, and the
# descriptors they need (bench/instances/).
BENCH_INSTANCE_SRCS := $(addprefix bench/instances/,instance.c loop.c fdlimit.c)
# Measuring: the one clock, memory figures, statistics, the shuffled order,
# the harness's own cost (bench/measure/).
BENCH_MEASURE_SRCS := $(addprefix bench/measure/,clock.c procmem.c stats.c order.c selfcost.c)
# The run's files: CSV written and read back, JSON strings, the results files, order.csv,
# the run's folder (bench/files/).
BENCH_FILES_SRCS := $(addprefix bench/files/,csv.c csv_read.c json.c results.c sequence.c outdir.c)
# The host: env.csv's description of the machine, its KVM flavour (bench/host/).
BENCH_HOST_SRCS := $(addprefix bench/host/,cgprobe.c environment.c hostkvm.c)
# Nothing left behind: what dead runs left, the watchdog (bench/cleanup/).
BENCH_CLEANUP_SRCS := $(addprefix bench/cleanup/,sweep.c watchdog.c)
# The harness's sources, all but main.c (the unit tests link these too).
BENCH_LIB_SRCS := bench/options.c $(BENCH_INSTANCE_SRCS) $(BENCH_MEASURE_SRCS) \
	$(BENCH_FILES_SRCS) $(BENCH_HOST_SRCS) $(BENCH_CLEANUP_SRCS) $(BENCH_BACKEND_SRCS) \
	$(BENCH_EXPERIMENT_SRCS) $(BENCH_REPORT_SRCS)
# `bench demo`: the classroom demo (make demo, bench/demo/).
BENCH_LIB_SRCS += bench/demo/demo.c bench/demo/demo_trace.c
BENCH_SRCS := $(BENCH_LIB_SRCS) bench/main.c
BENCH_LIB_OBJS := $(BENCH_LIB_SRCS:%.c=$(BUILD)/obj/%.o)

CPPFLAGS_bench := -Ibench -Icommon
BENCH_LIBS :=

# The container and the warm microVM backends (microvm-snap, microvm-pool) link the runtime and minivm
# libraries; microvm and linuxvm exec build/minivm (linuxvm takes only
# minivm/linux/linuxboot.h's default guest memory size).
CPPFLAGS_bench += -Iruntime/include -Iminivm/include -Iminivm/linux
BENCH_LIBS += $(BUILD)/libminictr.a $(BUILD)/libminivm.a

$(BUILD)/bench: $(BENCH_LIB_OBJS) $(BUILD)/obj/bench/main.o $(BENCH_LIBS)
	$(CC) $(CFLAGS) -o $@ $^ -lm -lpthread

# The workload: one static musl binary, the same file for every backend.
# It reads the harness's clock (now_ns, common/phase_stamp.h, through
# bench/measure/clock.h), so ELAPSED and the harness's figures come from one now_ns.
$(BUILD)/workload: bench/workloads/workload.c bench/measure/clock.h common/phase_stamp.h
	@mkdir -p $(dir $@)
	$(MUSLCC) $(MUSLCFLAGS) -Ibench -Icommon -o $@ $(filter %.c,$^)

ALL += $(BUILD)/workload $(BUILD)/bench
IMAGE_BINS += $(BUILD)/workload
LINT_SRCS += $(BENCH_SRCS) bench/workloads/workload.c $(wildcard tests/unit/bench/*.[ch])
LINT_SRCS += $(wildcard bench/*.h bench/*/*.h)

# Unit tests (cmocka): each test file plus the harness's objects.
BENCH_UNIT := stats csv order backend results options csv_read rules interval procmem \
	experiments
# testdir.c: the scratch directory of the tests that write files.
$(BUILD)/tests/bench/test_%: tests/unit/bench/test_%.c tests/unit/bench/testdir.c $(BENCH_LIB_OBJS) \
	$(BENCH_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CPPFLAGS_bench) -o $@ $^ -lcmocka -lm -lpthread
UNIT_TESTS += $(BENCH_UNIT:%=$(BUILD)/tests/bench/test_%)
INTEG_TESTS += $(wildcard tests/integration/bench/*.sh)

# make bench: build, run the default suite into results/<date>-<host>/
# (results/latest points at it), then the plots and REPORT.md
# (scripts/scripts.mk). BENCH_ARGS passes options: make bench
# BENCH_ARGS=--quick.
BENCH_ARGS ?=
# make demo: the classroom demo (bench/demo/demo.c), one screen in seconds.
.PHONY: demo
demo: deps
	@$(MAKE) --no-print-directory build image
	@$(BUILD)/bench demo

.PHONY: bench
bench: deps-bench
	@$(MAKE) --no-print-directory build image
	@# Exit 3: a backend that can run here produced no figures. The report
	@# is made all the same (it shows why) and exits 3 too, failing make.
	$(BUILD)/bench $(BENCH_ARGS) || [ $$? -eq 3 ]
	@$(MAKE) --no-print-directory report RESULTS=results/latest

# make soak: 10,000 instances per backend, a random 10% SIGKILLed, the
# harness and minictr/minivm killed too; fails if any count grew
# (tests/integration/bench/soak.sh; make test runs it with 300).
.PHONY: soak
soak: deps
	@$(MAKE) --no-print-directory build image
	SOAK_N=10000 SOAK_CLI=1 tests/integration/bench/soak.sh
