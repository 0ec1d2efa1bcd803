/*
 * container.c - start a container, and end it: the parent's side.
 *
 *   parent                              child (child.c)
 *   ------                              -----
 *   check rootfs and CMD
 *   create the cgroup, write limits     (a limit or the device list that
 *   and the device allow-list            cannot be applied refuses the
 *                                        start, unless best_effort)
 *   clone (pid, mnt, [user];           -> [waits for the id maps]
 *     v2: born in the cgroup)
 *   [write uid/gid maps, send a byte]    joins the cgroup (v1), cgroup
 *   wait for EOF on the error pipe       namespace, mounts, net + ipc + uts
 *   (close-on-exec: EOF = exec done)     namespaces, lo up, pivot, stdio,
 *                                        open-files limit, caps, nnp,
 *                                        seccomp, execve
 *
 * Pipes: "err" (child to parent, close-on-exec) and "life" (the child sees
 * it hang up if the parent dies) always, and "go" (parent to child) with a
 * user namespace. If the child fails, it writes what failed on err and
 * exits (childfail.c); the parent reports it, reaps the child and removes
 * the cgroup, so nothing is left behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "phase_stamp.h"
#include "child.h"
#include "childfail.h"
#include "trace.h"

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
	struct stat st;

	if (!rootfs || rootfs[0] != '/') {
		mc_err("--rootfs must be an absolute path: %s", rootfs ? rootfs : "(none)");
		return -1;
	}
	if (stat(rootfs, &st) < 0) {
		mc_err("root file system %s: %s", rootfs, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		mc_err("root file system %s: not a directory", rootfs);
		return -1;
	}
	return mc_rootfs_mount_points(rootfs);
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
	if (strcmp(e.what, MC_UNSEARCHABLE) == 0) {
		unsigned outside, count;

		mc_idmap_outside(geteuid(), &outside, &count);
		mc_err("in a user namespace the container's root is host uid %u: the image and "
		       "every folder above it must be searchable by it (chmod o+x %s), or keep the "
		       "image elsewhere (for example under /opt)",
		       outside, e.path);
	}
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

/* The stacks the child and its network helper run on until execve (a few
 * KiB each: no recursion, small buffers): one allocation, the child's at
 * the top, the helper's below HELPER_STACK_SIZE. */
#define CHILD_STACK_SIZE  (64 * 1024)
#define HELPER_STACK_SIZE (16 * 1024)

/* A number for the generated cgroup name, unique within this process. */
static unsigned next_id(void)
{
	static unsigned id;

	return __atomic_add_fetch(&id, 1, __ATOMIC_RELAXED);
}

/* After the clone: write the id maps (user namespace), then wait for the
 * child to exec (EOF on the error pipe) or to report a failure. Returns 0,
 * or -1 with the child reaped. */
static int parent_wait(pid_t pid, int go_w, int err_r, int userns, int *exit_code)
{
	if (userns) {
		if (mc_idmap_write(pid, getuid(), getgid()) < 0 || send_byte(go_w) < 0) {
			*exit_code = MINICTR_EXIT_ERROR;
			close(go_w);
			kill(pid, SIGKILL);
			reap(pid);
			return -1;
		}
		close(go_w);
		if (mc_trace_fd >= 0)
			mc_trace("uid/gid maps", "written for the user namespace; go byte sent",
				 NULL);
	}
	if (wait_exec(err_r, exit_code) < 0) {
		reap(pid);
		return -1;
	}
	if (mc_trace_fd >= 0)
		mc_trace("exec seen", "EOF on the close-on-exec error pipe: CMD runs", NULL);
	return 0;
}

/* How many CPUs we may run on: with one, a helper cannot run alongside. */
static int cpus_allowed(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) < 0)
		return 1;
	return CPU_COUNT(&set);
}

static void fill_plan(struct mc_child_plan *plan, const struct minictr_config *cfg, int userns)
{
	memset(plan, 0, sizeof(*plan));
	plan->rootfs = cfg->rootfs;
	plan->argv = cfg->argv;
	plan->envp = cfg->envp ? cfg->envp : default_env;
	plan->hostname = cfg->hostname ? cfg->hostname : "minictr";
	plan->phases_fd = cfg->phases_fd;
	plan->stdio[0] = cfg->stdin_fd;
	plan->stdio[1] = cfg->stdout_fd;
	plan->stdio[2] = cfg->stderr_fd;
	plan->userns = userns;
	plan->may_setgroups = userns && geteuid() == 0;
	plan->use_helper = cfg->parallel && cpus_allowed() > 1;
	plan->go_fd = plan->go_w = -1;
}

static int check_config(const struct minictr_config *cfg, int *exit_code)
{
	int r;

	if (check_rootfs(cfg->rootfs) < 0)
		return -1;
	if (!cfg->argv || !cfg->argv[0]) {
		mc_err("no command to run");
		return -1;
	}
	r = check_cmd(cfg->rootfs, cfg->argv[0]);
	if (r) {
		*exit_code = r;
		return -1;
	}
	return 0;
}

/* The container's cgroup. A directory of the same name may be there
 * already: a leftover whose owner is alive, or a pid reused in another pid
 * namespace. Its limits and processes are not ours, so it is never used: a
 * generated name moves on to the next number; a name the caller chose is
 * refused. Returns 0, or the exit status after one line. */
static int make_cgroup(struct minictr *c, const struct minictr_config *cfg,
		       char procs[MC_CG_DIRS][PATH_MAX + 16])
{
	struct mc_cgroup_want want;
	char name[64];
	int tries, r = -EEXIST;

	memset(&want, 0, sizeof(want));
	want.name = name;
	want.mem = cfg->mem_bytes;
	want.pids = cfg->pids_max;
	/* An unprivileged caller can make no device cgroup (v1: no rights;
	 * v2: loading a BPF program needs CAP_BPF or CAP_SYS_ADMIN in the
	 * host's user namespace); the nodev root file system and the kernel's
	 * refusal of mknod in a user namespace remain (README, Rootless). */
	want.devices = geteuid() == 0;
	want.best_effort = cfg->best_effort;
	want.quiet = cfg->quiet;
	for (tries = 0; tries < 100 && r == -EEXIST; tries++) {
		if (cfg->cgroup_name)
			snprintf(name, sizeof(name), "%s", cfg->cgroup_name);
		else
			snprintf(name, sizeof(name), "minictr-%d-%u", (int)getpid(), next_id());
		r = mc_cgroup_create(&c->cg, &want);
		if (r == -EEXIST && cfg->cgroup_name)
			break;
	}
	if (r == -EEXIST) {
		mc_err("cgroup %s exists already (left by another run?): not started; remove it or "
		       "choose another --name",
		       name);
		return MINICTR_EXIT_REFUSED;
	}
	if (r != 0)
		return r;
	mc_cgroup_procs_files(&c->cg, procs);
	return 0;
}

/* A v2 cgroup (one directory, every controller) can be given to clone3,
 * so that the child is born in it (clone.c); v1 hierarchies cannot:
 * there the child joins by writing its tasks files. -1: none, or it could
 * not be opened (then the child joins by writing, as on v1). */
static int open_v2_cgroup(const struct mc_cgroup *cg)
{
	if (cg->version != MC_CG_V2 || !cg->mem_dir[0])
		return -1;
	return open(cg->mem_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static void clone_error(int err, int userns)
{
	mc_err("clone (new namespaces%s): %s%s", userns ? ", user namespace" : "", strerror(err),
	       userns && (err == EPERM || err == EINVAL || err == ENOSPC)
		   ? " (are unprivileged user namespaces allowed?)"
		   : "");
}

static void close_pair(int p[2])
{
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
}

/* Clone the child and wait until it has exec'ed. Returns its pid, or -1
 * (child reaped).
 *
 * Pipes: "go" (parent to child, user namespace only), "err" (child to
 * parent), and "life": its write end stays open here only, until the child
 * has exec'ed; the child sees it closed (POLLHUP) exactly when we have
 * died, which is how it finds out whether we died before its
 * PR_SET_PDEATHSIG took effect (child.c). */
static pid_t spawn(struct mc_child_plan *plan, char *stack, int cgroup_fd, int *exit_code)
{
	int go[2] = {-1, -1}, err[2] = {-1, -1}, life[2] = {-1, -1};
	pid_t pid;

	if ((plan->userns && pipe2(go, O_CLOEXEC) < 0) || pipe2(err, O_CLOEXEC) < 0 ||
	    pipe2(life, O_CLOEXEC) < 0) {
		mc_err("pipe2: %s", strerror(errno));
		close_pair(go);
		close_pair(err);
		return -1;
	}
	plan->go_fd = go[0];
	plan->go_w = go[1];
	plan->err_fd = err[1];
	plan->err_r = err[0];
	plan->life_r = life[0];
	plan->life_w = life[1];
	if (plan->use_helper)
		plan->helper_stack = stack + HELPER_STACK_SIZE;
	if (mc_trace_fd >= 0)
		mc_trace_clone(mc_clone_flags(plan->userns));
	pid = mc_clone(mc_clone_flags(plan->userns), mc_child_main, plan, stack, CHILD_STACK_SIZE,
		       cgroup_fd, &plan->born_in_cgroup);
	close(err[1]);
	close(life[0]);
	if (go[0] >= 0)
		close(go[0]);
	if (pid < 0) {
		clone_error(-pid, plan->userns);
		if (go[1] >= 0)
			close(go[1]);
		close(err[0]);
		close(life[1]);
		return -1;
	}
	if (parent_wait(pid, go[1], err[0], plan->userns, exit_code) < 0)
		pid = -1;
	close(err[0]);
	close(life[1]);
	return pid;
}

static struct minictr *start(const struct minictr_config *cfg, int *exit_code)
{
	char procs[MC_CG_DIRS][PATH_MAX + 16];
	struct mc_child_plan plan;
	int i, r, cgroup_fd;
	struct minictr *c;
	char *stack;

	*exit_code = MINICTR_EXIT_ERROR;
	write_phase(cfg->phases_fd, "start");
	mc_trace_begin(cfg->trace ? cfg->stderr_fd : -1);
	if (check_config(cfg, exit_code) < 0)
		return NULL;
	if (mc_trace_fd >= 0)
		mc_trace("check", "rootfs has proc/ dev/ tmp/, CMD is executable: ", cfg->argv[0]);
	c = calloc(1, sizeof(*c));
	stack = malloc(CHILD_STACK_SIZE);
	if (!c || !stack) {
		mc_err("malloc: %s", strerror(errno));
		goto fail_free;
	}
	c->mem_bytes = cfg->mem_bytes;
	c->quiet = cfg->quiet;
	fill_plan(&plan, cfg, cfg->userns || geteuid() != 0);
	plan.netns_fd = open_netns(cfg->netns_path);
	if (cfg->netns_path && plan.netns_fd < 0)
		goto fail_free;
	/* The cgroup first: the child joins it as its first step. */
	r = make_cgroup(c, cfg, procs);
	if (r != 0) {
		*exit_code = r;
		goto fail_netns;
	}
	if (mc_trace_fd >= 0)
		mc_trace("cgroup",
			 "made, limits written: ", c->cg.mem_dir[0] ? c->cg.mem_dir : "(none)");
	for (i = 0; i < MC_CG_DIRS; i++)
		plan.cgroup_procs[i] = procs[i];
	mc_seccomp_prepare();
	cgroup_fd = open_v2_cgroup(&c->cg);
	c->pid = spawn(&plan, stack, cgroup_fd, exit_code);
	if (cgroup_fd >= 0)
		close(cgroup_fd);
	if (c->pid < 0) {
		mc_cgroup_remove(&c->cg);
		goto fail_netns;
	}
	if (plan.netns_fd >= 0)
		close(plan.netns_fd);
	free(stack);
	return c;

fail_netns:
	if (plan.netns_fd >= 0)
		close(plan.netns_fd);
fail_free:
	free(stack);
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
	int status = 0, killed = 0;
	pid_t r;

	do
		r = waitpid(c->pid, &status, 0);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		mc_err("waitpid %d: %s", (int)c->pid, strerror(errno));
		status = MINICTR_EXIT_ERROR << 8;
	}
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		killed = mc_cgroup_oom_killed(&c->cg);
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
