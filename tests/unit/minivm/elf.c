/* Unit tests of minivm/lib/elf.c: good, truncated and hostile ELF files. */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "vm.h"

#define LIMIT (30ULL << 20) /* the program window's top in these tests */

/* A file image: header, up to 8 program headers, then payload. */
struct image {
	uint8_t bytes[0x3000];
	Elf64_Ehdr *eh;
	Elf64_Phdr *ph;
};

static void image_init(struct image *im, uint16_t type, uint64_t entry)
{
	memset(im->bytes, 0xcc, sizeof(im->bytes));
	im->eh = (Elf64_Ehdr *)(void *)im->bytes;
	im->ph = (Elf64_Phdr *)(void *)(im->bytes + sizeof(Elf64_Ehdr));
	memset(im->eh, 0, sizeof(*im->eh));
	memcpy(im->eh->e_ident, ELFMAG, SELFMAG);
	im->eh->e_ident[EI_CLASS] = ELFCLASS64;
	im->eh->e_ident[EI_DATA] = ELFDATA2LSB;
	im->eh->e_ident[EI_VERSION] = EV_CURRENT;
	im->eh->e_type = type;
	im->eh->e_machine = EM_X86_64;
	im->eh->e_version = EV_CURRENT;
	im->eh->e_entry = entry;
	im->eh->e_phoff = sizeof(Elf64_Ehdr);
	im->eh->e_phentsize = sizeof(Elf64_Phdr);
	im->eh->e_ehsize = sizeof(Elf64_Ehdr);
}

static void add_load(struct image *im, uint64_t off, uint64_t vaddr, uint64_t filesz,
		     uint64_t memsz, uint32_t flags)
{
	Elf64_Phdr *p = &im->ph[im->eh->e_phnum++];

	memset(p, 0, sizeof(*p));
	p->p_type = PT_LOAD;
	p->p_offset = off;
	p->p_vaddr = vaddr;
	p->p_paddr = vaddr;
	p->p_filesz = filesz;
	p->p_memsz = memsz;
	p->p_flags = flags;
	p->p_align = 0x1000;
}

/* A typical static executable: text (with the headers) and data + bss. */
static void good_exec(struct image *im)
{
	image_init(im, ET_EXEC, 0x401010);
	add_load(im, 0, 0x400000, 0x1000, 0x1000, PF_R);
	add_load(im, 0x1000, 0x401000, 0x800, 0x800, PF_R | PF_X);
	add_load(im, 0x2000, 0x402000, 0x100, 0x5000, PF_R | PF_W);
}

static int parse(struct image *im, size_t size, enum mv_elf_kind kind, struct mv_elf *out,
		 const char **why)
{
	*why = NULL;
	return mv_elf_parse(im->bytes, size, kind, LIMIT, out, why);
}

static void expect_reject(struct image *im, size_t size, const char *because)
{
	struct mv_elf e;
	const char *why;

	assert_int_equal(parse(im, size, MV_ELF_PROGRAM, &e, &why), -1);
	assert_non_null(why);
	if (because && !strstr(why, because))
		fail_msg("rejected for \"%s\", expected \"%s\"", why, because);
}

static void test_good_exec(void **state)
{
	struct image im;
	struct mv_elf e;
	const char *why;

	good_exec(&im);
	assert_int_equal(parse(&im, sizeof(im.bytes), MV_ELF_PROGRAM, &e, &why), 0);
	assert_int_equal(e.bias, 0);
	assert_int_equal(e.entry, 0x401010);
	assert_int_equal(e.nseg, 3);
	assert_int_equal(e.end, 0x407000);
	assert_int_equal(e.phdr, 0x400000 + sizeof(Elf64_Ehdr)); /* found in the first segment */
	assert_int_equal(e.phnum, 3);
	assert_int_equal(e.phent, sizeof(Elf64_Phdr));

	/* Loading copies the file bytes and leaves .bss zero. */
	uint64_t mem_size = 32ULL << 20;
	uint8_t *mem = calloc(1, mem_size);
	assert_non_null(mem);
	memset(im.bytes + 0x2000, 0x5a, 0x100);
	assert_int_equal(mv_elf_load(mem, mem_size, im.bytes, sizeof(im.bytes), &e), 0);
	assert_int_equal(mem[0x402000], 0x5a);
	assert_int_equal(mem[0x4020ff], 0x5a);
	assert_int_equal(mem[0x402100], 0);
	assert_memory_equal(mem + 0x400000, im.bytes, 64);
	free(mem);
}

static void test_good_pie(void **state)
{
	struct image im;
	struct mv_elf e;
	const char *why;

	image_init(&im, ET_DYN, 0x1010);
	add_load(&im, 0, 0, 0x1000, 0x1000, PF_R);
	add_load(&im, 0x1000, 0x1000, 0x800, 0x800, PF_R | PF_X);
	assert_int_equal(parse(&im, sizeof(im.bytes), MV_ELF_PROGRAM, &e, &why), 0);
	assert_int_equal(e.bias, MINIVM_PROGRAM_ADDR);
	assert_int_equal(e.entry, MINIVM_PROGRAM_ADDR + 0x1010);
	assert_int_equal(e.seg[1].gpa, MINIVM_PROGRAM_ADDR + 0x1000);
	/* A PIE is no kernel. */
	assert_int_equal(parse(&im, sizeof(im.bytes), MV_ELF_KERNEL, &e, &why), -1);
}

static void test_kernel_window(void **state)
{
	struct image im;
	struct mv_elf e;
	const char *why;

	image_init(&im, ET_EXEC, 0x101000);
	add_load(&im, 0x1000, 0x101000, 0x100, 0x100, PF_R | PF_X);
	assert_int_equal(parse(&im, sizeof(im.bytes), MV_ELF_KERNEL, &e, &why), 0);
	/* The same file is no program: below MINIVM_PROGRAM_ADDR. */
	expect_reject(&im, sizeof(im.bytes), "outside");
	/* A kernel reaching into the program area is refused. */
	im.ph[0].p_memsz = 0x400000;
	assert_int_equal(parse(&im, sizeof(im.bytes), MV_ELF_KERNEL, &e, &why), -1);
}

static void test_truncated(void **state)
{
	struct image im;

	good_exec(&im);
	expect_reject(&im, 0, "not an ELF");
	expect_reject(&im, 16, "not an ELF");
	expect_reject(&im, sizeof(Elf64_Ehdr) + 10, "truncated");
	/* Headers complete, text segment data cut off. */
	expect_reject(&im, 0x1400, "truncated");
	/* Each size below the last segment's end is refused, never crashes. */
	for (size_t size = 0; size < 0x2100; size += 7)
		expect_reject(&im, size, NULL);
}

static void test_overlap(void **state)
{
	struct image im;

	good_exec(&im);
	add_load(&im, 0x2000, 0x406000, 0x10, 0x10, PF_R); /* inside the .bss of segment 3 */
	expect_reject(&im, sizeof(im.bytes), "overlapping");
}

static void test_entry_outside(void **state)
{
	struct image im;

	good_exec(&im);
	im.eh->e_entry = 0x500000;
	expect_reject(&im, sizeof(im.bytes), "entry");
	/* Inside a segment, but not an executable one. */
	im.eh->e_entry = 0x402010;
	expect_reject(&im, sizeof(im.bytes), "entry");
}

static void test_huge(void **state)
{
	struct image im;

	good_exec(&im);
	im.ph[2].p_memsz = 1ULL << 62;
	expect_reject(&im, sizeof(im.bytes), "too large");

	good_exec(&im);
	im.ph[2].p_vaddr = UINT64_MAX - 0x10; /* vaddr + memsz wraps */
	expect_reject(&im, sizeof(im.bytes), NULL);

	good_exec(&im);
	im.ph[1].p_offset = UINT64_MAX - 0x10; /* offset + filesz wraps */
	expect_reject(&im, sizeof(im.bytes), "truncated");

	good_exec(&im);
	im.ph[2].p_memsz = LIMIT; /* fits no guest memory left below the stack */
	expect_reject(&im, sizeof(im.bytes), "outside");

	good_exec(&im);
	im.eh->e_phoff = UINT64_MAX - 7; /* aligned, and wraps when added to */
	expect_reject(&im, sizeof(im.bytes), "truncated");

	good_exec(&im);
	im.eh->e_phoff += 1;
	expect_reject(&im, sizeof(im.bytes), "misaligned");

	good_exec(&im);
	im.eh->e_phnum = 0xffff;
	expect_reject(&im, sizeof(im.bytes), "program header");
}

static void test_hostile_headers(void **state)
{
	struct image im;

	good_exec(&im);
	im.eh->e_machine = EM_386;
	expect_reject(&im, sizeof(im.bytes), "x86-64");

	good_exec(&im);
	im.eh->e_type = ET_REL;
	expect_reject(&im, sizeof(im.bytes), "executable");

	good_exec(&im);
	im.ph[1].p_filesz = 0x900; /* more file than memory */
	expect_reject(&im, sizeof(im.bytes), "file size");

	good_exec(&im);
	im.ph[0].p_vaddr = 0x1000; /* in the VMM's low area */
	im.ph[0].p_memsz = 0x100;
	im.ph[0].p_filesz = 0x100;
	expect_reject(&im, sizeof(im.bytes), "outside");

	good_exec(&im);
	im.ph[2].p_type = PT_INTERP;
	expect_reject(&im, sizeof(im.bytes), "PT_INTERP");
}

/* The real thing: a musl static program built for the integration tests,
 * and every truncation of it. */
/* The .bss pages of a segment become resident (the host has them before
 * the guest runs); the pages past memsz stay untouched. */
static void test_touch_bss(void **state)
{
	const size_t page = 4096, size = 8 * page;
	struct mv_elf e = {.nseg = 1};
	unsigned char vec[8];
	uint8_t *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	assert_true(mem != MAP_FAILED);
	e.seg[0] = (struct mv_segment){.gpa = page, .filesz = 100, .memsz = 2 * page + 1};
	mv_elf_touch_bss(mem, size, &e);
	assert_int_equal(mincore(mem, size, vec), 0);
	assert_int_equal(vec[0] & 1, 0);
	assert_int_equal(vec[1] & 1, 1);
	assert_int_equal(vec[2] & 1, 1);
	assert_int_equal(vec[3] & 1, 1); /* the one byte past two pages */
	assert_int_equal(vec[4] & 1, 0);
	e.seg[0].memsz = size; /* outside memory: nothing */
	mv_elf_touch_bss(mem, size, &e);
	assert_int_equal(mincore(mem, size, vec), 0);
	assert_int_equal(vec[7] & 1, 0);
	munmap(mem, size);
}

static void test_real_program(void **state)
{
	FILE *f = fopen("build/tests/minivm/argv", "rb");
	if (!f)
		skip();
	static uint8_t buf[1 << 20];
	size_t size = fread(buf, 1, sizeof(buf), f);
	fclose(f);

	struct mv_elf e;
	const char *why = NULL;
	assert_int_equal(mv_elf_parse(buf, size, MV_ELF_PROGRAM, LIMIT, &e, &why), 0);
	assert_true(e.entry >= MINIVM_PROGRAM_ADDR);
	assert_true(e.phdr != 0);
	for (size_t cut = 0; cut < 4096; cut++)
		assert_int_equal(mv_elf_parse(buf, cut, MV_ELF_PROGRAM, LIMIT, &e, &why), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good_exec),	  cmocka_unit_test(test_good_pie),
	    cmocka_unit_test(test_kernel_window), cmocka_unit_test(test_truncated),
	    cmocka_unit_test(test_overlap),	  cmocka_unit_test(test_entry_outside),
	    cmocka_unit_test(test_huge),	  cmocka_unit_test(test_hostile_headers),
	    cmocka_unit_test(test_real_program),  cmocka_unit_test(test_touch_bss),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
