/*
 * cmd_report.c - `assess report`: render one report of a run through XSLT.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "cmdline.h"
#include "commands.h"
#include "context.h"
#include "csv_out.h"
#include "diag.h"
#include "paths.h"
#include "render.h"
#include "report.h"
#include "results.h"
#include "store.h"
#include "subject.h"
#include "util.h"
#include "xmlio.h"

static const char usage[] =
	"usage: assess report [--db DB] [--run N] [--lang vi|en] [--system ID] [--owner ID]\n"
	"                     [--results FILE] [--settings FILE] [-o FILE] TEMPLATE\n"
	"\n"
	"Render one report of a run (default: the latest) through XSLT. TEMPLATE is\n"
	"a shipped report: summary, dossier (with --system: that system's level\n"
	"dossier, HTML), dossier-docx (the level dossier in Word, --system),\n"
	"annual (HTML), annual-docx (Word), audit (the auditor's report, HTML),\n"
	"audit-docx (Word), audit-csv (its findings with their legal basis), csv,\n"
	"text, index; or the path of your own .xsl over the results XML\n"
	"document ('assess results').\n"
	"Templates cannot write files or use the network, and read only files\n"
	"beside them.\n"
	"\n"
	"  --db DB         database (default $ASSESS_DB, else ./assess.db)\n"
	"  --run N         the run to report\n"
	"  --lang LANG     vi (default) or en\n"
	"  --system ID     only this system (its level dossier)\n"
	"  --owner ID      only this owner's systems (its annual report, its dossiers,\n"
	"                  its audit)\n"
	"  --results FILE  render a saved results document instead of a stored run\n"
	"  --settings FILE the unit's details for filed documents (issuer, number,\n"
	"                  signer, recipients; default: assess-settings.xml beside\n"
	"                  the database, when there is one)\n"
	"  -o FILE         write to FILE (atomically) instead of standard output\n";

/* Read a saved results document ("-" = standard input); NULL after reporting. */
static xmlDocPtr read_results(const char *file)
{
	xmlDocPtr doc = xmlio_read_doc(file, "a results document");
	if (!doc) {
		error("cannot read results document '%s'", file);
		return NULL;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "results") || root->ns) {
		error_at(file, root ? (long)root->line : 0, "not a results document (the root is not <results>)");
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

int cmd_report(int argc, char **argv)
{
	const char *db = NULL, *run_text = NULL, *lang = "vi", *system = NULL, *owner = NULL;
	const char *results_file = NULL, *settings = NULL, *out = "-";
	const struct opt opts[] = {
		{"db", 0, &db, NULL},
		{"run", 0, &run_text, NULL},
		{"lang", 0, &lang, NULL},
		{"system", 0, &system, NULL},
		{"owner", 0, &owner, NULL},
		{"results", 0, &results_file, NULL},
		{"settings", 0, &settings, NULL},
		{"output", 'o', &out, NULL},
		{NULL, 0, NULL, NULL},
	};
	char **args;
	int nargs;
	int early = cmdline_parse_command(argc, argv, opts, usage, &args, &nargs);
	if (early >= 0)
		return early;
	const char *template = nargs == 1 ? args[0] : NULL;
	free(args);
	if (!template)
		return cmdline_usage_error(usage, "report takes one TEMPLATE");
	if (strcmp(lang, "vi") && strcmp(lang, "en"))
		return cmdline_usage_error(usage, "--lang is vi or en, not '%s'", lang);
	long run = parse_run_option(run_text);
	if (run < 0)
		return cmdline_usage_error(usage, "--run takes a run number");
	if (results_file && (db || run_text))
		return cmdline_usage_error(usage, "--results cannot be combined with --db or --run");

	if (results_file && owner)
		return cmdline_usage_error(usage, "--owner needs a stored run, not --results");
	struct doc_context ctx;
	doc_context_init(&ctx);
	int status = EXIT_RUNTIME;
	if (doc_context_load_settings(&ctx, settings, results_file ? NULL : db_path(db)) < 0) {
		status = diag_problem_count() ? EXIT_INVALID : EXIT_RUNTIME;
		goto out;
	}
	if (results_file) {
		if (output_path_check(out) < 0) {
			status = EXIT_USAGE;
			goto out;
		}
		xmlDocPtr doc = read_results(results_file);
		if (!doc) {
			status = diag_problem_count() ? EXIT_INVALID : EXIT_RUNTIME;
			goto out;
		}
		doc_context_attach(&ctx, doc);
		const char *params[] = {"lang", lang, system ? "system" : NULL, system, NULL};
		if ((csv_out_is_shipped(template) ? csv_out_doc(doc, lang, out)
		                                  : report_render(doc, template, params, out)) == 0)
			status = EXIT_OK;
		xmlFreeDoc(doc);
		goto out;
	}
	struct store *st;
	if (open_existing_store(db_path(db), &st) < 0)
		goto out;
	/* after the store is open: it protects the database's files */
	if (output_path_check(out) < 0) {
		status = EXIT_USAGE;
		store_close(st);
		goto out;
	}
	struct strbuf msg;
	strbuf_init(&msg);
	int known = subject_check(st, run, system, owner, &msg);
	if (known > 0) /* an id the run does not know: say which ones it knows */
		status = cmdline_usage_error(usage, "%s", msg.buf);
	else if (known == 0 && render_report(st, run, template, lang, system, owner, out, &ctx) == 0)
		status = EXIT_OK;
	strbuf_release(&msg);
	store_close(st);
out:
	doc_context_release(&ctx);
	return status;
}
