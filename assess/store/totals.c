/*
 * totals.c - a run's totals (store.h struct run_summary): accumulated
 * system by system as a run is written (or as a document's systems are
 * read), packed with the run, read back checked.
 *
 * Packed (pack.h): {"systems", "level": [undetermined, 1..5], "determined",
 * "approved", "unapproved", "operating", "severity": [info, warning,
 * critical], "owners": [TALLY...], "operators": [TALLY...], "codes":
 * [{"code", "severity", "systems", "sample": [id...]}...],
 * "undetermined-sample": [id...]}; a TALLY is {"id", "systems", "level",
 * "approved", "unapproved", "severity", "plan": [full, partial, none,
 * unknown], "regulation", "inspected", "layers": [1..4]}.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "strmap.h"
#include "util.h"

struct summary_index {
	struct strmap owners, operators, codes;
};

void run_summary_init(struct run_summary *s)
{
	memset(s, 0, sizeof(*s));
}

static void free_ids(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

static void free_tallies(struct run_tally *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(t[i].id);
	free(t);
}

void run_summary_release(struct run_summary *s)
{
	struct summary_index *x = s->index;
	free_tallies(s->owners, s->nr_owners);
	free_tallies(s->operators, s->nr_operators);
	for (size_t i = 0; i < s->nr_codes; i++) {
		free(s->codes[i].code);
		free_ids(s->codes[i].sample, s->codes[i].nr_sample);
	}
	free(s->codes);
	free_ids(s->undetermined, s->nr_undetermined);
	if (x) {
		strmap_release(&x->owners);
		strmap_release(&x->operators);
		strmap_release(&x->codes);
		free(x);
	}
	memset(s, 0, sizeof(*s));
}

static struct summary_index *index_of(struct run_summary *s)
{
	if (!s->index) {
		struct summary_index *x = xcalloc(1, sizeof(*x));
		strmap_init(&x->owners);
		strmap_init(&x->operators);
		strmap_init(&x->codes);
		s->index = x;
	}
	return s->index;
}

static struct run_tally *tally_for(struct run_tally **t, size_t *n, size_t *alloc,
                                   struct strmap *index, const char *id)
{
	size_t i;
	if (!id)
		id = "";
	if (strmap_get(index, id, &i))
		return &(*t)[i];
	ALLOC_GROW(*t, *n + 1, *alloc);
	i = (*n)++;
	memset(&(*t)[i], 0, sizeof((*t)[i]));
	(*t)[i].id = xstrdup(id);
	strmap_put(index, id, i, NULL);
	return &(*t)[i];
}

/* Keep id among the RUN_SAMPLE smallest ids of a sorted list. */
static void sample_add(char ***ids, size_t *n, const char *id)
{
	if (*n == RUN_SAMPLE && strcmp(id, (*ids)[*n - 1]) >= 0)
		return;
	if (!*ids)
		*ids = xcalloc(RUN_SAMPLE, sizeof(**ids));
	size_t at = *n;
	while (at > 0 && strcmp(id, (*ids)[at - 1]) < 0)
		at--;
	if (*n == RUN_SAMPLE)
		free((*ids)[--*n]);
	memmove(*ids + at + 1, *ids + at, (*n - at) * sizeof(**ids));
	(*ids)[at] = xstrdup(id);
	(*n)++;
}

void run_summary_add(struct run_summary *s, const struct system_result *res,
                     const struct system_record *rec)
{
	struct summary_index *x = index_of(s);
	int level = res->determined ? res->level : 0;
	const char *plan = rec->value[F_PLAN_STATUS];
	int inspected = res->inspection_known && (res->inspection_state == INSP_OK ||
	                                          res->inspection_state == INSP_DUE_SOON);
	struct run_tally *ts[2] = {
		tally_for(&s->owners, &s->nr_owners, &s->alloc_owners, &x->owners, rec->value[F_OWNER]),
		NULL,
	};
	ts[1] = tally_for(&s->operators, &s->nr_operators, &s->alloc_operators, &x->operators,
	                  rec->value[F_OPERATOR]);
	for (int k = 0; k < 2; k++) {
		struct run_tally *t = ts[k];
		t->systems++;
		t->level[level]++;
		if (res->approved_level)
			t->approved++;
		else
			t->unapproved++;
		if (!plan)
			t->plan_unknown++;
		else if (!strcmp(plan, "full"))
			t->plan_full++;
		else if (!strcmp(plan, "partial"))
			t->plan_partial++;
		else
			t->plan_none++;
		if (rec->value[F_REG_DECISION])
			t->regulation++;
		if (inspected)
			t->inspected++;
		for (int l = 0; l < 4; l++)
			if (res->layers & (1 << l))
				t->layer[l]++;
		for (size_t f = 0; f < res->nr_findings; f++)
			t->severity[res->findings[f].severity]++;
	}
	s->systems++;
	s->level[level]++;
	if (res->determined)
		s->determined++;
	if (res->approved_level)
		s->approved++;
	else
		s->unapproved++;
	if (rec->value[F_STATUS] && !strcmp(rec->value[F_STATUS], "operating"))
		s->operating++;
	for (size_t f = 0; f < res->nr_findings; f++) {
		const struct finding *fd = &res->findings[f];
		size_t i;
		s->severity[fd->severity]++;
		/* each code (and severity) once per system */
		int seen = 0;
		for (size_t g = 0; g < f && !seen; g++)
			seen = res->findings[g].severity == fd->severity &&
			       !strcmp(res->findings[g].code, fd->code);
		if (seen)
			continue;
		/* one row per code and severity: a code's severity may depend on
		 * the level (inspection-overdue is critical from level 4) */
		char key[160];
		snprintf(key, sizeof(key), "%s/%d", fd->code, (int)fd->severity);
		if (!strmap_get(&x->codes, key, &i)) {
			ALLOC_GROW(s->codes, s->nr_codes + 1, s->alloc_codes);
			i = s->nr_codes++;
			memset(&s->codes[i], 0, sizeof(s->codes[i]));
			s->codes[i].code = xstrdup(fd->code);
			s->codes[i].severity = fd->severity;
			strmap_put(&x->codes, key, i, NULL);
		}
		s->codes[i].systems++;
		sample_add(&s->codes[i].sample, &s->codes[i].nr_sample, res->system_id);
	}
	if (!res->determined)
		sample_add(&s->undetermined, &s->nr_undetermined, res->system_id);
}

static int by_tally_id(const void *a, const void *b)
{
	return strcmp(((const struct run_tally *)a)->id, ((const struct run_tally *)b)->id);
}

static int by_code(const void *a, const void *b)
{
	const struct run_code *x = a, *y = b;
	if (x->severity != y->severity)
		return (int)y->severity - (int)x->severity;
	return strcmp(x->code, y->code);
}

void run_summary_finish(struct run_summary *s)
{
	struct summary_index *x = s->index;
	if (s->nr_owners)
		qsort(s->owners, s->nr_owners, sizeof(*s->owners), by_tally_id);
	if (s->nr_operators)
		qsort(s->operators, s->nr_operators, sizeof(*s->operators), by_tally_id);
	if (s->nr_codes)
		qsort(s->codes, s->nr_codes, sizeof(*s->codes), by_code);
	if (x) { /* the indices point at the unsorted places: no more adding */
		strmap_release(&x->owners);
		strmap_release(&x->operators);
		strmap_release(&x->codes);
		free(x);
		s->index = NULL;
	}
}

/* ---- packed ------------------------------------------------------------- */

static void pack_longs(struct pack_writer *w, const char *key, const long *v, int n)
{
	pack_open(w, key, '[');
	for (int i = 0; i < n; i++)
		pack_int(w, NULL, v[i]);
	pack_close(w);
}

static void pack_ids(struct pack_writer *w, const char *key, char *const *ids, size_t n)
{
	pack_open(w, key, '[');
	for (size_t i = 0; i < n; i++)
		pack_str(w, NULL, ids[i]);
	pack_close(w);
}

static void pack_tallies(struct pack_writer *w, const char *key, const struct run_tally *t,
                         size_t n)
{
	pack_open(w, key, '[');
	for (size_t i = 0; i < n; i++) {
		const long plan[4] = {t[i].plan_full, t[i].plan_partial, t[i].plan_none,
		                      t[i].plan_unknown};
		pack_open(w, NULL, '{');
		pack_str(w, "id", t[i].id);
		pack_int(w, "systems", t[i].systems);
		pack_longs(w, "level", t[i].level, 6);
		pack_int(w, "approved", t[i].approved);
		pack_int(w, "unapproved", t[i].unapproved);
		pack_longs(w, "severity", t[i].severity, 3);
		pack_longs(w, "plan", plan, 4);
		pack_int(w, "regulation", t[i].regulation);
		pack_int(w, "inspected", t[i].inspected);
		pack_longs(w, "layers", t[i].layer, 4);
		pack_close(w);
	}
	pack_close(w);
}

void run_summary_pack(const struct run_summary *s, struct strbuf *out)
{
	struct pack_writer w;
	pack_begin(&w, out);
	pack_int(&w, "systems", s->systems);
	pack_longs(&w, "level", s->level, 6);
	pack_int(&w, "determined", s->determined);
	pack_int(&w, "approved", s->approved);
	pack_int(&w, "unapproved", s->unapproved);
	pack_int(&w, "operating", s->operating);
	pack_longs(&w, "severity", s->severity, 3);
	pack_tallies(&w, "owners", s->owners, s->nr_owners);
	pack_tallies(&w, "operators", s->operators, s->nr_operators);
	pack_open(&w, "codes", '[');
	for (size_t i = 0; i < s->nr_codes; i++) {
		const struct run_code *c = &s->codes[i];
		pack_open(&w, NULL, '{');
		pack_str(&w, "code", c->code);
		pack_str(&w, "severity", severity_name(c->severity));
		pack_int(&w, "systems", c->systems);
		pack_ids(&w, "sample", c->sample, c->nr_sample);
		pack_close(&w);
	}
	pack_close(&w);
	pack_ids(&w, "undetermined-sample", s->undetermined, s->nr_undetermined);
	pack_end(&w);
}

/* Reading: what went wrong goes through the store's name. */
struct unpack_state {
	struct store *st;
};

static int totals_bad(struct unpack_state *u)
{
	return store_corrupt(u->st, "the totals of a run are not as assess writes them");
}

/* The helpers below return -1 without a word: the caller reports once. */
static int take_long(struct unpack_state *u, const struct pack_value *v, long *out)
{
	(void)u;
	if (v->type != PACK_INT || v->n < 0 || v->n > LONG_MAX)
		return -1;
	*out = (long)v->n;
	return 0;
}

static int take_longs(struct unpack_state *u, const struct pack_value *v, long *out, int n)
{
	struct pack_reader r;
	struct pack_value x;
	if (v->type != PACK_ARRAY || pack_enter(&r, v) < 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (pack_item(&r, &x) != 1 || take_long(u, &x, &out[i]) < 0)
			return -1;
	return pack_item(&r, &x) == 0 ? 0 : -1;
}

static int take_ids(struct unpack_state *u, const struct pack_value *v, char ***ids, size_t *n)
{
	(void)u;
	struct pack_reader r;
	struct pack_value x;
	int rc;
	if (v->type != PACK_ARRAY || pack_enter(&r, v) < 0)
		return -1;
	while ((rc = pack_item(&r, &x)) == 1) {
		char *id;
		if (*n >= RUN_SAMPLE || x.type != PACK_STRING || !(id = pack_dup(&x)))
			return -1;
		if (!*ids)
			*ids = xcalloc(RUN_SAMPLE, sizeof(**ids));
		(*ids)[(*n)++] = id;
	}
	return rc < 0 ? -1 : 0;
}

static int take_tallies(struct unpack_state *u, const struct pack_value *v, struct run_tally **t,
                        size_t *n, size_t *alloc)
{
	struct pack_reader list, r;
	struct pack_value item, key, val;
	int rc, rc2;
	if (v->type != PACK_ARRAY || pack_enter(&list, v) < 0)
		return -1;
	while ((rc = pack_item(&list, &item)) == 1) {
		if (item.type != PACK_OBJECT || pack_enter(&r, &item) < 0)
			return -1;
		ALLOC_GROW(*t, *n + 1, *alloc);
		struct run_tally *x = &(*t)[(*n)++];
		memset(x, 0, sizeof(*x));
		while ((rc2 = pack_member(&r, &key, &val)) == 1) {
			long plan[4];
			int ok;
			if (pack_is(&key, "id"))
				ok = !x->id && val.type == PACK_STRING && (x->id = pack_dup(&val));
			else if (pack_is(&key, "level"))
				ok = take_longs(u, &val, x->level, 6) == 0;
			else if (pack_is(&key, "severity"))
				ok = take_longs(u, &val, x->severity, 3) == 0;
			else if (pack_is(&key, "layers"))
				ok = take_longs(u, &val, x->layer, 4) == 0;
			else if (pack_is(&key, "plan")) {
				ok = take_longs(u, &val, plan, 4) == 0;
				x->plan_full = plan[0];
				x->plan_partial = plan[1];
				x->plan_none = plan[2];
				x->plan_unknown = plan[3];
			} else {
				long *field = pack_is(&key, "systems") ? &x->systems
				              : pack_is(&key, "approved") ? &x->approved
				              : pack_is(&key, "unapproved") ? &x->unapproved
				              : pack_is(&key, "regulation") ? &x->regulation
				              : pack_is(&key, "inspected") ? &x->inspected : NULL;
				ok = field && take_long(u, &val, field) == 0;
			}
			if (!ok)
				return -1;
		}
		if (rc2 < 0 || !x->id)
			return -1;
	}
	return rc < 0 ? -1 : 0;
}

static int take_codes(struct unpack_state *u, const struct pack_value *v, struct run_summary *s)
{
	struct pack_reader list, r;
	struct pack_value item, key, val;
	int rc, rc2;
	if (v->type != PACK_ARRAY || pack_enter(&list, v) < 0)
		return -1;
	while ((rc = pack_item(&list, &item)) == 1) {
		if (item.type != PACK_OBJECT || pack_enter(&r, &item) < 0)
			return -1;
		ALLOC_GROW(s->codes, s->nr_codes + 1, s->alloc_codes);
		struct run_code *c = &s->codes[s->nr_codes++];
		int sev = -1;
		memset(c, 0, sizeof(*c));
		while ((rc2 = pack_member(&r, &key, &val)) == 1) {
			int ok;
			if (pack_is(&key, "code"))
				ok = !c->code && val.type == PACK_STRING && (c->code = pack_dup(&val));
			else if (pack_is(&key, "severity")) {
				char name[16];
				ok = val.type == PACK_STRING && val.len < sizeof(name) &&
				     pack_copy(&val, name) >= 0 && (sev = severity_parse(name)) >= 0;
			} else if (pack_is(&key, "systems"))
				ok = take_long(u, &val, &c->systems) == 0;
			else if (pack_is(&key, "sample"))
				ok = take_ids(u, &val, &c->sample, &c->nr_sample) == 0;
			else
				ok = 0;
			if (!ok)
				return -1;
		}
		if (rc2 < 0 || !c->code || sev < 0)
			return -1;
		c->severity = (enum severity)sev;
	}
	return rc < 0 ? -1 : 0;
}

int run_summary_unpack(struct store *st, const char *text, struct run_summary *s)
{
	struct unpack_state u = {st};
	struct pack_reader r;
	struct pack_value key, v;
	int rc;
	if (!text || pack_read(&r, text, strlen(text)) < 0)
		return totals_bad(&u);
	while ((rc = pack_member(&r, &key, &v)) == 1) {
		int ok;
		if (pack_is(&key, "level"))
			ok = take_longs(&u, &v, s->level, 6) == 0;
		else if (pack_is(&key, "severity"))
			ok = take_longs(&u, &v, s->severity, 3) == 0;
		else if (pack_is(&key, "owners"))
			ok = take_tallies(&u, &v, &s->owners, &s->nr_owners, &s->alloc_owners) == 0;
		else if (pack_is(&key, "operators"))
			ok = take_tallies(&u, &v, &s->operators, &s->nr_operators, &s->alloc_operators) == 0;
		else if (pack_is(&key, "codes"))
			ok = take_codes(&u, &v, s) == 0;
		else if (pack_is(&key, "undetermined-sample"))
			ok = take_ids(&u, &v, &s->undetermined, &s->nr_undetermined) == 0;
		else {
			long *field = pack_is(&key, "systems") ? &s->systems
			              : pack_is(&key, "determined") ? &s->determined
			              : pack_is(&key, "approved") ? &s->approved
			              : pack_is(&key, "unapproved") ? &s->unapproved
			              : pack_is(&key, "operating") ? &s->operating : NULL;
			ok = field && take_long(&u, &v, field) == 0;
		}
		if (!ok)
			return totals_bad(&u);
	}
	if (rc < 0)
		return totals_bad(&u);
	long sum = 0;
	for (int l = 0; l <= 5; l++)
		sum += s->level[l];
	if (sum != s->systems || s->determined > s->systems)
		return totals_bad(&u);
	return 0;
}
