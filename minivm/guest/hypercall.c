/*
 * hypercall.c - talking to the VMM.
 *
 * A hypercall is one 32-bit OUT instruction: the port says which call, the
 * value is the guest address of its argument block (abi.h). The OUT makes
 * the vCPU leave the guest (a KVM_EXIT_IO exit, about 12 us on a PVM host:
 * docs/kvm-flavours.md);
 * the VMM does the work, writes the result into the block and resumes us
 * after the OUT. Every call uses the one block below; one CPU and no
 * interrupts mean no two hypercalls are ever in flight.
 */
#include "kernel.h"
#include "cpu.h"

void hypercall(uint16_t port, void *block)
{
	/* "memory": the VMM reads the block and writes its result fields. */
	__asm__ volatile("outl %0, %1" : : "a"((uint32_t)(uint64_t)block), "Nd"(port) : "memory");
}

/* The argument block, in the kernel's own .bss: the VMM writes that page
 * before the first entry (minivm/lib/vm.c), so it is mapped with the
 * kernel's code on the guest's first fault there. In the hypercall page
 * (MINIVM_HCARG_ADDR) the first hypercall cost one more shadow-paging
 * fault, about 20 us on an Intel Xeon PVM host; that page now holds only
 * the writev/readv bounce buffer. The VMM takes a block at any guest
 * address and checks it. The panic report is the largest block. */
static uint64_t hc_args[sizeof(struct minivm_hc_panic) / sizeof(uint64_t)];
_Static_assert(sizeof(struct minivm_hc_panic) % sizeof(uint64_t) == 0, "panic block size");
_Static_assert(sizeof(struct minivm_hc_rw) <= sizeof(hc_args), "hypercall block too small");
_Static_assert(sizeof(struct minivm_hc_sleep) <= sizeof(hc_args), "hypercall block too small");

void *hc_block(void)
{
	return hc_args;
}

void phase(uint64_t id)
{
	struct minivm_hc_phase *b = hc_block();

	/* Start-up phases go into the boot information (abi.h), which the VMM
	 * reads after the run: two exits fewer per start. The kernel's `boot`
	 * pointer is const (the VMM's input); this field is the exception. */
	if (id < MINIVM_PHASE_STAMPS) {
		((struct minivm_bootinfo *)MINIVM_BOOTINFO_ADDR)->phase_tsc[id] = rdtsc();
		return;
	}
	b->id = id;
	hypercall(MINIVM_HC_PHASE, b);
}

long host_write(int fd, const void *buf, size_t len)
{
	struct minivm_hc_rw *b = hc_block();

	b->fd = fd;
	b->buf = (uint64_t)buf;
	b->len = len;
	b->ret = -EIO; /* what stays if the VMM did not answer */
	hypercall(MINIVM_HC_WRITE, b);
	return b->ret;
}

long host_read(void *buf, size_t len)
{
	struct minivm_hc_rw *b = hc_block();

	b->fd = 0;
	b->buf = (uint64_t)buf;
	b->len = len;
	b->ret = -EIO;
	hypercall(MINIVM_HC_READ, b);
	return b->ret;
}

void host_exit(int status)
{
	struct minivm_hc_exit *b = hc_block();

	b->status = status;
	hypercall(MINIVM_HC_EXIT, b);
	halt_forever(); /* the VMM does not resume us after an exit */
	__builtin_unreachable();
}

long host_sleep(uint64_t ns)
{
	struct minivm_hc_sleep *b = hc_block();

	b->ns = ns;
	b->ret = 0;
	hypercall(MINIVM_HC_SLEEP, b);
	return b->ret;
}

/* A kernel-detected error: the same report as a CPU exception, vector ~0. */
void panic(const char *msg)
{
	struct minivm_hc_panic *p = hc_block();
	char *end = p->msg + sizeof(p->msg) - 1;

	memset(p, 0, sizeof(*p));
	p->vector = ~0ULL;
	*fmt_str(p->msg, end, msg) = '\0';
	hypercall(MINIVM_HC_PANIC, p);
	halt_forever();
	__builtin_unreachable();
}
