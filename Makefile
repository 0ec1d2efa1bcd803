# vmbench: one workload, four ways to run it, measured alike.
#
#   make            build everything under build/
#   make test       install missing packages, build, run unit + integration tests
#   make bench      build, run the default benchmark suite, plots and REPORT.md
#   make lint       static analysis (cppcheck) and format check
#   make clean      remove build/
#   make help       every target, one line each
#
# Each part of the project adds its own rules in a fragment of its own
# (minivm/minivm.mk, runtime/runtime.mk, ...): a reader finds the rules for a
# part next to its code. A fragment appends to the lists below.

BUILD   := build
CC      ?= gcc
MUSLCC  ?= musl-gcc
CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -Wall -Wextra -Wshadow -Wno-unused-parameter -D_GNU_SOURCE
# The workload and test programs: static, built with musl (its start-up makes
# only a handful of system calls, see docs/methodology.md).
MUSLCFLAGS := -static -O2 -Wall -Wextra

ALL         :=   # files `make` builds
UNIT_TESTS  :=   # cmocka test binaries, run by `make test`
INTEG_TESTS :=   # integration test scripts (*.sh), run by `make test` after the unit tests
LINT_SRCS   :=   # host C sources checked by `make lint`

.PHONY: all build test unit integration lint format clean deps deps-bench help
.DEFAULT_GOAL := all

# Fragments live in the source folders; build/ (an unpacked kernel source,
# for one) is never searched.
include $(sort $(filter-out $(BUILD)/%,$(wildcard */*.mk */*/*.mk)))

# Install what is missing first, then build in a second make, so that every
# rule can count on its tools (musl-gcc, cmocka) being there.
all: deps
	@$(MAKE) --no-print-directory build

build: $(ALL)

deps:
	@scripts/deps.sh build

deps-bench:
	@scripts/deps.sh bench

# The build before the tests prints one line; its compiler lines only when
# it fails, or with V=1 (make test V=1).
test: deps
	@V=$(V) scripts/quietly.sh build $(MAKE) --no-print-directory build $(UNIT_TESTS)
	@scripts/run-tests.sh $(UNIT_TESTS) $(INTEG_TESTS)

unit: deps
	@V=$(V) scripts/quietly.sh build $(MAKE) --no-print-directory build $(UNIT_TESTS)
	@scripts/run-tests.sh $(UNIT_TESTS)

integration: deps
	@V=$(V) scripts/quietly.sh build $(MAKE) --no-print-directory build
	@scripts/run-tests.sh $(INTEG_TESTS)

lint:
	@scripts/deps.sh lint
	@# unusedFunction: a function nothing calls, over all of LINT_SRCS at
	@# once (a test or fuzz target that calls one counts); one called only
	@# from assembly carries an inline suppression that says so. It needs
	@# the whole list in one run, without -j.
	cppcheck --quiet --error-exitcode=1 \
		--enable=warning,style,performance,portability,unusedFunction \
		--inline-suppr --suppress=missingIncludeSystem \
		-I minivm/include -I runtime/include -I bench -I common $(LINT_SRCS)
	@clang-format --dry-run --Werror $(LINT_SRCS) && echo "lint: clean"

format:
	clang-format -i $(LINT_SRCS)

clean:
	rm -rf $(BUILD)

help:
	@echo 'make                 build everything under build/ (installs missing packages first)'
	@echo 'make test [V=1]      build, then run the unit and integration tests, one line each'
	@echo 'make unit            ... only the cmocka unit tests'
	@echo 'make integration     ... only the integration tests'
	@echo 'make bench           run the default benchmark suite: results/<date>-<host>/, plots, REPORT.md'
	@echo 'make report [RESULTS=DIR]   plots and REPORT.md of a run (default results/latest)'
	@echo 'make compare [BASE=DIR] [NEW=DIR] [THRESHOLD=X]   two runs side by side, exit 1 on a regression'
	@echo 'make image           build/image/: the root file system the containers run'
	@echo 'make image-shell     build/image-shell/: the same with busybox sh and its tools, for demos'
	@echo 'make lint            cppcheck and clang-format on the C sources'
	@echo 'make format          clang-format the C sources in place'
	@echo 'make deps            install the Debian packages the build needs (deps-bench: the bench)'
	@echo 'make clean           remove build/'
	@echo 'V=1 shows the build lines that make test keeps back unless the build fails.'

# Host C objects: build/obj/<path>.o from <path>.c, with header dependencies.
$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CPPFLAGS_$(firstword $(subst /, ,$*))) -MMD -MP -c -o $@ $<

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
