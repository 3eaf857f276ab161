/*
 * cmd_runs.c - `assess runs`: the stored runs, one line each.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmdline.h"
#include "commands.h"
#include "diag.h"
#include "paths.h"
#include "store.h"
#include "util.h"

static const char usage[] =
	"usage: assess runs [--db DB]\n"
	"\n"
	"List the stored runs: id, assessment date, rule set, systems, undetermined\n"
	"systems, findings by severity, and when the run was made.\n";

static int print_run(void *data, const struct run_info *r)
{
	int *count = data;
	if (!(*count)++)
		printf("%-4s %-10s %-6s %8s %6s %8s %8s %6s  %s\n", "run", "date", "rules", "systems",
		       "undet", "critical", "warning", "info", "generated");
	printf("%-4ld %-10s %-6s %8ld %6ld %8ld %8ld %6ld  %s\n", r->id, term_text(r->date),
	       term_text(r->rules), r->systems, r->undetermined, r->critical, r->warning, r->info,
	       term_text(r->generated));
	return 0;
}

int cmd_runs(int argc, char **argv)
{
	const char *db = NULL;
	const struct opt opts[] = {{"db", 0, &db, NULL}, {NULL, 0, NULL, NULL}};
	char **args;
	int nargs, count = 0;
	int early = cmdline_parse_command(argc, argv, opts, usage, &args, &nargs);
	if (early >= 0)
		return early;
	free(args);
	if (nargs)
		return cmdline_usage_error(usage, "runs takes no arguments");
	struct store *st;
	if (open_existing_store(db_path(db), &st) < 0)
		return EXIT_RUNTIME;
	int rc = store_each_run(st, print_run, &count);
	store_close(st);
	if (rc < 0)
		return EXIT_RUNTIME;
	if (!count)
		printf("no runs yet: run 'assess classify'\n");
	return EXIT_OK;
}
