/*
 * cmd_template.c - `assess template xlsx -o FILE [--lang vi|en]`: the
 * inventory workbook to fill in (sheet.h, xlsx_out.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "commands.h"
#include "diag.h"
#include "sheet.h"
#include "util.h"
#include "xlsx_out.h"

static const char usage[] =
	"usage: assess template xlsx -o FILE [--lang vi|en]\n"
	"\n"
	"Write the inventory workbook to fill in: one sheet per record\n"
	"(organisations, systems, components, inspections, controls, waivers,\n"
	"inspection cadences), headers with each column's legal meaning as a\n"
	"note, drop-down lists of the allowed values, and a worked example.\n"
	"Read it back with validate, import, review or convert.\n"
	"\n"
	"  -o FILE       the workbook to write ('-': standard output)\n"
	"  --lang vi|en  language of headers, lists and notes (default vi)\n";

int cmd_template(int argc, char **argv)
{
	const char *out = NULL, *lang_text = "vi";
	const struct opt opts[] = {
		{"output", 'o', &out, NULL},
		{"lang", 0, &lang_text, NULL},
		{NULL, 0, NULL, NULL},
	};
	char **args;
	int nargs;
	int early = cmdline_parse_command(argc, argv, opts, usage, &args, &nargs);
	if (early >= 0)
		return early;
	int bad_kind = nargs != 1 || strcmp(args[0], "xlsx");
	free(args);
	if (bad_kind)
		return cmdline_usage_error(usage, "the one kind of template is 'xlsx'");
	if (!out)
		return cmdline_usage_error(usage, "-o FILE is required");
	enum vocab_lang lang;
	if (vocab_lang_parse(lang_text, &lang) < 0)
		return cmdline_usage_error(usage, "--lang takes vi or en");
	if (output_path_check(out) < 0)
		return EXIT_USAGE;
	struct sheet_book b;
	sheet_book_init(&b);
	char today[11];
	today_iso(today);
	sheet_example(&b, today);
	int rc = xlsx_write_book(out, &b, lang, 1);
	sheet_book_release(&b);
	return rc < 0 ? EXIT_RUNTIME : EXIT_OK;
}
