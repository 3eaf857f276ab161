/*
 * render.c - choose the results document a report needs, then render it.
 */
#include "render.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "report.h"
#include "results.h"
#include "store.h"
#include "util.h"

/*
 * Chunked CSV, in two stages: the main thread reads the run and builds chunk
 * k+1 while a worker thread transforms chunk k and appends it to the file.
 * One compiled template, used by the worker only; one chunk waits at most.
 */
struct csv_pipe {
	struct report *r;
	struct atomic_file *out;
	const char *lang;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	xmlDocPtr pending; /* handed over, not yet taken by the worker */
	int pending_first;
	int no_more;       /* the main thread has handed over its last chunk */
	int failed;        /* the worker failed (it reported why) */
};

/* Worker: transform and append every chunk handed over, in order. */
static void *csv_worker(void *data)
{
	struct csv_pipe *c = data;
	struct strbuf buf;
	strbuf_init(&buf);
	diag_install_thread_handlers();
	for (;;) {
		pthread_mutex_lock(&c->lock);
		while (!c->pending && !c->no_more)
			pthread_cond_wait(&c->changed, &c->lock);
		xmlDocPtr doc = c->pending;
		int first = c->pending_first;
		c->pending = NULL;
		pthread_cond_broadcast(&c->changed);
		pthread_mutex_unlock(&c->lock);
		if (!doc)
			break; /* no_more, and nothing left */
		const char *params[] = {"lang", c->lang, "header", first ? "yes" : "no", NULL};
		strbuf_reset(&buf);
		int rc = report_apply(c->r, doc, params, &buf);
		xmlFreeDoc(doc);
		if (rc == 0)
			rc = atomic_file_write(c->out, buf.buf, buf.len);
		if (rc < 0) {
			pthread_mutex_lock(&c->lock);
			c->failed = 1;
			pthread_cond_broadcast(&c->changed);
			pthread_mutex_unlock(&c->lock);
			break;
		}
	}
	strbuf_release(&buf);
	return NULL;
}

/* results_prep_chunks callback (main thread): hand the chunk to the worker. */
static int csv_hand_over(xmlDocPtr doc, int first, int last, void *data)
{
	struct csv_pipe *c = data;
	(void)last;
	pthread_mutex_lock(&c->lock);
	while (c->pending && !c->failed)
		pthread_cond_wait(&c->changed, &c->lock);
	int failed = c->failed;
	if (!failed) {
		c->pending = doc;
		c->pending_first = first;
		pthread_cond_broadcast(&c->changed);
	}
	pthread_mutex_unlock(&c->lock);
	if (failed)
		xmlFreeDoc(doc);
	return failed ? -1 : 0;
}

static int render_csv_chunked(struct results_prep *prep, const char *name, const char *lang,
                              const char *out_path)
{
	struct csv_pipe c = {.lang = lang};
	pthread_t worker;
	int ret = -1;
	pthread_mutex_init(&c.lock, NULL);
	pthread_cond_init(&c.changed, NULL);
	if (!(c.r = report_open(name)))
		goto out;
	if (!(c.out = atomic_file_open(out_path)))
		goto out;
	if (pthread_create(&worker, NULL, csv_worker, &c)) {
		error("cannot start a thread to render '%s'", name);
		goto out;
	}
	int produced = results_prep_chunks(prep, RESULTS_LEAN, RENDER_CSV_CHUNK, csv_hand_over, &c);
	pthread_mutex_lock(&c.lock);
	c.no_more = 1;
	pthread_cond_broadcast(&c.changed);
	pthread_mutex_unlock(&c.lock);
	pthread_join(worker, NULL);
	xmlFreeDoc(c.pending); /* handed over after the worker failed: never taken */
	c.pending = NULL;
	if (produced < 0 || c.failed)
		goto out;
	ret = atomic_file_commit(c.out);
	c.out = NULL;
out: /* the worker, if it was started, has been joined */
	atomic_file_abort(c.out);
	report_close(c.r);
	pthread_cond_destroy(&c.changed);
	pthread_mutex_destroy(&c.lock);
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
