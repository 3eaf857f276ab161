/*
 * render.c - choose the results document a report needs, then render it.
 */
#include "render.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static int render_csv_chunked(struct results_prep *prep, const char *name, const char *lang,
                              const char *out_path)
{
	struct csv_chunks c = {NULL, NULL, lang, {NULL, 0, 0}};
	int ret = -1;
	strbuf_init(&c.buf);
	if (!(c.r = report_open(name)))
		goto out;
	if (!(c.out = atomic_file_open(out_path)))
		goto out;
	if (results_prep_chunks(prep, RESULTS_LEAN, RENDER_CSV_CHUNK, render_chunk, &c) < 0)
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

/* One report from the preparation, by the policy of render.h. */
static int render_one(struct results_prep *prep, long run, int large, const char *name,
                      const char *lang, const char *system_id, const char *out_path)
{
	int shipped = report_is_shipped(name);
	enum results_detail detail = !shipped || is(name, "dossier") ? RESULTS_FULL : RESULTS_COMPACT;
	enum results_view view = RESULTS_VIEW_ALL;
	xmlDocPtr doc = NULL;
	if (large && shipped) {
		if (is(name, "csv"))
			return render_csv_chunked(prep, name, lang, out_path);
		if (is(name, "dossier"))
			return error("run %ld has %ld systems: render the dossier of one system "
			             "(--system ID) or of one owner (--owner ID)",
			             run, results_prep_systems(prep));
		view = is(name, "summary") ? RESULTS_VIEW_SAMPLE : RESULTS_VIEW_NONE;
	}
	if (results_prep_build(prep, detail, view, &doc) < 0)
		return -1;
	const char *params[] = {"lang", lang, system_id ? "system" : NULL, system_id, NULL};
	int ret = report_render(doc, name, params, out_path);
	xmlFreeDoc(doc);
	return ret;
}

int render_set(struct store *st, long run, const char *lang, const char *system_id,
               const char *owner_id, const struct render_job *jobs, size_t nr_jobs)
{
	struct results_prep *prep = NULL;
	struct results_filter filter = {.system_id = system_id, .owner_id = owner_id};
	struct run_info info;
	struct timespec clock;
	char *strings = NULL;
	int ret = -1;
	trace_perf_start(&clock);
	if ((run = results_resolve_run(st, run)) < 0)
		return -1;
	if (store_get_run(st, run, &info, &strings) < 0)
		return -1;
	free(strings);
	/* digests show no components: do not keep every system's name */
	filter.no_component_names = !system_id && !owner_id && render_is_large(info.systems);
	if (results_prepare(st, run, &filter, RENDER_SAMPLE, &prep) < 0)
		return -1;
	trace_perf(&clock, "totals of the run");
	int large = results_prep_systems(prep) > RENDER_DETAIL_LIMIT && !system_id;
	for (size_t i = 0; i < nr_jobs; i++) {
		if (render_one(prep, run, large, jobs[i].name, lang, system_id, jobs[i].out_path) < 0)
			goto out;
		trace_perf(&clock, jobs[i].name);
	}
	ret = 0;
out:
	results_prep_free(prep);
	return ret;
}

int render_report(struct store *st, long run, const char *name, const char *lang,
                  const char *system_id, const char *owner_id, const char *out_path)
{
	const struct render_job job = {name, out_path};
	return render_set(st, run, lang, system_id, owner_id, &job, 1);
}

int render_is_large(long systems)
{
	return systems > RENDER_DETAIL_LIMIT;
}
