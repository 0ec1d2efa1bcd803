# bench/bench.mk - the benchmark harness (build/bench), the workload every
# backend runs (build/workload), their tests, and `make bench`.

# The harness's sources, all but main.c (the unit tests link these too).
BENCH_LIB_SRCS := bench/stats.c bench/csv.c bench/order.c bench/clock.c \
	bench/backend_util.c bench/cgroup.c bench/procmem.c bench/instance.c \
	bench/loop.c bench/results.c bench/hostkvm.c bench/backends.c \
	bench/process.c bench/container.c bench/vmfork.c bench/microvm.c bench/linuxvm.c \
	bench/runc.c \
	bench/experiment.c bench/progress.c bench/selfcost.c bench/environment.c \
	bench/options.c bench/exp_facts.c bench/exp_startup.c bench/exp_memory.c \
	bench/exp_overhead.c bench/exp_density.c
BENCH_SRCS := $(BENCH_LIB_SRCS) bench/main.c
BENCH_LIB_OBJS := $(BENCH_LIB_SRCS:%.c=$(BUILD)/obj/%.o)

CPPFLAGS_bench := -Ibench
BENCH_LIBS :=

# The container and microvm backends link the runtime and minivm
# libraries, which other parts of the project build. Where a part is not
# in the tree yet, its backend is compiled without it and says so at run
# time ("unsupported here: ... not part of this build").
BENCH_HAVE_MINICTR := $(wildcard runtime/runtime.mk)
BENCH_HAVE_MINIVM := $(wildcard minivm/minivm.mk)
ifneq ($(BENCH_HAVE_MINICTR),)
CPPFLAGS_bench += -DHAVE_MINICTR -Iruntime/include
BENCH_LIBS += $(BUILD)/libminictr.a
endif
ifneq ($(BENCH_HAVE_MINIVM),)
CPPFLAGS_bench += -DHAVE_MINIVM -Iminivm/include
BENCH_LIBS += $(BUILD)/libminivm.a
# minivm's Linux boot (linuxvm_run) goes into the same library.
BENCH_HAVE_LINUXVM := $(wildcard minivm/linux/linuxboot.h)
ifneq ($(BENCH_HAVE_LINUXVM),)
CPPFLAGS_bench += -DHAVE_LINUXVM -Iminivm/linux
endif
endif
# make does not see a change of flags: rebuild the backends that depend on
# a library when its fragment appears (its mtime is newer than the object).
$(BUILD)/obj/bench/container.o: $(BENCH_HAVE_MINICTR)
$(BUILD)/obj/bench/microvm.o $(BUILD)/obj/bench/hostkvm.o: $(BENCH_HAVE_MINIVM)
$(BUILD)/obj/bench/linuxvm.o: $(BENCH_HAVE_LINUXVM)

$(BUILD)/bench: $(BENCH_LIB_OBJS) $(BUILD)/obj/bench/main.o $(BENCH_LIBS)
	$(CC) $(CFLAGS) -o $@ $^ -lm -lpthread

# The workload: one static musl binary, the same file for every backend.
$(BUILD)/workload: bench/workloads/workload.c
	@mkdir -p $(dir $@)
	$(MUSLCC) $(MUSLCFLAGS) -o $@ $<

ALL += $(BUILD)/workload $(BUILD)/bench
IMAGE_BINS += $(BUILD)/workload
LINT_SRCS += $(BENCH_SRCS) bench/workloads/workload.c $(wildcard bench/*.h tests/unit/bench/*.[ch])

# Unit tests (cmocka): each test file plus the harness's objects.
BENCH_UNIT := stats csv order backend results options
# testdir.c: the scratch directory of the tests that write files.
$(BUILD)/tests/bench/test_%: tests/unit/bench/test_%.c tests/unit/bench/testdir.c $(BENCH_LIB_OBJS) \
	$(BENCH_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CPPFLAGS_bench) -o $@ $^ -lcmocka -lm -lpthread
UNIT_TESTS += $(BENCH_UNIT:%=$(BUILD)/tests/bench/test_%)
INTEG_TESTS += $(wildcard tests/integration/bench/*.sh)

# make bench: build, run the default suite into results/<date>-<host>/
# (results/latest points at it), then the plots and REPORT.md where the
# report part is in the tree. BENCH_ARGS passes options: make bench
# BENCH_ARGS=--quick.
BENCH_ARGS ?=
BENCH_HAVE_REPORT := $(wildcard scripts/scripts.mk)
.PHONY: bench
bench: deps-bench
	@$(MAKE) --no-print-directory build $(if $(BENCH_HAVE_MINICTR),image)
	$(BUILD)/bench $(BENCH_ARGS)
	$(if $(BENCH_HAVE_REPORT),@$(MAKE) --no-print-directory report RESULTS=results/latest)
