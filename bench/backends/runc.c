/*
 * runc.c - a peer for comparison: the same image run by runc, the OCI
 * runtime most container engines use, so that readers see the project's
 * own runtime beside a tool they know. Only where `runc` is installed.
 *
 * Each launch is `runc --root STATE run --bundle BUNDLE ID`, in the
 * foreground: runc's own process stays the instance's top process, the
 * container's PID 1 (the workload) is its child, and the workload's stdout
 * is runc's, a pipe to the harness. The bundle's config.json is the spec
 * `runc spec` makes (namespaces pid, net, ipc, uts, mount; its mounts and
 * masked paths), with our image as a read-only root and the workload's
 * argv; one bundle per distinct argv, made on first use.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backend.h"
#include "bench.h"
#include "cleanup/sweep.h"
#include "files/json.h"
#include "measure/procmem.h"

#define MAX_BUNDLES 16

static char runc_path[PATH_MAX];
static char base[64]; /* /tmp/vmbench-runc.PID.XXXXXX: bundles and state */
static const char *image;
static struct {
	char key[128]; /* the argv, space-joined */
	char dir[PATH_MAX];
} bundles[MAX_BUNDLES];
static int n_bundles;

static int find_runc(void)
{
	const char *path = getenv("PATH");
	char copy[4096];

	snprintf(copy, sizeof(copy), "%s", path ? path : "/usr/sbin:/usr/bin:/sbin:/bin");
	for (char *save = NULL, *d = strtok_r(copy, ":", &save); d;
	     d = strtok_r(NULL, ":", &save)) {
		snprintf(runc_path, sizeof(runc_path), "%.4000s/runc", d);
		if (access(runc_path, X_OK) == 0)
			return 0;
	}
	return -1;
}

static int runc_prepare(const struct bench_opts *o, char *reason, size_t len)
{
	char inner[PATH_MAX + 16];

	if (find_runc() != 0) {
		snprintf(reason, len, "unsupported here: runc is not installed");
		return -1;
	}
	snprintf(inner, sizeof(inner), "%s/bin/workload", o->image);
	if (access(inner, X_OK) != 0) {
		snprintf(reason, len, "unsupported here: %s: %s (run make image)", inner,
			 strerror(errno));
		return -1;
	}
	/* Our pid in the name: a later run can tell a dead run's folder
	 * from a live one's (cleanup/sweep.c). */
	snprintf(base, sizeof(base), "/tmp/vmbench-runc.%d.XXXXXX", (int)getpid());
	if (mkdtemp(base) == NULL) {
		snprintf(reason, len, "unsupported here: mkdtemp: %s", strerror(errno));
		base[0] = '\0';
		return -1;
	}
	image = o->image;
	return 0;
}

static int write_config(const char *dir, char *const argv[])
{
	char path[PATH_MAX + 16];
	FILE *f;

	snprintf(path, sizeof(path), "%s/config.json", dir);
	f = fopen(path, "we");
	if (f == NULL)
		return -1;
	fprintf(f, "{\"ociVersion\":\"1.0.2\",\"process\":{\"terminal\":false,"
		   "\"user\":{\"uid\":0,\"gid\":0},\"args\":[\"/bin/workload\"");
	for (int i = 1; argv[i]; i++) {
		fputc(',', f);
		json_string(f, argv[i]);
	}
	fprintf(f, "],\"env\":[\"PATH=/bin\"],\"cwd\":\"/\",\"noNewPrivileges\":true},"
		   "\"root\":{\"path\":");
	json_string(f, image);
	fprintf(
	    f,
	    ",\"readonly\":true},\"hostname\":\"runc\",\"mounts\":["
	    "{\"destination\":\"/proc\",\"type\":\"proc\",\"source\":\"proc\"},"
	    "{\"destination\":\"/dev\",\"type\":\"tmpfs\",\"source\":\"tmpfs\","
	    "\"options\":[\"nosuid\",\"strictatime\",\"mode=755\",\"size=65536k\"]},"
	    "{\"destination\":\"/dev/pts\",\"type\":\"devpts\",\"source\":\"devpts\","
	    "\"options\":[\"nosuid\",\"noexec\",\"newinstance\",\"ptmxmode=0666\",\"mode=0620\"]},"
	    "{\"destination\":\"/dev/shm\",\"type\":\"tmpfs\",\"source\":\"shm\","
	    "\"options\":[\"nosuid\",\"noexec\",\"nodev\",\"mode=1777\",\"size=65536k\"]},"
	    "{\"destination\":\"/sys\",\"type\":\"sysfs\",\"source\":\"sysfs\","
	    "\"options\":[\"nosuid\",\"noexec\",\"nodev\",\"ro\"]}],"
	    "\"linux\":{\"resources\":{\"devices\":[{\"allow\":false,\"access\":\"rwm\"}]},"
	    "\"namespaces\":[{\"type\":\"pid\"},{\"type\":\"network\"},{\"type\":\"ipc\"},"
	    "{\"type\":\"uts\"},{\"type\":\"mount\"}],"
	    "\"maskedPaths\":[\"/proc/kcore\",\"/proc/keys\",\"/proc/timer_list\",\"/sys/"
	    "firmware\"],"
	    "\"readonlyPaths\":[\"/proc/bus\",\"/proc/fs\",\"/proc/irq\",\"/proc/sys\","
	    "\"/proc/sysrq-trigger\"]}}\n");
	return fclose(f);
}

/* The bundle for this argv, made on first use; NULL on error. */
static const char *bundle_for(char *const argv[])
{
	char key[128] = "";

	for (int i = 1; argv[i]; i++)
		snprintf(key + strlen(key), sizeof(key) - strlen(key), "%s ", argv[i]);
	for (int i = 0; i < n_bundles; i++)
		if (strcmp(bundles[i].key, key) == 0)
			return bundles[i].dir;
	if (n_bundles == MAX_BUNDLES)
		return NULL;
	snprintf(bundles[n_bundles].key, sizeof(bundles[n_bundles].key), "%s", key);
	snprintf(bundles[n_bundles].dir, sizeof(bundles[n_bundles].dir), "%s/b%d", base, n_bundles);
	if (mkdir(bundles[n_bundles].dir, 0755) != 0 ||
	    write_config(bundles[n_bundles].dir, argv) != 0)
		return NULL;
	return bundles[n_bundles++].dir;
}

static void container_id(const struct instance *in, char *buf, size_t cap)
{
	snprintf(buf, cap, "vmbench-%d-%d", (int)getpid(), in->id);
}

static int runc_launch(struct instance *in, char *const argv[], int want_phases)
{
	const char *bundle = bundle_for(argv);
	char state[96], id[48];
	int out[2], devnull = devnull_fd();
	pid_t pid, parent = getpid();

	if (bundle == NULL) {
		set_reason(in, "runc bundle", errno);
		return -1;
	}
	if (open_pipe(out) != 0) {
		set_reason(in, "pipe2", errno);
		return -1;
	}
	snprintf(state, sizeof(state), "%s/state", base);
	container_id(in, id, sizeof(id));
	pid = fork();
	if (pid == 0) {
		char *args[] = {"runc",	    "--root",	    state, "run",
				"--bundle", (char *)bundle, id,	   NULL};

		/* runc keeps the signal over its exec (it is no set-user-ID
		 * program); its container is reached through its cgroup
		 * (cleanup/watchdog.c), not by this. */
		child_die_with_parent(parent);
		child_reset_signals();
		if (dup2(devnull, 0) < 0 || dup2(out[1], 1) < 0 || dup2(out[1], 2) < 0)
			_exit(127);
		execv(runc_path, args);
		_exit(127);
	}
	if (pid < 0)
		set_reason(in, "fork", errno);
	close(out[1]);
	if (pid < 0) {
		close(out[0]);
		return -1;
	}
	in->pid = pid;
	in->out_fd = out[0];
	return 0;
}

/* The container's PID 1 as the host sees it: runc's child (runc is a Go
 * program: any of its threads may have forked it). */
static pid_t container_init(const struct instance *in)
{
	pid_t child;

	return procmem_children(in->pid, &child, 1) == 1 ? child : 0;
}

/* runc puts the container in a memory cgroup of its own: find it from
 * /proc/PID/cgroup and read its usage. */
static int64_t runc_cgroup_bytes(const struct instance *in)
{
	pid_t init = container_init(in);
	char path[64], line[512], file[700];
	long long bytes = -1;
	FILE *f;

	if (init <= 0)
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)init);
	f = fopen(path, "re");
	if (f == NULL)
		return -1;
	file[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		char *memory = strstr(line, ":memory:");

		line[strcspn(line, "\n")] = '\0';
		if (memory)
			snprintf(file, sizeof(file),
				 "/sys/fs/cgroup/memory%s/memory.usage_in_bytes", memory + 8);
		else if (strncmp(line, "0::", 3) == 0 && file[0] == '\0')
			snprintf(file, sizeof(file), "/sys/fs/cgroup%s/memory.current", line + 3);
	}
	fclose(f);
	f = file[0] ? fopen(file, "re") : NULL;
	if (f == NULL)
		return -1;
	if (fscanf(f, "%lld", &bytes) != 1)
		bytes = -1;
	fclose(f);
	return bytes;
}

static void runc_stop(struct instance *in)
{
	pid_t init = container_init(in);

	/* Kill the container's PID 1; runc sees it end, cleans up (its state,
	 * its cgroup) and exits. Killing runc instead would leave the
	 * container behind; only before the container exists is runc killed,
	 * and release() deletes whatever it had half made. */
	if (init > 0)
		kill(init, SIGKILL);
	else
		kill(in->pid, SIGKILL);
}

static void runc_release(struct instance *in)
{
	char state[96], id[48];
	int devnull = devnull_fd();
	pid_t pid, parent = getpid();

	if (WIFEXITED(in->status))
		return; /* runc ended by itself: it has deleted the container */
	snprintf(state, sizeof(state), "%s/state", base);
	container_id(in, id, sizeof(id));
	pid = fork();
	if (pid == 0) {
		char *args[] = {"runc", "--root", state, "delete", "--force", id, NULL};

		child_die_with_parent(parent);
		if (dup2(devnull, 1) < 0 || dup2(devnull, 2) < 0)
			_exit(127);
		execv(runc_path, args);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

static void runc_finish(void)
{
	if (base[0] == '\0')
		return;
	/* Bundles and runc's state directory: all ours, under base. */
	if (remove_tree(base) != 0)
		fprintf(stderr, "bench: cannot remove %s: %s\n", base, strerror(errno));
	base[0] = '\0';
}

const struct backend backend_runc = {
    .name = "runc",
    .kind = BACKEND_CONTAINER,
    .what = "runc, the OCI reference runtime (peer, for comparison)",
    .prepare = runc_prepare,
    .launch = runc_launch,
    .cgroup_bytes = runc_cgroup_bytes,
    .stop = runc_stop,
    .release = runc_release,
    .finish = runc_finish,
};
