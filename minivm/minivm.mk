# minivm/minivm.mk - the minivm VMM: library, command, raw-KVM floor helper,
# its tests. (The guest kernel has its own fragment: minivm/guest/guest.mk.)

CPPFLAGS_minivm := -Iminivm/include -Iminivm/lib -Icommon

MINIVM_LIB_SRCS := $(sort $(wildcard minivm/lib/*.c))
MINIVM_LIB_OBJS := $(MINIVM_LIB_SRCS:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/minivm/lib/guest_image.o

# The guest kernel built into the library: the guest fragment's output when
# that fragment exists, otherwise an empty file (minivm then needs --kernel).
ifneq ($(wildcard minivm/guest/guest.mk),)
MINIVM_GUEST_ELF := $(BUILD)/guest/kernel.elf
else
MINIVM_GUEST_ELF := $(BUILD)/obj/minivm-no-guest-kernel
$(MINIVM_GUEST_ELF):
	@mkdir -p $(dir $@)
	: > $@
endif

$(BUILD)/obj/minivm/lib/guest_image.o: minivm/lib/guest_image.S $(MINIVM_GUEST_ELF)
	@mkdir -p $(dir $@)
	$(CC) -c -DMINIVM_GUEST_ELF='"$(MINIVM_GUEST_ELF)"' -o $@ $<

$(BUILD)/libminivm.a: $(MINIVM_LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

# The command and the floor helper are static musl programs, like the
# workload: a start costs exec and a few page faults, no dynamic loader
# (about 0.3 ms with glibc's) and no glibc start-up (another 0.3 ms for a
# static glibc build; both measured on a 2-core AMD EPYC PVM VM, 2026-11-27). They are built from the same sources
# as the library, with musl-gcc; musl has no kernel headers, so a private
# include directory points at the system's linux/ and asm/ ones only.
MINIVM_KHDR := $(BUILD)/obj/minivm-kernel-headers
MINIVM_MULTIARCH := $(shell $(CC) -print-multiarch 2>/dev/null)
$(MINIVM_KHDR)/.done:
	@mkdir -p $(dir $@)
	ln -sfn /usr/include/linux $(MINIVM_KHDR)/linux
	ln -sfn /usr/include/asm-generic $(MINIVM_KHDR)/asm-generic
	ln -sfn /usr/include/$(MINIVM_MULTIARCH)/asm $(MINIVM_KHDR)/asm
	touch $@

$(BUILD)/obj/musl/%.o: %.c $(MINIVM_KHDR)/.done
	@mkdir -p $(dir $@)
	$(MUSLCC) $(CFLAGS) -isystem $(MINIVM_KHDR) $(CPPFLAGS_minivm) -MMD -MP -c -o $@ $<

MINIVM_MUSL_OBJS := $(MINIVM_LIB_SRCS:%.c=$(BUILD)/obj/musl/%.o) \
	$(BUILD)/obj/minivm/lib/guest_image.o

$(BUILD)/minivm: $(BUILD)/obj/musl/minivm/cmd/minivm.o $(MINIVM_MUSL_OBJS)
	$(MUSLCC) $(CFLAGS) -static -o $@ $^

# The raw KVM floor: the least a VM start can cost on this host.
$(BUILD)/kvm-floor: $(BUILD)/obj/musl/minivm/tools/kvm-floor.o
	$(MUSLCC) $(CFLAGS) -static -o $@ $^

# Run inside the VM: a system call's time split into entry and return.
$(BUILD)/syscall-split: minivm/tools/syscall-split.c minivm/include/abi.h
	@mkdir -p $(dir $@)
	$(MUSLCC) $(MUSLCFLAGS) -Iminivm/include -o $@ $<

# Test programs for the integration tests: static musl, like the workload.
MINIVM_TEST_PROGS := $(patsubst tests/programs/minivm/%.c,$(BUILD)/tests/minivm/%,\
	$(wildcard tests/programs/minivm/*.c))
$(BUILD)/tests/minivm/%: tests/programs/minivm/%.c
	@mkdir -p $(dir $@)
	$(MUSLCC) $(MUSLCFLAGS) -o $@ $<

# The same argv program as a glibc static-PIE (ET_DYN, relocated at load).
$(BUILD)/tests/minivm/argv-glibc-pie: tests/programs/minivm/argv.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -static-pie -o $@ $<

# A stand-in guest kernel of a few instructions, to test the VMM alone.
$(BUILD)/tests/minivm/tinyguest.elf: tests/programs/minivm/tinyguest.S
	@mkdir -p $(dir $@)
	$(CC) -c -o $@.o $<
	$(CC) -nostdlib -static -Wl,-Ttext-segment=0x100000 -Wl,--build-id=none \
		-Wl,-z,max-page-size=4096 -o $@ $@.o

# Unit tests: cmocka, linked with the library (they test its internals too).
MINIVM_UNIT_TESTS := $(patsubst tests/unit/minivm/%.c,$(BUILD)/tests/minivm-%,\
	$(wildcard tests/unit/minivm/*.c))
$(BUILD)/tests/minivm-%: tests/unit/minivm/%.c $(BUILD)/libminivm.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CPPFLAGS_minivm) -o $@ $< $(BUILD)/libminivm.a -lcmocka

ALL += $(BUILD)/libminivm.a $(BUILD)/minivm $(BUILD)/kvm-floor $(BUILD)/syscall-split \
	$(MINIVM_TEST_PROGS) \
	$(BUILD)/tests/minivm/tinyguest.elf $(BUILD)/tests/minivm/argv-glibc-pie
UNIT_TESTS += $(MINIVM_UNIT_TESTS)
INTEG_TESTS += $(sort $(wildcard tests/integration/minivm/*.sh))
LINT_SRCS += $(MINIVM_LIB_SRCS) minivm/cmd/minivm.c minivm/tools/kvm-floor.c \
	minivm/tools/syscall-split.c \
	$(wildcard minivm/include/*.h minivm/lib/*.h tests/unit/minivm/*.c tests/programs/minivm/*.c)
