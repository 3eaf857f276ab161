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
#include "context.h"
#include "diag.h"
#include "evaluate.h"
#include "import.h"
#include "outdir.h"
#include "paths.h"
#include "render.h"
#include "results.h"
#include "store.h"
#include "subject.h"
#include "util.h"

static const char usage[] =
	"usage: assess review [--db DB] [--rules ID|auto] [--criteria DIR] [--date YYYY-MM-DD]\n"
	"                     [--lang vi|en] [--settings FILE] [--all] [-o DIR] INVENTORY...\n"
	"\n"
	"Validate and import the inventories (all or nothing), classify them, and\n"
	"render the report set into DIR (default ./assess-report/): index.html,\n"
	"summary.html, dossier.html, annual.html, the audit report (audit.html,\n"
	"audit.docx in Word, audit.csv its findings table), results.csv, results.xml,\n"
	"for each owner its annual report to file, annual-OWNER.docx (Word, the\n"
	"form 08 of Decree 331) and annual-OWNER.html, and for each system that\n"
	"needs one (no approved level, an approved level below the computed one,\n"
	"or a level to re-determine under the rules in force; every system with\n"
	"--all) its level dossier in Word, dossier-SYSTEM.docx (Decree 331 Art.\n"
	"21-22; more than 1,000 of them only with --all). Above 5,000 systems the\n"
	"summary, annual report, audit report and index are digests with exact\n"
	"totals, the CSV lists every system, and dossiers, findings tables and\n"
	"owners' annual reports are rendered on request ('assess report\n"
	"dossier-docx --system ID', 'assess report audit-csv --owner ID', 'assess\n"
	"report annual-docx --owner ID').\n"
	"\n"
	"  --db DB      database (default $ASSESS_DB, else ./assess.db)\n"
	"  --rules R    rule set: an id (ND85, ND331 ...), or auto (default)\n"
	"  --criteria DIR  read the rule sets from DIR\n"
	"  --date D     assessment date (default: the inventory's as-of)\n"
	"  --lang L     report language: vi (default) or en\n"
	"  --settings F the unit's details for filed documents (default:\n"
	"               assess-settings.xml beside the database, when there is one)\n"
	"  --all        a level dossier for every system\n"
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
	{"audit", "audit.html"},
	{"audit-docx", "audit.docx"},
	{"audit-csv", "audit.csv"},
	{"csv", "results.csv"},
	{"index", "index.html"},
};

/* Rendered per system or per owner only, above RENDER_DETAIL_LIMIT systems. */
static int per_subject(const char *template_name)
{
	return !strcmp(template_name, "dossier") || !strcmp(template_name, "audit-csv");
}

/* The reports of each owner: annual-OWNER.html, annual-OWNER.docx
 * (file_name is the extension here). */
static const struct rendition owner_set[] = {
	{"annual", "html"},
	{"annual-docx", "docx"},
};

/* Render owner_set for every owner of the run into out; the owners go to
 * *owners (the caller frees them). 0 or -1 after reporting. */
static int render_owner_reports(struct store *st, long run, const char *lang, struct outdir *out,
                                const struct doc_context *ctx, char ***owners, size_t *nr)
{
	struct render_job jobs[ARRAY_SIZE(owner_set)];
	struct strbuf paths[ARRAY_SIZE(owner_set)];
	int ret = 0;
	if (subject_owners(st, run, owners, nr) < 0)
		return -1;
	for (size_t k = 0; k < ARRAY_SIZE(owner_set); k++)
		strbuf_init(&paths[k]);
	for (size_t i = 0; i < *nr && ret == 0; i++) {
		for (size_t k = 0; k < ARRAY_SIZE(owner_set); k++) {
			/* owner ids are [A-Za-z0-9._-] (inventory.rng): safe in a file name */
			strbuf_reset(&paths[k]);
			strbuf_addf(&paths[k], "annual-%s.%s", (*owners)[i], owner_set[k].file_name);
			jobs[k].name = owner_set[k].template_name;
			jobs[k].out_path = outdir_path(out, paths[k].buf);
		}
		ret = render_set(st, run, lang, NULL, (*owners)[i], jobs, ARRAY_SIZE(owner_set), ctx);
	}
	for (size_t k = 0; k < ARRAY_SIZE(owner_set); k++)
		strbuf_release(&paths[k]);
	if (ret < 0) {
		for (size_t i = 0; i < *nr; i++)
			free((*owners)[i]);
		free(*owners);
		*owners = NULL;
		*nr = 0;
	}
	return ret;
}

/* More level dossiers than this are written only on request (--all): a
 * folder of thousands of Word files is not what a review is read for. */
#define REVIEW_DOSSIERS_MAX 1000

/* Where a system's level dossier goes in the output folder. */
struct dossier_paths {
	struct outdir *out;
	struct strbuf name;
};

static const char *dossier_path(const char *id, void *data)
{
	struct dossier_paths *d = data;
	/* system ids are [A-Za-z0-9._-] (inventory.rng): safe in a file name */
	strbuf_reset(&d->name);
	strbuf_addf(&d->name, "dossier-%s.docx", id);
	return outdir_path(d->out, d->name.buf);
}

/* The systems that need a level dossier (all: every system) into *ids (the
 * caller frees them), none when there are more than REVIEW_DOSSIERS_MAX
 * and not all (a warning says so). 0 or -1 after reporting. */
static int choose_dossiers(struct store *st, long run, int all, char ***ids, size_t *nr)
{
	if (subject_dossier_systems(st, run, all, ids, nr) < 0)
		return -1;
	if (!all && *nr > REVIEW_DOSSIERS_MAX) {
		warning("%zu systems need a level dossier: render them with --all, or one by one "
		        "('assess report dossier-docx --system ID')",
		        *nr);
		for (size_t i = 0; i < *nr; i++)
			free((*ids)[i]);
		free(*ids);
		*ids = NULL;
		*nr = 0;
	}
	return 0;
}

/* The level dossier in Word of each system of ids into out as
 * dossier-SYSTEM.docx. 0 or -1 after reporting. */
static int render_dossiers(struct store *st, long run, const char *lang, char *const *ids,
                           size_t nr, struct outdir *out, const struct doc_context *ctx)
{
	struct dossier_paths paths = {.out = out};
	strbuf_init(&paths.name);
	int ret = render_each_system(st, run, "dossier-docx", lang, ids, nr, dossier_path, &paths,
	                             ctx);
	strbuf_release(&paths.name);
	return ret;
}

int cmd_review(int argc, char **argv)
{
	const char *db = NULL, *rules = NULL, *date = NULL, *lang = "vi", *dir = "assess-report";
	const char *settings = NULL, *criteria = NULL;
	int all = 0, rc;
	const struct opt opts[] = {
		{"db", 0, &db, NULL},     {"rules", 0, &rules, NULL},  {"date", 0, &date, NULL},
		{"lang", 0, &lang, NULL}, {"output", 'o', &dir, NULL}, {"settings", 0, &settings, NULL},
		{"criteria", 0, &criteria, NULL}, {"all", 0, NULL, &all},
		{NULL, 0, NULL, NULL},
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
	set_criteria_dir(criteria);
	if (strcmp(lang, "vi") && strcmp(lang, "en")) {
		free(args);
		return cmdline_usage_error(usage, "--lang takes vi or en");
	}

	struct store *st = NULL;
	struct outdir *out = NULL;
	struct timespec clock;
	struct doc_context ctx;
	char **owners = NULL, **dossiers = NULL;
	size_t nr_owners = 0, nr_dossiers = 0;
	doc_context_init(&ctx);
	const char *names[ARRAY_SIZE(set) + 2 + ARRAY_SIZE(owner_set)];
	char *patterns[ARRAY_SIZE(owner_set)];
	size_t nr_names = 0;
	for (size_t i = 0; i < ARRAY_SIZE(set); i++)
		names[nr_names++] = set[i].file_name;
	names[nr_names++] = "results.xml";
	for (size_t k = 0; k < ARRAY_SIZE(owner_set); k++) {
		struct strbuf sb;
		strbuf_init(&sb);
		strbuf_addf(&sb, "annual-*.%s", owner_set[k].file_name);
		names[nr_names++] = patterns[k] = strbuf_detach(&sb);
	}
	names[nr_names++] = "dossier-*.docx";
	trace_perf_start(&clock);
	/* the settings first: a bad file stops the review before anything is stored */
	if (doc_context_load_settings(&ctx, settings, db_path(db)) < 0) {
		status = diag_problem_count() ? EXIT_INVALID : EXIT_RUNTIME;
		goto out;
	}
	/* the reports go to a private folder, made before anything is imported:
	 * an output folder that cannot be written fails the review at once */
	if ((status = outdir_begin(dir, names, nr_names, &out)) != 0)
		goto out;
	struct import_db d;
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
	/* the documents name the files the run was made from, with their digests */
	status = EXIT_RUNTIME;
	for (int i = 0; i < nargs; i++)
		if (doc_context_add_file(&ctx, args[i]) < 0)
			goto out;
	/* reopen under its name (a new database has just been published there) */
	if (store_open(db_path(db), &st) < 0)
		goto out;

	int large = render_is_large(totals.systems);
	struct render_job jobs[ARRAY_SIZE(set)];
	size_t nr_jobs = 0;
	for (size_t i = 0; i < ARRAY_SIZE(set); i++) {
		if (large && per_subject(set[i].template_name))
			continue; /* per system or owner on request: see render.h */
		jobs[nr_jobs].name = set[i].template_name;
		jobs[nr_jobs].out_path = outdir_path(out, set[i].file_name);
		nr_jobs++;
	}
	/* the level dossiers due, chosen first so that the index links them */
	if (!large && choose_dossiers(st, totals.run, all, &dossiers, &nr_dossiers) < 0)
		goto out;
	ctx.dossiers = dossiers;
	ctx.nr_dossiers = nr_dossiers;
	rc = render_set(st, totals.run, lang, NULL, NULL, jobs, nr_jobs, &ctx);
	ctx.dossiers = NULL; /* only the set (its index) lists the dossiers */
	ctx.nr_dossiers = 0;
	if (rc < 0)
		goto out;
	trace_perf_start(&clock); /* render_set traced each report */
	if (!large) {
		if (results_write(st, totals.run, RESULTS_FULL, NULL,
		                  outdir_path(out, "results.xml")) < 0)
			goto out;
		trace_perf(&clock, "results.xml");
	}
	/* each owner's annual report, to file (Word) and to read (HTML) */
	if (!large && render_owner_reports(st, totals.run, lang, out, &ctx, &owners, &nr_owners) < 0)
		goto out;
	/* each system's level dossier that is due (every one with --all) */
	if (nr_dossiers && render_dossiers(st, totals.run, lang, dossiers, nr_dossiers, out, &ctx) < 0)
		goto out;
	/* every report is written: publish the set at once */
	rc = outdir_commit(out);
	out = NULL;
	if (rc < 0)
		goto out;
	/* index.html first, as the contract says */
	printf("%s/index.html\n", dir);
	for (size_t i = 0; i + 1 < ARRAY_SIZE(set); i++)
		if (!large || !per_subject(set[i].template_name))
			printf("%s/%s\n", dir, set[i].file_name);
	if (!large)
		printf("%s/results.xml\n", dir);
	for (size_t i = 0; i < nr_owners; i++)
		for (size_t k = 0; k < ARRAY_SIZE(owner_set); k++)
			printf("%s/annual-%s.%s\n", dir, owners[i], owner_set[k].file_name);
	for (size_t i = 0; i < nr_dossiers; i++)
		printf("%s/dossier-%s.docx\n", dir, dossiers[i]);
	status = EXIT_OK;
out:
	outdir_abort(out);
	store_close(st);
	doc_context_release(&ctx);
	for (size_t i = 0; i < nr_owners; i++)
		free(owners[i]);
	free(owners);
	for (size_t i = 0; i < nr_dossiers; i++)
		free(dossiers[i]);
	free(dossiers);
	for (size_t k = 0; k < ARRAY_SIZE(owner_set); k++)
		free(patterns[k]);
	free(args);
	return status;
}
