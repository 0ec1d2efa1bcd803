/*
 * snaptemplate.c - the snapshot templates of a run, and the child that
 * starts a VM from one (snaptemplate.h). Both warm microVM backends use
 * them: microvm-snap in the child it forks at launch, microvm-pool in the
 * worker it forks before the clock starts.
 *
 * A template (minivm_template_create) is a VM booted up to the workload's
 * first instruction, its memory in a sealed memfd and its vCPU state in
 * the harness's memory. It never changes, so one serves every instance of
 * both backends: made once per run, before any t0, in prepare.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "snaptemplate.h"

#include "minivm.h"

#define SNAP_EXIT_ERROR	 125 /* minivm's own "error" status */
#define DEFAULT_MEM_MIB	 0   /* minivm's default, 32 MiB */
#define MEM_WORKLOAD_MIB 32  /* on top of the `mem` workload's own pages */

/* The child's fds, by number (snaptemplate.h). */
enum { FD_PHASES = 3, FD_TEMPLATE = 4, FD_GATE_READY = 5, FD_GATE = 6, FD_FIRST_FREE = 7 };

static struct minivm_template *templates[2]; /* [0] default size, [1] for `mem` */
static int users;			     /* backends holding them */

static int make_template(const char *program, size_t mib, struct minivm_template **out,
			 char *reason, size_t len)
{
	static char *const argv[] = {"workload", "noop", NULL};
	struct minivm_config cfg;

	minivm_config_init(&cfg);
	cfg.program = program;
	cfg.argc = 2;
	cfg.argv = argv;
	cfg.mem_mib = mib;
	cfg.stdin_fd = -1;
	int rc = minivm_template_create(&cfg, out);
	if (rc != 0)
		snprintf(reason, len,
			 "unsupported here: the snapshot template failed (minivm status %d, its "
			 "message on stderr)",
			 rc);
	return rc == 0 ? 0 : -1;
}

static void free_templates(void)
{
	for (int i = 0; i < 2; i++) {
		minivm_template_free(templates[i]);
		templates[i] = NULL;
	}
}

int snap_templates_get(const struct bench_opts *o, char *reason, size_t len)
{
	if (users > 0) {
		users++;
		return 0;
	}
	if (make_template(o->workload, DEFAULT_MEM_MIB, &templates[0], reason, len) != 0 ||
	    make_template(o->workload, (size_t)o->mem_mib + MEM_WORKLOAD_MIB, &templates[1], reason,
			  len) != 0) {
		free_templates();
		return -1;
	}
	users = 1;
	return 0;
}

void snap_templates_put(void)
{
	if (users > 0 && --users == 0)
		free_templates();
}

static struct minivm_template *template_for(char *const argv[])
{
	return argv[1] && strcmp(argv[1], "mem") == 0 && argv[2] ? templates[1] : templates[0];
}

/* A copy of fd at the lowest free number from low up (-1 stays -1). */
static int lift(int fd, int low)
{
	if (fd < 0)
		return -1;
	int copy = fcntl(fd, F_DUPFD, low);
	if (copy < 0)
		_exit(SNAP_EXIT_ERROR);
	return copy;
}

/* fd to target, or target closed when there is none: a harness fd that
 * happened to sit there must not stay open in the VM (a gate's write end
 * kept by the child itself would hold its EOF off for ever). */
static void place(int fd, int target)
{
	if (fd < 0)
		close(target); /* EBADF when nothing was there: nothing to do */
	else if (dup2(fd, target) < 0)
		_exit(SNAP_EXIT_ERROR);
}

static int max_of(const int *v, int n)
{
	int m = v[0];

	for (int i = 1; i < n; i++)
		m = v[i] > m ? v[i] : m;
	return m;
}

void snap_child_run(const struct vm_child_ctx *c, int gate_ready, int gate)
{
	struct minivm_template *t = template_for(c->argv);
	struct minivm_config cfg;
	int argc = 0;
	/* Every fd we keep sits anywhere the harness had it, maybe on one
	 * of the numbers 0-6 another must go to. So first each is copied
	 * above all of them and above 6, then each copy goes to its place:
	 * no dup2 can overwrite one not yet moved. */
	int keep[] = {devnull_fd(), c->out, c->ph, gate_ready, gate, FD_FIRST_FREE};
	int low = max_of(keep, 6) + 1;
	int null = lift(keep[0], low), out = lift(c->out, low), ph = lift(c->ph, low),
	    ready = lift(gate_ready, low), go = lift(gate, low);
	int lifted[] = {null, out, ph, ready, go};

	/* The template's fd (opaque: minivm_template_move_fd) above them. */
	if (minivm_template_move_fd(t, max_of(lifted, 5) + 1) < 0)
		_exit(SNAP_EXIT_ERROR);
	place(null, 0);
	place(out, 1);
	place(out, 2);
	place(ph, FD_PHASES);
	if (minivm_template_move_fd(t, FD_TEMPLATE) < 0)
		_exit(SNAP_EXIT_ERROR);
	place(ready, FD_GATE_READY);
	place(go, FD_GATE);
	/* The copies, the other template, the harness's own fds. */
	vm_close_fds_from(FD_FIRST_FREE);
	while (c->argv[argc])
		argc++;
	minivm_config_init(&cfg);
	cfg.argc = argc;
	cfg.argv = c->argv;
	cfg.phases_fd = c->ph >= 0 ? FD_PHASES : -1;
	cfg.gate_ready_fd = gate_ready >= 0 ? FD_GATE_READY : -1;
	cfg.gate_fd = gate >= 0 ? FD_GATE : -1;
	_exit(minivm_run_snapshot(t, &cfg));
}
