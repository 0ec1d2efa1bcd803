# minivm/linux: booting a real Linux kernel in minivm (the linuxvm backend).
#
# Phase 1 (this file today): the pure parts, testable without KVM, in
# build/liblinuxboot.a: bzImage header parser, boot_params builder, vmlinux
# ELF loader, newc cpio writer, 16550A UART model.
# Tools: build/bzimage-info (print a kernel image's setup header),
# build/mkinitramfs (cpio initramfs from a directory), build/linux-init (the
# guest's /init, static musl).
#
#   make kernel       fetch Debian's cloud kernel into build/kernel/ (network)
#   make initramfs    build/initramfs.cpio from build/image/ (make image)
#   make minimal-kernel  a minimal guest kernel from Debian's linux-source
#                     into build/kernel-minimal/ (long; not part of make/test)

LINUXBOOT_SRCS := $(addprefix minivm/linux/,bzimage.c bootparams.c vmlinux.c kimage.c cmdline.c \
	cpio.c uart8250.c)
LINUXBOOT_OBJS := $(LINUXBOOT_SRCS:%.c=$(BUILD)/obj/%.o)
LINUX_TOOL_SRCS := minivm/linux/bzimage-info.c minivm/linux/mkinitramfs.c
LINUX_TEST_SRCS := $(wildcard tests/unit/linux/test_*.c)
LINUX_TESTS := $(patsubst tests/unit/linux/%.c,$(BUILD)/tests/linux/%,$(LINUX_TEST_SRCS))

# Our headers sit beside our sources (minivm/linux/*.h); the generic object
# rule only adds CPPFLAGS_minivm, which belongs to the VMM's fragment, so we
# add our include path to our own objects only.
$(LINUXBOOT_OBJS) $(LINUX_TOOL_SRCS:%.c=$(BUILD)/obj/%.o) $(LINUX_TEST_SRCS:%.c=$(BUILD)/obj/%.o): \
	CFLAGS += -Iminivm/linux -Iminivm/include -Icommon

$(BUILD)/liblinuxboot.a: $(LINUXBOOT_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/bzimage-info: $(BUILD)/obj/minivm/linux/bzimage-info.o $(BUILD)/liblinuxboot.a
	$(CC) $(CFLAGS) -o $@ $^

$(BUILD)/mkinitramfs: $(BUILD)/obj/minivm/linux/mkinitramfs.o $(BUILD)/liblinuxboot.a
	$(CC) $(CFLAGS) -o $@ $^

# The guest's /init runs inside Linux, on no libc but its own: static musl.
$(BUILD)/linux-init: minivm/linux/init.c minivm/linux/initports.h
	@mkdir -p $(dir $@)
	$(MUSLCC) $(MUSLCFLAGS) -Iminivm/linux -o $@ $<

$(BUILD)/tests/linux/%: $(BUILD)/obj/tests/unit/linux/%.o $(BUILD)/liblinuxboot.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka

.PHONY: kernel initramfs minimal-kernel
kernel: $(BUILD)/bzimage-info
	scripts/fetch-kernel.sh $(BUILD)/kernel

# A minimal microVM kernel (minivm/linux/minimal.config) built from Debian's
# linux-source: minutes of compiling, so only on request, never from ALL,
# `make test` or CI. The script caches the source and the build in build/.
minimal-kernel:
	scripts/build-minimal-kernel.sh $(BUILD)/kernel-minimal

# The initramfs: the image directory of `make image` (runtime/runtime.mk;
# the workload is bin/workload in it) with our /init.
initramfs: $(BUILD)/initramfs.cpio
$(BUILD)/initramfs.cpio: $(BUILD)/mkinitramfs $(BUILD)/linux-init $(BUILD)/image/.stamp
	$(BUILD)/mkinitramfs -o $@ --init $(BUILD)/linux-init --exclude .stamp $(BUILD)/image

ALL += $(BUILD)/liblinuxboot.a $(BUILD)/bzimage-info $(BUILD)/mkinitramfs $(BUILD)/linux-init \
	$(BUILD)/initramfs.cpio
UNIT_TESTS += $(LINUX_TESTS)
INTEG_TESTS += $(sort $(wildcard tests/integration/linux/*.sh))
LINT_SRCS += $(LINUXBOOT_SRCS) $(LINUX_TOOL_SRCS) minivm/linux/init.c $(LINUX_TEST_SRCS)

# The Linux boot inside the VMM: needs the minivm library (minivm/lib/),
# whose KVM, memory, CPUID and signal functions it uses. Its objects go into
# build/libminivm.a, so that the `minivm` command and the harness, which
# link that library, get `minivm run --kernel IMAGE` with it.
ifneq ($(wildcard minivm/lib/vm.h),)
LINUXVM_SRCS := minivm/linux/linuxvm.c minivm/linux/linuxexits.c minivm/linux/linuxcmd.c
LINUXVM_OBJS := $(LINUXVM_SRCS:%.c=$(BUILD)/obj/%.o)
$(LINUXVM_OBJS) $(BUILD)/obj/minivm/cmd/minivm.o: CFLAGS += -Iminivm/linux -Iminivm/include -Iminivm/lib
$(BUILD)/libminivm.a: $(LINUXBOOT_OBJS) $(LINUXVM_OBJS)
# The `minivm` command is a static musl build of the same sources (see
# minivm/minivm.mk): it gets the musl-built Linux boot objects.
$(BUILD)/obj/musl/minivm/cmd/minivm.o $(BUILD)/obj/musl/minivm/linux/%.o: CFLAGS += -Iminivm/linux -Iminivm/include -Iminivm/lib
$(BUILD)/minivm: $(patsubst $(BUILD)/obj/%,$(BUILD)/obj/musl/%,$(LINUXBOOT_OBJS) $(LINUXVM_OBJS))
LINT_SRCS += $(LINUXVM_SRCS)
endif

# The workload of the Linux boot tests (tests/integration/linux/ready.sh).
$(BUILD)/tests/linux/hello: tests/programs/linux/hello.c
	@mkdir -p $(dir $@)
	$(MUSLCC) $(MUSLCFLAGS) -o $@ $<
ALL += $(BUILD)/tests/linux/hello

# Headers and the test workload are checked by `make lint` too.
LINT_SRCS += $(wildcard minivm/linux/*.h tests/unit/linux/*.h) tests/programs/linux/hello.c
