/*
 * boot.S - the guest kernel's first and last instructions.
 *
 * The VMM enters _start in 64-bit long mode at ring 0 with RSP =
 * MINIVM_KSTACK_TOP and RDI = &bootinfo (abi.h); the C code in main.c does
 * the set-up and ends in enter_program, which jumps to the program.
 */
	.section .text.boot, "ax"
	.globl _start
_start:
	cld			/* the C ABI wants the direction flag clear */
	call	kmain		/* RDI already holds &bootinfo: kmain's argument */
1:	cli			/* kmain never returns; should it, stop here */
	hlt
	jmp	1b

/*
 * void enter_program(uint64_t entry, uint64_t sp): start the program the
 * way Linux starts a static executable: RSP at argc, RDX = 0 (no function
 * for atexit), every other register zero, and stay at ring 0 (README.md).
 */
	.text
	.globl enter_program
enter_program:
	movq	%rdi, program_entry(%rip)	/* registers are about to be zeroed */
	pushq	$2		/* RFLAGS: only the always-one bit 1; IF stays off */
	popfq
	movq	%rsi, %rsp
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	jmp	*program_entry(%rip)

	.bss
	.balign 8
program_entry:
	.quad	0

	.section .note.GNU-stack, "", @progbits
