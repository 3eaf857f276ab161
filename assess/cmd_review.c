/*
 * cmd_review.c - `assess review`: the main job in one step. Validate and
 * import the inventories, classify, and render the standard report set into
 * a directory, index.html first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmdline.h"
#include "commands.h"
#include "diag.h"
#include "evaluate.h"
#include "import.h"
#include "outdir.h"
#include "paths.h"
#include "render.h"
#include "results.h"
#include "store.h"
#include "util.h"

static const char usage[] =
	"usage: assess review [--db DB] [--rules ND85|ND331|auto] [--date YYYY-MM-DD]\n"
	"                     [--lang vi|en] [-o DIR] INVENTORY...\n"
	"\n"
	"Validate and import the inventories (all or nothing), classify them, and\n"
	"render the report set into DIR (default ./assess-report/): index.html,\n"
	"summary.html, dossier.html, annual.html, results.csv, results.xml. Above\n"
	"5,000 systems the summary, annual report and index are digests with exact\n"
	"totals, the CSV lists every system, and dossiers are rendered per system or\n"
	"owner on request ('assess report dossier --system ID').\n"
	"\n"
	"  --db DB      database (default $ASSESS_DB, else ./assess.db)\n"
	"  --rules R    rule set: ND85, ND331, or auto (default)\n"
	"  --date D     assessment date (default: the inventory's as-of)\n"
	"  --lang L     report language: vi (default) or en\n"
	"  -o DIR       output directory (created if missing); the reports appear\n"
	"               there together when all are written, or not at all\n";

/* One report of the set: template name, output file name. */
struct rendition {
	const char *template_name;
	const char *file_name;
};

static const struct rendition set[] = {
	{"summary", "summary.html"},
	{"dossier", "dossier.html"},
	{"annual", "annual.html"},
	{"csv", "results.csv"},
	{"index", "index.html"},
};

int cmd_review(int argc, char **argv)
{
	const char *db = NULL, *rules = NULL, *date = NULL, *lang = "vi", *dir = "assess-report";
	const struct opt opts[] = {
		{"db", 0, &db, NULL},     {"rules", 0, &rules, NULL}, {"date", 0, &date, NULL},
		{"lang", 0, &lang, NULL}, {"output", 'o', &dir, NULL}, {NULL, 0, NULL, NULL},
	};
	char **args;
	int nargs, status;
	int early = cmdline_parse_command(argc, argv, opts, usage, &args, &nargs);
	if (early >= 0)
		return early;
	if (!nargs) {
		free(args);
		return cmdline_usage_error(usage, "review needs at least one inventory");
	}
	if (strcmp(lang, "vi") && strcmp(lang, "en")) {
		free(args);
		return cmdline_usage_error(usage, "--lang takes vi or en");
	}

	struct store *st = NULL;
	struct outdir *out = NULL;
	struct timespec clock;
	const char *names[ARRAY_SIZE(set) + 1];
	for (size_t i = 0; i < ARRAY_SIZE(set); i++)
		names[i] = set[i].file_name;
	names[ARRAY_SIZE(set)] = "results.xml";
	/* the reports go to a private folder, made before anything is imported:
	 * an output folder that cannot be written fails the review at once */
	if ((status = outdir_begin(dir, names, ARRAY_SIZE(names), &out)) != 0)
		goto out;
	struct import_db d;
	trace_perf_start(&clock);
	if (import_db_open(&d, db_path(db)) < 0) {
		status = EXIT_RUNTIME;
		goto out;
	}
	struct import_totals imported;
	struct run_totals totals;
	status = import_inventories(d.st, args, nargs, &imported);
	if (status == EXIT_OK) {
		trace_perf(&clock, "import");
		/* a new database is published with its run, or not at all */
		status = evaluate_run(d.st, rules, date, &totals);
	}
	if (import_db_finish(&d, status == EXIT_OK) < 0 && status == EXIT_OK)
		status = EXIT_RUNTIME;
	if (status != EXIT_OK)
		goto out;
	evaluate_print_summary(&totals);
	trace_perf(&clock, "classify");
	/* reopen under its name (a new database has just been published there) */
	status = EXIT_RUNTIME;
	if (store_open(db_path(db), &st) < 0)
		goto out;

	int large = render_is_large(totals.systems);
	struct render_job jobs[ARRAY_SIZE(set)];
	size_t nr_jobs = 0;
	for (size_t i = 0; i < ARRAY_SIZE(set); i++) {
		if (large && !strcmp(set[i].template_name, "dossier"))
			continue; /* per system on request: see render.h */
		jobs[nr_jobs].name = set[i].template_name;
		jobs[nr_jobs].out_path = outdir_path(out, set[i].file_name);
		nr_jobs++;
	}
	if (render_set(st, totals.run, lang, NULL, NULL, jobs, nr_jobs) < 0)
		goto out;
	trace_perf_start(&clock); /* render_set traced each report */
	if (!large) {
		if (results_write(st, totals.run, RESULTS_FULL, NULL,
		                  outdir_path(out, "results.xml")) < 0)
			goto out;
		trace_perf(&clock, "results.xml");
	}
	/* every report is written: publish the set at once */
	int rc = outdir_commit(out);
	out = NULL;
	if (rc < 0)
		goto out;
	/* index.html first, as the contract says */
	printf("%s/index.html\n", dir);
	for (size_t i = 0; i + 1 < ARRAY_SIZE(set); i++)
		if (!large || strcmp(set[i].template_name, "dossier"))
			printf("%s/%s\n", dir, set[i].file_name);
	if (!large)
		printf("%s/results.xml\n", dir);
	status = EXIT_OK;
out:
	outdir_abort(out);
	store_close(st);
	free(args);
	return status;
}
