/*
 * cmd_results.c - `assess results`: print a run as the results XML document.
 */
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "commands.h"
#include "diag.h"
#include "paths.h"
#include "results.h"
#include "store.h"
#include "util.h"

static const char usage[] =
	"usage: assess results [--db DB] [--run N] [--system ID] [--full] [-o FILE]\n"
	"\n"
	"Print a run (default: the latest) as the results XML document that every\n"
	"report template reads (criteria/schema/results.rng).\n"
	"\n"
	"  --db DB       database (default $ASSESS_DB, else ./assess.db)\n"
	"  --run N       the run to print\n"
	"  --system ID   only this system\n"
	"  --full        every clause with its outcome, and every requirement\n"
	"                (default: clauses that held or are unknown)\n"
	"  -o FILE       write to FILE (atomically) instead of standard output\n";

int cmd_results(int argc, char **argv)
{
	const char *db = NULL, *run_text = NULL, *system = NULL, *out = "-";
	int full = 0;
	const struct opt opts[] = {
		{"db", 0, &db, NULL},         {"run", 0, &run_text, NULL},
		{"system", 0, &system, NULL}, {"full", 0, NULL, &full},
		{"output", 'o', &out, NULL},  {NULL, 0, NULL, NULL},
	};
	char **args;
	int nargs;
	int early = cmdline_parse_command(argc, argv, opts, usage, &args, &nargs);
	if (early >= 0)
		return early;
	free(args);
	if (nargs)
		return cmdline_usage_error(usage, "results takes no file arguments");
	long run = parse_run_option(run_text);
	if (run < 0)
		return cmdline_usage_error(usage, "--run takes a run number");
	struct store *st;
	if (open_existing_store(db_path(db), &st) < 0)
		return EXIT_RUNTIME;
	/* after the store is open: it protects the database's files */
	if (output_path_check(out) < 0) {
		store_close(st);
		return EXIT_USAGE;
	}
	struct results_filter filter = {.system_id = system};
	int rc = results_write(st, run, full ? RESULTS_FULL : RESULTS_COMPACT, &filter, out);
	store_close(st);
	return rc < 0 ? EXIT_RUNTIME : EXIT_OK;
}
