/*
 * main.c - global options, the command table, dispatch.
 *
 * Libraries are set up once here and torn down once here; commands never
 * call exit().
 */
#include <pcre2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlversion.h>
#include <libxslt/xsltconfig.h>
#include <libxslt/xsltInternals.h>

#include "commands.h"
#include "diag.h"
#include "paths.h"
#include "tmpfiles.h"
#include "util.h"
#include "xmlio.h"

struct command {
	const char *name;                 /* as typed after `assess` */
	int (*fn)(int argc, char **argv); /* the command's entry point */
	const char *summary;              /* one line for `assess --help` */
};

/* Sorted by name. */
static const struct command commands[] = {
	{"classify", cmd_classify, "classify the latest snapshot and store a run"},
	{"criteria", cmd_criteria, "list, show and check rule sets"},
	{"diff", cmd_diff, "what changed between two runs"},
	{"explain", cmd_explain, "why a system got its level"},
	{"import", cmd_import, "validate and store an inventory snapshot (all files or none)"},
	{"report", cmd_report, "render one report of a run through XSLT"},
	{"results", cmd_results, "print a run as the results XML document"},
	{"review", cmd_review, "validate, import, classify and render the report set"},
	{"runs", cmd_runs, "list the stored runs"},
	{"schema", cmd_schema, "print the inventory's vocabulary or its RELAX NG schema"},
	{"validate", cmd_validate, "check inventories (schema and meaning), write nothing"},
};

static void usage(FILE *out)
{
	fprintf(out, "usage: assess [--version] [--help] COMMAND [ARGS]\n\n"
	             "Security levels of information systems (Decree 85/2016, Decree 331/2026).\n\n"
	             "commands:\n");
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n'assess COMMAND --help' describes one command.\n"
	             "exit status: 0 done, 1 runtime failure, 2 usage error, 3 input rejected,\n"
	             "4 findings matched --fail-on\n");
}

static void print_version(void)
{
	char pcre_version[64] = "unknown";
	if (pcre2_config(PCRE2_CONFIG_VERSION, NULL) > 0)
		pcre2_config(PCRE2_CONFIG_VERSION, pcre_version);
	int xml = atoi(xmlParserVersion);
	printf("assess %s\n", tool_version());
	printf("libxml2 %d.%d.%d\n", xml / 10000, xml / 100 % 100, xml % 100);
	printf("libxslt %d.%d.%d\n", xsltLibxsltVersion / 10000, xsltLibxsltVersion / 100 % 100,
	       xsltLibxsltVersion % 100);
	printf("sqlite %s\n", sqlite3_libversion());
	printf("pcre2 %s\n", pcre_version);
}

static const struct command *find_command(const char *name)
{
	size_t lo = 0, hi = ARRAY_SIZE(commands);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, commands[mid].name);
		if (!c)
			return &commands[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int status;
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		print_version();
		return finish_stdout() ? EXIT_RUNTIME : EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return finish_stdout() ? EXIT_RUNTIME : EXIT_OK;
	}
	const struct command *cmd = find_command(argv[1]);
	if (!cmd) {
		error("'%s' is not a command; see 'assess --help'", argv[1]);
		return EXIT_USAGE;
	}
	xmlio_init();
	tmpfiles_install_signals();
	status = cmd->fn(argc - 1, argv + 1);
	if (finish_stdout() && status == EXIT_OK)
		status = EXIT_RUNTIME;
	xmlio_cleanup();
	return status;
}
