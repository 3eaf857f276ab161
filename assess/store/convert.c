/*
 * convert.c - migration 7's data: the tables of schema 6 (one column per
 * fact, a table per kind of child, one column per verdict field and a row
 * per finding) into packed rows (pack.h). Values are checked as the
 * readers of schema 6 checked them: what they refused is "database
 * corrupt" here too. What a run never stored stays absent and is named in
 * runs.not_stored.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

/* The fact columns of schema 6 (migrations 1 and 5) and the facts they held. */
static const char *const fact_columns[][2] = {
	{"operator", "operator"}, {"status", "status"}, {"name", "name"},
	{"description", "description"}, {"type", "type"},
	{"info_public", "information.public"}, {"info_private", "information.private"},
	{"info_personal", "information.personal"}, {"info_secret", "information.secret"},
	{"info_defence_security", "information.defence-security"}, {"svc_present", "service"},
	{"svc_online", "service.online"}, {"svc_public_service_level", "service.public-service-level"},
	{"svc_public_service_mode", "service.public-service-mode"},
	{"svc_admin_procedures", "service.admin-procedures"},
	{"svc_conditional_business", "service.conditional-business"},
	{"svc_conditional_ref", "service.conditional-ref"}, {"ds_users", "data-subjects.users"},
	{"ds_basic", "data-subjects.basic"}, {"ds_sensitive", "data-subjects.sensitive"},
	{"ds_as_of", "data-subjects.as-of"}, {"ds_method", "data-subjects.method"},
	{"scope", "scope"}, {"shared_agencies", "shared-platform.agencies"},
	{"always_on", "availability.always-on"}, {"nat_e_government", "national.e-government"},
	{"nat_critical_data", "national.critical-data"},
	{"nat_security_list", "national.security-list"}, {"ics_work_grade", "ics.work-grade"},
	{"ics_national_security_work", "ics.national-security-work"},
	{"harm_national_security", "harm.national-security"}, {"harm_strategic", "harm.strategic"},
	{"decided_level", "decided-level.level"}, {"decided_by", "decided-level.by"},
	{"decided_ref", "decided-level.ref"}, {"hosting", "hosting"},
	{"appr_level", "approval.level"}, {"appr_rules", "approval.rules"},
	{"appr_decision", "approval.decision"}, {"appr_date", "approval.date"},
	{"appr_approved_by", "approval.approved-by"}, {"reg_decision", "regulation.decision"},
	{"reg_date", "regulation.date"}, {"plan_status", "plan.status"},
	{"prot_on_site", "protection.on-site"}, {"prot_provider", "protection.provider"},
	{"prot_independent_audit", "protection.independent-audit"},
	{"prot_national_monitoring", "protection.national-monitoring"},
	{"prot_provider_name", "protection.provider-name"}, {"project_started", "project.started"},
};

/* Prepare sql on the connection (finalized by the caller). */
static sqlite3_stmt *prepare(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_db_error(st, "cannot migrate the database");
		return NULL;
	}
	return s;
}

static int fact_of_name(const char *name)
{
	struct pack_value v = {PACK_STRING, name, strlen(name), 0, 0};
	return store_fact_by_name(&v);
}

/* The children of system row into rec (old child tables, by row). */
static int old_children(struct store *st, sqlite3_stmt *const q[4], long long row,
                        struct system_record *rec)
{
	for (int k = 0; k < 4; k++) {
		sqlite3_stmt *s = q[k];
		int rc;
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, row);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			long line;
			long long findings;
			if (store_column_long(st, s, k == 0 ? 1 : k == 1 ? 5 : 4, 0, &line) < 0)
				return -1;
			if (k == 0) {
				if (store_column_needed(st, s, 0) < 0)
					return -1;
				ALLOC_GROW(rec->components, rec->nr_components + 1, rec->alloc_components);
				rec->components[rec->nr_components++] =
					(struct component_ref){store_column_dup(s, 0), line};
			} else if (k == 1) {
				if (store_column_int_in(st, s, 4, 0, LLONG_MAX, -1, &findings) < 0 ||
				    store_column_date(st, s, 0, 0) < 0)
					return -1;
				ALLOC_GROW(rec->inspections, rec->nr_inspections + 1, rec->alloc_inspections);
				rec->inspections[rec->nr_inspections++] = (struct inspection){
					store_column_dup(s, 0), store_column_dup(s, 1), store_column_dup(s, 2),
					store_column_dup(s, 3), findings, line};
			} else if (k == 2) {
				ALLOC_GROW(rec->controls, rec->nr_controls + 1, rec->alloc_controls);
				rec->controls[rec->nr_controls++] = (struct control){
					store_column_dup(s, 0), store_column_dup(s, 1), store_column_dup(s, 2),
					store_column_dup(s, 3), line};
			} else {
				ALLOC_GROW(rec->waivers, rec->nr_waivers + 1, rec->alloc_waivers);
				rec->waivers[rec->nr_waivers++] = (struct waiver){
					store_column_dup(s, 0), store_column_dup(s, 1), store_column_dup(s, 2),
					store_column_dup(s, 3), line};
			}
		}
		if (rc != SQLITE_DONE)
			return store_db_error(st, "cannot migrate the database");
	}
	return 0;
}

/* systems_6 and its child tables into systems. */
static int convert_systems(struct store *st)
{
	static const char *const child_sql[4] = {
		"SELECT ref, line FROM components WHERE system_row = ?1 ORDER BY pos",
		"SELECT date, kind, independent, by_whom, findings, line FROM inspections "
		"WHERE system_row = ?1 ORDER BY pos",
		"SELECT ref, status, due, evidence, line FROM controls WHERE system_row = ?1 ORDER BY pos",
		"SELECT ref, reason, approved_by, until, line FROM waivers WHERE system_row = ?1 "
		"ORDER BY pos",
	};
	struct strbuf sql, comps, record;
	sqlite3_stmt *q[4] = {NULL}, *each = NULL, *ins = NULL;
	int ret = -1, rc;
	strbuf_init(&sql);
	strbuf_init(&comps);
	strbuf_init(&record);
	strbuf_addstr(&sql, "SELECT row, snapshot, id, owner, file, line");
	for (size_t i = 0; i < ARRAY_SIZE(fact_columns); i++)
		strbuf_addf(&sql, ", %s", fact_columns[i][0]);
	strbuf_addstr(&sql, " FROM systems_6 ORDER BY row");
	if (!(each = prepare(st, sql.buf)) ||
	    !(ins = prepare(st, "INSERT INTO systems(row, snapshot, id, owner, file, line, "
	                        "components, record) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")))
		goto out;
	for (int k = 0; k < 4; k++)
		if (!(q[k] = prepare(st, child_sql[k])))
			goto out;
	while ((rc = sqlite3_step(each)) == SQLITE_ROW) {
		struct system_record rec;
		long line;
		if (store_column_needed(st, each, 2) < 0 || store_column_long(st, each, 5, 0, &line) < 0)
			goto out;
		system_record_init(&rec);
		rec.line = line;
		rec.file = store_column_dup(each, 4);
		rec.value[F_ID] = store_column_dup(each, 2);
		rec.value[F_OWNER] = store_column_dup(each, 3);
		for (size_t i = 0; i < ARRAY_SIZE(fact_columns); i++) {
			int f = fact_of_name(fact_columns[i][1]);
			if (f >= 0)
				rec.value[f] = store_column_dup(each, 6 + (int)i);
		}
		strbuf_reset(&comps);
		strbuf_reset(&record);
		if (old_children(st, q, sqlite3_column_int64(each, 0), &rec) == 0)
			store_pack_system(&rec, &comps, &record);
		else
			record.len = 0;
		if (record.len) {
			sqlite3_reset(ins);
			sqlite3_bind_int64(ins, 1, sqlite3_column_int64(each, 0));
			sqlite3_bind_value(ins, 2, sqlite3_column_value(each, 1));
			store_bind_text(ins, 3, rec.value[F_ID]);
			store_bind_text(ins, 4, rec.value[F_OWNER]);
			store_bind_text(ins, 5, rec.file);
			sqlite3_bind_int64(ins, 6, line);
			store_bind_text(ins, 7, comps.len ? comps.buf : NULL);
			store_bind_text(ins, 8, record.buf);
			rc = sqlite3_step(ins);
		}
		system_record_release(&rec);
		if (!record.len)
			goto out;
		if (rc != SQLITE_DONE) {
			store_db_error(st, "cannot migrate the database");
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		store_db_error(st, "cannot migrate the database");
		goto out;
	}
	ret = 0;
out:
	for (int k = 0; k < 4; k++)
		sqlite3_finalize(q[k]);
	sqlite3_finalize(each);
	sqlite3_finalize(ins);
	strbuf_release(&sql);
	strbuf_release(&comps);
	strbuf_release(&record);
	return ret;
}

/* ---- runs ------------------------------------------------------------------ */

/* The columns of a run_systems_6 row, with its reason's texts. */
static const char run_rows_sql[] =
	"SELECT r.system_id, r.system_row, r.level, r.determined, r.level_low, r.level_high, "
	"r.own_level_low, r.own_level_high, r.reason, r.reason_vi, r.deciding_clause, "
	"r.deciding_component, r.near_threshold, r.approved_level, r.drift, r.outcomes, "
	"r.req_applicable, r.req_met, r.req_partial, r.req_not_met, r.req_waived, r.req_unknown, "
	"r.next_due, r.layers, r.layers_unknown, r.readings, r.inspection_state, "
	"r.last_inspection, r.inspection_months, r.inspection_counts, r.inspection_basis, "
	"r.inspection_article, r.inspection_policy, coalesce(r.rules, (SELECT rules FROM runs "
	"WHERE id = r.run)), r.rules_basis, r.rules_article, "
	"(SELECT text_en FROM run_reasons WHERE run = r.run AND id = r.rules_reason), "
	"(SELECT text_vi FROM run_reasons WHERE run = r.run AND id = r.rules_reason), "
	"r.hosting_separation, r.hosting_article "
	"FROM run_systems_6 r WHERE r.run = ?1 ORDER BY r.system_id";
static const char run_findings_sql[] =
	"SELECT code, severity, text_vi, text_en, coalesce(args, (SELECT a.args FROM run_args a "
	"WHERE a.run = f.run AND a.id = f.args_ref)) FROM run_findings f "
	"WHERE run = ?1 AND system_id = ?2 ORDER BY pos";

/* The clauses of a run: ids and rule sets, for the segments. */
struct old_clauses {
	char **id, **rules;
	size_t n;
};

static void old_clauses_release(struct old_clauses *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->id[i]);
		free(c->rules[i]);
	}
	free(c->id);
	free(c->rules);
	memset(c, 0, sizeof(*c));
}

/* One old row into res (the ints, texts and the outcomes of its rule set:
 * *seg is its first clause, *nseg their number). */
static int old_result(struct store *st, sqlite3_stmt *s, const struct old_clauses *cl,
                      struct system_result *res, size_t *seg, size_t *nseg)
{
	static const struct {
		int column, lo, hi;
	} ints[] = {
		{2, 1, 5}, {3, 0, 1}, {4, 0, 5}, {5, 0, 5}, {6, 0, 5}, {7, 0, 5}, {13, 1, 5},
		{16, 0, INT_MAX}, {17, 0, INT_MAX}, {18, 0, INT_MAX}, {19, 0, INT_MAX},
		{20, 0, INT_MAX}, {21, 0, INT_MAX}, {23, 0, 15}, {24, 0, 15}, {28, 0, 100000},
	};
	int *field[] = {
		&res->level, &res->determined, &res->level_low, &res->level_high,
		&res->own_level_low, &res->own_level_high, &res->approved_level,
		&res->requirements.applicable, &res->requirements.met, &res->requirements.partial,
		&res->requirements.not_met, &res->requirements.waived, &res->requirements.unknown,
		&res->layers, &res->layers_unknown, &res->inspection_months,
	};
	for (size_t i = 0; i < ARRAY_SIZE(ints); i++) {
		long long v;
		if (store_column_int_in(st, s, ints[i].column, ints[i].lo, ints[i].hi, 0, &v) < 0)
			return -1;
		*field[i] = (int)v;
	}
	char **texts[] = {&res->reason, &res->reason_vi, &res->deciding_component,
	                  &res->near_threshold, &res->readings, &res->inspection_article,
	                  &res->inspection_policy, &res->rules, &res->rules_basis,
	                  &res->rules_article, &res->rules_reason, &res->rules_reason_vi,
	                  &res->hosting_separation, &res->hosting_article};
	static const int text_column[] = {8, 9, 11, 12, 25, 31, 32, 33, 34, 35, 36, 37, 38, 39};
	for (size_t i = 0; i < ARRAY_SIZE(texts); i++)
		*texts[i] = store_column_dup(s, text_column[i]);
	const char *drift = store_column_str(s, 14);
	int d = -1;
	for (int k = DRIFT_NONE; drift && k <= DRIFT_UNAPPROVED; k++)
		if (!strcmp(drift_name((enum drift)k), drift))
			d = k;
	if (drift && d < 0)
		return store_corrupt(st, "system '%s' has drift '%.40s'", res->system_id, drift);
	res->drift = d < 0 ? DRIFT_NONE : (enum drift)d;
	if (store_column_date(st, s, 22, 0) < 0 || store_column_date(st, s, 27, 0) < 0)
		return -1;
	const char *due = store_column_str(s, 22), *last = store_column_str(s, 27);
	snprintf(res->next_inspection_due, 11, "%s", due ? due : "");
	int state = inspection_state_parse(store_column_str(s, 26));
	if (state >= 0) { /* a run before schema 4 stored no inspection state */
		res->inspection_known = 1;
		res->inspection_state = (enum inspection_state)state;
		snprintf(res->last_inspection, 11, "%s", last ? last : "");
		int counts = independence_parse(store_column_str(s, 29));
		res->inspection_counts = counts < 0 ? INDEP_NONE : (enum independence)counts;
		const char *basis = store_column_str(s, 30);
		for (int b = CADENCE_LAW; basis && b <= CADENCE_REMINDER; b++)
			if (!strcmp(basis, cadence_basis_name((enum cadence_basis)b)))
				res->inspection_basis = (enum cadence_basis)b;
	}
	/* the outcomes of its own rule set (the stored ones cover every clause
	 * of the run, '-' where another rule set applied) */
	const char *outcomes = store_column_str(s, 15);
	size_t n = outcomes ? strlen(outcomes) : 0;
	*seg = *nseg = 0;
	for (size_t i = 0; i < cl->n && res->rules; i++)
		if (cl->rules[i] && !strcmp(cl->rules[i], res->rules)) {
			if (!*nseg)
				*seg = i;
			(*nseg)++;
		}
	for (size_t i = 0; i < n; i++)
		if (!strchr("yn?-", outcomes[i]) || !outcomes[i])
			return store_corrupt(st, "system '%s' has clause outcome '%c'", res->system_id,
			                     outcomes[i] >= ' ' && outcomes[i] < 127 ? outcomes[i] : '?');
	if (n && n != cl->n)
		return store_corrupt(st, "system '%s' has %zu clause outcomes, its run %zu clauses",
		                     res->system_id, n, cl->n);
	res->nr_outcomes = n ? *nseg : 0;
	res->outcomes = xcalloc(res->nr_outcomes + 1, 1);
	for (size_t i = 0; i < res->nr_outcomes; i++) {
		char ch = outcomes[*seg + i];
		res->outcomes[i] = ch == 'y' ? TRI_YES : ch == 'n' ? TRI_NO : TRI_UNKNOWN;
	}
	const char *deciding = store_column_str(s, 10);
	for (size_t i = 0; deciding && i < *nseg && res->deciding_clause < 0; i++)
		if (!strcmp(cl->id[*seg + i], deciding))
			res->deciding_clause = (int)i;
	if (deciding && res->deciding_clause < 0)
		return store_corrupt(st, "system '%s' is decided by clause '%.40s', which its run lacks",
		                     res->system_id, deciding);
	if (deciding && !res->nr_outcomes) { /* keep the clause without outcomes */
		res->nr_outcomes = *nseg;
		res->outcomes = xrealloc(res->outcomes, *nseg + 1);
		memset(res->outcomes, TRI_UNKNOWN, *nseg);
	}
	return 0;
}

/* The findings of one old row into res. */
static int old_findings(struct store *st, sqlite3_stmt *f, long long run, struct system_result *res)
{
	int rc;
	sqlite3_reset(f);
	sqlite3_bind_int64(f, 1, run);
	store_bind_text(f, 2, res->system_id);
	while ((rc = sqlite3_step(f)) == SQLITE_ROW) {
		int sev = severity_parse(store_column_str(f, 1));
		if (store_column_needed(st, f, 0) < 0)
			return -1;
		if (sev < 0)
			return store_corrupt(st, "a finding of system '%s' has severity '%.40s'",
			                     res->system_id, store_column_str(f, 1) ? store_column_str(f, 1)
			                                                            : "");
		const char *args = store_column_str(f, 4);
		if (args)
			result_take_finding_args(res, store_column_str(f, 0), (enum severity)sev,
			                         xstrdup(args));
		else
			result_add_finding(res, store_column_str(f, 0), (enum severity)sev,
			                   store_column_str(f, 2) ? store_column_str(f, 2) : "",
			                   store_column_str(f, 3) ? store_column_str(f, 3) : "");
	}
	return rc == SQLITE_DONE ? 0 : store_db_error(st, "cannot migrate the database");
}

/* One run: its rows packed, its shared rows written again, what it lacks. */
static int convert_run(struct store *st, long long run, sqlite3_stmt *rows, sqlite3_stmt *finds,
                       sqlite3_stmt *clauses, sqlite3_stmt *ins)
{
	struct old_clauses cl = {0};
	struct run_pack *p = run_pack_new();
	struct strbuf verdict;
	int rc, ret = -1, texts = 0, inspection = 0, nr_rows = 0;
	strbuf_init(&verdict);
	sqlite3_reset(clauses);
	sqlite3_bind_int64(clauses, 1, run);
	while ((rc = sqlite3_step(clauses)) == SQLITE_ROW) {
		cl.id = xrealloc(cl.id, (cl.n + 1) * sizeof(*cl.id));
		cl.rules = xrealloc(cl.rules, (cl.n + 1) * sizeof(*cl.rules));
		cl.id[cl.n] = store_column_dup(clauses, 0);
		cl.rules[cl.n++] = store_column_dup(clauses, 1);
		texts |= sqlite3_column_type(clauses, 2) != SQLITE_NULL;
		if (!cl.id[cl.n - 1]) {
			store_corrupt(st, "run_clauses.clause_id is missing");
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		store_db_error(st, "cannot migrate the database");
		goto out;
	}
	sqlite3_reset(rows);
	sqlite3_bind_int64(rows, 1, run);
	while ((rc = sqlite3_step(rows)) == SQLITE_ROW) {
		struct system_result res;
		size_t seg = 0, nseg = 0;
		system_result_init(&res, store_column_str(rows, 0));
		if (store_column_needed(st, rows, 0) < 0 ||
		    old_result(st, rows, &cl, &res, &seg, &nseg) < 0 ||
		    old_findings(st, finds, run, &res) < 0) {
			system_result_release(&res);
			goto out;
		}
		nr_rows++;
		inspection |= res.inspection_known;
		strbuf_reset(&verdict);
		run_pack_verdict(p, &res, (const char *const *)cl.id + seg, 0, 0, NULL, 0, &verdict);
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, run);
		store_bind_text(ins, 2, res.system_id);
		sqlite3_bind_value(ins, 3, sqlite3_column_value(rows, 1));
		store_bind_text(ins, 4, verdict.buf);
		rc = sqlite3_step(ins);
		system_result_release(&res);
		if (rc != SQLITE_DONE) {
			store_db_error(st, "cannot migrate the database");
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		store_db_error(st, "cannot migrate the database");
		goto out;
	}
	/* the reasons and arguments, numbered again as the verdicts refer to them */
	sqlite3_stmt *del = prepare(st, "DELETE FROM run_reasons WHERE run = ?1");
	sqlite3_stmt *del2 = del ? prepare(st, "DELETE FROM run_args WHERE run = ?1") : NULL;
	sqlite3_stmt *mark = del2 ? prepare(st, "UPDATE runs SET not_stored = ?2 WHERE id = ?1") : NULL;
	if (mark) {
		char what[96];
		snprintf(what, sizeof(what), "%s%srequirement-rows conditions",
		         !texts && cl.n ? "clause-texts " : "",
		         !inspection && nr_rows ? "inspection " : "");
		sqlite3_bind_int64(del, 1, run);
		sqlite3_bind_int64(del2, 1, run);
		sqlite3_bind_int64(mark, 1, run);
		store_bind_text(mark, 2, what);
		if (sqlite3_step(del) != SQLITE_DONE || sqlite3_step(del2) != SQLITE_DONE ||
		    sqlite3_step(mark) != SQLITE_DONE)
			store_db_error(st, "cannot migrate the database");
		else
			ret = store_run_write_pack(st, (long)run, p);
	}
	sqlite3_finalize(del);
	sqlite3_finalize(del2);
	sqlite3_finalize(mark);
out:
	old_clauses_release(&cl);
	run_pack_free(p);
	strbuf_release(&verdict);
	return ret;
}

static int convert_runs(struct store *st)
{
	sqlite3_stmt *runs = prepare(st, "SELECT id FROM runs ORDER BY id");
	sqlite3_stmt *rows = runs ? prepare(st, run_rows_sql) : NULL;
	sqlite3_stmt *finds = rows ? prepare(st, run_findings_sql) : NULL;
	sqlite3_stmt *clauses =
		finds ? prepare(st, "SELECT clause_id, coalesce(rules, (SELECT rules FROM runs "
		                    "WHERE id = ?1)), coalesce(text_vi, text_en) FROM run_clauses "
		                    "WHERE run = ?1 ORDER BY pos") : NULL;
	sqlite3_stmt *ins = clauses ? prepare(st, "INSERT INTO run_systems(run, system_id, "
	                                          "system_row, verdict) VALUES(?1, ?2, ?3, ?4)")
	                            : NULL;
	int rc = SQLITE_DONE, ret = -1;
	if (ins) {
		while ((rc = sqlite3_step(runs)) == SQLITE_ROW)
			if (convert_run(st, sqlite3_column_int64(runs, 0), rows, finds, clauses, ins) < 0)
				break;
		if (rc == SQLITE_DONE)
			ret = 0;
		else if (rc != SQLITE_ROW)
			store_db_error(st, "cannot migrate the database");
	}
	sqlite3_finalize(runs);
	sqlite3_finalize(rows);
	sqlite3_finalize(finds);
	sqlite3_finalize(clauses);
	sqlite3_finalize(ins);
	return ret;
}

int store_convert_6(struct store *st)
{
	return convert_systems(st) < 0 || convert_runs(st) < 0 ? -1 : 0;
}
