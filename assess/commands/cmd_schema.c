/*
 * cmd_schema.c - `assess schema vocabulary | inventory`: the one table of
 * the inventory's words (vocabulary.def) as XML, and the RELAX NG schema
 * generated from it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "commands.h"
#include "diag.h"
#include "util.h"
#include "vocabulary.h"

static const char usage[] =
	"usage: assess schema vocabulary\n"
	"   or: assess schema inventory\n"
	"\n"
	"  vocabulary  every record, field and list of the inventory with its Vietnamese\n"
	"              and English labels and legal notes, as XML (for templates, the\n"
	"              workbook and tests)\n"
	"  inventory   the RELAX NG schema of the inventory format (generated from the same\n"
	"              table; check a file by hand with xmllint --relaxng)\n";

int cmd_schema(int argc, char **argv)
{
	const struct opt opts[] = {{NULL, 0, NULL, NULL}};
	char **args = NULL;
	int nargs = 0, ret = EXIT_OK;
	int early = cmdline_parse_command(argc, argv, opts, usage, &args, &nargs);
	if (early >= 0)
		return early;
	struct strbuf out;
	strbuf_init(&out);
	if (nargs == 1 && !strcmp(args[0], "vocabulary")) {
		strbuf_addstr(&out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		vocab_xml(&out);
	} else if (nargs == 1 && !strcmp(args[0], "inventory")) {
		vocab_rng(&out, VOCAB_RNG_PUBLISHED);
	} else if (nargs == 0) {
		ret = cmdline_usage_error(usage, "which schema? vocabulary or inventory");
	} else if (nargs == 1) {
		ret = cmdline_usage_error(usage, "unknown schema '%s'", args[0]);
	} else {
		ret = cmdline_usage_error(usage, "one schema at a time");
	}
	if (ret == EXIT_OK && (fwrite(out.buf, 1, out.len, stdout) != out.len || finish_stdout() < 0))
		ret = EXIT_RUNTIME;
	strbuf_release(&out);
	free(args);
	return ret;
}
