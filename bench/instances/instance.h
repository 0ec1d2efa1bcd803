/*
 * instance.h - the life of one instance as the harness sees it: launch
 * (t0), output lines (READY -> t_ready, ELAPSED), exit (t_exit), phases.
 * Every launched instance is on the "live" list until it has been reaped
 * and released, so that Ctrl-C can tear down whatever is running.
 */
#ifndef BENCH_INSTANCE_H
#define BENCH_INSTANCE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct backend;
struct minictr_cgroup;

/* Where a watched file descriptor belongs: epoll hands back this pointer. */
struct watch {
	struct instance *in;
	int kind; /* WATCH_OUT or WATCH_PID */
};
enum { WATCH_OUT = 1, WATCH_PID = 2 };

#define INST_CAPTURE 1024 /* bytes of output kept for facts and errors */
#define INST_PHASES  16

struct phase {
	char name[32];
	int64_t ns; /* CLOCK_MONOTONIC stamp, absolute */
};

struct instance {
	const struct backend *be;
	int id;	      /* unique in this run: names cgroups */
	pid_t pid;    /* the instance's top host process; 0 before launch */
	int pidfd;    /* readable once pid has exited; -1 when closed */
	int out_fd;   /* read end of the workload's stdout (and stderr) */
	int phase_fd; /* read end of the phase side channel, or -1 */
	void *priv;   /* the backend's own state */
	/* own memory cgroup (process, microvm: minictr_cgroup.h), or NULL */
	struct minictr_cgroup *cg;

	int64_t t0, t_ready, t_exit; /* 0 until reached */
	int64_t provision_ns;	     /* the backend's provision, before t0; 0: none */
	int ready;		     /* a READY line was read */
	int exited;		     /* pid reaped; status valid */
	int failed;		     /* gave up on it; reason says why */
	int status;		     /* wait status */
	int64_t elapsed_ns;	     /* from an "ELAPSED <ns>" line, or -1 */
	/* Close the output pipe once READY is read (density: set after
	 * instance_init). Its exit still comes through the pidfd. */
	int drop_output_at_ready;

	char line[256]; /* the output line being assembled */
	size_t line_len;
	char capture[INST_CAPTURE]; /* first bytes of output (complete lines) */
	size_t capture_len;
	char last_line[128]; /* last complete line that was not READY */

	struct phase phases[INST_PHASES];
	int n_phases;
	char reason[160];

	struct watch w_out, w_pid;
	struct instance *live_prev, *live_next; /* the list of live instances */
};

/* Descriptors the harness holds for one live instance: the read end of
 * its output pipe, its pidfd, and the read end of its phase pipe when
 * phases are wanted (the instance's own ends are closed after the start,
 * and no backend keeps more: fdlimit.h sizes RLIMIT_NOFILE by this). One
 * that drops its output at READY holds only its pidfd from then on. */
int instance_fds(int want_phases);

void instance_init(struct instance *in, const struct backend *be);
/* Provision (if the backend has it: timed into in->provision_ns), stamp
 * t0, launch, watch it. Returns 0, or -1 with in->failed and in->reason
 * set (then in->exited is also 1: there is nothing to wait for). */
int instance_launch(struct instance *in, char *const argv[], int want_phases);
/* Called by the loop: output is readable / the top process has exited. */
void instance_on_output(struct instance *in);
void instance_on_exit(struct instance *in);
/* Give up on an instance: mark it failed with reason, and stop it. */
void instance_fail(struct instance *in, const char *reason);
/* Ask it to end (no wait). */
void instance_stop(struct instance *in);
/* One phrase for why an instance ended without doing its job. */
void instance_explain(struct instance *in);
/* The first live instance (for the teardown of an interrupted run). */
struct instance *instance_live_first(void);
int instance_live_count(void);
/* The value of "KEY rest" in the captured output, or NULL. */
const char *instance_output_value(const struct instance *in, const char *key, char *buf,
				  size_t cap);

#endif
