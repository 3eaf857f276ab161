/*
 * render.c - choose the results document a report needs, then render it.
 */
#include "render.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "context.h"
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
struct csv_thread;

struct csv_pipe {
	struct csv_thread *thread; /* on a CSV thread of render_set: its stop request */
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

/*
 * The CSV of a large run on a thread of its own (render_set), with its own
 * connection to the database, while the main thread reads the totals: it
 * builds the lean chunks (results_lean_chunks) and hands them to a
 * csv_worker, a third thread.
 */
struct csv_thread {
	pthread_t id;
	const char *db_path;
	long run;
	const char *lang;
	const char *out_path;
	pthread_mutex_t lock;
	int stop; /* the main thread failed: give up at the next chunk */
	int ret;  /* render_csv_chunked's, read after the join */
};

static int csv_thread_stopped(struct csv_thread *t)
{
	if (!t)
		return 0;
	pthread_mutex_lock(&t->lock);
	int stop = t->stop;
	pthread_mutex_unlock(&t->lock);
	return stop;
}

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
	if (csv_thread_stopped(c->thread)) {
		xmlFreeDoc(doc);
		return -1; /* nothing to report: the main thread did */
	}
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

/* Where the chunks come from: the main thread's preparation, or else the
 * store of a CSV thread. */
struct csv_source {
	struct results_prep *prep;
	struct store *st;
	long run;
	struct csv_thread *thread;
};

static int render_csv_chunked(const struct csv_source *src, const char *name, const char *lang,
                              const char *out_path)
{
	struct csv_pipe c = {.thread = src->thread, .lang = lang};
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
	int produced = src->prep ? results_prep_chunks(src->prep, RESULTS_LEAN, RENDER_CSV_CHUNK,
	                                               csv_hand_over, &c)
	                         : results_lean_chunks(src->st, src->run, RENDER_CSV_CHUNK,
	                                               csv_hand_over, &c);
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

static void *csv_thread_main(void *data)
{
	struct csv_thread *t = data;
	struct store *st = NULL;
	diag_install_thread_handlers();
	t->ret = -1;
	if (store_open(t->db_path, &st) == 0) {
		const struct csv_source src = {.st = st, .run = t->run, .thread = t};
		t->ret = render_csv_chunked(&src, "csv", t->lang, t->out_path);
	}
	store_close(st);
	return NULL;
}

static int csv_thread_start(struct csv_thread *t, const char *db_path, long run,
                            const char *lang, const char *out_path)
{
	memset(t, 0, sizeof(*t));
	t->db_path = db_path;
	t->run = run;
	t->lang = lang;
	t->out_path = out_path;
	pthread_mutex_init(&t->lock, NULL);
	if (pthread_create(&t->id, NULL, csv_thread_main, t)) {
		pthread_mutex_destroy(&t->lock);
		return error("cannot start a thread to render 'csv'");
	}
	return 0;
}

/* Join the CSV thread (stop=1: ask it to give up first); its result. */
static int csv_thread_join(struct csv_thread *t, int stop)
{
	if (stop) {
		pthread_mutex_lock(&t->lock);
		t->stop = 1;
		pthread_mutex_unlock(&t->lock);
	}
	pthread_join(t->id, NULL);
	pthread_mutex_destroy(&t->lock);
	return t->ret;
}

/* The job of the shipped CSV, when it can have a thread of its own: a
 * second connection needs a database file. nr_jobs when none. */
static size_t csv_thread_job(struct store *st, const struct render_job *jobs, size_t nr_jobs)
{
	const char *path = store_path(st);
	if (!path || !*path || !strcmp(path, ":memory:"))
		return nr_jobs;
	for (size_t i = 0; i < nr_jobs; i++)
		if (!strcmp(jobs[i].name, "csv"))
			return i;
	return nr_jobs;
}

/*
 * The dossier of many systems, with flat memory (render.h): the template
 * writes the frame of the document from the totals (part "frame", with a
 * comment where the contents entries and where the sections go), then the
 * contents entries of every lean chunk (part "nav") and the sections of
 * every full chunk (part "sections") are streamed into those places.
 */
#define DOSSIER_NAV_MARK "<!--assess:nav-->"
#define DOSSIER_SECTIONS_MARK "<!--assess:sections-->"

struct dossier_pipe {
	struct report *r;
	struct atomic_file *out;
	const char *lang;
	const char *part;   /* "nav" or "sections" */
	struct strbuf buf;  /* one chunk's output */
};

/* results_prep_chunks callback: one chunk's part, appended to the file. */
static int dossier_part(xmlDocPtr doc, int first, int last, void *data)
{
	struct dossier_pipe *p = data;
	const char *params[] = {"lang", p->lang, "part", p->part, NULL};
	(void)first;
	(void)last;
	strbuf_reset(&p->buf);
	int rc = report_apply_part(p->r, doc, params, &p->buf);
	xmlFreeDoc(doc);
	if (rc == 0)
		rc = atomic_file_write(p->out, p->buf.buf, p->buf.len);
	return rc;
}

static int render_dossier_chunked(struct results_prep *prep, const char *name, const char *lang,
                                  const char *out_path)
{
	struct dossier_pipe p = {.lang = lang};
	const char *params[] = {"lang", lang, "part", "frame", NULL};
	xmlDocPtr frame = NULL;
	struct strbuf text;
	int ret = -1;
	strbuf_init(&text);
	strbuf_init(&p.buf);
	if (!(p.r = report_open(name)) ||
	    results_prep_build(prep, RESULTS_COMPACT, RESULTS_VIEW_NONE, &frame) < 0 ||
	    report_apply(p.r, frame, params, &text) < 0)
		goto out;
	char *nav = strstr(text.buf, DOSSIER_NAV_MARK);
	char *sections = nav ? strstr(nav, DOSSIER_SECTIONS_MARK) : NULL;
	if (!sections) {
		error("template '%s' has no place for the systems (%s and %s)", name,
		      DOSSIER_NAV_MARK, DOSSIER_SECTIONS_MARK);
		goto out;
	}
	if (!(p.out = atomic_file_open(out_path)) ||
	    atomic_file_write(p.out, text.buf, (size_t)(nav - text.buf)) < 0)
		goto out;
	p.part = "nav";
	if (results_prep_chunks(prep, RESULTS_LEAN, RENDER_DOSSIER_CHUNK, dossier_part, &p) < 0)
		goto out;
	nav += strlen(DOSSIER_NAV_MARK);
	if (atomic_file_write(p.out, nav, (size_t)(sections - nav)) < 0)
		goto out;
	p.part = "sections";
	if (results_prep_chunks(prep, RESULTS_FULL, RENDER_DOSSIER_CHUNK, dossier_part, &p) < 0)
		goto out;
	sections += strlen(DOSSIER_SECTIONS_MARK);
	if (atomic_file_write(p.out, sections, strlen(sections)) < 0)
		goto out;
	ret = atomic_file_commit(p.out);
	p.out = NULL;
out:
	atomic_file_abort(p.out);
	report_close(p.r);
	xmlFreeDoc(frame);
	strbuf_release(&text);
	strbuf_release(&p.buf);
	return ret;
}

static int is(const char *name, const char *shipped)
{
	return !strcmp(name, shipped);
}

/* One report from the preparation, by the policy of render.h. */
static int render_one(struct results_prep *prep, long run, int large, const char *name,
                      const char *lang, const char *system_id, const char *out_path,
                      const struct doc_context *ctx)
{
	int shipped = report_is_shipped(name);
	enum results_detail detail = !shipped || is(name, "dossier") ? RESULTS_FULL : RESULTS_COMPACT;
	enum results_view view = RESULTS_VIEW_ALL;
	xmlDocPtr doc = NULL;
	if (large && shipped) {
		if (is(name, "csv")) {
			const struct csv_source src = {.prep = prep};
			return render_csv_chunked(&src, name, lang, out_path);
		}
		if (is(name, "audit-csv"))
			return error("run %ld has %ld systems: render the findings table of one "
			             "owner (--owner ID)",
			             run, results_prep_systems(prep));
		if (is(name, "dossier"))
			return error("run %ld has %ld systems: render the dossier of one system "
			             "(--system ID) or of one owner (--owner ID)",
			             run, results_prep_systems(prep));
		view = is(name, "summary") ? RESULTS_VIEW_SAMPLE : RESULTS_VIEW_NONE;
	}
	if (shipped && is(name, "dossier") && !system_id &&
	    results_prep_systems(prep) > RENDER_DOSSIER_CHUNK)
		return render_dossier_chunked(prep, name, lang, out_path);
	if (results_prep_build(prep, detail, view, &doc) < 0)
		return -1;
	doc_context_attach(ctx, doc);
	const char *params[] = {"lang", lang, system_id ? "system" : NULL, system_id, NULL};
	int ret = report_render(doc, name, params, out_path);
	xmlFreeDoc(doc);
	return ret;
}

/* render_set; csv_thread=0 keeps the CSV on the main thread. */
static int render_jobs(struct store *st, long run, const char *lang, const char *system_id,
                       const char *owner_id, const struct render_job *jobs, size_t nr_jobs,
                       int csv_thread, const struct doc_context *ctx)
{
	struct results_prep *prep = NULL;
	struct results_filter filter = {.system_id = system_id, .owner_id = owner_id};
	struct run_info info;
	struct timespec clock;
	struct csv_thread csv;
	size_t csv_job = nr_jobs; /* the job of the CSV thread, if started */
	int csv_running = 0;      /* started and not joined */
	char *strings = NULL;
	int ret = -1;
	trace_perf_start(&clock);
	if ((run = results_resolve_run(st, run)) < 0)
		return -1;
	if (store_get_run(st, run, &info, &strings) < 0)
		return -1;
	free(strings);
	int whole = !system_id && !owner_id;
	/* digests show no components: do not keep every system's name */
	filter.no_component_names = whole && render_is_large(info.systems);
	/* the CSV of a large run needs no totals: it starts at once */
	if (csv_thread && whole && render_is_large(info.systems)) {
		size_t i = csv_thread_job(st, jobs, nr_jobs);
		if (i < nr_jobs) {
			if (csv_thread_start(&csv, store_path(st), run, lang, jobs[i].out_path) < 0)
				return -1;
			csv_job = i;
			csv_running = 1;
		}
	}
	if (results_prepare(st, run, &filter, RENDER_SAMPLE, &prep) < 0)
		goto out;
	trace_perf(&clock, "totals of the run");
	/*
	 * report.c puts one sandbox in force for the whole process while a
	 * template is open (report.h: one report at a time), and the CSV's is
	 * open until its last chunk: the other templates wait for it.
	 */
	if (csv_running) {
		csv_running = 0;
		if (csv_thread_join(&csv, 0) < 0)
			goto out;
		trace_perf(&clock, "csv");
	}
	int large = results_prep_systems(prep) > RENDER_DETAIL_LIMIT && !system_id;
	for (size_t i = 0; i < nr_jobs; i++) {
		if (i == csv_job)
			continue;
		if (render_one(prep, run, large, jobs[i].name, lang, system_id, jobs[i].out_path,
		               ctx) < 0)
			goto out;
		trace_perf(&clock, jobs[i].name);
	}
	ret = 0;
out:
	if (csv_running) /* failed before the join: stop the CSV and wait */
		csv_thread_join(&csv, 1);
	results_prep_free(prep);
	return ret;
}

int render_set(struct store *st, long run, const char *lang, const char *system_id,
               const char *owner_id, const struct render_job *jobs, size_t nr_jobs,
               const struct doc_context *ctx)
{
	return render_jobs(st, run, lang, system_id, owner_id, jobs, nr_jobs, 1, ctx);
}

int render_report(struct store *st, long run, const char *name, const char *lang,
                  const char *system_id, const char *owner_id, const char *out_path,
                  const struct doc_context *ctx)
{
	const struct render_job job = {name, out_path};
	return render_jobs(st, run, lang, system_id, owner_id, &job, 1, 0, ctx);
}

int render_is_large(long systems)
{
	return systems > RENDER_DETAIL_LIMIT;
}
