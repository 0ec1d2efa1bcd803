/*
 * seccomp_filter.c - the system call filter of the workload, as a classic
 * BPF program over struct seccomp_data {nr, arch, ip, args[6]}, and a small
 * evaluator of such programs so that the unit tests can ask what the filter
 * decides for a given call without installing it.
 *
 * The program:
 *   1. arch must be x86-64 (AUDIT_ARCH_X86_64). A process can also enter
 *      the kernel through the 32-bit ABI (int 0x80), whose call numbers
 *      mean other calls: any other arch kills the process.
 *   2. x32 calls (numbers with bit 30 set, the same calls through another
 *      ABI) are refused, so the list below cannot be side-stepped.
 *   3. socket and socketpair: only the address families a program needs
 *      for ordinary networking (AF_UNIX, AF_INET, AF_INET6, AF_NETLINK);
 *      any other gets EAFNOSUPPORT, as if the kernel had no such family.
 *      Above all AF_VSOCK: a network namespace does not cover it, and a
 *      host that is itself a VM offers services on it (Docker's default
 *      profile blocks it for that reason). Also AF_PACKET, AF_ALG, AF_KEY,
 *      AF_TIPC, AF_RDS, AF_BLUETOOTH, ...: rarely needed, and the way in
 *      of many kernel exploits.
 *   4. clone with any CLONE_NEW* flag is refused with EPERM; clone3 gets
 *      ENOSYS (its flags are in memory, which a filter cannot read), so
 *      C libraries fall back to clone, which the filter can check.
 *   5. every call numbered below the lowest one in the table is allowed
 *      right away: read, write, getpid and the other frequent calls pay
 *      about ten instructions, not a walk through the whole table (the
 *      filter runs on every system call of the container).
 *   6. the calls in the table are refused with EPERM (found by a binary
 *      search over its runs of consecutive numbers); everything else is
 *      allowed.
 * The table is Docker's default profile turned around (it lists what it
 * allows): what that profile refuses, or allows only with a capability the
 * container does not keep, and our workloads do not use.
 */
#include <errno.h>
#include <sched.h>
#include <stddef.h>
#include <string.h>
#include <sys/syscall.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "internal.h"

#define X32_SYSCALL_BIT 0x40000000u

/* Refused with EPERM, and why. Most would fail anyway for lack of a
 * capability; the filter is the second wall, and it also shuts calls that
 * need none (keyctl, userfaultfd, perf_event_open, io_uring, ...) which
 * are frequent ways into kernel bugs. */
static const int denied[] = {
    SYS_kexec_load,	   /* replace the running (host) kernel */
    SYS_kexec_file_load,   /* same */
    SYS_init_module,	   /* load code into the host kernel */
    SYS_finit_module,	   /* same, from a file */
    SYS_delete_module,	   /* unload host kernel modules */
    SYS_create_module,	   /* obsolete module calls (ENOSYS on current kernels) */
    SYS_get_kernel_syms,   /* same */
    SYS_query_module,	   /* same */
    SYS_reboot,		   /* reboot or halt */
    SYS_swapon,		   /* host-wide swap configuration */
    SYS_swapoff,	   /* same */
    SYS_mount,		   /* the tree was set up before exec; no changes after */
    SYS_umount2,	   /* uncovering masked /proc paths */
    SYS_pivot_root,	   /* same */
    SYS_fsopen,		   /* the new mount API: same as mount */
    SYS_fsconfig,	   /* same */
    SYS_fsmount,	   /* same */
    SYS_fspick,		   /* same */
    SYS_move_mount,	   /* same */
    SYS_open_tree,	   /* same */
    SYS_mount_setattr,	   /* same (could clear read-only) */
    SYS_keyctl,		   /* kernel keyrings are not namespaced */
    SYS_add_key,	   /* same */
    SYS_request_key,	   /* same */
    SYS_bpf,		   /* load programs into the kernel */
    SYS_perf_event_open,   /* host-wide performance data, large attack surface */
    SYS_ptrace,		   /* read and rewrite other processes */
    SYS_process_vm_readv,  /* read another process's memory */
    SYS_process_vm_writev, /* write another process's memory */
    SYS_process_madvise,   /* advise on another process's memory */
    SYS_kcmp,		   /* compare kernel objects of two processes (ptrace-gated) */
    SYS_pidfd_getfd,	   /* take a descriptor out of another process */
    SYS_open_by_handle_at, /* open any file of a file system by handle, past
			      the mount's root (the "shocker" escape) */
    SYS_name_to_handle_at, /* its companion */
    SYS_userfaultfd,	   /* stretches race windows in kernel exploits */
    SYS_io_uring_setup,	   /* io_uring: its own path around the system calls,
			      and a long list of kernel bugs (Docker blocks it) */
    SYS_io_uring_enter,	   /* same */
    SYS_io_uring_register, /* same */
    SYS_unshare,	   /* new namespaces from inside */
    SYS_setns,		   /* entering other namespaces */
    SYS_sethostname,	   /* set before exec; the workload keeps it */
    SYS_setdomainname,	   /* same */
    SYS_acct,		   /* host-wide process accounting */
    SYS_settimeofday,	   /* the clock is not namespaced */
    SYS_clock_settime,	   /* same */
    SYS_clock_adjtime,	   /* same */
    SYS_adjtimex,	   /* same (reading is harmless, but one call does both) */
    SYS_iopl,		   /* raw I/O port access */
    SYS_ioperm,		   /* same */
    SYS_syslog,		   /* the kernel log is not namespaced */
    SYS_quotactl,	   /* host file system quotas */
    SYS_lookup_dcookie,	   /* kernel profiling internals */
    SYS_uselib,		   /* obsolete loader call */
    SYS_ustat,		   /* obsolete file system statistics */
    SYS_sysfs,		   /* same */
    SYS__sysctl,	   /* obsolete sysctl interface */
    SYS_nfsservctl,	   /* removed NFS server interface */
    SYS_vhangup,	   /* hang up the terminal (CAP_SYS_TTY_CONFIG) */
    SYS_fanotify_init,	   /* file system wide event watching (CAP_SYS_ADMIN) */
    SYS_get_mempolicy,	   /* NUMA policy: Docker allows it only with */
    SYS_set_mempolicy,	   /* CAP_SYS_NICE, which is not kept */
    SYS_mbind,		   /* same */
    SYS_migrate_pages,	   /* same, and moves other processes' pages */
    SYS_move_pages,	   /* same */
};

/* The address families socket() and socketpair() may ask for. */
static const int families[] = {
    1,	/* AF_UNIX */
    2,	/* AF_INET */
    10, /* AF_INET6 */
    16, /* AF_NETLINK: interface lists (getifaddrs), routes */
};

#define NS_FLAGS                                                                                   \
	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |             \
	 CLONE_NEWPID | CLONE_NEWNET)

#define RET_ALLOW	 SECCOMP_RET_ALLOW
#define RET_EPERM	 (SECCOMP_RET_ERRNO | EPERM)
#define RET_ENOSYS	 (SECCOMP_RET_ERRNO | ENOSYS)
#define RET_EAFNOSUPPORT (SECCOMP_RET_ERRNO | EAFNOSUPPORT)
#define RET_KILL	 SECCOMP_RET_KILL_PROCESS

static struct sock_filter stmt(unsigned short code, unsigned k)
{
	struct sock_filter f = {code, 0, 0, k};
	return f;
}

static struct sock_filter jump(unsigned short code, unsigned k, size_t at, size_t yes, size_t no)
{
	struct sock_filter f = {code, (unsigned char)(yes - at - 1), (unsigned char)(no - at - 1),
				k};
	return f;
}

#define NDENIED	  (sizeof(denied) / sizeof(denied[0]))
#define NFAMILIES (sizeof(families) / sizeof(families[0]))

/* Is nr in the table? A plain lookup: what the filter's search below must
 * agree with (the unit tests compare the two for every call number). */
int mc_seccomp_is_denied(int nr)
{
	size_t i;

	for (i = 0; i < NDENIED; i++)
		if (denied[i] == nr)
			return 1;
	return 0;
}

/* A run of consecutive refused call numbers, lo..hi. */
struct range {
	unsigned lo, hi;
};

/* Insertion sort: 65 numbers, a few hundred steps. (musl's qsort took
 * 24 us for them, a third of what the shorter filter saves; with this the
 * whole program is built in about 2.5 us: a loaded 2-vCPU AMD EPYC PVM VM,
 * 2026-12-02.) */
static void sort_ints(int *v, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		int x = v[i];
		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* The table sorted and merged into runs of consecutive numbers: the 65
 * calls make 28 runs (acct..nfsservctl, 163..180, is one; so are the
 * io_uring and new mount calls, 425..433). Returns how many. */
static size_t denied_ranges(struct range *r)
{
	int sorted[NDENIED];
	size_t i, n = 0;

	memcpy(sorted, denied, sizeof(sorted));
	sort_ints(sorted, NDENIED);
	for (i = 0; i < NDENIED; i++) {
		if (n > 0 && (unsigned)sorted[i] <= r[n - 1].hi + 1) {
			r[n - 1].hi = (unsigned)sorted[i];
			continue;
		}
		r[n].lo = r[n].hi = (unsigned)sorted[i];
		n++;
	}
	return n;
}

/* Instructions of the search over ranges a..b (see emit_search). */
static size_t search_size(size_t a, size_t b)
{
	return 2 * (b - a + 1) - 1;
}

/* A jump whose offsets must fit classic BPF's 8 bits; *ok is cleared if
 * one does not (the caller then refuses to build the program). */
static struct sock_filter jump_checked(unsigned short code, unsigned k, size_t at, size_t yes,
				       size_t no, int *ok)
{
	if (yes - at - 1 > 255 || no - at - 1 > 255)
		*ok = 0;
	return jump(code, k, at, yes, no);
}

/* A binary search, at prog[at], over the sorted ranges r[a..b], for a
 * call number already known to be >= r[a].lo:
 *   one range:   nr > hi ? ALLOW : EPERM
 *   more:        nr >= r[m].lo (the middle one) ? search m..b : search a..m-1
 * Each call walks about log2(28) + 1 = 6 instructions, not up to 65 as in
 * a linear walk through the table; and since Linux 5.11 the kernel walks
 * the filter once for each of the ~460 call numbers when it is installed
 * (to skip it later for those it always allows), so the installation is
 * shorter too: the prctl alone took p50 136 us with the linear walk (86
 * instructions), 65 us with this search (77), 300 fresh processes each,
 * interleaved, on a loaded 2-vCPU AMD EPYC PVM VM, 2026-12-02. */
static size_t emit_search(struct sock_filter *prog, size_t at, const struct range *r, size_t a,
			  size_t b, size_t allow, size_t eperm, int *ok)
{
	size_t m, right;

	if (a == b) {
		prog[at] = jump_checked(BPF_JMP | BPF_JGT | BPF_K, r[a].hi, at, allow, eperm, ok);
		return at + 1;
	}
	m = (a + b + 1) / 2;
	right = at + 1 + search_size(a, m - 1);
	prog[at] = jump_checked(BPF_JMP | BPF_JGE | BPF_K, r[m].lo, at, right, at + 1, ok);
	emit_search(prog, at + 1, r, a, m - 1, allow, eperm, ok);
	return emit_search(prog, right, r, m, b, allow, eperm, ok);
}

/* Write the program into prog (room for max instructions). Returns its
 * length, or 0 if max is too small.
 *
 *   0      load arch
 *   1      arch == x86-64 ? 3 : 2
 *   2      return KILL
 *   3      load nr
 *   4      nr >= x32 bit ? EPERM
 *   5,6    nr == socket, socketpair ? SOCKET
 *   7      nr == clone ? CLONE
 *   8      nr == clone3 ? ENOSYS
 *   9      nr >= lowest in table ? 10 : ALLOW
 *   10..   binary search of the table's ranges: EPERM or ALLOW
 *   ALLOW  return ALLOW
 *   SOCKET load args[0]; == each family ? ALLOW2; return EAFNOSUPPORT
 *   CLONE  load args[0]; any CLONE_NEW* bit ? EPERM : ALLOW2
 *   ALLOW2, EPERM, ENOSYS: return them
 * Classic BPF jumps only forward, hence the second ALLOW.
 */
size_t mc_seccomp_program(struct sock_filter *prog, size_t max)
{
	struct range r[NDENIED] = {{0, 0}};
	size_t n = 0, i, nr, table, allow, sock, clone, allow2, eperm, enosys, total;
	int ok = 1;

	nr = denied_ranges(r);
	table = 10;
	allow = table + search_size(0, nr - 1);
	sock = allow + 1;
	clone = sock + 1 + NFAMILIES + 1;
	allow2 = clone + 2;
	eperm = allow2 + 1;
	enosys = eperm + 1;
	total = enosys + 1;
	if (max < total)
		return 0;

	prog[n++] = stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	prog[n] = jump(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, n, n + 2, n + 1);
	n++;
	prog[n++] = stmt(BPF_RET | BPF_K, RET_KILL);
	prog[n++] = stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	prog[n] = jump_checked(BPF_JMP | BPF_JGE | BPF_K, X32_SYSCALL_BIT, n, eperm, n + 1, &ok);
	n++;
	prog[n] = jump(BPF_JMP | BPF_JEQ | BPF_K, SYS_socket, n, sock, n + 1);
	n++;
	prog[n] = jump(BPF_JMP | BPF_JEQ | BPF_K, SYS_socketpair, n, sock, n + 1);
	n++;
	prog[n] = jump(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, n, clone, n + 1);
	n++;
	prog[n] = jump(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone3, n, enosys, n + 1);
	n++;
	prog[n] = jump(BPF_JMP | BPF_JGE | BPF_K, r[0].lo, n, n + 1, allow);
	n++;
	n = emit_search(prog, n, r, 0, nr - 1, allow, eperm, &ok);
	prog[n++] = stmt(BPF_RET | BPF_K, RET_ALLOW);
	/* The family is socket's first argument, an int: the low 32 bits,
	 * which come first on little-endian x86-64. */
	prog[n++] = stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]));
	for (i = 0; i < NFAMILIES; i++) {
		prog[n] = jump(BPF_JMP | BPF_JEQ | BPF_K, families[i], n, allow2, n + 1);
		n++;
	}
	prog[n++] = stmt(BPF_RET | BPF_K, RET_EAFNOSUPPORT);
	/* clone's flags are its first argument; the namespace flags all sit
	 * in the low 32 bits. */
	prog[n++] = stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]));
	prog[n] = jump(BPF_JMP | BPF_JSET | BPF_K, NS_FLAGS, n, eperm, allow2);
	n++;
	prog[n++] = stmt(BPF_RET | BPF_K, RET_ALLOW);
	prog[n++] = stmt(BPF_RET | BPF_K, RET_EPERM);
	prog[n++] = stmt(BPF_RET | BPF_K, RET_ENOSYS);
	return ok ? n : 0;
}

/* Run a classic BPF seccomp program the way the kernel does, for the
 * instructions that mc_seccomp_program() uses (absolute word loads,
 * JEQ/JGE/JGT/JSET against constants, RET). Returns the SECCOMP_RET_* value;
 * an instruction outside that subset, or running off the end, returns
 * SECCOMP_RET_KILL_PROCESS (as the kernel's verifier would refuse it). */
uint32_t mc_seccomp_eval(const struct sock_filter *prog, size_t len, int nr, uint32_t arch,
			 const uint64_t args[6])
{
	struct seccomp_data data;
	uint32_t a = 0, word;
	size_t pc = 0;
	int i, taken;

	data.nr = nr;
	data.arch = arch;
	data.instruction_pointer = 0;
	for (i = 0; i < 6; i++)
		data.args[i] = args ? args[i] : 0;
	while (pc < len) {
		const struct sock_filter *f = &prog[pc];

		switch (f->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (f->k % 4 || f->k + 4 > sizeof(data))
				return RET_KILL;
			memcpy(&word, (const char *)&data + f->k, 4);
			a = word;
			pc++;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
		case BPF_JMP | BPF_JGE | BPF_K:
		case BPF_JMP | BPF_JGT | BPF_K:
		case BPF_JMP | BPF_JSET | BPF_K:
			if (BPF_OP(f->code) == BPF_JEQ)
				taken = a == f->k;
			else if (BPF_OP(f->code) == BPF_JGE)
				taken = a >= f->k;
			else if (BPF_OP(f->code) == BPF_JGT)
				taken = a > f->k;
			else
				taken = (a & f->k) != 0;
			pc += 1 + (taken ? f->jt : f->jf);
			break;
		case BPF_RET | BPF_K:
			return f->k;
		default:
			return RET_KILL;
		}
	}
	return RET_KILL;
}
