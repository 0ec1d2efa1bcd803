/* Unit tests of minivm/lib/fastentry.c: the kernel header of the optional
 * ring-3 entry is used only when every value in it points inside guest
 * memory and the kernel; the registers the entry loads (longmode.c) pass
 * the checks of each KVM flavour. */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vm.h"

#define MEM_SIZE (8ULL << 20)

struct fixture {
	uint8_t *mem;
	struct mv_elf kernel;
	struct minivm_kernel_header h;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->mem = calloc(1, MEM_SIZE);
	assert_non_null(f->mem);
	/* A kernel of one code segment of 64 KiB at MINIVM_KERNEL_ADDR. */
	f->kernel.nseg = 1;
	f->kernel.seg[0].gpa = MINIVM_KERNEL_ADDR;
	f->kernel.seg[0].memsz = 0x10000;
	f->kernel.seg[0].flags = PF_R | PF_X;
	f->h = (struct minivm_kernel_header){
	    .magic = MINIVM_KHDR_MAGIC,
	    .user_entry = MINIVM_KERNEL_ADDR + 0x100,
	    .gdt_base = MINIVM_KERNEL_ADDR + 0x8000,
	    .gdt_limit = 8 * 8 - 1,
	    .idt_base = MINIVM_KERNEL_ADDR + 0x9000,
	    .idt_limit = 256 * 16 - 1,
	    .tss_selector = 0x28,
	    .tss_base = MINIVM_KERNEL_ADDR + 0xa000,
	    .tss_limit = 0x67 + 8192 / 8,
	    .user_cs = 0x1b,
	    .user_ss = 0x23,
	    .star = 0x0013000800000000ULL,
	    .lstar = MINIVM_KERNEL_ADDR + 0x200,
	    .fmask = 0x47700,
	};
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->mem);
	free(f);
	return 0;
}

/* Put the header in guest memory and check it. */
static int check(struct fixture *f, const char **why)
{
	struct minivm_kernel_header out;

	*why = NULL;
	memcpy(f->mem + MINIVM_KERNEL_ADDR, &f->h, sizeof(f->h));
	int rc = mv_kernel_header(f->mem, MEM_SIZE, &f->kernel, &out, why);
	if (rc == 1)
		assert_memory_equal(&out, &f->h, sizeof(out));
	return rc;
}

static void test_valid(void **state)
{
	const char *why;

	assert_int_equal(check(*state, &why), 1);
}

static void test_absent(void **state)
{
	struct fixture *f = *state;
	const char *why;

	f->h.magic = 0x464c457f; /* an ELF header where the kernel starts */
	assert_int_equal(check(f, &why), 0);
}

static void test_bad_entry(void **state)
{
	struct fixture *f = *state;
	const char *why;

	f->h.user_entry = MINIVM_KERNEL_ADDR + 0x10000; /* just past the code */
	assert_int_equal(check(f, &why), -1);
	assert_non_null(strstr(why, "user_entry"));
	f->h.user_entry = 0;
	assert_int_equal(check(f, &why), -1);
}

static void test_tables_outside(void **state)
{
	struct fixture *f = *state;
	const struct minivm_kernel_header good = f->h;
	const char *why;

	f->h.gdt_base = MEM_SIZE - 8; /* runs past the end */
	assert_int_equal(check(f, &why), -1);
	f->h = good;
	f->h.idt_base = UINT64_MAX - 0x100; /* base + limit wraps */
	assert_int_equal(check(f, &why), -1);
	f->h = good;
	f->h.tss_limit = 0x10000; /* more than a descriptor can hold */
	assert_int_equal(check(f, &why), -1);
	assert_non_null(strstr(why, "outside"));
}

static void test_bad_selectors(void **state)
{
	struct fixture *f = *state;
	const char *why;

	f->h.user_cs = 0x18; /* RPL 0: not a ring-3 selector */
	assert_int_equal(check(f, &why), -1);
	f->h.user_cs = 0x1b;
	f->h.tss_selector = 0x40; /* past the GDT's limit */
	assert_int_equal(check(f, &why), -1);
	f->h.tss_selector = 0x2c; /* an LDT selector */
	assert_int_equal(check(f, &why), -1);
	assert_non_null(strstr(why, "selectors"));
}

/* Intel SDM vol. 3, 28.3.1.2: the VM-entry checks on guest segment
 * registers that concern the fast entry (a 64-bit guest, "unrestricted
 * guest" or not). NULL if they pass, else the rule that fails. */
static const char *vmx_segment_rule_broken(const struct kvm_sregs *s)
{
	const struct kvm_segment *data[] = {&s->ds, &s->es, &s->fs, &s->gs};

	if (s->tr.selector & 4)
		return "TR: TI flag must be 0";
	if ((s->ss.selector & 3) != (s->cs.selector & 3))
		return "SS: RPL must equal CS's RPL";
	if (!(s->cs.type & 8) || !(s->cs.type & 1) || !s->cs.s || !s->cs.present)
		return "CS: a present, accessed code segment";
	if (!(s->cs.type & 4) && s->cs.dpl != s->ss.dpl)
		return "CS: a non-conforming code segment's DPL must equal SS's";
	if (s->cs.l && s->cs.db)
		return "CS: D/B must be 0 when L is 1";
	if (!s->ss.unusable && (s->ss.type != 3 && s->ss.type != 7))
		return "SS: type 3 or 7 (read/write data)";
	if (s->ss.dpl != (s->ss.selector & 3))
		return "SS: DPL must equal its RPL";
	for (int i = 0; i < 4; i++) {
		const struct kvm_segment *d = data[i];
		if (d->unusable)
			continue;
		if (!(d->type & 1) || !d->s || !d->present)
			return "DS/ES/FS/GS: present, accessed code or data";
		if (d->type < 12 && d->dpl < (d->selector & 3))
			return "DS/ES/FS/GS: DPL not below RPL";
	}
	if (s->tr.type != 11)
		return "TR: type 11 (busy 64-bit TSS) in a 64-bit guest";
	if (s->tr.s || !s->tr.present || s->tr.unusable)
		return "TR: a present system segment, usable";
	if ((s->tr.limit & 0xfff) != 0xfff && s->tr.g)
		return "TR: G must be 0 when limit bits 11:0 are not all 1";
	if ((s->tr.limit >> 20) && !s->tr.g)
		return "TR: G must be 1 when limit bits 31:20 are not all 0";
	return NULL;
}

/* The fast entry's registers as longmode.c loads them on this flavour. */
static struct kvm_sregs ring3_state(const struct fixture *f, const char *flavour)
{
	struct kvm_sregs s;

	memset(&s, 0, sizeof(s));
	mv_ring3_sregs(&s, &f->h, flavour);
	return s;
}

static void test_ring3_vmx(void **state)
{
	struct kvm_sregs s = ring3_state(*state, "vmx");

	assert_null(vmx_segment_rule_broken(&s));
	assert_int_equal(s.ss.dpl, 3); /* the CPL */
}

/* On SVM, TR must hold what the kernel's own LTR leaves there on AMD
 * (and in QEMU's emulation, where the ring-3 I/O permission check wants
 * it): an available 64-bit TSS, type 9. With 11 the guest triple-faults
 * on its first hypercall under QEMU's SVM. */
static void test_ring3_svm(void **state)
{
	struct kvm_sregs s = ring3_state(*state, "svm");

	assert_int_equal(s.tr.type, 9);
	assert_true(s.tr.present && !s.tr.s);
	assert_int_equal(s.ss.dpl, 3); /* KVM copies it into the VMCB's CPL */
	/* AMD APM vol. 2, 15.5.1: VMRUN refuses long mode with CS.L and
	 * CS.D both set. */
	assert_true(s.cs.l && !s.cs.db);
}

/* PVM and a host whose flavour is unknown get the state VMX requires. */
static void test_ring3_other(void **state)
{
	struct kvm_sregs s = ring3_state(*state, "pvm");

	assert_null(vmx_segment_rule_broken(&s));
	s = ring3_state(*state, "none");
	assert_null(vmx_segment_rule_broken(&s));
}

/* The VMX rules above can fail: SVM's TR would not pass a VM entry. */
static void test_vmx_rules_catch_svm_tr(void **state)
{
	struct kvm_sregs s = ring3_state(*state, "svm");
	const char *rule = vmx_segment_rule_broken(&s);

	assert_non_null(rule);
	assert_non_null(strstr(rule, "TR: type 11"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_valid, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_absent, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_entry, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_tables_outside, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_selectors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ring3_vmx, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ring3_svm, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ring3_other, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_vmx_rules_catch_svm_tr, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
