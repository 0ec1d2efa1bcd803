/*
 * microvm.c - the workload as the only program of a KVM microVM on the
 * project's own guest kernel, through the minivm library.
 *
 * One VM is one host process (the VMM, with its vCPU thread). The harness
 * forks that process itself instead of calling minivm_spawn(), because
 * the child must join its memory cgroup before it creates the VM: memory
 * is charged to the cgroup of the process that touches it first, and a
 * later move would leave the VM's start-up memory behind. After the fork
 * the child does exactly what minivm_spawn() does: minivm_run(), _exit().
 *
 * Built only when the minivm library is part of the tree (HAVE_MINIVM).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "backend.h"
#include "bench.h"
#include "cgroup.h"

#ifdef HAVE_MINIVM
#include "minivm.h"

static const char *program;

static int microvm_prepare(const struct bench_opts *o, char *reason, size_t len)
{
	struct minivm_hostinfo hi;

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
	program = o->workload;
	return 0;
}

/* Close every fd above 3: the VMM must not keep other instances' pipes
 * open (their EOF would never come), nor the harness's epoll set. */
static void close_other_fds(void)
{
#ifdef SYS_close_range
	if (syscall(SYS_close_range, 4U, ~0U, 0U) == 0)
		return;
#endif
	for (int fd = 4; fd < 65536; fd++)
		close(fd);
}

/* Guest memory: the default, or room for the `mem` workload's pages on
 * top of the guest kernel's own. */
static size_t guest_mib(char *const argv[])
{
	if (argv[1] && strcmp(argv[1], "mem") == 0 && argv[2])
		return (size_t)atol(argv[2]) + 32;
	return 0;
}

static void microvm_child(struct instance *in, char *const argv[], int out, int ph)
{
	struct minivm_config cfg;
	int argc = 0;

	child_reset_signals();
	write_phase(ph, "forked");
	if (in->cgroup[0] != '\0' && cgroup_join_self(in->cgroup) != 0) {
		dprintf(out, "bench: join cgroup %s: %s\n", in->cgroup, strerror(errno));
		_exit(MINIVM_EXIT_ERROR);
	}
	write_phase(ph, "cgroup_joined");
	/* fds: 0 /dev/null, 1 and 2 the output pipe, 3 the phase pipe. */
	if (dup2(devnull_fd(), 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
		_exit(MINIVM_EXIT_ERROR);
	if (ph >= 0 && dup2(ph, 3) < 0)
		_exit(MINIVM_EXIT_ERROR);
	close_other_fds();
	while (argv[argc])
		argc++;
	minivm_config_init(&cfg);
	cfg.program = program;
	cfg.argc = argc;
	cfg.argv = argv;
	cfg.mem_mib = guest_mib(argv);
	cfg.stdin_fd = 0;
	cfg.stdout_fd = 1;
	cfg.stderr_fd = 2;
	cfg.phases_fd = ph >= 0 ? 3 : -1;
	_exit(minivm_run(&cfg));
}

static int microvm_launch(struct instance *in, char *const argv[], int want_phases)
{
	int out[2], ph[2] = {-1, -1};
	pid_t pid;

	if (open_pipe(out) != 0) {
		set_reason(in, "pipe2", errno);
		return -1;
	}
	if (want_phases && open_pipe(ph) != 0) {
		set_reason(in, "pipe2", errno);
		close(out[0]);
		close(out[1]);
		return -1;
	}
	cgroup_create(in->id, in->cgroup, sizeof(in->cgroup));
	pid = fork();
	if (pid == 0)
		microvm_child(in, argv, out[1], ph[1]);
	if (pid < 0)
		set_reason(in, "fork", errno);
	close(out[1]);
	close_fd(&ph[1]);
	if (pid < 0) {
		close(out[0]);
		close_fd(&ph[0]);
		if (in->cgroup[0])
			cgroup_remove(in->cgroup);
		return -1;
	}
	in->pid = pid;
	in->out_fd = out[0];
	in->phase_fd = ph[0];
	return 0;
}

static int64_t microvm_cgroup_bytes(const struct instance *in)
{
	return cgroup_usage(in->cgroup);
}

static void microvm_stop(struct instance *in)
{
	/* SIGKILL: the kernel tears the VM down with the process (its fds to
	 * /dev/kvm close), the quickest teardown there is. */
	kill(in->pid, SIGKILL);
}

static void microvm_release(struct instance *in)
{
	if (in->cgroup[0] != '\0')
		cgroup_remove(in->cgroup);
	in->cgroup[0] = '\0';
}

const struct backend backend_microvm = {
    .name = "microvm",
    .prepare = microvm_prepare,
    .launch = microvm_launch,
    .cgroup_bytes = microvm_cgroup_bytes,
    .stop = microvm_stop,
    .release = microvm_release,
};

#else /* !HAVE_MINIVM */

static int microvm_prepare(const struct bench_opts *o, char *reason, size_t len)
{
	snprintf(
	    reason, len,
	    "unsupported here: the minivm library (build/libminivm.a) is not part of this build");
	return -1;
}

const struct backend backend_microvm = {
    .name = "microvm",
    .prepare = microvm_prepare,
};

#endif
