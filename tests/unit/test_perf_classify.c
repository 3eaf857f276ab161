/* Unit tests of the fast paths of a classification run (findings told by
 * their arguments, texts made only when read, ...): the results must be
 * those of the plain code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finding_text.h"
#include "findings.h"
#include "harness.h"
#include "store.h"
#include "util.h"


/* An undetermined system whose reason is far longer than any usual
 * sentence: the finding carries all of it, in both languages. */
TEST(perf_classify_long_finding_text)
{
	struct findings_context ctx = {NULL, "2026-11-21", NULL, NULL};
	struct system_record rec;
	struct system_result res;
	struct strbuf en, vi, want;

	system_record_init(&rec);
	system_record_set(&rec, F_ID, "x");
	system_record_set(&rec, F_STATUS, "retired");
	strbuf_init(&en);
	strbuf_init(&vi);
	strbuf_init(&want);
	for (int i = 0; i < 200; i++) {
		strbuf_addf(&en, "%sfact-%d is unknown", i ? ", " : "", i);
		strbuf_addf(&vi, "%schưa rõ fact-%d", i ? ", " : "", i);
	}
	CHECK(en.len > 2048 && vi.len > 2048);
	system_result_init(&res, "x");
	res.level_low = 2;
	res.level_high = 5;
	res.reason = strbuf_detach(&en);
	res.reason_vi = strbuf_detach(&vi);
	findings_evaluate(&ctx, &rec, NULL, 0, &res);
	CHECK_INT(res.nr_findings, 1);
	CHECK(res.nr_findings == 1 && !res.findings[0].text_en); /* made when read */
	result_fill_finding_texts(&res);
	if (res.nr_findings == 1) {
		const struct finding *f = &res.findings[0];
		CHECK_STR(f->code, "undetermined");
		strbuf_addf(&want, "The level could not be determined: %s.", res.reason);
		CHECK_STR(f->text_en, want.buf);
		strbuf_reset(&want);
		strbuf_addf(&want, "Chưa xác định được cấp độ: %s.", res.reason_vi);
		CHECK_STR(f->text_vi, want.buf);
	}
	strbuf_release(&want);
	system_result_release(&res);
	system_record_release(&rec);
}

/* Texts around 512 bytes (the stack buffer texts were once made in). */
TEST(perf_classify_finding_text_sizes)
{
	struct findings_context ctx = {NULL, "2026-11-21", NULL, NULL};
	struct system_record rec;
	const char *prefix = "A value is near a threshold (";
	const char *suffix = "): re-determination is likely.";
	system_record_init(&rec);
	system_record_set(&rec, F_STATUS, "retired");
	for (size_t len = 440; len < 560; len++) {
		struct system_result res;
		system_result_init(&res, "x");
		res.level = res.level_low = res.level_high = 2;
		res.determined = 1;
		res.near_threshold = xmalloc(len + 1);
		memset(res.near_threshold, 'n', len);
		res.near_threshold[len] = '\0';
		findings_evaluate(&ctx, &rec, NULL, 0, &res);
		result_fill_finding_texts(&res);
		CHECK_INT(res.nr_findings, 1);
		if (res.nr_findings == 1) {
			const char *t = res.findings[0].text_en;
			CHECK_INT(strlen(t), strlen(prefix) + len + strlen(suffix));
			CHECK(!strncmp(t, prefix, strlen(prefix)));
			CHECK(!strcmp(t + strlen(prefix) + len, suffix));
		}
		system_result_release(&res);
	}
	system_record_release(&rec);
}

/* ---- snapshot walk: strings of one record in blocks reused between records */

/* Record i of the walk test: texts of very different sizes (some far above
 * a block), and a number of children that rises and falls. */
static void walk_record(struct system_record *rec, int i)
{
	char buf[64];
	system_record_init(rec);
	rec->file = xstrdup(i % 2 ? "a.xml" : "dir/b.xml");
	rec->line = 10 + i;
	snprintf(buf, sizeof(buf), "w-%03d", i);
	system_record_set(rec, F_ID, buf);
	system_record_set(rec, F_OWNER, "own");
	system_record_set(rec, F_STATUS, i % 3 ? "operating" : "testing");
	size_t big = i % 4 == 1 ? 40000 + (size_t)i : i % 4 == 3 ? 16383 : (size_t)i * 7;
	char *text = xmalloc(big + 1);
	for (size_t k = 0; k < big; k++)
		text[k] = (char)('a' + (k + (size_t)i) % 26);
	text[big] = '\0';
	system_record_set(rec, F_DESCRIPTION, text);
	free(text);
	if (i % 5)
		system_record_set(rec, F_NAME, "Hệ thống thư điện tử");
	int kids = (i * 7) % 5;
	for (int k = 0; k < kids; k++) {
		ALLOC_GROW(rec->inspections, rec->nr_inspections + 1, rec->alloc_inspections);
		struct inspection *in = &rec->inspections[rec->nr_inspections++];
		memset(in, 0, sizeof(*in));
		snprintf(buf, sizeof(buf), "202%d-0%d-1%d", k, k + 1, i % 10);
		in->date = xstrdup(buf);
		in->independent = k % 2 ? xstrdup("yes") : NULL;
		in->findings = k - 1;
		in->line = 100 * i + k;
		ALLOC_GROW(rec->controls, rec->nr_controls + 1, rec->alloc_controls);
		struct control *c = &rec->controls[rec->nr_controls++];
		memset(c, 0, sizeof(*c));
		snprintf(buf, sizeof(buf), "M.REQ.%d.%d", i, k);
		c->ref = xstrdup(buf);
		c->status = xstrdup(k % 2 ? "met" : "planned");
		c->line = 100 * i + k;
	}
	if (i % 6 == 2) {
		ALLOC_GROW(rec->waivers, 1, rec->alloc_waivers);
		memset(&rec->waivers[0], 0, sizeof(rec->waivers[0]));
		rec->waivers[0].ref = xstrdup("D.DLP");
		rec->waivers[0].until = xstrdup("2027-12-31");
		rec->nr_waivers = 1;
	}
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

struct walk {
	int seen;          /* records so far */
	unsigned children; /* the children read (STORE_* bits) */
};

static int check_walk(void *data, const struct system_record *got, long row)
{
	struct walk *w = data;
	struct system_record want;
	(void)row;
	walk_record(&want, w->seen);
	size_t nr_insp = w->children & STORE_INSPECTIONS ? want.nr_inspections : 0;
	size_t nr_ctl = w->children & STORE_CONTROLS ? want.nr_controls : 0;
	size_t nr_waiv = w->children & STORE_WAIVERS ? want.nr_waivers : 0;
	CHECK_STR(got->file, want.file);
	CHECK_INT(got->line, want.line);
	for (int f = 0; f < F__COUNT; f++)
		if (!same(got->value[f], want.value[f]))
			harness_fail(__FILE__, __LINE__, "record %d: fact %s differs", w->seen,
			             fact_def((enum fact_id)f)->name);
	CHECK_INT(got->nr_inspections, nr_insp);
	for (size_t k = 0; k < got->nr_inspections && k < nr_insp; k++) {
		CHECK(same(got->inspections[k].date, want.inspections[k].date));
		CHECK(same(got->inspections[k].independent, want.inspections[k].independent));
		CHECK_INT(got->inspections[k].findings, want.inspections[k].findings);
		CHECK_INT(got->inspections[k].line, want.inspections[k].line);
	}
	CHECK_INT(got->nr_controls, nr_ctl);
	for (size_t k = 0; k < got->nr_controls && k < nr_ctl; k++) {
		CHECK(same(got->controls[k].ref, want.controls[k].ref));
		CHECK(same(got->controls[k].status, want.controls[k].status));
		CHECK(same(got->controls[k].due, want.controls[k].due));
	}
	CHECK_INT(got->nr_waivers, nr_waiv);
	for (size_t k = 0; k < got->nr_waivers && k < nr_waiv; k++) {
		CHECK(same(got->waivers[k].ref, want.waivers[k].ref));
		CHECK(same(got->waivers[k].until, want.waivers[k].until));
		CHECK(same(got->waivers[k].reason, want.waivers[k].reason));
	}
	CHECK_INT(got->nr_components, 0);
	system_record_release(&want);
	w->seen++;
	return 0;
}

TEST(perf_classify_snapshot_walk_strings)
{
	enum { N = 40 };
	struct store *st;
	struct store_import *imp;
	long snap = 0;
	CHECK_INT(store_open(":memory:", &st), 0);
	CHECK_INT(store_import_begin(st, &imp), 0);
	for (int i = 0; i < N; i++) {
		struct system_record rec;
		walk_record(&rec, i);
		CHECK_INT(store_import_system(imp, &rec), 0);
		system_record_release(&rec);
	}
	CHECK_INT(store_import_end(imp, 1, &snap), 0);
	/* twice, as a classification walks the snapshot twice */
	struct walk w = {0, STORE_ALL_CHILDREN};
	CHECK_INT(store_each_system(st, snap, check_walk, &w), 0);
	CHECK_INT(w.seen, N);
	w.seen = 0;
	CHECK_INT(store_each_system(st, snap, check_walk, &w), 0);
	CHECK_INT(w.seen, N);
	/* parts only: the others come back empty, the rest unchanged */
	static const unsigned parts[] = {0, STORE_COMPONENTS, STORE_CONTROLS,
	                                 STORE_INSPECTIONS | STORE_WAIVERS};
	for (size_t p = 0; p < sizeof(parts) / sizeof(parts[0]); p++) {
		w.seen = 0;
		w.children = parts[p];
		CHECK_INT(store_each_system_part(st, snap, parts[p], check_walk, &w), 0);
		CHECK_INT(w.seen, N);
	}
	store_close(st);
}
