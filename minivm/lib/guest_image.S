/*
 * guest_image.S - the guest kernel ELF, built into the library as bytes, so
 * that build/minivm and every program linking libminivm.a carry their
 * guest with them and need no path to it. The Makefile passes the file's
 * path as MINIVM_GUEST_ELF (an empty file when the guest is not built).
 */
	.section .rodata
	.balign 16
	.globl minivm_guest_kernel
minivm_guest_kernel:
	.incbin MINIVM_GUEST_ELF
minivm_guest_kernel_end:
	.balign 8
	.globl minivm_guest_kernel_size
minivm_guest_kernel_size:
	.quad minivm_guest_kernel_end - minivm_guest_kernel

/* No executable stack wanted (otherwise ld warns and marks it so). */
	.section .note.GNU-stack,"",@progbits
