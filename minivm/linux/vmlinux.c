/*
 * vmlinux.c - load the uncompressed Linux kernel ELF by its program headers.
 *
 * Only the program headers matter to a loader: each PT_LOAD says which file
 * bytes go where. The kernel links itself at high virtual addresses
 * (0xffffffff81000000) but gives each segment a physical address too; with
 * no paging of its own yet, the kernel's first instructions run at those
 * physical addresses through the identity map the VMM builds.
 */
#include <elf.h>
#include <string.h>

#include "bzimage.h"
#include "layout.h"
#include "vmlinux.h"

int vmlinux_is_elf(const uint8_t *buf, size_t len)
{
	return len >= SELFMAG && memcmp(buf, ELFMAG, SELFMAG) == 0;
}

static int check_ehdr(const uint8_t *buf, size_t len, const Elf64_Ehdr **out, const char **why)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)buf;

	if (!vmlinux_is_elf(buf, len) || len < sizeof(*eh)) {
		*why = "not an ELF file";
		return -1;
	}
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_machine != EM_X86_64 || eh->e_type != ET_EXEC) {
		*why =
		    "not a 64-bit x86 executable ELF (a vmlinux is ELFCLASS64, EM_X86_64, ET_EXEC)";
		return -1;
	}
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 || eh->e_phoff > len ||
	    (len - eh->e_phoff) / sizeof(Elf64_Phdr) < eh->e_phnum) {
		*why = "truncated or corrupt ELF program headers";
		return -1;
	}
	/* The table is read in place as Elf64_Phdr, so it must be aligned
	 * like one (a mapped file starts on a page; the linker puts the
	 * table at offset 64). */
	if (eh->e_phoff % 8 != 0) {
		*why = "misaligned ELF program header table";
		return -1;
	}
	*out = eh;
	return 0;
}

static int check_segment(const Elf64_Phdr *ph, size_t len, const char **why)
{
	if (ph->p_filesz > ph->p_memsz || ph->p_offset > len || len - ph->p_offset < ph->p_filesz) {
		*why = "truncated ELF file (a PT_LOAD segment runs past the end)";
		return -1;
	}
	if (ph->p_paddr < LINUX_HIGH_MEM) {
		*why = "ELF segment at a physical address below 1 MiB: not a vmlinux";
		return -1;
	}
	/* p_paddr + p_memsz is used as the segment's end: it must not wrap. */
	if (ph->p_memsz > UINT64_MAX - ph->p_paddr) {
		*why = "corrupt ELF segment (its end lies past 2^64)";
		return -1;
	}
	return 0;
}

/* e_entry is normally physical already (the kernel's linker script says
 * ENTRY(phys_startup_64)); should it be virtual, translate it through the
 * segment that holds it. */
static int find_entry(const Elf64_Ehdr *eh, const Elf64_Phdr *ph, struct vmlinux *vm,
		      const char **why)
{
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		/* "entry - start < size": no sum that could wrap (p_vaddr is
		 * near the top of the address space). */
		if (eh->e_entry >= ph[i].p_paddr && eh->e_entry - ph[i].p_paddr < ph[i].p_memsz) {
			vm->entry = eh->e_entry;
			return 0;
		}
		if (eh->e_entry >= ph[i].p_vaddr && eh->e_entry - ph[i].p_vaddr < ph[i].p_memsz) {
			vm->entry = ph[i].p_paddr + (eh->e_entry - ph[i].p_vaddr);
			return 0;
		}
	}
	*why = "ELF entry point lies in no PT_LOAD segment";
	return -1;
}

/* A note is {namesz, descsz, type} (4 bytes each), then the name and the
 * descriptor, each padded to 4 bytes. The sizes come from the file: each is
 * checked, padding included, against what is left before it is skipped, so
 * that off never passes len (len - off would then wrap). */
static int note_names_linux(const uint8_t *p, size_t len)
{
	size_t off = 0;

	while (len - off >= 12) {
		uint64_t namesz = bz_get32(p + off), descsz = bz_get32(p + off + 4);
		uint64_t name_pad = (namesz + 3) & ~3ULL, desc_pad = (descsz + 3) & ~3ULL;

		off += 12;
		if (name_pad > len - off)
			return 0;
		if (namesz == 6 && memcmp(p + off, "Linux", 6) == 0)
			return 1;
		off += name_pad;
		if (desc_pad > len - off)
			return 0;
		off += desc_pad;
	}
	return 0;
}

int vmlinux_has_linux_note(const uint8_t *buf, size_t len)
{
	const Elf64_Ehdr *eh;
	const Elf64_Phdr *ph;
	const char *why;

	if (check_ehdr(buf, len, &eh, &why))
		return 0;
	ph = (const Elf64_Phdr *)(buf + eh->e_phoff);
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_NOTE || ph[i].p_offset > len ||
		    ph[i].p_filesz > len - ph[i].p_offset)
			continue;
		if (note_names_linux(buf + ph[i].p_offset, ph[i].p_filesz))
			return 1;
	}
	return 0;
}

int vmlinux_probe(const uint8_t *buf, size_t len, struct vmlinux *vm, const char **why)
{
	const Elf64_Ehdr *eh;
	const Elf64_Phdr *ph;

	memset(vm, 0, sizeof(*vm));
	if (check_ehdr(buf, len, &eh, why))
		return -1;
	ph = (const Elf64_Phdr *)(buf + eh->e_phoff);
	vm->phys_lo = UINT64_MAX;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (check_segment(&ph[i], len, why))
			return -1;
		if (ph[i].p_paddr < vm->phys_lo)
			vm->phys_lo = ph[i].p_paddr;
		if (ph[i].p_paddr + ph[i].p_memsz > vm->phys_hi)
			vm->phys_hi = ph[i].p_paddr + ph[i].p_memsz;
		vm->segments++;
	}
	if (vm->segments == 0) {
		*why = "ELF file has no PT_LOAD segment";
		return -1;
	}
	return find_entry(eh, ph, vm, why);
}

int vmlinux_load(const uint8_t *buf, size_t len, uint8_t *mem, uint64_t mem_size,
		 struct vmlinux *vm, const char **why)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)buf;
	const Elf64_Phdr *ph;

	if (vmlinux_probe(buf, len, vm, why))
		return -1;
	if (vm->phys_hi > mem_size) {
		*why = "guest memory too small for the kernel (its segments reach past the end)";
		return -1;
	}
	ph = (const Elf64_Phdr *)(buf + eh->e_phoff);
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		memcpy(mem + ph[i].p_paddr, buf + ph[i].p_offset, ph[i].p_filesz);
		/* The rest of the segment is .bss and friends: the kernel
		 * expects zeros there, and guest memory may be reused. */
		memset(mem + ph[i].p_paddr + ph[i].p_filesz, 0, ph[i].p_memsz - ph[i].p_filesz);
	}
	return 0;
}
