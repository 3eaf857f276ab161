/* Unit tests of results_lean_chunks(): the lean chunks read without the
 * totals walk are the chunks of the prepared path, byte for byte. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "evaluate.h"
#include "harness.h"
#include "import.h"
#include "results.h"
#include "store.h"
#include "util.h"

#define EXAMPLE "../../criteria/examples/inventory-an-hoa.xml"

/* A store with the example imported and classified once (run 1). */
static struct store *classified_store(void)
{
	struct store *st = NULL;
	struct import_totals imported;
	struct run_totals totals;
	char example[] = EXAMPLE;
	char *files[] = {example};
	if (store_open(":memory:", &st) < 0)
		return NULL;
	if (import_inventories(st, files, 1, &imported) != EXIT_OK ||
	    evaluate_run(st, "auto", NULL, &totals) != EXIT_OK) {
		store_close(st);
		return NULL;
	}
	return st;
}

/* Every chunk serialised, with its flags, one after the other. */
struct chunks {
	struct strbuf text;
	int calls, firsts, lasts, last_at; /* last_at: the call that had last set */
	int fail_at;                       /* > 0: fail on this call */
};

static int collect(xmlDocPtr doc, int first, int last, void *data)
{
	struct chunks *c = data;
	xmlChar *mem = NULL;
	int len = 0;
	c->calls++;
	xmlDocDumpMemory(doc, &mem, &len);
	strbuf_addf(&c->text, "--- chunk %d first=%d last=%d\n", c->calls, first, last);
	if (mem)
		strbuf_add(&c->text, mem, (size_t)len);
	xmlFree(mem);
	xmlFreeDoc(doc);
	c->firsts += first;
	c->lasts += last;
	if (last)
		c->last_at = c->calls;
	return c->fail_at && c->calls == c->fail_at ? -1 : 0;
}

static long run_systems(struct store *st)
{
	struct run_info info;
	char *strings = NULL;
	long n = store_get_run(st, 1, &info, &strings) < 0 ? -1 : info.systems;
	free(strings);
	return n;
}

TEST(results_lean_chunks_equal_prepared_chunks)
{
	struct store *st = classified_store();
	CHECK(st != NULL);
	if (!st)
		return;
	long systems = run_systems(st);
	CHECK(systems > 4);
	const size_t sizes[] = {1, 2, 4, (size_t)systems, 1000};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct chunks want = {.calls = 0}, got = {.calls = 0};
		strbuf_init(&want.text);
		strbuf_init(&got.text);
		struct results_prep *prep = NULL;
		CHECK_INT(results_prepare(st, 0, NULL, 0, &prep), 0);
		if (prep)
			CHECK_INT(results_prep_chunks(prep, RESULTS_LEAN, sizes[i], collect, &want), 0);
		results_prep_free(prep);
		CHECK_INT(results_lean_chunks(st, 0, sizes[i], collect, &got), 0);
		long expect_calls = (systems + (long)sizes[i] - 1) / (long)sizes[i];
		CHECK_INT(got.calls, expect_calls);
		CHECK_INT(got.firsts, 1);
		CHECK_INT(got.lasts, 1);
		CHECK_INT(got.last_at, got.calls);
		CHECK_INT(want.calls, got.calls);
		CHECK_INT(want.text.len, got.text.len);
		CHECK_STR(got.text.buf, want.text.buf);
		/* lean rows: no summary and no child of <system> */
		CHECK(!strstr(got.text.buf, "<summary"));
		CHECK(!strstr(got.text.buf, "<finding "));
		CHECK_CONTAINS(got.text.buf, "detail=\"lean\"");
		strbuf_release(&want.text);
		strbuf_release(&got.text);
	}
	/* run 1 by its id is the latest run */
	struct chunks latest = {.calls = 0}, by_id = {.calls = 0};
	strbuf_init(&latest.text);
	strbuf_init(&by_id.text);
	CHECK_INT(results_lean_chunks(st, 0, 3, collect, &latest), 0);
	CHECK_INT(results_lean_chunks(st, 1, 3, collect, &by_id), 0);
	CHECK_STR(by_id.text.buf, latest.text.buf);
	strbuf_release(&latest.text);
	strbuf_release(&by_id.text);
	store_close(st);
}

TEST(results_lean_chunks_stop_when_fn_fails)
{
	struct store *st = classified_store();
	CHECK(st != NULL);
	if (!st)
		return;
	struct chunks c = {.fail_at = 2};
	strbuf_init(&c.text);
	CHECK_INT(results_lean_chunks(st, 0, 2, collect, &c), -1);
	CHECK_INT(c.calls, 2); /* nothing after the failed call */
	CHECK_INT(c.lasts, 0);
	strbuf_release(&c.text);
	store_close(st);
}

TEST(results_lean_chunks_no_such_run)
{
	struct store *st = NULL;
	struct strbuf msg;
	struct chunks c = {.calls = 0};
	strbuf_init(&msg);
	strbuf_init(&c.text);
	CHECK_INT(store_open(":memory:", &st), 0);
	diag_capture(&msg);
	CHECK_INT(results_lean_chunks(st, 0, 10, collect, &c), -1);
	diag_capture(NULL);
	CHECK_INT(c.calls, 0);
	CHECK_CONTAINS(msg.buf, "no runs yet");
	strbuf_reset(&msg);
	store_close(st);
	st = classified_store();
	CHECK(st != NULL);
	diag_capture(&msg);
	CHECK_INT(results_lean_chunks(st, 7, 10, collect, &c), -1);
	diag_capture(NULL);
	CHECK_INT(c.calls, 0);
	CHECK_CONTAINS(msg.buf, "no run 7");
	strbuf_release(&msg);
	strbuf_release(&c.text);
	store_close(st);
}
