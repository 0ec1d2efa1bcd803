/* options.c - the command line of build/bench. */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backends/backend.h"
#include "bench.h"
#include "host/hostkvm.h"

void print_usage(FILE *f)
{
	fprintf(
	    f, "usage: bench [--quick] [--out DIR] [--backends LIST] [--experiments LIST]\n"
	       "             [--runs N] [--warmup N] [--density LIST] [--budget MiB] [--jobs N]\n"
	       "             [--seed N]\n"
	       "       bench demo [--runs N]   (the classroom demo: bench demo --help)\n"
	       "\n"
	       "Run the same workload as a process, in a container and in microVMs, and\n"
	       "measure start-up, memory, density and run-time overhead (docs/methodology.md).\n"
	       "\n"
	       "  --quick             a short run for CI (about a minute)\n"
	       "  --out DIR           write the CSV files into DIR (default\n"
	       "                      results/<date>-<host>/, and results/latest points at it)\n"
	       "  --backends LIST     comma-separated: process,container,container-sharednet,\n"
	       "                      microvm,microvm-snap,microvm-pool,linuxvm,runc\n"
	       "                      (default: all)\n"
	       "  --experiments LIST  comma-separated: facts,startup,memory,overhead,density\n"
	       "                      (default: all), or soak (only when named)\n"
	       "  --runs N            measured samples per backend and workload (default 20,\n"
	       "                      quick 5); warm-up samples come on top and are dropped\n"
	       "  --warmup N          warm-up samples per backend and workload (default 2,\n"
	       "                      quick 1)\n"
	       "  --density LIST      instance counts, e.g. 1,10,100 (default 1,2,4,...,512,1000;\n"
	       "                      quick 1,2,4,8)\n"
	       "  --budget MiB        stop density growth once N instances take this much\n"
	       "                      memory (default: half of MemAvailable, at most 4096)\n"
	       "  --jobs N            density: launches in flight at once (default: cores)\n"
	       "  --seed N            seed of the shuffled round-robin order (default 1)\n"
	       "  --soak N            soak: instances per backend (default 1000), a random\n"
	       "                      10%% of them SIGKILLed; exit 1 if a count grew\n"
	       "  --help              this text\n"
	       "\n"
	       "Files: samples.csv summary.csv phases.csv env.csv facts.csv (schema in\n"
	       "bench/README.md). Ctrl-C stops cleanly and marks the run interrupted.\n"
	       "Exit status: 0 done; 1 error (or soak: a count grew); 2 bad command line;\n"
	       "3 a backend that can run here produced no figure; 4 the results folder is\n"
	       "in use by another run; 130 interrupted.\n"
	       "\n"
	       "Reading runs back: bench report DIR, bench compare BASE NEW, bench\n"
	       "export-json DIR [OUT], bench baseline-for RUN (each with --help).\n");
}

static int parse_int(const char *what, const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "bench: %s: '%s' is not a number from %ld to %ld\n", what, s, lo,
			hi);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_backends(char *list, struct bench_opts *o)
{
	o->n_backends = 0;
	for (char *save = NULL, *t = strtok_r(list, ",", &save); t;
	     t = strtok_r(NULL, ",", &save)) {
		const struct backend *b = backend_by_name(t);

		if (b == NULL) {
			fprintf(stderr, "bench: --backends: unknown backend '%s' (known:", t);
			for (int i = 0; i < backend_count(); i++)
				fprintf(stderr, "%s %s", i ? "," : "", backend_at(i)->name);
			fprintf(stderr, ")\n");
			return -1;
		}
		int dup = 0;

		for (int i = 0; i < o->n_backends; i++)
			dup |= o->backend_names[i] == b->name;
		if (!dup && o->n_backends < MAX_BACKENDS)
			o->backend_names[o->n_backends++] = b->name;
	}
	if (o->n_backends == 0) {
		fprintf(stderr, "bench: --backends: empty list\n");
		return -1;
	}
	return 0;
}

static int parse_experiments(char *list, struct bench_opts *o)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {{"startup", EXP_STARTUP},	 {"memory", EXP_MEMORY}, {"density", EXP_DENSITY},
		     {"overhead", EXP_OVERHEAD}, {"facts", EXP_FACTS},	 {"soak", EXP_SOAK}};

	o->experiments = 0;
	for (char *save = NULL, *t = strtok_r(list, ",", &save); t;
	     t = strtok_r(NULL, ",", &save)) {
		unsigned bit = 0;

		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strcmp(names[i].name, t) == 0)
				bit = names[i].bit;
		if (bit == 0) {
			fprintf(stderr, "bench: --experiments: unknown experiment '%s' (known:", t);
			for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
				fprintf(stderr, "%s %s", i ? "," : "", names[i].name);
			fprintf(stderr, ")\n");
			return -1;
		}
		o->experiments |= bit;
	}
	if (o->experiments == 0) {
		fprintf(stderr, "bench: --experiments: empty list\n");
		return -1;
	}
	return 0;
}

static int parse_density(char *list, struct bench_opts *o)
{
	o->n_density = 0;
	for (char *save = NULL, *t = strtok_r(list, ",", &save); t;
	     t = strtok_r(NULL, ",", &save)) {
		long v;

		if (parse_int("--density", t, 1, 100000, &v) != 0)
			return -1;
		if (o->n_density == MAX_DENSITY) {
			fprintf(stderr, "bench: --density: more than %d counts\n", MAX_DENSITY);
			return -1;
		}
		if (o->n_density > 0 && v <= o->density[o->n_density - 1]) {
			fprintf(stderr, "bench: --density: counts must grow: %ld after %d\n", v,
				o->density[o->n_density - 1]);
			return -1;
		}
		o->density[o->n_density++] = (int)v;
	}
	if (o->n_density == 0) {
		fprintf(stderr, "bench: --density: empty list\n");
		return -1;
	}
	o->n_max = o->density[o->n_density - 1];
	return 0;
}

/* Doubling counts up to n_max, ending on n_max itself. */
static void default_density(struct bench_opts *o)
{
	o->n_density = 0;
	for (int n = 1; n < o->n_max && o->n_density < MAX_DENSITY - 1; n *= 2)
		o->density[o->n_density++] = n;
	o->density[o->n_density++] = o->n_max;
}

/* build/bench finds build/workload and build/image beside itself. */
static int find_exe_dir(struct bench_opts *o)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n < 0) {
		fprintf(stderr, "bench: readlink /proc/self/exe: %s\n", strerror(errno));
		return -1;
	}
	exe[n] = '\0';
	snprintf(o->exe_dir, sizeof(o->exe_dir), "%s", dirname(exe));
	snprintf(o->workload, sizeof(o->workload), "%.*s/workload", PATH_MAX - 16, o->exe_dir);
	snprintf(o->image, sizeof(o->image), "%.*s/image", PATH_MAX - 16, o->exe_dir);
	return 0;
}

int parse_options(int argc, char **argv, struct bench_opts *o)
{
	static const struct option longopts[] = {{"quick", no_argument, NULL, 'q'},
						 {"out", required_argument, NULL, 'o'},
						 {"backends", required_argument, NULL, 'b'},
						 {"experiments", required_argument, NULL, 'e'},
						 {"runs", required_argument, NULL, 'r'},
						 {"warmup", required_argument, NULL, 'w'},
						 {"density", required_argument, NULL, 'd'},
						 {"budget", required_argument, NULL, 'B'},
						 {"jobs", required_argument, NULL, 'j'},
						 {"seed", required_argument, NULL, 's'},
						 {"soak", required_argument, NULL, 'S'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	char *backends = NULL, *experiments = NULL, *density = NULL;
	long runs = -1, warmup = -1, v;
	int c;

	memset(o, 0, sizeof(*o));
	o->jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (o->jobs < 1)
		o->jobs = 1;
	o->seed = 1;
	o->soak_n = 1000;
	o->experiments = EXP_ALL;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'q':
			o->quick = 1;
			break;
		case 'o':
			snprintf(o->out_dir, sizeof(o->out_dir), "%s", optarg);
			break;
		case 'b':
			backends = optarg;
			break;
		case 'e':
			experiments = optarg;
			break;
		case 'r':
			if (parse_int("--runs", optarg, 1, 100000, &runs) != 0)
				return -1;
			break;
		case 'w':
			if (parse_int("--warmup", optarg, 0, 1000, &warmup) != 0)
				return -1;
			break;
		case 'd':
			density = optarg;
			break;
		case 'B':
			if (parse_int("--budget", optarg, 1, 1L << 30, &v) != 0)
				return -1;
			o->budget_mib = v;
			break;
		case 'j':
			if (parse_int("--jobs", optarg, 1, 1024, &v) != 0)
				return -1;
			o->jobs = (int)v;
			break;
		case 's':
			if (parse_int("--seed", optarg, 0, 0x7fffffffL, &v) != 0)
				return -1;
			o->seed = (uint64_t)v;
			break;
		case 'S':
			if (parse_int("--soak", optarg, 1, 10000000, &v) != 0)
				return -1;
			o->soak_n = v;
			break;
		case 'h':
			print_usage(stdout);
			return 1;
		default:
			/* getopt has moved past the word it could not take. */
			fprintf(stderr, "bench: unknown option or missing value: %s (see --help)\n",
				argv[optind - 1]);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "bench: unexpected argument '%s' (see --help)\n", argv[optind]);
		return -1;
	}
	/* The sizes of a full and of a quick run: a full run fits in about 10
	 * minutes on a 2-core machine, a quick one in well under 90 s. */
	o->runs = runs > 0 ? (int)runs : o->quick ? 5 : 20;
	o->warmup = warmup >= 0 ? (int)warmup : o->quick ? 1 : 2;
	o->n_max = o->quick ? 8 : 1000;
	o->mem_mib = o->quick ? 8 : 16;
	o->mem_batch = o->quick ? 4 : 16;
	o->cpu_n = o->quick ? 2000000 : 10000000;
	o->syscall_n = o->quick ? 20000 : 100000;
	o->io_n = o->quick ? 2000 : 5000;
	/* A run on an emulated CPU (kvm_emulator()) checks behaviour, not
	 * speed, and everything there is tens of times slower: the limits that
	 * fail an instance or drop a slow backend grow alike. */
	o->limit_scale = kvm_emulator() ? 30 : 1;
	o->ready_timeout_s = (o->quick ? 10 : 20) * o->limit_scale;
	if (backends && parse_backends(backends, o) != 0)
		return -1;
	if (backends == NULL)
		for (int i = 0; i < backend_count() && i < MAX_BACKENDS; i++)
			o->backend_names[o->n_backends++] = backend_at(i)->name;
	if (experiments && parse_experiments(experiments, o) != 0)
		return -1;
	if (density ? parse_density(density, o) != 0 : (default_density(o), 0))
		return -1;
	return find_exe_dir(o);
}
