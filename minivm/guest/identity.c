/*
 * identity.c - what the program can learn about the system it runs on:
 * uname, resource limits, and its thread pointer (arch_prctl).
 */
#include "kernel.h"
#include "cpu.h"

#define GUEST_RELEASE "minivm-guest-1"
#define UTS_LEN	      65

struct utsname {
	char sysname[UTS_LEN];
	char nodename[UTS_LEN];
	char release[UTS_LEN];
	char version[UTS_LEN];
	char machine[UTS_LEN];
	char domainname[UTS_LEN];
};

/* Copy a NUL-terminated string of at most max bytes into a field,
 * truncated to fit and always terminated (the field is zeroed before). */
static void set_field(char *field, const char *s, size_t max)
{
	size_t n = 0;

	if (max > UTS_LEN - 1)
		max = UTS_LEN - 1;
	while (n < max && s[n] != '\0')
		n++;
	memcpy(field, s, n);
}

/*
 * Linux: the kernel's name, release and version, the host name. We: our
 * own name, so that a program can tell where it runs (the suite's facts
 * file records it); the release is the VMM's choice if it gave one.
 */
long sys_uname(uint64_t buf)
{
	struct utsname *u = (struct utsname *)buf;
	const char *release = boot->uname_release[0] ? boot->uname_release : GUEST_RELEASE;

	if (!user_ok(buf, sizeof(*u)))
		return -EFAULT;
	memset(u, 0, sizeof(*u));
	set_field(u->sysname, "minivm", sizeof("minivm"));
	set_field(u->nodename, "minivm", sizeof("minivm"));
	set_field(u->release, release, sizeof(boot->uname_release));
	set_field(u->version, "#1 minivm guest kernel", sizeof("#1 minivm guest kernel"));
	set_field(u->machine, "x86_64", sizeof("x86_64"));
	set_field(u->domainname, "(none)", sizeof("(none)"));
	return 0;
}

#define RLIMIT_DATA    2
#define RLIMIT_STACK   3
#define RLIMIT_NOFILE  7
#define RLIMIT_AS      9
#define RLIMIT_NLIMITS 16
#define RLIM_INFINITY  (~0ULL)

struct rlimit {
	uint64_t cur, max;
};

/*
 * Linux: read and/or set a resource limit of a process. We: report the
 * limits the VM's shape imposes (stack size, memory size, three fds) and
 * refuse to change them: they are fixed when the VMM builds the VM.
 */
long sys_prlimit64(int pid, int resource, uint64_t new_limit, uint64_t old_limit)
{
	struct rlimit *old = (struct rlimit *)old_limit;
	uint64_t v = RLIM_INFINITY;

	if (pid != 0 && pid != 1)
		return -ESRCH;
	if (resource < 0 || resource >= RLIMIT_NLIMITS)
		return -EINVAL;
	if (new_limit)
		return -EPERM;
	if (!old_limit)
		return 0;
	if (!user_ok(old_limit, sizeof(*old)))
		return -EFAULT;
	if (resource == RLIMIT_STACK)
		v = MINIVM_STACK_SIZE;
	else if (resource == RLIMIT_DATA || resource == RLIMIT_AS)
		v = boot->mem_size;
	else if (resource == RLIMIT_NOFILE)
		v = 3;
	old->cur = old->max = v;
	return 0;
}

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

/*
 * Linux: set or get the FS/GS segment base (the C library keeps its thread
 * pointer in FS). We: FS only; nothing ever changes it behind the program's
 * back (no context switches). At ring 0 through the FS_BASE MSR; at ring 3
 * (our system calls under PVM) with WRFSBASE/RDFSBASE, which the host's
 * CR4.FSGSBASE allows there (CPUID.7.0:EBX bit 0 says the CPU has them).
 */
static void set_fs(uint64_t v)
{
	if (current_cpl() == 0)
		wrmsr(MSR_FS_BASE, v);
	else
		__asm__ volatile("wrfsbase %0" : : "r"(v));
}

static uint64_t get_fs(void)
{
	uint64_t v;

	if (current_cpl() == 0)
		return rdmsr(MSR_FS_BASE);
	__asm__ volatile("rdfsbase %0" : "=r"(v));
	return v;
}

long sys_arch_prctl(int code, uint64_t addr)
{
	switch (code) {
	case ARCH_SET_FS:
		/* WRMSR faults on a non-canonical address; Linux says EPERM. */
		if ((int64_t)(addr << 16) >> 16 != (int64_t)addr)
			return -EPERM;
		set_fs(addr);
		return 0;
	case ARCH_GET_FS:
		if (!user_ok(addr, sizeof(uint64_t)))
			return -EFAULT;
		*(uint64_t *)addr = get_fs();
		return 0;
	default:
		return -EINVAL;
	}
}
