/*
 * tinyguest.S - a stand-in guest kernel of a few instructions, to test the
 * VMM on its own (minivm run --kernel tinyguest.elf PROGRAM MODE ...).
 * It ignores PROGRAM and acts on the first letter of its argv[1] (read
 * from the stack the VMM built, through struct minivm_bootinfo):
 *   (none) or h  write each argv string on its own line to fd 1, exit 7
 *   c            ud2 without an IDT: triple fault
 *   s            write READY, then spin forever (for --timeout and SIGTERM)
 *   p            OUT to a port that is no hypercall
 *   b            hypercall whose argument block lies outside guest memory
 *   e            write from a buffer outside guest memory: exit with -ret
 *   H            hlt
 *   m            map the 2 MiB just past a 32 MiB guest memory in the
 *                VMM's page directory, then write there: an MMIO exit
 *   z            write READY, sleep 10 s through the sleep hypercall, exit 0
 *                (5 if the sleep was cut short)
 * Hypercall argument blocks go in the page at MINIVM_HCARG_ADDR (0x3000).
 */
	.code64
	.text
	.globl _start
_start:
	mov	%rdi, %r15		/* struct minivm_bootinfo */
	movq	$1, 0x3000		/* phase: guest entered */
	mov	$0x3000, %eax
	mov	$0x503, %dx
	out	%eax, %dx
	movq	$2, 0x3000		/* phase: first system call */
	out	%eax, %dx
	mov	24(%r15), %r14		/* prog_sp: argc, argv[], ... */
	mov	(%r14), %r13		/* argc */
	cmp	$2, %r13
	jb	hello
	mov	16(%r14), %rsi		/* argv[1] */
	movzbl	(%rsi), %eax
	cmp	$'c', %al
	je	crash
	cmp	$'s', %al
	je	spin
	cmp	$'p', %al
	je	badport
	cmp	$'b', %al
	je	badblock
	cmp	$'e', %al
	je	efault
	cmp	$'z', %al
	je	sleep
	cmp	$'H', %al
	je	halt
	cmp	$'m', %al
	je	mmio
hello:
	xor	%r12, %r12
1:	cmp	%r13, %r12
	jae	2f
	mov	8(%r14,%r12,8), %rsi	/* argv[i] */
	xor	%rcx, %rcx
3:	cmpb	$0, (%rsi,%rcx)
	je	4f
	inc	%rcx
	jmp	3b
4:	call	write1
	lea	newline(%rip), %rsi
	mov	$1, %rcx
	call	write1
	inc	%r12
	jmp	1b
2:	mov	$7, %rdi
	jmp	exit

/* write1: write rcx bytes at rsi to fd 1; returns the result in rax */
write1:
	movq	$1, 0x3000
	mov	%rsi, 0x3008
	mov	%rcx, 0x3010
	mov	$0x3000, %eax
	mov	$0x500, %dx
	out	%eax, %dx
	mov	0x3018, %rax
	ret

/* exit: status in rdi */
exit:
	mov	%rdi, 0x3000
	mov	$0x3000, %eax
	mov	$0x502, %dx
	out	%eax, %dx
	hlt

crash:
	ud2
halt:
	hlt
mmio:
	/* PD of the first GiB at MINIVM_PT_ADDR + 0x4000; entry 16 maps
	 * 32..34 MiB: present, writable, 2 MiB page. */
	movq	$0x2000083, 0x8080
	movq	$1, 0x2000000
	hlt
spin:
	call	ready
1:	jmp	1b

/* ready: write "READY\n" to fd 1 */
ready:
	lea	ready_line(%rip), %rsi
	mov	$6, %rcx
	jmp	write1
badport:
	mov	$0x600, %dx
	out	%eax, %dx
	hlt
badblock:
	mov	$0xfffffff0, %eax
	mov	$0x500, %dx
	out	%eax, %dx
	hlt
efault:
	movabs	$0x7ffffffff000, %rsi
	mov	$16, %rcx
	call	write1
	neg	%rax
	mov	%rax, %rdi
	jmp	exit
sleep:
	call	ready
	movabs	$10000000000, %rax
	mov	%rax, 0x3000
	movq	$0, 0x3008
	mov	$0x3000, %eax
	mov	$0x504, %dx
	out	%eax, %dx
	mov	$5, %rdi
	cmpq	$0, 0x3008
	jne	exit
	xor	%rdi, %rdi
	jmp	exit

	.section .rodata
newline:
	.byte	10
ready_line:
	.ascii	"READY\n"

	.section .note.GNU-stack,"",@progbits
