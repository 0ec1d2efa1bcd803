/*
 * exceptions.S - entry stubs for the 32 CPU exception vectors.
 *
 * Every exception is fatal here: the stub makes the stack look the same for
 * all vectors (the CPU pushes an error code for some only), saves every
 * register as struct exception_frame (kernel.h) and calls exception_report(),
 * which sends them to the VMM and never returns.
 */

/* STUB vector, 1 if the CPU pushes an error code for it (Intel SDM vol. 3,
 * table 6-1: #DF 8, #TS 10, #NP 11, #SS 12, #GP 13, #PF 14, #AC 17, #CP 21,
 * #VC 29, #SX 30). */
.macro STUB vector, has_error
	.text
	.balign 16
exception_\vector:
	.if \has_error == 0
	pushq	$0
	.endif
	pushq	$\vector
	jmp	exception_common
	.section .rodata
	.quad	exception_\vector
.endm

	.section .rodata
	.balign 8
	.globl exception_stubs
exception_stubs:		/* 32 addresses, filled in by the STUBs below */
	STUB 0, 0
	STUB 1, 0
	STUB 2, 0
	STUB 3, 0
	STUB 4, 0
	STUB 5, 0
	STUB 6, 0
	STUB 7, 0
	STUB 8, 1
	STUB 9, 0
	STUB 10, 1
	STUB 11, 1
	STUB 12, 1
	STUB 13, 1
	STUB 14, 1
	STUB 15, 0
	STUB 16, 0
	STUB 17, 1
	STUB 18, 0
	STUB 19, 0
	STUB 20, 0
	STUB 21, 1
	STUB 22, 0
	STUB 23, 0
	STUB 24, 0
	STUB 25, 0
	STUB 26, 0
	STUB 27, 0
	STUB 28, 0
	STUB 29, 1
	STUB 30, 1
	STUB 31, 0

	.text
exception_common:
	pushq	%r15
	pushq	%r14
	pushq	%r13
	pushq	%r12
	pushq	%r11
	pushq	%r10
	pushq	%r9
	pushq	%r8
	pushq	%rbp
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rbx
	pushq	%rax
	movq	%rsp, %rdi
	andq	$-16, %rsp	/* the C ABI wants a 16-aligned stack at a call */
	cld
	call	exception_report
1:	cli
	hlt
	jmp	1b

	.section .note.GNU-stack, "", @progbits
