/*
 * cmd_convert.c - `assess convert WORKBOOK -o inventory.xml`: a workbook or
 * CSV file into inventory XML of format v1 (sheet.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "commands.h"
#include "diag.h"
#include "sheet.h"
#include "util.h"

static const char usage[] =
	"usage: assess convert WORKBOOK [-o FILE]\n"
	"\n"
	"Read an inventory workbook (.xlsx) or a CSV file of systems (UTF-8, ','\n"
	"or ';'), recognised by content, check every cell and write the inventory\n"
	"as XML of format version 1. Every problem is listed as\n"
	"file: Sheet!F12: column: what is allowed; nothing is written then.\n"
	"\n"
	"  -o FILE   the XML to write (default: standard output)\n"
	"exit status: 0 written, 1 a file could not be read or written, 2 usage,\n"
	"3 problems found\n";

int cmd_convert(int argc, char **argv)
{
	const char *out = "-";
	const struct opt opts[] = {{"output", 'o', &out, NULL}, {NULL, 0, NULL, NULL}};
	char **args;
	int nargs;
	int early = cmdline_parse_command(argc, argv, opts, usage, &args, &nargs);
	if (early >= 0)
		return early;
	if (nargs != 1) {
		free(args);
		return cmdline_usage_error(usage, "convert takes one workbook");
	}
	if (output_path_check(out) < 0) {
		free(args);
		return EXIT_USAGE;
	}
	struct sheet_book b;
	sheet_book_init(&b);
	int rc = sheet_read_book(args[0], &b);
	free(args);
	int status = EXIT_OK;
	if (rc < 0) {
		status = EXIT_RUNTIME;
	} else if (rc > 0) {
		status = EXIT_INVALID;
	} else {
		struct strbuf xml;
		strbuf_init(&xml);
		sheet_to_xml(&b, &xml);
		if (write_file_atomic(out, xml.buf, xml.len) < 0)
			status = EXIT_RUNTIME;
		strbuf_release(&xml);
	}
	sheet_book_release(&b);
	return status;
}
