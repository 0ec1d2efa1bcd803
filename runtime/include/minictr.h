/*
 * minictr.h - the minictr library: start a process as PID 1 of a new
 * namespace container (pid, mount, uts, ipc, net, cgroup; user when
 * rootless), with its own root file system, cgroup limits and dropped
 * privileges. The `minictr` command and the benchmark harness use it.
 */
#ifndef MINICTR_H
#define MINICTR_H

#include <stdint.h>
#include <sys/types.h>

struct minictr_config {
	const char *rootfs;		    /* directory, bind-mounted read-only as / */
	char *const *argv;		    /* command inside the container; argv[0] is the path */
	char *const *envp;		    /* NULL: a minimal PATH only */
	const char *hostname;		    /* NULL: "minictr" */
	uint64_t mem_bytes;		    /* 0: no memory limit */
	uint64_t pids_max;		    /* 0: no pids limit */
	double timeout_s;		    /* used by minictr_run() only; 0: none */
	int phases_fd;			    /* -1: none; "name ns\n" lines */
	int stdin_fd, stdout_fd, stderr_fd; /* passed to the container's fds 0/1/2 */
	int userns;			    /* 1: also a user namespace (always when not root) */
	const char *netns_path;		    /* NULL: a fresh net namespace; else join this one */
	const char *cgroup_name;	    /* NULL: a generated unique name */
	int quiet;			    /* 1: no warnings on stderr */
	/* 1: make the network, IPC and UTS namespaces in a helper task while
	 * the container's first process does its mounts, instead of in that
	 * process after them. Faster only when a second CPU is idle; on a busy
	 * machine (or many containers starting at once) the extra task and
	 * wake-ups make it slower, hence not the default. Ignored with one CPU. */
	int parallel;
	/* 1: where a limit asked for (mem_bytes, pids_max) or the device
	 * allow-list cannot be applied, warn and run without it. 0 (the
	 * default): refuse to start (minictr_start returns NULL; the command
	 * exits 122). */
	int best_effort;
	int trace; /* 1: each step as it happens on stderr_fd (--trace) */
};

/* Phase names, in the order they are written: start (minictr_start
 * entered), clone_done (first line of the container's first process; the
 * cgroup was created before the clone), cgroup_joined, ids_mapped (user
 * namespace maps written; right after cgroup_joined without one),
 * mounts_done, net_done (in the network, IPC and UTS namespaces, `lo` up,
 * hostname set; with parallel a helper made them during the mounts),
 * root_pivoted, privs_dropped (stdio, open-files limit, capabilities,
 * no_new_privs), exec (seccomp filter installed, descriptors marked
 * close-on-exec: just before execve). See runtime/README.md. */

struct minictr; /* a running container */

void minictr_config_init(struct minictr_config *cfg);

/* Start the container; returns NULL with one line of error on stderr (and
 * nothing left behind) on failure. The caller is the parent of the
 * container's PID 1 and must reap it with minictr_wait(). */
struct minictr *minictr_start(const struct minictr_config *cfg);
pid_t minictr_pid(const struct minictr *c); /* host pid of the container's PID 1 */
/* Memory charged to the container's cgroup, kernel memory included; -1 if unknown. */
int64_t minictr_memory_bytes(const struct minictr *c);
/* Wait for PID 1 to end (waitpid), remove the cgroup, free c. Returns the
 * exit status as a shell reports it (128+signal when killed); *oom (may be
 * NULL) set to 0, or when the kernel's OOM killer killed it to
 * MINICTR_OOM_LIMIT (its own memory limit was reached) or
 * MINICTR_OOM_OUTSIDE (an enclosing cgroup or the machine ran out). */
#define MINICTR_OOM_LIMIT   1
#define MINICTR_OOM_OUTSIDE 2
int minictr_wait(struct minictr *c, int *oom);
/* For a caller that reaps PID 1 itself (the harness, with many containers
 * and one epoll loop): kill what is left in the cgroup, remove it, free c. */
void minictr_release(struct minictr *c);
/* Kill every process of the container (SIGKILL), then minictr_wait(). */
int minictr_destroy(struct minictr *c);

/* start + wait, with cfg->timeout_s; the `minictr run` command. */
int minictr_run(const struct minictr_config *cfg);

#endif
