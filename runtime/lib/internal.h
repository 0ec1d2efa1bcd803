/*
 * internal.h - what the files of the minictr library share with each other
 * (and with the unit tests); not part of the public API in minictr.h.
 */
#ifndef MINICTR_INTERNAL_H
#define MINICTR_INTERNAL_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <sys/types.h>

#include "minictr.h"

/* Exit statuses of `minictr run` that are not the workload's own. */
#define MINICTR_EXIT_ERROR    125 /* the runtime itself failed */
#define MINICTR_EXIT_NOEXEC   126 /* CMD exists but cannot be executed */
#define MINICTR_EXIT_NOTFOUND 127 /* CMD is not in the root file system */
#define MINICTR_EXIT_TIMEOUT  124 /* --timeout ran out (as timeout(1)) */
/* A limit (--mem, --pids) or the device allow-list cannot be applied, or
 * the cgroup name is taken: nothing was started (fail closed). */
#define MINICTR_EXIT_REFUSED 122

/* ---- util.c: one-line errors and small file helpers ---- */
void mc_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void mc_warn(int quiet, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int mc_write_file(const char *path, const char *text);
ssize_t mc_read_file(const char *path, char *buf, size_t size);
int mc_read_u64_field(const char *path, const char *key, uint64_t *value);
int mc_read_u64(const char *path, uint64_t *value);

/* ---- mountpoints.c ---- */
/* The rootfs's mount points (proc, dev, tmp): made where missing, as runc
 * does; -1 after a one-line error when one cannot be made, or when rootfs
 * is the host's own root. */
int mc_rootfs_mount_points(const char *rootfs);

/* ---- container.c ---- */
struct minictr *mc_start(const struct minictr_config *cfg, int *exit_code);

/* ---- namespaces.c: every namespace, in the order the child makes them ---- */
struct mc_ns_helper;
unsigned long mc_clone_flags(int userns);
int mc_ns_cgroup(void);
void mc_ns_net_ipc_uts_start(struct mc_ns_helper *h, int netns_fd, const char *hostname,
			     void *helper_stack);
int mc_ns_net_ipc_uts_enter(struct mc_ns_helper *h, int netns_fd, const char *hostname);

/* ---- clone.c ---- */
pid_t mc_clone(unsigned long flags, int (*fn)(void *), void *arg, void *stack, size_t size,
	       int cgroup_fd, int *born_in);

/* ---- idmap.c ---- */
int mc_idmap_format(char *buf, size_t size, unsigned inside, unsigned outside, unsigned count);
int mc_idmap_write(pid_t pid, uid_t uid, gid_t gid);
void mc_idmap_outside(uid_t caller, unsigned *outside, unsigned *count);

/* ---- cgroup_find.c: where the caller's cgroups are (pure text parsing) ---- */
enum { MC_CG_NONE = 0, MC_CG_V1 = 1, MC_CG_V2 = 2 };
int mc_cgroup_find(const char *proc_cgroup, const char *mountinfo, const char *controller,
		   char *dir, size_t size);
int mc_mountinfo_unescape(char *s);

/* ---- cgroup.c: the container's own cgroup ---- */
struct mc_cgroup {
	int version;		 /* MC_CG_V1 or MC_CG_V2 or MC_CG_NONE */
	char mem_dir[PATH_MAX];	 /* "" when there is no memory cgroup (v2: the one directory) */
	char pids_dir[PATH_MAX]; /* v1: "" when there is no pids cgroup */
	char dev_dir[PATH_MAX];	 /* v1: "" when there is no devices cgroup */
};
/* What a container's cgroup must give; a protection asked for that cannot
 * be applied refuses the start unless best_effort. */
struct mc_cgroup_want {
	const char *name;
	uint64_t mem, pids; /* 0: no limit */
	int devices;	    /* 1: the device allow-list (devices.c) */
	int best_effort;
	int quiet;
};
#define MC_CG_DIRS 3 /* devices, memory, pids: the order the child joins them */
void mc_cgroup_init(void);
int mc_cgroup_memory_version(void); /* MC_CG_*: the memory controller's */
int mc_cgroup_create(struct mc_cgroup *cg, const struct mc_cgroup_want *want);
void mc_cgroup_procs_files(const struct mc_cgroup *cg, char files[MC_CG_DIRS][PATH_MAX + 16]);
const char *mc_cgroup_base(int which);
int64_t mc_cgroup_memory(const struct mc_cgroup *cg);
int mc_cgroup_oom_killed(const struct mc_cgroup *cg);
void mc_cgroup_remove(struct mc_cgroup *cg);

/* ---- cgroup_stale.c: leftovers of runs that died ---- */
void mc_cgroup_stale_once(void);

/* ---- devices.c: the device allow-list ---- */
struct bpf_insn;
int mc_devices_v1(const char *dir);
int mc_devices_v2(const char *dir);
size_t mc_devices_program(struct bpf_insn *prog);

/* ---- child side, between clone and execve (failures: childfail.h): rootfs.c,
 * pivot.c, net.c, ns_helper.c, caps.c, nnp.c, seccomp.c ---- */
int mc_rootfs_prepare(const char *rootfs);
int mc_pivot(void);
int mc_net_lo_up(void);
int mc_lo_up(const char **what);
struct mc_ns_helper {
	pid_t pid;
	int ready_r, ready_w;
	int flags;
	const char *hostname;
};
int mc_ns_helper_start(struct mc_ns_helper *h, int flags, const char *hostname, void *stack_top);
int mc_ns_helper_join(struct mc_ns_helper *h);
int mc_net_join(int netns_fd);
int mc_caps_drop(void);
int mc_nnp(void);
int mc_seccomp_install(void);
void mc_seccomp_prepare(void); /* parent, before the clone */

/* seccomp_filter.c: the filter as a BPF program, and an evaluator for it so
 * the unit tests can check each decision. */
struct sock_filter;
size_t mc_seccomp_program(struct sock_filter *prog, size_t max);
int mc_seccomp_is_denied(int nr);
uint32_t mc_seccomp_eval(const struct sock_filter *prog, size_t len, int nr, uint32_t arch,
			 const uint64_t args[6]);

/* ---- args.c: the `minictr` command line ---- */
struct mc_args {
	struct minictr_config cfg;
	int help;
};
int mc_parse_args(int argc, char **argv, struct mc_args *out);
void mc_usage(FILE *out);

#endif
