/*
 * evaluate.c - a classification run: load the rule set, stream the snapshot
 * twice (own clauses; then findings, once composite levels are known), and
 * store the run in one transaction.
 */
#include "evaluate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "classify.h"
#include "criteria.h"
#include "diag.h"
#include "findings.h"
#include "paths.h"
#include "requirements.h"
#include "run.h"
#include "store.h"
#include "strmap.h"
#include "util.h"

/* Per system, what pass 1 keeps: the own verdict and the components. */
struct graph {
	struct system_result *res; /* one per system, in row order */
	size_t **comps;            /* component indices of each system */
	size_t *nr_comps;
	int *approved;             /* approved level, 0 when none */
	size_t n, alloc;
	struct strmap index;       /* system id -> index */
	char ***comp_ids;          /* component ids, until resolved */
	long limit_hits;           /* pattern conditions that hit the PCRE2 limits */
	const struct ruleset *rs;
};

static int pass1_system(void *data, const struct system_record *rec, long row)
{
	struct graph *g = data;
	(void)row;
	if (g->n == g->alloc) {
		size_t a = g->alloc ? g->alloc * 2 : 1024;
		g->res = xrealloc(g->res, a * sizeof(*g->res));
		g->comps = xrealloc(g->comps, a * sizeof(*g->comps));
		g->nr_comps = xrealloc(g->nr_comps, a * sizeof(*g->nr_comps));
		g->approved = xrealloc(g->approved, a * sizeof(*g->approved));
		g->comp_ids = xrealloc(g->comp_ids, a * sizeof(*g->comp_ids));
		g->alloc = a;
	}
	size_t i = g->n++;
	system_result_init(&g->res[i], rec->value[F_ID]);
	g->limit_hits += classify_system(g->rs, rec, &g->res[i]);
	g->nr_comps[i] = rec->nr_components;
	g->comps[i] = NULL;
	g->comp_ids[i] = NULL;
	if (rec->nr_components) {
		g->comps[i] = xcalloc(rec->nr_components, sizeof(size_t));
		g->comp_ids[i] = xcalloc(rec->nr_components, sizeof(char *));
		for (size_t c = 0; c < rec->nr_components; c++)
			g->comp_ids[i][c] = xstrdup(rec->components[c].ref);
	}
	long long appr = fact_count(rec, F_APPR_LEVEL);
	g->approved[i] = appr > 0 ? (int)appr : 0;
	strmap_put(&g->index, rec->value[F_ID], i, NULL);
	return 0;
}

/* Component ids -> indices. A reference outside the snapshot is dropped: the
 * import already rejected dangling ones, this only guards the engine. */
static void resolve_components(struct graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		size_t kept = 0;
		for (size_t c = 0; c < g->nr_comps[i]; c++) {
			size_t j;
			if (strmap_get(&g->index, g->comp_ids[i][c], &j))
				g->comps[i][kept++] = j;
			free(g->comp_ids[i][c]);
		}
		free(g->comp_ids[i]);
		g->comp_ids[i] = NULL;
		g->nr_comps[i] = kept;
	}
	free(g->comp_ids);
	g->comp_ids = NULL;
}

static void graph_release(struct graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		system_result_release(&g->res[i]);
		free(g->comps[i]);
		if (g->comp_ids && g->comp_ids[i]) {
			for (size_t c = 0; c < g->nr_comps[i]; c++)
				free(g->comp_ids[i][c]);
			free(g->comp_ids[i]);
		}
	}
	free(g->res);
	free(g->comps);
	free(g->nr_comps);
	free(g->approved);
	free(g->comp_ids);
	strmap_release(&g->index);
}

/* Pass 2: findings with the final levels, then the row of the run. */
struct pass2 {
	struct graph *g;
	struct store *st;
	const struct findings_context *ctx;
	struct run_totals *totals;
	size_t next;               /* index of the next system */
	const char **held;         /* scratch: ids of the clauses that held */
};

static void component_findings(struct graph *g, size_t i)
{
	struct system_result *res = &g->res[i];
	for (size_t c = 0; c < g->nr_comps[i]; c++) {
		size_t j = g->comps[i][c];
		if (g->approved[i] && g->approved[j] > g->approved[i])
			findings_component_above_parent(res, g->res[j].system_id, g->approved[j],
			                                 g->approved[i]);
	}
}

static int pass2_system(void *data, const struct system_record *rec, long row)
{
	struct pass2 *p = data;
	struct graph *g = p->g;
	size_t i = p->next++;
	if (i >= g->n || strcmp(g->res[i].system_id, rec->value[F_ID]))
		return error("the snapshot changed while it was being classified");
	struct system_result *res = &g->res[i];
	const struct ruleset *rs = g->rs;
	size_t nr_held = 0;
	for (size_t c = 0; c < rs->nr_clauses; c++)
		if (res->outcomes[c] == TRI_YES)
			p->held[nr_held++] = rs->clauses[c].id;
	findings_evaluate(p->ctx, rec, p->held, nr_held, res);
	component_findings(g, i);
	p->totals->systems++;
	p->totals->per_level[res->determined ? res->level : 0]++;
	for (size_t f = 0; f < res->nr_findings; f++)
		p->totals->per_severity[res->findings[f].severity]++;
	if (store_run_system(p->st, p->totals->run, res, row) < 0)
		return -1;
	/* the findings are stored; drop them to keep memory flat */
	system_result_release_findings(res);
	return 0;
}

/* Is there a rule set with this id? If not, say which there are. */
static int rule_set_exists(const char *id)
{
	struct ruleset **all = NULL;
	size_t n = 0;
	int found = 0;
	if (criteria_load_all(&all, &n) < 0)
		return 1; /* let criteria_find report the broken file */
	struct strbuf known;
	strbuf_init(&known);
	for (size_t i = 0; i < n; i++) {
		found |= !strcmp(all[i]->id, id);
		strbuf_addf(&known, "%s%s", i ? ", " : "", all[i]->id);
	}
	if (!found)
		error("unknown rule set '%s' (known: %s, or auto)", id, known.buf);
	strbuf_release(&known);
	ruleset_list_free(all, n);
	return found;
}

static void utc_now(char out[32])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int evaluate_run(struct store *st, const char *rules, const char *date,
                 struct run_totals *totals)
{
	struct ruleset *rs = NULL;
	struct requirement_catalogue *cat = NULL;
	struct graph g;
	char as_of[11] = "", run_date[11], generated[32];
	const char **clause_ids = NULL;
	int *clause_levels = NULL;
	int status = EXIT_RUNTIME, rc;

	memset(totals, 0, sizeof(*totals));
	memset(&g, 0, sizeof(g));
	strmap_init(&g.index);

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
	if (rules && strcmp(rules, "auto") && !rule_set_exists(rules)) {
		status = EXIT_USAGE;
		goto out;
	}
	if (criteria_find(rules ? rules : "auto", run_date, &rs) < 0) {
		status = EXIT_INVALID;
		goto out;
	}
	{
		char *req = data_path("criteria/requirements.xml");
		char *rng = data_path("criteria/schema/requirements.rng");
		cat = requirements_load(req, rng);
		free(req);
		free(rng);
		if (!cat) {
			status = EXIT_INVALID;
			goto out;
		}
	}

	/* pass 1: every system's own clauses */
	g.rs = rs;
	if (store_each_system(st, snapshot, pass1_system, &g) < 0)
		goto out;
	if (g.limit_hits)
		warning("%ld pattern condition%s hit the PCRE2 match limit and count as unknown "
		        "(see the reasons of the systems concerned)",
		        g.limit_hits, g.limit_hits == 1 ? "" : "s");
	resolve_components(&g);
	classify_aggregate(g.res, g.n, (const size_t *const *)g.comps, g.nr_comps);

	/* pass 2: findings and storage, in one transaction */
	clause_ids = xcalloc(rs->nr_clauses + 1, sizeof(*clause_ids));
	clause_levels = xcalloc(rs->nr_clauses + 1, sizeof(*clause_levels));
	for (size_t c = 0; c < rs->nr_clauses; c++) {
		clause_ids[c] = rs->clauses[c].id;
		clause_levels[c] = rs->clauses[c].level;
	}
	utc_now(generated);
	struct run_info info = {
		.snapshot = snapshot,
		.rules = rs->id,
		.rules_title_vi = rs->title_vi,
		.rules_title_en = rs->title_en,
		.rules_file = rs->file,
		.rules_digest = rs->sha256,
		.date = run_date,
		.as_of = as_of,
		.generated = generated,
		.tool_version = tool_version(),
	};
	if (store_run_begin(st, &info, clause_ids, clause_levels, rs->nr_clauses) < 0)
		goto out;
	totals->run = info.id;
	int interval[6] = {0}, independent_from = 0;
	for (int l = 1; l <= 5; l++) {
		const struct inspection_rule *r = ruleset_inspection(rs, l);
		interval[l] = r ? r->months : 0;
		if (r && r->independent && !independent_from)
			independent_from = l;
	}
	struct findings_context ctx = {
		.rules = rs->id,
		.run_date = run_date,
		.interval_months = interval,
		.independent_from = independent_from,
		.catalogue = cat,
	};
	struct pass2 p2 = {&g, st, &ctx, totals, 0, clause_ids};
	const char **held = xcalloc(rs->nr_clauses + 1, sizeof(*held));
	p2.held = held;
	rc = store_each_system(st, snapshot, pass2_system, &p2);
	free(held);
	info.systems = totals->systems;
	info.undetermined = totals->per_level[0];
	info.info = totals->per_severity[SEV_INFO];
	info.warning = totals->per_severity[SEV_WARNING];
	info.critical = totals->per_severity[SEV_CRITICAL];
	if (store_run_end(st, &info, rc == 0) < 0 || rc < 0)
		goto out;
	snprintf(totals->rules, sizeof(totals->rules), "%s", rs->id);
	snprintf(totals->digest, sizeof(totals->digest), "%s", rs->sha256);
	memcpy(totals->date, run_date, 11);
	status = EXIT_OK;
out:
	free(clause_ids);
	free(clause_levels);
	graph_release(&g);
	requirements_free(cat);
	ruleset_free(rs);
	return status;
}

void evaluate_print_summary(const struct run_totals *t)
{
	printf("run %ld: %s (sha256 %.12s), date %s, %ld system%s\n", t->run, t->rules, t->digest,
	       t->date, t->systems, t->systems == 1 ? "" : "s");
	for (int l = 1; l <= 5; l++)
		printf("  level %d: %ld\n", l, t->per_level[l]);
	printf("  undetermined: %ld\n", t->per_level[0]);
	printf("findings: %ld critical, %ld warning, %ld info\n", t->per_severity[SEV_CRITICAL],
	       t->per_severity[SEV_WARNING], t->per_severity[SEV_INFO]);
}
