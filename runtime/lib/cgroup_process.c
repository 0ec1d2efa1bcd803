/*
 * cgroup_process.c - the public face of the cgroup module for a plain
 * process (minictr_cgroup.h): a container's cgroup (cgroup.c) with no
 * limits and no device allow-list, joined by the process itself.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <linux/magic.h>

#include "minictr_cgroup.h"
#include "internal.h"

struct minictr_cgroup {
	struct mc_cgroup cg;
	/* Made before the fork, so that joining needs no snprintf. */
	char procs[MC_CG_DIRS][PATH_MAX + 16];
};

const char *minictr_cgroup_version(void)
{
	struct statfs st;

	mc_cgroup_init();
	switch (mc_cgroup_memory_version()) {
	case MC_CG_V2:
		return "v2";
	case MC_CG_V1:
		/* Hybrid: systemd mounts an empty v2 tree beside the v1
		 * controllers, at /sys/fs/cgroup/unified. */
		if (statfs("/sys/fs/cgroup/unified", &st) == 0 && st.f_type == CGROUP2_SUPER_MAGIC)
			return "hybrid";
		return "v1";
	default:
		return "none";
	}
}

const char *minictr_cgroup_where(void)
{
	mc_cgroup_init();
	return mc_cgroup_base(0);
}

struct minictr_cgroup *minictr_cgroup_create(const char *name)
{
	struct mc_cgroup_want want = {.name = name, .best_effort = 1, .quiet = 1};
	struct minictr_cgroup *p;
	int r;

	if (minictr_cgroup_where()[0] == '\0') {
		errno = ENOENT;
		return NULL;
	}
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return NULL;
	/* Nothing is asked for (no limit, no allow-list), so only a taken
	 * name or a failed mkdir can stop it. */
	r = mc_cgroup_create(&p->cg, &want);
	if (r == 0 && p->cg.mem_dir[0] == '\0')
		r = -ENOENT; /* v1: the mkdir failed; cgroup.c made nothing */
	if (r != 0) {
		free(p);
		errno = r < 0 ? -r : EIO;
		return NULL;
	}
	mc_cgroup_procs_files(&p->cg, p->procs);
	return p;
}

const char *minictr_cgroup_path(const struct minictr_cgroup *cg)
{
	return cg->cg.mem_dir;
}

/* The files were chosen by mc_cgroup_procs_files: on v1 "tasks", which
 * moves the one thread of a freshly forked child without waiting for an
 * RCU grace period (cgroup.c says why). */
int minictr_cgroup_join(const struct minictr_cgroup *cg)
{
	for (int i = 0; i < MC_CG_DIRS; i++) {
		int r;

		if (cg->procs[i][0] == '\0')
			continue;
		r = mc_write_file(cg->procs[i], "0");
		if (r < 0)
			return r;
	}
	return 0;
}

int64_t minictr_cgroup_memory(const struct minictr_cgroup *cg)
{
	return mc_cgroup_memory(&cg->cg);
}

void minictr_cgroup_remove(struct minictr_cgroup *cg)
{
	if (cg == NULL)
		return;
	mc_cgroup_remove(&cg->cg);
	free(cg);
}
