/*
 * paths.c - the data directory, the default database, the version.
 */
#include "paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#ifndef ASSESS_DATADIR
#define ASSESS_DATADIR "/usr/local/share/assess"
#endif
#ifndef ASSESS_VERSION
#define ASSESS_VERSION "0.1.0"
#endif

static char *resolved_data_dir;

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The source tree, when the binary lives under <tree>/build/ (build/assess,
 * build/san/assess, build/unit-tests ...). */
static char *source_tree_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *cut = NULL;
	for (char *p = strstr(exe, "/build/"); p; p = strstr(p + 1, "/build/"))
		cut = p;
	if (!cut)
		return NULL;
	*cut = '\0';
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_addf(&sb, "%s/criteria/schema", exe);
	int ok = is_dir(sb.buf);
	strbuf_release(&sb);
	return ok ? xstrdup(exe) : NULL;
}

static void free_data_dir(void)
{
	free(resolved_data_dir);
}

const char *data_dir(void)
{
	if (resolved_data_dir)
		return resolved_data_dir;
	const char *env = getenv("ASSESS_DATADIR");
	if (env && *env)
		resolved_data_dir = xstrdup(env);
	else if (!(resolved_data_dir = source_tree_dir()))
		resolved_data_dir = xstrdup(ASSESS_DATADIR);
	atexit(free_data_dir);
	return resolved_data_dir;
}

char *data_path(const char *rel)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_addf(&sb, "%s/%s", data_dir(), rel);
	return strbuf_detach(&sb);
}

static const char *chosen_criteria_dir;
static char *default_criteria_dir;

static void free_criteria_dir(void)
{
	free(default_criteria_dir);
}

const char *criteria_dir(void)
{
	if (chosen_criteria_dir)
		return chosen_criteria_dir;
	const char *env = getenv("ASSESS_CRITERIA_DIR");
	if (env && *env)
		return env;
	if (!default_criteria_dir) {
		default_criteria_dir = data_path("criteria");
		atexit(free_criteria_dir);
	}
	return default_criteria_dir;
}

void set_criteria_dir(const char *dir)
{
	chosen_criteria_dir = dir && *dir ? dir : NULL;
}

const char *db_path(const char *explicit_path)
{
	if (explicit_path && *explicit_path)
		return explicit_path;
	const char *env = getenv("ASSESS_DB");
	if (env && *env)
		return env;
	return "assess.db";
}

const char *tool_version(void)
{
	return ASSESS_VERSION;
}
