/*
 * import.c - the reader streams every file into one open import (one
 * transaction); the import is committed only when every file and the
 * cross-file checks are valid, so an invalid input leaves the database
 * exactly as it was.
 */
#include "import.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "inventory.h"
#include "store.h"
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

/* Remove a database file this command created (and SQLite's companions). */
void import_remove_created_db(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < ARRAY_SIZE(suffixes); i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%s", path, suffixes[i]);
		if (unlink(sb.buf) < 0 && errno != ENOENT)
			warning("cannot remove '%s': %s", sb.buf, strerror(errno));
	}
	strbuf_release(&sb);
}

/* 1 when this call created the file at path (empty: SQLite takes it as a new
 * database), 0 when it existed or cannot be created here (store_open says why). */
int import_create_db_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

