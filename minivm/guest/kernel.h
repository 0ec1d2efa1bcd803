/*
 * kernel.h - what the parts of the minivm guest kernel share.
 *
 * The guest kernel is freestanding: no libc, no interrupts, one CPU, one
 * program. The program runs at ring 3 (PVM emulates ring-0 code one
 * instruction at a time: docs/kvm-flavours.md) in the kernel's own identity-mapped
 * address space and enters the kernel only through SYSCALL or a CPU
 * exception.
 */
#ifndef GUEST_KERNEL_H
#define GUEST_KERNEL_H

#include <stddef.h>
#include <stdint.h>
#include "../include/abi.h"

/* Linux's own numbers: the program was built against them. */
#include <asm-generic/errno.h>
#include <asm/unistd_64.h>

/* Our GDT's selectors beyond the VMM's two (gdt.c). User selectors are
 * used with RPL 3 (| 3). STAR[63:48] = SEL_USER_DATA - 8 makes SYSRET load
 * exactly these. */
#define SEL_USER_DATA 0x18
#define SEL_USER_CODE 0x20
#define SEL_TSS	      0x28

/* The boot information the VMM wrote; set once by kmain(). */
extern const struct minivm_bootinfo *boot;

/*
 * The registers the syscall entry (syscall_entry.S) saves on the kernel
 * stack, lowest address first. The order must match the pushes there.
 */
struct syscall_frame {
	uint64_t rax;			     /* system call number in, result out */
	uint64_t rdi, rsi, rdx, r10, r8, r9; /* arguments 1 to 6 */
	uint64_t rbx, rbp, r12, r13, r14, r15;
	uint64_t r11; /* the program's RFLAGS, saved there by SYSCALL */
	uint64_t rcx; /* the program's return address, saved there by SYSCALL */
	uint64_t rsp; /* the program's stack pointer */
};

/* The frame an exception stub (exceptions.S) builds, lowest address first. */
struct exception_frame {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t vector, error;		   /* error is 0 where the CPU pushes none */
	uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

/* boot.S */
void enter_ring3(const struct minivm_bootinfo *bi) __attribute__((noreturn));
extern char user_start[]; /* where ring 3 begins: calls kmain_user(bootinfo) */
void enter_program(uint64_t entry, uint64_t sp) __attribute__((noreturn));

/* The privilege level we run at: CS's low two bits. Under PVM the syscall
 * handler runs at CPL 3; on hardware VMX/SVM SYSCALL takes it to CPL 0. */
static inline int current_cpl(void)
{
	uint16_t cs;

	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	return cs & 3;
}

/* hypercall.c */
void hypercall(uint16_t port, void *block);
void phase(uint64_t id);
long host_write(int fd, const void *buf, size_t len);
long host_read(void *buf, size_t len);
void host_exit(int status) __attribute__((noreturn));
long host_sleep(uint64_t ns);
void panic(const char *msg) __attribute__((noreturn));
/* The argument block every hypercall uses (hypercall.c). */
void *hc_block(void);

/* The hypercall page (past its first 256 bytes, where the argument block
 * lay once): a bounce buffer for writev/readv, so that a gathered write is
 * one exit. */
#define HC_BUF_OFFSET 256
#define HC_BUF_SIZE   (MINIVM_PAGE_SIZE - HC_BUF_OFFSET)
#define HC_BUF	      ((char *)(MINIVM_HCARG_ADDR + HC_BUF_OFFSET))

extern char syscall_entry[]; /* syscall_entry.S */

/* SYSCALL's MSRs (see syscall_init() in syscall.c). */
#define SYSCALL_STAR  ((uint64_t)MINIVM_SEL_CODE << 32 | (uint64_t)(SEL_USER_DATA - 8) << 48)
#define SYSCALL_FMASK ((1UL << 8) | (1UL << 9) | (1UL << 10) | (1UL << 18)) /* TF IF DF AC */

/* gdt.c, idt.c, syscall.c, cpu.c: one-time set-up */
void gdt_init(void);
void gdt_fill_tss(void);
void idt_load(void);
void idt_fill(void);
void syscall_init(void);
void fpu_init(void);

/* syscall.c */
long syscall_dispatch(struct syscall_frame *f);

/* userptr.c: is [addr, addr + len) inside guest memory and off the NULL
 * page? The program and the kernel share one address space, so a bad
 * pointer would fault inside the kernel; this turns the common cases into
 * -EFAULT. */
int user_ok(uint64_t addr, uint64_t len);

/* console.c: fds 0, 1 and 2 */
long sys_read(int fd, void *buf, size_t len);
long sys_write(int fd, const void *buf, size_t len);
long sys_readv(int fd, uint64_t iov, int iovcnt);
long sys_writev(int fd, uint64_t iov, int iovcnt);
long sys_ioctl(int fd, unsigned long req, uint64_t arg);
long sys_fstat(int fd, uint64_t buf);
long sys_close(int fd);
long sys_lseek(int fd, int64_t off, int whence);
long sys_newfstatat(int dirfd, uint64_t path, uint64_t buf, int flags);

/* memory.c */
void memory_init(void);
long sys_brk(uint64_t addr);
long sys_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off);
long sys_munmap(uint64_t addr, uint64_t len);
long sys_mremap(uint64_t old, uint64_t old_len, uint64_t new_len, int flags, uint64_t new_addr);
long sys_mprotect(uint64_t addr, uint64_t len, int prot);

/* clock.c */
uint64_t rdtsc(void);
long sys_clock_gettime(int clk, uint64_t ts);
long sys_clock_getres(int clk, uint64_t ts);
long sys_gettimeofday(uint64_t tv, uint64_t tz);
long sys_time(uint64_t t);
long sys_nanosleep(uint64_t req, uint64_t rem);
long sys_clock_nanosleep(int clk, int flags, uint64_t req, uint64_t rem);
long sys_pause(void);

/* identity.c */
long sys_uname(uint64_t buf);
long sys_prlimit64(int pid, int resource, uint64_t new_limit, uint64_t old_limit);
long sys_arch_prctl(int code, uint64_t addr);

/* random.c */
long sys_getrandom(uint64_t buf, size_t len, unsigned flags);

/* string.c: the compiler may emit calls to these */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
size_t strlen(const char *s);

/* format.c: tiny formatting for kernel messages */
char *fmt_str(char *p, const char *end, const char *s);
char *fmt_dec(char *p, const char *end, uint64_t v);

#endif
