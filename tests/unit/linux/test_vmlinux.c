/*
 * test_vmlinux.c - the vmlinux ELF loader (on a fake ELF, broken ELFs and
 * Debian's vmlinux when present) and the 64-bit entry state.
 */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "kernel_file.h"
#include "layout.h"
#include "vmlinux.h"

#define MiB (1ULL << 20)

/* An ELF like vmlinux: text at virtual 0xffffffff81000000 / physical
 * 16 MiB, data with a .bss tail at 17 MiB, entry given as virtual. */
static uint8_t *fake_elf(size_t *len)
{
	size_t size = 0x3000;
	uint8_t *b = calloc(1, size);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)b;
	Elf64_Phdr *ph = (Elf64_Phdr *)(b + sizeof(*eh));

	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = 0xffffffff81000040ULL;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = 3;
	ph[0] = (Elf64_Phdr){.p_type = PT_LOAD,
			     .p_offset = 0x1000,
			     .p_vaddr = 0xffffffff81000000ULL,
			     .p_paddr = 16 * MiB,
			     .p_filesz = 0x1000,
			     .p_memsz = 0x1000};
	ph[1] = (Elf64_Phdr){.p_type = PT_LOAD,
			     .p_offset = 0x2000,
			     .p_vaddr = 0xffffffff81100000ULL,
			     .p_paddr = 17 * MiB,
			     .p_filesz = 0x800,
			     .p_memsz = 0x3000};
	ph[2] = (Elf64_Phdr){.p_type = PT_NOTE, .p_offset = 0x2000, .p_filesz = 0x10};
	memset(b + 0x1000, 0xaa, 0x1000);
	memset(b + 0x2000, 0xbb, 0x1000);
	*len = size;
	return b;
}

static void loads_fake_elf(void **state)
{
	size_t len;
	uint8_t *b = fake_elf(&len), *mem = malloc(32 * MiB);
	struct vmlinux vm;
	const char *why = NULL;

	memset(mem, 0x55, 32 * MiB); /* memory with old contents */
	assert_true(vmlinux_is_elf(b, len));
	if (vmlinux_load(b, len, mem, 32 * MiB, &vm, &why))
		fail_msg("%s", why);
	assert_int_equal(vm.entry, 16 * MiB + 0x40); /* translated to physical */
	assert_int_equal(vm.phys_lo, 16 * MiB);
	assert_int_equal(vm.phys_hi, 17 * MiB + 0x3000);
	assert_int_equal(vm.segments, 2);
	assert_int_equal(mem[16 * MiB], 0xaa);
	assert_int_equal(mem[16 * MiB + 0xfff], 0xaa);
	assert_int_equal(mem[17 * MiB + 0x7ff], 0xbb);
	assert_int_equal(mem[17 * MiB + 0x800], 0); /* .bss zeroed */
	assert_int_equal(mem[17 * MiB + 0x2fff], 0);
	assert_int_equal(mem[17 * MiB + 0x3000], 0x55); /* and no further */
	assert_int_equal(mem[16 * MiB - 1], 0x55);
	free(mem);
	free(b);
}

static void expect_error(const uint8_t *b, size_t len, uint64_t mem_size, const char *words)
{
	static uint8_t mem[64];
	struct vmlinux vm;
	const char *why = NULL;
	int rc = mem_size ? vmlinux_load(b, len, mem, mem_size, &vm, &why)
			  : vmlinux_probe(b, len, &vm, &why);

	assert_int_equal(rc, -1);
	if (!why || !strstr(why, words))
		fail_msg("reason \"%s\" lacks \"%s\"", why ? why : "(none)", words);
}

static void rejects_broken_elves(void **state)
{
	size_t len;
	uint8_t *b = fake_elf(&len);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)b;
	Elf64_Phdr *ph = (Elf64_Phdr *)(b + sizeof(*eh));

	assert_false(vmlinux_is_elf((const uint8_t *)"MZ\x90", 3));
	expect_error((const uint8_t *)"\177ELF", 4, 0, "not an ELF");
	expect_error(b, 0x2100, 0, "truncated"); /* cuts the second segment */
	expect_error(b, 100, 0, "truncated");	 /* cuts the program headers */
	/* memory too small: the last segment ends at 17 MiB + 12 KiB */
	expect_error(b, len, 17 * MiB, "too small");
	eh->e_ident[EI_CLASS] = ELFCLASS32;
	expect_error(b, len, 0, "64-bit");
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_machine = EM_AARCH64;
	expect_error(b, len, 0, "64-bit x86");
	eh->e_machine = EM_X86_64;
	eh->e_entry = 0x1234;
	expect_error(b, len, 0, "entry point");
	eh->e_entry = 16 * MiB;
	ph[0].p_paddr = 0x8000;
	expect_error(b, len, 0, "below 1 MiB");
	ph[0].p_type = PT_NULL;
	ph[1].p_type = PT_NULL;
	expect_error(b, len, 0, "no PT_LOAD");
	free(b);
}

/* Sums of untrusted fields that would wrap past 2^64 are refused, not
 * taken for small numbers. */
static void rejects_wrapping_segments(void **state)
{
	size_t len;
	uint8_t *b = fake_elf(&len);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)b;
	Elf64_Phdr *ph = (Elf64_Phdr *)(b + sizeof(*eh));

	/* paddr + memsz = 2^64 + 0x1000: the end would read as 4 KiB. */
	ph[1].p_paddr = 0xfffffffffffff000ULL;
	ph[1].p_memsz = 0x2000;
	expect_error(b, len, 0, "past 2^64");
	free(b);
	b = fake_elf(&len);
	eh = (Elf64_Ehdr *)b;
	eh->e_phoff = sizeof(*eh) + 4; /* program headers read in place: aligned */
	expect_error(b, len, 0, "misaligned");
	free(b);
}

/* The note walk stays inside the PT_NOTE segment: a note whose padded name
 * runs past the segment's end ends the walk. Behind this segment the file
 * holds a "Linux" note that a walk past the end would find. */
static void note_walk_stays_inside(void **state)
{
	size_t len;
	uint8_t *b = fake_elf(&len);
	Elf64_Phdr *ph = (Elf64_Phdr *)(b + sizeof(Elf64_Ehdr));
	uint8_t *n = b + 0x2800;

	/* {namesz 1, descsz 0, type 0}, "A": 13 bytes, the name padded to 4
	 * would end at 16. */
	memset(n, 0, 0x100);
	bz_put32(n, 1);
	n[12] = 'A';
	/* at offset 16: a well-formed "Linux" note, outside the segment */
	bz_put32(n + 16, 6);
	memcpy(n + 28, "Linux", 6);
	ph[2] = (Elf64_Phdr){.p_type = PT_NOTE, .p_offset = 0x2800, .p_filesz = 13};
	assert_false(vmlinux_has_linux_note(b, len));
	/* The same note inside the segment is found. */
	ph[2].p_filesz = 36;
	assert_true(vmlinux_has_linux_note(b, len));
	free(b);
}

static void loads_debian_vmlinux(void **state)
{
	size_t len = 0;
	uint8_t *b = read_kernel_file("vmlinux", &len), *mem;
	struct vmlinux vm;
	const char *why = NULL;

	if (!b)
		skip();
	if (vmlinux_probe(b, len, &vm, &why))
		fail_msg("%s", why);
	assert_int_equal(vm.entry, vm.phys_lo); /* startup_64 opens .text */
	assert_true(vm.phys_lo >= 16 * MiB);
	mem = calloc(1, vm.phys_hi);
	assert_non_null(mem);
	assert_int_equal(vmlinux_load(b, len, mem, vm.phys_hi, &vm, &why), 0);
	/* the entry's first bytes are code copied from the file */
	assert_memory_not_equal(mem + vm.entry, "\0\0\0\0\0\0\0\0", 8);
	free(mem);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(loads_fake_elf),
	    cmocka_unit_test(rejects_broken_elves),
	    cmocka_unit_test(rejects_wrapping_segments),
	    cmocka_unit_test(note_walk_stays_inside),
	    cmocka_unit_test(loads_debian_vmlinux),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
