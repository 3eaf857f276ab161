/*
 * cmdline.c - option parsing shared by all commands.
 */
#include "cmdline.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "store.h"
#include "util.h"

int cmdline_usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;
	char msg[1024];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error("%s", msg);
	fputs(usage, stderr);
	return EXIT_USAGE;
}

int cmdline_parse_command(int argc, char **argv, const struct opt *opts, const char *usage,
                          char ***args, int *nargs)
{
	switch (cmdline_parse(argc, argv, opts, usage, args, nargs)) {
	case CMDLINE_HELP:
		return EXIT_OK;
	case CMDLINE_ERROR:
		return EXIT_USAGE;
	case CMDLINE_OK:
		break;
	}
	return -1;
}

static const struct opt *find_long(const struct opt *opts, const char *name, size_t len)
{
	for (; opts->long_name; opts++)
		if (strlen(opts->long_name) == len && !strncmp(opts->long_name, name, len))
			return opts;
	return NULL;
}

static const struct opt *find_short(const struct opt *opts, char c)
{
	for (; opts->long_name; opts++)
		if (opts->short_name && opts->short_name == c)
			return opts;
	return NULL;
}

enum cmdline_result cmdline_parse(int argc, char **argv, const struct opt *opts,
                                  const char *usage, char ***args, int *nargs)
{
	char **pos = xcalloc((size_t)argc + 1, sizeof(*pos));
	int n = 0, only_positionals = 0;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (only_positionals || a[0] != '-' || !strcmp(a, "-")) {
			pos[n++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_positionals = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			free(pos);
			fputs(usage, stdout);
			return CMDLINE_HELP;
		}
		const struct opt *o;
		const char *inline_value = NULL;
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - (a + 2)) : strlen(a + 2);
			o = find_long(opts, a + 2, len);
			if (eq)
				inline_value = eq + 1;
		} else {
			o = a[2] ? NULL : find_short(opts, a[1]);
		}
		if (!o) {
			free(pos);
			cmdline_usage_error(usage, "unknown option '%s'", a);
			return CMDLINE_ERROR;
		}
		if (o->value) {
			if (!inline_value) {
				if (i + 1 >= argc) {
					free(pos);
					cmdline_usage_error(usage, "option '%s' needs a value", a);
					return CMDLINE_ERROR;
				}
				inline_value = argv[++i];
			}
			*o->value = inline_value;
		} else {
			if (inline_value) {
				free(pos);
				cmdline_usage_error(usage, "option '%s' takes no value", a);
				return CMDLINE_ERROR;
			}
			*o->flag = 1;
		}
	}
	*args = pos;
	*nargs = n;
	return CMDLINE_OK;
}

long parse_run_option(const char *text)
{
	long long n;
	if (!text)
		return 0;
	if (parse_count(text, &n) < 0 || n <= 0 || n > 1000000000)
		return -1;
	return (long)n;
}

int open_existing_store(const char *db, struct store **out)
{
	if (strcmp(db, ":memory:") && access(db, F_OK) < 0)
		return error("no database '%s': import an inventory first ('assess import')", db);
	return store_open(db, out);
}

