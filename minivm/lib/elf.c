/*
 * elf.c - check and load ELF64 x86-64 executables: the guest kernel and the
 * program it runs. The file comes from the user and is not trusted: every
 * offset, size and address is checked, with sums written so they cannot
 * wrap, before a single byte is copied into guest memory.
 *
 * What is accepted:
 *   - the kernel: ET_EXEC whose segments lie in [MINIVM_KERNEL_ADDR,
 *     MINIVM_PROGRAM_ADDR);
 *   - the program: a static ET_EXEC at its own addresses, or a static-PIE
 *     ET_DYN (which relocates itself at start-up, as musl's and glibc's
 *     rcrt1 do) moved to MINIVM_PROGRAM_ADDR; its segments must lie in
 *     [MINIVM_PROGRAM_ADDR, limit). A PT_INTERP means it needs a dynamic
 *     loader, which the guest does not have: refused.
 * Pure functions over memory buffers: the unit tests feed them hostile files.
 */
#include <elf.h>
#include <string.h>

#include "vm.h"

#define MAX_PHNUM    64
#define MAX_VADDR    (1ULL << 47) /* the lower canonical half */
#define MAX_SEG_SIZE (1ULL << 40) /* far above any guest memory we create */

static int check_header(const Elf64_Ehdr *eh, size_t size, enum mv_elf_kind kind, const char **why)
{
	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0) {
		*why = "not an ELF file";
		return -1;
	}
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_machine != EM_X86_64 || eh->e_version != EV_CURRENT) {
		*why = "not a 64-bit little-endian x86-64 ELF file";
		return -1;
	}
	if (eh->e_type != ET_EXEC && !(kind == MV_ELF_PROGRAM && eh->e_type == ET_DYN)) {
		*why = kind == MV_ELF_KERNEL ? "kernel is not an ET_EXEC executable"
					     : "not an executable (ET_EXEC or static-PIE ET_DYN)";
		return -1;
	}
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 || eh->e_phnum > MAX_PHNUM) {
		*why = "bad program header table (entry size or count)";
		return -1;
	}
	/* The table is read in place as Elf64_Phdr: it must be aligned like
	 * one (the ELF spec places it so; the file itself is page aligned). */
	if (eh->e_phoff % 8 != 0) {
		*why = "misaligned program header table";
		return -1;
	}
	/* phoff + phnum * phentsize <= size, without overflow. */
	if (eh->e_phoff > size || (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff) {
		*why = "truncated: program headers past the end of the file";
		return -1;
	}
	return 0;
}

static int check_load(const Elf64_Phdr *ph, size_t size, const char **why)
{
	if (ph->p_filesz > ph->p_memsz) {
		*why = "segment with file size larger than memory size";
		return -1;
	}
	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset) {
		*why = "truncated: segment data past the end of the file";
		return -1;
	}
	if (ph->p_memsz > MAX_SEG_SIZE || ph->p_vaddr > MAX_VADDR) {
		*why = "segment size or address too large";
		return -1;
	}
	return 0;
}

/* The lowest page a PT_LOAD starts in: a static PIE's link address, which
 * moves to MINIVM_PROGRAM_ADDR. */
static uint64_t lowest_vaddr(const Elf64_Phdr *ph, int n)
{
	uint64_t low = UINT64_MAX;

	for (int i = 0; i < n; i++) {
		if (ph[i].p_type == PT_LOAD && ph[i].p_memsz > 0 && ph[i].p_vaddr < low)
			low = ph[i].p_vaddr;
	}
	return low & ~(MINIVM_PAGE_SIZE - 1);
}

static int overlaps(const struct mv_segment *a, const struct mv_segment *b)
{
	return a->gpa < b->gpa + b->memsz && b->gpa < a->gpa + a->memsz;
}

static int add_segment(struct mv_elf *out, const Elf64_Phdr *ph, uint64_t lo, uint64_t hi,
		       const char **why)
{
	struct mv_segment s = {
	    .gpa = ph->p_vaddr + out->bias,
	    .offset = ph->p_offset,
	    .filesz = ph->p_filesz,
	    .memsz = ph->p_memsz,
	    .flags = ph->p_flags,
	};

	if (s.gpa < lo || s.gpa > hi || s.memsz > hi - s.gpa) {
		*why = "segment outside the guest memory it may use";
		return -1;
	}
	for (int i = 0; i < out->nseg; i++) {
		if (overlaps(&out->seg[i], &s)) {
			*why = "overlapping segments";
			return -1;
		}
	}
	if (out->nseg == MV_ELF_MAX_SEGMENTS) {
		*why = "too many loadable segments";
		return -1;
	}
	out->seg[out->nseg++] = s;
	if (s.gpa + s.memsz > out->end)
		out->end = s.gpa + s.memsz;
	return 0;
}

/* Where the program headers are in guest memory, for AT_PHDR: PT_PHDR says
 * so directly; otherwise find the loaded bytes of the file that hold them. */
static uint64_t find_phdr(const Elf64_Ehdr *eh, const Elf64_Phdr *ph, const struct mv_elf *out)
{
	uint64_t len = (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);

	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_PHDR)
			return ph[i].p_vaddr + out->bias;
	}
	for (int i = 0; i < out->nseg; i++) {
		const struct mv_segment *s = &out->seg[i];
		if (eh->e_phoff >= s->offset && len <= s->filesz &&
		    eh->e_phoff - s->offset <= s->filesz - len)
			return s->gpa + (eh->e_phoff - s->offset);
	}
	return 0;
}

static int entry_inside(const struct mv_elf *out)
{
	for (int i = 0; i < out->nseg; i++) {
		const struct mv_segment *s = &out->seg[i];
		if ((s->flags & PF_X) && out->entry >= s->gpa && out->entry - s->gpa < s->memsz)
			return 1;
	}
	return 0;
}

int mv_elf_parse(const void *file, size_t size, enum mv_elf_kind kind, uint64_t limit,
		 struct mv_elf *out, const char **why)
{
	const Elf64_Ehdr *eh = file;
	uint64_t lo = kind == MV_ELF_KERNEL ? MINIVM_KERNEL_ADDR : MINIVM_PROGRAM_ADDR;
	uint64_t hi = kind == MV_ELF_KERNEL ? MINIVM_PROGRAM_ADDR : limit;

	memset(out, 0, sizeof(*out));
	if (check_header(eh, size, kind, why))
		return -1;
	/* Checked above: inside the file, and aligned. */
	const Elf64_Phdr *ph = (const Elf64_Phdr *)((const uint8_t *)file + eh->e_phoff);

	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_INTERP) {
			*why = "dynamically linked (has PT_INTERP): only static programs run";
			return -1;
		}
		if (ph[i].p_type == PT_LOAD && check_load(&ph[i], size, why))
			return -1;
	}
	if (eh->e_type == ET_DYN)
		out->bias = MINIVM_PROGRAM_ADDR - lowest_vaddr(ph, eh->e_phnum);
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		if (add_segment(out, &ph[i], lo, hi, why))
			return -1;
	}
	if (out->nseg == 0) {
		*why = "no loadable segment";
		return -1;
	}
	out->entry = eh->e_entry + out->bias;
	if (!entry_inside(out)) {
		*why = "entry point outside the executable segments";
		return -1;
	}
	out->phdr = find_phdr(eh, ph, out);
	out->phent = sizeof(Elf64_Phdr);
	out->phnum = eh->e_phnum;
	return 0;
}

void mv_elf_touch_bss(uint8_t *mem, uint64_t mem_size, const struct mv_elf *elf)
{
	for (int i = 0; i < elf->nseg; i++) {
		const struct mv_segment *s = &elf->seg[i];
		if (s->filesz <= s->memsz && mv_gpa_ok(mem_size, s->gpa, s->memsz))
			memset(mem + s->gpa + s->filesz, 0, s->memsz - s->filesz);
	}
}

int mv_elf_load(uint8_t *mem, uint64_t mem_size, const void *file, size_t size,
		const struct mv_elf *elf)
{
	for (int i = 0; i < elf->nseg; i++) {
		const struct mv_segment *s = &elf->seg[i];
		/* Checked by mv_elf_parse against a window; checked again here
		 * against the memory actually there. */
		if (!mv_gpa_ok(mem_size, s->gpa, s->memsz) || s->offset > size ||
		    s->filesz > size - s->offset)
			return -1;
		/* Only the file bytes: the rest (.bss) is fresh anonymous memory,
		 * already zero, and left untouched costs nothing. */
		memcpy(mem + s->gpa, (const uint8_t *)file + s->offset, s->filesz);
	}
	return 0;
}
