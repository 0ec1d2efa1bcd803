/*
 * container.c - the workload as PID 1 of a namespace container, started by
 * the project's runtime library (minictr_start, in the harness's own
 * process: no runtime command to exec first). The root file system is
 * build/image, which holds the same workload binary at /bin/workload. The
 * runtime gives every container a cgroup of its own; its usage is the
 * cgroup figure.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "bench.h"
#include "container.h"

#include "minictr.h"

static const char *rootfs;

int container_prepare(const struct bench_opts *o, char *reason, size_t len)
{
	char inner[PATH_MAX + 16];

	snprintf(inner, sizeof(inner), "%s/bin/workload", o->image);
	if (access(inner, X_OK) != 0) {
		snprintf(reason, len, "unsupported here: %s: %s (run make image)", inner,
			 strerror(errno));
		return -1;
	}
	rootfs = o->image;
	return 0;
}

int container_start(struct instance *in, char *const argv[], int want_phases, const char *netns)
{
	struct minictr_config cfg;
	struct minictr *c;
	char *inner_argv[8];
	char name[64];
	int out[2], ph[2], i;

	if (open_pipes(in, out, ph, want_phases) != 0)
		return -1;
	/* Inside, the workload is /bin/workload of the image. */
	inner_argv[0] = "/bin/workload";
	for (i = 1; i < 7 && argv[i] != NULL; i++)
		inner_argv[i] = argv[i];
	inner_argv[i] = NULL;
	snprintf(name, sizeof(name), "vmbench-%d-%d", (int)getpid(), in->id);

	minictr_config_init(&cfg);
	cfg.rootfs = rootfs;
	cfg.argv = inner_argv;
	cfg.hostname = "vmbench";
	cfg.phases_fd = ph[1];
	cfg.stdin_fd = devnull_fd();
	cfg.stdout_fd = out[1];
	cfg.stderr_fd = out[1];
	cfg.cgroup_name = name;
	cfg.quiet = 1;
	cfg.netns_path = netns; /* NULL: a network namespace of its own */
	c = minictr_start(&cfg);
	if (c == NULL)
		snprintf(in->reason, sizeof(in->reason), "minictr_start failed");
	pipes_after_start(in, out, ph, c != NULL);
	if (c == NULL)
		return -1;
	in->priv = c;
	in->pid = minictr_pid(c);
	return 0;
}

static int container_launch(struct instance *in, char *const argv[], int want_phases)
{
	return container_start(in, argv, want_phases, NULL);
}

int64_t container_cgroup_bytes(const struct instance *in)
{
	return in->priv ? minictr_memory_bytes(in->priv) : -1;
}

void container_stop(struct instance *in)
{
	/* PID 1 of a pid namespace ignores signals it has no handler for,
	 * except SIGKILL sent from an ancestor namespace: this one. Its end
	 * takes every other process of the namespace with it. */
	kill(in->pid, SIGKILL);
}

void container_release(struct instance *in)
{
	if (in->priv)
		minictr_release(in->priv);
	in->priv = NULL;
}

const struct backend backend_container = {
    .name = "container",
    .kind = BACKEND_CONTAINER,
    .what = "minictr: new namespaces (pid, mount, uts, ipc, net, cgroup), its own root and cgroup",
    .prepare = container_prepare,
    .launch = container_launch,
    .cgroup_bytes = container_cgroup_bytes,
    .stop = container_stop,
    .release = container_release,
};
