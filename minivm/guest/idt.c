/*
 * idt.c - the interrupt descriptor table and the crash report.
 *
 * There are no devices and no timer, so the only entries are the 32 CPU
 * exceptions, and each one is fatal: a program that faults under Linux
 * would die of a signal, and we do not deliver signals. The handler sends
 * the vector, error code and every register to the VMM (MINIVM_HC_PANIC),
 * which ends minivm with its crash status. The handlers run at ring 0 (an
 * exception from ring 3 switches rings through the IDT even under PVM).
 */
#include "kernel.h"
#include "cpu.h"
#include "tables.h"

#define IDT_VECTORS    32
#define GATE_INTERRUPT 0x8e /* present, ring 0, 64-bit interrupt gate (IF cleared) */
#define IST_EXCEPTIONS 1    /* tss.ist[0], see gdt.c */

struct gate idt[IDT_VECTORS];

extern const uint64_t exception_stubs[IDT_VECTORS]; /* exceptions.S */

struct table_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

/* Ring 0: point the CPU at the table. It is filled in by idt_fill() just
 * after, at ring 3, where the loop costs nothing (under PVM every ring-0
 * instruction is emulated: docs/kvm-flavours.md). An exception between the two would find
 * no gate and end in a triple fault, which the VMM also reports. */
void idt_load(void)
{
	struct table_pointer idtr = {sizeof(idt) - 1, (uint64_t)idt};

	__asm__ volatile("lidt %0" : : "m"(idtr));
}

/* Ring 3: the table is ordinary memory. Gates for the exceptions only, and
 * with DPL 0, so that an INT n instruction from ring 3 raises #GP instead
 * of entering a handler. */
void idt_fill(void)
{
	for (int v = 0; v < IDT_VECTORS; v++) {
		uint64_t stub = exception_stubs[v];

		idt[v].offset_low = stub & 0xffff;
		idt[v].selector = MINIVM_SEL_CODE;
		idt[v].ist = IST_EXCEPTIONS;
		idt[v].type = GATE_INTERRUPT;
		idt[v].offset_mid = stub >> 16 & 0xffff;
		idt[v].offset_high = stub >> 32;
	}
}

static const char *const exception_names[IDT_VECTORS] = {
    "#DE divide error",
    "#DB debug",
    "NMI",
    "#BP breakpoint",
    "#OF overflow",
    "#BR bound range",
    "#UD invalid opcode",
    "#NM device not available",
    "#DF double fault",
    "coprocessor segment overrun",
    "#TS invalid TSS",
    "#NP segment not present",
    "#SS stack fault",
    "#GP general protection",
    "#PF page fault",
    "reserved 15",
    "#MF x87 error",
    "#AC alignment check",
    "#MC machine check",
    "#XM SIMD error",
    "#VE virtualization",
    "#CP control protection",
    "reserved 22",
    "reserved 23",
    "reserved 24",
    "reserved 25",
    "reserved 26",
    "reserved 27",
    "reserved 28",
    "#VC VMM communication",
    "#SX security",
    "reserved 31",
};

/* Called by exception_common with the saved registers; never returns. */
// cppcheck-suppress unusedFunction ; called from exceptions.S
void exception_report(const struct exception_frame *f)
{
	struct minivm_hc_panic *p = hc_block();
	const char *name = f->vector < IDT_VECTORS ? exception_names[f->vector] : "?";
	char *end = p->msg + sizeof(p->msg) - 1;

	memset(p, 0, sizeof(*p));
	p->vector = f->vector;
	p->error = f->error;
	p->rip = f->rip;
	p->rsp = f->rsp;
	p->rflags = f->rflags;
	p->cr2 = read_cr2();
	p->rax = f->rax;
	p->rbx = f->rbx;
	p->rcx = f->rcx;
	p->rdx = f->rdx;
	p->rsi = f->rsi;
	p->rdi = f->rdi;
	p->rbp = f->rbp;
	p->r8 = f->r8;
	p->r9 = f->r9;
	p->r10 = f->r10;
	p->r11 = f->r11;
	p->r12 = f->r12;
	p->r13 = f->r13;
	p->r14 = f->r14;
	p->r15 = f->r15;
	*fmt_str(p->msg, end, name) = '\0';
	hypercall(MINIVM_HC_PANIC, p);
	halt_forever();
}
