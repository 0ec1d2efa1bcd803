/*
 * vmfork.c - a VMM in a forked child (see vmfork.h).
 *
 * The harness forks the VMM process itself, instead of calling a library
 * function that forks (minivm_spawn), because the child must join its
 * memory cgroup before it creates the VM: memory is charged to the cgroup
 * of the process that touches it first, and a later move would leave the
 * VM's start-up memory behind. After the fork the child runs vm_main:
 * the microvm and linuxvm backends exec build/minivm (vm_exec_minivm), the
 * command a user types, so that the VMM is a process image of its own and
 * none of the harness's pages count in the VM's memory; microvm-snap and
 * microvm-pool run the VM in the same process (it maps the template the
 * harness made).
 *
 * The child that execs is started by spawn_vfork (vfork_spawn.c: no page
 * tables copied, the harness waits until the exec), so everything it does
 * before the exec is async-signal-safe and writes only its own stack.
 * The warm backends' child cannot be: it never execs, it runs the VMM (malloc,
 * stdio, KVM's mappings) for the VM's whole life in a copy of the
 * harness, so it needs memory of its own, a real fork (vm_fork_with).
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"
#include "minictr_cgroup.h"
#include "vmfork.h"

#include "minivm.h"

/* What the child exits with when it fails before the VMM runs: minivm's
 * own "error" status. */
#define VMFORK_EXIT_ERROR 125

/* Close every fd from first on: the VMM must not keep other instances'
 * pipes open (their EOF would never come), nor the harness's epoll set or
 * its lock on the results folder. */
void vm_close_fds_from(int first)
{
#ifdef SYS_close_range
	if (syscall(SYS_close_range, (unsigned)first, ~0U, 0U) == 0)
		return;
#endif
	for (int fd = first; fd < 65536; fd++)
		close(fd);
}

/* The child's set-up calls only async-signal-safe functions, with the
 * error line's text made before the fork, like process.c's; then it runs
 * the VMM, which allocates and uses stdio: safe here because the harness
 * has a single thread (no lock can have been held by another thread at
 * the fork). */
void vm_child_begin(const struct vm_child_ctx *c)
{
	int join;

	child_die_with_parent(c->parent);
	child_reset_signals();
	write_phase(c->ph, "forked");
	if (c->in->cg != NULL && (join = minictr_cgroup_join(c->in->cg)) != 0) {
		child_fail(c->out, c->join_failed, -join);
		_exit(VMFORK_EXIT_ERROR);
	}
	write_phase(c->ph, "cgroup_joined");
}

/* The usual child: fds 0 /dev/null, 1 and 2 the output pipe, 3 the phase
 * pipe, nothing else; then vm_main, which execs. Run by spawn_vfork in the
 * harness's memory (devnull_fd() only reads here: vm_launch opened it). */
static int vm_child(void *arg)
{
	const struct vm_child_ctx *c = arg;
	int devnull = devnull_fd();

	vm_child_begin(c);
	if (dup2(devnull, 0) < 0 || dup2(c->out, 1) < 0 || dup2(c->out, 2) < 0)
		_exit(VMFORK_EXIT_ERROR);
	if (c->ph >= 0 && dup2(c->ph, 3) < 0)
		_exit(VMFORK_EXIT_ERROR);
	vm_close_fds_from(c->ph >= 0 ? 4 : 3);
	_exit(c->vm_main(c->argv, c->ph >= 0 ? 3 : -1));
}

/* The launch of both kinds of child: spawned (child NULL: vm_child, which
 * execs) or forked (child given: it runs the VMM itself). */
static int vm_launch(struct instance *in, char *const argv[], int want_phases, vm_child_fn child,
		     vm_main_fn vm_main, void *arg)
{
	char join_failed[320];
	int out[2], ph[2];
	pid_t pid;
	struct vm_child_ctx c = {.parent = getpid(),
				 .join_failed = join_failed,
				 .in = in,
				 .argv = argv,
				 .vm_main = vm_main,
				 .arg = arg};

	if (open_pipes(in, out, ph, want_phases) != 0)
		return -1;
	if (instance_cgroup_create(in) != 0) {
		pipes_after_start(in, out, ph, 0);
		return -1;
	}
	snprintf(join_failed, sizeof(join_failed), "bench: join cgroup %s",
		 instance_cgroup_path(in));
	devnull_fd(); /* opened here, not in the child */
	c.out = out[1];
	c.ph = ph[1];
	if (child == NULL) {
		pid = spawn_vfork(vm_child, &c);
		return after_fork(in, out, ph, pid);
	}
	pid = fork();
	if (pid == 0)
		child(&c);
	return after_fork(in, out, ph, pid);
}

int vm_fork_with(struct instance *in, char *const argv[], int want_phases, vm_child_fn child,
		 vm_main_fn vm_main, void *arg)
{
	return vm_launch(in, argv, want_phases, child, vm_main, arg);
}

int vm_fork(struct instance *in, char *const argv[], int want_phases, vm_main_fn vm_main)
{
	return vm_launch(in, argv, want_phases, NULL, vm_main, NULL);
}

int vm_host_ready(const struct bench_opts *o, char *reason, size_t len)
{
	struct minivm_hostinfo hi = {0};

	if (access(o->workload, R_OK) != 0) {
		snprintf(reason, len, "unsupported here: %s: %s (run make)", o->workload,
			 strerror(errno));
		return -1;
	}
	if (minivm_hostinfo(NULL, &hi) != 0 || strcmp(hi.flavour, "none") == 0) {
		snprintf(reason, len, "unsupported here: no usable KVM (%s)",
			 hi.reason[0] ? hi.reason : "minivm_hostinfo failed");
		return -1;
	}
	return 0;
}

static char minivm_cmd[PATH_MAX];
static char exec_failed[PATH_MAX + 32]; /* "bench: exec PATH", for the child */

int vm_minivm_ready(const struct bench_opts *o, char *reason, size_t len)
{
	snprintf(minivm_cmd, sizeof(minivm_cmd), "%.*s/minivm", PATH_MAX - 16, o->exe_dir);
	snprintf(exec_failed, sizeof(exec_failed), "bench: exec %s", minivm_cmd);
	if (access(minivm_cmd, X_OK) != 0) {
		snprintf(reason, len, "unsupported here: %s: %s (run make)", minivm_cmd,
			 strerror(errno));
		return -1;
	}
	return 0;
}

size_t vm_guest_mib(char *const argv[], size_t base_mib)
{
	if (argv[1] && strcmp(argv[1], "mem") == 0 && argv[2])
		return base_mib + (size_t)atol(argv[2]);
	return 0;
}

/* In vm_child, in the harness's memory (spawn_vfork): the command line
 * is built on this stack, the numbers by child_decimal, and a failure
 * told by child_fail, all async-signal-safe. */
int vm_exec_minivm(const char *const options[], size_t mem_mib, int phases_fd, const char *program,
		   char *const argv[])
{
	char *cmd[40], mem_buf[24], fd_buf[24];
	char *mem = child_decimal(mem_buf + sizeof(mem_buf), mem_mib);
	char *fd = child_decimal(fd_buf + sizeof(fd_buf), phases_fd >= 0 ? (unsigned)phases_fd : 0);
	int n = 0;

	cmd[n++] = "minivm";
	cmd[n++] = "run";
	for (int i = 0; options != NULL && options[i] != NULL && n < 30; i++)
		cmd[n++] = (char *)options[i];
	if (mem_mib > 0) {
		cmd[n++] = "--mem";
		cmd[n++] = mem;
	}
	if (phases_fd >= 0) {
		cmd[n++] = "--phases";
		cmd[n++] = fd; /* 3: vm_child put it there */
	}
	cmd[n++] = (char *)program;
	for (int i = 1; argv[i] != NULL && n < 39; i++)
		cmd[n++] = argv[i];
	cmd[n] = NULL;
	write_phase(phases_fd, "exec");
	execv(minivm_cmd, cmd);
	child_fail(1, exec_failed, errno);
	return VMFORK_EXIT_ERROR;
}

void vm_stop(struct instance *in)
{
	/* SIGKILL: the kernel tears the VM down with the process (its fds to
	 * /dev/kvm close), the quickest teardown there is. */
	kill(in->pid, SIGKILL);
}
