/*
 * store.c - the SQLite database: migrations, imports, snapshot reading, runs.
 *
 * The statements live in one table (enum stmt_id / stmt_sql) and are
 * prepared on first use and reused for the life of the connection. Column
 * lists that follow facts.h are pasted together at compile time from
 * FACT_LIST, so the SQL text is a constant; the CREATE TABLE of migration 1
 * is written out literally and a unit test checks that it has every column.
 */
#include "store.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "diag.h"
#include "finding_text.h"
#include "graph.h"
#include "strmap.h"
#include "util.h"

#define STORE_APPLICATION_ID 0x41535345 /* "ASSE" */

/* ---- schema ------------------------------------------------------------ */

static const char *const migrations[] = {
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

int store_schema_version(void)
{
	return (int)ARRAY_SIZE(migrations);
}

/* ---- statements -------------------------------------------------------- */

#define FACT_COL(id, name, kind, values, column) ", " column
#define FACT_SCOL(id, name, kind, values, column) ", s." column
#define FACT_PARAM(id, name, kind, values, column) ", ?"
#define SYSTEM_COLUMNS_BEFORE_FACTS 3 /* row, file, line */

/* The snapshot's systems joined through membership, in row order. */
#define MEMBER_ROWS(table, alias)                                            \
	" FROM snapshot_systems ss JOIN " table " " alias                        \
	" ON " alias ".system_row = ss.system_row WHERE ss.snapshot = ?1"        \
	" ORDER BY ss.system_row, " alias ".pos"

enum stmt_id {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_LATEST_SNAPSHOT,
	ST_NEW_SNAPSHOT,
	ST_INSERT_SYSTEM,
	ST_INSERT_COMPONENT,
	ST_INSERT_INSPECTION,
	ST_INSERT_CONTROL,
	ST_INSERT_WAIVER,
	ST_INSERT_ORG,
	ST_INSERT_ORG_POLICY,
	ST_ORG_POLICIES,
	ST_MEMBERS_NEW,
	ST_MEMBERS_KEPT,
	ST_ORGS_NEW,
	ST_ORGS_KEPT,
	ST_CONFLICTS,
	ST_DANGLING,
	ST_OWNER_PLACE,
	ST_COMPONENT_EDGES,
	ST_SNAPSHOT_COUNT,
	ST_SNAPSHOT_AS_OF,
	ST_FINISH_SNAPSHOT,
	ST_KNOWN_SYSTEM,
	ST_KNOWN_ORG,
	ST_EACH_SYSTEM,
	ST_EACH_COMPONENT,
	ST_EACH_INSPECTION,
	ST_EACH_CONTROL,
	ST_EACH_WAIVER,
	ST_EACH_ORG,
	ST_INSERT_RUN,
	ST_INSERT_RUN_CLAUSE,
	ST_INSERT_RUN_RULESET,
	ST_INSERT_RUN_READING,
	ST_RUN_RULESETS,
	ST_RUN_READINGS,
	ST_INSERT_RUN_REASON,
	ST_INSERT_RUN_ARGS,
	ST_INSERT_RUN_SYSTEM,
	ST_INSERT_RUN_FINDING,
	ST_FINISH_RUN,
	ST_LATEST_RUN,
	ST_GET_RUN,
	ST_EACH_RUN,
	ST_RUN_CLAUSES,
	ST_EACH_RUN_SYSTEM,
	ST_EACH_RUN_FINDING,
	ST_ONE_RUN_SYSTEM,
	ST_ONE_RUN_FINDING,
	ST_EACH_RUN_FINDING_CODE,
	ST_ONE_RUN_FINDING_CODE,
	ST_ROW_COMPONENT,
	ST_ROW_INSPECTION,
	ST_ROW_CONTROL,
	ST_ROW_WAIVER,
	NR_STMT
};

/* The inspection fields of a run_systems row (schema 4). */
#define RUN_INSPECTION_COLUMNS                                               \
	", r.inspection_state, r.last_inspection, r.inspection_months, "         \
	"r.inspection_counts, r.inspection_basis, r.inspection_article, "        \
	"r.inspection_policy, coalesce(r.rules, (SELECT rules FROM runs "       \
	"WHERE id = r.run)), r.rules_basis, r.rules_article, "                   \
	"(SELECT text_en FROM run_reasons WHERE run = r.run AND id = r.rules_reason), " \
	"(SELECT text_vi FROM run_reasons WHERE run = r.run AND id = r.rules_reason), " \
	"r.hosting_separation, r.hosting_article"

/* The arguments of a run_findings row: inline, or once per run (schema 5). */
#define FINDING_ARGS                                                         \
	"coalesce(args, (SELECT a.args FROM run_args a WHERE a.run = "           \
	"run_findings.run AND a.id = run_findings.args_ref))"

#define RUN_COLUMNS                                                          \
	"id, snapshot, rules, rules_title_vi, rules_title_en, rules_file, "      \
	"rules_digest, date, as_of, \"generated\", tool_version, systems, "      \
	"undetermined, critical, warning, info, rules_requested"

static const char *const stmt_sql[NR_STMT] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_LATEST_SNAPSHOT] = "SELECT coalesce(max(id), 0) FROM snapshots",
	[ST_NEW_SNAPSHOT] = "INSERT INTO snapshots(created, as_of, files, systems) "
	                    "VALUES(?1, NULL, '', 0)",
	[ST_INSERT_SYSTEM] = "INSERT INTO systems(snapshot, file, line" FACT_LIST(FACT_COL)
	                     ") VALUES(?, ?, ?" FACT_LIST(FACT_PARAM) ")",
	[ST_INSERT_COMPONENT] = "INSERT INTO components(system_row, pos, ref, line) "
	                        "VALUES(?1, ?2, ?3, ?4)",
	[ST_INSERT_INSPECTION] = "INSERT INTO inspections(system_row, pos, date, kind, "
	                         "independent, by_whom, findings, line) "
	                         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_INSERT_CONTROL] = "INSERT INTO controls(system_row, pos, ref, status, due, "
	                      "evidence, line) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_INSERT_WAIVER] = "INSERT INTO waivers(system_row, pos, ref, reason, "
	                     "approved_by, until, line) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_INSERT_ORG] = "INSERT INTO organizations(snapshot, id, role, parent, name, "
	                  "file, line) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_INSERT_ORG_POLICY] = "INSERT INTO org_policies(org_row, pos, level, months, decision, "
	                         "line) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_ORG_POLICIES] = "SELECT level, months, decision, line FROM org_policies "
	                    "WHERE org_row = ?1 ORDER BY pos",
	[ST_MEMBERS_NEW] = "INSERT INTO snapshot_systems(snapshot, system_row) "
	                   "SELECT ?1, row FROM systems WHERE snapshot = ?1",
	[ST_MEMBERS_KEPT] =
		"INSERT INTO snapshot_systems(snapshot, system_row) "
		"SELECT ?1, ss.system_row FROM snapshot_systems ss "
		"JOIN systems k ON k.row = ss.system_row "
		"WHERE ss.snapshot = ?2 "
		"AND NOT EXISTS (SELECT 1 FROM systems n "
		"                WHERE n.snapshot = ?1 AND n.owner = k.owner) "
		"AND NOT EXISTS (SELECT 1 FROM organizations o "
		"                WHERE o.snapshot = ?1 AND o.id = k.owner AND o.role = 'owner')",
	[ST_ORGS_NEW] = "INSERT INTO snapshot_organizations(snapshot, org_row) "
	                "SELECT ?1, row FROM organizations WHERE snapshot = ?1",
	[ST_ORGS_KEPT] =
		"INSERT INTO snapshot_organizations(snapshot, org_row) "
		"SELECT ?1, so.org_row FROM snapshot_organizations so "
		"JOIN organizations k ON k.row = so.org_row "
		"WHERE so.snapshot = ?2 "
		"AND NOT EXISTS (SELECT 1 FROM organizations n "
		"                WHERE n.snapshot = ?1 AND n.id = k.id)",
	/* an imported system whose id is also another member of the snapshot */
	[ST_CONFLICTS] =
		"SELECT n.id, n.file, n.line, k.owner, k.file, k.line, k.snapshot = ?1 "
		"FROM systems n JOIN systems k ON k.id = n.id AND k.row < n.row "
		"JOIN snapshot_systems ks ON ks.snapshot = ?1 AND ks.system_row = k.row "
		"WHERE n.snapshot = ?1 ORDER BY n.row",
	/* a component of a member that is no member (?2: the base snapshot,
	 * where the component was, and its owner there) */
	[ST_DANGLING] =
		"SELECT s.id, s.owner, s.snapshot = ?1, s.file, c.line, c.ref, "
		"(SELECT k.owner FROM systems k CROSS JOIN snapshot_systems ks "
		" ON ks.snapshot = ?2 AND ks.system_row = k.row WHERE k.id = c.ref LIMIT 1) "
		"FROM snapshot_systems ss JOIN systems s ON s.row = ss.system_row "
		"JOIN components c ON c.system_row = s.row "
		/* CROSS JOIN: look the id up (systems_id), then the membership */
		"WHERE ss.snapshot = ?1 AND NOT EXISTS (SELECT 1 FROM systems m "
		"  CROSS JOIN snapshot_systems ms ON ms.snapshot = ?1 AND ms.system_row = m.row "
		"  WHERE m.id = c.ref) "
		"ORDER BY s.id, c.pos",
	/* where the import covers an owner: its organization, else its first system */
	[ST_OWNER_PLACE] =
		"SELECT file, line FROM (SELECT file, line, 0 AS k, row FROM organizations "
		"  WHERE snapshot = ?1 AND id = ?2 AND role = 'owner' "
		"  UNION ALL SELECT file, line, 1, row FROM systems WHERE snapshot = ?1 AND owner = ?2) "
		"ORDER BY k, row LIMIT 1",
	/* every component reference of the snapshot: from, to, imported, where */
	[ST_COMPONENT_EDGES] =
		"SELECT s.id, c.ref, s.snapshot = ?1, s.file, c.line "
		"FROM snapshot_systems ss JOIN systems s ON s.row = ss.system_row "
		"JOIN components c ON c.system_row = s.row "
		"WHERE ss.snapshot = ?1 ORDER BY ss.system_row, c.pos",
	[ST_SNAPSHOT_COUNT] = "SELECT count(*) FROM snapshot_systems WHERE snapshot = ?1",
	[ST_SNAPSHOT_AS_OF] = "SELECT as_of FROM snapshots WHERE id = ?1",
	[ST_FINISH_SNAPSHOT] = "UPDATE snapshots SET as_of = ?2, files = ?3, systems = ?4 "
	                       "WHERE id = ?1",
	[ST_KNOWN_SYSTEM] = "SELECT 1 FROM systems s JOIN snapshot_systems ss "
	                    "ON ss.snapshot = ?1 AND ss.system_row = s.row "
	                    "WHERE s.id = ?2 LIMIT 1",
	[ST_KNOWN_ORG] = "SELECT o.role FROM organizations o JOIN snapshot_organizations so "
	                 "ON so.snapshot = ?1 AND so.org_row = o.row "
	                 "WHERE o.id = ?2 LIMIT 1",
	[ST_EACH_SYSTEM] = "SELECT s.row, s.file, s.line" FACT_LIST(FACT_SCOL)
	                   " FROM snapshot_systems ss JOIN systems s ON s.row = ss.system_row"
	                   " WHERE ss.snapshot = ?1 ORDER BY ss.system_row",
	[ST_EACH_COMPONENT] = "SELECT c.system_row, c.ref, c.line" MEMBER_ROWS("components", "c"),
	[ST_EACH_INSPECTION] = "SELECT c.system_row, c.date, c.kind, c.independent, c.by_whom, "
	                       "c.findings, c.line" MEMBER_ROWS("inspections", "c"),
	[ST_EACH_CONTROL] = "SELECT c.system_row, c.ref, c.status, c.due, c.evidence, c.line"
	                    MEMBER_ROWS("controls", "c"),
	[ST_EACH_WAIVER] = "SELECT c.system_row, c.ref, c.reason, c.approved_by, c.until, c.line"
	                   MEMBER_ROWS("waivers", "c"),
	[ST_EACH_ORG] = "SELECT o.id, o.role, o.parent, o.name, o.file, o.line, o.row "
	                "FROM snapshot_organizations so JOIN organizations o "
	                "ON o.row = so.org_row WHERE so.snapshot = ?1 ORDER BY so.org_row",
	[ST_INSERT_RUN] = "INSERT INTO runs(" RUN_COLUMNS ") VALUES(NULL, ?, ?, ?, ?, ?, ?, ?, "
	                  "?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[ST_INSERT_RUN_CLAUSE] = "INSERT INTO run_clauses(run, pos, clause_id, level, rules, "
	                         "level_from, article, ref, ref_en, text_vi, text_en, readings) "
	                         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[ST_INSERT_RUN_RULESET] = "INSERT INTO run_rulesets(run, pos, rules, version, title_vi, "
	                          "title_en, file, digest, catalogue, catalogue_digest, systems, "
	                          "catalogue_kind) "
	                          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[ST_INSERT_RUN_READING] = "INSERT INTO run_readings(run, rules, id, text_vi, text_en) "
	                          "VALUES(?1, ?2, ?3, ?4, ?5)",
	[ST_RUN_RULESETS] = "SELECT rules, version, title_vi, title_en, file, digest, catalogue, "
	                    "catalogue_digest, systems, catalogue_kind FROM run_rulesets "
	                    "WHERE run = ?1 ORDER BY pos",
	[ST_RUN_READINGS] = "SELECT rules, id, text_vi, text_en FROM run_readings WHERE run = ?1 "
	                    "ORDER BY rules, id",
	[ST_INSERT_RUN_SYSTEM] =
		"INSERT INTO run_systems(run, system_id, system_row, level, determined, "
		"level_low, level_high, own_level_low, own_level_high, reason, "
		"deciding_clause, deciding_component, near_threshold, approved_level, drift, "
		"outcomes, req_applicable, req_met, req_partial, req_not_met, req_waived, "
		"req_unknown, next_due, layers, layers_unknown, reason_vi, readings, "
		"inspection_state, last_inspection, inspection_months, inspection_counts, "
		"inspection_basis, inspection_article, inspection_policy, rules, rules_basis, "
		"rules_article, rules_reason, hosting_separation, hosting_article) "
		"VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[ST_INSERT_RUN_REASON] = "INSERT INTO run_reasons(run, id, text_vi, text_en) "
	                         "VALUES(?1, ?2, ?3, ?4)",
	[ST_INSERT_RUN_FINDING] = "INSERT INTO run_findings(run, system_id, pos, code, "
	                          "severity, text_vi, text_en, args, args_ref) "
	                          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[ST_INSERT_RUN_ARGS] = "INSERT INTO run_args(run, id, args) VALUES(?1, ?2, ?3)",
	[ST_FINISH_RUN] = "UPDATE runs SET systems = ?2, undetermined = ?3, critical = ?4, "
	                  "warning = ?5, info = ?6 WHERE id = ?1",
	[ST_LATEST_RUN] = "SELECT coalesce(max(id), 0) FROM runs",
	[ST_GET_RUN] = "SELECT " RUN_COLUMNS " FROM runs WHERE id = ?1",
	[ST_EACH_RUN] = "SELECT " RUN_COLUMNS " FROM runs ORDER BY id",
	[ST_RUN_CLAUSES] = "SELECT clause_id, level, coalesce(rules, (SELECT rules FROM runs "
	                   "WHERE id = ?1)), level_from, article, ref, ref_en, text_vi, text_en, "
	                   "readings FROM run_clauses WHERE run = ?1 ORDER BY pos",
	[ST_EACH_RUN_SYSTEM] =
		"SELECT r.system_id, r.system_row, r.level, r.determined, r.level_low, "
		"r.level_high, r.own_level_low, r.own_level_high, r.reason, "
		"r.deciding_clause, r.deciding_component, r.near_threshold, "
		"r.approved_level, r.drift, r.outcomes, r.req_applicable, r.req_met, "
		"r.req_partial, r.req_not_met, r.req_waived, r.req_unknown, r.next_due, "
		"r.layers, r.layers_unknown, s.file, s.line" FACT_LIST(FACT_SCOL)
		", r.reason_vi, r.readings" RUN_INSPECTION_COLUMNS
		" FROM run_systems r LEFT JOIN systems s ON s.row = r.system_row"
		" WHERE r.run = ?1 AND (?2 IS NULL OR r.system_id = ?2)"
		" ORDER BY r.system_id",
	[ST_EACH_RUN_FINDING] = "SELECT system_id, code, severity, text_vi, text_en, " FINDING_ARGS " "
	                        "FROM run_findings WHERE run = ?1 "
	                        "AND (?2 IS NULL OR system_id = ?2) "
	                        "ORDER BY system_id, pos",
	/* one system: the same columns, with conditions the planner can use as
	 * index keys ("?2 IS NULL OR ..." would scan the whole run) */
	[ST_ONE_RUN_SYSTEM] =
		"SELECT r.system_id, r.system_row, r.level, r.determined, r.level_low, "
		"r.level_high, r.own_level_low, r.own_level_high, r.reason, "
		"r.deciding_clause, r.deciding_component, r.near_threshold, "
		"r.approved_level, r.drift, r.outcomes, r.req_applicable, r.req_met, "
		"r.req_partial, r.req_not_met, r.req_waived, r.req_unknown, r.next_due, "
		"r.layers, r.layers_unknown, s.file, s.line" FACT_LIST(FACT_SCOL)
		", r.reason_vi, r.readings" RUN_INSPECTION_COLUMNS
		" FROM run_systems r LEFT JOIN systems s ON s.row = r.system_row"
		" WHERE r.run = ?1 AND r.system_id = ?2",
	[ST_ONE_RUN_FINDING] = "SELECT system_id, code, severity, text_vi, text_en, " FINDING_ARGS " "
	                       "FROM run_findings WHERE run = ?1 AND system_id = ?2 "
	                       "ORDER BY pos",
	/* the same without the texts (totals need codes and severities only) */
	[ST_EACH_RUN_FINDING_CODE] = "SELECT system_id, code, severity "
	                             "FROM run_findings WHERE run = ?1 "
	                             "AND (?2 IS NULL OR system_id = ?2) "
	                             "ORDER BY system_id, pos",
	[ST_ONE_RUN_FINDING_CODE] = "SELECT system_id, code, severity "
	                            "FROM run_findings WHERE run = ?1 AND system_id = ?2 "
	                            "ORDER BY pos",
	[ST_ROW_COMPONENT] = "SELECT system_row, ref, line FROM components "
	                     "WHERE system_row = ?1 ORDER BY pos",
	[ST_ROW_INSPECTION] = "SELECT system_row, date, kind, independent, by_whom, findings, "
	                      "line FROM inspections WHERE system_row = ?1 ORDER BY pos",
	[ST_ROW_CONTROL] = "SELECT system_row, ref, status, due, evidence, line FROM controls "
	                   "WHERE system_row = ?1 ORDER BY pos",
	[ST_ROW_WAIVER] = "SELECT system_row, ref, reason, approved_by, until, line FROM waivers "
	                  "WHERE system_row = ?1 ORDER BY pos",
};

struct store {
	sqlite3 *db;                  /* the connection */
	char *path;                   /* as given to store_open, for messages */
	sqlite3_stmt *stmt[NR_STMT];  /* prepared on first use, see stmt() */
	int busy;                     /* an import or a run holds a transaction */
	long resolve_snapshot;        /* snapshot the resolvers answer from; -1 = latest */
	int resolver_failed;          /* a resolver hit a database error */
	char *org_role;               /* last answer of store_known_org_role */
	char **run_clause_ids;        /* clause ids of the open run */
	size_t nr_run_clauses;
	struct strmap run_reasons;    /* the open run's rules reasons ("en\037vi") -> id */
	struct strmap run_args;       /* the open run's long finding arguments -> id */
};

struct store_import {
	struct store *st;   /* the store (its transaction is ours) */
	long snapshot;      /* the new snapshot id */
	long base;          /* the previous snapshot, 0 when none */
	long nr_systems;    /* systems stored so far */
	char as_of[11];     /* latest as-of of the files, "" when none */
	struct strbuf files;/* file names, one per line */
	int failed;         /* a store_import_* call failed: only rollback is left */
};

static int db_error(struct store *st, const char *what)
{
	return error("%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

/* The statement id, reset and with no bindings; NULL after reporting. */
static sqlite3_stmt *stmt(struct store *st, enum stmt_id id)
{
	sqlite3_stmt *s = st->stmt[id];
	if (!s) {
		if (sqlite3_prepare_v3(st->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
		                       &st->stmt[id], NULL) != SQLITE_OK) {
			db_error(st, "cannot prepare statement");
			return NULL;
		}
		return st->stmt[id];
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

static void bind_text(sqlite3_stmt *s, int i, const char *text)
{
	if (text)
		sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/* Bind n, or NULL when n == null_value. */
static void bind_int_or_null(sqlite3_stmt *s, int i, long long n, long long null_value)
{
	if (n == null_value)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int64(s, i, n);
}

static char *column_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? xstrdup((const char *)t) : NULL;
}

static int int_or_zero(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? 0 : sqlite3_column_int(s, i);
}

static const char *column_str(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

static int corrupt(struct store *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Every value read back is checked against what this program writes: the
 * file may come from anyone (store.h). Column i as an integer in lo..hi, or
 * null_value when it is NULL and null_value is not STORE_NOT_NULL; -1 after
 * reporting "database corrupt" with the column and the value.
 */
#define STORE_NOT_NULL LLONG_MIN

/* "table.column" of result column i, for messages (into buf). */
static const char *column_label(sqlite3_stmt *s, int i, char *buf, size_t size)
{
	const char *table = sqlite3_column_table_name(s, i);
	const char *column = sqlite3_column_origin_name(s, i);
	snprintf(buf, size, "%s%s%s", table ? table : "", table ? "." : "",
	         column ? column : sqlite3_column_name(s, i));
	return buf;
}

static int column_int_in(struct store *st, sqlite3_stmt *s, int i, long long lo, long long hi,
                         long long null_value, long long *out)
{
	char label[96];
	int type = sqlite3_column_type(s, i);
	if (type == SQLITE_NULL && null_value != STORE_NOT_NULL) {
		*out = null_value;
		return 0;
	}
	if (type != SQLITE_INTEGER)
		return corrupt(st, "%s is not a number", column_label(s, i, label, sizeof(label)));
	long long v = sqlite3_column_int64(s, i);
	if (v >= lo && v <= hi) {
		*out = v;
		return 0;
	}
	if (hi >= INT_MAX)
		return corrupt(st, "%s is %lld (expected %lld or more)",
		               column_label(s, i, label, sizeof(label)), v, lo);
	return corrupt(st, "%s is %lld (expected %lld to %lld)",
	               column_label(s, i, label, sizeof(label)), v, lo, hi);
}

/* The same into an int / a long (lo..hi must fit). */
static int column_int(struct store *st, sqlite3_stmt *s, int i, int lo, int hi, int null_value,
                      int *out)
{
	long long v;
	if (column_int_in(st, s, i, lo, hi, null_value, &v) < 0)
		return -1;
	*out = (int)v;
	return 0;
}

static int column_long(struct store *st, sqlite3_stmt *s, int i, long null_value, long *out)
{
	long long v;
	if (column_int_in(st, s, i, 0, LONG_MAX, null_value, &v) < 0)
		return -1;
	*out = (long)v;
	return 0;
}

/* A date column: NULL, or a real ISO date (also "" when empty_ok). */
static int column_date(struct store *st, sqlite3_stmt *s, int i, int empty_ok)
{
	char label[96];
	const char *t = column_str(s, i);
	if (!t || is_iso_date(t) || (empty_ok && !*t))
		return 0;
	return corrupt(st, "%s is '%.40s', not a date", column_label(s, i, label, sizeof(label)), t);
}

/* A text column that we always write. */
static int column_needed(struct store *st, sqlite3_stmt *s, int i)
{
	char label[96];
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return corrupt(st, "%s is empty", column_label(s, i, label, sizeof(label)));
	return 0;
}

/* Step a statement that returns no row; reset it afterwards. */
static int step_done(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, what);
	return 0;
}

/* Run a one-integer query; -1 after reporting. */
static long long query_long(struct store *st, enum stmt_id id, long long param,
                            const char *what)
{
	sqlite3_stmt *s = stmt(st, id);
	if (!s)
		return -1;
	if (param >= 0)
		sqlite3_bind_int64(s, 1, param);
	int rc = sqlite3_step(s);
	long long v = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return db_error(st, what);
	return v;
}

static int exec_simple(struct store *st, enum stmt_id id)
{
	sqlite3_stmt *s = stmt(st, id);
	if (!s)
		return -1;
	return step_done(st, s, stmt_sql[id]);
}

static int begin(struct store *st)
{
	if (st->busy)
		return error("%s: an import or a run is already open", st->path);
	if (exec_simple(st, ST_BEGIN) < 0)
		return -1;
	st->busy = 1;
	return 0;
}

static int finish(struct store *st, int commit)
{
	int ret = 0;
	if (commit)
		ret = exec_simple(st, ST_COMMIT);
	if (!commit || ret < 0) {
		if (sqlite3_get_autocommit(st->db) == 0 && exec_simple(st, ST_ROLLBACK) < 0)
			ret = -1;
	}
	st->busy = 0;
	return ret;
}

/* ---- open, migrate, close --------------------------------------------- */

static int pragma_int(struct store *st, const char *sql, long long *out)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return db_error(st, "cannot read the schema version");
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return db_error(st, "cannot read the schema version");
	return 0;
}

static int exec_sql(struct store *st, const char *sql, const char *what)
{
	char *msg = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		error("%s: %s: %s", st->path, what, msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* Report a value read back that this program never writes: the file was
 * changed by something else. Returns -1. */
static int corrupt(struct store *st, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;
	strbuf_init(&sb);
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		char *msg = xmalloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
		strbuf_addstr(&sb, msg);
		free(msg);
	}
	error("%s: database corrupt: %s", st->path, sb.buf);
	strbuf_release(&sb);
	return -1;
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
 * The schema assess makes at `version`: migrations 1..version applied to a
 * private in-memory database by this SQLite, so the text of every object
 * (ALTER TABLE included) is what a database of ours holds.
 */
static int reference_schema(long long version, struct schema_list *out)
{
	sqlite3 *mem = NULL;
	int ret = -1;
	if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK)
		goto out;
	for (long long v = 0; v < version; v++)
		if (sqlite3_exec(mem, migrations[v], NULL, NULL, NULL) != SQLITE_OK)
			goto out;
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
static int check_identity(struct store *st)
{
	struct schema_list have = {0}, want = {0};
	long long version = 0, app_id = 0;
	int ret = -1, latest = store_schema_version();
	if (exec_sql(st, "BEGIN", "cannot open the database") < 0)
		return -1;
	if (pragma_int(st, "PRAGMA user_version", &version) < 0 ||
	    pragma_int(st, "PRAGMA application_id", &app_id) < 0)
		goto out;
	if (read_schema(st->db, &have) < 0) {
		db_error(st, "cannot read the schema");
		goto out;
	}
	if (app_id != STORE_APPLICATION_ID && have.nr) {
		error("%s: not an assess database (application id %lld, %zu schema objects); "
		      "nothing was changed", st->path, app_id, have.nr);
		goto out;
	}
	if (version < 0) {
		corrupt(st, "schema version %lld", version);
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
		corrupt(st, "%s %s (schema version %lld)", what.buf,
		        changed ? "is not as assess made it" : "is not part of the assess schema",
		        version);
	else if (have.nr != want.nr) {
		first_foreign(&want, &have, &what, &changed);
		corrupt(st, "%s of the assess schema (version %lld) is missing", what.buf, version);
	} else
		ret = 0;
	strbuf_release(&what);
out:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	schema_list_release(&have);
	schema_list_release(&want);
	return ret;
}

static int migrate(struct store *st)
{
	long long version;
	int latest = store_schema_version();

	if (pragma_int(st, "PRAGMA user_version", &version) < 0)
		return -1;
	while (version < latest) {
		char sql[96];
		if (exec_sql(st, "BEGIN IMMEDIATE", "cannot start the migration") < 0)
			return -1;
		/* another process may have migrated while we waited for the lock */
		if (pragma_int(st, "PRAGMA user_version", &version) < 0)
			goto fail;
		if (version >= latest) {
			exec_sql(st, "ROLLBACK", "cannot end the migration");
			break;
		}
		if (version < 0) {
			corrupt(st, "schema version %lld", version);
			goto fail;
		}
		if (exec_sql(st, migrations[version], "cannot migrate the database") < 0)
			goto fail;
		/* integers from this file, not data: PRAGMA takes no parameters */
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %lld; PRAGMA application_id = %d",
		         version + 1, STORE_APPLICATION_ID);
		if (exec_sql(st, sql, "cannot migrate the database") < 0 ||
		    exec_sql(st, "COMMIT", "cannot migrate the database") < 0)
			goto fail;
		version++;
	}
	return 0;
fail:
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* A file from anyone: nothing in its schema may run code or change what we
 * read (SQLite's defensive mode, no triggers, no views, an untrusted schema). */
static int harden(struct store *st)
{
	static const int off[] = {SQLITE_DBCONFIG_ENABLE_TRIGGER, SQLITE_DBCONFIG_ENABLE_VIEW,
	                          SQLITE_DBCONFIG_TRUSTED_SCHEMA};
	if (sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL) != SQLITE_OK)
		return db_error(st, "cannot open the database defensively");
	for (size_t i = 0; i < ARRAY_SIZE(off); i++)
		if (sqlite3_db_config(st->db, off[i], 0, NULL) != SQLITE_OK)
			return db_error(st, "cannot open the database defensively");
	return exec_sql(st, "PRAGMA trusted_schema = OFF", "cannot open the database");
}

int store_open(const char *path, struct store **out)
{
	struct store *st = xcalloc(1, sizeof(*st));
	*out = NULL;
	st->path = xstrdup(path);
	st->resolve_snapshot = -1;
	if (strcmp(path, ":memory:")) {
		/* no output file of this process may replace the database */
		static const char *const companions[] = {"", "-wal", "-shm", "-journal"};
		struct strbuf name;
		strbuf_init(&name);
		for (size_t i = 0; i < ARRAY_SIZE(companions); i++) {
			strbuf_reset(&name);
			strbuf_addf(&name, "%s%s", path, companions[i]);
			output_path_protect(name.buf);
		}
		strbuf_release(&name);
	}
	/* one thread per connection (store.h): no mutex around every bind and
	 * column call, ~4% of a classification */
	if (sqlite3_open_v2(path, &st->db,
	                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	                    NULL) != SQLITE_OK) {
		if (st->db)
			db_error(st, "cannot open the database");
		else
			error("%s: cannot open the database", path);
		store_close(st);
		return -1;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 5000);
	/* nothing is written (not even the WAL mode) before the file is known
	 * to be ours */
	if (harden(st) < 0 || check_identity(st) < 0 ||
	    exec_sql(st, "PRAGMA foreign_keys = ON", "cannot open the database") < 0 ||
	    exec_sql(st, "PRAGMA journal_mode = WAL", "cannot open the database") < 0 ||
	    exec_sql(st, "PRAGMA synchronous = NORMAL", "cannot open the database") < 0 ||
	    migrate(st) < 0) {
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

/* Forget the open run's clause ids and reasons. */
static void free_run_clauses(struct store *st)
{
	for (size_t i = 0; i < st->nr_run_clauses; i++)
		free(st->run_clause_ids[i]);
	free(st->run_clause_ids);
	st->run_clause_ids = NULL;
	st->nr_run_clauses = 0;
	strmap_release(&st->run_reasons);
	strmap_release(&st->run_args);
}

/* Finding arguments this long or longer are stored once per run (most
 * repeat: the same cadence, rule sets and articles for thousands of
 * systems), up to RUN_ARGS_MAX distinct ones; shorter or later ones
 * inline. */
#define RUN_ARGS_MIN_LEN 32
#define RUN_ARGS_MAX 65536

/* The run_args id of args in the open run, 0 when they are to be stored
 * inline; -1 after reporting. */
static long long run_args_id(struct store *st, long run, const char *args)
{
	size_t v;
	if (!args || strlen(args) < RUN_ARGS_MIN_LEN)
		return 0;
	if (strmap_get(&st->run_args, args, &v))
		return (long long)v;
	if (st->run_args.size >= RUN_ARGS_MAX)
		return 0;
	v = st->run_args.size + 1;
	sqlite3_stmt *s = stmt(st, ST_INSERT_RUN_ARGS);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, run);
	sqlite3_bind_int64(s, 2, (long long)v);
	bind_text(s, 3, args);
	if (step_done(st, s, "cannot store a finding") < 0)
		return -1;
	strmap_put(&st->run_args, args, v, NULL);
	return (long long)v;
}

/* The id of the reason (en, vi) in the open run, stored the first time it
 * is seen: 0 and *id, or -1 after reporting. */
static int run_reason_id(struct store *st, long run, const char *en, const char *vi,
                         long long *id)
{
	struct strbuf key;
	size_t v;
	int ret = 0;
	strbuf_init(&key);
	strbuf_addstr(&key, en);
	strbuf_addstr(&key, "\037");
	strbuf_addstr(&key, vi ? vi : "");
	if (strmap_get(&st->run_reasons, key.buf, &v)) {
		*id = (long long)v;
		goto out;
	}
	v = st->run_reasons.size + 1;
	sqlite3_stmt *s = stmt(st, ST_INSERT_RUN_REASON);
	if (!s) {
		ret = -1;
		goto out;
	}
	sqlite3_bind_int64(s, 1, run);
	sqlite3_bind_int64(s, 2, (long long)v);
	bind_text(s, 3, vi);
	bind_text(s, 4, en);
	if (step_done(st, s, "cannot store a result") < 0) {
		ret = -1;
		goto out;
	}
	strmap_put(&st->run_reasons, key.buf, v, NULL);
	*id = (long long)v;
out:
	strbuf_release(&key);
	return ret;
}

int store_checkpoint(struct store *st)
{
	int nlog = -1, ncopied = -1;
	int rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &nlog,
	                                   &ncopied);
	if (rc != SQLITE_OK)
		return db_error(st, "cannot write the database file (checkpoint)");
	if (nlog > 0 && ncopied != nlog)
		return error("%s: cannot write the database file (checkpoint): %d of %d pages copied",
		             st->path, ncopied, nlog);
	return 0;
}

int store_close(struct store *st)
{
	int ret = 0;
	if (!st)
		return 0;
	for (int i = 0; i < NR_STMT; i++)
		sqlite3_finalize(st->stmt[i]);
	if (st->db && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	if (st->db && sqlite3_close(st->db) != SQLITE_OK) {
		ret = db_error(st, "cannot close the database");
		sqlite3_close_v2(st->db); /* closes once the rest is finalized */
	}
	free_run_clauses(st);
	free(st->org_role);
	free(st->path);
	free(st);
	return ret;
}

const char *store_path(const struct store *st)
{
	return st ? st->path : NULL;
}

/* ---- import ------------------------------------------------------------ */

static void now_iso(char out[21])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

long store_latest_snapshot(struct store *st)
{
	long long v = query_long(st, ST_LATEST_SNAPSHOT, -1, "cannot read the snapshots");
	return v < 0 ? 0 : (long)v;
}

int store_import_begin(struct store *st, struct store_import **out)
{
	char created[21];
	long long base;
	sqlite3_stmt *s;

	*out = NULL;
	if (begin(st) < 0)
		return -1;
	base = query_long(st, ST_LATEST_SNAPSHOT, -1, "cannot read the snapshots");
	if (base < 0 || !(s = stmt(st, ST_NEW_SNAPSHOT)))
		goto fail;
	now_iso(created);
	bind_text(s, 1, created);
	if (step_done(st, s, "cannot create a snapshot") < 0)
		goto fail;

	struct store_import *imp = xcalloc(1, sizeof(*imp));
	imp->st = st;
	imp->snapshot = (long)sqlite3_last_insert_rowid(st->db);
	imp->base = (long)base;
	strbuf_init(&imp->files);
	st->resolve_snapshot = imp->base;
	st->resolver_failed = 0;
	*out = imp;
	return 0;
fail:
	finish(st, 0);
	return -1;
}

int store_import_file(struct store_import *imp, const char *file, const char *as_of)
{
	if (!imp || imp->failed)
		return -1;
	if (imp->files.len)
		strbuf_addstr(&imp->files, "\n");
	strbuf_addstr(&imp->files, file ? file : "-");
	if (as_of && strlen(as_of) == 10 && strcmp(as_of, imp->as_of) > 0)
		memcpy(imp->as_of, as_of, 11);
	return 0;
}

int store_import_organization(struct store_import *imp, const struct organization *org)
{
	if (!imp || imp->failed)
		return -1;
	struct store *st = imp->st;
	sqlite3_stmt *s = stmt(st, ST_INSERT_ORG);
	if (!s)
		goto fail;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	bind_text(s, 2, org->id);
	bind_text(s, 3, org->role);
	bind_text(s, 4, org->parent);
	bind_text(s, 5, org->name);
	bind_text(s, 6, org->file);
	sqlite3_bind_int64(s, 7, org->line);
	if (step_done(st, s, "cannot store an organization") < 0)
		goto fail;
	long long row = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < org->nr_policies; i++) {
		const struct inspection_policy *p = &org->policies[i];
		if (!(s = stmt(st, ST_INSERT_ORG_POLICY)))
			goto fail;
		sqlite3_bind_int64(s, 1, row);
		sqlite3_bind_int64(s, 2, (long long)i);
		sqlite3_bind_int(s, 3, p->level);
		sqlite3_bind_int(s, 4, p->months);
		bind_text(s, 5, p->decision);
		sqlite3_bind_int64(s, 6, p->line);
		if (step_done(st, s, "cannot store an inspection policy") < 0)
			goto fail;
	}
	return 0;
fail:
	imp->failed = 1;
	return -1;
}

static int insert_children(struct store *st, long long row, const struct system_record *rec)
{
	sqlite3_stmt *s;

	for (size_t i = 0; i < rec->nr_components; i++) {
		const struct component_ref *c = &rec->components[i];
		if (!(s = stmt(st, ST_INSERT_COMPONENT)))
			return -1;
		sqlite3_bind_int64(s, 1, row);
		sqlite3_bind_int64(s, 2, (long long)i);
		bind_text(s, 3, c->ref);
		sqlite3_bind_int64(s, 4, c->line);
		if (step_done(st, s, "cannot store a component") < 0)
			return -1;
	}
	for (size_t i = 0; i < rec->nr_inspections; i++) {
		const struct inspection *in = &rec->inspections[i];
		if (!(s = stmt(st, ST_INSERT_INSPECTION)))
			return -1;
		sqlite3_bind_int64(s, 1, row);
		sqlite3_bind_int64(s, 2, (long long)i);
		bind_text(s, 3, in->date);
		bind_text(s, 4, in->kind);
		bind_text(s, 5, in->independent);
		bind_text(s, 6, in->by);
		bind_int_or_null(s, 7, in->findings, -1);
		sqlite3_bind_int64(s, 8, in->line);
		if (step_done(st, s, "cannot store an inspection") < 0)
			return -1;
	}
	for (size_t i = 0; i < rec->nr_controls; i++) {
		const struct control *c = &rec->controls[i];
		if (!(s = stmt(st, ST_INSERT_CONTROL)))
			return -1;
		sqlite3_bind_int64(s, 1, row);
		sqlite3_bind_int64(s, 2, (long long)i);
		bind_text(s, 3, c->ref);
		bind_text(s, 4, c->status);
		bind_text(s, 5, c->due);
		bind_text(s, 6, c->evidence);
		sqlite3_bind_int64(s, 7, c->line);
		if (step_done(st, s, "cannot store a control") < 0)
			return -1;
	}
	for (size_t i = 0; i < rec->nr_waivers; i++) {
		const struct waiver *w = &rec->waivers[i];
		if (!(s = stmt(st, ST_INSERT_WAIVER)))
			return -1;
		sqlite3_bind_int64(s, 1, row);
		sqlite3_bind_int64(s, 2, (long long)i);
		bind_text(s, 3, w->ref);
		bind_text(s, 4, w->reason);
		bind_text(s, 5, w->approved_by);
		bind_text(s, 6, w->until);
		sqlite3_bind_int64(s, 7, w->line);
		if (step_done(st, s, "cannot store a waiver") < 0)
			return -1;
	}
	return 0;
}

int store_import_system(struct store_import *imp, const struct system_record *rec)
{
	if (!imp || imp->failed)
		return -1;
	struct store *st = imp->st;
	if (!rec->value[F_ID]) {
		imp->failed = 1;
		return error("%s: cannot store a system without an id", st->path);
	}
	sqlite3_stmt *s = stmt(st, ST_INSERT_SYSTEM);
	if (!s)
		goto fail;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	bind_text(s, 2, rec->file);
	sqlite3_bind_int64(s, 3, rec->line);
	for (int i = 0; i < F__COUNT; i++)
		bind_text(s, SYSTEM_COLUMNS_BEFORE_FACTS + 1 + i, rec->value[i]);
	if (step_done(st, s, "cannot store a system") < 0)
		goto fail;
	if (insert_children(st, sqlite3_last_insert_rowid(st->db), rec) < 0)
		goto fail;
	imp->nr_systems++;
	return 0;
fail:
	imp->failed = 1;
	return -1;
}

long store_import_count(const struct store_import *imp)
{
	return imp ? imp->nr_systems : 0;
}

/* Report every imported system whose id is already a member; 1 if any. */
static int check_conflicts(struct store_import *imp)
{
	struct store *st = imp->st;
	sqlite3_stmt *s = stmt(st, ST_CONFLICTS);
	int rc, found = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = column_str(s, 0);
		const char *owner = column_str(s, 3);
		const char *kfile = column_str(s, 4);
		long kline = (long)sqlite3_column_int64(s, 5);
		if (sqlite3_column_int(s, 6))
			error_at(column_str(s, 1), (long)sqlite3_column_int64(s, 2),
			         "system '%s' is defined twice (first at %s:%ld)", id,
			         kfile ? kfile : "-", kline);
		else
			error_at(column_str(s, 1), (long)sqlite3_column_int64(s, 2),
			         "system '%s' already belongs to owner '%s' in the database "
			         "(imported from %s:%ld)", id, owner ? owner : "",
			         kfile ? kfile : "-", kline);
		found = 1;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, "cannot check system ids");
	return found;
}

/*
 * Report every component of a member of the new snapshot that is not a
 * member: a system the import leaves out (its owner's new inventory no
 * longer lists it) that another system, kept or imported, still uses.
 * 1 if any, 0, or -1.
 */
static int check_dangling(struct store_import *imp)
{
	struct store *st = imp->st;
	sqlite3_stmt *s = stmt(st, ST_DANGLING);
	int rc, found = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	sqlite3_bind_int64(s, 2, imp->base);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = column_str(s, 0), *owner = column_str(s, 1);
		const char *ref = column_str(s, 5), *ref_owner = column_str(s, 6);
		found = 1;
		if (sqlite3_column_int(s, 2)) { /* the user is imported: at its component */
			error_at(column_str(s, 3), (long)sqlite3_column_int64(s, 4),
			         "system '%s': component '%s' is not in the database after this import%s%s%s",
			         id, ref, ref_owner ? " (owner '" : "", ref_owner ? ref_owner : "",
			         ref_owner ? "' no longer lists it)" : "");
			continue;
		}
		/* a kept system: at the file that covers the component's owner */
		char *file = NULL;
		long line = 0;
		sqlite3_stmt *p = ref_owner ? stmt(st, ST_OWNER_PLACE) : NULL;
		if (p) {
			sqlite3_bind_int64(p, 1, imp->snapshot);
			bind_text(p, 2, ref_owner);
			if (sqlite3_step(p) == SQLITE_ROW) {
				file = column_dup(p, 0);
				line = (long)sqlite3_column_int64(p, 1);
			}
			sqlite3_reset(p);
		}
		error_at(file ? file : column_str(s, 3), file ? line : (long)sqlite3_column_int64(s, 4),
		         "system '%s'%s%s%s is left out, but system '%s' (owner '%s', kept in the "
		         "database) uses it as a component", ref, ref_owner ? " of owner '" : "",
		         ref_owner ? ref_owner : "", ref_owner ? "'" : "", id, owner ? owner : "");
		free(file);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, "cannot check components");
	return found;
}

/* The component references of a snapshot, as a graph for graph.h. */
struct component_graph {
	struct strmap ids;   /* system id -> node */
	size_t nr_nodes;
	char **names;        /* node -> id (the keys of ids, borrowed) */
	size_t *from, *to;   /* per edge, in the order read */
	char **file;         /* per edge: where it is written, NULL when kept */
	long *line;
	size_t nr_edges, alloc_edges;
	size_t *order;       /* CSR position -> edge */
};

static size_t graph_node(struct component_graph *g, const char *id)
{
	size_t i;
	if (strmap_get(&g->ids, id, &i))
		return i;
	strmap_put(&g->ids, id, g->nr_nodes, NULL);
	return g->nr_nodes++;
}

static void report_component_cycle(void *data, const size_t *cycle, size_t len)
{
	struct component_graph *g = data;
	size_t at = g->order[cycle[len - 1]];
	struct strbuf sb;
	strbuf_init(&sb);
	/* at an edge this import wrote (a cycle is new only through one) */
	for (size_t j = 0; j < len; j++)
		if (g->file[g->order[cycle[j]]]) {
			at = g->order[cycle[j]];
			break;
		}
	strbuf_addstr(&sb, g->names[g->from[g->order[cycle[0]]]]);
	for (size_t j = 0; j < len; j++)
		strbuf_addf(&sb, " -> %s", g->names[g->to[g->order[cycle[j]]]]);
	error_at(g->file[at], g->line[at], "component cycle over the database: %s", sb.buf);
	strbuf_release(&sb);
}

/* Report every component cycle of the new snapshot; 1 if any, 0, or -1. */
static int check_cycles(struct store_import *imp)
{
	struct store *st = imp->st;
	struct component_graph g;
	sqlite3_stmt *s = stmt(st, ST_COMPONENT_EDGES);
	int rc, ret = -1;
	memset(&g, 0, sizeof(g));
	strmap_init(&g.ids);
	if (!s)
		goto out;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ALLOC_GROW(g.from, g.nr_edges + 1, g.alloc_edges);
		g.to = xrealloc(g.to, g.alloc_edges * sizeof(*g.to));
		g.file = xrealloc(g.file, g.alloc_edges * sizeof(*g.file));
		g.line = xrealloc(g.line, g.alloc_edges * sizeof(*g.line));
		size_t e = g.nr_edges++;
		g.from[e] = graph_node(&g, column_str(s, 0) ? column_str(s, 0) : "");
		g.to[e] = graph_node(&g, column_str(s, 1) ? column_str(s, 1) : "");
		g.file[e] = sqlite3_column_int(s, 2) ? column_dup(s, 3) : NULL;
		g.line[e] = (long)sqlite3_column_int64(s, 4);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		db_error(st, "cannot check components");
		goto out;
	}
	/* the edges by node (CSR), and the names of the nodes */
	size_t *first = xcalloc(g.nr_nodes + 1, sizeof(size_t));
	size_t *target = xmalloc((g.nr_edges ? g.nr_edges : 1) * sizeof(size_t));
	g.order = xmalloc((g.nr_edges ? g.nr_edges : 1) * sizeof(size_t));
	g.names = xcalloc(g.nr_nodes ? g.nr_nodes : 1, sizeof(char *));
	for (size_t i = 0; i < g.ids.slots; i++)
		if (g.ids.keys[i])
			g.names[g.ids.values[i]] = g.ids.keys[i];
	for (size_t e = 0; e < g.nr_edges; e++)
		first[g.from[e] + 1]++;
	for (size_t u = 0; u < g.nr_nodes; u++)
		first[u + 1] += first[u];
	size_t *fill = xmalloc((g.nr_nodes + 1) * sizeof(size_t));
	memcpy(fill, first, (g.nr_nodes + 1) * sizeof(size_t));
	for (size_t e = 0; e < g.nr_edges; e++) {
		g.order[fill[g.from[e]]] = e;
		target[fill[g.from[e]]++] = g.to[e];
	}
	ret = graph_each_cycle(g.nr_nodes, first, target, report_component_cycle, &g) ? 1 : 0;
	free(fill);
	free(first);
	free(target);
out:
	for (size_t e = 0; e < g.nr_edges; e++)
		free(g.file[e]);
	free(g.file);
	free(g.line);
	free(g.from);
	free(g.to);
	free(g.order);
	free(g.names);
	strmap_release(&g.ids);
	return ret;
}

/* Build the membership and finish the snapshot row; 0, 1 (rejected) or -1. */
static int complete_import(struct store_import *imp)
{
	struct store *st = imp->st;
	sqlite3_stmt *s;
	long long kept_before, total;
	int rc;

	if (!(s = stmt(st, ST_MEMBERS_NEW)))
		return -1;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	if (step_done(st, s, "cannot build the snapshot") < 0)
		return -1;
	kept_before = sqlite3_total_changes64(st->db);
	if (!(s = stmt(st, ST_MEMBERS_KEPT)))
		return -1;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	sqlite3_bind_int64(s, 2, imp->base);
	if (step_done(st, s, "cannot build the snapshot") < 0)
		return -1;
	int kept_any = sqlite3_total_changes64(st->db) > kept_before;
	if (!(s = stmt(st, ST_ORGS_NEW)))
		return -1;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	if (step_done(st, s, "cannot build the snapshot") < 0)
		return -1;
	if (!(s = stmt(st, ST_ORGS_KEPT)))
		return -1;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	sqlite3_bind_int64(s, 2, imp->base);
	if (step_done(st, s, "cannot build the snapshot") < 0)
		return -1;

	if ((rc = check_conflicts(imp)) != 0)
		return rc;
	/*
	 * The reader checked the files' references against the previous
	 * snapshot; the new one may lack what they, or kept systems, refer to,
	 * and kept systems may close a cycle with the imported ones. Without a
	 * previous snapshot / a kept system neither can happen.
	 */
	if (imp->base && (rc = check_dangling(imp)) != 0)
		return rc;
	if (kept_any && (rc = check_cycles(imp)) != 0)
		return rc;

	if (kept_any && imp->base) {
		char base_as_of[11];
		if (store_snapshot_as_of(st, imp->base, base_as_of) < 0)
			return -1;
		if (strcmp(base_as_of, imp->as_of) > 0)
			memcpy(imp->as_of, base_as_of, 11);
	}
	total = query_long(st, ST_SNAPSHOT_COUNT, imp->snapshot, "cannot count systems");
	if (total < 0 || !(s = stmt(st, ST_FINISH_SNAPSHOT)))
		return -1;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	bind_text(s, 2, imp->as_of[0] ? imp->as_of : NULL);
	bind_text(s, 3, imp->files.buf);
	sqlite3_bind_int64(s, 4, total);
	return step_done(st, s, "cannot finish the snapshot");
}

int store_import_end(struct store_import *imp, int ok, long *snapshot_id)
{
	int ret = 0;
	*snapshot_id = 0;
	if (!imp)
		return -1;
	struct store *st = imp->st;
	if (ok && (imp->failed || st->resolver_failed)) {
		ok = 0;
		ret = -1;
	}
	if (ok) {
		ret = complete_import(imp);
		if (ret == 0 && finish(st, 1) == 0)
			*snapshot_id = imp->snapshot;
		else if (ret == 0)
			ret = -1;
	}
	if (!ok || ret != 0) {
		if (finish(st, 0) < 0)
			ret = -1;
	}
	st->resolve_snapshot = -1;
	strbuf_release(&imp->files);
	free(imp);
	return ret;
}

static long resolve_snapshot(struct store *st)
{
	return st->resolve_snapshot >= 0 ? st->resolve_snapshot : store_latest_snapshot(st);
}

int store_known_system(void *data, const char *id)
{
	struct store *st = data;
	long snap = resolve_snapshot(st);
	if (!snap || !id)
		return 0;
	sqlite3_stmt *s = stmt(st, ST_KNOWN_SYSTEM);
	if (!s) {
		st->resolver_failed = 1;
		return 0;
	}
	sqlite3_bind_int64(s, 1, snap);
	bind_text(s, 2, id);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(st, "cannot look a system up");
		st->resolver_failed = 1;
	}
	return rc == SQLITE_ROW;
}

const char *store_known_org_role(void *data, const char *id)
{
	struct store *st = data;
	long snap = resolve_snapshot(st);
	free(st->org_role);
	st->org_role = NULL;
	if (!snap || !id)
		return NULL;
	sqlite3_stmt *s = stmt(st, ST_KNOWN_ORG);
	if (!s) {
		st->resolver_failed = 1;
		return NULL;
	}
	sqlite3_bind_int64(s, 1, snap);
	bind_text(s, 2, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		st->org_role = column_dup(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(st, "cannot look an organization up");
		st->resolver_failed = 1;
	}
	/* a stored organization without a role is still known */
	if (rc == SQLITE_ROW && !st->org_role)
		st->org_role = xstrdup("");
	return st->org_role;
}

/* ---- reading snapshots ------------------------------------------------- */

int store_snapshot_as_of(struct store *st, long snapshot, char out[11])
{
	sqlite3_stmt *s = stmt(st, ST_SNAPSHOT_AS_OF);
	out[0] = '\0';
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, snapshot);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *t = column_str(s, 0);
		if (column_date(st, s, 0, 1) < 0) {
			sqlite3_reset(s);
			return -1;
		}
		if (t && strlen(t) < 11)
			memcpy(out, t, strlen(t) + 1);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return error("%s: no snapshot %ld", st->path, snapshot);
	if (rc != SQLITE_ROW)
		return db_error(st, "cannot read a snapshot");
	return 0;
}

long store_snapshot_systems(struct store *st, long snapshot)
{
	return (long)query_long(st, ST_SNAPSHOT_COUNT, snapshot, "cannot count systems");
}

/* A child cursor stepping in parallel with the systems (merge join). */
struct cursor {
	sqlite3_stmt *s;
	int rc; /* SQLITE_ROW while a row is pending, SQLITE_DONE at the end */
};

static int cursor_open(struct store *st, struct cursor *c, enum stmt_id id, long snapshot)
{
	c->s = stmt(st, id);
	if (!c->s)
		return -1;
	sqlite3_bind_int64(c->s, 1, snapshot);
	c->rc = sqlite3_step(c->s);
	if (c->rc != SQLITE_ROW && c->rc != SQLITE_DONE)
		return db_error(st, "cannot read a snapshot");
	return 0;
}

/* 1 when the pending row belongs to system row, 0 when not, -1 on error. */
static int cursor_at(struct store *st, struct cursor *c, long long row)
{
	if (c->rc == SQLITE_DONE)
		return 0;
	if (c->rc != SQLITE_ROW)
		return db_error(st, "cannot read a snapshot");
	return sqlite3_column_int64(c->s, 0) == row;
}

static void cursor_next(struct cursor *c)
{
	c->rc = sqlite3_step(c->s);
}

static void cursor_close(struct cursor *c)
{
	if (c->s)
		sqlite3_reset(c->s);
}

/*
 * The strings of the record store_each_system hands out, bump-allocated from
 * blocks kept between records instead of one malloc and free per column
 * (a snapshot walk reads ~70 strings per system, twice per classification).
 */
struct arena {
	char **blocks;
	size_t nr, alloc;
	size_t used, size;   /* of the last block */
	size_t first_size;   /* of blocks[0], kept by arena_reset */
};

#define ARENA_BLOCK 16384

static char *arena_dup(struct arena *a, const char *t, size_t len)
{
	if (!a->nr || a->size - a->used < len + 1) {
		size_t size = len + 1 > ARENA_BLOCK ? len + 1 : ARENA_BLOCK;
		ALLOC_GROW(a->blocks, a->nr + 1, a->alloc);
		a->blocks[a->nr++] = xmalloc(size);
		if (a->nr == 1)
			a->first_size = size;
		a->size = size;
		a->used = 0;
	}
	char *p = a->blocks[a->nr - 1] + a->used;
	memcpy(p, t, len);
	p[len] = '\0';
	a->used += len + 1;
	return p;
}

/* Forget every string; keep the first block for the next record. */
static void arena_reset(struct arena *a)
{
	for (size_t i = 1; i < a->nr; i++)
		free(a->blocks[i]);
	if (a->nr > 1)
		a->nr = 1;
	a->used = 0;
	a->size = a->first_size;
}

static void arena_release(struct arena *a)
{
	for (size_t i = 0; i < a->nr; i++)
		free(a->blocks[i]);
	free(a->blocks);
	memset(a, 0, sizeof(*a));
}

/* Column i as a string: in the arena when there is one, else a heap copy. */
static char *column_str_in(sqlite3_stmt *s, int i, struct arena *a)
{
	if (!a)
		return column_dup(s, i);
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? arena_dup(a, (const char *)t, (size_t)sqlite3_column_bytes(s, i)) : NULL;
}

/* Drop the arena strings of rec without freeing them; keep its arrays. */
static void record_forget_strings(struct system_record *rec)
{
	rec->file = NULL;
	for (int i = 0; i < F__COUNT; i++)
		rec->value[i] = NULL;
	rec->nr_components = rec->nr_inspections = rec->nr_controls = rec->nr_waivers = 0;
}

static int read_children(struct store *st, struct cursor cur[4], long long row,
                         struct system_record *rec, struct arena *a)
{
	int at;

	while ((at = cursor_at(st, &cur[0], row)) == 1) {
		if (column_needed(st, cur[0].s, 1) < 0)
			return -1;
		ALLOC_GROW(rec->components, rec->nr_components + 1, rec->alloc_components);
		struct component_ref *c = &rec->components[rec->nr_components++];
		c->ref = column_str_in(cur[0].s, 1, a);
		if (column_long(st, cur[0].s, 2, 0, &c->line) < 0)
			return -1;
		cursor_next(&cur[0]);
	}
	if (at < 0)
		return -1;
	while ((at = cursor_at(st, &cur[1], row)) == 1) {
		sqlite3_stmt *s = cur[1].s;
		ALLOC_GROW(rec->inspections, rec->nr_inspections + 1, rec->alloc_inspections);
		struct inspection *in = &rec->inspections[rec->nr_inspections++];
		in->date = column_str_in(s, 1, a);
		in->kind = column_str_in(s, 2, a);
		in->independent = column_str_in(s, 3, a);
		in->by = column_str_in(s, 4, a);
		if (column_int_in(st, s, 5, 0, LLONG_MAX, -1, &in->findings) < 0 ||
		    column_long(st, s, 6, 0, &in->line) < 0 || column_date(st, s, 1, 0) < 0)
			return -1;
		cursor_next(&cur[1]);
	}
	if (at < 0)
		return -1;
	while ((at = cursor_at(st, &cur[2], row)) == 1) {
		sqlite3_stmt *s = cur[2].s;
		ALLOC_GROW(rec->controls, rec->nr_controls + 1, rec->alloc_controls);
		struct control *c = &rec->controls[rec->nr_controls++];
		c->ref = column_str_in(s, 1, a);
		c->status = column_str_in(s, 2, a);
		c->due = column_str_in(s, 3, a);
		c->evidence = column_str_in(s, 4, a);
		if (column_long(st, s, 5, 0, &c->line) < 0)
			return -1;
		cursor_next(&cur[2]);
	}
	if (at < 0)
		return -1;
	while ((at = cursor_at(st, &cur[3], row)) == 1) {
		sqlite3_stmt *s = cur[3].s;
		ALLOC_GROW(rec->waivers, rec->nr_waivers + 1, rec->alloc_waivers);
		struct waiver *w = &rec->waivers[rec->nr_waivers++];
		w->ref = column_str_in(s, 1, a);
		w->reason = column_str_in(s, 2, a);
		w->approved_by = column_str_in(s, 3, a);
		w->until = column_str_in(s, 4, a);
		if (column_long(st, s, 5, 0, &w->line) < 0)
			return -1;
		cursor_next(&cur[3]);
	}
	return at < 0 ? -1 : 0;
}

/* Fill rec's file, line and facts from columns first.. of s. 0 or -1. */
static int read_facts(struct store *st, sqlite3_stmt *s, int first, struct system_record *rec,
                      struct arena *a)
{
	rec->file = column_str_in(s, first, a);
	for (int i = 0; i < F__COUNT; i++)
		rec->value[i] = column_str_in(s, first + 2 + i, a);
	return column_long(st, s, first + 1, 0, &rec->line);
}

int store_each_system(struct store *st, long snapshot,
                      int (*fn)(void *data, const struct system_record *rec, long row),
                      void *data)
{
	return store_each_system_part(st, snapshot, STORE_ALL_CHILDREN, fn, data);
}

int store_each_system_part(struct store *st, long snapshot, unsigned children,
                           int (*fn)(void *data, const struct system_record *rec, long row),
                           void *data)
{
	static const enum stmt_id child[4] = {ST_EACH_COMPONENT, ST_EACH_INSPECTION,
	                                      ST_EACH_CONTROL, ST_EACH_WAIVER};
	struct cursor cur[4] = {{NULL, SQLITE_DONE}, {NULL, SQLITE_DONE},
	                        {NULL, SQLITE_DONE}, {NULL, SQLITE_DONE}};
	struct system_record rec;
	struct arena arena = {0};
	sqlite3_stmt *s;
	int rc, ret = -1;

	system_record_init(&rec);
	/* a child left out keeps its cursor at SQLITE_DONE: no rows */
	for (int i = 0; i < 4; i++)
		if ((children & (1u << i)) && cursor_open(st, &cur[i], child[i], snapshot) < 0)
			goto out;
	if (!(s = stmt(st, ST_EACH_SYSTEM)))
		goto out;
	sqlite3_bind_int64(s, 1, snapshot);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long long row = sqlite3_column_int64(s, 0);
		if (read_facts(st, s, 1, &rec, &arena) < 0 ||
		    column_needed(st, s, 1 + 2 + F_ID) < 0 ||
		    read_children(st, cur, row, &rec, &arena) < 0) {
			sqlite3_reset(s);
			goto out;
		}
		int r = fn(data, &rec, (long)row);
		record_forget_strings(&rec);
		arena_reset(&arena);
		if (r) {
			sqlite3_reset(s);
			ret = r;
			goto out;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		db_error(st, "cannot read a snapshot");
		goto out;
	}
	ret = 0;
out:
	record_forget_strings(&rec);
	system_record_release(&rec);
	arena_release(&arena);
	for (int i = 0; i < 4; i++)
		cursor_close(&cur[i]);
	return ret;
}

/* The children of one system row, by indexed look-ups (run walks, which go
 * in system id order, not row order). */
static int read_row_children(struct store *st, long long row, unsigned children,
                             struct system_record *rec)
{
	static const enum stmt_id child[4] = {ST_ROW_COMPONENT, ST_ROW_INSPECTION,
	                                      ST_ROW_CONTROL, ST_ROW_WAIVER};
	struct cursor cur[4] = {{NULL, SQLITE_DONE}, {NULL, SQLITE_DONE},
	                        {NULL, SQLITE_DONE}, {NULL, SQLITE_DONE}};
	int ret = -1;
	/* a child left out keeps its cursor at SQLITE_DONE: no rows */
	for (int i = 0; i < 4; i++)
		if ((children & (1u << i)) && cursor_open(st, &cur[i], child[i], (long)row) < 0)
			goto out;
	ret = read_children(st, cur, row, rec, NULL);
out:
	for (int i = 0; i < 4; i++)
		cursor_close(&cur[i]);
	return ret;
}

/* The inspection policies of the organization at row into org. */
static int read_org_policies(struct store *st, long long row, struct organization *org)
{
	sqlite3_stmt *s = stmt(st, ST_ORG_POLICIES);
	int rc;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, row);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ALLOC_GROW(org->policies, org->nr_policies + 1, org->alloc_policies);
		struct inspection_policy *p = &org->policies[org->nr_policies++];
		p->level = sqlite3_column_int(s, 0);
		p->months = sqlite3_column_int(s, 1);
		p->decision = column_dup(s, 2);
		p->line = (long)sqlite3_column_int64(s, 3);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, "cannot read inspection policies");
	return 0;
}

int store_each_organization(struct store *st, long snapshot,
                            int (*fn)(void *data, const struct organization *org),
                            void *data)
{
	sqlite3_stmt *s = stmt(st, ST_EACH_ORG);
	int rc;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, snapshot);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct organization org;
		long line;
		memset(&org, 0, sizeof(org));
		if (column_needed(st, s, 0) < 0 || column_long(st, s, 5, 0, &line) < 0) {
			sqlite3_reset(s);
			return -1;
		}
		org.id = column_dup(s, 0);
		org.role = column_dup(s, 1);
		org.parent = column_dup(s, 2);
		org.name = column_dup(s, 3);
		org.file = column_dup(s, 4);
		org.line = line;
		org.policies = NULL;
		org.nr_policies = org.alloc_policies = 0;
		if (read_org_policies(st, sqlite3_column_int64(s, 6), &org) < 0) {
			organization_release(&org);
			sqlite3_reset(s);
			return -1;
		}
		int r = fn(data, &org);
		organization_release(&org);
		if (r) {
			sqlite3_reset(s);
			return r;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, "cannot read organizations");
	return 0;
}

/* ---- runs -------------------------------------------------------------- */

int store_run_begin(struct store *st, struct run_info *info, const struct run_ruleset *sets,
                    size_t nr_sets, const struct run_clause *clauses, size_t nr_clauses,
                    const struct run_reading *readings, size_t nr_readings)
{
	sqlite3_stmt *s;
	if (begin(st) < 0)
		return -1;
	if (!(s = stmt(st, ST_INSERT_RUN)))
		goto fail;
	sqlite3_bind_int64(s, 1, info->snapshot);
	bind_text(s, 2, info->rules);
	bind_text(s, 3, info->rules_title_vi);
	bind_text(s, 4, info->rules_title_en);
	bind_text(s, 5, info->rules_file);
	bind_text(s, 6, info->rules_digest);
	bind_text(s, 7, info->date);
	bind_text(s, 8, info->as_of);
	bind_text(s, 9, info->generated);
	bind_text(s, 10, info->tool_version);
	sqlite3_bind_int64(s, 11, info->systems);
	sqlite3_bind_int64(s, 12, info->undetermined);
	sqlite3_bind_int64(s, 13, info->critical);
	sqlite3_bind_int64(s, 14, info->warning);
	sqlite3_bind_int64(s, 15, info->info);
	bind_text(s, 16, info->rules_requested);
	if (step_done(st, s, "cannot store a run") < 0)
		goto fail;
	info->id = (long)sqlite3_last_insert_rowid(st->db);

	for (size_t i = 0; i < nr_sets; i++) {
		const struct run_ruleset *rs = &sets[i];
		if (!(s = stmt(st, ST_INSERT_RUN_RULESET)))
			goto fail;
		sqlite3_bind_int64(s, 1, info->id);
		sqlite3_bind_int64(s, 2, (long long)i);
		bind_text(s, 3, rs->rules);
		bind_text(s, 4, rs->version);
		bind_text(s, 5, rs->title_vi);
		bind_text(s, 6, rs->title_en);
		bind_text(s, 7, rs->file);
		bind_text(s, 8, rs->digest);
		bind_text(s, 9, rs->catalogue);
		bind_text(s, 10, rs->catalogue_digest);
		sqlite3_bind_int64(s, 11, rs->systems);
		bind_text(s, 12, rs->catalogue_kind);
		if (step_done(st, s, "cannot store a run") < 0)
			goto fail;
	}
	for (size_t i = 0; i < nr_readings; i++) {
		if (!(s = stmt(st, ST_INSERT_RUN_READING)))
			goto fail;
		sqlite3_bind_int64(s, 1, info->id);
		bind_text(s, 2, readings[i].rules);
		bind_text(s, 3, readings[i].id);
		bind_text(s, 4, readings[i].text_vi);
		bind_text(s, 5, readings[i].text_en);
		if (step_done(st, s, "cannot store a run") < 0)
			goto fail;
	}
	free_run_clauses(st);
	st->run_clause_ids = xcalloc(nr_clauses ? nr_clauses : 1, sizeof(char *));
	for (size_t i = 0; i < nr_clauses; i++) {
		const struct run_clause *c = &clauses[i];
		st->run_clause_ids[st->nr_run_clauses++] = xstrdup(c->id);
		if (!(s = stmt(st, ST_INSERT_RUN_CLAUSE)))
			goto fail;
		sqlite3_bind_int64(s, 1, info->id);
		sqlite3_bind_int64(s, 2, (long long)i);
		bind_text(s, 3, c->id);
		sqlite3_bind_int64(s, 4, c->level);
		bind_text(s, 5, c->rules);
		bind_text(s, 6, c->level_from);
		bind_text(s, 7, c->article);
		bind_text(s, 8, c->ref);
		bind_text(s, 9, c->ref_en);
		bind_text(s, 10, c->text_vi);
		bind_text(s, 11, c->text_en);
		bind_text(s, 12, c->readings);
		if (step_done(st, s, "cannot store a run") < 0)
			goto fail;
	}
	return 0;
fail:
	free_run_clauses(st);
	finish(st, 0);
	info->id = 0;
	return -1;
}

static const char tri_char[] = "n?y-"; /* by enum tri, then OUTCOME_NOT_ASKED */

int store_run_system(struct store *st, long run, const struct system_result *res,
                     long system_row)
{
	const struct requirement_counts *rq = &res->requirements;
	const char *deciding = NULL;
	char *outcomes;
	sqlite3_stmt *s;
	long long reason = 0;
	int ret = -1;

	if (!st->busy || !st->run_clause_ids)
		return error("%s: no run is open", st->path);
	if (res->deciding_clause >= 0 && (size_t)res->deciding_clause < st->nr_run_clauses)
		deciding = st->run_clause_ids[res->deciding_clause];
	if (res->rules_reason &&
	    run_reason_id(st, run, res->rules_reason, res->rules_reason_vi, &reason) < 0)
		return -1;
	outcomes = xmalloc(res->nr_outcomes + 1);
	for (size_t i = 0; i < res->nr_outcomes; i++)
		outcomes[i] = res->outcomes[i] <= OUTCOME_NOT_ASKED ? tri_char[res->outcomes[i]] : '?';
	outcomes[res->nr_outcomes] = '\0';

	if (!(s = stmt(st, ST_INSERT_RUN_SYSTEM)))
		goto out;
	sqlite3_bind_int64(s, 1, run);
	bind_text(s, 2, res->system_id);
	bind_int_or_null(s, 3, system_row, 0);
	bind_int_or_null(s, 4, res->level, 0);
	sqlite3_bind_int(s, 5, res->determined);
	sqlite3_bind_int(s, 6, res->level_low);
	sqlite3_bind_int(s, 7, res->level_high);
	sqlite3_bind_int(s, 8, res->own_level_low);
	sqlite3_bind_int(s, 9, res->own_level_high);
	bind_text(s, 10, res->reason);
	bind_text(s, 11, deciding);
	bind_text(s, 12, res->deciding_component);
	bind_text(s, 13, res->near_threshold);
	bind_int_or_null(s, 14, res->approved_level, 0);
	bind_text(s, 15, drift_name(res->drift));
	bind_text(s, 16, outcomes);
	sqlite3_bind_int(s, 17, rq->applicable);
	sqlite3_bind_int(s, 18, rq->met);
	sqlite3_bind_int(s, 19, rq->partial);
	sqlite3_bind_int(s, 20, rq->not_met);
	sqlite3_bind_int(s, 21, rq->waived);
	sqlite3_bind_int(s, 22, rq->unknown);
	bind_text(s, 23, res->next_inspection_due[0] ? res->next_inspection_due : NULL);
	sqlite3_bind_int(s, 24, res->layers);
	sqlite3_bind_int(s, 25, res->layers_unknown);
	bind_text(s, 26, res->reason_vi);
	bind_text(s, 27, res->readings);
	if (res->inspection_known) {
		bind_text(s, 28, inspection_state_name(res->inspection_state));
		bind_text(s, 29, res->last_inspection[0] ? res->last_inspection : NULL);
		bind_int_or_null(s, 30, res->inspection_months, 0);
		if (res->inspection_months) {
			bind_text(s, 31, independence_name(res->inspection_counts));
			bind_text(s, 32, cadence_basis_name(res->inspection_basis));
		}
		bind_text(s, 33, res->inspection_article);
		bind_text(s, 34, res->inspection_policy);
	}
	bind_text(s, 35, res->rules);
	bind_text(s, 36, res->rules_basis);
	bind_text(s, 37, res->rules_article);
	if (reason)
		sqlite3_bind_int64(s, 38, reason);
	bind_text(s, 39, res->hosting_separation);
	bind_text(s, 40, res->hosting_article);
	if (step_done(st, s, "cannot store a result") < 0)
		goto out;
	for (size_t i = 0; i < res->nr_findings; i++) {
		const struct finding *f = &res->findings[i];
		long long args_ref = run_args_id(st, run, f->args);
		if (args_ref < 0 || !(s = stmt(st, ST_INSERT_RUN_FINDING)))
			goto out;
		sqlite3_bind_int64(s, 1, run);
		bind_text(s, 2, res->system_id);
		sqlite3_bind_int64(s, 3, (long long)i);
		bind_text(s, 4, f->code);
		bind_text(s, 5, severity_name(f->severity));
		/* the sentence and its facts, or (no args) the texts themselves */
		bind_text(s, 6, f->args ? NULL : f->text_vi);
		bind_text(s, 7, f->args ? NULL : f->text_en);
		bind_text(s, 8, args_ref ? NULL : f->args);
		if (args_ref)
			sqlite3_bind_int64(s, 9, args_ref);
		if (step_done(st, s, "cannot store a finding") < 0)
			goto out;
	}
	ret = 0;
out:
	free(outcomes);
	return ret;
}

int store_run_end(struct store *st, struct run_info *info, int ok)
{
	sqlite3_stmt *s;
	int ret = 0;
	free_run_clauses(st);
	if (!st->busy)
		return error("%s: no run is open", st->path);
	if (!ok)
		return finish(st, 0);
	if (!(s = stmt(st, ST_FINISH_RUN)))
		goto fail;
	sqlite3_bind_int64(s, 1, info->id);
	sqlite3_bind_int64(s, 2, info->systems);
	sqlite3_bind_int64(s, 3, info->undetermined);
	sqlite3_bind_int64(s, 4, info->critical);
	sqlite3_bind_int64(s, 5, info->warning);
	sqlite3_bind_int64(s, 6, info->info);
	if (step_done(st, s, "cannot finish the run") < 0)
		goto fail;
	return finish(st, 1);
fail:
	ret = -1;
	finish(st, 0);
	return ret;
}

long store_latest_run(struct store *st)
{
	long long v = query_long(st, ST_LATEST_RUN, -1, "cannot read the runs");
	return v < 0 ? 0 : (long)v;
}

#define RUN_TEXT_COLUMNS 10 /* rules .. tool_version, columns 2..10, and rules_requested 16 */

/* Fill info from a RUN_COLUMNS row; strings borrowed from the statement.
 * 0, or -1 after reporting a value we never write. */
static int run_from_row(struct store *st, sqlite3_stmt *s, struct run_info *info)
{
	const char **text[RUN_TEXT_COLUMNS] = {
		&info->rules, &info->rules_title_vi, &info->rules_title_en,
		&info->rules_file, &info->rules_digest, &info->date,
		&info->as_of, &info->generated, &info->tool_version, &info->rules_requested,
	};
	long *count[] = {&info->id, &info->snapshot, &info->systems, &info->undetermined,
	                 &info->critical, &info->warning, &info->info};
	static const int count_column[] = {0, 1, 11, 12, 13, 14, 15};
	memset(info, 0, sizeof(*info));
	for (size_t i = 0; i < ARRAY_SIZE(count); i++)
		if (column_long(st, s, count_column[i], STORE_NOT_NULL, count[i]) < 0)
			return -1;
	if (info->undetermined > info->systems)
		return corrupt(st, "run %ld has %ld undetermined systems of %ld", info->id,
		               info->undetermined, info->systems);
	if (column_needed(st, s, 2) < 0 || column_date(st, s, 7, 0) < 0 ||
	    column_date(st, s, 8, 1) < 0)
		return -1;
	for (int i = 0; i < RUN_TEXT_COLUMNS; i++)
		*text[i] = column_str(s, i < 9 ? 2 + i : 16);
	return 0;
}

int store_get_run(struct store *st, long run, struct run_info *out, char **strings_to_free)
{
	sqlite3_stmt *s = stmt(st, ST_GET_RUN);
	int rc;
	memset(out, 0, sizeof(*out));
	*strings_to_free = NULL;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, run);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		/* copy the texts into one block, then point into it */
		const char **text[RUN_TEXT_COLUMNS] = {
			&out->rules, &out->rules_title_vi, &out->rules_title_en,
			&out->rules_file, &out->rules_digest, &out->date,
			&out->as_of, &out->generated, &out->tool_version, &out->rules_requested,
		};
		size_t len = 1, off = 0;
		if (run_from_row(st, s, out) < 0) {
			sqlite3_reset(s);
			return -1;
		}
		for (int i = 0; i < RUN_TEXT_COLUMNS; i++)
			if (*text[i])
				len += strlen(*text[i]) + 1;
		char *block = xmalloc(len);
		for (int i = 0; i < RUN_TEXT_COLUMNS; i++) {
			if (!*text[i])
				continue;
			size_t n = strlen(*text[i]) + 1;
			memcpy(block + off, *text[i], n);
			*text[i] = block + off;
			off += n;
		}
		*strings_to_free = block;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return error("%s: no run %ld", st->path, run);
	if (rc != SQLITE_ROW)
		return db_error(st, "cannot read a run");
	return 0;
}

int store_each_run(struct store *st, int (*fn)(void *data, const struct run_info *info),
                   void *data)
{
	sqlite3_stmt *s = stmt(st, ST_EACH_RUN);
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
		return db_error(st, "cannot read the runs");
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
	return rc == SQLITE_DONE ? 0 : db_error(st, "cannot read a run");
}

static void fill_run_clause(sqlite3_stmt *s, void *row)
{
	struct run_clause *c = row;
	c->id = column_dup(s, 0);
	c->level = int_or_zero(s, 1);
	char **text[] = {&c->rules, &c->level_from, &c->article, &c->ref,
	                 &c->ref_en, &c->text_vi, &c->text_en, &c->readings};
	for (size_t k = 0; k < ARRAY_SIZE(text); k++)
		*text[k] = column_dup(s, 2 + (int)k);
}

int store_run_clauses(struct store *st, long run, struct run_clause **out, size_t *nr)
{
	sqlite3_stmt *s = stmt(st, ST_RUN_CLAUSES);
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
				return corrupt(st, "run_clauses.clause_id is missing");
			return corrupt(st, "run_clauses.level is %d (expected 0 to 5)", level);
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
	}
	free(clauses);
}

static void fill_run_ruleset(sqlite3_stmt *s, void *row)
{
	struct run_ruleset *r = row;
	char **text[] = {&r->rules, &r->version, &r->title_vi, &r->title_en,
	                 &r->file, &r->digest, &r->catalogue, &r->catalogue_digest};
	for (size_t k = 0; k < ARRAY_SIZE(text); k++)
		*text[k] = column_dup(s, (int)k);
	r->systems = (long)sqlite3_column_int64(s, 8);
	r->catalogue_kind = column_dup(s, 9);
}

int store_run_rulesets(struct store *st, long run, struct run_ruleset **out, size_t *nr)
{
	sqlite3_stmt *s = stmt(st, ST_RUN_RULESETS);
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
	r->rules = column_dup(s, 0);
	r->id = column_dup(s, 1);
	r->text_vi = column_dup(s, 2);
	r->text_en = column_dup(s, 3);
}

int store_run_readings(struct store *st, long run, struct run_reading **out, size_t *nr)
{
	sqlite3_stmt *s = stmt(st, ST_RUN_READINGS);
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

/* A stored outcome: enum tri, or OUTCOME_NOT_ASKED for '-'. */
static unsigned char outcome_from_char(char c)
{
	return c == 'y' ? TRI_YES : c == 'n' ? TRI_NO : c == '-' ? OUTCOME_NOT_ASKED : TRI_UNKNOWN;
}

/* Fill res from an ST_EACH_RUN_SYSTEM row; 0, or -1 after reporting a value
 * store_run_system never writes (res is then partly filled: release it). */
static int result_from_row(struct store *st, sqlite3_stmt *s, const struct run_clause *clauses,
                           size_t nr_clauses, struct system_result *res)
{
	/* columns 2..7, 12, 15..20, 22, 23: the levels (0 = none), counts, layers */
	static const struct {
		int column, lo, hi;
	} ints[] = {
		{2, 1, 5}, {3, 0, 1}, {4, 0, 5}, {5, 0, 5}, {6, 0, 5}, {7, 0, 5}, {12, 1, 5},
		{15, 0, INT_MAX}, {16, 0, INT_MAX}, {17, 0, INT_MAX}, {18, 0, INT_MAX},
		{19, 0, INT_MAX}, {20, 0, INT_MAX}, {22, 0, 15}, {23, 0, 15},
	};
	int *field[] = {
		&res->level, &res->determined, &res->level_low, &res->level_high,
		&res->own_level_low, &res->own_level_high, &res->approved_level,
		&res->requirements.applicable, &res->requirements.met, &res->requirements.partial,
		&res->requirements.not_met, &res->requirements.waived, &res->requirements.unknown,
		&res->layers, &res->layers_unknown,
	};
	system_result_init(res, column_str(s, 0));
	if (column_needed(st, s, 0) < 0)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(ints); i++)
		if (column_int(st, s, ints[i].column, ints[i].lo, ints[i].hi, 0, field[i]) < 0)
			return -1;
	if (res->determined && !res->level)
		return corrupt(st, "system '%s' is determined without a level", res->system_id);
	res->reason = column_dup(s, 8);
	const char *deciding = column_str(s, 9);
	for (size_t i = 0; deciding && i < nr_clauses; i++)
		if (!strcmp(clauses[i].id, deciding)) {
			res->deciding_clause = (int)i;
			break;
		}
	if (deciding && res->deciding_clause < 0)
		return corrupt(st, "system '%s' is decided by clause '%.40s', which its run lacks",
		               res->system_id, deciding);
	res->deciding_component = column_dup(s, 10);
	res->near_threshold = column_dup(s, 11);
	const char *drift = column_str(s, 13);
	res->drift = DRIFT_NONE;
	int known = !drift;
	for (int d = DRIFT_NONE; drift && d <= DRIFT_UNAPPROVED; d++)
		if (!strcmp(drift_name((enum drift)d), drift)) {
			res->drift = (enum drift)d;
			known = 1;
		}
	if (!known)
		return corrupt(st, "system '%s' has drift '%.40s'", res->system_id, drift);
	const char *outcomes = column_str(s, 14);
	res->nr_outcomes = outcomes ? strlen(outcomes) : 0;
	res->outcomes = xmalloc(res->nr_outcomes + 1);
	for (size_t i = 0; i < res->nr_outcomes; i++) {
		const char *c = outcomes[i] ? strchr(tri_char, outcomes[i]) : NULL;
		if (!c)
			return corrupt(st, "system '%s' has clause outcome '%c'", res->system_id,
			               outcomes[i] >= ' ' && outcomes[i] < 127 ? outcomes[i] : '?');
		res->outcomes[i] = outcome_from_char(outcomes[i]);
	}
	if (column_date(st, s, 21, 0) < 0)
		return -1;
	const char *due = column_str(s, 21);
	if (due)
		memcpy(res->next_inspection_due, due, strlen(due) + 1);
	return 0;
}

/* The inspection fields of res from columns first.. (RUN_INSPECTION_COLUMNS);
 * a row without them (a run before schema 4) leaves inspection_known 0. */
static void inspection_from_row(sqlite3_stmt *s, int first, struct system_result *res)
{
	int st = inspection_state_parse(column_str(s, first));
	if (st < 0)
		return;
	res->inspection_known = 1;
	res->inspection_state = (enum inspection_state)st;
	const char *last = column_str(s, first + 1);
	snprintf(res->last_inspection, sizeof(res->last_inspection), "%s", last ? last : "");
	res->inspection_months = int_or_zero(s, first + 2);
	int counts = independence_parse(column_str(s, first + 3));
	res->inspection_counts = counts < 0 ? INDEP_NONE : (enum independence)counts;
	const char *basis = column_str(s, first + 4);
	for (int b = CADENCE_LAW; basis && b <= CADENCE_REMINDER; b++)
		if (!strcmp(basis, cadence_basis_name((enum cadence_basis)b)))
			res->inspection_basis = (enum cadence_basis)b;
	res->inspection_article = column_dup(s, first + 5);
	res->inspection_policy = column_dup(s, first + 6);
}

/* The rule set of res and why, from columns first.. */
static void rules_from_row(sqlite3_stmt *s, int first, struct system_result *res)
{
	res->rules = column_dup(s, first);
	res->rules_basis = column_dup(s, first + 1);
	res->rules_article = column_dup(s, first + 2);
	res->rules_reason = column_dup(s, first + 3);
	res->rules_reason_vi = column_dup(s, first + 4);
	res->hosting_separation = column_dup(s, first + 5);
	res->hosting_article = column_dup(s, first + 6);
}

int store_each_run_system(struct store *st, long run, const char *only_id,
                          int (*fn)(void *data, const struct system_result *res,
                                    const struct system_record *rec),
                          void *data)
{
	return store_each_run_system_part(st, run, only_id, STORE_ALL_CHILDREN | STORE_FINDING_TEXTS,
	                                  fn, data);
}

int store_each_run_system_part(struct store *st, long run, const char *only_id, unsigned parts,
                               int (*fn)(void *data, const struct system_result *res,
                                         const struct system_record *rec),
                               void *data)
{
	int texts = (parts & STORE_FINDING_TEXTS) != 0;
	struct run_clause *clauses = NULL;
	size_t nr_clauses = 0;
	struct cursor fc = {NULL, SQLITE_DONE};
	struct system_result res;
	struct system_record rec;
	sqlite3_stmt *s = NULL;
	int rc, ret = -1;

	memset(&res, 0, sizeof(res));
	system_record_init(&rec);
	if (store_run_clauses(st, run, &clauses, &nr_clauses) < 0)
		return -1;
	if (!(fc.s = stmt(st, only_id ? (texts ? ST_ONE_RUN_FINDING : ST_ONE_RUN_FINDING_CODE)
	                              : (texts ? ST_EACH_RUN_FINDING : ST_EACH_RUN_FINDING_CODE))))
		goto out;
	sqlite3_bind_int64(fc.s, 1, run);
	bind_text(fc.s, 2, only_id);
	fc.rc = sqlite3_step(fc.s);
	if (!(s = stmt(st, only_id ? ST_ONE_RUN_SYSTEM : ST_EACH_RUN_SYSTEM)))
		goto out;
	sqlite3_bind_int64(s, 1, run);
	bind_text(s, 2, only_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (result_from_row(st, s, clauses, nr_clauses, &res) < 0 ||
		    read_facts(st, s, 24, &rec, NULL) < 0)
			goto out;
		res.reason_vi = column_dup(s, 24 + 2 + F__COUNT);
		res.readings = column_dup(s, 24 + 2 + F__COUNT + 1);
		inspection_from_row(s, 24 + 2 + F__COUNT + 2, &res);
		rules_from_row(s, 24 + 2 + F__COUNT + 9, &res);
		if (sqlite3_column_type(s, 1) != SQLITE_NULL && (parts & STORE_ALL_CHILDREN) &&
		    read_row_children(st, sqlite3_column_int64(s, 1), parts & STORE_ALL_CHILDREN,
		                      &rec) < 0)
			goto out;
		/* findings are ordered by system id like the systems */
		while (fc.rc == SQLITE_ROW) {
			const char *fid = column_str(fc.s, 0);
			int cmp = strcmp(fid ? fid : "", res.system_id ? res.system_id : "");
			if (cmp > 0)
				break;
			if (cmp == 0) {
				int sev = severity_parse(column_str(fc.s, 2));
				if (column_needed(st, fc.s, 0) < 0 || column_needed(st, fc.s, 1) < 0)
					goto out;
				if (sev < 0) {
					corrupt(st, "a finding of system '%s' has severity '%.40s'",
					        res.system_id, column_str(fc.s, 2) ? column_str(fc.s, 2) : "");
					goto out;
				}
				enum severity severity = (enum severity)sev;
				const char *args = texts ? column_str(fc.s, 5) : NULL;
				if (args) {
					result_take_finding_args(&res, column_str(fc.s, 1), severity,
					                         xstrdup(args));
				} else {
					const char *vi = texts ? column_str(fc.s, 3) : NULL;
					const char *en = texts ? column_str(fc.s, 4) : NULL;
					result_add_finding(&res, column_str(fc.s, 1), severity,
					                   vi ? vi : "", en ? en : "");
				}
			}
			fc.rc = sqlite3_step(fc.s);
		}
		if (fc.rc != SQLITE_ROW && fc.rc != SQLITE_DONE) {
			db_error(st, "cannot read findings");
			goto out;
		}
		if (texts)
			result_fill_finding_texts(&res);
		int r = fn(data, &res, &rec);
		system_result_release(&res);
		system_record_release(&rec);
		if (r) {
			ret = r;
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		db_error(st, "cannot read a run");
		goto out;
	}
	ret = 0;
out:
	if (s)
		sqlite3_reset(s);
	cursor_close(&fc);
	system_result_release(&res);
	system_record_release(&rec);
	run_clauses_free(clauses, nr_clauses);
	return ret;
}
