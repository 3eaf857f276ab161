/*
 * cmd_classify.c - `assess classify`: classify the latest snapshot, store a
 * run, print the summary; --fail-on makes findings fail a script (exit 4).
 */
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "commands.h"
#include "diag.h"
#include "evaluate.h"
#include "paths.h"
#include "run.h"
#include "store.h"

static const char usage[] =
	"usage: assess classify [--db DB] [--rules ID|auto] [--criteria DIR] [--date YYYY-MM-DD]\n"
	"                       [--fail-on critical|warning|info]\n"
	"\n"
	"Classify every system of the latest imported snapshot, store the result as a\n"
	"new run and print systems per level and findings per severity.\n"
	"\n"
	"  --db DB        database (default $ASSESS_DB, else ./assess.db)\n"
	"  --rules R      rule set: an id (ND85, ND331 ...), or auto (default): the set in force\n"
	"                 on the date, each system handed over as that set says (Decree 331\n"
	"                 Art. 39.1 transition)\n"
	"  --criteria DIR read the rule sets from DIR (default $ASSESS_CRITERIA_DIR, else the\n"
	"                 data directory's criteria/)\n"
	"  --date D       assessment date (default: the inventory's as-of)\n"
	"  --fail-on SEV  exit 4 when a finding of this severity or worse exists\n";

/* Does any finding reach severity `floor`? */
static int findings_reach(const struct run_totals *t, int floor)
{
	for (int s = floor; s <= SEV_CRITICAL; s++)
		if (t->per_severity[s])
			return 1;
	return 0;
}

int cmd_classify(int argc, char **argv)
{
	const char *db = NULL, *rules = NULL, *date = NULL, *fail_on = NULL, *criteria = NULL;
	const struct opt opts[] = {
		{"db", 0, &db, NULL},       {"rules", 0, &rules, NULL},
		{"date", 0, &date, NULL},   {"fail-on", 0, &fail_on, NULL},
		{"criteria", 0, &criteria, NULL}, {NULL, 0, NULL, NULL},
	};
	char **args;
	int nargs, floor = -1;
	int early = cmdline_parse_command(argc, argv, opts, usage, &args, &nargs);
	if (early >= 0)
		return early;
	free(args);
	if (nargs)
		return cmdline_usage_error(usage, "classify takes no file arguments");
	if (fail_on && (floor = severity_parse(fail_on)) < 0)
		return cmdline_usage_error(usage, "--fail-on takes critical, warning or info");
	set_criteria_dir(criteria);

	struct store *st;
	if (open_existing_store(db_path(db), &st) < 0)
		return EXIT_RUNTIME;
	struct run_totals totals;
	int status = evaluate_run(st, rules, date, &totals);
	store_close(st);
	if (status != EXIT_OK)
		return status;
	evaluate_print_summary(&totals);
	if (floor >= 0 && findings_reach(&totals, floor))
		return EXIT_FINDINGS;
	return EXIT_OK;
}
