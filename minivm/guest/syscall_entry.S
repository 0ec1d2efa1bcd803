/*
 * syscall_entry.S - where the SYSCALL instruction lands (MSR LSTAR).
 *
 * SYSCALL does very little: RCX = address of the next instruction, R11 =
 * RFLAGS, RFLAGS &= ~FMASK, CS/SS from STAR, and a jump here. It does not
 * switch stacks.
 *
 * The program runs at ring 3. On hardware VMX/SVM, SYSCALL takes us to
 * ring 0 and SYSRET takes us back, as in any kernel. Under PVM a plain
 * guest's SYSCALL from ring 3 arrives here still at CPL 3 (docs/kvm-flavours.md),
 * where SYSRET is not allowed; there we return by restoring RFLAGS from R11
 * and jumping to RCX ourselves. CS's low bits tell the two cases apart.
 *
 * Linux's system call ABI: number in RAX, arguments in RDI, RSI, RDX, R10,
 * R8, R9; result in RAX; RCX and R11 are clobbered, every other register
 * is preserved.
 */
	.text
	.globl syscall_entry
	.balign 16
syscall_entry:
	/*
	 * RSP is still the program's, and the 128 bytes below it (the System V
	 * red zone) may hold its live data: switch to the kernel stack before
	 * pushing anything. One CPU, no interrupts, no nesting: one variable
	 * is enough to hold the program's RSP.
	 */
	movq	%rsp, user_rsp(%rip)
	movq	kernel_stack_top(%rip), %rsp

	/* Build struct syscall_frame (kernel.h), last field first. */
	pushq	user_rsp(%rip)
	pushq	%rcx		/* return address */
	pushq	%r11		/* program's RFLAGS */
	pushq	%r15
	pushq	%r14
	pushq	%r13
	pushq	%r12
	pushq	%rbp
	pushq	%rbx
	pushq	%r9
	pushq	%r8
	pushq	%r10
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rax		/* system call number */

	/* 16 pushes from a 16-aligned top: RSP is 16-aligned for the call. */
	movq	%rsp, %rdi
	call	syscall_dispatch	/* result in RAX */

	/* Which way back: ZF = 1 if we run at CPL 0. Nothing below changes
	 * the flags until the branch (LEA and POP leave them alone). */
	movl	%cs, %edx
	testl	$3, %edx

	leaq	8(%rsp), %rsp	/* drop the saved RAX: the result replaces it */
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%r10
	popq	%r8
	popq	%r9
	popq	%rbx
	popq	%rbp
	popq	%r12
	popq	%r13
	popq	%r14
	popq	%r15
	popq	%r11		/* RFLAGS, as Linux leaves it in R11 */
	popq	%rcx		/* return address, as Linux leaves it in RCX */

	jz	1f

	/* CPL 3 (PVM): restore RFLAGS while still on the kernel stack (this
	 * reuses the slot RCX came from), then the program's RSP, then return. */
	pushq	%r11
	popfq
	popq	%rsp
	jmpq	*%rcx

	/* CPL 0 (hardware virtualization): SYSRET loads RIP from RCX, RFLAGS
	 * from R11 and the ring-3 CS/SS from STAR[63:48]. Never reached on a
	 * PVM host. */
1:	popq	%rsp
	sysretq

	.bss
	.balign 8
user_rsp:
	.quad	0

	.section .note.GNU-stack, "", @progbits
