/*
 * container.c - start a container, and end it: the parent's side.
 *
 *   parent                              child (child.c)
 *   ------                              -----
 *   check rootfs and CMD
 *   clone (pid, mnt, uts, ipc, [user]) -> waits (userns) / mounts, pivots
 *   [write uid/gid maps, send a byte]
 *   create cgroup, limits, add child  <- (overlaps with the child's mounts)
 *   send a byte "go"                  -> new cgroup + net namespaces, lo up,
 *   wait for EOF on the error pipe       caps, nnp, seccomp, execve
 *   (close-on-exec: EOF = exec done)
 *
 * Two pipes: "go" (parent to child, one byte per step) and "err" (child to
 * parent, close-on-exec). If the child fails, it writes what failed on err
 * and exits; the parent reports it, reaps the child and removes the
 * cgroup, so nothing is left behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "child.h"

struct minictr {
	pid_t pid;
	struct mc_cgroup cg;
	uint64_t mem_bytes;
	int quiet;
};

static char *const default_env[] = {"PATH=/bin:/usr/bin:/sbin:/usr/sbin", NULL};

/* Is CMD an executable file inside the rootfs? Checked before anything is
 * created, so that a typo costs nothing. (A symbolic link in the rootfs is
 * resolved against the host here; the real exec, after pivot_root, decides
 * in the end.) */
static int check_cmd(const char *rootfs, const char *cmd)
{
	char path[PATH_MAX];
	struct stat st;

	if (!cmd || cmd[0] != '/') {
		mc_err("CMD must be an absolute path inside the root file system: %s",
		       cmd ? cmd : "(none)");
		return MINICTR_EXIT_NOTFOUND;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s%s", rootfs, cmd) >= sizeof(path)) {
		mc_err("%s: path too long", cmd);
		return MINICTR_EXIT_NOTFOUND;
	}
	if (stat(path, &st) < 0) {
		mc_err("%s: not found in the root file system %s (%s)", cmd, rootfs,
		       strerror(errno));
		return MINICTR_EXIT_NOTFOUND;
	}
	if (!S_ISREG(st.st_mode) || !(st.st_mode & 0111)) {
		mc_err("%s: not an executable file in the root file system %s", cmd, rootfs);
		return MINICTR_EXIT_NOEXEC;
	}
	return 0;
}

static int check_rootfs(const char *rootfs)
{
	static const char *const dirs[] = {"proc", "dev", "tmp"};
	char path[PATH_MAX];
	struct stat st;
	size_t i;

	if (!rootfs || rootfs[0] != '/') {
		mc_err("--rootfs must be an absolute path: %s", rootfs ? rootfs : "(none)");
		return -1;
	}
	if (stat(rootfs, &st) < 0 || !S_ISDIR(st.st_mode)) {
		mc_err("root file system %s: %s", rootfs,
		       errno && !S_ISDIR(st.st_mode) ? strerror(errno) : "not a directory");
		return -1;
	}
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", rootfs, dirs[i]);
		if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
			mc_err("root file system %s has no /%s directory to mount on", rootfs,
			       dirs[i]);
			return -1;
		}
	}
	return 0;
}

static int send_byte(int fd)
{
	if (write(fd, "g", 1) != 1) {
		mc_err("write to the container's start pipe: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Block until the child has exec'ed (EOF) or reported a failure. */
static int wait_exec(int err_r, int *exit_code)
{
	struct mc_child_error e;
	ssize_t n;

	do
		n = read(err_r, &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	if (n == 0)
		return 0;
	if (n != (ssize_t)sizeof(e)) {
		mc_err("the container's first process ended before exec");
		*exit_code = MINICTR_EXIT_ERROR;
		return -1;
	}
	if (e.path[0])
		mc_err("%s %s: %s", e.what, e.path, strerror(e.err));
	else
		mc_err("%s: %s", e.what, strerror(e.err));
	*exit_code = e.exit_code;
	return -1;
}

static void reap(pid_t pid)
{
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

static int open_netns(const char *path)
{
	int fd;

	if (!path)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		mc_err("open --netns %s: %s", path, strerror(errno));
	return fd;
}

static int make_pipes(int go[2], int err[2])
{
	if (pipe2(go, O_CLOEXEC) < 0) {
		mc_err("pipe2: %s", strerror(errno));
		return -1;
	}
	if (pipe2(err, O_CLOEXEC) < 0) {
		mc_err("pipe2: %s", strerror(errno));
		close(go[0]);
		close(go[1]);
		return -1;
	}
	return 0;
}

/* The parent's part after the clone. Returns 0 with the child running the
 * workload, or -1 (child reaped, cgroup removed). */
static int parent_setup(struct minictr *c, const struct minictr_config *cfg, int go_w, int err_r,
			int userns, int *exit_code)
{
	char name[64];

	mc_phase(cfg->phases_fd, "clone_done");
	if (userns) {
		if (mc_idmap_write(c->pid, getuid(), getgid()) < 0 || send_byte(go_w) < 0)
			goto fail;
	}
	mc_phase(cfg->phases_fd, "ids_mapped");
	if (cfg->cgroup_name)
		snprintf(name, sizeof(name), "%s", cfg->cgroup_name);
	else
		snprintf(name, sizeof(name), "minictr-%d", (int)c->pid);
	if (mc_cgroup_create(&c->cg, name, cfg->mem_bytes, cfg->pids_max, cfg->quiet) < 0)
		goto fail;
	if (mc_cgroup_join(&c->cg, c->pid) < 0)
		goto fail;
	mc_phase(cfg->phases_fd, "cgroup_joined");
	if (send_byte(go_w) < 0)
		goto fail;
	close(go_w);
	go_w = -1;
	if (wait_exec(err_r, exit_code) < 0)
		goto fail_reaped;
	return 0;
fail:
	*exit_code = MINICTR_EXIT_ERROR;
	kill(c->pid, SIGKILL);
fail_reaped:
	if (go_w >= 0)
		close(go_w);
	reap(c->pid);
	mc_cgroup_remove(&c->cg);
	return -1;
}

static struct minictr *start(const struct minictr_config *cfg, int *exit_code)
{
	struct mc_child_plan plan;
	struct minictr *c;
	int go[2], err[2], userns, r;
	pid_t pid;

	*exit_code = MINICTR_EXIT_ERROR;
	mc_phase(cfg->phases_fd, "start");
	if (check_rootfs(cfg->rootfs) < 0)
		return NULL;
	if (!cfg->argv || !cfg->argv[0]) {
		mc_err("no command to run");
		return NULL;
	}
	r = check_cmd(cfg->rootfs, cfg->argv[0]);
	if (r) {
		*exit_code = r;
		return NULL;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		mc_err("calloc: %s", strerror(errno));
		return NULL;
	}
	c->mem_bytes = cfg->mem_bytes;
	c->quiet = cfg->quiet;
	userns = cfg->userns || geteuid() != 0;

	memset(&plan, 0, sizeof(plan));
	plan.rootfs = cfg->rootfs;
	plan.argv = cfg->argv;
	plan.envp = cfg->envp ? cfg->envp : default_env;
	plan.hostname = cfg->hostname;
	plan.phases_fd = cfg->phases_fd;
	plan.stdio[0] = cfg->stdin_fd;
	plan.stdio[1] = cfg->stdout_fd;
	plan.stdio[2] = cfg->stderr_fd;
	plan.userns = userns;
	plan.netns_fd = open_netns(cfg->netns_path);
	if (cfg->netns_path && plan.netns_fd < 0)
		goto fail_free;
	if (make_pipes(go, err) < 0)
		goto fail_netns;
	plan.go_fd = go[0];
	plan.go_w = go[1];
	plan.err_fd = err[1];
	plan.err_r = err[0];

	pid = mc_clone(mc_clone_flags(userns));
	if (pid == 0)
		mc_child_main(&plan);
	close(go[0]);
	close(err[1]);
	if (plan.netns_fd >= 0)
		close(plan.netns_fd);
	if (pid < 0) {
		if (pid == -EPERM || pid == -EINVAL || pid == -ENOSPC)
			mc_err("clone (new namespaces%s): %s%s", userns ? ", user namespace" : "",
			       strerror(-pid),
			       userns ? " (are unprivileged user namespaces allowed?)" : "");
		else
			mc_err("clone: %s", strerror(-pid));
		close(go[1]);
		close(err[0]);
		free(c);
		return NULL;
	}
	c->pid = pid;
	r = parent_setup(c, cfg, go[1], err[0], userns, exit_code);
	close(err[0]);
	if (r < 0) {
		free(c);
		return NULL;
	}
	return c;
fail_netns:
	if (plan.netns_fd >= 0)
		close(plan.netns_fd);
fail_free:
	free(c);
	return NULL;
}

/* minictr_start for minictr_run, which wants the exit code of a failure
 * (127 for a missing CMD, ...). */
struct minictr *mc_start(const struct minictr_config *cfg, int *exit_code)
{
	return start(cfg, exit_code);
}

struct minictr *minictr_start(const struct minictr_config *cfg)
{
	int code;

	return start(cfg, &code);
}

pid_t minictr_pid(const struct minictr *c)
{
	return c->pid;
}

int64_t minictr_memory_bytes(const struct minictr *c)
{
	return mc_cgroup_memory(&c->cg);
}

/* The status a shell would report. */
static int shell_status(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return MINICTR_EXIT_ERROR;
}

int minictr_wait(struct minictr *c, int *oom)
{
	int status = 0, killed;
	pid_t r;

	do
		r = waitpid(c->pid, &status, 0);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		mc_err("waitpid %d: %s", (int)c->pid, strerror(errno));
		status = MINICTR_EXIT_ERROR << 8;
	}
	killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL && mc_cgroup_oom_killed(&c->cg);
	if (oom)
		*oom = killed;
	mc_cgroup_remove(&c->cg);
	free(c);
	return shell_status(status);
}

/* The caller has reaped (or will reap) PID 1 itself: do not signal its pid,
 * which may already belong to another process; what is left is found
 * through the cgroup. */
void minictr_release(struct minictr *c)
{
	mc_cgroup_remove(&c->cg);
	free(c);
}

int minictr_destroy(struct minictr *c)
{
	kill(c->pid, SIGKILL);
	return minictr_wait(c, NULL);
}
