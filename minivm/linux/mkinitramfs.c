/*
 * mkinitramfs.c - build the initramfs (a newc cpio archive) of a Linux
 * guest from a directory, the same image directory the container backend
 * uses as its root.
 *
 *   mkinitramfs -o OUT [--init FILE] [--workload FILE] [--exclude NAME] [DIR]
 *
 * The archive holds DIR's directories, regular files and symbolic links
 * (in name order, so that two runs give the same bytes), plus:
 *   dev/ and dev/console   the console node (character device 5:1): the
 *                          kernel opens it for /init's stdin/out/err
 *   dev/ttyS0              the first serial port (4:64): /init gives it to
 *                          the workload as stdin/out/err
 *   init                   FILE from --init (minivm's init, init.c)
 *   workload               FILE from --workload
 * An entry of DIR with one of these names is left out, and so is the
 * top-level entry NAME of --exclude (make's stamp file). OUT is written
 * under a temporary name and renamed when complete.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cpio.h"

struct opts {
	const char *out, *init, *workload, *exclude, *dir;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: mkinitramfs -o OUT [--init FILE] [--workload FILE] [--exclude NAME] [DIR]\n"
		"Write a newc cpio initramfs holding DIR's files, dev/console, and FILE as\n"
		"/init and /workload.\n");
}

/* Names we add ourselves; DIR's own entries of these names are skipped. */
static int reserved(const struct opts *o, const char *name)
{
	return strcmp(name, "dev") == 0 || strcmp(name, "dev/console") == 0 ||
	       strcmp(name, "dev/ttyS0") == 0 || (o->init && strcmp(name, "init") == 0) ||
	       (o->workload && strcmp(name, "workload") == 0) ||
	       (o->exclude && strcmp(name, o->exclude) == 0);
}

static int add_tree(struct cpio_writer *w, const struct opts *o, const char *path,
		    const char *name);

static int add_entry(struct cpio_writer *w, const struct opts *o, const char *path,
		     const char *name)
{
	struct stat st;
	char target[PATH_MAX];
	ssize_t n;

	if (lstat(path, &st) < 0) {
		fprintf(stderr, "mkinitramfs: lstat %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!reserved(o, name) && cpio_add_dir(w, name, st.st_mode))
			goto write_error;
		return add_tree(w, o, path, name);
	}
	if (reserved(o, name))
		return 0;
	if (S_ISREG(st.st_mode)) {
		if (cpio_add_host_file(w, name, path))
			goto write_error;
		return 0;
	}
	if (S_ISLNK(st.st_mode)) {
		n = readlink(path, target, sizeof(target) - 1);
		if (n < 0) {
			fprintf(stderr, "mkinitramfs: readlink %s: %s\n", path, strerror(errno));
			return -1;
		}
		target[n] = '\0';
		if (cpio_add_symlink(w, name, target))
			goto write_error;
		return 0;
	}
	fprintf(stderr, "mkinitramfs: %s: not a file, directory or symbolic link\n", path);
	return -1;
write_error:
	fprintf(stderr, "mkinitramfs: adding %s: %s\n", path, strerror(errno));
	return -1;
}

/* Add the entries of directory path, named prefix/<entry> in the archive. */
static int add_tree(struct cpio_writer *w, const struct opts *o, const char *path,
		    const char *prefix)
{
	struct dirent **list;
	int n = scandir(path, &list, NULL, alphasort), rc = 0;

	if (n < 0) {
		fprintf(stderr, "mkinitramfs: scandir %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		const char *e = list[i]->d_name;

		if (rc == 0 && strcmp(e, ".") != 0 && strcmp(e, "..") != 0) {
			char sub[PATH_MAX], name[PATH_MAX];

			snprintf(sub, sizeof(sub), "%s/%s", path, e);
			snprintf(name, sizeof(name), "%s%s%s", prefix, *prefix ? "/" : "", e);
			rc = add_entry(w, o, sub, name);
		}
		free(list[i]);
	}
	free(list);
	return rc;
}

static int add_own(struct cpio_writer *w, const struct opts *o)
{
	const char *what = "dev";

	/* 5:1 is /dev/console and 4:64 /dev/ttyS0 (Linux's devices.txt);
	 * modes as on a running system. */
	if (cpio_add_dir(w, "dev", 0755) || cpio_add_chardev(w, "dev/console", 0600, 5, 1) ||
	    cpio_add_chardev(w, "dev/ttyS0", 0660, 4, 64))
		goto fail;
	what = o->init;
	if (o->init && cpio_add_host_file(w, "init", o->init))
		goto fail;
	what = o->workload;
	if (o->workload && cpio_add_host_file(w, "workload", o->workload))
		goto fail;
	return 0;
fail:
	fprintf(stderr, "mkinitramfs: adding %s: %s\n", what, strerror(errno));
	return -1;
}

static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
	    {"output", required_argument, NULL, 'o'},	{"init", required_argument, NULL, 'i'},
	    {"workload", required_argument, NULL, 'w'}, {"exclude", required_argument, NULL, 'x'},
	    {"help", no_argument, NULL, 'h'},		{NULL, 0, NULL, 0},
	};
	int c;

	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		if (c == 'o')
			o->out = optarg;
		else if (c == 'i')
			o->init = optarg;
		else if (c == 'w')
			o->workload = optarg;
		else if (c == 'x')
			o->exclude = optarg;
		else if (c == 'h') {
			usage(stdout);
			exit(0);
		} else
			return -1;
	}
	if (optind < argc)
		o->dir = argv[optind++];
	if (!o->out || optind != argc)
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	struct opts o = {0};
	struct cpio_writer w;
	char tmp[PATH_MAX];
	int fd, rc;

	if (parse(argc, argv, &o)) {
		usage(stderr);
		return 2;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", o.out);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "mkinitramfs: open %s: %s\n", tmp, strerror(errno));
		return 1;
	}
	cpio_init(&w, fd);
	rc = add_own(&w, &o);
	if (rc == 0 && o.dir)
		rc = add_tree(&w, &o, o.dir, "");
	if (rc == 0 && cpio_finish(&w)) {
		fprintf(stderr, "mkinitramfs: writing %s: %s\n", tmp, strerror(errno));
		rc = -1;
	}
	if (close(fd) < 0 && rc == 0) {
		fprintf(stderr, "mkinitramfs: close %s: %s\n", tmp, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && rename(tmp, o.out) < 0) {
		fprintf(stderr, "mkinitramfs: rename %s: %s\n", o.out, strerror(errno));
		rc = -1;
	}
	if (rc)
		unlink(tmp);
	return rc ? 1 : 0;
}
