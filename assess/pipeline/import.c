/*
 * import.c - the reader streams every file into one open import (one
 * transaction); the import is committed only when every file and the
 * cross-file checks are valid, so an invalid input leaves the database
 * exactly as it was.
 */
#include "import.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "inventory.h"
#include "store.h"
#include "tmpfiles.h"
#include "util.h"

#define PROGRESS_FROM 5000 /* show progress only for imports larger than this */
#define PROGRESS_EVERY 1000

struct import_state {
	struct store_import *imp; /* the open import */
	int rejected;             /* input problems seen: stop storing, keep checking */
	int progress;             /* stderr is a terminal */
	int progress_shown;       /* a progress line is on screen */
	long systems;             /* systems handed to the store */
};

static int on_file(void *data, const char *file, const char *as_of)
{
	struct import_state *is = data;
	return store_import_file(is->imp, file, as_of);
}

static int on_organization(void *data, const struct organization *org)
{
	struct import_state *is = data;
	if (is->rejected)
		return 0;
	return store_import_organization(is->imp, org);
}

static int on_system(void *data, const struct system_record *rec)
{
	struct import_state *is = data;
	if (is->rejected)
		return 0;
	if (store_import_system(is->imp, rec) < 0)
		return -1;
	is->systems++;
	if (is->progress && is->systems > PROGRESS_FROM && is->systems % PROGRESS_EVERY == 0) {
		fprintf(stderr, "\rimporting: %ld systems", is->systems);
		fflush(stderr);
		is->progress_shown = 1;
	}
	return 0;
}

int import_inventories(struct store *st, char *const *files, int nfiles,
                       struct import_totals *totals)
{
	struct import_state is = {0};
	const struct inventory_sink sink = {&is, on_file, on_organization, on_system};
	struct inventory_checker *chk = NULL;
	int ret = EXIT_RUNTIME, rc;
	long snapshot = 0;

	totals->systems = 0;
	totals->snapshot = 0;
	if (store_import_begin(st, &is.imp) < 0)
		return EXIT_RUNTIME;
	is.progress = isatty(STDERR_FILENO);

	chk = inventory_checker_new();
	inventory_checker_set_resolver(chk, store_known_system, store_known_org_role, st);
	for (int i = 0; i < nfiles; i++) {
		rc = inventory_read(chk, files[i], &sink);
		if (rc < 0)
			goto abort;
		if (rc > 0)
			is.rejected = 1;
	}
	if (inventory_checker_finish(chk) != 0)
		is.rejected = 1;
	if (is.progress_shown) {
		fputc('\n', stderr);
		is.progress_shown = 0;
	}

	rc = store_import_end(is.imp, !is.rejected, &snapshot);
	is.imp = NULL;
	if (rc < 0)
		goto out;
	if (is.rejected || rc > 0) {
		long n = diag_problem_count();
		error("nothing imported: %ld problem%s in the input", n, n == 1 ? "" : "s");
		ret = EXIT_INVALID;
		goto out;
	}
	totals->systems = is.systems;
	totals->snapshot = snapshot;
	ret = EXIT_OK;
	goto out;

abort:
	if (is.progress_shown)
		fputc('\n', stderr);
	store_import_end(is.imp, 0, &snapshot);
	is.imp = NULL;
out:
	inventory_checker_free(chk);
	return ret;
}

/* A database file and SQLite's companions: d->handles follows this order. */
static const char *const db_suffixes[] = {"", "-wal", "-shm", "-journal"};

/* Remove the private database and its companion files (their data was
 * never published), and forget them. */
static void drop_private(struct import_db *d)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < ARRAY_SIZE(db_suffixes); i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%s", d->tmp, db_suffixes[i]);
		if (unlink(sb.buf) < 0 && errno != ENOENT)
			warning("cannot remove '%s': %s", sb.buf, strerror(errno));
		tmpfiles_forget(d->handles[i]);
		d->handles[i] = -1;
	}
	strbuf_release(&sb);
	free(d->tmp);
	d->tmp = NULL;
}

int import_db_open(struct import_db *d, const char *path)
{
	memset(d, 0, sizeof(*d));
	d->path = path;
	for (size_t i = 0; i < ARRAY_SIZE(d->handles); i++)
		d->handles[i] = -1;
	if (strcmp(path, ":memory:"))
		tmpfiles_clean_stale(path, "new"); /* what a killed import left */
	if (!strcmp(path, ":memory:") || access(path, F_OK) == 0)
		return store_open(path, &d->st);
	/* a new database: build it privately, publish it only when it holds data */
	char *tmp = tmpfiles_template(path, "new");
	int fd = mkstemp(tmp);
	if (fd < 0) {
		error("cannot create the database '%s': %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	d->tmp = tmp;
	/* the file and SQLite's companions go if a signal stops us */
	for (size_t i = 0; i < ARRAY_SIZE(db_suffixes); i++) {
		struct strbuf name;
		strbuf_init(&name);
		strbuf_addf(&name, "%s%s", tmp, db_suffixes[i]);
		d->handles[i] = tmpfiles_add(name.buf, 0);
		strbuf_release(&name);
	}
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0)
		warning("cannot set the mode of '%s': %s", tmp, strerror(errno));
	close(fd);
	if (store_open(d->tmp, &d->st) < 0) {
		drop_private(d);
		return -1;
	}
	return 0;
}

/*
 * Is the private database complete in its file alone? After a TRUNCATE
 * checkpoint and a clean close SQLite has removed its WAL; a WAL with
 * bytes in it would hold committed data the file lacks.
 */
static int wal_is_empty(const char *db)
{
	struct stat st;
	struct strbuf wal;
	strbuf_init(&wal);
	strbuf_addf(&wal, "%s-wal", db);
	int empty = stat(wal.buf, &st) < 0 ? errno == ENOENT : st.st_size == 0;
	strbuf_release(&wal);
	return empty;
}

int import_db_finish(struct import_db *d, int ok)
{
	int ret = 0;
	if (!d->tmp) {
		/* an existing database: what is committed is in its WAL or file */
		ret = store_close(d->st);
		d->st = NULL;
		return ret;
	}
	/*
	 * A new database is published only when it is complete on disk: every
	 * transaction checkpointed into the file (a full disk fails here, not
	 * later), the connection closed cleanly, no WAL left with data in it,
	 * the file and its directory synced. Then link(), which refuses to
	 * replace a database another command created meanwhile.
	 */
	if (ok && store_checkpoint(d->st) < 0)
		ok = 0, ret = -1;
	if (store_close(d->st) < 0 && ok)
		ok = 0, ret = -1;
	d->st = NULL;
	if (ok && !wal_is_empty(d->tmp))
		ok = 0, ret = error("cannot create the database '%s': the new database is not "
		                    "complete in its file", d->path);
	if (ok && (fsync_path(d->tmp) < 0 || fsync_dir_of(d->tmp) < 0))
		ok = 0, ret = error("cannot create the database '%s': %s", d->path, strerror(errno));
	if (ok) {
		if (link(d->tmp, d->path) < 0) {
			if (errno == EEXIST)
				ret = error("the database '%s' was created by another command meanwhile; "
				            "nothing imported, run the import again", d->path);
			else
				ret = error("cannot create the database '%s': %s", d->path, strerror(errno));
		} else if (fsync_dir_of(d->path) < 0) {
			ret = error("cannot create the database '%s': %s", d->path, strerror(errno));
			unlink(d->path); /* not durable: not published */
		}
	}
	if (ret < 0 && access(d->path, F_OK) < 0)
		error("nothing imported: the database '%s' was not created", d->path);
	/* the private files only: never the published name's companions */
	drop_private(d);
	return ret;
}
