/*
 * cmd_criteria.c - `assess criteria list | show ID | check FILE...`:
 * inspect the shipped rule sets and check rule-set files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "commands.h"
#include "criteria.h"
#include "diag.h"
#include "paths.h"
#include "run.h"
#include "util.h"

static const char usage[] =
	"usage: assess criteria [--criteria DIR] list\n"
	"   or: assess criteria [--criteria DIR] show ID\n"
	"   or: assess criteria check FILE...\n"
	"\n"
	"  --criteria DIR  the rule sets of DIR (default $ASSESS_CRITERIA_DIR, else the data\n"
	"                  directory's criteria/)\n"
	"  list        the rule sets of the criteria directory: id, dates, clauses, file, title\n"
	"  show ID     rule set ID: every clause with its level, article, summary and condition;\n"
	"              clause ID (ND85-10.1): its article, our summary, condition and readings\n"
	"  check FILE  load and validate rule-set files (schema and meaning); exit 3 on problems\n";

/* The file name relative to the data directory when it lies there. */
static const char *short_name(const char *file)
{
	const char *dir = data_dir();
	size_t n = strlen(dir);
	if (!strncmp(file, dir, n) && file[n] == '/')
		return file + n + 1;
	return file;
}

static int list(void)
{
	struct ruleset **sets;
	size_t nr;
	if (criteria_load_all(&sets, &nr) < 0)
		return EXIT_INVALID;
	for (size_t i = 0; i < nr; i++) {
		const struct ruleset *rs = sets[i];
		printf("%-6s %s..%-10s %3zu clauses  %-20s %s\n", rs->id, rs->effective_from,
		       rs->effective_to ? rs->effective_to : "", rs->nr_clauses, short_name(rs->file),
		       rs->title_vi ? rs->title_vi : "");
	}
	ruleset_list_free(sets, nr);
	return finish_stdout() < 0 ? EXIT_RUNTIME : EXIT_OK;
}

/* One clause: level, article, our summary in both languages, condition,
 * the readings it may rest on. */
static void show_clause(const struct ruleset *rs, const struct clause *cl, int full)
{
	struct strbuf sb;
	strbuf_init(&sb);
	printf("%s  ", cl->id);
	if (cl->level_from >= 0)
		printf("level from %s", fact_def((enum fact_id)cl->level_from)->name);
	else
		printf("level %d", cl->level);
	if (cl->article)
		printf("  article %s", cl->article);
	printf("\n  %s\n", cl->ref ? cl->ref : "");
	if (full && cl->ref_en)
		printf("  %s\n", cl->ref_en);
	printf("  %s%s\n", full ? "summary: " : "", cl->text_vi ? cl->text_vi : "");
	if (full)
		printf("  summary (en): %s\n", cl->text_en ? cl->text_en : "");
	condition_format(&cl->cond, &sb);
	printf("  when: %s\n", sb.buf);
	for (size_t r = 0; r < cl->nr_readings; r++) {
		const struct reading_def *rd = &rs->readings[cl->readings[r].reading];
		printf("  reading %s", rd->id);
		if (cl->readings[r].conditional) {
			strbuf_reset(&sb);
			condition_format(&cl->readings[r].cond, &sb);
			printf(" (when %s)", sb.buf);
		}
		printf(": %s\n", rd->text_vi);
		if (full)
			printf("    (en) %s\n", rd->text_en);
	}
	strbuf_release(&sb);
}

static void show_one(const struct ruleset *rs)
{
	struct strbuf sb;
	strbuf_init(&sb);
	printf("%s version %s, %s..%s, %zu clauses\n", rs->id, rs->version, rs->effective_from,
	       rs->effective_to ? rs->effective_to : "", rs->nr_clauses);
	printf("file: %s\nsha256: %s\n", short_name(rs->file), rs->sha256);
	if (rs->title_vi)
		printf("title: %s\n", rs->title_vi);
	if (rs->title_en)
		printf("title (en): %s\n", rs->title_en);
	if (rs->basis)
		printf("basis: %s\n", rs->basis);
	for (size_t i = 0; i < rs->nr_inspections; i++) {
		const struct inspection_rule *ir = &rs->inspections[i];
		if (ir->level)
			printf("inspection: level %d", ir->level);
		else
			printf("inspection: any level");
		printf(" every %d months, counts %s, %s, %s, article %s\n", ir->months,
		       independence_name(ir->independent), cadence_basis_name(ir->basis),
		       severity_name((enum severity)ir->severity), ir->article ? ir->article : "-");
		if (ir->conditional) {
			strbuf_reset(&sb);
			condition_format(&ir->cond, &sb);
			printf("  when: %s\n", sb.buf);
		}
		if (ir->text_vi && (!i || !rs->inspections[i - 1].text_vi ||
		                    strcmp(ir->text_vi, rs->inspections[i - 1].text_vi)))
			printf("  %s\n", ir->text_vi);
	}
	for (size_t i = 0; i < rs->nr_licensed; i++) {
		const struct licensed_rule *lr = &rs->licensed[i];
		printf("licensed inspection: %s", lr->text_vi);
		if (lr->level)
			printf(", level %d", lr->level);
		printf(", %s, article %s\n", severity_name((enum severity)lr->severity), lr->article);
		if (lr->conditional) {
			strbuf_reset(&sb);
			condition_format(&lr->cond, &sb);
			printf("  when: %s\n", sb.buf);
		}
	}
	for (size_t i = 0; i < rs->nr_clauses; i++) {
		printf("\n");
		show_clause(rs, &rs->clauses[i], 0);
	}
	for (size_t i = 0; i < rs->nr_gaps; i++) {
		strbuf_reset(&sb);
		condition_format(&rs->gaps[i].cond, &sb);
		printf("\ngap: %s\n  when: %s\n", rs->gaps[i].text_vi ? rs->gaps[i].text_vi : "",
		       sb.buf);
	}
	strbuf_release(&sb);
}

static int show(const char *id)
{
	struct ruleset **sets;
	size_t nr;
	int ret = EXIT_OK, found = 0;
	if (criteria_load_all(&sets, &nr) < 0)
		return EXIT_INVALID;
	for (size_t i = 0; i < nr && !found; i++) {
		int k = ruleset_clause_index(sets[i], id);
		if (!strcmp(sets[i]->id, id)) {
			show_one(sets[i]);
			found = 1;
		} else if (k >= 0) {
			printf("%s (%s)\n", sets[i]->id, short_name(sets[i]->file));
			show_clause(sets[i], &sets[i]->clauses[k], 1);
			found = 1;
		}
	}
	if (!found) {
		error("unknown rule set or clause '%s'", id);
		ret = EXIT_USAGE;
	}
	ruleset_list_free(sets, nr);
	if (ret == EXIT_OK && finish_stdout() < 0)
		ret = EXIT_RUNTIME;
	return ret;
}

static int check(char **files, int nr)
{
	int bad = 0;
	for (int i = 0; i < nr; i++) {
		struct ruleset *rs;
		if (criteria_load(files[i], &rs) < 0) {
			bad = 1;
			continue;
		}
		printf("%s: ruleset %s, %zu clauses, sha256 %s\n", files[i], rs->id, rs->nr_clauses,
		       rs->sha256);
		ruleset_free(rs);
	}
	if (finish_stdout() < 0)
		return EXIT_RUNTIME;
	return bad ? EXIT_INVALID : EXIT_OK;
}

int cmd_criteria(int argc, char **argv)
{
	const char *criteria = NULL;
	const struct opt opts[] = {{"criteria", 0, &criteria, NULL}, {NULL, 0, NULL, NULL}};
	char **args = NULL;
	int nargs = 0, ret;
	int early = cmdline_parse_command(argc, argv, opts, usage, &args, &nargs);
	if (early >= 0)
		return early;
	set_criteria_dir(criteria);
	const char *sub = nargs ? args[0] : "list";
	if (!strcmp(sub, "list") && nargs <= 1)
		ret = list();
	else if (!strcmp(sub, "show") && nargs == 2)
		ret = show(args[1]);
	else if (!strcmp(sub, "check") && nargs >= 2)
		ret = check(args + 1, nargs - 1);
	else if (!strcmp(sub, "list") || !strcmp(sub, "show") || !strcmp(sub, "check"))
		ret = cmdline_usage_error(usage, "wrong number of arguments for 'criteria %s'", sub);
	else
		ret = cmdline_usage_error(usage, "unknown criteria command '%s'", sub);
	free(args);
	return ret;
}
