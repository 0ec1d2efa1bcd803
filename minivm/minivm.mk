# minivm/minivm.mk - the minivm VMM: library, command, raw-KVM floor helper,
# its tests. (The guest kernel has its own fragment: minivm/guest/guest.mk.)

CPPFLAGS_minivm := -Iminivm/include -Iminivm/lib

MINIVM_LIB_SRCS := $(sort $(wildcard minivm/lib/*.c))
MINIVM_LIB_OBJS := $(MINIVM_LIB_SRCS:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/minivm/lib/guest_image.o

# The guest kernel built into the library: the guest fragment's output when
# that fragment exists, otherwise an empty file (minivm then needs --kernel).
ifneq ($(wildcard minivm/guest/guest.mk),)
MINIVM_GUEST_ELF := $(BUILD)/guest/kernel.elf
else
MINIVM_GUEST_ELF := $(BUILD)/minivm/no-guest-kernel
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

# Linked statically: the dynamic loader would add about 0.3 ms to every VM
# start here (mapping and relocating libc), a third of the raw KVM floor.
$(BUILD)/minivm: $(BUILD)/obj/minivm/cmd/minivm.o $(BUILD)/libminivm.a
	$(CC) $(CFLAGS) -static -o $@ $^

# The raw KVM floor: the least a VM start can cost on this host (static for
# the same reason).
$(BUILD)/kvm-floor: $(BUILD)/obj/minivm/tools/kvm-floor.o
	$(CC) $(CFLAGS) -static -o $@ $^

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

ALL += $(BUILD)/libminivm.a $(BUILD)/minivm $(BUILD)/kvm-floor $(MINIVM_TEST_PROGS) \
	$(BUILD)/tests/minivm/tinyguest.elf $(BUILD)/tests/minivm/argv-glibc-pie
UNIT_TESTS += $(MINIVM_UNIT_TESTS)
INTEG_TESTS += $(sort $(wildcard tests/integration/minivm/*.sh))
LINT_SRCS += $(MINIVM_LIB_SRCS) minivm/cmd/minivm.c minivm/tools/kvm-floor.c
