/*
 * outdir.c - a folder of reports published whole or not at all (outdir.h).
 */
#define _GNU_SOURCE /* renameat2(RENAME_EXCHANGE): swap two folders at once */
#include "outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "tmpfiles.h"
#include "util.h"

struct outdir {
	char *dir;        /* the folder, as given without trailing slashes */
	char *tmp;        /* the private folder */
	int whole;        /* 1: swap the folder whole; 0: rename each report in */
	mode_t mode;      /* the folder's mode when it is swapped whole */
	char **patterns;  /* the names of the set as given: a name, or a pattern
	                   * with '*' for reports named as the run goes (annual-*.docx) */
	size_t nr_patterns;
	char **names;     /* the reports' file names: the plain names of the set,
	                   * then each name outdir_path() matched to a pattern */
	char **paths;     /* tmp/name of each */
	int *handles;     /* tmpfiles_add of each path */
	size_t nr, alloc, alloc_paths, alloc_handles;
	int tmp_handle;   /* tmpfiles_add of tmp */
};

/* Is name one of the set's patterns (or plain names)? */
static int in_set(const struct outdir *d, const char *name)
{
	for (size_t i = 0; i < d->nr_patterns; i++)
		if (!fnmatch(d->patterns[i], name, FNM_PERIOD))
			return 1;
	return 0;
}

/* mkdir -p of dir (its parents included). 0 or -1 after reporting. */
static int make_dirs(const char *dir)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_addstr(&sb, dir);
	for (char *p = sb.buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(sb.buf, 0777) < 0 && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(sb.buf, 0777) < 0 && errno != EEXIST)
		goto fail;
	strbuf_release(&sb);
	return 0;
fail:
	error("cannot create directory '%s': %s", sb.buf, strerror(errno));
	strbuf_release(&sb);
	return -1;
}

/* Is name a report of the set, or the temporary name of one that a dead
 * process left? */
static int is_ours(const struct outdir *d, const char *name)
{
	if (in_set(d, name))
		return 1;
	for (size_t i = 0; i < d->nr_patterns; i++)
		if (!strchr(d->patterns[i], '*') && tmpfiles_is_stale(name, d->patterns[i], "tmp"))
			return 1;
	/* a pattern's report left half-written: NAME.tmp.PID.XXXXXX */
	const char *tmp = strstr(name, ".tmp.");
	if (tmp) {
		char *base = xstrdup(name);
		base[tmp - name] = '\0';
		int ours = in_set(d, base) && tmpfiles_is_stale(name, base, "tmp");
		free(base);
		return ours;
	}
	return 0;
}

/* 1 when dir holds nothing but regular files that are ours (is_ours): a
 * folder an earlier review made, which may be swapped whole. A live
 * process's temporary file makes it someone else's. */
static int only_reports(const struct outdir *d)
{
	DIR *dh = opendir(d->dir);
	struct dirent *e;
	struct strbuf sb;
	int only = dh != NULL;
	strbuf_init(&sb);
	while (only && (e = readdir(dh))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		only = is_ours(d, e->d_name);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s/%s", d->dir, e->d_name);
		struct stat st;
		if (only && (lstat(sb.buf, &st) < 0 || !S_ISREG(st.st_mode)))
			only = 0;
	}
	if (dh)
		closedir(dh);
	strbuf_release(&sb);
	return only;
}

static void outdir_free(struct outdir *d)
{
	for (size_t i = 0; i < d->nr; i++) {
		tmpfiles_forget(d->handles[i]);
		free(d->names[i]);
		free(d->paths[i]);
	}
	tmpfiles_forget(d->tmp_handle);
	for (size_t i = 0; i < d->nr_patterns; i++)
		free(d->patterns[i]);
	free(d->patterns);
	free(d->names);
	free(d->paths);
	free(d->handles);
	free(d->tmp);
	free(d->dir);
	free(d);
}

/* Add report name (its path in the private folder) to the set; its path. */
static const char *add_report(struct outdir *d, const char *name)
{
	struct strbuf p;
	ALLOC_GROW(d->names, d->nr + 1, d->alloc);
	ALLOC_GROW(d->paths, d->nr + 1, d->alloc_paths);
	ALLOC_GROW(d->handles, d->nr + 1, d->alloc_handles);
	strbuf_init(&p);
	strbuf_addf(&p, "%s/%s", d->tmp, name);
	d->names[d->nr] = xstrdup(name);
	d->paths[d->nr] = strbuf_detach(&p);
	d->handles[d->nr] = tmpfiles_add(d->paths[d->nr], 0);
	return d->paths[d->nr++];
}

int outdir_begin(const char *dir, const char *const *names, size_t nr, struct outdir **out)
{
	struct outdir *d = xcalloc(1, sizeof(*d));
	struct stat st;
	int ret = EXIT_RUNTIME;
	*out = NULL;
	d->dir = xstrdup(dir);
	for (size_t n = strlen(d->dir); n > 1 && d->dir[n - 1] == '/'; n--)
		d->dir[n - 1] = '\0';
	d->tmp_handle = -1;
	d->nr_patterns = nr;
	d->patterns = xcalloc(nr ? nr : 1, sizeof(char *));
	for (size_t i = 0; i < nr; i++)
		d->patterns[i] = xstrdup(names[i]);

	const char *slash = strrchr(d->dir, '/');
	const char *base = slash ? slash + 1 : d->dir;
	mode_t mask = umask(0);
	umask(mask);
	d->mode = 0777 & ~mask;
	if (stat(d->dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			error("refusing to write the reports into '%s': it is not a folder", dir);
			ret = EXIT_USAGE;
			goto fail;
		}
		struct stat lst;
		/* a folder of ours is swapped whole; one with other files (or a
		 * link to it, or ".") keeps them */
		d->whole = lstat(d->dir, &lst) == 0 && !S_ISLNK(lst.st_mode) && strcmp(base, ".") &&
		           strcmp(base, "..") && strcmp(d->dir, "/") && only_reports(d);
		d->mode = st.st_mode & 07777;
	} else if (errno == ENOENT) {
		d->whole = 1;
		if (slash && slash != d->dir) {
			char *parent = xstrdup(d->dir);
			parent[slash - d->dir] = '\0';
			int rc = make_dirs(parent);
			free(parent);
			if (rc < 0)
				goto fail;
		}
	} else {
		error("cannot write the reports into '%s': %s", dir, strerror(errno));
		goto fail;
	}

	struct strbuf inner;
	strbuf_init(&inner);
	for (size_t i = 0; !d->whole && i < nr; i++) {
		/* what killed runs of ours left beside the reports */
		if (strchr(names[i], '*'))
			continue; /* swept by name when the report is written */
		strbuf_reset(&inner);
		strbuf_addf(&inner, "%s/%s", d->dir, names[i]);
		tmpfiles_clean_stale(inner.buf, "tmp");
	}
	strbuf_reset(&inner);
	if (d->whole)
		strbuf_addstr(&inner, d->dir);
	else
		strbuf_addf(&inner, "%s/.assess-report", d->dir);
	tmpfiles_clean_stale(inner.buf, "tmp"); /* what a killed review left */
	d->tmp = tmpfiles_template(inner.buf, "tmp");
	strbuf_release(&inner);
	if (!mkdtemp(d->tmp)) {
		error("cannot write the reports into '%s': %s", dir, strerror(errno));
		free(d->tmp);
		d->tmp = NULL;
		goto fail;
	}
	d->tmp_handle = tmpfiles_add(d->tmp, 1);
	if (d->whole && chmod(d->tmp, d->mode) < 0) {
		error("cannot write the reports into '%s': %s", dir, strerror(errno));
		goto fail;
	}
	for (size_t i = 0; i < nr; i++)
		if (!strchr(names[i], '*'))
			add_report(d, names[i]);
	*out = d;
	return 0;
fail:
	outdir_abort(d);
	return ret;
}

const char *outdir_path(struct outdir *d, const char *name)
{
	for (size_t i = 0; i < d->nr; i++)
		if (!strcmp(d->names[i], name))
			return d->paths[i];
	if (strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..") || !in_set(d, name))
		return NULL;
	if (!d->whole) {
		/* what a killed run left beside this report */
		struct strbuf final;
		strbuf_init(&final);
		strbuf_addf(&final, "%s/%s", d->dir, name);
		tmpfiles_clean_stale(final.buf, "tmp");
		strbuf_release(&final);
	}
	return add_report(d, name);
}

/* The whole folder: swap it in, then remove the previous set. */
static int commit_whole(struct outdir *d)
{
	struct stat st;
	if (lstat(d->dir, &st) < 0 && errno == ENOENT) {
		if (rename(d->tmp, d->dir) < 0)
			return error("cannot write the reports into '%s': %s", d->dir, strerror(errno));
		return 0;
	}
	if (renameat2(AT_FDCWD, d->tmp, AT_FDCWD, d->dir, RENAME_EXCHANGE) == 0) {
		tmpfiles_remove_tree(d->tmp); /* now the previous set */
		return 0;
	}
	/* no atomic exchange here: the previous set aside, the new one in */
	char *old = tmpfiles_template(d->dir, "tmp");
	int ret = 0;
	if (!mkdtemp(old) || rename(d->dir, old) < 0) {
		ret = error("cannot write the reports into '%s': %s", d->dir, strerror(errno));
		rmdir(old);
	} else if (rename(d->tmp, d->dir) < 0) {
		ret = error("cannot write the reports into '%s': %s", d->dir, strerror(errno));
		rename(old, d->dir);
	} else {
		tmpfiles_remove_tree(old);
	}
	free(old);
	return ret;
}

/* A folder with other files in it: each report renamed into place. */
static int commit_each(struct outdir *d)
{
	struct strbuf final;
	int ret = 0;
	strbuf_init(&final);
	/* every name is checked before any report moves */
	for (size_t i = 0; i < d->nr && !ret; i++) {
		strbuf_reset(&final);
		strbuf_addf(&final, "%s/%s", d->dir, d->names[i]);
		ret = output_path_check(final.buf);
	}
	for (size_t i = 0; i < d->nr && !ret; i++) {
		strbuf_reset(&final);
		strbuf_addf(&final, "%s/%s", d->dir, d->names[i]);
		if (access(d->paths[i], F_OK) == 0) {
			if (rename(d->paths[i], final.buf) < 0)
				ret = error("cannot write '%s': %s", final.buf, strerror(errno));
		} else if (unlink(final.buf) < 0 && errno != ENOENT) {
			/* a report of an earlier run that this one does not write */
			ret = error("cannot remove '%s': %s", final.buf, strerror(errno));
		}
	}
	/* reports named by a pattern that an earlier run wrote and this one did not */
	DIR *dh = ret ? NULL : opendir(d->dir);
	struct dirent *e;
	while (dh && !ret && (e = readdir(dh))) {
		int written = 0;
		for (size_t i = 0; i < d->nr && !written; i++)
			written = !strcmp(d->names[i], e->d_name);
		if (written || !in_set(d, e->d_name))
			continue;
		strbuf_reset(&final);
		strbuf_addf(&final, "%s/%s", d->dir, e->d_name);
		struct stat st;
		if (lstat(final.buf, &st) == 0 && S_ISREG(st.st_mode) && unlink(final.buf) < 0 &&
		    errno != ENOENT)
			ret = error("cannot remove '%s': %s", final.buf, strerror(errno));
	}
	if (dh)
		closedir(dh);
	strbuf_release(&final);
	if (!ret)
		tmpfiles_remove_tree(d->tmp);
	return ret;
}

int outdir_commit(struct outdir *d)
{
	int ret = d->whole ? commit_whole(d) : commit_each(d);
	if (!ret && fsync_dir_of(d->dir) < 0)
		ret = error("cannot write the reports into '%s': %s", d->dir, strerror(errno));
	if (ret < 0) {
		outdir_abort(d);
		return -1;
	}
	outdir_free(d);
	return 0;
}

void outdir_abort(struct outdir *d)
{
	if (!d)
		return;
	if (d->tmp)
		tmpfiles_remove_tree(d->tmp);
	outdir_free(d);
}
