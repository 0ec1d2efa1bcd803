/* gnuplot.c - run gnuplot on the plot scripts; see gnuplot.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "report/gnuplot.h"

#define PATHLEN 4200

int gnuplot_found(void)
{
	const char *path = getenv("PATH");
	char dir[PATHLEN], exe[PATHLEN + 16];

	if (path == NULL)
		path = "/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");

		snprintf(dir, sizeof(dir), "%.*s", (int)n, path);
		snprintf(exe, sizeof(exe), "%s/gnuplot", dir[0] ? dir : ".");
		if (access(exe, X_OK) == 0)
			return 1;
		path += n + (path[n] == ':');
	}
	return 0;
}

/* The last lines of file path on stderr, indented. */
static void tail(const char *path, int lines)
{
	char buf[8192];
	FILE *f = fopen(path, "re");
	size_t n;
	int seen = 0;

	if (f == NULL)
		return;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	while (n > 0 && seen < lines)
		seen += buf[--n] == '\n';
	fprintf(stderr, "%s\n", buf + n + (buf[n] == '\n'));
}

/* gnuplot -e "term='T'; out='OUT'; work='W'; plotdir='S'" S/NAME.gp, its
 * stderr into ERR. Returns its exit status, or -1. */
static int gnuplot(const char *term, const char *out, const char *work, const char *scripts,
		   const char *name, const char *err)
{
	char expr[4 * PATHLEN], script[PATHLEN];
	int status;
	pid_t pid;

	snprintf(expr, sizeof(expr), "term='%s'; out='%s'; work='%s'; plotdir='%s'", term, out,
		 work, scripts);
	snprintf(script, sizeof(script), "%s/%s.gp", scripts, name);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "bench report: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int fd = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int null = open("/dev/null", O_RDWR);

		if (fd < 0 || null < 0 || dup2(fd, 2) < 0 || dup2(null, 1) < 0 || dup2(null, 0) < 0)
			_exit(127);
		execlp("gnuplot", "gnuplot", "-e", expr, script, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int one_plot(const char *dir, const char *work, const char *scripts, const char *name)
{
	static const char *const terms[] = {"png", "svg"};

	for (int t = 0; t < 2; t++) {
		char tmp[PATHLEN], final[PATHLEN], err[PATHLEN];
		struct stat st;

		snprintf(tmp, sizeof(tmp), "%s/plots/.%s.%s.tmp", dir, name, terms[t]);
		snprintf(final, sizeof(final), "%s/plots/%s.%s", dir, name, terms[t]);
		snprintf(err, sizeof(err), "%s/%s.%s.err", work, name, terms[t]);
		if (gnuplot(terms[t], tmp, work, scripts, name, err) == 0 && stat(tmp, &st) == 0 &&
		    st.st_size > 0 && rename(tmp, final) == 0)
			continue;
		fprintf(stderr, "plots: gnuplot failed on %s.%s:\n", name, terms[t]);
		tail(err, 5);
		unlink(tmp);
		return -1;
	}
	return 0;
}

int draw_plots(const char *dir, const char *work, const char *scripts, const char *names,
	       char *made, size_t cap)
{
	static const char *const all[] = {"startup",	    "phases",	       "memory",
					  "density-memory", "density-startup", "overhead"};
	char path[PATHLEN], list[512];

	made[0] = '\0';
	snprintf(path, sizeof(path), "%s/plots", dir);
	if (mkdir(path, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "bench report: mkdir %s: %s\n", path, strerror(errno));
		return -1;
	}
	/* A plot of an earlier report of this run must not outlive its data. */
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		for (int t = 0; t < 2; t++) {
			snprintf(path, sizeof(path), "%s/plots/%s.%s", dir, all[i],
				 t ? "svg" : "png");
			if (unlink(path) != 0 && errno != ENOENT)
				fprintf(stderr, "bench report: unlink %s: %s\n", path,
					strerror(errno));
		}
	snprintf(list, sizeof(list), "%s", names);
	for (char *save = NULL, *n = strtok_r(list, " ", &save); n; n = strtok_r(NULL, " ", &save))
		if (one_plot(dir, work, scripts, n) == 0) {
			size_t len = strlen(made);

			snprintf(made + len, cap - len, "%s%s", len ? " " : "", n);
		}
	return 0;
}
