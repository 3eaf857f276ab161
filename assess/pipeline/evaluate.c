/*
 * evaluate.c - a classification run: load the rule set, stream the snapshot
 * twice (own clauses; then findings, once composite levels are known), and
 * store the run in one transaction.
 */
#include "evaluate.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "classify.h"
#include "criteria.h"
#include "diag.h"
#include "finding_text.h"
#include "findings.h"
#include "paths.h"
#include "requirements.h"
#include "run.h"
#include "store.h"
#include "strmap.h"
#include "util.h"

/*
 * The rule sets of a run: every rule set of the criteria directory, the
 * run's own (asked for with --rules, or in force on the date), and for each
 * one whether it assesses a system of the run and where its clauses start
 * in the run's clause list. A system is assessed under the run's rule set
 * unless one of its delegations (<delegate>: the Decree 331 Art. 39.1
 * transition) hands it to another.
 */
struct run_sets {
	struct ruleset **all;        /* the rule sets, in file name order */
	size_t nr_all;
	size_t primary;              /* the run's own */
	int forced;                  /* 1 when --rules named it, 0 when chosen by date */
	const char *date;            /* the run date */
	long *systems;               /* per rule set: systems it assesses */
	size_t *offset;              /* per rule set: its first clause in the run's list */
	size_t nr_clauses;           /* clauses in the run's list */
	struct requirement_catalogue **cats; /* per rule set: its catalogue (shared when two
	                              * name one file: free each distinct one), or NULL */
	int *cat_no;                 /* per rule set: its catalogue's number in the run, 0 */
};

/* The rule set (index into sets->all) that assesses rec. *by is the
 * delegation that handed it over, or NULL; *unsure the first delegation
 * whose condition is unknown for rec (it was not applied), or NULL. */
static size_t rules_for(const struct run_sets *sets, const struct system_record *rec,
                        const struct delegate **by, const struct delegate **unsure)
{
	const struct ruleset *own = sets->all[sets->primary];
	*by = *unsure = NULL;
	for (size_t i = 0; i < own->nr_delegates; i++) {
		const struct delegate *d = &own->delegates[i];
		if ((d->auto_only && sets->forced) || (d->from && strcmp(sets->date, d->from) < 0) ||
		    (d->until && strcmp(sets->date, d->until) > 0))
			continue;
		enum tri t = d->conditional ? classify_condition(&d->cond, rec) : TRI_YES;
		if (t == TRI_UNKNOWN && !*unsure)
			*unsure = d;
		if (t != TRI_YES)
			continue;
		*by = d;
		return (size_t)ruleset_list_index(sets->all, sets->nr_all, d->rules);
	}
	return sets->primary;
}

/* The last reason made (most systems of a run share one): for the same
 * rule set, delegations and unknown facts it is copied, not made again. */
struct reason_cache {
	int valid;
	size_t set;
	const struct delegate *by, *unsure;
	char *facts;                 /* the unknown facts of unsure, "" when none */
	char *en, *vi;
};

static void reason_cache_release(struct reason_cache *c)
{
	free(c->facts);
	free(c->en);
	free(c->vi);
	memset(c, 0, sizeof(*c));
}

/* Why res was assessed under its rule set, in both languages, into res. */
static void rules_reason(const struct run_sets *sets, const struct system_record *rec,
                         size_t set, const struct delegate *by, const struct delegate *unsure,
                         struct reason_cache *cache, struct system_result *res)
{
	const struct ruleset *rs = sets->all[set];
	struct strbuf en, vi, facts;
	strbuf_init(&en);
	strbuf_init(&vi);
	strbuf_init(&facts);
	res->rules = xstrdup(rs->id);
	res->rules_basis = xstrdup(by ? "delegated" : sets->forced ? "forced" : "in-force");
	res->rules_article = by ? xstrdup_or_null(by->article) : NULL;
	if (!by && unsure)
		classify_unknown_facts(&unsure->cond, rec, &facts);
	if (cache->valid && cache->set == set && cache->by == by && cache->unsure == unsure &&
	    !strcmp(cache->facts, facts.buf)) {
		strbuf_release(&facts);
		res->rules_reason = xstrdup(cache->en);
		res->rules_reason_vi = xstrdup(cache->vi);
		return;
	}
	if (by) {
		strbuf_addstr(&en, by->text_en);
		strbuf_addstr(&vi, by->text_vi);
	} else if (sets->forced) {
		strbuf_addf(&en, "the rule set chosen for the run (--rules %s)", rs->id);
		strbuf_addf(&vi, "bộ tiêu chí được chọn khi chạy (--rules %s)", rs->id);
	} else {
		strbuf_addf(&en, "the rule set in force on %s (from %s)", sets->date, rs->effective_from);
		strbuf_addf(&vi, "bộ tiêu chí có hiệu lực ngày %s (từ %s)", sets->date,
		            rs->effective_from);
	}
	if (!by && unsure) {
		strbuf_addf(&en, "; %s not stated, so this may not apply: %s", facts.buf,
		            unsure->text_en);
		strbuf_addf(&vi, "; chưa rõ %s nên chưa áp dụng được: %s", facts.buf, unsure->text_vi);
	}
	reason_cache_release(cache);
	*cache = (struct reason_cache){.valid = 1, .set = set, .by = by, .unsure = unsure,
	                               .facts = strbuf_detach(&facts), .en = xstrdup(en.buf),
	                               .vi = xstrdup(vi.buf)};
	res->rules_reason = strbuf_detach(&en);
	res->rules_reason_vi = strbuf_detach(&vi);
}

/*
 * What pass 1 keeps per system, compactly (a national inventory has 10^6
 * systems): its node (own level range), its id, its own reasons when its
 * own level is open, its approved level and its components. Pass 2
 * classifies each system again (cheaper than keeping every verdict) and
 * applies what the graph says.
 */
struct graph {
	struct classify_node *nodes; /* in row order */
	size_t *id_at;               /* offset of each system's id in ids */
	struct strbuf ids;           /* the ids, NUL-separated */
	char **reason_en, **reason_vi; /* own reasons of open systems, else NULL */
	unsigned char *approved;     /* approved level, 0 when none */
	size_t *first;               /* components of i: comp[first[i] .. first[i+1]) */
	size_t *comp;
	size_t n, alloc, nr_comp, alloc_comp;
	struct strbuf refs;          /* pass 1: the component ids, NUL-separated */
	size_t *ref_at;              /* pass 1: offset of each comp[] entry in refs */
	struct strmap index;         /* system id -> index */
	unsigned short *set;         /* the rule set of each system: index into sets->all */
	const struct run_sets *sets;
	long limit_hits;             /* pattern conditions that hit the PCRE2 limits */
};

static const char *graph_id(const struct graph *g, size_t i)
{
	return g->ids.buf + g->id_at[i];
}

static int pass1_system(void *data, const struct system_record *rec, long row)
{
	struct graph *g = data;
	struct system_result res;
	(void)row;
	if (g->n == g->alloc) {
		size_t a = g->alloc ? g->alloc * 2 : 1024;
		g->nodes = xrealloc(g->nodes, a * sizeof(*g->nodes));
		g->id_at = xrealloc(g->id_at, a * sizeof(*g->id_at));
		g->reason_en = xrealloc(g->reason_en, a * sizeof(*g->reason_en));
		g->reason_vi = xrealloc(g->reason_vi, a * sizeof(*g->reason_vi));
		g->approved = xrealloc(g->approved, a);
		g->set = xrealloc(g->set, a * sizeof(*g->set));
		g->first = xrealloc(g->first, (a + 1) * sizeof(*g->first));
		g->alloc = a;
	}
	size_t i = g->n++;
	const struct delegate *by, *unsure;
	size_t set = rules_for(g->sets, rec, &by, &unsure);
	g->set[i] = (unsigned short)set;
	g->sets->systems[set]++;
	system_result_init(&res, rec->value[F_ID]);
	g->limit_hits += classify_system(g->sets->all[set], rec, &res);
	memset(&g->nodes[i], 0, sizeof(g->nodes[i]));
	g->nodes[i].own_low = res.own_level_low;
	g->nodes[i].own_high = res.own_level_high;
	g->reason_en[i] = g->reason_vi[i] = NULL;
	if (res.own_level_low != res.own_level_high || res.own_level_low == 0) {
		g->reason_en[i] = res.reason;
		g->reason_vi[i] = res.reason_vi;
		res.reason = res.reason_vi = NULL;
	}
	system_result_release(&res);

	g->id_at[i] = g->ids.len;
	strbuf_add(&g->ids, rec->value[F_ID], strlen(rec->value[F_ID]) + 1);
	strmap_put(&g->index, rec->value[F_ID], i, NULL);
	long long appr = fact_count(rec, F_APPR_LEVEL);
	g->approved[i] = appr > 0 && appr <= 5 ? (unsigned char)appr : 0;
	g->first[i] = g->nr_comp;
	ALLOC_GROW(g->ref_at, g->nr_comp + rec->nr_components, g->alloc_comp);
	for (size_t c = 0; c < rec->nr_components; c++) {
		g->ref_at[g->nr_comp++] = g->refs.len;
		strbuf_add(&g->refs, rec->components[c].ref, strlen(rec->components[c].ref) + 1);
	}
	return 0;
}

/* Component ids -> indices. A reference outside the snapshot is dropped: the
 * import already rejected dangling ones, this only guards the engine. */
static void resolve_components(struct graph *g)
{
	size_t kept = 0;
	g->first[g->n] = g->nr_comp;
	g->comp = xmalloc((g->nr_comp ? g->nr_comp : 1) * sizeof(*g->comp));
	for (size_t i = 0; i < g->n; i++) {
		size_t from = g->first[i], to = g->first[i + 1];
		g->first[i] = kept;
		for (size_t c = from; c < to; c++) {
			size_t j;
			if (strmap_get(&g->index, g->refs.buf + g->ref_at[c], &j))
				g->comp[kept++] = j;
		}
	}
	g->first[g->n] = kept;
	g->nr_comp = kept;
	free(g->ref_at);
	g->ref_at = NULL;
	strbuf_release(&g->refs);
	/* the index is not needed any more: components are indices now */
	strmap_release(&g->index);
}

static void graph_release(struct graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		free(g->reason_en[i]);
		free(g->reason_vi[i]);
	}
	free(g->nodes);
	free(g->id_at);
	strbuf_release(&g->ids);
	free(g->reason_en);
	free(g->reason_vi);
	free(g->approved);
	free(g->set);
	free(g->first);
	free(g->comp);
	free(g->ref_at);
	strbuf_release(&g->refs);
	strmap_release(&g->index);
}

static void own_reason(size_t j, const char **id, const char **en, const char **vi, void *data)
{
	const struct graph *g = data;
	*id = graph_id(g, j);
	*en = g->reason_en[j];
	*vi = g->reason_vi[j];
}

/*
 * Pass 2: the verdict again with the composite levels and the findings
 * (the reader side, on its own connection and thread when it can), and
 * storage in the run's transaction (the writer side, on the caller's
 * connection). The two meet in a queue of verdicts.
 */
#define VERDICT_QUEUE 512
#define VERDICT_BATCH 64 /* the writer wakes for this many (or the last ones) */

struct verdict {
	struct system_result res;  /* its findings are released once packed */
	long row;
	char *packed;              /* run_pack_verdict's text */
	long severity[3];          /* its findings per severity */
};

/* The writer side: counts and stores each verdict. */
struct run_writer {
	struct store *st;
	struct run_totals *totals;
};

static int write_verdict(struct run_writer *w, struct verdict *v)
{
	struct system_result *res = &v->res;
	w->totals->systems++;
	w->totals->per_level[res->determined ? res->level : 0]++;
	for (int k = 0; k < 3; k++)
		w->totals->per_severity[k] += v->severity[k];
	int rc = store_run_row(w->st, w->totals->run, res->system_id, v->row, v->packed);
	system_result_release(res);
	free(v->packed);
	return rc < 0 ? -1 : 0;
}

/* Verdicts from the reader thread to the writer, in order. Without a
 * thread (sync), each is written at once. */
struct verdict_queue {
	struct run_writer *sync;   /* non-NULL: no thread, write at once */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct verdict item[VERDICT_QUEUE];
	size_t head, tail;         /* taken / put so far */
	int done;                  /* the reader has put its last verdict */
	int failed;                /* the reader failed (it reported why) */
	int stop;                  /* the writer failed: the reader stops */
};

/* Reader side: hand over v (moved); -1 when the writer has stopped. */
static int verdict_put(struct verdict_queue *q, struct verdict *v)
{
	if (q->sync)
		return write_verdict(q->sync, v);
	pthread_mutex_lock(&q->lock);
	while (q->tail - q->head == VERDICT_QUEUE && !q->stop)
		pthread_cond_wait(&q->changed, &q->lock);
	int stop = q->stop;
	if (!stop) {
		q->item[q->tail % VERDICT_QUEUE] = *v;
		if (++q->tail - q->head == VERDICT_BATCH)
			pthread_cond_broadcast(&q->changed); /* enough to wake the writer */
	}
	pthread_mutex_unlock(&q->lock);
	if (stop) {
		system_result_release(&v->res);
		free(v->packed);
	}
	return stop ? -1 : 0;
}

/* Writer side: take the next verdict into *v; 0 when there is none left.
 * An empty queue is left to fill up to a batch before the writer runs again. */
static int verdict_take(struct verdict_queue *q, struct verdict *v)
{
	pthread_mutex_lock(&q->lock);
	if (q->tail == q->head)
		while (q->tail - q->head < VERDICT_BATCH && !q->done)
			pthread_cond_wait(&q->changed, &q->lock);
	int got = q->tail != q->head;
	if (got) {
		*v = q->item[q->head % VERDICT_QUEUE];
		if (q->tail - q->head++ == VERDICT_QUEUE)
			pthread_cond_broadcast(&q->changed); /* it was full */
	}
	pthread_mutex_unlock(&q->lock);
	return got;
}

/* Reader side: there is nothing more (failed: the reader reported why). */
static void verdict_end(struct verdict_queue *q, int failed)
{
	pthread_mutex_lock(&q->lock);
	q->done = 1;
	q->failed = failed;
	pthread_cond_broadcast(&q->changed);
	pthread_mutex_unlock(&q->lock);
}

/* Writer side: it failed; the reader is to stop. */
static void verdict_stop(struct verdict_queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->stop = 1;
	pthread_cond_broadcast(&q->changed);
	pthread_mutex_unlock(&q->lock);
}

/* The reader side of pass 2. */
struct pass2 {
	struct graph *g;
	struct classify_graph *cg;
	const struct findings_context *ctx;
	struct verdict_queue *q;
	size_t next;               /* index of the next system */
	const char **held;         /* scratch: ids of the clauses that held */
	const char *db_path;       /* threaded: the database to open again */
	long snapshot;
	struct reason_cache reason; /* the last rules reason made */
	struct run_pack *pack;      /* what the run stores once (the reader's) */
	struct run_summary *summary;/* the run's totals (the reader's) */
	struct run_req_row *rows;   /* scratch: the requirement rows of a system */
	size_t nr_rows, alloc_rows;
	const char **clause_ids;    /* per rule set: its clause ids */
};

/* requirements_evaluate callback: one row (and its count). */
struct req_collect {
	struct pass2 *p;
	const struct requirement_catalogue *cat;
	struct requirement_counts *counts; /* NULL: rows only */
};

static void collect_requirement(const struct requirement_eval *ev, void *data)
{
	struct req_collect *rc = data;
	struct pass2 *p = rc->p;
	ALLOC_GROW(p->rows, p->nr_rows + 1, p->alloc_rows);
	p->rows[p->nr_rows++] = (struct run_req_row){
		(int)(ev->req - rc->cat->reqs), ev->condition_unknown, ev->product,
		requirement_status_name(ev->status), ev->due};
	if (rc->counts)
		requirement_counts_add(rc->counts, ev->status);
}

static void component_findings(struct graph *g, size_t i, struct system_result *res)
{
	for (size_t c = g->first[i]; c < g->first[i + 1]; c++) {
		size_t j = g->comp[c];
		if (g->approved[i] && g->approved[j] > g->approved[i])
			findings_component_above_parent(res, graph_id(g, j), g->approved[j],
			                                 g->approved[i]);
	}
}

static int pass2_system(void *data, const struct system_record *rec, long row)
{
	struct pass2 *p = data;
	struct graph *g = p->g;
	size_t i = p->next++;
	if (i >= g->n || strcmp(graph_id(g, i), rec->value[F_ID]))
		return error("the snapshot changed while it was being classified");
	const struct classify_node *nd = &g->nodes[i];
	const struct run_sets *sets = g->sets;
	const struct delegate *by, *unsure;
	size_t set = rules_for(sets, rec, &by, &unsure);
	const struct ruleset *rs = sets->all[set];
	struct verdict v = {.row = row};
	struct system_result *res = &v.res;
	system_result_init(res, rec->value[F_ID]);
	classify_system(rs, rec, res);
	rules_reason(sets, rec, set, by, unsure, &p->reason, res);
	res->level_low = nd->low;
	res->level_high = nd->high;
	res->determined = nd->determined;
	res->level = nd->determined ? nd->low : 0;
	if (nd->decider >= 0) {
		res->deciding_component = xstrdup(graph_id(g, (size_t)nd->decider));
		res->deciding_clause = -1;
	}
	if (!res->determined) {
		free(res->reason);
		free(res->reason_vi);
		classify_graph_reason(p->cg, i, own_reason, g, &res->reason, &res->reason_vi);
	}

	size_t nr_held = 0;
	for (size_t c = 0; c < rs->nr_clauses; c++)
		if (res->outcomes[c] == TRI_YES)
			p->held[nr_held++] = rs->clauses[c].id;
	struct findings_context ctx = *p->ctx;
	const struct requirement_catalogue *cat = sets->cats[set];
	ctx.rs = rs;
	ctx.catalogue = NULL; /* the rows and their counts are made here, once */
	findings_evaluate(&ctx, rec, p->held, nr_held, res);
	component_findings(g, i, res);
	/* the legal basis of each finding, stored with it (a run stands alone) */
	for (size_t f = 0; f < res->nr_findings; f++) {
		struct finding *fd = &res->findings[f];
		finding_text_basis(fd->code, fd->args, res->rules ? res->rules : rs->id, &fd->basis_vi,
		                   &fd->basis_en);
	}
	/* the requirement rows at the level (or the approved level when the
	 * level is open), counted at the level */
	int level = res->level ? res->level : res->approved_level;
	struct req_collect rcol = {p, cat, res->level ? &res->requirements : NULL};
	p->nr_rows = 0;
	memset(&res->requirements, 0, sizeof(res->requirements));
	if (cat)
		requirements_evaluate(cat, rec, rs->id, level, p->held, nr_held, p->ctx->run_date,
		                      collect_requirement, &rcol);
	run_summary_add(p->summary, res, rec);
	struct strbuf packed;
	strbuf_init(&packed);
	run_pack_verdict(p->pack, res, p->clause_ids + sets->offset[set],
	                 cat ? sets->cat_no[set] : 0, level, p->rows, p->nr_rows, &packed);
	v.packed = strbuf_detach(&packed);
	for (size_t f = 0; f < res->nr_findings; f++)
		v.severity[res->findings[f].severity]++;
	system_result_release_findings(res);
	return verdict_put(p->q, &v);
}

/* Thread: walk the snapshot on a connection of its own. */
static void *pass2_reader(void *data)
{
	struct pass2 *p = data;
	struct store *st = NULL;
	int rc = store_open(p->db_path, &st);
	if (rc == 0)
		rc = store_each_system(st, p->snapshot, pass2_system, p);
	store_close(st);
	verdict_end(p->q, rc != 0);
	return NULL;
}

/*
 * Pass 2 over the snapshot into the open run of w->st: on a reader thread
 * with its own connection when the database is a file (the run's
 * transaction stays on this one; WAL lets the reader see the committed
 * snapshot), else inline. 0, or -1 after reporting.
 */
static int pass2_run(struct pass2 *p, struct run_writer *w)
{
	struct verdict_queue *q = xcalloc(1, sizeof(*q));
	const char *path = store_path(w->st);
	pthread_t reader;
	int ret = -1;
	p->q = q;
	if (!path || !strcmp(path, ":memory:")) {
		q->sync = w;
		ret = store_each_system(w->st, p->snapshot, pass2_system, p) ? -1 : 0;
		free(q);
		return ret;
	}
	p->db_path = path;
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->changed, NULL);
	if (pthread_create(&reader, NULL, pass2_reader, p)) {
		error("cannot start a thread to classify");
		goto out;
	}
	struct verdict v;
	int failed = 0;
	while (verdict_take(q, &v))
		if (!failed && write_verdict(w, &v) < 0) {
			failed = 1;
			verdict_stop(q);
		} else if (failed) {
			system_result_release(&v.res);
			free(v.packed);
		}
	pthread_join(reader, NULL);
	ret = failed || q->failed ? -1 : 0;
out:
	pthread_cond_destroy(&q->changed);
	pthread_mutex_destroy(&q->lock);
	free(q);
	return ret;
}

static int add_owner_policies(void *data, const struct organization *org)
{
	owner_policies_add(data, org);
	return 0;
}

static void utc_now(char out[32])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The ids of the readings clause cl may rest on, space-separated (heap), or
 * NULL. */
static char *clause_reading_ids(const struct ruleset *rs, const struct clause *cl)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t r = 0; r < cl->nr_readings; r++) {
		const char *id = rs->readings[cl->readings[r].reading].id;
		int seen = 0;
		for (size_t q = 0; q < r; q++)
			seen |= cl->readings[q].reading == cl->readings[r].reading;
		if (!seen)
			strbuf_addf(&sb, "%s%s", sb.len ? " " : "", id);
	}
	if (!sb.len) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

/*
 * What the run stores of its rule sets: the run's own first, then every
 * other that assesses a system; their clauses in that order (each set's
 * offset in sets->offset) and their readings. The strings are borrowed from
 * the rule sets but each clause's level_from and readings (heap).
 */
static void describe_sets(struct run_sets *sets, struct run_ruleset **out_sets, size_t *nr_sets,
                          struct run_clause **out_clauses, struct run_reading **out_readings,
                          size_t *nr_readings)
{
	size_t n = 0, nc = 0, nr = 0, alloc_c = 0, alloc_r = 0;
	struct run_ruleset *rsets = xcalloc(sets->nr_all, sizeof(*rsets));
	struct run_clause *clauses = NULL;
	struct run_reading *readings = NULL;
	for (size_t k = 0; k < sets->nr_all; k++) {
		size_t i = k == 0 ? sets->primary : k <= sets->primary ? k - 1 : k;
		struct ruleset *rs = sets->all[i];
		if (i != sets->primary && !sets->systems[i])
			continue;
		rsets[n].rules = rs->id;
		rsets[n].version = rs->version;
		rsets[n].title_vi = rs->title_vi;
		rsets[n].title_en = rs->title_en;
		rsets[n].file = rs->file;
		rsets[n].digest = rs->sha256;
		if (sets->cats[i]) {
			rsets[n].catalogue = sets->cats[i]->file;
			rsets[n].catalogue_digest = sets->cats[i]->sha256;
			static char native[] = "native", mapped[] = "mapped-by-level";
			rsets[n].catalogue_kind = rs->catalogue_mapped ? mapped : native;
		}
		rsets[n++].systems = sets->systems[i];
		sets->offset[i] = nc;
		for (size_t c = 0; c < rs->nr_clauses; c++) {
			const struct clause *cl = &rs->clauses[c];
			ALLOC_GROW(clauses, nc + 1, alloc_c);
			struct run_clause *rc = &clauses[nc++];
			memset(rc, 0, sizeof(*rc));
			rc->id = cl->id;
			rc->level = cl->level;
			rc->rules = rs->id;
			rc->level_from = cl->level_from >= 0
			                     ? xstrdup(fact_def((enum fact_id)cl->level_from)->name)
			                     : NULL;
			rc->article = cl->article;
			rc->ref = cl->ref;
			rc->ref_en = cl->ref_en;
			rc->text_vi = cl->text_vi;
			rc->text_en = cl->text_en;
			rc->readings = clause_reading_ids(rs, cl);
			struct strbuf cond;
			strbuf_init(&cond);
			condition_format(&cl->cond, &cond);
			rc->condition = strbuf_detach(&cond);
		}
		for (size_t r = 0; r < rs->nr_readings; r++) {
			ALLOC_GROW(readings, nr + 1, alloc_r);
			readings[nr].rules = rs->id;
			readings[nr].id = rs->readings[r].id;
			readings[nr].text_vi = rs->readings[r].text_vi;
			readings[nr++].text_en = rs->readings[r].text_en;
		}
	}
	sets->nr_clauses = nc;
	*out_sets = rsets;
	*nr_sets = n;
	*out_clauses = clauses;
	*out_readings = readings;
	*nr_readings = nr;
}

/* What a run stores of catalogue cat: its rows as used. */
static void register_catalogue(struct run_pack *pack, int no,
                               const struct requirement_catalogue *cat)
{
	struct run_requirement *rows = xcalloc(cat->nr_reqs ? cat->nr_reqs : 1, sizeof(*rows));
	for (size_t k = 0; k < cat->nr_reqs; k++) {
		const struct requirement *r = &cat->reqs[k];
		rows[k].id = r->id;
		rows[k].group = xstrdup(requirement_group_name(r->group));
		rows[k].label_vi = r->label_vi;
		rows[k].label_en = r->label_en;
		for (int l = 1; l <= 5; l++) {
			rows[k].at[l].present = r->at[l].present;
			rows[k].at[l].tcvn = r->at[l].tcvn;
			rows[k].at[l].article = r->at[l].article;
			rows[k].at[l].note = r->at[l].note;
		}
	}
	run_pack_catalogue(pack, no, rows, cat->nr_reqs); /* copies */
	for (size_t k = 0; k < cat->nr_reqs; k++)
		free(rows[k].group);
	free(rows);
}

/* The catalogue of every rule set that assesses a system (one load per
 * file), numbered and registered with the run's pack. 0, or -1 after
 * reporting. */
static int load_catalogues(struct run_sets *sets, struct run_pack *pack)
{
	char *rng = data_path("criteria/schema/requirements.rng");
	int ret = 0, no = 0;
	for (size_t i = 0; i < sets->nr_all && ret == 0; i++) {
		const struct ruleset *rs = sets->all[i];
		if ((i != sets->primary && !sets->systems[i]) || !rs->catalogue)
			continue;
		for (size_t j = 0; j < i && !sets->cats[i]; j++)
			if (sets->cats[j] && !strcmp(sets->cats[j]->file, rs->catalogue)) {
				sets->cats[i] = sets->cats[j];
				sets->cat_no[i] = sets->cat_no[j];
			}
		if (sets->cats[i])
			continue;
		if (!(sets->cats[i] = requirements_load(rs->catalogue, rng))) {
			ret = -1;
			continue;
		}
		sets->cat_no[i] = ++no;
		register_catalogue(pack, no, sets->cats[i]);
	}
	free(rng);
	return ret;
}

/* Load every rule set and choose the run's own; check the delegations'
 * targets. An exit status of diag.h (EXIT_OK when done). */
static int choose_sets(struct run_sets *sets, const char *rules, const char *run_date)
{
	if (criteria_load_all(&sets->all, &sets->nr_all) < 0)
		return EXIT_INVALID;
	sets->forced = rules && strcmp(rules, "auto");
	if (sets->forced && ruleset_list_index(sets->all, sets->nr_all, rules) < 0) {
		struct strbuf known;
		strbuf_init(&known);
		for (size_t i = 0; i < sets->nr_all; i++)
			strbuf_addf(&known, "%s%s", i ? ", " : "", sets->all[i]->id);
		error("unknown rule set '%s' (known: %s, or auto)", rules, known.buf);
		strbuf_release(&known);
		return EXIT_USAGE;
	}
	int pick = criteria_choose(sets->all, sets->nr_all, rules, run_date);
	if (pick < 0)
		return EXIT_INVALID;
	if (sets->nr_all > 0xffff)
		return error("too many rule sets"), EXIT_INVALID;
	sets->primary = (size_t)pick;
	sets->date = run_date;
	const struct ruleset *own = sets->all[pick];
	for (size_t i = 0; i < own->nr_delegates; i++)
		if (ruleset_list_index(sets->all, sets->nr_all, own->delegates[i].rules) < 0)
			return error_at(own->file, own->delegates[i].line,
			                "rule set %s hands systems over to rule set '%s', which is not "
			                "in the criteria directory", own->id, own->delegates[i].rules),
			       EXIT_INVALID;
	sets->systems = xcalloc(sets->nr_all, sizeof(*sets->systems));
	sets->offset = xcalloc(sets->nr_all, sizeof(*sets->offset));
	sets->cats = xcalloc(sets->nr_all, sizeof(*sets->cats));
	sets->cat_no = xcalloc(sets->nr_all, sizeof(*sets->cat_no));
	return EXIT_OK;
}

int evaluate_run(struct store *st, const char *rules, const char *date,
                 struct run_totals *totals)
{
	struct run_sets sets;
	struct graph g;
	struct classify_graph cg;
	char as_of[11] = "", run_date[11], generated[32];
	struct run_ruleset *rsets = NULL;
	struct run_clause *clauses = NULL;
	struct run_reading *readings = NULL;
	size_t nr_sets = 0, nr_readings = 0;
	struct owner_policies *policies = NULL;
	struct run_pack *pack = run_pack_new();
	struct run_summary summary;
	const char **clause_ids = NULL;
	int status = EXIT_RUNTIME, rc;

	memset(totals, 0, sizeof(*totals));
	memset(&sets, 0, sizeof(sets));
	run_summary_init(&summary);
	memset(&g, 0, sizeof(g));
	memset(&cg, 0, sizeof(cg));
	strmap_init(&g.index);
	strbuf_init(&g.ids);
	strbuf_init(&g.refs);

	long snapshot = store_latest_snapshot(st);
	if (snapshot <= 0) {
		error("nothing imported yet: run 'assess import' first");
		goto out;
	}
	if (store_snapshot_as_of(st, snapshot, as_of) < 0)
		goto out;
	if (date && !is_iso_date(date)) {
		error("'%s' is not a date (YYYY-MM-DD)", date);
		status = EXIT_USAGE;
		goto out;
	}
	memcpy(run_date, date ? date : as_of, 11);
	if ((status = choose_sets(&sets, rules, run_date)) != EXIT_OK)
		goto out;
	status = EXIT_RUNTIME;
	struct ruleset *rs = sets.all[sets.primary];

	/* pass 1: every system's rule set, own clauses (facts only), components */
	g.sets = &sets;
	if (store_each_system_part(st, snapshot, STORE_COMPONENTS, pass1_system, &g) < 0)
		goto out;
	if (g.limit_hits)
		warning("%ld pattern condition%s hit the PCRE2 match limit and count as unknown "
		        "(see the reasons of the systems concerned)",
		        g.limit_hits, g.limit_hits == 1 ? "" : "s");
	if (!g.n) {
		g.first = xcalloc(1, sizeof(*g.first));
	}
	resolve_components(&g);
	classify_graph_init(&cg, g.nodes, g.n, g.first, g.comp);
	classify_graph_aggregate(&cg);

	/* the requirement catalogues of the rule sets that assess a system */
	if (load_catalogues(&sets, pack) < 0) {
		status = EXIT_INVALID;
		goto out;
	}

	/* pass 2: findings and storage, in one transaction */
	describe_sets(&sets, &rsets, &nr_sets, &clauses, &readings, &nr_readings);
	utc_now(generated);
	struct run_info info = {
		.snapshot = snapshot,
		.rules = rs->id,
		.rules_requested = rules ? rules : "auto",
		.rules_title_vi = rs->title_vi,
		.rules_title_en = rs->title_en,
		.rules_file = rs->file,
		.rules_digest = rs->sha256,
		.date = run_date,
		.as_of = as_of,
		.generated = generated,
		.tool_version = tool_version(),
	};
	/* the owners' own inspection cadences, for rules of basis policy */
	policies = owner_policies_new();
	if (store_each_organization(st, snapshot, add_owner_policies, policies) < 0)
		goto out;
	clause_ids = xcalloc(sets.nr_clauses + 1, sizeof(*clause_ids));
	for (size_t i = 0; i < sets.nr_clauses; i++)
		clause_ids[i] = clauses[i].id;
	if (store_run_begin(st, &info) < 0)
		goto out;
	totals->run = info.id;
	struct findings_context ctx = {
		.rs = rs,
		.run_date = run_date,
		.policies = policies,
	};
	struct pass2 p2 = {.g = &g, .cg = &cg, .ctx = &ctx, .snapshot = snapshot, .pack = pack,
	                   .summary = &summary, .clause_ids = clause_ids};
	struct run_writer writer = {st, totals};
	const char **held = xcalloc(sets.nr_clauses + 1, sizeof(*held));
	p2.held = held;
	rc = pass2_run(&p2, &writer);
	reason_cache_release(&p2.reason);
	free(p2.rows);
	free(held);
	info.systems = totals->systems;
	info.undetermined = totals->per_level[0];
	info.info = totals->per_severity[SEV_INFO];
	info.warning = totals->per_severity[SEV_WARNING];
	info.critical = totals->per_severity[SEV_CRITICAL];
	struct strbuf packed_totals;
	strbuf_init(&packed_totals);
	run_summary_finish(&summary);
	run_summary_pack(&summary, &packed_totals);
	const struct run_sets_desc desc = {rsets, nr_sets, clauses, sets.nr_clauses, readings,
	                                   nr_readings};
	rc = store_run_end(st, &info, rc == 0, &desc, pack, packed_totals.buf) < 0 || rc < 0 ? -1 : 0;
	strbuf_release(&packed_totals);
	if (rc < 0)
		goto out;
	snprintf(totals->rules, sizeof(totals->rules), "%s", rs->id);
	snprintf(totals->digest, sizeof(totals->digest), "%s", rs->sha256);
	for (size_t i = 0; i < nr_sets && i < ARRAY_SIZE(totals->sets); i++) {
		snprintf(totals->sets[i].rules, sizeof(totals->sets[i].rules), "%s", rsets[i].rules);
		totals->sets[i].systems = rsets[i].systems;
		totals->nr_sets++;
	}
	memcpy(totals->date, run_date, 11);
	status = EXIT_OK;
out:
	for (size_t i = 0; clauses && i < sets.nr_clauses; i++) {
		free(clauses[i].level_from);
		free(clauses[i].readings);
		free(clauses[i].condition);
	}
	run_pack_free(pack);
	run_summary_release(&summary);
	free(clause_ids);
	free(clauses);
	free(rsets);
	free(readings);
	classify_graph_release(&cg);
	graph_release(&g);
	owner_policies_free(policies);
	for (size_t i = 0; sets.cats && i < sets.nr_all; i++) {
		int first = 1;
		for (size_t j = 0; j < i; j++)
			first &= sets.cats[j] != sets.cats[i];
		if (first)
			requirements_free(sets.cats[i]);
	}
	free(sets.cats);
	free(sets.cat_no);
	ruleset_list_free(sets.all, sets.nr_all);
	free(sets.systems);
	free(sets.offset);
	return status;
}

void evaluate_print_summary(const struct run_totals *t)
{
	printf("run %ld: %s (sha256 %.12s), date %s, %ld system%s\n", t->run, t->rules, t->digest,
	       t->date, t->systems, t->systems == 1 ? "" : "s");
	if (t->nr_sets > 1) {
		printf("  rule sets:");
		for (int i = 0; i < t->nr_sets; i++)
			printf("%s %s %ld", i ? "," : "", t->sets[i].rules, t->sets[i].systems);
		printf("\n");
	}
	for (int l = 1; l <= 5; l++)
		printf("  level %d: %ld\n", l, t->per_level[l]);
	printf("  undetermined: %ld\n", t->per_level[0]);
	printf("findings: %ld critical, %ld warning, %ld info\n", t->per_severity[SEV_CRITICAL],
	       t->per_severity[SEV_WARNING], t->per_severity[SEV_INFO]);
}
