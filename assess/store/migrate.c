/*
 * migrate.c - the schema: the migrations that make it, the check that a
 * database is ours and as we made it, and the hardening of the connection
 * (store.h). Migration 7 converts the tables of schema 6 into packed rows
 * (convert.c).
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

#define STORE_APPLICATION_ID 0x41535345 /* "ASSE" */

/* Migrations 1-6, as they were written (an old database holds their text). */
static const char *const old_migrations[] = {
	/* 1: snapshots, systems and their children, organizations, runs */
	"CREATE TABLE snapshots(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  created TEXT NOT NULL,\n"
	"  as_of TEXT,\n"
	"  files TEXT NOT NULL,\n"
	"  systems INTEGER NOT NULL\n"
	") STRICT;\n"
	"CREATE TABLE systems(\n"
	"  row INTEGER PRIMARY KEY,\n"
	"  snapshot INTEGER NOT NULL REFERENCES snapshots(id),\n"
	"  id TEXT NOT NULL,\n"
	"  file TEXT,\n"
	"  line INTEGER,\n"
	"  owner TEXT,\n"
	"  operator TEXT,\n"
	"  status TEXT,\n"
	"  name TEXT,\n"
	"  description TEXT,\n"
	"  type TEXT,\n"
	"  info_public TEXT,\n"
	"  info_private TEXT,\n"
	"  info_personal TEXT,\n"
	"  info_secret TEXT,\n"
	"  info_defence_security TEXT,\n"
	"  svc_present TEXT,\n"
	"  svc_online TEXT,\n"
	"  svc_public_service_level TEXT,\n"
	"  svc_public_service_mode TEXT,\n"
	"  svc_admin_procedures TEXT,\n"
	"  svc_conditional_business TEXT,\n"
	"  svc_conditional_ref TEXT,\n"
	"  ds_users TEXT,\n"
	"  ds_basic TEXT,\n"
	"  ds_sensitive TEXT,\n"
	"  ds_as_of TEXT,\n"
	"  ds_method TEXT,\n"
	"  scope TEXT,\n"
	"  shared_agencies TEXT,\n"
	"  always_on TEXT,\n"
	"  nat_e_government TEXT,\n"
	"  nat_critical_data TEXT,\n"
	"  nat_security_list TEXT,\n"
	"  ics_work_grade TEXT,\n"
	"  ics_national_security_work TEXT,\n"
	"  harm_national_security TEXT,\n"
	"  harm_strategic TEXT,\n"
	"  decided_level TEXT,\n"
	"  decided_by TEXT,\n"
	"  decided_ref TEXT,\n"
	"  hosting TEXT,\n"
	"  appr_level TEXT,\n"
	"  appr_rules TEXT,\n"
	"  appr_decision TEXT,\n"
	"  appr_date TEXT,\n"
	"  appr_approved_by TEXT,\n"
	"  reg_decision TEXT,\n"
	"  reg_date TEXT,\n"
	"  plan_status TEXT,\n"
	"  prot_on_site TEXT,\n"
	"  prot_provider TEXT,\n"
	"  prot_independent_audit TEXT,\n"
	"  prot_national_monitoring TEXT,\n"
	"  prot_provider_name TEXT\n"
	") STRICT;\n"
	"CREATE INDEX systems_id ON systems(id);\n"
	"CREATE INDEX systems_snapshot_owner ON systems(snapshot, owner);\n"
	"CREATE TABLE components(\n"
	"  system_row INTEGER NOT NULL REFERENCES systems(row),\n"
	"  pos INTEGER NOT NULL,\n"
	"  ref TEXT NOT NULL,\n"
	"  line INTEGER,\n"
	"  PRIMARY KEY(system_row, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE inspections(\n"
	"  system_row INTEGER NOT NULL REFERENCES systems(row),\n"
	"  pos INTEGER NOT NULL,\n"
	"  date TEXT,\n"
	"  kind TEXT,\n"
	"  independent TEXT,\n"
	"  by_whom TEXT,\n"
	"  findings INTEGER,\n"
	"  line INTEGER,\n"
	"  PRIMARY KEY(system_row, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE controls(\n"
	"  system_row INTEGER NOT NULL REFERENCES systems(row),\n"
	"  pos INTEGER NOT NULL,\n"
	"  ref TEXT,\n"
	"  status TEXT,\n"
	"  due TEXT,\n"
	"  evidence TEXT,\n"
	"  line INTEGER,\n"
	"  PRIMARY KEY(system_row, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE waivers(\n"
	"  system_row INTEGER NOT NULL REFERENCES systems(row),\n"
	"  pos INTEGER NOT NULL,\n"
	"  ref TEXT,\n"
	"  reason TEXT,\n"
	"  approved_by TEXT,\n"
	"  until TEXT,\n"
	"  line INTEGER,\n"
	"  PRIMARY KEY(system_row, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE organizations(\n"
	"  row INTEGER PRIMARY KEY,\n"
	"  snapshot INTEGER NOT NULL REFERENCES snapshots(id),\n"
	"  id TEXT NOT NULL,\n"
	"  role TEXT,\n"
	"  parent TEXT,\n"
	"  name TEXT,\n"
	"  file TEXT,\n"
	"  line INTEGER\n"
	") STRICT;\n"
	"CREATE INDEX organizations_snapshot_id ON organizations(snapshot, id);\n"
	"CREATE INDEX organizations_id ON organizations(id);\n"
	"CREATE TABLE snapshot_systems(\n"
	"  snapshot INTEGER NOT NULL REFERENCES snapshots(id),\n"
	"  system_row INTEGER NOT NULL REFERENCES systems(row),\n"
	"  PRIMARY KEY(snapshot, system_row)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE snapshot_organizations(\n"
	"  snapshot INTEGER NOT NULL REFERENCES snapshots(id),\n"
	"  org_row INTEGER NOT NULL REFERENCES organizations(row),\n"
	"  PRIMARY KEY(snapshot, org_row)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE runs(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  snapshot INTEGER NOT NULL REFERENCES snapshots(id),\n"
	"  rules TEXT NOT NULL,\n"
	"  rules_title_vi TEXT,\n"
	"  rules_title_en TEXT,\n"
	"  rules_file TEXT,\n"
	"  rules_digest TEXT,\n"
	"  date TEXT,\n"
	"  as_of TEXT,\n"
	"  generated TEXT,\n"
	"  tool_version TEXT,\n"
	"  systems INTEGER NOT NULL,\n"
	"  undetermined INTEGER NOT NULL,\n"
	"  critical INTEGER NOT NULL,\n"
	"  warning INTEGER NOT NULL,\n"
	"  info INTEGER NOT NULL\n"
	") STRICT;\n"
	"CREATE TABLE run_clauses(\n"
	"  run INTEGER NOT NULL REFERENCES runs(id),\n"
	"  pos INTEGER NOT NULL,\n"
	"  clause_id TEXT NOT NULL,\n"
	"  level INTEGER,\n"
	"  PRIMARY KEY(run, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE run_systems(\n"
	"  run INTEGER NOT NULL REFERENCES runs(id),\n"
	"  system_id TEXT NOT NULL,\n"
	"  system_row INTEGER REFERENCES systems(row),\n"
	"  level INTEGER,\n"
	"  determined INTEGER NOT NULL,\n"
	"  level_low INTEGER,\n"
	"  level_high INTEGER,\n"
	"  own_level_low INTEGER,\n"
	"  own_level_high INTEGER,\n"
	"  reason TEXT,\n"
	"  reason_vi TEXT,\n"
	"  deciding_clause TEXT,\n"
	"  deciding_component TEXT,\n"
	"  near_threshold TEXT,\n"
	"  approved_level INTEGER,\n"
	"  drift TEXT,\n"
	"  outcomes TEXT,\n"
	"  req_applicable INTEGER,\n"
	"  req_met INTEGER,\n"
	"  req_partial INTEGER,\n"
	"  req_not_met INTEGER,\n"
	"  req_waived INTEGER,\n"
	"  req_unknown INTEGER,\n"
	"  next_due TEXT,\n"
	"  layers INTEGER,\n"
	"  layers_unknown INTEGER,\n"
	"  PRIMARY KEY(run, system_id)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE run_findings(\n"
	"  run INTEGER NOT NULL REFERENCES runs(id),\n"
	"  system_id TEXT NOT NULL,\n"
	"  pos INTEGER NOT NULL,\n"
	"  code TEXT NOT NULL,\n"
	"  severity TEXT NOT NULL,\n"
	"  text_vi TEXT,\n"
	"  text_en TEXT,\n"
	"  PRIMARY KEY(run, system_id, pos)\n"
	") STRICT, WITHOUT ROWID;\n",
	/* 2: a finding stores its sentence and facts (finding_text.h) instead
	 * of both texts; rows of earlier runs keep their texts */
	"ALTER TABLE run_findings ADD COLUMN args TEXT;\n",
	/* 3: the readings (criteria.h) the clauses that held rest on */
	"ALTER TABLE run_systems ADD COLUMN readings TEXT;\n",
	/* 4: an owner's own inspection cadences; a run stores each system's
	 * inspection state, the cadence that applied and what it rests on */
	"CREATE TABLE org_policies(\n"
	"  org_row INTEGER NOT NULL REFERENCES organizations(row),\n"
	"  pos INTEGER NOT NULL,\n"
	"  level INTEGER NOT NULL,\n"
	"  months INTEGER NOT NULL,\n"
	"  decision TEXT,\n"
	"  line INTEGER,\n"
	"  PRIMARY KEY(org_row, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"ALTER TABLE run_systems ADD COLUMN inspection_state TEXT;\n"
	"ALTER TABLE run_systems ADD COLUMN last_inspection TEXT;\n"
	"ALTER TABLE run_systems ADD COLUMN inspection_months INTEGER;\n"
	"ALTER TABLE run_systems ADD COLUMN inspection_counts TEXT;\n"
	"ALTER TABLE run_systems ADD COLUMN inspection_basis TEXT;\n"
	"ALTER TABLE run_systems ADD COLUMN inspection_article TEXT;\n"
	"ALTER TABLE run_systems ADD COLUMN inspection_policy TEXT;\n",
	/* 5: the investment start of a system (Decree 331 Art. 39.1); a run may
	 * hold more than one rule set: each one's id, digest and clauses, and
	 * for each system the rule set that decided it and why (the reasons
	 * once per run in run_reasons: most systems share one); the long
	 * arguments of findings once per run in run_args (args_ref) */
	"ALTER TABLE systems ADD COLUMN project_started TEXT;\n"
	"CREATE TABLE run_rulesets(\n"
	"  run INTEGER NOT NULL REFERENCES runs(id),\n"
	"  pos INTEGER NOT NULL,\n"
	"  rules TEXT NOT NULL,\n"
	"  version TEXT,\n"
	"  title_vi TEXT,\n"
	"  title_en TEXT,\n"
	"  file TEXT,\n"
	"  digest TEXT,\n"
	"  catalogue TEXT,\n"
	"  catalogue_digest TEXT,\n"
	"  systems INTEGER,\n"
	"  PRIMARY KEY(run, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"INSERT INTO run_rulesets(run, pos, rules, title_vi, title_en, file, digest, systems)\n"
	"  SELECT id, 0, rules, rules_title_vi, rules_title_en, rules_file, rules_digest, systems\n"
	"  FROM runs;\n"
	"CREATE TABLE run_readings(\n"
	"  run INTEGER NOT NULL REFERENCES runs(id),\n"
	"  rules TEXT NOT NULL,\n"
	"  id TEXT NOT NULL,\n"
	"  text_vi TEXT,\n"
	"  text_en TEXT,\n"
	"  PRIMARY KEY(run, rules, id)\n"
	") STRICT, WITHOUT ROWID;\n"
	"ALTER TABLE runs ADD COLUMN rules_requested TEXT;\n"
	"ALTER TABLE run_clauses ADD COLUMN rules TEXT;\n"
	"ALTER TABLE run_clauses ADD COLUMN level_from TEXT;\n"
	"ALTER TABLE run_clauses ADD COLUMN article TEXT;\n"
	"ALTER TABLE run_clauses ADD COLUMN ref TEXT;\n"
	"ALTER TABLE run_clauses ADD COLUMN ref_en TEXT;\n"
	"ALTER TABLE run_clauses ADD COLUMN text_vi TEXT;\n"
	"ALTER TABLE run_clauses ADD COLUMN text_en TEXT;\n"
	"ALTER TABLE run_clauses ADD COLUMN readings TEXT;\n"
	"UPDATE run_clauses SET rules = (SELECT rules FROM runs WHERE runs.id = run);\n"
	"ALTER TABLE run_systems ADD COLUMN rules TEXT;\n"
	"ALTER TABLE run_systems ADD COLUMN rules_basis TEXT;\n"
	"ALTER TABLE run_systems ADD COLUMN rules_article TEXT;\n"
	"CREATE TABLE run_reasons(\n"
	"  run INTEGER NOT NULL REFERENCES runs(id),\n"
	"  id INTEGER NOT NULL,\n"
	"  text_vi TEXT,\n"
	"  text_en TEXT,\n"
	"  PRIMARY KEY(run, id)\n"
	") STRICT, WITHOUT ROWID;\n"
	"ALTER TABLE run_systems ADD COLUMN rules_reason INTEGER;\n"
	"CREATE TABLE run_args(\n"
	"  run INTEGER NOT NULL REFERENCES runs(id),\n"
	"  id INTEGER NOT NULL,\n"
	"  args TEXT NOT NULL,\n"
	"  PRIMARY KEY(run, id)\n"
	") STRICT, WITHOUT ROWID;\n"
	"ALTER TABLE run_findings ADD COLUMN args_ref INTEGER;\n",
	/* 6: how a rule set applies its catalogue; each system's separation
	 * when hosted in a rented data centre or cloud */
	"ALTER TABLE run_rulesets ADD COLUMN catalogue_kind TEXT;\n"
	"ALTER TABLE run_systems ADD COLUMN hosting_separation TEXT;\n"
	"ALTER TABLE run_systems ADD COLUMN hosting_article TEXT;\n",
};

/*
 * Migration 7: a system's facts and children, and a run's verdict on a
 * system with its findings, packed into one row each (pack.h); what a run
 * shows is stored with it: the conditions of its clauses, the requirement
 * rows it used (run_requirements, run_reqsets), its totals, and what an
 * older run never stored (runs.not_stored). The old systems and
 * run_systems are renamed (legacy_alter_table leaves the references of
 * other tables to the name, which the new tables take), converted
 * (convert.c), and dropped with the child tables.
 */
static const char migration7_before[] =
	"PRAGMA legacy_alter_table = ON;\n"
	"ALTER TABLE systems RENAME TO systems_6;\n"
	"ALTER TABLE run_systems RENAME TO run_systems_6;\n"
	"PRAGMA legacy_alter_table = OFF;\n"
	"CREATE TABLE systems(\n"
	"  row INTEGER PRIMARY KEY,\n"
	"  snapshot INTEGER NOT NULL REFERENCES snapshots(id),\n"
	"  id TEXT NOT NULL,\n"
	"  owner TEXT,\n"
	"  file TEXT,\n"
	"  line INTEGER,\n"
	"  components TEXT,\n"
	"  record TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE TABLE run_systems(\n"
	"  run INTEGER NOT NULL REFERENCES runs(id),\n"
	"  system_id TEXT NOT NULL,\n"
	"  system_row INTEGER REFERENCES systems(row),\n"
	"  verdict TEXT NOT NULL,\n"
	"  PRIMARY KEY(run, system_id)\n"
	") STRICT, WITHOUT ROWID;\n"
	"ALTER TABLE runs ADD COLUMN totals TEXT;\n"
	"ALTER TABLE runs ADD COLUMN not_stored TEXT;\n"
	"ALTER TABLE run_clauses ADD COLUMN condition TEXT;\n"
	"CREATE TABLE run_requirements(\n"
	"  run INTEGER NOT NULL REFERENCES runs(id),\n"
	"  catalogue INTEGER NOT NULL,\n"
	"  pos INTEGER NOT NULL,\n"
	"  id TEXT NOT NULL,\n"
	"  grp TEXT NOT NULL,\n"
	"  label_vi TEXT,\n"
	"  label_en TEXT,\n"
	"  levels TEXT NOT NULL,\n"
	"  PRIMARY KEY(run, catalogue, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE run_reqsets(\n"
	"  run INTEGER NOT NULL REFERENCES runs(id),\n"
	"  id INTEGER NOT NULL,\n"
	"  catalogue INTEGER NOT NULL,\n"
	"  level INTEGER NOT NULL,\n"
	"  rows TEXT NOT NULL,\n"
	"  PRIMARY KEY(run, id)\n"
	") STRICT, WITHOUT ROWID;\n";

static const char migration7_after[] =
	"DROP TABLE components;\n"
	"DROP TABLE inspections;\n"
	"DROP TABLE controls;\n"
	"DROP TABLE waivers;\n"
	"DROP TABLE run_findings;\n"
	"DROP TABLE run_systems_6;\n"
	"DROP TABLE systems_6;\n"
	"CREATE INDEX systems_id ON systems(id);\n"
	"CREATE INDEX systems_snapshot_owner ON systems(snapshot, owner);\n";

/* One migration: SQL, then (for data the SQL cannot convert) C, then SQL. */
struct migration {
	const char *sql;
	int (*convert)(struct store *st);
	const char *sql_after;
};

#define NR_MIGRATIONS (ARRAY_SIZE(old_migrations) + 1)

static struct migration migration_at(size_t i)
{
	if (i < ARRAY_SIZE(old_migrations))
		return (struct migration){old_migrations[i], NULL, NULL};
	return (struct migration){migration7_before, store_convert_6, migration7_after};
}

int store_schema_version(void)
{
	return (int)NR_MIGRATIONS;
}

/* ---- is the file ours? -------------------------------------------------- */

static int pragma_int(struct store *st, const char *sql, long long *out)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_db_error(st, "cannot read the schema version");
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_db_error(st, "cannot read the schema version");
	return 0;
}

/* The schema objects of a database, sorted by type and name. */
struct schema_object {
	char *field[4]; /* type, name, table, SQL ("" for NULL) */
};
struct schema_list {
	struct schema_object *o;
	size_t nr, alloc;
};

static void schema_list_release(struct schema_list *l)
{
	for (size_t i = 0; i < l->nr; i++)
		for (int f = 0; f < 4; f++)
			free(l->o[i].field[f]);
	free(l->o);
	memset(l, 0, sizeof(*l));
}

static int read_schema(sqlite3 *db, struct schema_list *out)
{
	sqlite3_stmt *s;
	int rc;
	if (sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema "
	                           "ORDER BY type, name", -1, &s, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ALLOC_GROW(out->o, out->nr + 1, out->alloc);
		for (int f = 0; f < 4; f++) {
			const unsigned char *t = sqlite3_column_text(s, f);
			out->o[out->nr].field[f] = xstrdup(t ? (const char *)t : "");
		}
		out->nr++;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int same_object(const struct schema_object *a, const struct schema_object *b)
{
	for (int f = 0; f < 4; f++)
		if (strcmp(a->field[f], b->field[f]))
			return 0;
	return 1;
}

/* The first object of a that b lacks, as "type 'name'" into what;
 * *changed = 1 when b has an object of that type and name (a different one). */
static void first_foreign(const struct schema_list *a, const struct schema_list *b,
                          struct strbuf *what, int *changed)
{
	*changed = 0;
	for (size_t i = 0; i < a->nr; i++) {
		int found = 0;
		for (size_t j = 0; j < b->nr && !found; j++) {
			found = same_object(&a->o[i], &b->o[j]);
			if (!strcmp(a->o[i].field[0], b->o[j].field[0]) &&
			    !strcmp(a->o[i].field[1], b->o[j].field[1]))
				*changed = 1;
		}
		if (!found) {
			strbuf_addf(what, "%s '%s'", a->o[i].field[0], a->o[i].field[1]);
			return;
		}
		*changed = 0;
	}
}

/*
 * The schema assess makes at `version`: the SQL of migrations 1..version
 * applied to a private in-memory database by this SQLite, so the text of
 * every object (ALTER TABLE included) is what a database of ours holds.
 */
static int reference_schema(long long version, struct schema_list *out)
{
	sqlite3 *mem = NULL;
	int ret = -1;
	if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK)
		goto out;
	for (long long v = 0; v < version; v++) {
		struct migration m = migration_at((size_t)v);
		if (sqlite3_exec(mem, m.sql, NULL, NULL, NULL) != SQLITE_OK ||
		    (m.sql_after && sqlite3_exec(mem, m.sql_after, NULL, NULL, NULL) != SQLITE_OK))
			goto out;
	}
	ret = read_schema(mem, out);
out:
	if (ret < 0)
		error("cannot build the reference schema: %s", mem ? sqlite3_errmsg(mem) : "no memory");
	sqlite3_close(mem);
	return ret;
}

/*
 * Is the file ours, and as we made it? Read in one transaction (another
 * process may be migrating): the schema version must be 0..latest; a file
 * with another application id is refused unless it has no schema object
 * (a new or empty file becomes ours); and the schema must be exactly the
 * one our migrations make at its version: a trigger, view, index, table or
 * column someone else added is refused before anything runs.
 */
int store_check_identity(struct store *st)
{
	struct schema_list have = {0}, want = {0};
	long long version = 0, app_id = 0;
	int ret = -1, latest = store_schema_version();
	if (store_exec(st, "BEGIN", "cannot open the database") < 0)
		return -1;
	if (pragma_int(st, "PRAGMA user_version", &version) < 0 ||
	    pragma_int(st, "PRAGMA application_id", &app_id) < 0)
		goto out;
	if (read_schema(st->db, &have) < 0) {
		store_db_error(st, "cannot read the schema");
		goto out;
	}
	if (app_id != STORE_APPLICATION_ID && have.nr) {
		error("%s: not an assess database (application id %lld, %zu schema objects); "
		      "nothing was changed", st->path, app_id, have.nr);
		goto out;
	}
	if (version < 0) {
		store_corrupt(st, "schema version %lld", version);
		goto out;
	}
	if (version > latest) {
		error("%s: database schema version %lld is newer than this assess knows (%d); "
		      "use a newer assess", st->path, version, latest);
		goto out;
	}
	if (reference_schema(version, &want) < 0)
		goto out;
	struct strbuf what;
	int changed;
	strbuf_init(&what);
	first_foreign(&have, &want, &what, &changed);
	if (what.len)
		store_corrupt(st, "%s %s (schema version %lld)", what.buf,
		              changed ? "is not as assess made it" : "is not part of the assess schema",
		              version);
	else if (have.nr != want.nr) {
		first_foreign(&want, &have, &what, &changed);
		store_corrupt(st, "%s of the assess schema (version %lld) is missing", what.buf,
		              version);
	} else
		ret = 0;
	strbuf_release(&what);
out:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	schema_list_release(&have);
	schema_list_release(&want);
	return ret;
}

int store_migrate(struct store *st)
{
	long long version;
	int latest = store_schema_version();

	if (pragma_int(st, "PRAGMA user_version", &version) < 0)
		return -1;
	while (version < latest) {
		char sql[96];
		if (store_exec(st, "BEGIN IMMEDIATE", "cannot start the migration") < 0)
			return -1;
		/* another process may have migrated while we waited for the lock */
		if (pragma_int(st, "PRAGMA user_version", &version) < 0)
			goto fail;
		if (version >= latest) {
			store_exec(st, "ROLLBACK", "cannot end the migration");
			break;
		}
		if (version < 0) {
			store_corrupt(st, "schema version %lld", version);
			goto fail;
		}
		struct migration m = migration_at((size_t)version);
		if (store_exec(st, m.sql, "cannot migrate the database") < 0 ||
		    (m.convert && m.convert(st) < 0) ||
		    (m.sql_after && store_exec(st, m.sql_after, "cannot migrate the database") < 0))
			goto fail;
		/* integers from this file, not data: PRAGMA takes no parameters */
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %lld; PRAGMA application_id = %d",
		         version + 1, STORE_APPLICATION_ID);
		if (store_exec(st, sql, "cannot migrate the database") < 0 ||
		    store_exec(st, "COMMIT", "cannot migrate the database") < 0)
			goto fail;
		version++;
	}
	return 0;
fail:
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_exec(st->db, "PRAGMA legacy_alter_table = OFF", NULL, NULL, NULL);
	return -1;
}

/* A file from anyone: nothing in its schema may run code or change what we
 * read (SQLite's defensive mode, no triggers, no views, an untrusted schema). */
int store_harden(struct store *st)
{
	static const int off[] = {SQLITE_DBCONFIG_ENABLE_TRIGGER, SQLITE_DBCONFIG_ENABLE_VIEW,
	                          SQLITE_DBCONFIG_TRUSTED_SCHEMA};
	if (sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL) != SQLITE_OK)
		return store_db_error(st, "cannot open the database defensively");
	for (size_t i = 0; i < ARRAY_SIZE(off); i++)
		if (sqlite3_db_config(st->db, off[i], 0, NULL) != SQLITE_OK)
			return store_db_error(st, "cannot open the database defensively");
	return store_exec(st, "PRAGMA trusted_schema = OFF", "cannot open the database");
}
