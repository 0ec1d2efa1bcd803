# tests/fuzz/fuzz.mk - fuzz targets (libFuzzer) for every loader and parser
# that reads input minivm, minictr or bench did not make: ELF files, Linux
# kernel images, initramfs members, CSV fields, command lines. One harness
# per target, tests/fuzz/TARGET.c; its seed corpus and regression inputs in
# tests/fuzz/TARGET/ (README.md there).
#
#   build/fuzz/TARGET                clang -fsanitize=fuzzer,address,undefined
#   build/tests/fuzz/replay-TARGET   gcc, AddressSanitizer + UBSan, no fuzzer:
#                                    replays tests/fuzz/TARGET/ (a unit test)
#   make fuzz                        each target for FUZZ_SECONDS (default 60)
#   make test                        replays, then each target for a few
#                                    seconds (tests/integration/fuzz/brief.sh)

FUZZ_TARGETS := elf bzimage vmlinux cpio csv csv_read runoptions minictr_args bench_options
FUZZ_SECONDS ?= 60
FUZZ_CC      := clang
# -O1 and frame pointers: readable sanitizer reports at a good speed. Every
# undefined-behaviour finding is fatal, so that the fuzzer keeps the input.
FUZZ_SAN     := -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_CFLAGS  := -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter
# struct { struct kvm_msrs head; entries[3]; } (fastentry.c) is a GNU C
# idiom gcc takes silently.
FUZZ_CLANG   := -Wno-gnu-variable-sized-type-not-at-end

# Per target: the sources under test (built with the sanitizers, so the
# fuzzer sees their branches), the include paths, and the libraries of
# the normal build that resolve the rest (not instrumented).
FUZZ_SRCS_elf := minivm/lib/elf.c minivm/lib/gpa.c minivm/lib/memory.c minivm/lib/fastentry.c
FUZZ_INC_elf  := -Iminivm/include -Iminivm/lib
FUZZ_LIBS_elf := $(BUILD)/libminivm.a -lpthread
FUZZ_SRCS_bzimage := $(addprefix minivm/linux/,bzimage.c bootparams.c vmlinux.c kimage.c)
FUZZ_INC_bzimage  := -Iminivm/linux -Iminivm/include
FUZZ_SRCS_vmlinux := $(FUZZ_SRCS_bzimage)
FUZZ_INC_vmlinux  := $(FUZZ_INC_bzimage)
FUZZ_SRCS_cpio := minivm/linux/cpio.c
FUZZ_INC_cpio  := -Iminivm/linux -Icommon
FUZZ_SRCS_csv := bench/files/csv.c
FUZZ_INC_csv  := -Ibench -Icommon
FUZZ_SRCS_csv_read := bench/files/csv_read.c
FUZZ_INC_csv_read  := -Ibench -Icommon
FUZZ_SRCS_runoptions := minivm/lib/runoptions.c
FUZZ_INC_runoptions  := -Iminivm/include -Iminivm/lib
FUZZ_SRCS_minictr_args := runtime/lib/args.c
FUZZ_INC_minictr_args  := -Iruntime/include -Iruntime/lib -Itests/fuzz
FUZZ_LIBS_minictr_args := $(BUILD)/libminictr.a
FUZZ_SRCS_bench_options := bench/options.c
FUZZ_INC_bench_options  := $(CPPFLAGS_bench) -Itests/fuzz
FUZZ_LIBS_bench_options := $(filter-out %/options.o,$(BENCH_LIB_OBJS)) $(BENCH_LIBS) -lm -lpthread

# Headers are not tracked per target: any header of the parts fuzzed.
FUZZ_HDRS := $(wildcard tests/fuzz/*.h common/*.h minivm/include/*.h minivm/lib/*.h minivm/linux/*.h \
	bench/*.h bench/*/*.h runtime/include/*.h runtime/lib/*.h)

FUZZ_BINS   := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/%)
FUZZ_REPLAY := $(FUZZ_TARGETS:%=$(BUILD)/tests/fuzz/replay-%)

# The libraries that are files of the build (-lm is not): prerequisites.
# (A function, so that its '%' is not taken for the pattern rules' stem.)
fuzz_lib_files = $(filter-out -l%,$(1))

# $$(...): expanded once the target's stem is known (.SECONDEXPANSION is
# on, see runtime/runtime.mk).
$(FUZZ_BINS): $(BUILD)/fuzz/%: tests/fuzz/%.c $$(FUZZ_SRCS_$$*) $$(call fuzz_lib_files,$$(FUZZ_LIBS_$$*)) \
		$(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer,address,undefined $(FUZZ_CFLAGS) $(FUZZ_CLANG) \
		$(FUZZ_INC_$*) \
		-o $@ $< $(FUZZ_SRCS_$*) $(FUZZ_LIBS_$*)

$(FUZZ_REPLAY): $(BUILD)/tests/fuzz/replay-%: tests/fuzz/%.c tests/fuzz/replay.c $$(FUZZ_SRCS_$$*) \
		$$(call fuzz_lib_files,$$(FUZZ_LIBS_$$*)) $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(FUZZ_SAN) -fsanitize=address,undefined $(FUZZ_CFLAGS) $(FUZZ_INC_$*) \
		-DFUZZ_CORPUS='"tests/fuzz/$*"' -o $@ $< tests/fuzz/replay.c $(FUZZ_SRCS_$*) $(FUZZ_LIBS_$*)

.PHONY: fuzz
fuzz: deps
	@$(MAKE) --no-print-directory $(FUZZ_BINS)
	tests/fuzz/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

ALL         += $(FUZZ_BINS)
UNIT_TESTS  += $(FUZZ_REPLAY)
INTEG_TESTS += tests/integration/fuzz/brief.sh
LINT_SRCS   += $(wildcard tests/fuzz/*.c tests/fuzz/*.h)
