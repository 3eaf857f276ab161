/*
 * cmd_explain.c - `assess explain SYSTEM-ID`: why a system got its level.
 *
 * A readable trace of one system in one run: the facts it was judged on,
 * every clause with held / failed / unknown and its condition, the deciding
 * clause with its legal text, and what the components contributed.
 * Vietnamese by default, English with --lang en.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "commands.h"
#include "diag.h"
#include "paths.h"
#include "results.h"
#include "run.h"
#include "store.h"
#include "util.h"

static const char usage[] =
	"usage: assess explain [--db DB] [--run N] [--lang vi|en] SYSTEM-ID\n"
	"\n"
	"Explain a system's level in a run (default: the latest): the facts, every\n"
	"clause held / failed / unknown with its condition, the deciding clause and\n"
	"its legal text, and the components' contribution.\n";

/* The words of the trace in one language. */
struct words {
	const char *system, *owner, *op, *status, *run, *rules, *date;
	const char *level, *determined, *undetermined, *reason, *deciding, *deciding_comp;
	const char *facts, *clauses, *held, *failed, *unknown, *condition, *components;
	const char *no_components, *findings, *no_findings, *approved, *none, *level_word;
	const char *near, *layers, *reading, *assessed_under, *not_stored;
	const char *drift[4];     /* by enum drift */
	const char *severity[3];  /* by enum severity */
};

static const struct words vi = {
	"Hệ thống", "Chủ quản", "Đơn vị vận hành", "Trạng thái", "Lần đánh giá",
	"bộ tiêu chí", "ngày", "Cấp độ", "đã xác định", "chưa xác định được", "Lý do",
	"Điều khoản quyết định", "Cấp độ do thành phần quyết định", "Dữ kiện (theo danh mục)",
	"Các điều khoản", "đúng", "không", "chưa rõ", "điều kiện", "Thành phần",
	"Không có thành phần", "Phát hiện", "Không có phát hiện", "Cấp độ đã phê duyệt",
	"chưa có", "cấp", "Gần ngưỡng", "Mô hình 4 lớp", "cách hiểu", "Đánh giá theo",
	"Lần đánh giá này (do phiên bản assess trước lập) không lưu",
	{"khớp với cấp độ xác định", "thấp hơn cấp độ xác định", "cao hơn cấp độ xác định",
	 "chưa phê duyệt"},
	{"thông tin", "cảnh báo", "nghiêm trọng"},
};

static const struct words en = {
	"System", "Owner", "Operator", "Status", "Run", "rule set", "date",
	"Level", "determined", "undetermined", "Reason", "Deciding clause",
	"Level decided by component", "Facts (from the inventory)", "Clauses", "held", "failed",
	"unknown", "condition", "Components", "No components", "Findings", "No findings",
	"Approved level", "none", "level", "Near threshold", "Four-layer model", "reading",
	"Assessed under", "Not stored by this run (made by an earlier assess)",
	{"matches the computed level", "below the computed level", "above the computed level",
	 "not approved"},
	{"info", "warning", "critical"},
};

/* Print s left-aligned in width columns, counting UTF-8 characters. */
static void print_padded(const char *s, int width)
{
	int n = 0;
	s = term_text(s);
	for (const char *p = s; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			n++;
	fputs(s, stdout);
	for (; n < width; n++)
		putchar(' ');
}

struct explain {
	const struct words *w;
	int english;
	struct run_clause *clauses; /* the run's clauses, with their texts and conditions */
	size_t nr_clauses;
	struct run_reading *readings;
	size_t nr_readings;
	int found;
	char **components; /* ids to look up after the walk */
	size_t nr_components;
};

static const char *text_of(const struct explain *ex, const struct run_clause *c)
{
	return ex->english ? c->text_en : c->text_vi;
}

static const char *ref_of(const struct explain *ex, const struct run_clause *c)
{
	return ex->english ? c->ref_en : c->ref;
}

/* The readings clause c rests on for res, one line each, indented. */
static void print_readings(const struct explain *ex, const struct system_result *res,
                           const struct run_clause *c, const char *indent)
{
	struct strbuf ids;
	strbuf_init(&ids);
	result_clause_readings(res, c->id, &ids);
	for (const char *p = ids.buf; *p;) {
		size_t len = strcspn(p, " ");
		for (size_t r = 0; r < ex->nr_readings; r++) {
			const struct run_reading *rd = &ex->readings[r];
			if (strlen(rd->id) == len && !strncmp(rd->id, p, len) && c->rules &&
			    !strcmp(rd->rules, c->rules))
				printf("%s%s (%s): %s\n", indent, ex->w->reading, term_text(rd->id),
				       term_text(ex->english ? rd->text_en : rd->text_vi));
		}
		p += len;
		p += strspn(p, " ");
	}
	strbuf_release(&ids);
}

static void print_facts(const struct explain *ex, const struct system_record *rec)
{
	printf("\n%s:\n", ex->w->facts);
	for (int i = 0; i < F__COUNT; i++) {
		if (i == F_ID || i == F_NAME || !rec->value[i])
			continue;
		printf("  %-34s %s\n", fact_def((enum fact_id)i)->name, term_text(rec->value[i]));
	}
}

static const char *outcome_word(const struct explain *ex, enum tri t)
{
	return t == TRI_YES ? ex->w->held : t == TRI_NO ? ex->w->failed : ex->w->unknown;
}

static int explain_system(void *data, const struct run_system_view *v)
{
	struct explain *ex = data;
	const struct words *w = ex->w;
	const struct system_result *res = v->res;
	const struct system_record *rec = v->rec;
	ex->found = 1;

	printf("%s: %s — %s\n", w->system, term_text(res->system_id), term_text(rec->value[F_NAME]));
	printf("%s: %s; %s: %s; %s: %s\n", w->owner,
	       rec->value[F_OWNER] ? term_text(rec->value[F_OWNER]) : "-", w->op,
	       rec->value[F_OPERATOR] ? term_text(rec->value[F_OPERATOR]) : "-", w->status,
	       rec->value[F_STATUS] ? term_text(rec->value[F_STATUS]) : "-");
	if (res->rules_reason)
		printf("%s: %s — %s\n", w->assessed_under, term_text(res->rules),
		       term_text(ex->english ? res->rules_reason : res->rules_reason_vi));
	if (res->determined)
		printf("\n%s: %d (%s)\n", w->level, res->level, w->determined);
	else if (res->level_low)
		printf("\n%s: %s (%d–%d)\n", w->level, w->undetermined, res->level_low,
		       res->level_high);
	else
		printf("\n%s: %s\n", w->level, w->undetermined);
	if (!res->determined && res->reason)
		printf("%s: %s\n", w->reason,
		       term_text(!ex->english && res->reason_vi ? res->reason_vi : res->reason));
	if (res->approved_level)
		printf("%s: %d (%s)\n", w->approved, res->approved_level, w->drift[res->drift]);
	else
		printf("%s: %s\n", w->approved, w->none);
	if (res->deciding_clause >= 0 && (size_t)res->deciding_clause < ex->nr_clauses) {
		const struct run_clause *dc = &ex->clauses[res->deciding_clause];
		printf("%s: %s (%s %d)", w->deciding, term_text(dc->id), w->level_word,
		       dc->level ? dc->level : res->level);
		if (text_of(ex, dc)) {
			printf(" — %s\n  %s\n", ref_of(ex, dc) ? term_text(ref_of(ex, dc)) : "",
			       term_text(text_of(ex, dc)));
			print_readings(ex, res, dc, "  ");
		} else {
			printf("\n");
		}
	}
	if (res->deciding_component)
		printf("%s: %s\n", w->deciding_comp, term_text(res->deciding_component));
	if (res->near_threshold)
		printf("%s: %s\n", w->near, term_text(res->near_threshold));

	print_facts(ex, rec);

	printf("\n%s (%s):\n", w->clauses, res->rules ? term_text(res->rules) : "");
	for (size_t c = 0; c < res->nr_outcomes && c < ex->nr_clauses; c++) {
		if (res->outcomes[c] == OUTCOME_NOT_ASKED)
			continue; /* a clause of another rule set of the run */
		enum tri t = (enum tri)res->outcomes[c];
		const struct run_clause *rc = &ex->clauses[c];
		printf("  ");
		print_padded(outcome_word(ex, t), 9);
		print_padded(term_text(rc->id), 13);
		if (rc->level) /* else the level comes from a fact (decided-level) */
			printf("%s %d", w->level_word, rc->level);
		else
			printf("%s = %s", w->level_word, rc->level_from ? term_text(rc->level_from) : "?");
		printf("%s\n", (int)c == res->deciding_clause ? "  <=" : "");
		if (t != TRI_NO && text_of(ex, rc)) {
			printf("                        %s — %s\n",
			       ref_of(ex, rc) ? term_text(ref_of(ex, rc)) : "", term_text(text_of(ex, rc)));
			if (rc->condition)
				printf("                        %s: %s\n", w->condition,
				       term_text(rc->condition));
			print_readings(ex, res, rc, "                        ");
		}
	}

	printf("\n%s:\n", rec->nr_components ? w->components : w->no_components);
	ex->components = rec->nr_components ? xcalloc(rec->nr_components, sizeof(char *)) : NULL;
	ex->nr_components = rec->nr_components;
	for (size_t c = 0; c < rec->nr_components; c++)
		ex->components[c] = xstrdup(rec->components[c].ref);
	return 0;
}

/* After the system itself: each component's level in the same run. */
static int explain_component(void *data, const struct run_system_view *v)
{
	struct explain *ex = data;
	const struct system_result *res = v->res;
	const struct system_record *rec = v->rec;
	if (res->determined)
		printf("  %-20s %s %d  %s\n", term_text(res->system_id), ex->w->level_word, res->level,
		       term_text(rec->value[F_NAME]));
	else
		printf("  %-20s %s  %s\n", term_text(res->system_id), ex->w->undetermined,
		       term_text(rec->value[F_NAME]));
	return 0;
}

static int explain_findings(void *data, const struct run_system_view *v)
{
	struct explain *ex = data;
	const struct system_result *res = v->res;
	printf("\n%s:\n", res->nr_findings ? ex->w->findings : ex->w->no_findings);
	for (size_t f = 0; f < res->nr_findings; f++)
		printf("  [%s] %s: %s\n", ex->w->severity[res->findings[f].severity],
		       term_text(res->findings[f].code),
		       term_text(ex->english ? res->findings[f].text_en : res->findings[f].text_vi));
	return 0;
}

int cmd_explain(int argc, char **argv)
{
	const char *db = NULL, *run_text = NULL, *lang = "vi";
	const struct opt opts[] = {
		{"db", 0, &db, NULL},
		{"run", 0, &run_text, NULL},
		{"lang", 0, &lang, NULL},
		{NULL, 0, NULL, NULL},
	};
	char **args;
	int nargs, status = EXIT_RUNTIME;
	int early = cmdline_parse_command(argc, argv, opts, usage, &args, &nargs);
	if (early >= 0)
		return early;
	if (nargs != 1) {
		free(args);
		return cmdline_usage_error(usage, "explain takes one system id");
	}
	const char *id = args[0];
	long run = parse_run_option(run_text);
	if (run < 0 || (strcmp(lang, "vi") && strcmp(lang, "en"))) {
		free(args);
		return cmdline_usage_error(usage, run < 0 ? "--run takes a run number"
		                                          : "--lang takes vi or en");
	}

	struct store *st = NULL;
	struct run_info info;
	char *strings = NULL;
	struct explain ex;
	memset(&ex, 0, sizeof(ex));
	ex.english = !strcmp(lang, "en");
	ex.w = ex.english ? &en : &vi;
	if (open_existing_store(db_path(db), &st) < 0)
		goto out;
	if ((run = results_resolve_run(st, run)) < 0)
		goto out;
	/* everything comes from the run as it was stored */
	if (store_get_run(st, run, &info, &strings) < 0 ||
	    store_run_clauses(st, run, &ex.clauses, &ex.nr_clauses) < 0 ||
	    store_run_readings(st, run, &ex.readings, &ex.nr_readings) < 0)
		goto out;
	printf("%s %ld, %s %s (%s), %s %s\n", ex.w->run, run, ex.w->rules, term_text(info.rules),
	       term_text(ex.english ? info.rules_title_en : info.rules_title_vi), ex.w->date,
	       term_text(info.date));
	if (info.not_stored)
		printf("%s: %s\n", ex.w->not_stored, term_text(info.not_stored));
	printf("\n");
	if (store_each_run_system(st, run, id, NULL, STORE_FINDING_TEXTS | STORE_ALL_CHILDREN,
	                          explain_system, &ex) < 0)
		goto out;
	if (!ex.found) {
		error("no system '%s' in run %ld", id, run);
		goto out;
	}
	for (size_t c = 0; c < ex.nr_components; c++)
		if (store_each_run_system(st, run, ex.components[c], NULL, STORE_FACTS_LEAN,
		                          explain_component, &ex) < 0)
			goto out;
	if (store_each_run_system(st, run, id, NULL, STORE_FINDING_TEXTS, explain_findings, &ex) < 0)
		goto out;
	status = EXIT_OK;
out:
	for (size_t c = 0; c < ex.nr_components; c++)
		free(ex.components[c]);
	free(ex.components);
	run_clauses_free(ex.clauses, ex.nr_clauses);
	run_readings_free(ex.readings, ex.nr_readings);
	free(strings);
	store_close(st);
	free(args);
	return status;
}
