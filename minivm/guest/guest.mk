# minivm/guest/guest.mk - the minivm guest kernel (build/guest/kernel.elf)
# and the test programs and scripts that exercise its system calls.
#
# The kernel is freestanding: no libc, no red zone (an exception or our own
# code may push below RSP), no SSE (-mgeneral-regs-only: the kernel never
# touches the program's vector registers, so it never saves them), no
# position independence (it runs where it is linked, MINIVM_KERNEL_ADDR).

GUEST_KERNEL  := $(BUILD)/guest/kernel.elf
GUEST_CFLAGS  := -std=gnu11 -O2 -Wall -Wextra -Wno-unused-parameter \
	-ffreestanding -nostdlib -fno-pic -fno-pie -fno-stack-protector \
	-mno-red-zone -mgeneral-regs-only -fcf-protection=none \
	-fno-asynchronous-unwind-tables -fno-unwind-tables -Iminivm/include
GUEST_LDFLAGS := -nostdlib -static -no-pie -Wl,-T,minivm/guest/kernel.ld \
	-Wl,--build-id=none -Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments
GUEST_SRCS    := $(wildcard minivm/guest/*.c minivm/guest/*.S)
GUEST_OBJS    := $(patsubst minivm/guest/%,$(BUILD)/guest/obj/%.o,$(GUEST_SRCS))

$(BUILD)/guest/obj/%.c.o: minivm/guest/%.c minivm/guest/guest.mk
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/guest/obj/%.S.o: minivm/guest/%.S minivm/guest/guest.mk
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -c -o $@ $<

$(GUEST_KERNEL): $(GUEST_OBJS) minivm/guest/kernel.ld
	$(CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) -o $@ $(GUEST_OBJS)

-include $(GUEST_OBJS:.o=.d)

ALL += $(GUEST_KERNEL)

# The same kernel without its header (header.c): the VMM then finds no
# header magic and enters it at ring 0, the path a VMM that ignores the
# header takes. Built for tests/integration/guest/ring0.sh only.
GUEST_KERNEL_RING0 := $(BUILD)/guest/kernel-ring0.elf
GUEST_OBJS_RING0   := $(filter-out %/header.c.o,$(GUEST_OBJS))

$(GUEST_KERNEL_RING0): $(GUEST_OBJS_RING0) minivm/guest/kernel.ld
	$(CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) -o $@ $(GUEST_OBJS_RING0)

ALL += $(GUEST_KERNEL_RING0)

# Test programs: static musl executables, one per tests/programs/guest/*.c,
# built as build/tests/programs/guest-<name>.
GUEST_TEST_PROGS := $(patsubst tests/programs/guest/%.c,$(BUILD)/tests/programs/guest-%,\
	$(wildcard tests/programs/guest/*.c))

$(BUILD)/tests/programs/guest-%: tests/programs/guest/%.c
	@mkdir -p $(dir $@)
	$(MUSLCC) $(MUSLCFLAGS) -o $@ $<

ALL += $(GUEST_TEST_PROGS)
INTEG_TESTS += $(sort $(wildcard tests/integration/guest/*.sh))

# The same for glibc static programs (tests/programs/guest/glibc/*.c), built
# with the host compiler: build/tests/programs/guest-glibc-<name>.
GUEST_GLIBC_PROGS := $(patsubst tests/programs/guest/glibc/%.c,$(BUILD)/tests/programs/guest-glibc-%,\
	$(wildcard tests/programs/guest/glibc/*.c))

$(BUILD)/tests/programs/guest-glibc-%: tests/programs/guest/glibc/%.c
	@mkdir -p $(dir $@)
	$(CC) -static -O2 -Wall -Wextra -o $@ $<

ALL += $(GUEST_GLIBC_PROGS)

# `make lint`: the kernel's C and the test programs.
LINT_SRCS += $(wildcard minivm/guest/*.[ch] tests/programs/guest/*.c tests/programs/guest/glibc/*.c)
