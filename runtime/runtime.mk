# runtime/: the minictr container runtime - library, command, image, tests.
#
#   build/libminictr.a      the library (runtime/lib), API in runtime/include/minictr.h
#   build/minictr           the command (runtime/cmd/minictr.c)
#   make image              build/image/: a root file system with IMAGE_BINS in bin/
#   make image-shell        build/image-shell/: the same with busybox (sh, ls, ps...), for demos
#   build/tests/runtime_*   cmocka unit tests

CPPFLAGS_runtime := -Iruntime/include -Iruntime/lib -Icommon
CPPFLAGS_tests   += -Iruntime/include -Iruntime/lib

RUNTIME_SRCS := $(sort $(wildcard runtime/lib/*.c))
RUNTIME_OBJS := $(RUNTIME_SRCS:%.c=$(BUILD)/obj/%.o)

$(BUILD)/libminictr.a: $(RUNTIME_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

# The command is built a second time from the same sources with musl, static:
# a static musl program started in about half the time of a glibc one on
# a 2-core AMD EPYC PVM VM, 2026-11-27 (fewer pages to map and fault in),
# and that start is part of every
# container's start-up. musl has no Linux UAPI headers of its own (linux/*.h,
# asm/*.h): take the system's, after musl's own.
# 2>/dev/null: on a fresh machine the compiler comes with `make deps`, after
# this line was read; the build itself runs in a second make.
MUSL_UAPI := -idirafter /usr/include -idirafter /usr/include/$(shell $(CC) -print-multiarch 2>/dev/null)
RUNTIME_MUSL_OBJS := $(patsubst %.c,$(BUILD)/musl/%.o,$(RUNTIME_SRCS) runtime/cmd/minictr.c)

$(BUILD)/musl/%.o: %.c
	@mkdir -p $(dir $@)
	$(MUSLCC) -O2 -g -std=gnu11 -Wall -Wextra -Wshadow -Wno-unused-parameter -D_GNU_SOURCE \
		$(CPPFLAGS_runtime) $(MUSL_UAPI) -MMD -MP -c -o $@ $<

-include $(RUNTIME_MUSL_OBJS:.o=.d)

$(BUILD)/minictr: $(RUNTIME_MUSL_OBJS)
	$(MUSLCC) -static -o $@ $^

# Test programs: static musl, like the workload, so they run in the image.
$(BUILD)/programs/runtime/%: tests/programs/runtime/%.c
	@mkdir -p $(dir $@)
	$(MUSLCC) $(MUSLCFLAGS) -o $@ $<

RUNTIME_PROGRAMS := $(BUILD)/programs/runtime/ctrprobe $(BUILD)/programs/runtime/escprobe

# libcheck: a host program that drives the library as the harness does (a
# host build, so the pattern rule above does not apply: it is listed first).
$(BUILD)/programs/runtime/libcheck: $(BUILD)/obj/tests/programs/runtime/libcheck.o \
		$(BUILD)/libminictr.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^

# The image: a root file system directory. Other parts append their static
# binaries to IMAGE_BINS (the bench adds build/workload); each lands in
# build/image/bin/ under its own name. proc, dev, tmp and sys are the empty
# directories the runtime mounts on; etc/ has the few files programs look
# for. The directory is rebuilt from scratch, so nothing stale stays in it.
IMAGE_BINS += $(RUNTIME_PROGRAMS)
IMAGE_DIR  := $(BUILD)/image

.PHONY: image
image: $(IMAGE_DIR)/.stamp

# $$(IMAGE_BINS): expanded a second time, once every fragment is read, so a
# fragment included after this one (the top Makefile includes them in name
# order) still gets its binaries in; $(IMAGE_BINS) would be the list as it
# stands here. The recipe's $(IMAGE_BINS) is expanded late anyway.
.SECONDEXPANSION:
$(IMAGE_DIR)/.stamp: $$(IMAGE_BINS) runtime/runtime.mk
	rm -rf $(IMAGE_DIR)
	mkdir -p $(IMAGE_DIR)/bin $(IMAGE_DIR)/proc $(IMAGE_DIR)/dev $(IMAGE_DIR)/tmp \
		$(IMAGE_DIR)/sys $(IMAGE_DIR)/etc
	cp $(IMAGE_BINS) $(IMAGE_DIR)/bin/
	printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' \
		> $(IMAGE_DIR)/etc/passwd
	printf 'root:x:0:\nnobody:x:65534:\n' > $(IMAGE_DIR)/etc/group
	printf 'minictr\n' > $(IMAGE_DIR)/etc/hostname
	printf '127.0.0.1 localhost minictr\n::1 localhost\n' > $(IMAGE_DIR)/etc/hosts
	touch $@

# The image with a shell, for demos: build/image plus Debian's static
# busybox (package busybox-static, installed by scripts/deps.sh shell) and
# a link to it for each of its programs (sh, ls, cat, ps, mount...) that
# the image does not have already. Not part of `make` or `make test`:
#   make image-shell && build/minictr run --rootfs build/image-shell -- /bin/sh
IMAGE_SHELL_DIR := $(BUILD)/image-shell
BUSYBOX         ?= /bin/busybox

.PHONY: image-shell
image-shell: $(IMAGE_SHELL_DIR)/.stamp

$(IMAGE_SHELL_DIR)/.stamp: $(IMAGE_DIR)/.stamp
	@scripts/deps.sh shell
	rm -rf $(IMAGE_SHELL_DIR)
	cp -a $(IMAGE_DIR) $(IMAGE_SHELL_DIR)
	rm -f $(IMAGE_SHELL_DIR)/.stamp
	cp $(BUSYBOX) $(IMAGE_SHELL_DIR)/bin/busybox
	for p in $$($(BUSYBOX) --list); do \
		[ -e $(IMAGE_SHELL_DIR)/bin/$$p ] || ln -s busybox $(IMAGE_SHELL_DIR)/bin/$$p || exit 1; \
	done
	touch $@

# Unit tests (cmocka), linked with the library.
RUNTIME_UNIT := $(patsubst tests/unit/runtime/%.c,$(BUILD)/tests/runtime_%,\
	$(sort $(wildcard tests/unit/runtime/*.c)))

$(BUILD)/tests/runtime_%: $(BUILD)/obj/tests/unit/runtime/%.o $(BUILD)/libminictr.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka

ALL         += $(BUILD)/libminictr.a $(BUILD)/minictr $(RUNTIME_PROGRAMS) \
	$(BUILD)/programs/runtime/libcheck \
	$(IMAGE_DIR)/.stamp
UNIT_TESTS  += $(RUNTIME_UNIT)
INTEG_TESTS += $(sort $(wildcard tests/integration/runtime/*.sh))
LINT_SRCS   += $(RUNTIME_SRCS) $(wildcard runtime/lib/*.h runtime/include/*.h) runtime/cmd/minictr.c \
	$(wildcard tests/unit/runtime/*.c) $(wildcard tests/programs/runtime/*.c)
