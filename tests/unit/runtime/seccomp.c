/* Unit tests: the seccomp filter's decisions (runtime/lib/seccomp_filter.c),
 * run through the BPF evaluator. */
#include <errno.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <cmocka.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "internal.h"

static struct sock_filter prog[128];
static size_t len;

static uint32_t decide(int nr, uint32_t arch, uint64_t arg0)
{
	uint64_t args[6] = {arg0, 0, 0, 0, 0, 0};

	return mc_seccomp_eval(prog, len, nr, arch, args);
}

static int setup(void **state)
{
	len = mc_seccomp_program(prog, 128);
	return len ? 0 : -1;
}

static void test_allowed(void **state)
{
	int ok[] = {SYS_read,	    SYS_write,	    SYS_openat,	   SYS_execve,
		    SYS_exit_group, SYS_mmap,	    SYS_getpid,	   SYS_nanosleep,
		    SYS_wait4,	    SYS_pidfd_open, SYS_prctl,	   SYS_seccomp,
		    SYS_getrandom,  SYS_futex,	    SYS_setrlimit, SYS_rt_sigaction};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		assert_int_equal(decide(ok[i], AUDIT_ARCH_X86_64, 0), SECCOMP_RET_ALLOW);
}

static void test_denied(void **state)
{
	int no[] = {SYS_kexec_load,
		    SYS_init_module,
		    SYS_finit_module,
		    SYS_delete_module,
		    SYS_reboot,
		    SYS_swapon,
		    SYS_swapoff,
		    SYS_mount,
		    SYS_umount2,
		    SYS_pivot_root,
		    SYS_keyctl,
		    SYS_add_key,
		    SYS_request_key,
		    SYS_bpf,
		    SYS_perf_event_open,
		    SYS_ptrace,
		    SYS_process_vm_readv,
		    SYS_process_vm_writev,
		    SYS_open_by_handle_at,
		    SYS_userfaultfd,
		    SYS_unshare,
		    SYS_setns,
		    SYS_move_mount,
		    SYS_fsopen,
		    SYS_io_uring_setup,
		    SYS_io_uring_enter,
		    SYS_io_uring_register,
		    SYS_kcmp,
		    SYS_pidfd_getfd,
		    SYS_process_madvise,
		    SYS_sethostname,
		    SYS_fanotify_init,
		    SYS_set_mempolicy,
		    SYS_move_pages};
	size_t i;

	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		print_message("syscall %d\n", no[i]);
		assert_int_equal(decide(no[i], AUDIT_ARCH_X86_64, 0), SECCOMP_RET_ERRNO | EPERM);
	}
}

static void test_arch(void **state)
{
	/* 32-bit entry: number 11 is execve there, munmap here. */
	assert_int_equal(decide(11, AUDIT_ARCH_I386, 0), SECCOMP_RET_KILL_PROCESS);
	assert_int_equal(decide(SYS_read, AUDIT_ARCH_AARCH64, 0), SECCOMP_RET_KILL_PROCESS);
	/* x32 numbering of an allowed call is refused too. */
	assert_int_equal(decide(0x40000000 | SYS_read, AUDIT_ARCH_X86_64, 0),
			 SECCOMP_RET_ERRNO | EPERM);
	assert_int_equal(decide(0x40000000 | SYS_mount, AUDIT_ARCH_X86_64, 0),
			 SECCOMP_RET_ERRNO | EPERM);
}

static void test_clone(void **state)
{
	/* fork-like and thread-like clones pass */
	assert_int_equal(decide(SYS_clone, AUDIT_ARCH_X86_64, 17 /* SIGCHLD */), SECCOMP_RET_ALLOW);
	assert_int_equal(decide(SYS_clone, AUDIT_ARCH_X86_64,
				CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD),
			 SECCOMP_RET_ALLOW);
	/* any new namespace is refused */
	assert_int_equal(decide(SYS_clone, AUDIT_ARCH_X86_64, CLONE_NEWUSER | 17),
			 SECCOMP_RET_ERRNO | EPERM);
	assert_int_equal(decide(SYS_clone, AUDIT_ARCH_X86_64, CLONE_NEWNET),
			 SECCOMP_RET_ERRNO | EPERM);
	assert_int_equal(decide(SYS_clone, AUDIT_ARCH_X86_64, CLONE_NEWNS),
			 SECCOMP_RET_ERRNO | EPERM);
	/* clone3 hides its flags in memory: ENOSYS sends libc back to clone */
	assert_int_equal(decide(SYS_clone3, AUDIT_ARCH_X86_64, 0), SECCOMP_RET_ERRNO | ENOSYS);
}

/* socket and socketpair: ordinary families pass, the others (AF_VSOCK
 * above all) get EAFNOSUPPORT, as if the kernel did not have them. */
static void test_socket(void **state)
{
	int ok[] = {1 /* AF_UNIX */, 2 /* AF_INET */, 10 /* AF_INET6 */, 16 /* AF_NETLINK */};
	int no[] = {
	    40 /* AF_VSOCK */, 17 /* AF_PACKET */, 38 /* AF_ALG */,	  15 /* AF_KEY */,
	    30 /* AF_TIPC */,  21 /* AF_RDS */,	   31 /* AF_BLUETOOTH */, 0 /* AF_UNSPEC */};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(decide(SYS_socket, AUDIT_ARCH_X86_64, ok[i]), SECCOMP_RET_ALLOW);
		assert_int_equal(decide(SYS_socketpair, AUDIT_ARCH_X86_64, ok[i]),
				 SECCOMP_RET_ALLOW);
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		print_message("family %d\n", no[i]);
		assert_int_equal(decide(SYS_socket, AUDIT_ARCH_X86_64, no[i]),
				 SECCOMP_RET_ERRNO | EAFNOSUPPORT);
		assert_int_equal(decide(SYS_socketpair, AUDIT_ARCH_X86_64, no[i]),
				 SECCOMP_RET_ERRNO | EAFNOSUPPORT);
	}
	/* the family is an int: high bits of the register do not matter to
	 * the kernel, nor to the filter */
	assert_int_equal(decide(SYS_socket, AUDIT_ARCH_X86_64, (1ull << 32) | 40),
			 SECCOMP_RET_ERRNO | EAFNOSUPPORT);
}

static void test_evaluator(void **state)
{
	struct sock_filter bad[] = {{BPF_LD | BPF_W | BPF_ABS, 0, 0, 2}};
	struct sock_filter fall[] = {{BPF_LD | BPF_W | BPF_ABS, 0, 0, 0}};

	/* misaligned load, running off the end: both are refused */
	assert_int_equal(mc_seccomp_eval(bad, 1, 0, AUDIT_ARCH_X86_64, NULL),
			 SECCOMP_RET_KILL_PROCESS);
	assert_int_equal(mc_seccomp_eval(fall, 1, 0, AUDIT_ARCH_X86_64, NULL),
			 SECCOMP_RET_KILL_PROCESS);
	/* a buffer too small for the program */
	assert_int_equal(mc_seccomp_program(prog, 8), 0);
	len = mc_seccomp_program(prog, 128);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_allowed), cmocka_unit_test(test_denied),
	    cmocka_unit_test(test_arch),    cmocka_unit_test(test_clone),
	    cmocka_unit_test(test_socket),  cmocka_unit_test(test_evaluator),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
