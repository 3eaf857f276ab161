/*
 * cmd_export.c - `assess export xlsx [--run N | --snapshot N] -o FILE`: a
 * stored snapshot as the inventory workbook (sheet.h, xlsx_out.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "commands.h"
#include "diag.h"
#include "paths.h"
#include "sheet.h"
#include "store.h"
#include "util.h"
#include "xlsx_out.h"

static const char usage[] =
	"usage: assess export xlsx [--db DB] [--run N | --snapshot N] [--lang vi|en] -o FILE\n"
	"\n"
	"Write a stored inventory snapshot (default: the latest; --run N: the one\n"
	"run N classified) as the inventory workbook of `assess template`, to be\n"
	"corrected and read back with validate, import or review.\n"
	"\n"
	"  --db DB        database (default $ASSESS_DB, else ./assess.db)\n"
	"  --run N        the snapshot of run N\n"
	"  --snapshot N   snapshot N\n"
	"  --lang vi|en   language of headers and values (default vi)\n"
	"  -o FILE        the workbook to write\n";

int cmd_export(int argc, char **argv)
{
	const char *db = NULL, *run_text = NULL, *snap_text = NULL, *out = NULL,
	           *lang_text = "vi";
	const struct opt opts[] = {
		{"db", 0, &db, NULL},          {"run", 0, &run_text, NULL},
		{"snapshot", 0, &snap_text, NULL}, {"lang", 0, &lang_text, NULL},
		{"output", 'o', &out, NULL},   {NULL, 0, NULL, NULL},
	};
	char **args;
	int nargs;
	int early = cmdline_parse_command(argc, argv, opts, usage, &args, &nargs);
	if (early >= 0)
		return early;
	int bad_kind = nargs != 1 || strcmp(args[0], "xlsx");
	free(args);
	if (bad_kind)
		return cmdline_usage_error(usage, "the one kind of export is 'xlsx'");
	if (!out)
		return cmdline_usage_error(usage, "-o FILE is required");
	if (run_text && snap_text)
		return cmdline_usage_error(usage, "--run and --snapshot exclude each other");
	enum vocab_lang lang;
	if (vocab_lang_parse(lang_text, &lang) < 0)
		return cmdline_usage_error(usage, "--lang takes vi or en");
	long run = parse_run_option(run_text);
	if (run < 0)
		return cmdline_usage_error(usage, "--run takes a run number");
	long snapshot = parse_run_option(snap_text);
	if (snapshot < 0)
		return cmdline_usage_error(usage, "--snapshot takes a snapshot number");

	struct store *st;
	if (open_existing_store(db_path(db), &st) < 0)
		return EXIT_RUNTIME;
	if (output_path_check(out) < 0) {
		store_close(st);
		return EXIT_USAGE;
	}
	int status = EXIT_RUNTIME;
	if (run) {
		struct run_info info;
		char *strings = NULL;
		if (store_get_run(st, run, &info, &strings) < 0) {
			free(strings);
			goto out;
		}
		snapshot = info.snapshot;
		free(strings);
	} else if (!snapshot) {
		snapshot = store_latest_snapshot(st);
		if (!snapshot) {
			error("no inventory imported yet: run assess import first");
			goto out;
		}
	}
	struct sheet_book b;
	sheet_book_init(&b);
	if (sheet_from_store(st, snapshot, &b) == 0 && xlsx_write_book(out, &b, lang, 0) == 0)
		status = EXIT_OK;
	sheet_book_release(&b);
out:
	store_close(st);
	return status;
}
