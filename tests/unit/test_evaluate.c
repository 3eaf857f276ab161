/* Unit tests of evaluate.c: a run computed with its reader on a thread of
 * its own (a database file) is the run computed inline (":memory:"). */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "evaluate.h"
#include "harness.h"
#include "import.h"
#include "store.h"
#include "util.h"

__attribute__((constructor)) static void evaluate_tests_datadir(void)
{
	setenv("ASSESS_DATADIR", "../..", 0);
}

/* One line per system of the run: level, bounds, reasons, findings. */
static int describe(void *data, const struct run_system_view *v)
{
	struct strbuf *sb = data;
	const struct system_result *res = v->res;
	strbuf_addf(sb, "%s L%d d%d %d-%d %s |", res->system_id, res->level, res->determined,
	            res->level_low, res->level_high, res->reason ? res->reason : "-");
	for (size_t i = 0; i < res->nr_findings; i++)
		strbuf_addf(sb, " %s/%d/%s", res->findings[i].code, (int)res->findings[i].severity,
		            res->findings[i].text_en);
	strbuf_addstr(sb, "\n");
	return 0;
}

/* Import files into a store at path, run, and describe the run into sb. */
static void run_into(const char *path, char *const *files, int n, struct strbuf *sb,
                     struct run_totals *totals)
{
	struct store *st = NULL;
	struct import_totals imported;
	CHECK_INT(store_open(path, &st), 0);
	if (!st)
		return;
	CHECK_INT(import_inventories(st, files, n, &imported), EXIT_OK);
	CHECK_INT(evaluate_run(st, NULL, NULL, totals), EXIT_OK);
	CHECK_INT(store_each_run_system(st, totals->run, NULL, NULL, STORE_FINDING_TEXTS, describe,
	                                sb), 0);
	store_close(st);
}

TEST(evaluate_threaded_run_equals_inline_run)
{
	static char an_hoa[] = "../fixtures/shared/inventory-an-hoa.xml";
	static char typical[] = "../fixtures/shared/typical-systems.xml";
	char *files[] = {an_hoa, typical};
	char *path = harness_temp_db();
	struct strbuf inline_run, threaded_run;
	struct run_totals t1, t2;
	strbuf_init(&inline_run);
	strbuf_init(&threaded_run);
	for (int f = 0; f < 2; f++) {
		strbuf_reset(&inline_run);
		strbuf_reset(&threaded_run);
		run_into(":memory:", files + f, 1, &inline_run, &t1);
		harness_drop_db(path); /* a new database: no earlier snapshot to build on */
		path = harness_temp_db();
		run_into(path, files + f, 1, &threaded_run, &t2);
		CHECK(t1.systems > 5);
		CHECK_INT(t2.systems, t1.systems);
		CHECK_INT(t2.per_level[0], t1.per_level[0]);
		CHECK_INT(t2.per_severity[SEV_CRITICAL], t1.per_severity[SEV_CRITICAL]);
		CHECK(strstr(inline_run.buf, "unapproved-in-operation") != NULL);
		CHECK_STR(threaded_run.buf, inline_run.buf);
	}
	strbuf_release(&inline_run);
	strbuf_release(&threaded_run);
	harness_drop_db(path);
}
