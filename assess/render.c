/*
 * render.c - choose the results document a report needs, then render it.
 */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "report.h"
#include "results.h"
#include "store.h"
#include "util.h"

/* Chunked CSV: every chunk through one compiled template into one file. */
struct csv_chunks {
	struct report *r;
	struct atomic_file *out;
	const char *lang;
	struct strbuf buf;
};

static int render_chunk(xmlDocPtr doc, int first, int last, void *data)
{
	struct csv_chunks *c = data;
	const char *params[] = {"lang", c->lang, "header", first ? "yes" : "no", NULL};
	(void)last;
	strbuf_reset(&c->buf);
	if (report_apply(c->r, doc, params, &c->buf) < 0)
		return -1;
	return atomic_file_write(c->out, c->buf.buf, c->buf.len);
}

static int render_csv_chunked(struct store *st, long run, const char *name, const char *lang,
                              const char *out_path)
{
	struct csv_chunks c = {NULL, NULL, lang, {NULL, 0, 0}};
	int ret = -1;
	strbuf_init(&c.buf);
	if (!(c.r = report_open(name)))
		goto out;
	if (!(c.out = atomic_file_open(out_path)))
		goto out;
	if (results_each_chunk(st, run, RESULTS_LEAN, NULL, RENDER_CSV_CHUNK, render_chunk, &c) < 0)
		goto out;
	ret = atomic_file_commit(c.out);
	c.out = NULL;
out:
	atomic_file_abort(c.out);
	report_close(c.r);
	strbuf_release(&c.buf);
	return ret;
}

static int is(const char *name, const char *shipped)
{
	return !strcmp(name, shipped);
}

int render_report(struct store *st, long run, const char *name, const char *lang,
                  const char *system_id, const char *owner_id, const char *out_path)
{
	struct run_info info;
	char *strings = NULL;
	xmlDocPtr doc = NULL;
	int ret = -1;

	if ((run = results_resolve_run(st, run)) < 0)
		return -1;
	if (store_get_run(st, run, &info, &strings) < 0)
		return -1;
	long systems = info.systems;
	free(strings);

	int shipped = report_is_shipped(name);
	int large = systems > RENDER_DETAIL_LIMIT && !system_id && !owner_id && shipped;
	struct results_filter filter = {.system_id = system_id, .owner_id = owner_id};
	enum results_detail detail = RESULTS_COMPACT;
	if (!shipped || is(name, "dossier"))
		detail = RESULTS_FULL;
	if (large) {
		if (is(name, "csv"))
			return render_csv_chunked(st, run, name, lang, out_path);
		if (is(name, "dossier"))
			return error("run %ld has %ld systems: render the dossier of one system "
			             "(--system ID) or of one owner (--owner ID)", run, systems);
		if (is(name, "summary"))
			filter.sample = RENDER_SAMPLE;
		else
			filter.no_systems = 1;
	}
	if (results_build(st, run, detail, &filter, &doc) < 0)
		return -1;
	const char *params[] = {"lang", lang, system_id ? "system" : NULL, system_id, NULL};
	ret = report_render(doc, name, params, out_path);
	xmlFreeDoc(doc);
	return ret;
}
