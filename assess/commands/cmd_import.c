/*
 * cmd_import.c - `assess import [--db DB] INVENTORY...`: validate the files
 * and store them as one new snapshot, all files or none.
 *
 * The flow is import.c's; this file adds the command line, and removes again
 * a database file this command had to create when nothing was imported.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdline.h"
#include "commands.h"
#include "diag.h"
#include "import.h"
#include "paths.h"
#include "store.h"
#include "util.h"

static const char import_usage[] =
	"usage: assess import [--db DB] INVENTORY...\n"
	"\n"
	"Validate inventories and store them as one new snapshot: all files or none.\n"
	"Systems of owners these files do not cover are kept from the previous snapshot.\n"
	"\n"
	"  --db DB   the database (default $ASSESS_DB, else ./assess.db)\n"
	"  -         as INVENTORY reads standard input\n";

int cmd_import(int argc, char **argv)
{
	const char *db_opt = NULL;
	const struct opt opts[] = {
		{"db", 0, &db_opt, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct import_totals totals;
	char **files = NULL;
	int nfiles = 0, ret = EXIT_RUNTIME;
	const char *db;

	int early = cmdline_parse_command(argc, argv, opts, import_usage, &files, &nfiles);
	if (early >= 0)
		return early;
	if (nfiles == 0) {
		free(files);
		return cmdline_usage_error(import_usage, "no inventory given");
	}
	db = db_path(db_opt);
	struct import_db d;
	if (import_db_open(&d, db) < 0)
		goto out;
	ret = import_inventories(d.st, files, nfiles, &totals);
	if (import_db_finish(&d, ret == EXIT_OK) < 0 && ret == EXIT_OK)
		ret = EXIT_RUNTIME;
	if (ret != EXIT_OK)
		goto out;
	printf("imported %ld system%s from %d file%s into %s (snapshot %ld)\n", totals.systems,
	       totals.systems == 1 ? "" : "s", nfiles, nfiles == 1 ? "" : "s", db, totals.snapshot);
	ret = finish_stdout() < 0 ? EXIT_RUNTIME : EXIT_OK;
out:
	free(files);
	return ret;
}
