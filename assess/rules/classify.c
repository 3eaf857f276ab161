/*
 * classify.c - three-valued evaluation of rule sets and composite
 * aggregation. Pure: structs in, verdicts out.
 */
#include "classify.h"

#include <stdlib.h>
#include <string.h>

#include "rx.h"
#include "util.h"

#define NOT_YET 0xff

/* One evaluation of a rule set's conditions on one record. */
struct eval {
	const struct system_record *rec;
	unsigned char *leaf;           /* per condition index: leaf value, NOT_YET */
	unsigned char *limit;          /* per condition index: 1 when a PCRE2 limit was hit */
	const struct condition *flip;  /* a leaf whose yes/no is swapped, or NULL */
	int limit_hits;                /* leaves that hit a limit */
};

static enum tri tri_min(enum tri a, enum tri b)
{
	return a < b ? a : b;
}

static enum tri tri_max(enum tri a, enum tri b)
{
	return a > b ? a : b;
}

static enum tri tri_not(enum tri a)
{
	return a == TRI_YES ? TRI_NO : a == TRI_NO ? TRI_YES : TRI_UNKNOWN;
}

static enum tri tri_of(int b)
{
	return b ? TRI_YES : TRI_NO;
}

/* The stated text of fact id, or NULL when it is unknown. */
static const char *fact_text(const struct system_record *rec, int id)
{
	const char *v = rec->value[id];
	enum fact_kind kind = fact_def((enum fact_id)id)->kind;
	if (!v || (kind != FACT_TEXT && !strcmp(v, "unknown")))
		return NULL;
	if (kind == FACT_TRI && strcmp(v, "yes") && strcmp(v, "no"))
		return NULL;
	return v;
}

static enum tri leaf_value(const struct condition *c, const struct system_record *rec,
                           int *limit)
{
	const char *v = fact_text(rec, c->fact);
	long long n;
	if (c->kind == COND_KNOWN)
		return tri_of(v != NULL);
	if (!v)
		return TRI_UNKNOWN;
	switch (c->kind) {
	case COND_IS:
		if (fact_def((enum fact_id)c->fact)->kind == FACT_COUNT) {
			if (parse_count(v, &n) < 0)
				return TRI_UNKNOWN;
			return tri_of(n == c->number);
		}
		return tri_of(!strcmp(v, c->value));
	case COND_IN:
		return tri_of(word_in_list(c->value, v, strlen(v)));
	case COND_HAS:
		return tri_of(word_in_list(v, c->value, strlen(c->value)));
	case COND_AT_LEAST:
	case COND_BELOW:
		if (parse_count(v, &n) < 0)
			return TRI_UNKNOWN;
		return tri_of(c->kind == COND_AT_LEAST ? n >= c->number : n < c->number);
	case COND_BEFORE:
		return tri_of(strcmp(v, c->value) < 0);
	case COND_MATCHES: {
		if (!c->rx)
			return TRI_UNKNOWN;
		int r = rx_match(c->rx, v, strlen(v), NULL);
		if (r < 0) {
			*limit = 1;
			return TRI_UNKNOWN;
		}
		return tri_of(r);
	}
	default:
		return TRI_UNKNOWN;
	}
}

static int is_leaf(const struct condition *c)
{
	return c->kind != COND_ALL && c->kind != COND_ANY && c->kind != COND_NOT;
}

static enum tri eval(struct eval *ev, const struct condition *c)
{
	enum tri r;
	if (is_leaf(c)) {
		if (ev->leaf[c->index] == NOT_YET) {
			int limit = 0;
			ev->leaf[c->index] = (unsigned char)leaf_value(c, ev->rec, &limit);
			if (limit) {
				ev->limit[c->index] = 1;
				ev->limit_hits++;
			}
		}
		r = (enum tri)ev->leaf[c->index];
		return c == ev->flip ? tri_not(r) : r;
	}
	if (c->kind == COND_NOT)
		return c->nr_children ? tri_not(eval(ev, &c->children[0])) : TRI_UNKNOWN;
	r = c->kind == COND_ALL ? TRI_YES : TRI_NO;
	for (size_t i = 0; i < c->nr_children; i++) {
		enum tri k = eval(ev, &c->children[i]);
		r = c->kind == COND_ALL ? tri_min(r, k) : tri_max(r, k);
	}
	return r;
}

enum tri classify_condition(const struct condition *cond, const struct system_record *rec)
{
	if (!cond || !rec)
		return TRI_UNKNOWN;
	if (is_leaf(cond)) {
		int limit = 0;
		return leaf_value(cond, rec, &limit);
	}
	if (cond->kind == COND_NOT)
		return cond->nr_children ? tri_not(classify_condition(&cond->children[0], rec))
		                         : TRI_UNKNOWN;
	enum tri r = cond->kind == COND_ALL ? TRI_YES : TRI_NO;
	for (size_t i = 0; i < cond->nr_children; i++) {
		enum tri k = classify_condition(&cond->children[i], rec);
		r = cond->kind == COND_ALL ? tri_min(r, k) : tri_max(r, k);
	}
	return r;
}

void classify_unknown_facts(const struct condition *cond, const struct system_record *rec,
                            struct strbuf *out)
{
	if (!cond || !rec || classify_condition(cond, rec) != TRI_UNKNOWN)
		return;
	if (is_leaf(cond)) {
		const char *name = fact_def((enum fact_id)cond->fact)->name;
		size_t n = strlen(name);
		for (const char *p = out->buf; (p = strstr(p, name)); p += n)
			if ((p == out->buf || p[-1] == ' ') && (p[n] == ',' || !p[n]))
				return;
		strbuf_addf(out, "%s%s", out->len ? ", " : "", name);
		return;
	}
	for (size_t i = 0; i < cond->nr_children; i++)
		classify_unknown_facts(&cond->children[i], rec, out);
}

/* A list of distinct strings, each with a Vietnamese twin (vi[i], may be
 * NULL when the text is the same in both languages). */
struct strlist {
	char **items;
	char **vi;
	size_t nr, alloc, alloc_vi;
};

/* Add s (and its Vietnamese form vi, may be NULL); both are taken over. */
static void strlist_add2(struct strlist *l, char *s, char *vi)
{
	for (size_t i = 0; i < l->nr; i++)
		if (!strcmp(l->items[i], s)) {
			free(s);
			free(vi);
			return;
		}
	ALLOC_GROW(l->items, l->nr + 1, l->alloc);
	ALLOC_GROW(l->vi, l->nr + 1, l->alloc_vi);
	l->vi[l->nr] = vi;
	l->items[l->nr++] = s;
}

static void strlist_add(struct strlist *l, char *s)
{
	strlist_add2(l, s, NULL);
}

static void strlist_join_lang(struct strlist *l, const char *sep, struct strbuf *sb,
                              int vietnamese)
{
	for (size_t i = 0; i < l->nr; i++) {
		if (i || sb->len)
			strbuf_addstr(sb, sep);
		strbuf_addstr(sb, vietnamese && l->vi[i] ? l->vi[i] : l->items[i]);
	}
}

static void strlist_join(struct strlist *l, const char *sep, struct strbuf *sb)
{
	strlist_join_lang(l, sep, sb, 0);
}

static void strlist_release(struct strlist *l)
{
	for (size_t i = 0; i < l->nr; i++) {
		free(l->items[i]);
		free(l->vi[i]);
	}
	free(l->items);
	free(l->vi);
	memset(l, 0, sizeof(*l));
}

/* The level a clause gives: its constant, or its level-from fact (1..5);
 * 0 when the fact does not give a level. */
static int clause_level(const struct clause *cl, const struct system_record *rec)
{
	if (cl->level_from < 0)
		return cl->level;
	const char *v = fact_text(rec, cl->level_from);
	long long n;
	if (!v || parse_count(v, &n) < 0 || n < 1 || n > 5)
		return 0;
	return (int)n;
}

/* Levels from outcomes: *low from the clauses that hold, *high the max with
 * every unknown clause (an unknown level-from clause could give 5). */
static void level_range(const struct ruleset *rs, const struct system_record *rec,
                        const unsigned char *out, int *low, int *high)
{
	*low = *high = 0;
	for (size_t i = 0; i < rs->nr_clauses; i++) {
		int lv = clause_level(&rs->clauses[i], rec);
		if (out[i] == TRI_YES && lv > *low)
			*low = lv;
		if (out[i] == TRI_UNKNOWN && (lv ? lv : 5) > *high)
			*high = lv ? lv : 5;
	}
	if (*low > *high)
		*high = *low;
}

/* Collect why c is unknown: the unknown leaves under unknown nodes. */
static void collect_unknown(struct eval *ev, const struct condition *c, struct strlist *out)
{
	if (is_leaf(c)) {
		struct strbuf sb, vi;
		strbuf_init(&sb);
		strbuf_init(&vi);
		const char *fact = fact_def((enum fact_id)c->fact)->name;
		if (ev->limit[c->index]) {
			strbuf_addf(&sb, "pattern /%s/ on %s hit the match limit", c->value, fact);
			strbuf_addf(&vi, "mẫu /%s/ trên %s vượt giới hạn so khớp", c->value, fact);
		} else {
			strbuf_addf(&sb, "%s is unknown", fact);
			strbuf_addf(&vi, "chưa rõ %s", fact);
		}
		strlist_add2(out, strbuf_detach(&sb), strbuf_detach(&vi));
		return;
	}
	for (size_t i = 0; i < c->nr_children; i++)
		if (eval(ev, &c->children[i]) == TRI_UNKNOWN)
			collect_unknown(ev, &c->children[i], out);
}

/* Numeric leaves of c near their threshold whose flip changes the range. */
static void collect_near(struct eval *ev, const struct ruleset *rs, size_t ci,
                         const struct condition *c, unsigned char *out, int low, int high,
                         struct strlist *near)
{
	if (!is_leaf(c)) {
		for (size_t i = 0; i < c->nr_children; i++)
			collect_near(ev, rs, ci, &c->children[i], out, low, high, near);
		return;
	}
	if ((c->kind != COND_AT_LEAST && c->kind != COND_BELOW) || !c->near)
		return;
	const char *v = fact_text(ev->rec, c->fact);
	long long n;
	if (!v || parse_count(v, &n) < 0)
		return;
	long long diff = n > c->number ? n - c->number : c->number - n;
	if (diff * 10 > c->number)
		return;
	unsigned char saved = out[ci];
	ev->flip = c;
	out[ci] = (unsigned char)eval(ev, &rs->clauses[ci].cond);
	ev->flip = NULL;
	int low2, high2;
	level_range(rs, ev->rec, out, &low2, &high2);
	out[ci] = saved;
	if (low2 == low && high2 == high)
		return;
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_addf(&sb, "%s = %lld (threshold %lld)", fact_def((enum fact_id)c->fact)->name, n,
	            c->number);
	strlist_add(near, strbuf_detach(&sb));
}

int classify_system(const struct ruleset *rs, const struct system_record *rec,
                    struct system_result *res)
{
	if (!rs || !rec || !res)
		return 0;
	struct eval ev = {rec, NULL, NULL, NULL, 0};
	size_t nc = rs->nr_conditions ? rs->nr_conditions : 1;
	ev.leaf = xmalloc(nc);
	memset(ev.leaf, NOT_YET, nc);
	ev.limit = xcalloc(nc, 1);

	free(res->outcomes);
	free(res->reason);
	free(res->reason_vi);
	free(res->near_threshold);
	free(res->deciding_component);
	free(res->readings);
	res->reason = res->reason_vi = res->near_threshold = res->deciding_component = NULL;
	res->readings = NULL;
	res->nr_outcomes = rs->nr_clauses;
	res->outcomes = xcalloc(rs->nr_clauses ? rs->nr_clauses : 1, 1);
	unsigned char *out = res->outcomes;

	struct strlist bad_level = {0};
	for (size_t i = 0; i < rs->nr_clauses; i++) {
		const struct clause *cl = &rs->clauses[i];
		out[i] = (unsigned char)eval(&ev, &cl->cond);
		/* a level-from clause that holds must find a level in its fact */
		if (cl->level_from >= 0 && out[i] == TRI_YES && !clause_level(cl, rec)) {
			out[i] = TRI_UNKNOWN;
			struct strbuf sb, vi;
			strbuf_init(&sb);
			strbuf_init(&vi);
			strbuf_addf(&sb, "%s is not a level 1..5",
			            fact_def((enum fact_id)cl->level_from)->name);
			strbuf_addf(&vi, "%s không phải là cấp độ 1..5",
			            fact_def((enum fact_id)cl->level_from)->name);
			strlist_add2(&bad_level, strbuf_detach(&sb), strbuf_detach(&vi));
		}
	}
	int low, high;
	level_range(rs, rec, out, &low, &high);
	res->own_level_low = res->level_low = low;
	res->own_level_high = res->level_high = high;
	res->determined = low == high && low > 0;
	res->level = res->determined ? low : 0;
	res->deciding_clause = -1;
	for (size_t i = 0; i < rs->nr_clauses; i++)
		if (out[i] == TRI_YES && clause_level(&rs->clauses[i], rec) == low) {
			res->deciding_clause = (int)i;
			break;
		}

	/* the readings the clauses that hold rest on (a condition that is
	 * unknown counts: the verdict may rest on it) */
	struct strbuf readings;
	strbuf_init(&readings);
	for (size_t i = 0; i < rs->nr_clauses; i++) {
		const struct clause *cl = &rs->clauses[i];
		if (out[i] != TRI_YES)
			continue;
		for (size_t r = 0; r < cl->nr_readings; r++)
			if (!cl->readings[r].conditional || eval(&ev, &cl->readings[r].cond) != TRI_NO)
				strbuf_addf(&readings, "%s%s=%s", readings.len ? " " : "", cl->id,
				            rs->readings[cl->readings[r].reading].id);
	}
	if (readings.len)
		res->readings = strbuf_detach(&readings);
	strbuf_release(&readings);

	struct strlist near = {0};
	for (size_t i = 0; i < rs->nr_clauses; i++)
		collect_near(&ev, rs, i, &rs->clauses[i].cond, out, low, high, &near);
	if (near.nr) {
		struct strbuf sb;
		strbuf_init(&sb);
		strlist_join(&near, "; ", &sb);
		res->near_threshold = strbuf_detach(&sb);
	}
	strlist_release(&near);

	if (!res->determined) {
		struct strbuf sb, vi;
		struct strlist unknown = {0};
		strbuf_init(&sb);
		strbuf_init(&vi);
		if (!low)
			for (size_t g = 0; g < rs->nr_gaps; g++)
				if (eval(&ev, &rs->gaps[g].cond) == TRI_YES) {
					strbuf_addstr(&sb, rs->gaps[g].text_en);
					strbuf_addstr(&vi, rs->gaps[g].text_vi);
					break;
				}
		for (size_t i = 0; i < rs->nr_clauses; i++) {
			const struct clause *cl = &rs->clauses[i];
			int lv = clause_level(cl, rec);
			if (out[i] == TRI_UNKNOWN && (lv ? lv : 5) > low)
				collect_unknown(&ev, &cl->cond, &unknown);
		}
		for (size_t i = 0; i < bad_level.nr; i++) {
			strlist_add2(&unknown, bad_level.items[i], bad_level.vi[i]);
			bad_level.items[i] = NULL;
			bad_level.vi[i] = NULL;
		}
		if (unknown.nr) {
			if (sb.len)
				strbuf_addstr(&sb, "; ");
			if (vi.len)
				strbuf_addstr(&vi, "; ");
			struct strbuf list;
			strbuf_init(&list);
			strlist_join(&unknown, ", ", &list);
			strbuf_addstr(&sb, list.buf);
			strbuf_reset(&list);
			strlist_join_lang(&unknown, ", ", &list, 1);
			strbuf_addstr(&vi, list.buf);
			strbuf_release(&list);
		}
		if (!sb.len) {
			strbuf_addf(&sb, "no clause of %s covers this system", rs->id);
			strbuf_reset(&vi);
			strbuf_addf(&vi, "không có điều khoản nào của %s áp dụng cho hệ thống này", rs->id);
		}
		res->reason = strbuf_detach(&sb);
		res->reason_vi = strbuf_detach(&vi);
		strlist_release(&unknown);
	}
	strlist_release(&bad_level);
	free(ev.leaf);
	free(ev.limit);
	return ev.limit_hits;
}

/* ---- composites ---------------------------------------------------------- */

/* Does a system's own verdict leave its level open (or uncovered)? */
static int node_open(const struct classify_node *nd)
{
	return nd->own_low != nd->own_high || nd->own_low == 0;
}

void classify_graph_init(struct classify_graph *g, struct classify_node *nodes, size_t n,
                         const size_t *first, const size_t *comp)
{
	g->nodes = nodes;
	g->n = n;
	g->first = first;
	g->comp = comp;
	g->stamp = xcalloc(n ? n : 1, sizeof(*g->stamp));
	g->reach = xmalloc((n ? n : 1) * sizeof(*g->reach));
	g->nr_reach = 0;
	g->epoch = 0;
}

void classify_graph_release(struct classify_graph *g)
{
	free(g->stamp);
	free(g->reach);
	g->stamp = g->reach = NULL;
}

/* Fill g->reach with i and every system reachable from it (depth-first,
 * each once: the stamps make it cycle-safe). */
static void graph_reach(struct classify_graph *g, size_t i)
{
	size_t nr = 0, top = 0, mark = ++g->epoch;
	g->reach[nr++] = i;
	g->stamp[i] = mark;
	while (top < nr) {
		size_t j = g->reach[top++];
		size_t from = g->first ? g->first[j] : 0, to = g->first ? g->first[j + 1] : 0;
		for (size_t c = from; c < to; c++) {
			size_t m = g->comp[c];
			if (m >= g->n || g->stamp[m] == mark)
				continue;
			g->stamp[m] = mark;
			g->reach[nr++] = m;
		}
	}
	g->nr_reach = nr;
}

void classify_graph_aggregate(struct classify_graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		struct classify_node *r = &g->nodes[i];
		int low = 0, high = 0, uncovered = 0;
		graph_reach(g, i);
		for (size_t t = 0; t < g->nr_reach; t++) {
			const struct classify_node *s = &g->nodes[g->reach[t]];
			if (s->own_low > low)
				low = s->own_low;
			if (s->own_high > high)
				high = s->own_high;
			uncovered |= s->own_high == 0;
		}
		r->low = low;
		r->high = high;
		r->determined = low == high && low > 0 && !uncovered;
		r->decider = -1;
		if (r->own_low < low)
			for (size_t t = 1; t < g->nr_reach; t++)
				if (g->nodes[g->reach[t]].own_low == low) {
					r->decider = (long)g->reach[t];
					break;
				}
	}
}

void classify_graph_reason(struct classify_graph *g, size_t i,
                           void (*own_reason)(size_t j, const char **id, const char **en,
                                              const char **vi, void *data),
                           void *data, char **out_en, char **out_vi)
{
	const struct classify_node *r = &g->nodes[i];
	struct strbuf sb, vi;
	const char *id, *en_j, *vi_j;
	strbuf_init(&sb);
	strbuf_init(&vi);
	graph_reach(g, i);
	for (size_t t = 0; t < g->nr_reach; t++) {
		size_t j = g->reach[t];
		const struct classify_node *s = &g->nodes[j];
		if (!node_open(s))
			continue;
		if (t && s->own_high != 0 && s->own_high <= r->low)
			continue; /* its doubt cannot change the level */
		id = en_j = vi_j = NULL;
		own_reason(j, &id, &en_j, &vi_j, data);
		if (!en_j)
			continue;
		if (!vi_j)
			vi_j = en_j;
		if (!t) {
			strbuf_addstr(&sb, en_j);
			strbuf_addstr(&vi, vi_j);
			continue;
		}
		strbuf_addf(&sb, "%scomponent %s: %s", sb.len ? "; " : "", id ? id : "?", en_j);
		strbuf_addf(&vi, "%sthành phần %s: %s", vi.len ? "; " : "", id ? id : "?", vi_j);
	}
	if (!sb.len) {
		strbuf_addstr(&sb, "the level is undetermined");
		strbuf_reset(&vi);
		strbuf_addstr(&vi, "chưa xác định được cấp độ");
	}
	*out_en = strbuf_detach(&sb);
	*out_vi = strbuf_detach(&vi);
}

/* classify_aggregate over results: their own reasons, by index. */
struct reasons {
	struct system_result *res;
	char **en, **vi;
};

static void reason_of(size_t j, const char **id, const char **en, const char **vi, void *data)
{
	struct reasons *rs = data;
	*id = rs->res[j].system_id;
	*en = rs->en[j];
	*vi = rs->vi[j];
}

void classify_aggregate(struct system_result *res, size_t n, const size_t *const *comps,
                        const size_t *nr_comps)
{
	if (!res || !n)
		return;
	/* the graph in compact form: nodes and one array of component indices */
	struct classify_node *nodes = xcalloc(n, sizeof(*nodes));
	size_t *first = xcalloc(n + 1, sizeof(*first));
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		first[i] = total;
		total += comps && nr_comps && comps[i] ? nr_comps[i] : 0;
	}
	first[n] = total;
	size_t *comp = xmalloc((total ? total : 1) * sizeof(*comp));
	for (size_t i = 0; i < n; i++) {
		nodes[i].own_low = res[i].own_level_low;
		nodes[i].own_high = res[i].own_level_high;
		for (size_t c = first[i]; c < first[i + 1]; c++)
			comp[c] = comps[i][c - first[i]];
	}
	struct classify_graph g;
	classify_graph_init(&g, nodes, n, first, comp);
	classify_graph_aggregate(&g);

	struct reasons rs = {res, xcalloc(n, sizeof(char *)), xcalloc(n, sizeof(char *))};
	for (size_t i = 0; i < n; i++) {
		rs.en[i] = res[i].reason;
		rs.vi[i] = res[i].reason_vi;
		res[i].reason = res[i].reason_vi = NULL;
	}
	for (size_t i = 0; i < n; i++) {
		struct system_result *r = &res[i];
		const struct classify_node *nd = &nodes[i];
		r->level_low = nd->low;
		r->level_high = nd->high;
		r->determined = nd->determined;
		r->level = r->determined ? nd->low : 0;
		free(r->deciding_component);
		r->deciding_component = NULL;
		if (nd->decider >= 0) {
			r->deciding_component = xstrdup_or_null(res[nd->decider].system_id);
			r->deciding_clause = -1;
		}
		if (!r->determined)
			classify_graph_reason(&g, i, reason_of, &rs, &r->reason, &r->reason_vi);
	}
	for (size_t i = 0; i < n; i++) {
		free(rs.en[i]);
		free(rs.vi[i]);
	}
	free(rs.en);
	free(rs.vi);
	classify_graph_release(&g);
	free(nodes);
	free(first);
	free(comp);
}
