/*
 * render.c - choose the results document a report needs, then render it.
 */
#include "render.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "context.h"
#include "csv_out.h"
#include "docx.h"
#include "diag.h"
#include "report.h"
#include "results.h"
#include "store.h"
#include "strmap.h"
#include "util.h"

/*
 * The CSV of a large run on a thread of its own (render_set), with its own
 * connection to the database, while the main thread reads the totals: the
 * shipped CSV is written in C (csv_out.h), its header made on the main
 * thread beforehand.
 */
struct csv_thread {
	pthread_t id;
	const char *db_path;
	long run;
	struct strbuf header;
	const char *out_path;
	pthread_mutex_t lock;
	int stop; /* the main thread failed: give up */
	int ret;  /* csv_out_run's, read after the join */
};

static int csv_thread_stopped(void *data)
{
	struct csv_thread *t = data;
	pthread_mutex_lock(&t->lock);
	int stop = t->stop;
	pthread_mutex_unlock(&t->lock);
	return stop;
}

static void *csv_thread_main(void *data)
{
	struct csv_thread *t = data;
	struct store *st = NULL;
	diag_install_thread_handlers();
	t->ret = -1;
	if (store_open(t->db_path, &st) == 0)
		t->ret = csv_out_run(st, t->run, NULL, NULL, t->header.buf, t->out_path,
		                     csv_thread_stopped, t);
	store_close(st);
	return NULL;
}

static int csv_thread_start(struct csv_thread *t, const char *db_path, long run,
                            const char *lang, const char *out_path)
{
	memset(t, 0, sizeof(*t));
	t->db_path = db_path;
	t->run = run;
	t->out_path = out_path;
	strbuf_init(&t->header);
	if (csv_out_header(lang, &t->header) < 0) {
		strbuf_release(&t->header);
		return -1;
	}
	pthread_mutex_init(&t->lock, NULL);
	if (pthread_create(&t->id, NULL, csv_thread_main, t)) {
		pthread_mutex_destroy(&t->lock);
		strbuf_release(&t->header);
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
	strbuf_release(&t->header);
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
		if (csv_out_is_shipped(jobs[i].name))
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
static int render_one(struct store *st, struct results_prep *prep, long run, int large,
                      const char *name, const char *lang, const char *system_id,
                      const char *owner_id, const char *out_path,
                      const struct doc_context *ctx)
{
	int shipped = report_is_shipped(name);
	int dossier = is(name, "dossier") || is(name, "dossier-docx");
	enum results_detail detail = !shipped || dossier ? RESULTS_FULL : RESULTS_COMPACT;
	enum results_view view = RESULTS_VIEW_ALL;
	xmlDocPtr doc = NULL;
	if (csv_out_is_shipped(name)) { /* in C, whatever the size of the run */
		struct strbuf header;
		strbuf_init(&header);
		int ret = csv_out_header(lang, &header);
		if (ret == 0)
			ret = csv_out_run(st, run, system_id, owner_id, header.buf, out_path, NULL, NULL);
		strbuf_release(&header);
		return ret;
	}
	if (large && shipped) {
		if (is(name, "audit-csv"))
			return error("run %ld has %ld systems: render the findings table of one "
			             "owner (--owner ID)",
			             run, results_prep_systems(prep));
		if (dossier)
			return error("run %ld has %ld systems: render the dossier of one system "
			             "(--system ID) or of one owner (--owner ID)",
			             run, results_prep_systems(prep));
		view = is(name, "summary") ? RESULTS_VIEW_SAMPLE : RESULTS_VIEW_NONE;
	}
	if (shipped && is(name, "dossier-docx") && !system_id)
		return error("the level dossier in Word is a document of one system: name it "
		             "(--system ID)");
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
	 * The CSV is joined before the other reports are rendered: its
	 * failure stops the set before anything else is written.
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
		if (render_one(st, prep, run, large, jobs[i].name, lang, system_id, owner_id,
		               jobs[i].out_path, ctx) < 0)
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

/* ---- one document per system (render_each_system) ----------------------- */

struct each_system {
	struct report *r;
	const char *lang;
	struct strmap wanted;
	const char *(*path_of)(const char *id, void *data);
	void *data;
	const struct doc_context *ctx;
	struct strbuf buf;
	int docx;
};

/* results_prep_chunks callback: each wanted system of the chunk, to its file. */
static int each_system_chunk(xmlDocPtr doc, int first, int last, void *data)
{
	struct each_system *e = data;
	int rc = 0;
	(void)first;
	(void)last;
	doc_context_attach(e->ctx, doc);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	for (xmlNodePtr n = root ? root->children : NULL; n && rc == 0; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "system"))
			continue;
		xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
		size_t at;
		if (id && strmap_get(&e->wanted, (const char *)id, &at)) {
			const char *params[] = {"lang", e->lang, "system", (const char *)id, NULL};
			const char *path = e->path_of((const char *)id, e->data);
			strbuf_reset(&e->buf);
			if (!path)
				rc = error("no place to write the document of system '%s'", (const char *)id);
			else if ((rc = report_apply(e->r, doc, params, &e->buf)) == 0)
				rc = e->docx ? docx_write(e->buf.buf, e->buf.len, path)
				             : write_file_atomic(path, e->buf.buf, e->buf.len);
		}
		xmlFree(id);
	}
	xmlFreeDoc(doc);
	return rc;
}

int render_each_system(struct store *st, long run, const char *name, const char *lang,
                       char *const *ids, size_t nr,
                       const char *(*path_of)(const char *id, void *data), void *data,
                       const struct doc_context *ctx)
{
	struct each_system e = {.lang = lang, .path_of = path_of, .data = data, .ctx = ctx};
	struct results_prep *prep = NULL;
	struct results_filter filter = {0};
	int ret = -1;
	if (!nr)
		return 0;
	const char *ext = report_extension(name);
	if (!ext)
		return -1;
	e.docx = !strcmp(ext, "docx");
	strmap_init(&e.wanted);
	strbuf_init(&e.buf);
	for (size_t i = 0; i < nr; i++)
		strmap_put(&e.wanted, ids[i], i, NULL);
	if ((run = results_resolve_run(st, run)) < 0 ||
	    results_prepare(st, run, &filter, 0, &prep) < 0 || !(e.r = report_open(name)))
		goto out;
	ret = results_prep_chunks(prep, RESULTS_FULL, RENDER_DOSSIER_CHUNK, each_system_chunk, &e);
out:
	report_close(e.r);
	results_prep_free(prep);
	strbuf_release(&e.buf);
	strmap_release(&e.wanted);
	return ret;
}
