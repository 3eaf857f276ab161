/*
 * cmd_report.c - `assess report`: render one report of a run through XSLT.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "cmdline.h"
#include "commands.h"
#include "diag.h"
#include "paths.h"
#include "render.h"
#include "report.h"
#include "results.h"
#include "store.h"
#include "util.h"
#include "xmlsafe.h"

static const char usage[] =
	"usage: assess report [--db DB] [--run N] [--lang vi|en] [--system ID] [--owner ID]\n"
	"                     [--results FILE] [-o FILE] TEMPLATE\n"
	"\n"
	"Render one report of a run (default: the latest) through XSLT. TEMPLATE is\n"
	"a shipped report: summary, dossier, annual (HTML), csv, text, index; or the\n"
	"path of your own .xsl over the results XML document ('assess results').\n"
	"Templates cannot write files or use the network, and read only files\n"
	"beside them.\n"
	"\n"
	"  --db DB         database (default $ASSESS_DB, else ./assess.db)\n"
	"  --run N         the run to report\n"
	"  --lang LANG     vi (default) or en\n"
	"  --system ID     only this system (the dossier of one system)\n"
	"  --owner ID      only this owner's systems (its annual report, its dossiers)\n"
	"  --results FILE  render a saved results document instead of a stored run\n"
	"  -o FILE         write to FILE (atomically) instead of standard output\n";

/* Read a saved results document ("-" = standard input); NULL after reporting. */
static xmlDocPtr read_results(const char *file)
{
	xmlDocPtr doc;
	/* XMLSAFE_PARSE_OPTIONS: no DTD loaded, no entity substituted, no network */
	if (!strcmp(file, "-"))
		doc = xmlReadFd(0, "-", NULL, XMLSAFE_PARSE_OPTIONS);
	else
		doc = xmlReadFile(file, NULL, XMLSAFE_PARSE_OPTIONS);
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
	const char *results_file = NULL, *out = "-";
	const struct opt opts[] = {
		{"db", 0, &db, NULL},
		{"run", 0, &run_text, NULL},
		{"lang", 0, &lang, NULL},
		{"system", 0, &system, NULL},
		{"owner", 0, &owner, NULL},
		{"results", 0, &results_file, NULL},
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
	if (results_file) {
		if (output_path_check(out) < 0)
			return EXIT_USAGE;
		xmlDocPtr doc = read_results(results_file);
		if (!doc)
			return diag_problem_count() ? EXIT_INVALID : EXIT_RUNTIME;
		const char *params[] = {"lang", lang, system ? "system" : NULL, system, NULL};
		int rc = report_render(doc, template, params, out);
		xmlFreeDoc(doc);
		return rc < 0 ? EXIT_RUNTIME : EXIT_OK;
	}
	struct store *st;
	if (open_existing_store(db_path(db), &st) < 0)
		return EXIT_RUNTIME;
	/* after the store is open: it protects the database's files */
	if (output_path_check(out) < 0) {
		store_close(st);
		return EXIT_USAGE;
	}
	int rc = render_report(st, run, template, lang, system, owner, out);
	store_close(st);
	return rc < 0 ? EXIT_RUNTIME : EXIT_OK;
}
