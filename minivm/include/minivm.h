/*
 * minivm.h - the minivm library: run a static x86-64 Linux program in a
 * fresh KVM microVM on minivm's own guest kernel (or, later, a Linux kernel).
 * The `minivm` command and the benchmark harness are thin users of it.
 *
 * A VM lives in one host process: the process that calls minivm_run() owns
 * the VM's file descriptors and runs its single vCPU on its own thread. To
 * run a VM beside other work, fork first (minivm_spawn() does exactly that).
 */
#ifndef MINIVM_H
#define MINIVM_H

#include <stddef.h>
#include <sys/types.h>

/* Exit statuses of minivm itself. A program's own status (0..255) is
 * passed through; these are the ones minivm uses for its own failures,
 * chosen, like timeout(1)'s 124 and docker's 125, from the top of the range
 * that programs rarely use. Rarely is not never: a program may exit 124
 * too. minivm_stats.program_exited (and the command's --status-file)
 * tells which it was. */
enum minivm_status {
	MINIVM_EXIT_NOKVM = 120,       /* no /dev/kvm, or no permission to open it */
	MINIVM_EXIT_CRASH = 121,       /* guest crashed: exception, triple fault, bad hypercall */
	MINIVM_EXIT_UNSUPPORTED = 122, /* Linux boot refused: this host's KVM (PVM)
					* cannot run a stock Linux kernel; --force */
	MINIVM_EXIT_GATE_CLOSED = 123, /* the gate (cfg->gate_fd) reached EOF: the VM
					* was built but the program never ran */
	MINIVM_EXIT_TIMEOUT = 124,     /* ran past --timeout */
	MINIVM_EXIT_ERROR = 125,       /* minivm's own error: usage, host call failed */
	MINIVM_EXIT_NOEXEC = 126,      /* PROGRAM is not a loadable static x86-64 ELF */
	MINIVM_EXIT_SIGNAL = 130,      /* stopped by SIGINT/SIGTERM */
};

struct minivm_config {
	const char *kvm_path; /* NULL: $MINIVM_KVM, else "/dev/kvm" */
	size_t mem_mib;	      /* guest memory, 8 MiB up (odd: rounded up); 0: 32 MiB */
	double timeout_s;     /* 0: none */
	int phases_fd;	      /* -1: none; else "name ns\n" lines, see below */
	int stdin_fd;	      /* guest fd 0 reads from here (-1: EOF) */
	int stdout_fd;	      /* guest fd 1 writes go here */
	int stderr_fd;	      /* guest fd 2 writes go here */
	const char *program;  /* path of the static ELF to run */
	int argc;
	char *const *argv; /* argv[0] is what the program sees as its name */
	char *const *envp; /* NULL: an empty environment */
	int quiet;	   /* 1: no diagnostics on stderr_fd for crashes */
	/* Added by the minivm library (fields after this line are optional;
	 * minivm_config_init() sets them to "off"). */
	const char *kernel_path;    /* NULL: the guest kernel built into the library */
	struct minivm_stats *stats; /* NULL, or filled before minivm_run() returns */
	int trace;		    /* 1: each step as it happens on stderr_fd (--trace) */
	/* The gate (lib/gate.c), for a VM built ahead of its use: -1: none.
	 * With gate_fd set, the VM is built completely (up to vcpu_ready),
	 * then one byte is written to gate_ready_fd (if set: "paused") and the
	 * run waits on gate_fd: one byte read, it runs (phase `resumed`); EOF,
	 * it ends without running (MINIVM_EXIT_GATE_CLOSED). The stamps before
	 * the gate are not written (they precede the user's clock). The
	 * timeout_s clock runs from the start, the wait included. */
	int gate_ready_fd;
	int gate_fd;
};

/* What one run cost, measured by the VMM itself. */
struct minivm_stats {
	size_t guest_touched_kib; /* guest memory the VM had touched at program exit (mincore) */
	int exit_reason;	  /* the KVM exit reason that ended a crashed run, else -1 */
	int program_exited;	  /* 1: the status returned is the program's own exit
				   * status; 0: one of enum minivm_status (a program
				   * may exit with those numbers too) */
};

/* Phase names written to phases_fd, each as "name CLOCK_MONOTONIC-ns":
 *   start, kvm_opened, vm_created, memory_mapped, vcpu_ready,
 *   guest_entered, first_syscall, program_exit, vm_destroyed
 * (a Linux guest: first_output, init_started and ready in place of
 * first_syscall; a VM that passed a gate: resumed in place of start ...
 * vcpu_ready) */

/* Fill *cfg with defaults (fds 0/1/2, no phases, no timeout). */
void minivm_config_init(struct minivm_config *cfg);

/* Create the VM, run the program to its end, destroy the VM. Returns the
 * program's exit status, or one of enum minivm_status. Diagnostics (one
 * line each) go to cfg->stderr_fd unless cfg->quiet. */
int minivm_run(const struct minivm_config *cfg);

/* Optional, once, in a process that will fork VMs: read the host facts
 * every VM start needs (KVM's supported CPUID table, about 0.1 ms) so that
 * the children start with them. 0, or -1 with errno (then each run reads
 * them itself, as without this call). */
int minivm_prepare(const char *kvm_path);

/* fork(), run minivm_run() in the child and _exit() with its status.
 * Returns the child's pid, or -1 with errno set. */
pid_t minivm_spawn(const struct minivm_config *cfg);

/*
 * Warm start (lib/snapshot.c, lib/restore.c): boot a program once, up to
 * the point just before its first instruction, keep that VM's memory and
 * vCPU state as a template, and start any number of new VMs from it. Each
 * gets the template's memory copy-on-write and its registers, so it skips
 * the VM's construction and the guest kernel's set-up.
 */
struct minivm_template;

/* Boot cfg->program (with cfg->mem_mib, cfg->kernel_path) in a fresh VM up
 * to the snapshot point, keep its memory (a sealed memfd) and its vCPU
 * state, destroy the VM. The VM boots in a child process this call forks
 * and reaps (cfg->timeout_s; 0: 10 s), so the caller's signal handlers
 * and its own later cold VMs are left as they were. Returns 0 and *out,
 * or an enum minivm_status with a diagnostic on cfg->stderr_fd. */
int minivm_template_create(const struct minivm_config *cfg, struct minivm_template **out);

/* Run a new VM from t in this process (which made t, or was forked from
 * one that did): cfg's argv, fds, timeout, phases and stats; its program,
 * memory size and kernel are the template's. Returns as minivm_run(); the
 * phases lack guest_entered (the guest kernel ran in the template). */
int minivm_run_snapshot(const struct minivm_template *t, const struct minivm_config *cfg);

/* The template's memory is a file descriptor: after a fork, a child that
 * closes other fds first moves it to fd (dup2). 0, or -1 with errno. */
int minivm_template_move_fd(struct minivm_template *t, int fd);

/* Close the memfd and free t (instances already started keep running). */
void minivm_template_free(struct minivm_template *t);

/* What the host offers, for `minivm info` and the harness's env.csv. */
struct minivm_hostinfo {
	int api_version;  /* KVM_GET_API_VERSION, or -1 */
	char flavour[16]; /* "vmx", "svm", "pvm" or "none" */
	char reason[128]; /* why not usable, when flavour is "none" */
};
int minivm_hostinfo(const char *kvm_path, struct minivm_hostinfo *out);

/* `minivm info`: "key value" lines (kvm_path, api_version, flavour, and
 * cap.NAME for the KVM capabilities minivm uses) on fd. 0, or -1 when KVM
 * is not usable (then a "reason" line says why). */
int minivm_info_write(const char *kvm_path, int fd);

#endif
