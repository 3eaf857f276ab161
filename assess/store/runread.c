/*
 * runread.c - reading the systems of a run back: the packed verdict
 * (runstore.c says what it holds) checked value by value, the facts of the
 * system row it classified, its requirement rows, and what the run stored
 * once for many systems (read once per run and kept until another run is
 * written: a run is never changed once committed).
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "finding_text.h"
#include "util.h"

#define RUN_SYSTEM_COLUMNS                                                   \
	"r.system_id, r.system_row, r.verdict, s.owner, s.file, s.line, s.components, s.record"
#define RUN_SYSTEM_FROM " FROM run_systems r LEFT JOIN systems s ON s.row = r.system_row"

static const char sql_each_run_system[] =
	"SELECT " RUN_SYSTEM_COLUMNS RUN_SYSTEM_FROM " WHERE r.run = ?1 ORDER BY r.system_id";
static const char sql_one_run_system[] =
	"SELECT " RUN_SYSTEM_COLUMNS RUN_SYSTEM_FROM " WHERE r.run = ?1 AND r.system_id = ?2";
static const char sql_run_owner_systems[] =
	"SELECT " RUN_SYSTEM_COLUMNS RUN_SYSTEM_FROM " WHERE r.run = ?1 AND s.owner = ?2 "
	"ORDER BY r.system_id";
static const char sql_run_reasons[] =
	"SELECT id, text_en, text_vi FROM run_reasons WHERE run = ?1 ORDER BY id";
static const char sql_run_args[] = "SELECT id, args FROM run_args WHERE run = ?1 ORDER BY id";
static const char sql_run_requirements[] =
	"SELECT catalogue, pos, id, grp, label_vi, label_en, levels FROM run_requirements "
	"WHERE run = ?1 ORDER BY catalogue, pos";
static const char sql_run_reqsets[] =
	"SELECT id, catalogue, level, rows FROM run_reqsets WHERE run = ?1 ORDER BY id";

/* What a run stores once, by id (sorted: found by binary search). */
struct shared_text {
	long long id;
	char *a, *b;
};

struct catalogue_rows {
	long long cat;
	struct run_requirement *rows;
	size_t nr, alloc;
};

struct reqset {
	long long id;
	size_t cat;             /* index into run_cache.cats */
	int level;
	struct run_req_row *rows;
	size_t nr;
};

/* The clauses of one rule set of the run: clauses[first .. first + n). */
struct segment {
	const char *rules;
	size_t first, n;
};

struct run_cache {
	long run;
	struct run_clause *clauses;
	size_t nr_clauses;
	struct segment *segs;
	size_t nr_segs;
	int have_reasons, have_args, have_reqs;
	struct shared_text *reasons, *args;
	size_t nr_reasons, nr_args;
	struct catalogue_rows *cats;
	size_t nr_cats;
	struct reqset *reqsets;
	size_t nr_reqsets;
};

static void shared_free(struct shared_text *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].a);
		free(t[i].b);
	}
	free(t);
}

void store_run_cache_drop(struct store *st)
{
	struct run_cache *c = st->cache;
	if (!c)
		return;
	run_clauses_free(c->clauses, c->nr_clauses);
	free(c->segs);
	shared_free(c->reasons, c->nr_reasons);
	shared_free(c->args, c->nr_args);
	for (size_t i = 0; i < c->nr_cats; i++) {
		for (size_t k = 0; k < c->cats[i].nr; k++)
			run_requirement_release(&c->cats[i].rows[k]);
		free(c->cats[i].rows);
	}
	free(c->cats);
	for (size_t i = 0; i < c->nr_reqsets; i++)
		free(c->reqsets[i].rows);
	free(c->reqsets);
	free(c);
	st->cache = NULL;
}

/* The cache of run, with its clauses; NULL after reporting. */
static struct run_cache *cache_for(struct store *st, long run)
{
	if (st->cache && st->cache->run == run)
		return st->cache;
	store_run_cache_drop(st);
	struct run_cache *c = xcalloc(1, sizeof(*c));
	c->run = run;
	if (store_run_clauses(st, run, &c->clauses, &c->nr_clauses) < 0) {
		free(c);
		return NULL;
	}
	st->cache = c;
	for (size_t i = 0; i < c->nr_clauses; i++) {
		const char *rules = c->clauses[i].rules ? c->clauses[i].rules : "";
		if (c->nr_segs && !strcmp(c->segs[c->nr_segs - 1].rules, rules)) {
			c->segs[c->nr_segs - 1].n++;
			continue;
		}
		c->segs = xrealloc(c->segs, (c->nr_segs + 1) * sizeof(*c->segs));
		c->segs[c->nr_segs++] = (struct segment){rules, i, 1};
	}
	return c;
}

/* Read (id, text, text) rows of s into a sorted array. */
static int load_shared(struct store *st, sqlite3_stmt *s, long run, int two,
                       struct shared_text **out, size_t *nr)
{
	size_t alloc = 0;
	long long last = 0;
	int rc;
	sqlite3_bind_int64(s, 1, run);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long long id;
		if (store_column_int_in(st, s, 0, last + 1, LLONG_MAX, STORE_NOT_NULL, &id) < 0 ||
		    store_column_needed(st, s, 1) < 0) {
			sqlite3_reset(s);
			return -1;
		}
		last = id;
		ALLOC_GROW(*out, *nr + 1, alloc);
		(*out)[*nr].id = id;
		(*out)[*nr].a = store_column_dup(s, 1);
		(*out)[(*nr)++].b = two ? store_column_dup(s, 2) : NULL;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_db_error(st, "cannot read a run");
}

static const struct shared_text *find_shared(const struct shared_text *t, size_t n, long long id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t[mid].id == id)
			return &t[mid];
		if (t[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int cache_reasons(struct store *st, struct run_cache *c)
{
	if (c->have_reasons)
		return 0;
	sqlite3_stmt *s = store_stmt(st, ST_RUN_REASONS, sql_run_reasons);
	if (!s || load_shared(st, s, c->run, 1, &c->reasons, &c->nr_reasons) < 0)
		return -1;
	c->have_reasons = 1;
	return 0;
}

static int cache_args(struct store *st, struct run_cache *c)
{
	if (c->have_args)
		return 0;
	sqlite3_stmt *s = store_stmt(st, ST_RUN_ARGS, sql_run_args);
	if (!s || load_shared(st, s, c->run, 0, &c->args, &c->nr_args) < 0)
		return -1;
	c->have_args = 1;
	return 0;
}

/* One catalogue row's levels (runstore.c writes them). */
static int unpack_levels(struct store *st, const char *text, struct run_requirement *r)
{
	struct pack_reader rd, obj;
	struct pack_value v, key, val;
	int level = 0, rc;
	if (pack_read_array(&rd, text, strlen(text)) < 0)
		goto bad;
	while ((rc = pack_item(&rd, &v)) == 1) {
		if (++level > 5)
			goto bad;
		if (v.type == PACK_NULL)
			continue;
		if (pack_enter(&obj, &v) < 0 || v.type != PACK_OBJECT)
			goto bad;
		r->at[level].present = 1;
		while ((rc = pack_member(&obj, &key, &val)) == 1) {
			char **field = pack_is(&key, "tcvn") ? &r->at[level].tcvn
			               : pack_is(&key, "article") ? &r->at[level].article
			               : pack_is(&key, "note") ? &r->at[level].note : NULL;
			if (!field || *field || val.type != PACK_STRING || !(*field = pack_dup(&val)))
				goto bad;
		}
		if (rc < 0)
			goto bad;
	}
	if (rc == 0)
		return 0;
bad:
	return store_corrupt(st, "the levels of requirement '%.64s' are not as assess writes them",
	                     r->id ? r->id : "?");
}

static int load_catalogues(struct store *st, struct run_cache *c)
{
	sqlite3_stmt *s = store_stmt(st, ST_RUN_REQUIREMENTS, sql_run_requirements);
	int rc;
	size_t alloc = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, c->run);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long long cat, pos;
		if (store_column_int_in(st, s, 0, 1, INT_MAX, STORE_NOT_NULL, &cat) < 0 ||
		    store_column_int_in(st, s, 1, 0, INT_MAX, STORE_NOT_NULL, &pos) < 0)
			goto fail;
		if (!c->nr_cats || c->cats[c->nr_cats - 1].cat != cat) {
			ALLOC_GROW(c->cats, c->nr_cats + 1, alloc);
			memset(&c->cats[c->nr_cats], 0, sizeof(c->cats[0]));
			c->cats[c->nr_cats++].cat = cat;
		}
		struct catalogue_rows *cr = &c->cats[c->nr_cats - 1];
		if ((size_t)pos != cr->nr) {
			store_corrupt(st, "run_requirements.pos is %lld (expected %zu)", pos, cr->nr);
			goto fail;
		}
		ALLOC_GROW(cr->rows, cr->nr + 1, cr->alloc);
		struct run_requirement *r = &cr->rows[cr->nr++];
		memset(r, 0, sizeof(*r));
		r->id = store_column_dup(s, 2);
		r->group = store_column_dup(s, 3);
		r->label_vi = store_column_dup(s, 4);
		r->label_en = store_column_dup(s, 5);
		if (!r->id || !r->group || store_column_needed(st, s, 6) < 0 ||
		    unpack_levels(st, store_column_str(s, 6), r) < 0) {
			if (!r->id || !r->group)
				store_corrupt(st, "a requirement of run %ld has no id or group", c->run);
			goto fail;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_db_error(st, "cannot read a run");
fail:
	sqlite3_reset(s);
	return -1;
}

/* The rows of one requirement set: [[pos, condition-unknown, product]...]. */
static int unpack_reqset(struct store *st, const char *text, size_t nr_rows, struct reqset *rs)
{
	struct pack_reader rd, row;
	struct pack_value v, x[3];
	int rc;
	size_t alloc = 0;
	if (pack_read_array(&rd, text, strlen(text)) < 0)
		goto bad;
	while ((rc = pack_item(&rd, &v)) == 1) {
		if (v.type != PACK_ARRAY || pack_enter(&row, &v) < 0)
			goto bad;
		for (int k = 0; k < 3; k++)
			if (pack_item(&row, &x[k]) != 1 || x[k].type != PACK_INT)
				goto bad;
		if (pack_item(&row, &v) != 0 || x[0].n < 0 || (size_t)x[0].n >= nr_rows ||
		    x[1].n < 0 || x[1].n > 1 || x[2].n < -1 || x[2].n > 2)
			goto bad;
		ALLOC_GROW(rs->rows, rs->nr + 1, alloc);
		rs->rows[rs->nr++] = (struct run_req_row){(int)x[0].n, (int)x[1].n, (int)x[2].n,
		                                          NULL, NULL};
	}
	if (rc == 0)
		return 0;
bad:
	return store_corrupt(st, "requirement set %lld is not as assess writes it", rs->id);
}

static int cache_requirements(struct store *st, struct run_cache *c)
{
	if (c->have_reqs)
		return 0;
	if (load_catalogues(st, c) < 0)
		return -1;
	sqlite3_stmt *s = store_stmt(st, ST_RUN_REQSETS, sql_run_reqsets);
	int rc;
	size_t alloc = 0;
	long long last = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, c->run);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long long id, cat, level;
		if (store_column_int_in(st, s, 0, last + 1, LLONG_MAX, STORE_NOT_NULL, &id) < 0 ||
		    store_column_int_in(st, s, 1, 1, INT_MAX, STORE_NOT_NULL, &cat) < 0 ||
		    store_column_int_in(st, s, 2, 1, 5, STORE_NOT_NULL, &level) < 0 ||
		    store_column_needed(st, s, 3) < 0)
			goto fail;
		last = id;
		size_t k = 0;
		while (k < c->nr_cats && c->cats[k].cat != cat)
			k++;
		if (k == c->nr_cats) {
			store_corrupt(st, "requirement set %lld names catalogue %lld, which its run lacks",
			              id, cat);
			goto fail;
		}
		ALLOC_GROW(c->reqsets, c->nr_reqsets + 1, alloc);
		struct reqset *rs = &c->reqsets[c->nr_reqsets++];
		*rs = (struct reqset){id, k, (int)level, NULL, 0};
		if (unpack_reqset(st, store_column_str(s, 3), c->cats[k].nr, rs) < 0)
			goto fail;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_db_error(st, "cannot read a run");
	c->have_reqs = 1;
	return 0;
fail:
	sqlite3_reset(s);
	return -1;
}

/* ---- one verdict ---------------------------------------------------------- */

/* What decoding one row needs and gives besides the result. */
struct decode {
	struct store *st;
	struct run_cache *c;
	unsigned parts;
	const char *id;
	char *text;                     /* the verdict being read (a copy) */
	const struct reqset *reqset;    /* the requirement rows that applied, or NULL */
	struct pack_value req_status;   /* "req-status" (type PACK_NULL when none) */
	struct run_req_view *views;     /* the walk's buffer */
	size_t nr_views, alloc_views;
};

static int verdict_bad(struct decode *d, const char *what)
{
	return store_corrupt(d->st, "the verdict on system '%.64s' %s", d->id, what);
}

static int int_in(struct decode *d, const struct pack_value *v, long long lo, long long hi,
                  const char *name, int *out)
{
	if (v->type != PACK_INT || v->n < lo || v->n > hi)
		return store_corrupt(d->st, "system '%.64s' has %s %lld (expected %lld to %lld)", d->id,
		                     name, v->type == PACK_INT ? v->n : -1, lo, hi);
	*out = (int)v->n;
	return 0;
}

static int text_of(struct decode *d, const struct pack_value *v, char **out)
{
	if (*out || v->type != PACK_STRING || !(*out = pack_dup(v)))
		return verdict_bad(d, "holds a value that is not a text");
	return 0;
}

/* The index of name in names[0..n), or -1. */
static int name_index(const struct pack_value *v, const char *(*name)(int), int n)
{
	for (int i = 0; i < n; i++)
		if (pack_is(v, name(i)))
			return i;
	return -1;
}

static const char *severity_at(int i) { return severity_name((enum severity)i); }
static const char *drift_at(int i) { return drift_name((enum drift)i); }
static const char *state_at(int i) { return inspection_state_name((enum inspection_state)i); }
static const char *indep_at(int i) { return independence_name((enum independence)i); }
static const char *basis_at(int i) { return cadence_basis_name((enum cadence_basis)i); }

static int decode_inspection(struct decode *d, const struct pack_value *v,
                             struct system_result *res)
{
	struct pack_reader r;
	struct pack_value key, val;
	int rc, i;
	if (v->type != PACK_OBJECT || pack_enter(&r, v) < 0)
		return verdict_bad(d, "has an inspection that is not as assess writes it");
	res->inspection_known = 1;
	while ((rc = pack_member(&r, &key, &val)) == 1) {
		if (pack_is(&key, "state") || pack_is(&key, "counts") || pack_is(&key, "basis")) {
			int state = pack_is(&key, "state"), counts = pack_is(&key, "counts");
			i = name_index(&val, state ? state_at : counts ? indep_at : basis_at,
			               state ? INSP_NEVER + 1 : counts ? INDEP_LICENSED + 1
			                                               : CADENCE_REMINDER + 1);
			if (i < 0)
				return verdict_bad(d, "has an inspection value assess never writes");
			if (state)
				res->inspection_state = (enum inspection_state)i;
			else if (counts)
				res->inspection_counts = (enum independence)i;
			else
				res->inspection_basis = (enum cadence_basis)i;
		} else if (pack_is(&key, "last")) {
			if (val.type != PACK_STRING || val.len != 10 ||
			    pack_copy(&val, res->last_inspection) < 0 || !is_iso_date(res->last_inspection))
				return verdict_bad(d, "has a last inspection that is not a date");
		} else if (pack_is(&key, "months")) {
			if (int_in(d, &val, 0, 100000, "inspection months", &res->inspection_months) < 0)
				return -1;
		} else if (pack_is(&key, "article")) {
			if (text_of(d, &val, &res->inspection_article) < 0)
				return -1;
		} else if (pack_is(&key, "policy")) {
			if (text_of(d, &val, &res->inspection_policy) < 0)
				return -1;
		} else {
			return verdict_bad(d, "has an inspection field assess does not write");
		}
	}
	return rc < 0 ? verdict_bad(d, "has an inspection that is not as assess writes it") : 0;
}

/* One finding of a verdict into res. */
static int decode_finding(struct decode *d, const struct pack_value *item,
                          struct system_result *res)
{
	int texts = (d->parts & STORE_FINDING_TEXTS) != 0;
	struct pack_reader r;
	struct pack_value key, val;
	char *code = NULL, *args = NULL, *vi = NULL, *en = NULL, *basis[2] = {NULL, NULL};
	long long ref = 0, basis_ref = 0;
	int sev = -1, rc, ret = -1;
	if (item->type != PACK_OBJECT || pack_enter(&r, item) < 0)
		return verdict_bad(d, "has a finding that is not as assess writes it");
	while ((rc = pack_member(&r, &key, &val)) == 1) {
		if (pack_is(&key, "code")) {
			if (text_of(d, &val, &code) < 0)
				goto out;
		} else if (pack_is(&key, "severity")) {
			if ((sev = name_index(&val, severity_at, SEV_CRITICAL + 1)) < 0) {
				store_corrupt(d->st, "a finding of system '%.64s' has a severity assess never "
				              "writes", d->id);
				goto out;
			}
		} else if (pack_is(&key, "args-ref")) {
			if (val.type != PACK_INT || (ref = val.n) <= 0)
				goto bad;
		} else if (pack_is(&key, "basis")) {
			if (val.type != PACK_INT || basis_ref || (basis_ref = val.n) <= 0)
				goto bad;
		} else if (pack_is(&key, "basis-vi") || pack_is(&key, "basis-en")) {
			int l = pack_is(&key, "basis-en");
			if (val.type != PACK_STRING || basis[l])
				goto bad;
			if (texts && text_of(d, &val, &basis[l]) < 0)
				goto out;
		} else if (pack_is(&key, "args") || pack_is(&key, "text-vi") ||
		           pack_is(&key, "text-en")) {
			char **field = pack_is(&key, "args") ? &args : pack_is(&key, "text-vi") ? &vi : &en;
			if (val.type != PACK_STRING)
				goto bad;
			if (texts && text_of(d, &val, field) < 0)
				goto out;
		} else {
			goto bad;
		}
	}
	if (rc < 0 || !code || sev < 0)
		goto bad;
	if (texts && ref && !args) {
		const struct shared_text *t;
		if (cache_args(d->st, d->c) < 0)
			goto out;
		if (!(t = find_shared(d->c->args, d->c->nr_args, ref))) {
			store_corrupt(d->st, "a finding of system '%.64s' refers to arguments %lld, which "
			              "its run lacks", d->id, ref);
			goto out;
		}
		args = xstrdup(t->a);
	}
	if (basis_ref && (basis[0] || basis[1]))
		goto bad;
	if (texts && basis_ref) { /* Vietnamese U+001F English */
		const struct shared_text *t;
		const char *sep;
		if (cache_args(d->st, d->c) < 0)
			goto out;
		if (!(t = find_shared(d->c->args, d->c->nr_args, basis_ref))) {
			store_corrupt(d->st, "a finding of system '%.64s' refers to a legal basis %lld, "
			              "which its run lacks", d->id, basis_ref);
			goto out;
		}
		if (!(sep = strchr(t->a, '\037')) || !sep[1] || sep == t->a)
			goto bad;
		basis[0] = xmalloc((size_t)(sep - t->a) + 1);
		memcpy(basis[0], t->a, (size_t)(sep - t->a));
		basis[0][sep - t->a] = 0;
		basis[1] = xstrdup(sep + 1);
	}
	if (args) {
		result_take_finding_args(res, code, (enum severity)sev, args);
		args = NULL;
	} else {
		result_add_finding(res, code, (enum severity)sev, vi ? vi : "", en ? en : "");
	}
	/* a basis in one language only is not as assess writes it */
	if (texts && !basis[0] != !basis[1])
		goto bad;
	res->findings[res->nr_findings - 1].basis_vi = basis[0];
	res->findings[res->nr_findings - 1].basis_en = basis[1];
	basis[0] = basis[1] = NULL;
	ret = 0;
	goto out;
bad:
	verdict_bad(d, "has a finding that is not as assess writes it");
out:
	free(code);
	free(args);
	free(vi);
	free(en);
	free(basis[0]);
	free(basis[1]);
	return ret;
}

static int decode_findings(struct decode *d, const struct pack_value *v, struct system_result *res)
{
	struct pack_reader list;
	struct pack_value item;
	int rc;
	if (v->type != PACK_ARRAY || pack_enter(&list, v) < 0)
		return verdict_bad(d, "has findings that are not as assess writes them");
	while ((rc = pack_item(&list, &item)) == 1)
		if (decode_finding(d, &item, res) < 0)
			return -1;
	return rc < 0 ? verdict_bad(d, "has findings that are not as assess writes them") : 0;
}

/* The outcomes of the system's rule set, over the run's clause list. */
static int decode_outcomes(struct decode *d, const struct pack_value *v, const char *deciding,
                           struct system_result *res)
{
	const struct run_cache *c = d->c;
	const struct segment *seg = NULL;
	size_t n = v ? v->len : 0;
	for (size_t i = 0; i < c->nr_segs && res->rules; i++)
		if (!strcmp(c->segs[i].rules, res->rules))
			seg = &c->segs[i];
	if (!seg && (n || deciding))
		return store_corrupt(d->st, "system '%.64s' is assessed under rule set '%.40s', which "
		                     "its run lacks", d->id, res->rules ? res->rules : "");
	/* none stored: none given (outcomes are stored with every verdict a run
	 * makes) */
	res->nr_outcomes = n || deciding ? c->nr_clauses : 0;
	res->outcomes = xmalloc(c->nr_clauses ? c->nr_clauses : 1);
	memset(res->outcomes, OUTCOME_NOT_ASKED, c->nr_clauses);
	if (n) {
		if (v->type != PACK_STRING || v->escaped || n != seg->n)
			return verdict_bad(d, "has clause outcomes that do not match its run");
		for (size_t i = 0; i < n; i++) {
			char ch = v->s[i];
			if (ch != 'y' && ch != 'n' && ch != '?')
				return store_corrupt(d->st, "system '%.64s' has clause outcome '%c'", d->id,
				                     ch >= ' ' && ch < 127 ? ch : '?');
			res->outcomes[seg->first + i] = ch == 'y' ? TRI_YES : ch == 'n' ? TRI_NO : TRI_UNKNOWN;
		}
	}
	if (deciding) {
		for (size_t i = 0; seg && i < seg->n && res->deciding_clause < 0; i++)
			if (!strcmp(c->clauses[seg->first + i].id, deciding))
				res->deciding_clause = (int)(seg->first + i);
		if (res->deciding_clause < 0)
			return store_corrupt(d->st, "system '%.64s' is decided by clause '%.40s', which its "
			                     "run lacks", d->id, deciding);
	}
	return 0;
}

/* The requirement rows of the system (STORE_REQUIREMENTS). */
static int decode_requirements(struct decode *d)
{
	const struct reqset *rs = d->reqset;
	const struct catalogue_rows *cat = &d->c->cats[rs->cat];
	d->nr_views = 0;
	ALLOC_GROW(d->views, rs->nr, d->alloc_views);
	for (size_t i = 0; i < rs->nr; i++)
		d->views[d->nr_views++] = (struct run_req_view){
			&cat->rows[rs->rows[i].pos], rs->level, "unknown", NULL,
			rs->rows[i].condition_unknown, rs->rows[i].product};
	if (d->req_status.type != PACK_ARRAY)
		return 0;
	struct pack_reader list, entry;
	struct pack_value item, id, status, due, end;
	int rc;
	if (pack_enter(&list, &d->req_status) < 0)
		goto bad;
	while ((rc = pack_item(&list, &item)) == 1) {
		if (item.type != PACK_ARRAY || pack_enter(&entry, &item) < 0 ||
		    pack_item(&entry, &id) != 1 || pack_item(&entry, &status) != 1 ||
		    id.type != PACK_STRING || status.type != PACK_STRING || status.escaped ||
		    id.escaped)
			goto bad;
		int more = pack_item(&entry, &due);
		if (more < 0 || (more == 1 && (due.type != PACK_STRING || due.escaped ||
		                               due.len != 10 || pack_item(&entry, &end) != 0)))
			goto bad;
		size_t k = 0;
		while (k < d->nr_views && !pack_is(&id, d->views[k].req->id))
			k++;
		if (k == d->nr_views)
			goto bad;
		/* statuses are of requirements.h; into the row's strings (no escapes) */
		static const char *const statuses[] = {"met", "partial", "planned", "not-met",
		                                       "not-applicable", "waived", "waiver-expired",
		                                       "unknown"};
		const char *st = NULL;
		for (size_t s = 0; s < ARRAY_SIZE(statuses) && !st; s++)
			if (pack_is(&status, statuses[s]))
				st = statuses[s];
		if (!st)
			goto bad;
		d->views[k].status = st;
		if (more == 1) {
			/* the due date points into the verdict text: cut it out */
			char *date = d->text + (due.s - d->text);
			date[10] = '\0';
			if (!is_iso_date(date))
				goto bad;
			d->views[k].due = date;
		}
	}
	if (rc == 0)
		return 0;
bad:
	return verdict_bad(d, "has requirement statuses that are not as assess writes them");
}

/* res from the verdict text (a copy the decoder may cut up). */
static int decode_verdict(struct decode *d, char *text, struct system_result *res)
{
	struct pack_reader r;
	struct pack_value key, v, outcomes = {0};
	char *deciding = NULL;
	long long reqset = 0, reason = 0;
	int rc, ret = -1;
	if (pack_read(&r, text, strlen(text)) < 0)
		return verdict_bad(d, "is not as assess writes it");
	d->reqset = NULL;
	d->req_status.type = PACK_NULL;
	while ((rc = pack_member(&r, &key, &v)) == 1) {
		static const char *const int_keys[] = {"level", "determined", "level-low", "level-high",
		                                       "own-low", "own-high", "approved-level", "layers",
		                                       "layers-unknown"};
		int *int_fields[] = {&res->level, &res->determined, &res->level_low, &res->level_high,
		                     &res->own_level_low, &res->own_level_high, &res->approved_level,
		                     &res->layers, &res->layers_unknown};
		static const int lo[] = {1, 0, 0, 0, 0, 0, 1, 0, 0}, hi[] = {5, 1, 5, 5, 5, 5, 5, 15, 15};
		char **text_fields[] = {&res->rules, &res->rules_basis, &res->rules_article, &res->reason,
		                        &res->reason_vi, &res->deciding_component,
		                        &res->near_threshold, &res->readings, &res->hosting_separation,
		                        &res->hosting_article, &deciding};
		static const char *const text_keys[] = {"rules", "rules-basis", "rules-article", "reason",
		                                        "reason-vi", "deciding-component",
		                                        "near-threshold", "readings",
		                                        "hosting-separation", "hosting-article",
		                                        "deciding-clause"};
		size_t k;
		for (k = 0; k < ARRAY_SIZE(int_keys) && !pack_is(&key, int_keys[k]); k++)
			;
		if (k < ARRAY_SIZE(int_keys)) {
			if (int_in(d, &v, lo[k], hi[k], int_keys[k], int_fields[k]) < 0)
				goto out;
			continue;
		}
		for (k = 0; k < ARRAY_SIZE(text_keys) && !pack_is(&key, text_keys[k]); k++)
			;
		if (k < ARRAY_SIZE(text_keys)) {
			if (text_of(d, &v, text_fields[k]) < 0)
				goto out;
			continue;
		}
		if (pack_is(&key, "outcomes")) {
			outcomes = v;
		} else if (pack_is(&key, "drift")) {
			int i = name_index(&v, drift_at, DRIFT_UNAPPROVED + 1);
			if (i < 0) {
				store_corrupt(d->st, "system '%.64s' has a drift assess never writes", d->id);
				goto out;
			}
			res->drift = (enum drift)i;
		} else if (pack_is(&key, "rules-reason") || pack_is(&key, "reqset")) {
			if (v.type != PACK_INT || v.n <= 0) {
				verdict_bad(d, "refers to a shared row by something that is not an id");
				goto out;
			}
			*(pack_is(&key, "reqset") ? &reqset : &reason) = v.n;
		} else if (pack_is(&key, "requirements")) {
			struct pack_reader list;
			struct pack_value x;
			int *counts[] = {&res->requirements.applicable, &res->requirements.met,
			                 &res->requirements.partial, &res->requirements.not_met,
			                 &res->requirements.waived, &res->requirements.unknown};
			if (v.type != PACK_ARRAY || pack_enter(&list, &v) < 0)
				goto bad;
			for (k = 0; k < ARRAY_SIZE(counts); k++)
				if (pack_item(&list, &x) != 1 ||
				    int_in(d, &x, 0, INT_MAX, "a requirement count", counts[k]) < 0)
					goto bad;
			if (pack_item(&list, &x) != 0)
				goto bad;
		} else if (pack_is(&key, "next-due")) {
			if (v.type != PACK_STRING || v.len != 10 ||
			    pack_copy(&v, res->next_inspection_due) < 0 ||
			    !is_iso_date(res->next_inspection_due)) {
				store_corrupt(d->st, "system '%.64s' has a next inspection due that is not a "
				              "date", d->id);
				goto out;
			}
		} else if (pack_is(&key, "inspection")) {
			if (decode_inspection(d, &v, res) < 0)
				goto out;
		} else if (pack_is(&key, "req-status")) {
			d->req_status = v;
		} else if (pack_is(&key, "findings")) {
			if (decode_findings(d, &v, res) < 0)
				goto out;
		} else {
			goto bad;
		}
	}
	if (rc < 0)
		goto bad;
	if (res->determined && !res->level) {
		store_corrupt(d->st, "system '%s' is determined without a level", d->id);
		goto out;
	}
	if (reason && (d->parts & STORE_FINDING_TEXTS)) {
		const struct shared_text *t;
		if (cache_reasons(d->st, d->c) < 0)
			goto out;
		if (!(t = find_shared(d->c->reasons, d->c->nr_reasons, reason))) {
			verdict_bad(d, "refers to a reason its run lacks");
			goto out;
		}
		res->rules_reason = xstrdup_or_null(t->a);
		res->rules_reason_vi = xstrdup_or_null(t->b);
	}
	if (reqset && (d->parts & STORE_REQUIREMENTS)) {
		if (cache_requirements(d->st, d->c) < 0)
			goto out;
		size_t lo_i = 0, hi_i = d->c->nr_reqsets;
		while (lo_i < hi_i && !d->reqset) {
			size_t mid = lo_i + (hi_i - lo_i) / 2;
			if (d->c->reqsets[mid].id == reqset)
				d->reqset = &d->c->reqsets[mid];
			else if (d->c->reqsets[mid].id < reqset)
				lo_i = mid + 1;
			else
				hi_i = mid;
		}
		if (!d->reqset) {
			verdict_bad(d, "refers to requirement rows its run lacks");
			goto out;
		}
	}
	if (decode_outcomes(d, outcomes.type == PACK_STRING ? &outcomes : NULL, deciding, res) < 0)
		goto out;
	ret = 0;
	goto out;
bad:
	verdict_bad(d, "is not as assess writes it");
out:
	free(deciding);
	return ret;
}

/* ---- walks ---------------------------------------------------------------- */

static const unsigned long long lean_facts = (1ull << F_NAME) | (1ull << F_OPERATOR) |
                                             (1ull << F_STATUS) | (1ull << F_PLAN_STATUS) |
                                             (1ull << F_REG_DECISION);

/* store_each_run_system with the statement of a one-system walk in slot
 * one (a walk may look another system up from inside its callback). */
static int each_run_system(struct store *st, long run, const char *only_id,
                           const char *only_owner, unsigned parts, enum stmt_slot one,
                           int (*fn)(void *data, const struct run_system_view *v), void *data)
{
	struct decode d = {.st = st, .parts = parts};
	struct system_result res;
	struct system_record rec;
	struct arena arena = {0};
	struct strbuf verdict;
	sqlite3_stmt *s = NULL;
	int rc, ret = -1;

	memset(&res, 0, sizeof(res));
	system_record_init(&rec);
	strbuf_init(&verdict);
	if (!(d.c = cache_for(st, run)))
		goto done;
	s = only_id ? store_stmt(st, one, sql_one_run_system)
	    : only_owner ? store_stmt(st, ST_RUN_OWNER_SYSTEMS, sql_run_owner_systems)
	                 : store_stmt(st, ST_EACH_RUN_SYSTEM, sql_each_run_system);
	if (!s)
		goto done;
	sqlite3_bind_int64(s, 1, run);
	if (only_id || only_owner)
		store_bind_text(s, 2, only_id ? only_id : only_owner);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long long row;
		if (store_column_needed(st, s, 0) < 0 || store_column_needed(st, s, 2) < 0 ||
		    store_column_int_in(st, s, 1, 1, LLONG_MAX, 0, &row) < 0)
			goto out;
		system_result_init(&res, store_column_str(s, 0));
		d.id = res.system_id;
		strbuf_reset(&verdict);
		strbuf_addstr(&verdict, store_column_str(s, 2));
		d.text = verdict.buf;
		if (decode_verdict(&d, verdict.buf, &res) < 0)
			goto out;
		if (row) {
			const char *owner = store_column_str(s, 3), *file = store_column_str(s, 4);
			rec.value[F_ID] = res.system_id;
			if (owner)
				rec.value[F_OWNER] = arena_dup(&arena, owner, strlen(owner));
			if (file)
				rec.file = arena_dup(&arena, file, strlen(file));
			if (store_column_long(st, s, 5, 0, &rec.line) < 0 ||
			    store_column_needed(st, s, 7) < 0 ||
			    store_unpack_record(st, res.system_id, store_column_str(s, 6),
			                        store_column_str(s, 7),
			                        (parts & STORE_FACTS_LEAN) ? &lean_facts : NULL,
			                        parts & STORE_ALL_CHILDREN, &rec, &arena) < 0)
				goto out;
		}
		if (d.reqset && decode_requirements(&d) < 0)
			goto out;
		if (parts & STORE_FINDING_TEXTS)
			result_fill_finding_texts(&res);
		struct run_system_view view = {&res, &rec, d.reqset ? d.views : NULL,
		                               d.reqset ? d.nr_views : 0};
		int r = fn(data, &view);
		system_result_release(&res);
		rec.value[F_ID] = NULL;
		rec.file = NULL;
		for (int i = 0; i < F__COUNT; i++)
			rec.value[i] = NULL;
		rec.nr_components = rec.nr_inspections = rec.nr_controls = rec.nr_waivers = 0;
		arena_reset(&arena);
		if (r) {
			ret = r;
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		store_db_error(st, "cannot read a run");
		goto out;
	}
	ret = 0;
out:
	sqlite3_reset(s);
done:
	system_result_release(&res);
	rec.value[F_ID] = NULL;
	rec.file = NULL;
	for (int i = 0; i < F__COUNT; i++)
		rec.value[i] = NULL;
	rec.nr_components = rec.nr_inspections = rec.nr_controls = rec.nr_waivers = 0;
	system_record_release(&rec);
	arena_release(&arena);
	strbuf_release(&verdict);
	free(d.views);
	return ret;
}

int store_each_run_system(struct store *st, long run, const char *only_id,
                          const char *only_owner, unsigned parts,
                          int (*fn)(void *data, const struct run_system_view *v),
                          void *data)
{
	return each_run_system(st, run, only_id, only_owner, parts, ST_ONE_RUN_SYSTEM, fn, data);
}

/* store_run_peer's callback: what a component element shows. */
struct peer {
	char *name;
	int level, determined, seen;
};

static int take_peer(void *data, const struct run_system_view *v)
{
	struct peer *p = data;
	p->seen = 1;
	p->name = xstrdup_or_null(v->rec->value[F_NAME]);
	p->level = v->res->determined ? v->res->level : 0;
	p->determined = v->res->determined;
	return 0;
}

int store_run_peer(struct store *st, long run, const char *id, char **name, int *level,
                   int *determined)
{
	struct peer p = {0};
	*name = NULL;
	*level = *determined = 0;
	if (!id)
		return 0;
	if (each_run_system(st, run, id, NULL, STORE_FACTS_LEAN, ST_RUN_PEER, take_peer, &p) < 0)
		return -1;
	*name = p.name;
	*level = p.level;
	*determined = p.determined;
	return p.seen;
}
