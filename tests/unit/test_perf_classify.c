/* Unit tests of the fast paths of a classification run (findings texts
 * built without copies, ...): the results must be those of the plain code. */
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "harness.h"
#include "util.h"

static const int months[6] = {0, 24, 24, 24, 12, 6};

/* An undetermined system whose reason is far longer than any usual
 * sentence: the finding carries all of it, in both languages. */
TEST(perf_classify_long_finding_text)
{
	struct findings_context ctx = {"ND85", "2026-11-21", months, 3, NULL};
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

/* Texts just below, at and above the size of the stack buffer. */
TEST(perf_classify_finding_text_sizes)
{
	struct findings_context ctx = {"ND85", "2026-11-21", months, 3, NULL};
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
