/*
 * boot.S - the guest kernel's first instructions, and the two ways it
 * moves on: to ring 3, then into the program.
 *
 * A VMM that ignores our header (header.c) enters _start in 64-bit long
 * mode at ring 0 with RSP = MINIVM_KSTACK_TOP and RDI = &bootinfo (abi.h);
 * main.c does the rest. minivm's VMM uses the header and enters at ring 3,
 * at user_start below.
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
 * void enter_ring3(const struct minivm_bootinfo *bi): continue at
 * user_start at ring 3 on a fresh kernel stack, RDI (bi) unchanged. IRETQ
 * is the one instruction that lowers the privilege level to an arbitrary
 * address: it pops RIP, CS, RFLAGS, RSP, SS. A VMM that reads our header
 * (header.c) starts us at user_start in this very state.
 */
	.globl enter_ring3
enter_ring3:
	pushq	$0x1b		/* SS: SEL_USER_DATA | RPL 3 */
	pushq	$0x80000	/* RSP: MINIVM_KSTACK_TOP */
	pushq	$0x202		/* RFLAGS: IF as Linux runs programs, bit 1 always set */
	pushq	$0x23		/* CS: SEL_USER_CODE | RPL 3 */
	leaq	user_start(%rip), %rax
	pushq	%rax		/* RIP */
	iretq

	.text
	.globl user_start
user_start:
	cld
	call	kmain_user	/* RDI = &bootinfo */
1:	hlt			/* never reached; at ring 3 HLT faults: reported */
	jmp	1b

/*
 * void enter_program(uint64_t entry, uint64_t sp): start the program the
 * way Linux starts a static executable: RSP at argc, RDX = 0 (no function
 * for atexit), every other register zero. We are at ring 3 already, so
 * this is a plain jump.
 */
	.globl enter_program
enter_program:
	movq	%rdi, program_entry(%rip)	/* registers are about to be zeroed */
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
