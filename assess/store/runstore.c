/*
 * runstore.c - writing a run: its header, the packed verdict of each system
 * (what run_pack_verdict makes), what the run stores once for many
 * systems (run_pack), its rule sets, clauses and readings, its totals; and
 * reading the header, rule sets, clauses and readings back. The systems of
 * a run are read by runread.c.
 *
 * A verdict (run_systems.verdict) is one JSON object (pack.h):
 *   rules, rules-basis, rules-article   the rule set that assessed the system, why
 *   rules-reason                        run_reasons id of the reason
 *   level, determined, level-low, level-high, own-low, own-high
 *   reason, reason-vi                   why undetermined
 *   outcomes                            y n ? per clause of its rule set, in order
 *   deciding-clause, deciding-component, near-threshold, readings
 *   approved-level, drift
 *   requirements                        [applicable, met, partial, not-met, waived, unknown]
 *   next-due, layers, layers-unknown
 *   inspection                          {state, last, months, counts, basis, article, policy}
 *   hosting-separation, hosting-article
 *   reqset                              run_reqsets id of the requirement rows that applied
 *   req-status                          [[requirement id, status, due?]...] for the rows
 *                                       whose status is not unknown or that have a due date
 *   findings                            [{code, severity, args | args-ref | text-vi, text-en,
 *                                         basis | basis-vi, basis-en}]
 *                                       (the basis: made when the run is; absent in runs
 *                                       of an assess that did not store it)
 * A value that is 0, empty or unknown is left out.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

#define RUN_COLUMNS                                                          \
	"id, snapshot, rules, rules_title_vi, rules_title_en, rules_file, "      \
	"rules_digest, date, as_of, \"generated\", tool_version, systems, "      \
	"undetermined, critical, warning, info, rules_requested, not_stored"

static const char sql_insert_run[] =
	"INSERT INTO runs(" RUN_COLUMNS ") VALUES(NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, "
	"?, NULL)";
static const char sql_insert_run_clause[] =
	"INSERT INTO run_clauses(run, pos, clause_id, level, rules, level_from, article, ref, "
	"ref_en, text_vi, text_en, readings, condition) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char sql_insert_run_ruleset[] =
	"INSERT INTO run_rulesets(run, pos, rules, version, title_vi, title_en, file, digest, "
	"catalogue, catalogue_digest, systems, catalogue_kind) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
static const char sql_insert_run_reading[] =
	"INSERT INTO run_readings(run, rules, id, text_vi, text_en) VALUES(?1, ?2, ?3, ?4, ?5)";
static const char sql_insert_run_reason[] =
	"INSERT INTO run_reasons(run, id, text_vi, text_en) VALUES(?1, ?2, ?3, ?4)";
static const char sql_insert_run_args[] = "INSERT INTO run_args(run, id, args) VALUES(?1, ?2, ?3)";
static const char sql_insert_run_system[] =
	"INSERT INTO run_systems(run, system_id, system_row, verdict) VALUES(?1, ?2, ?3, ?4)";
static const char sql_insert_run_requirement[] =
	"INSERT INTO run_requirements(run, catalogue, pos, id, grp, label_vi, label_en, levels) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_insert_run_reqset[] =
	"INSERT INTO run_reqsets(run, id, catalogue, level, rows) VALUES(?1, ?2, ?3, ?4, ?5)";
static const char sql_finish_run[] =
	"UPDATE runs SET systems = ?2, undetermined = ?3, critical = ?4, warning = ?5, info = ?6, "
	"totals = ?7 WHERE id = ?1";
static const char sql_latest_run[] = "SELECT coalesce(max(id), 0) FROM runs";
static const char sql_get_run[] = "SELECT " RUN_COLUMNS ", totals FROM runs WHERE id = ?1";
static const char sql_each_run[] = "SELECT " RUN_COLUMNS " FROM runs ORDER BY id";
static const char sql_run_clauses[] =
	"SELECT clause_id, level, coalesce(rules, (SELECT rules FROM runs WHERE id = ?1)), "
	"level_from, article, ref, ref_en, text_vi, text_en, readings, condition "
	"FROM run_clauses WHERE run = ?1 ORDER BY pos";
static const char sql_run_rulesets[] =
	"SELECT rules, version, title_vi, title_en, file, digest, catalogue, catalogue_digest, "
	"systems, catalogue_kind FROM run_rulesets WHERE run = ?1 ORDER BY pos";
static const char sql_run_readings[] =
	"SELECT rules, id, text_vi, text_en FROM run_readings WHERE run = ?1 ORDER BY rules, id";

/* ---- what a run stores once ---------------------------------------------- */

/* Finding arguments this long or longer are stored once per run (most
 * repeat: the same cadence, rule sets and articles for thousands of
 * systems), up to RUN_ARGS_MAX distinct ones; shorter or later ones
 * inline. */
#define RUN_ARGS_MIN_LEN 32
#define RUN_ARGS_MAX 65536

struct pack_catalogue {
	int cat;
	struct run_requirement *rows;
	size_t nr;
};

struct run_pack {
	struct strmap reasons;   /* "en\037vi" -> id */
	struct strmap args;      /* long finding arguments -> id */
	struct strmap reqsets;   /* "cat level" + rows (packed) -> id */
	struct pack_catalogue *cats;
	size_t nr_cats, alloc_cats;
	struct strbuf key;       /* scratch */
};

struct run_pack *run_pack_new(void)
{
	struct run_pack *p = xcalloc(1, sizeof(*p));
	strmap_init(&p->reasons);
	strmap_init(&p->args);
	strmap_init(&p->reqsets);
	strbuf_init(&p->key);
	return p;
}

void run_requirement_release(struct run_requirement *r)
{
	free(r->id);
	free(r->group);
	free(r->label_vi);
	free(r->label_en);
	for (int l = 0; l <= 5; l++) {
		free(r->at[l].tcvn);
		free(r->at[l].article);
		free(r->at[l].note);
	}
}

void run_pack_free(struct run_pack *p)
{
	if (!p)
		return;
	strmap_release(&p->reasons);
	strmap_release(&p->args);
	strmap_release(&p->reqsets);
	for (size_t i = 0; i < p->nr_cats; i++) {
		for (size_t k = 0; k < p->cats[i].nr; k++)
			run_requirement_release(&p->cats[i].rows[k]);
		free(p->cats[i].rows);
	}
	free(p->cats);
	strbuf_release(&p->key);
	free(p);
}

int run_pack_catalogue(struct run_pack *p, int cat, const struct run_requirement *rows, size_t n)
{
	for (size_t i = 0; i < p->nr_cats; i++)
		if (p->cats[i].cat == cat)
			return -1;
	ALLOC_GROW(p->cats, p->nr_cats + 1, p->alloc_cats);
	struct pack_catalogue *c = &p->cats[p->nr_cats++];
	c->cat = cat;
	c->nr = n;
	c->rows = xcalloc(n ? n : 1, sizeof(*c->rows));
	for (size_t k = 0; k < n; k++) {
		struct run_requirement *d = &c->rows[k];
		d->id = xstrdup_or_null(rows[k].id);
		d->group = xstrdup_or_null(rows[k].group);
		d->label_vi = xstrdup_or_null(rows[k].label_vi);
		d->label_en = xstrdup_or_null(rows[k].label_en);
		for (int l = 1; l <= 5; l++) {
			d->at[l].present = rows[k].at[l].present;
			d->at[l].tcvn = xstrdup_or_null(rows[k].at[l].tcvn);
			d->at[l].article = xstrdup_or_null(rows[k].at[l].article);
			d->at[l].note = xstrdup_or_null(rows[k].at[l].note);
		}
	}
	return 0;
}

/* The id of key in map, a new one (size + 1) when it is not there yet. */
static size_t shared_id(struct strmap *map, const char *key)
{
	size_t v;
	if (!strmap_get(map, key, &v)) {
		v = map->size + 1;
		strmap_put(map, key, v, NULL);
	}
	return v;
}

static const char tri_char[] = "n?y"; /* by enum tri */

/* A finding's legal basis: "basis", the id in run_args of its two texts
 * (Vietnamese, U+001F, English), which findings share; "basis-vi" and
 * "basis-en" when the run shares too many texts already. */
static void pack_basis(struct run_pack *p, struct pack_writer *w, const struct finding *f)
{
	size_t v;
	if (!f->basis_vi || !f->basis_en)
		return;
	strbuf_reset(&p->key);
	strbuf_addf(&p->key, "%s\037%s", f->basis_vi, f->basis_en);
	if (strmap_get(&p->args, p->key.buf, &v) || p->args.size < RUN_ARGS_MAX) {
		pack_int(w, "basis", (long long)shared_id(&p->args, p->key.buf));
	} else {
		pack_str(w, "basis-vi", f->basis_vi);
		pack_str(w, "basis-en", f->basis_en);
	}
}

static void pack_findings(struct run_pack *p, struct pack_writer *w, const struct system_result *res)
{
	if (!res->nr_findings)
		return;
	pack_open(w, "findings", '[');
	for (size_t i = 0; i < res->nr_findings; i++) {
		const struct finding *f = &res->findings[i];
		pack_open(w, NULL, '{');
		pack_str(w, "code", f->code);
		pack_str(w, "severity", severity_name(f->severity));
		size_t v;
		if (!f->args) { /* the texts themselves (a run of schema 1) */
			pack_str(w, "text-vi", f->text_vi ? f->text_vi : "");
			pack_str(w, "text-en", f->text_en ? f->text_en : "");
		} else if (strlen(f->args) >= RUN_ARGS_MIN_LEN &&
		           (strmap_get(&p->args, f->args, &v) || p->args.size < RUN_ARGS_MAX)) {
			pack_int(w, "args-ref", (long long)shared_id(&p->args, f->args));
		} else {
			pack_str(w, "args", f->args);
		}
		pack_basis(p, w, f);
		pack_close(w);
	}
	pack_close(w);
}

static void pack_inspection(struct pack_writer *w, const struct system_result *res)
{
	if (!res->inspection_known)
		return;
	pack_open(w, "inspection", '{');
	pack_str(w, "state", inspection_state_name(res->inspection_state));
	if (res->last_inspection[0])
		pack_str(w, "last", res->last_inspection);
	if (res->inspection_months) {
		pack_int(w, "months", res->inspection_months);
		pack_str(w, "counts", independence_name(res->inspection_counts));
		pack_str(w, "basis", cadence_basis_name(res->inspection_basis));
	}
	pack_str(w, "article", res->inspection_article);
	pack_str(w, "policy", res->inspection_policy);
	pack_close(w);
}

/* The requirement rows: the set (stored once per run) and the statuses. */
static void pack_requirements(struct run_pack *p, struct pack_writer *w, int cat, int level,
                              const struct run_req_row *rows, size_t nr)
{
	const struct pack_catalogue *c = NULL;
	for (size_t i = 0; i < p->nr_cats; i++)
		if (p->cats[i].cat == cat)
			c = &p->cats[i];
	if (!c || level < 1 || level > 5)
		return;
	struct pack_writer kw;
	strbuf_reset(&p->key);
	strbuf_addf(&p->key, "%d %d ", cat, level);
	pack_begin_array(&kw, &p->key);
	for (size_t i = 0; i < nr; i++) {
		pack_open(&kw, NULL, '[');
		pack_int(&kw, NULL, rows[i].pos);
		pack_int(&kw, NULL, rows[i].condition_unknown);
		pack_int(&kw, NULL, rows[i].product);
		pack_close(&kw);
	}
	pack_end(&kw);
	pack_int(w, "reqset", (long long)shared_id(&p->reqsets, p->key.buf));
	int any = 0;
	for (size_t i = 0; i < nr; i++) {
		const struct run_req_row *r = &rows[i];
		if ((!r->status || !strcmp(r->status, "unknown")) && !r->due)
			continue;
		if (r->pos < 0 || (size_t)r->pos >= c->nr)
			continue;
		if (!any++)
			pack_open(w, "req-status", '[');
		pack_open(w, NULL, '[');
		pack_str(w, NULL, c->rows[r->pos].id);
		pack_str(w, NULL, r->status ? r->status : "unknown");
		if (r->due)
			pack_str(w, NULL, r->due);
		pack_close(w);
	}
	if (any)
		pack_close(w);
}

void run_pack_verdict(struct run_pack *p, const struct system_result *res,
                      const char *const *clause_ids, int cat, int level,
                      const struct run_req_row *rows, size_t nr, struct strbuf *out)
{
	struct pack_writer w;
	pack_begin(&w, out);
	pack_str(&w, "rules", res->rules);
	pack_str(&w, "rules-basis", res->rules_basis);
	pack_str(&w, "rules-article", res->rules_article);
	if (res->rules_reason) {
		strbuf_reset(&p->key);
		strbuf_addf(&p->key, "%s\037%s", res->rules_reason,
		            res->rules_reason_vi ? res->rules_reason_vi : "");
		pack_int(&w, "rules-reason", (long long)shared_id(&p->reasons, p->key.buf));
	}
	if (res->level)
		pack_int(&w, "level", res->level);
	pack_int(&w, "determined", res->determined);
	const int levels[] = {res->level_low, res->level_high, res->own_level_low,
	                      res->own_level_high};
	const char *const level_keys[] = {"level-low", "level-high", "own-low", "own-high"};
	for (size_t i = 0; i < ARRAY_SIZE(levels); i++)
		if (levels[i])
			pack_int(&w, level_keys[i], levels[i]);
	pack_str(&w, "reason", res->reason);
	pack_str(&w, "reason-vi", res->reason_vi);
	if (res->nr_outcomes) {
		char *o = xmalloc(res->nr_outcomes + 1);
		for (size_t i = 0; i < res->nr_outcomes; i++)
			o[i] = res->outcomes[i] <= TRI_YES ? tri_char[res->outcomes[i]] : '?';
		o[res->nr_outcomes] = '\0';
		pack_str(&w, "outcomes", o);
		free(o);
	}
	if (res->deciding_clause >= 0 && clause_ids &&
	    (size_t)res->deciding_clause < res->nr_outcomes)
		pack_str(&w, "deciding-clause", clause_ids[res->deciding_clause]);
	pack_str(&w, "deciding-component", res->deciding_component);
	pack_str(&w, "near-threshold", res->near_threshold);
	pack_str(&w, "readings", res->readings);
	if (res->approved_level)
		pack_int(&w, "approved-level", res->approved_level);
	pack_str(&w, "drift", drift_name(res->drift));
	const struct requirement_counts *rq = &res->requirements;
	if (rq->applicable || rq->met || rq->partial || rq->not_met || rq->waived || rq->unknown) {
		pack_open(&w, "requirements", '[');
		pack_int(&w, NULL, rq->applicable);
		pack_int(&w, NULL, rq->met);
		pack_int(&w, NULL, rq->partial);
		pack_int(&w, NULL, rq->not_met);
		pack_int(&w, NULL, rq->waived);
		pack_int(&w, NULL, rq->unknown);
		pack_close(&w);
	}
	if (res->next_inspection_due[0])
		pack_str(&w, "next-due", res->next_inspection_due);
	if (res->layers)
		pack_int(&w, "layers", res->layers);
	if (res->layers_unknown)
		pack_int(&w, "layers-unknown", res->layers_unknown);
	pack_inspection(&w, res);
	pack_str(&w, "hosting-separation", res->hosting_separation);
	pack_str(&w, "hosting-article", res->hosting_article);
	if (cat > 0)
		pack_requirements(p, &w, cat, level, rows, nr);
	pack_findings(p, &w, res);
	pack_end(&w);
}

int store_run_write_pack(struct store *st, long run, const struct run_pack *p)
{
	sqlite3_stmt *s;
	for (size_t i = 0; i < p->reasons.slots; i++) {
		const char *key = p->reasons.keys[i];
		if (!key)
			continue;
		const char *sep = strchr(key, '\037');
		char *en = xstrdup(key);
		en[sep ? (size_t)(sep - key) : strlen(key)] = '\0';
		if (!(s = store_stmt(st, ST_INSERT_RUN_REASON, sql_insert_run_reason))) {
			free(en);
			return -1;
		}
		sqlite3_bind_int64(s, 1, run);
		sqlite3_bind_int64(s, 2, (long long)p->reasons.values[i]);
		store_bind_text(s, 3, sep ? sep + 1 : "");
		store_bind_text(s, 4, en);
		int rc = store_step_done(st, s, "cannot store a result");
		free(en);
		if (rc < 0)
			return -1;
	}
	for (size_t i = 0; i < p->args.slots; i++) {
		if (!p->args.keys[i])
			continue;
		if (!(s = store_stmt(st, ST_INSERT_RUN_ARGS, sql_insert_run_args)))
			return -1;
		sqlite3_bind_int64(s, 1, run);
		sqlite3_bind_int64(s, 2, (long long)p->args.values[i]);
		store_bind_text(s, 3, p->args.keys[i]);
		if (store_step_done(st, s, "cannot store a finding") < 0)
			return -1;
	}
	for (size_t i = 0; i < p->reqsets.slots; i++) {
		const char *key = p->reqsets.keys[i];
		int cat = 0, level = 0, n = 0;
		if (!key || sscanf(key, "%d %d %n", &cat, &level, &n) != 2)
			continue;
		if (!(s = store_stmt(st, ST_INSERT_RUN_REQSET, sql_insert_run_reqset)))
			return -1;
		sqlite3_bind_int64(s, 1, run);
		sqlite3_bind_int64(s, 2, (long long)p->reqsets.values[i]);
		sqlite3_bind_int(s, 3, cat);
		sqlite3_bind_int(s, 4, level);
		store_bind_text(s, 5, key + n);
		if (store_step_done(st, s, "cannot store the requirement rows") < 0)
			return -1;
	}
	struct strbuf levels;
	strbuf_init(&levels);
	for (size_t i = 0; i < p->nr_cats; i++) {
		const struct pack_catalogue *c = &p->cats[i];
		for (size_t k = 0; k < c->nr; k++) {
			const struct run_requirement *r = &c->rows[k];
			struct pack_writer w;
			strbuf_reset(&levels);
			pack_begin_array(&w, &levels);
			for (int l = 1; l <= 5; l++) {
				if (!r->at[l].present) {
					pack_str(&w, NULL, NULL);
					continue;
				}
				pack_open(&w, NULL, '{');
				pack_str(&w, "tcvn", r->at[l].tcvn);
				pack_str(&w, "article", r->at[l].article);
				pack_str(&w, "note", r->at[l].note);
				pack_close(&w);
			}
			pack_end(&w);
			if (!(s = store_stmt(st, ST_INSERT_RUN_REQUIREMENT, sql_insert_run_requirement)))
				break;
			sqlite3_bind_int64(s, 1, run);
			sqlite3_bind_int(s, 2, c->cat);
			sqlite3_bind_int64(s, 3, (long long)k);
			store_bind_text(s, 4, r->id);
			store_bind_text(s, 5, r->group);
			store_bind_text(s, 6, r->label_vi);
			store_bind_text(s, 7, r->label_en);
			store_bind_text(s, 8, levels.buf);
			if (store_step_done(st, s, "cannot store the requirement catalogue") < 0) {
				s = NULL;
				break;
			}
		}
		if (!s)
			break;
	}
	strbuf_release(&levels);
	return s || !p->nr_cats ? 0 : -1;
}

/* ---- writing a run ------------------------------------------------------- */

int store_run_begin(struct store *st, struct run_info *info)
{
	sqlite3_stmt *s;
	store_run_cache_drop(st);
	if (st->held_for_run)
		st->held_for_run = 0; /* the import's transaction: the run joins it */
	else if (store_begin(st) < 0)
		return -1;
	if (!(s = store_stmt(st, ST_INSERT_RUN, sql_insert_run)))
		goto fail;
	sqlite3_bind_int64(s, 1, info->snapshot);
	store_bind_text(s, 2, info->rules);
	store_bind_text(s, 3, info->rules_title_vi);
	store_bind_text(s, 4, info->rules_title_en);
	store_bind_text(s, 5, info->rules_file);
	store_bind_text(s, 6, info->rules_digest);
	store_bind_text(s, 7, info->date);
	store_bind_text(s, 8, info->as_of);
	store_bind_text(s, 9, info->generated);
	store_bind_text(s, 10, info->tool_version);
	store_bind_text(s, 11, info->rules_requested);
	if (store_step_done(st, s, "cannot store a run") < 0)
		goto fail;
	info->id = (long)sqlite3_last_insert_rowid(st->db);
	return 0;
fail:
	store_finish(st, 0);
	info->id = 0;
	return -1;
}

int store_run_row(struct store *st, long run, const char *system_id, long system_row,
                  const char *verdict)
{
	sqlite3_stmt *s;
	if (!st->busy)
		return error("%s: no run is open", st->path);
	if (!(s = store_stmt(st, ST_INSERT_RUN_SYSTEM, sql_insert_run_system)))
		return -1;
	sqlite3_bind_int64(s, 1, run);
	store_bind_text(s, 2, system_id);
	store_bind_int_or_null(s, 3, system_row, 0);
	store_bind_text(s, 4, verdict);
	return store_step_done(st, s, "cannot store a result");
}

int store_run_system(struct store *st, long run, const struct system_result *res,
                     const char *const *clause_ids, long system_row)
{
	struct strbuf sb;
	if (!st->pack)
		st->pack = run_pack_new();
	strbuf_init(&sb);
	run_pack_verdict(st->pack, res, clause_ids, 0, 0, NULL, 0, &sb);
	int rc = store_run_row(st, run, res->system_id, system_row, sb.buf);
	strbuf_release(&sb);
	return rc;
}

/* The rule sets, clauses and readings of the run. */
static int write_sets(struct store *st, long run, const struct run_sets_desc *d)
{
	sqlite3_stmt *s;
	for (size_t i = 0; i < d->nr_sets; i++) {
		const struct run_ruleset *rs = &d->sets[i];
		if (!(s = store_stmt(st, ST_INSERT_RUN_RULESET, sql_insert_run_ruleset)))
			return -1;
		sqlite3_bind_int64(s, 1, run);
		sqlite3_bind_int64(s, 2, (long long)i);
		store_bind_text(s, 3, rs->rules);
		store_bind_text(s, 4, rs->version);
		store_bind_text(s, 5, rs->title_vi);
		store_bind_text(s, 6, rs->title_en);
		store_bind_text(s, 7, rs->file);
		store_bind_text(s, 8, rs->digest);
		store_bind_text(s, 9, rs->catalogue);
		store_bind_text(s, 10, rs->catalogue_digest);
		sqlite3_bind_int64(s, 11, rs->systems);
		store_bind_text(s, 12, rs->catalogue_kind);
		if (store_step_done(st, s, "cannot store a run") < 0)
			return -1;
	}
	for (size_t i = 0; i < d->nr_readings; i++) {
		if (!(s = store_stmt(st, ST_INSERT_RUN_READING, sql_insert_run_reading)))
			return -1;
		sqlite3_bind_int64(s, 1, run);
		store_bind_text(s, 2, d->readings[i].rules);
		store_bind_text(s, 3, d->readings[i].id);
		store_bind_text(s, 4, d->readings[i].text_vi);
		store_bind_text(s, 5, d->readings[i].text_en);
		if (store_step_done(st, s, "cannot store a run") < 0)
			return -1;
	}
	for (size_t i = 0; i < d->nr_clauses; i++) {
		const struct run_clause *c = &d->clauses[i];
		if (!(s = store_stmt(st, ST_INSERT_RUN_CLAUSE, sql_insert_run_clause)))
			return -1;
		sqlite3_bind_int64(s, 1, run);
		sqlite3_bind_int64(s, 2, (long long)i);
		store_bind_text(s, 3, c->id);
		sqlite3_bind_int64(s, 4, c->level);
		store_bind_text(s, 5, c->rules);
		store_bind_text(s, 6, c->level_from);
		store_bind_text(s, 7, c->article);
		store_bind_text(s, 8, c->ref);
		store_bind_text(s, 9, c->ref_en);
		store_bind_text(s, 10, c->text_vi);
		store_bind_text(s, 11, c->text_en);
		store_bind_text(s, 12, c->readings);
		store_bind_text(s, 13, c->condition);
		if (store_step_done(st, s, "cannot store a run") < 0)
			return -1;
	}
	return 0;
}

int store_run_end(struct store *st, struct run_info *info, int ok, const struct run_sets_desc *desc,
                  const struct run_pack *p, const char *totals)
{
	sqlite3_stmt *s;
	store_run_cache_drop(st);
	if (!st->busy) {
		run_pack_free(st->pack);
		st->pack = NULL;
		return error("%s: no run is open", st->path);
	}
	if (!ok) {
		run_pack_free(st->pack);
		st->pack = NULL;
		return store_finish(st, 0);
	}
	if (!p)
		p = st->pack;
	if ((desc && write_sets(st, info->id, desc) < 0) || (p && store_run_write_pack(st, info->id, p) < 0) ||
	    !(s = store_stmt(st, ST_FINISH_RUN, sql_finish_run)))
		goto fail;
	sqlite3_bind_int64(s, 1, info->id);
	sqlite3_bind_int64(s, 2, info->systems);
	sqlite3_bind_int64(s, 3, info->undetermined);
	sqlite3_bind_int64(s, 4, info->critical);
	sqlite3_bind_int64(s, 5, info->warning);
	sqlite3_bind_int64(s, 6, info->info);
	store_bind_text(s, 7, totals);
	if (store_step_done(st, s, "cannot finish the run") < 0)
		goto fail;
	run_pack_free(st->pack);
	st->pack = NULL;
	return store_finish(st, 1);
fail:
	run_pack_free(st->pack);
	st->pack = NULL;
	store_finish(st, 0);
	return -1;
}

/* ---- reading a run's header, rule sets, clauses ---------------------------- */

long store_latest_run(struct store *st)
{
	long long v = store_query_long(st, ST_LATEST_RUN, sql_latest_run, -1, "cannot read the runs");
	return v < 0 ? 0 : (long)v;
}

#define RUN_TEXT_COLUMNS 11 /* rules .. tool_version (2..10), rules_requested, not_stored */

static const char **run_text_field(struct run_info *info, int i)
{
	const char **text[RUN_TEXT_COLUMNS] = {
		&info->rules, &info->rules_title_vi, &info->rules_title_en,
		&info->rules_file, &info->rules_digest, &info->date,
		&info->as_of, &info->generated, &info->tool_version, &info->rules_requested,
		&info->not_stored,
	};
	return text[i];
}

/* Fill info from a RUN_COLUMNS row; strings borrowed from the statement.
 * 0, or -1 after reporting a value we never write. */
static int run_from_row(struct store *st, sqlite3_stmt *s, struct run_info *info)
{
	long *count[] = {&info->id, &info->snapshot, &info->systems, &info->undetermined,
	                 &info->critical, &info->warning, &info->info};
	static const int count_column[] = {0, 1, 11, 12, 13, 14, 15};
	memset(info, 0, sizeof(*info));
	for (size_t i = 0; i < ARRAY_SIZE(count); i++)
		if (store_column_long(st, s, count_column[i], STORE_NOT_NULL, count[i]) < 0)
			return -1;
	if (info->undetermined > info->systems)
		return store_corrupt(st, "run %ld has %ld undetermined systems of %ld", info->id,
		                     info->undetermined, info->systems);
	if (store_column_needed(st, s, 2) < 0 || store_column_date(st, s, 7, 0) < 0 ||
	    store_column_date(st, s, 8, 1) < 0)
		return -1;
	for (int i = 0; i < RUN_TEXT_COLUMNS; i++)
		*run_text_field(info, i) = store_column_str(s, i < 9 ? 2 + i : 16 + (i - 9));
	return 0;
}

int store_get_run(struct store *st, long run, struct run_info *out, char **strings_to_free)
{
	sqlite3_stmt *s = store_stmt(st, ST_GET_RUN, sql_get_run);
	int rc;
	memset(out, 0, sizeof(*out));
	*strings_to_free = NULL;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, run);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		/* copy the texts into one block, then point into it */
		size_t len = 1, off = 0;
		if (run_from_row(st, s, out) < 0) {
			sqlite3_reset(s);
			return -1;
		}
		for (int i = 0; i < RUN_TEXT_COLUMNS; i++)
			if (*run_text_field(out, i))
				len += strlen(*run_text_field(out, i)) + 1;
		char *block = xmalloc(len);
		for (int i = 0; i < RUN_TEXT_COLUMNS; i++) {
			const char **t = run_text_field(out, i);
			if (!*t)
				continue;
			size_t n = strlen(*t) + 1;
			memcpy(block + off, *t, n);
			*t = block + off;
			off += n;
		}
		*strings_to_free = block;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return error("%s: no run %ld", st->path, run);
	if (rc != SQLITE_ROW)
		return store_db_error(st, "cannot read a run");
	return 0;
}

int store_run_totals(struct store *st, long run, char **totals)
{
	sqlite3_stmt *s = store_stmt(st, ST_GET_RUN, sql_get_run);
	*totals = NULL;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, run);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*totals = store_column_dup(s, 18);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return error("%s: no run %ld", st->path, run);
	if (rc != SQLITE_ROW)
		return store_db_error(st, "cannot read a run");
	return 0;
}

int store_each_run(struct store *st, int (*fn)(void *data, const struct run_info *info),
                   void *data)
{
	sqlite3_stmt *s = store_stmt(st, ST_EACH_RUN, sql_each_run);
	int rc;
	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct run_info info;
		if (run_from_row(st, s, &info) < 0) {
			sqlite3_reset(s);
			return -1;
		}
		int r = fn(data, &info);
		if (r) {
			sqlite3_reset(s);
			return r;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_db_error(st, "cannot read the runs");
	return 0;
}

/*
 * Read every row of s (bound, for one run) into a new array of elements of
 * size bytes, each zeroed then filled by fill. 0, or -1 after reporting;
 * either way *rows / *nr hold what was read, for the caller to keep or free.
 */
static int read_run_rows(struct store *st, sqlite3_stmt *s, size_t size,
                         void (*fill)(sqlite3_stmt *s, void *row), void **rows, size_t *nr)
{
	char *r = NULL;
	size_t n = 0, alloc = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			r = xrealloc(r, alloc * size);
		}
		memset(r + n * size, 0, size);
		fill(s, r + n * size);
		n++;
	}
	sqlite3_reset(s);
	*rows = r;
	*nr = n;
	return rc == SQLITE_DONE ? 0 : store_db_error(st, "cannot read a run");
}

static void fill_run_clause(sqlite3_stmt *s, void *row)
{
	struct run_clause *c = row;
	c->id = store_column_dup(s, 0);
	c->level = sqlite3_column_type(s, 1) == SQLITE_NULL ? 0 : sqlite3_column_int(s, 1);
	char **text[] = {&c->rules, &c->level_from, &c->article, &c->ref, &c->ref_en,
	                 &c->text_vi, &c->text_en, &c->readings, &c->condition};
	for (size_t k = 0; k < ARRAY_SIZE(text); k++)
		*text[k] = store_column_dup(s, 2 + (int)k);
}

int store_run_clauses(struct store *st, long run, struct run_clause **out, size_t *nr)
{
	sqlite3_stmt *s = store_stmt(st, ST_RUN_CLAUSES, sql_run_clauses);
	void *rows;
	*out = NULL;
	*nr = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, run);
	if (read_run_rows(st, s, sizeof(**out), fill_run_clause, &rows, nr) < 0) {
		run_clauses_free(rows, *nr);
		*nr = 0;
		return -1;
	}
	for (size_t i = 0; i < *nr; i++) {
		const struct run_clause *c = (const struct run_clause *)rows + i;
		int level = c->level, has_id = c->id != NULL;
		if (!has_id || level < 0 || level > 5) {
			run_clauses_free(rows, *nr);
			*nr = 0;
			if (!has_id)
				return store_corrupt(st, "run_clauses.clause_id is missing");
			return store_corrupt(st, "run_clauses.level is %d (expected 0 to 5)", level);
		}
	}
	*out = rows;
	return 0;
}

void run_clauses_free(struct run_clause *clauses, size_t nr)
{
	if (!clauses)
		return;
	for (size_t i = 0; i < nr; i++) {
		struct run_clause *c = &clauses[i];
		free(c->id);
		free(c->rules);
		free(c->level_from);
		free(c->article);
		free(c->ref);
		free(c->ref_en);
		free(c->text_vi);
		free(c->text_en);
		free(c->readings);
		free(c->condition);
	}
	free(clauses);
}

static void fill_run_ruleset(sqlite3_stmt *s, void *row)
{
	struct run_ruleset *r = row;
	char **text[] = {&r->rules, &r->version, &r->title_vi, &r->title_en,
	                 &r->file, &r->digest, &r->catalogue, &r->catalogue_digest};
	for (size_t k = 0; k < ARRAY_SIZE(text); k++)
		*text[k] = store_column_dup(s, (int)k);
	r->systems = (long)sqlite3_column_int64(s, 8);
	r->catalogue_kind = store_column_dup(s, 9);
}

int store_run_rulesets(struct store *st, long run, struct run_ruleset **out, size_t *nr)
{
	sqlite3_stmt *s = store_stmt(st, ST_RUN_RULESETS, sql_run_rulesets);
	void *rows;
	*out = NULL;
	*nr = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, run);
	if (read_run_rows(st, s, sizeof(**out), fill_run_ruleset, &rows, nr) < 0) {
		run_rulesets_free(rows, *nr);
		*nr = 0;
		return -1;
	}
	*out = rows;
	return 0;
}

void run_rulesets_free(struct run_ruleset *sets, size_t n)
{
	if (!sets)
		return;
	for (size_t i = 0; i < n; i++) {
		free(sets[i].rules);
		free(sets[i].version);
		free(sets[i].title_vi);
		free(sets[i].title_en);
		free(sets[i].file);
		free(sets[i].digest);
		free(sets[i].catalogue);
		free(sets[i].catalogue_digest);
		free(sets[i].catalogue_kind);
	}
	free(sets);
}

static void fill_run_reading(sqlite3_stmt *s, void *row)
{
	struct run_reading *r = row;
	r->rules = store_column_dup(s, 0);
	r->id = store_column_dup(s, 1);
	r->text_vi = store_column_dup(s, 2);
	r->text_en = store_column_dup(s, 3);
}

int store_run_readings(struct store *st, long run, struct run_reading **out, size_t *nr)
{
	sqlite3_stmt *s = store_stmt(st, ST_RUN_READINGS, sql_run_readings);
	void *rows;
	*out = NULL;
	*nr = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, run);
	if (read_run_rows(st, s, sizeof(**out), fill_run_reading, &rows, nr) < 0) {
		run_readings_free(rows, *nr);
		*nr = 0;
		return -1;
	}
	*out = rows;
	return 0;
}

void run_readings_free(struct run_reading *readings, size_t nr)
{
	if (!readings)
		return;
	for (size_t i = 0; i < nr; i++) {
		free(readings[i].rules);
		free(readings[i].id);
		free(readings[i].text_vi);
		free(readings[i].text_en);
	}
	free(readings);
}
