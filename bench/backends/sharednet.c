/*
 * sharednet.c - `container-sharednet`: the container backend, except that
 * every container joins one network namespace made once per run instead
 * of making its own (minictr's --netns, cfg.netns_path).
 *
 * Why: a new network namespace is the costliest step of a container's
 * start (the kernel sets up a loopback device, its sysctls and routing
 * tables), and a microVM without a network device has nothing like it.
 * This variant is the isolation-matched pair of the microVM: neither has
 * a network of its own beyond loopback (the shared namespace holds only
 * lo), so the difference left is the rest of what each one does.
 *
 * The namespace: the harness unshares one for itself, keeps an fd to it
 * and returns to its own with setns(2). The open fd keeps the namespace
 * alive (no bind mount, nothing under /run/netns), and it dies with the
 * harness, however the harness ends.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "bench.h"
#include "container.h"

static int netns_fd = -1;
static char netns_path[64]; /* /proc/self/fd/N: minictr_start opens it here */

/* A new, empty network namespace (lo only), held by netns_fd. */
static int make_netns(char *reason, size_t len)
{
	int home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);

	if (home < 0) {
		snprintf(reason, len, "unsupported here: open /proc/self/ns/net: %s",
			 strerror(errno));
		return -1;
	}
	if (unshare(CLONE_NEWNET) != 0) {
		snprintf(reason, len, "unsupported here: unshare(CLONE_NEWNET): %s",
			 strerror(errno));
		close(home);
		return -1;
	}
	netns_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	/* Back home before anything else: every other backend, and the
	 * harness itself, stay in the host's network namespace. */
	if (setns(home, CLONE_NEWNET) != 0) {
		/* Cannot happen with the privilege unshare needed; stop rather
		 * than measure every other backend in the wrong namespace. */
		perror("bench: setns back to the host's network namespace");
		_exit(1);
	}
	close(home);
	if (netns_fd < 0) {
		snprintf(reason, len, "unsupported here: open the new netns: %s", strerror(errno));
		return -1;
	}
	snprintf(netns_path, sizeof(netns_path), "/proc/self/fd/%d", netns_fd);
	return 0;
}

static int sharednet_prepare(const struct bench_opts *o, char *reason, size_t len)
{
	if (container_prepare(o, reason, len) != 0)
		return -1;
	return netns_fd >= 0 ? 0 : make_netns(reason, len);
}

static int sharednet_launch(struct instance *in, char *const argv[], int want_phases)
{
	return container_start(in, argv, want_phases, netns_path);
}

static void sharednet_finish(void)
{
	close_fd(&netns_fd);
}

const struct backend backend_container_sharednet = {
    .name = "container-sharednet",
    .kind = BACKEND_CONTAINER,
    .what = "minictr as container, but every instance joins one network namespace made once "
	    "per run (lo only): the isolation-matched pair of a microVM without a network device",
    .prepare = sharednet_prepare,
    .launch = sharednet_launch,
    .cgroup_bytes = container_cgroup_bytes,
    .stop = container_stop,
    .release = container_release,
    .finish = sharednet_finish,
};
