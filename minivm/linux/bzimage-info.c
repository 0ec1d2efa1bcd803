/*
 * bzimage-info.c - print what minivm reads from a kernel image, one
 * "key=value" per line: for a bzImage its setup header and where its
 * compressed payload lies (scripts/extract-vmlinux.sh uses that), for a
 * vmlinux its entry point and physical extent.
 *
 *   bzimage-info IMAGE
 */
#include <stdio.h>
#include <string.h>

#include "kimage.h"

static void print_bzimage(const struct bzimage *bz)
{
	printf("format=bzImage\n");
	printf("protocol=%u.%02u\n", (unsigned)(bz->version >> 8), (unsigned)(bz->version & 0xff));
	printf("setup_sects=%u\n", bz->setup_sects);
	printf("setup_size=%zu\n", bz->setup_size);
	printf("kernel_size=%zu\n", bz->kernel_size);
	printf("loadflags=0x%02x\n", bz->loadflags);
	printf("relocatable=%u\n", bz->relocatable);
	printf("xloadflags=0x%04x\n", bz->xloadflags);
	printf("kernel_alignment=0x%x\n", bz->kernel_alignment);
	printf("pref_address=0x%llx\n", (unsigned long long)bz->pref_address);
	printf("init_size=%u\n", bz->init_size);
	printf("cmdline_size=%u\n", bz->cmdline_size);
	printf("initrd_addr_max=0x%x\n", bz->initrd_addr_max);
	/* payload_offset counts from the protected-mode code; the file
	 * offset is what a tool slicing the file needs. */
	printf("payload_file_offset=%zu\n", bz->setup_size + bz->payload_offset);
	printf("payload_length=%u\n", bz->payload_length);
	printf("payload_format=%s\n", bzimage_payload_format(bz));
}

static void print_vmlinux(const struct vmlinux *vm)
{
	printf("format=vmlinux\n");
	printf("entry=0x%llx\n", (unsigned long long)vm->entry);
	printf("phys_start=0x%llx\n", (unsigned long long)vm->phys_lo);
	printf("phys_end=0x%llx\n", (unsigned long long)vm->phys_hi);
	printf("segments=%d\n", vm->segments);
}

int main(int argc, char **argv)
{
	struct kimage k;
	char err[256];

	if (argc != 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		fprintf(argc == 2 ? stdout : stderr,
			"usage: bzimage-info IMAGE\n"
			"Print the boot header of a Linux bzImage (or the entry of a vmlinux ELF)\n"
			"as key=value lines.\n");
		return argc == 2 ? 0 : 2;
	}
	if (kimage_open(argv[1], &k, err, sizeof(err))) {
		fprintf(stderr, "bzimage-info: %s\n", err);
		return 1;
	}
	if (k.kind == KIMAGE_BZIMAGE)
		print_bzimage(&k.bz);
	else
		print_vmlinux(&k.vm);
	kimage_close(&k);
	if (fflush(stdout) != 0) {
		perror("bzimage-info: write");
		return 1;
	}
	return 0;
}
