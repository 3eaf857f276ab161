/* Unit tests of store.c: migrations, imports, snapshots, runs. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "diag.h"
#include "facts.h"
#include "harness.h"
#include "run.h"
#include "store.h"
#include "util.h"

static const char *const nasty = "'); DROP TABLE systems;--";

static void make_system(struct system_record *rec, const char *id, const char *owner,
                        const char *name)
{
	system_record_init(rec);
	rec->file = xstrdup("test.xml");
	rec->line = 7;
	system_record_set(rec, F_ID, id);
	system_record_set(rec, F_OWNER, owner);
	system_record_set(rec, F_NAME, name);
	system_record_set(rec, F_STATUS, "operating");
}

static void make_org(struct organization *org, const char *id, const char *role)
{
	memset(org, 0, sizeof(*org));
	org->id = xstrdup(id);
	org->role = xstrdup(role);
	org->name = xstrdup(id);
	org->file = xstrdup("test.xml");
	org->line = 3;
}

/* Import systems "id:owner:name" (NULL-terminated) and orgs "id:role"; returns
 * what store_import_end returned and the snapshot id. */
static int import(struct store *st, const char *const *systems, const char *const *orgs,
                  const char *as_of, long *snap)
{
	struct store_import *imp;
	*snap = 0;
	if (store_import_begin(st, &imp) < 0)
		return -1;
	store_import_file(imp, "test.xml", as_of);
	for (size_t i = 0; orgs && orgs[i]; i++) {
		char buf[128];
		snprintf(buf, sizeof(buf), "%s", orgs[i]);
		char *colon = strchr(buf, ':');
		*colon = '\0';
		struct organization org;
		make_org(&org, buf, colon + 1);
		store_import_organization(imp, &org);
		organization_release(&org);
	}
	for (size_t i = 0; systems && systems[i]; i++) {
		char buf[128];
		snprintf(buf, sizeof(buf), "%s", systems[i]);
		char *owner = strchr(buf, ':');
		*owner++ = '\0';
		char *name = strchr(owner, ':');
		*name++ = '\0';
		struct system_record rec;
		make_system(&rec, buf, owner, name);
		store_import_system(imp, &rec);
		system_record_release(&rec);
	}
	return store_import_end(imp, 1, snap);
}

static int collect_system(void *data, const struct system_record *rec, long row)
{
	struct strbuf *sb = data;
	(void)row;
	strbuf_addf(sb, "%s%s=%s", sb->len ? " " : "", rec->value[F_ID], rec->value[F_NAME]);
	return 0;
}

/* "id=name id=name ..." of a snapshot, in row order (a new string). */
static char *systems_of(struct store *st, long snap)
{
	struct strbuf sb;
	strbuf_init(&sb);
	if (store_each_system(st, snap, collect_system, &sb) < 0)
		strbuf_addstr(&sb, "(failed)");
	return strbuf_detach(&sb);
}

static int collect_org(void *data, const struct organization *org)
{
	struct strbuf *sb = data;
	strbuf_addf(sb, "%s%s:%s", sb->len ? " " : "", org->id, org->role);
	return 0;
}

static char *orgs_of(struct store *st, long snap)
{
	struct strbuf sb;
	strbuf_init(&sb);
	if (store_each_organization(st, snap, collect_org, &sb) < 0)
		strbuf_addstr(&sb, "(failed)");
	return strbuf_detach(&sb);
}

TEST(store_migrates_to_the_packed_schema)
{
	char *path = harness_temp_db();
	struct store *st = NULL;
	CHECK_INT(store_open(path, &st), 0);
	CHECK_STR(store_path(st), path);
	store_close(st);
	/* reopening an up-to-date database is a no-op */
	CHECK_INT(store_open(path, &st), 0);
	store_close(st);
	CHECK(store_path(NULL) == NULL);

	sqlite3 *db;
	sqlite3_stmt *s;
	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL), SQLITE_OK);
	CHECK_INT(sqlite3_step(s), SQLITE_ROW);
	CHECK_INT(sqlite3_column_int(s, 0), store_schema_version());
	sqlite3_finalize(s);
	CHECK_INT(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
	CHECK_INT(sqlite3_step(s), SQLITE_ROW);
	CHECK_STR((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	/* a system and a verdict are packed, one row each (store_records_round_trip
	 * checks that every fact comes back) */
	CHECK_INT(sqlite3_prepare_v2(db, "SELECT group_concat(name, ' ') FROM "
	                                 "(SELECT name FROM pragma_table_info('systems') UNION ALL "
	                                 "SELECT name FROM pragma_table_info('run_systems'))",
	                             -1, &s, NULL), SQLITE_OK);
	CHECK_INT(sqlite3_step(s), SQLITE_ROW);
	CHECK_STR((const char *)sqlite3_column_text(s, 0),
	          "row snapshot id owner file line components record run system_id system_row verdict");
	sqlite3_finalize(s);
	/* a database from a newer assess is refused */
	CHECK_INT(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	struct strbuf msg;
	strbuf_init(&msg);
	diag_capture(&msg);
	CHECK_INT(store_open(path, &st), -1);
	diag_capture(NULL);
	CHECK(st == NULL);
	CHECK_CONTAINS(msg.buf, "schema version 99 is newer");
	strbuf_release(&msg);
	harness_drop_db(path);
}

TEST(store_refuses_foreign_database)
{
	char *path = harness_temp_db();
	sqlite3 *db;
	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, "CREATE TABLE t(x); PRAGMA user_version = 1", NULL, NULL, NULL),
	          SQLITE_OK);
	sqlite3_close(db);
	struct store *st = NULL;
	struct strbuf msg;
	strbuf_init(&msg);
	diag_capture(&msg);
	CHECK_INT(store_open(path, &st), -1);
	diag_capture(NULL);
	CHECK_CONTAINS(msg.buf, "not an assess database");
	strbuf_release(&msg);
	harness_drop_db(path);
}

TEST(store_owners_import_one_after_another)
{
	struct store *st;
	long snap1, snap2, snap3;
	CHECK_INT(store_open(":memory:", &st), 0);
	CHECK_INT(store_latest_snapshot(st), 0);

	const char *const a[] = {"a1:own-a:A one", "a2:own-a:A two", NULL};
	const char *const orgs_a[] = {"own-a:owner", "op:operator", NULL};
	CHECK_INT(import(st, a, orgs_a, "2026-10-01", &snap1), 0);
	CHECK(snap1 > 0);
	const char *const b[] = {"b1:own-b:B one", NULL};
	const char *const orgs_b[] = {"own-b:owner", "op:provider", NULL};
	CHECK_INT(import(st, b, orgs_b, "2026-09-01", &snap2), 0);
	CHECK(snap2 > snap1);
	CHECK_INT(store_latest_snapshot(st), snap2);

	char *got = systems_of(st, snap2);
	CHECK_STR(got, "a1=A one a2=A two b1=B one");
	free(got);
	CHECK_INT(store_snapshot_systems(st, snap2), 3);
	/* the first snapshot is unchanged */
	got = systems_of(st, snap1);
	CHECK_STR(got, "a1=A one a2=A two");
	free(got);
	/* "op" was redefined by the second import: its new role wins */
	got = orgs_of(st, snap2);
	CHECK_STR(got, "own-a:owner own-b:owner op:provider");
	free(got);
	/* as-of: the latest of the files, counting the kept owner's */
	char as_of[11];
	CHECK_INT(store_snapshot_as_of(st, snap2, as_of), 0);
	CHECK_STR(as_of, "2026-10-01");

	/* re-import of owner A replaces A's systems only */
	const char *const a2[] = {"a1:own-a:A one again", "a3:own-a:A three", NULL};
	CHECK_INT(import(st, a2, NULL, "2026-11-01", &snap3), 0);
	got = systems_of(st, snap3);
	CHECK_STR(got, "b1=B one a1=A one again a3=A three");
	free(got);
	CHECK_INT(store_snapshot_as_of(st, snap3, as_of), 0);
	CHECK_STR(as_of, "2026-11-01");

	/* resolvers answer from the latest snapshot */
	CHECK_INT(store_known_system(st, "a3"), 1);
	CHECK_INT(store_known_system(st, "a2"), 0);
	CHECK_STR(store_known_org_role(st, "op"), "provider");
	CHECK(store_known_org_role(st, "nobody") == NULL);
	store_close(st);
}

TEST(store_owner_file_without_systems_clears_owner)
{
	struct store *st;
	long snap;
	CHECK_INT(store_open(":memory:", &st), 0);
	const char *const a[] = {"a1:own-a:A", NULL};
	const char *const b[] = {"b1:own-b:B", NULL};
	CHECK_INT(import(st, a, NULL, "2026-10-01", &snap), 0);
	CHECK_INT(import(st, b, NULL, "2026-10-01", &snap), 0);
	const char *const orgs_a[] = {"own-a:owner", NULL};
	CHECK_INT(import(st, NULL, orgs_a, "2026-10-02", &snap), 0);
	char *got = systems_of(st, snap);
	CHECK_STR(got, "b1=B");
	free(got);
	store_close(st);
}

TEST(store_failed_import_leaves_previous_snapshot)
{
	char *path = harness_temp_db();
	struct store *st;
	struct store_import *imp;
	long snap1, snap;
	CHECK_INT(store_open(path, &st), 0);
	const char *const a[] = {"a1:own-a:A one", NULL};
	CHECK_INT(import(st, a, NULL, "2026-10-01", &snap1), 0);

	CHECK_INT(store_import_begin(st, &imp), 0);
	struct system_record rec;
	make_system(&rec, "a1", "own-a", "changed");
	CHECK_INT(store_import_system(imp, &rec), 0);
	system_record_release(&rec);
	CHECK_INT(store_import_count(imp), 1);
	CHECK_INT(store_import_end(imp, 0, &snap), 0);
	CHECK_INT(snap, 0);
	store_close(st);

	/* reopened: still exactly the first snapshot, no stray rows */
	CHECK_INT(store_open(path, &st), 0);
	CHECK_INT(store_latest_snapshot(st), snap1);
	char *got = systems_of(st, snap1);
	CHECK_STR(got, "a1=A one");
	free(got);
	store_close(st);
	sqlite3 *db;
	sqlite3_stmt *s;
	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM systems), "
	                                 "(SELECT count(*) FROM snapshots)", -1, &s, NULL),
	          SQLITE_OK);
	CHECK_INT(sqlite3_step(s), SQLITE_ROW);
	CHECK_INT(sqlite3_column_int(s, 0), 1);
	CHECK_INT(sqlite3_column_int(s, 1), 1);
	sqlite3_finalize(s);
	sqlite3_close(db);
	harness_drop_db(path);
}

TEST(store_rejects_id_of_another_owner)
{
	struct store *st;
	long snap1, snap;
	CHECK_INT(store_open(":memory:", &st), 0);
	const char *const a[] = {"x1:own-a:A", NULL};
	CHECK_INT(import(st, a, NULL, "2026-10-01", &snap1), 0);
	const char *const b[] = {"b1:own-b:B", "x1:own-b:stolen", NULL};
	struct strbuf msg;
	strbuf_init(&msg);
	diag_capture(&msg);
	CHECK_INT(import(st, b, NULL, "2026-10-01", &snap), 1);
	const char *const dup[] = {"d1:own-d:D", "d1:own-d:D again", NULL};
	CHECK_INT(import(st, dup, NULL, "2026-10-01", &snap), 1);
	diag_capture(NULL);
	CHECK_INT(snap, 0);
	CHECK_CONTAINS(msg.buf, "test.xml:7: system 'x1' already belongs to owner 'own-a'");
	CHECK_CONTAINS(msg.buf, "system 'd1' is defined twice");
	strbuf_release(&msg);
	CHECK_INT(store_latest_snapshot(st), snap1);
	store_close(st);
}

/* Every fact different, some NULL, one SQL-looking; children in order. */
static void full_record(struct system_record *rec)
{
	system_record_init(rec);
	rec->file = xstrdup("dir/inv.xml");
	rec->line = 1234;
	for (int i = 0; i < F__COUNT; i++) {
		char buf[64];
		if (i % 5 == 4)
			continue; /* unknown */
		snprintf(buf, sizeof(buf), "v%d-%s", i, fact_def((enum fact_id)i)->name);
		system_record_set(rec, (enum fact_id)i, buf);
	}
	system_record_set(rec, F_ID, "rt-1");
	system_record_set(rec, F_NAME, nasty);
	system_record_set(rec, F_DESCRIPTION, "Hệ thống \"quản lý\"\nhai dòng");
	for (int i = 0; i < 3; i++) {
		char buf[16];
		ALLOC_GROW(rec->components, rec->nr_components + 1, rec->alloc_components);
		snprintf(buf, sizeof(buf), "comp-%d", 3 - i);
		rec->components[rec->nr_components].ref = xstrdup(buf);
		rec->components[rec->nr_components++].line = 100 + i;
	}
	for (int i = 0; i < 2; i++) {
		ALLOC_GROW(rec->inspections, rec->nr_inspections + 1, rec->alloc_inspections);
		struct inspection *in = &rec->inspections[rec->nr_inspections++];
		in->date = xstrdup(i ? "2023-05-12" : "2025-01-02");
		in->kind = xstrdup("periodic");
		in->independent = i ? NULL : xstrdup("yes");
		in->by = i ? xstrdup(nasty) : NULL;
		in->findings = i ? -1 : 0;
		in->line = 200 + i;
	}
	for (int i = 0; i < 2; i++) {
		ALLOC_GROW(rec->controls, rec->nr_controls + 1, rec->alloc_controls);
		struct control *c = &rec->controls[rec->nr_controls++];
		c->ref = xstrdup(i ? "D.WAF" : "M.POL.1");
		c->status = xstrdup(i ? "planned" : "met");
		c->due = i ? xstrdup("2027-06-30") : NULL;
		c->evidence = i ? NULL : xstrdup("QĐ 1611/QĐ-UBND");
		c->line = 300 + i;
	}
	ALLOC_GROW(rec->waivers, 1, rec->alloc_waivers);
	rec->waivers[0].ref = xstrdup("D.DLP");
	rec->waivers[0].reason = xstrdup("lý do");
	rec->waivers[0].approved_by = xstrdup("Giám đốc Sở KH&CN");
	rec->waivers[0].until = xstrdup("2027-12-31");
	rec->waivers[0].line = 400;
	rec->nr_waivers = 1;
}

static int same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

struct compare {
	const struct system_record *want; /* the record stored */
	int seen;                         /* times it came back */
};

static int compare_records(void *data, const struct system_record *got, long row)
{
	struct compare *cmp = data;
	const struct system_record *want = cmp->want;
	const char *id = got->value[F_ID];
	CHECK(row > 0);
	if (strcmp(id, "rt-1"))
		return 0; /* the plain neighbour */
	CHECK_STR(got->file, want->file);
	CHECK_INT(got->line, want->line);
	for (int i = 0; i < F__COUNT; i++)
		if (!same_text(got->value[i], want->value[i]))
			harness_fail(__FILE__, __LINE__, "fact %s: got %s, want %s",
			             fact_def((enum fact_id)i)->name,
			             got->value[i] ? got->value[i] : "NULL",
			             want->value[i] ? want->value[i] : "NULL");
	CHECK_INT(got->nr_components, want->nr_components);
	for (size_t i = 0; i < got->nr_components && i < want->nr_components; i++) {
		CHECK_STR(got->components[i].ref, want->components[i].ref);
		CHECK_INT(got->components[i].line, want->components[i].line);
	}
	CHECK_INT(got->nr_inspections, want->nr_inspections);
	for (size_t i = 0; i < got->nr_inspections && i < want->nr_inspections; i++) {
		const struct inspection *g = &got->inspections[i], *w = &want->inspections[i];
		CHECK(same_text(g->date, w->date) && same_text(g->kind, w->kind) &&
		      same_text(g->independent, w->independent) && same_text(g->by, w->by));
		CHECK_INT(g->findings, w->findings);
		CHECK_INT(g->line, w->line);
	}
	CHECK_INT(got->nr_controls, want->nr_controls);
	for (size_t i = 0; i < got->nr_controls && i < want->nr_controls; i++) {
		const struct control *g = &got->controls[i], *w = &want->controls[i];
		CHECK(same_text(g->ref, w->ref) && same_text(g->status, w->status) &&
		      same_text(g->due, w->due) && same_text(g->evidence, w->evidence));
		CHECK_INT(g->line, w->line);
	}
	CHECK_INT(got->nr_waivers, want->nr_waivers);
	for (size_t i = 0; i < got->nr_waivers && i < want->nr_waivers; i++) {
		const struct waiver *g = &got->waivers[i], *w = &want->waivers[i];
		CHECK(same_text(g->ref, w->ref) && same_text(g->reason, w->reason) &&
		      same_text(g->approved_by, w->approved_by) && same_text(g->until, w->until));
		CHECK_INT(g->line, w->line);
	}
	cmp->seen++;
	return 0;
}

TEST(store_records_round_trip)
{
	struct store *st;
	struct store_import *imp;
	struct system_record full, plain, plain2;
	long snap;
	CHECK_INT(store_open(":memory:", &st), 0);
	full_record(&full);
	make_system(&plain, "p-0", "own", "before");
	make_system(&plain2, "p-9", "own", "after");
	system_record_set(&full, F_OWNER, "own");
	CHECK_INT(store_import_begin(st, &imp), 0);
	CHECK_INT(store_import_system(imp, &plain), 0);
	CHECK_INT(store_import_system(imp, &full), 0);
	CHECK_INT(store_import_system(imp, &plain2), 0);
	CHECK_INT(store_import_end(imp, 1, &snap), 0);

	struct compare cmp = {&full, 0};
	CHECK_INT(store_each_system(st, snap, compare_records, &cmp), 0);
	CHECK_INT(cmp.seen, 1);
	char *got = systems_of(st, snap);
	CHECK_STR(got, "p-0=before rt-1='); DROP TABLE systems;-- p-9=after");
	free(got);
	system_record_release(&full);
	system_record_release(&plain);
	system_record_release(&plain2);
	store_close(st);
}

static int stop_at_second(void *data, const struct system_record *rec, long row)
{
	(void)rec;
	(void)row;
	return ++*(int *)data == 2 ? 7 : 0;
}

TEST(store_each_system_stops_on_request)
{
	struct store *st;
	long snap;
	int calls = 0;
	CHECK_INT(store_open(":memory:", &st), 0);
	const char *const a[] = {"a1:o:A", "a2:o:B", "a3:o:C", NULL};
	CHECK_INT(import(st, a, NULL, NULL, &snap), 0);
	CHECK_INT(store_each_system(st, snap, stop_at_second, &calls), 7);
	CHECK_INT(calls, 2);
	/* the statements are reusable afterwards */
	char *got = systems_of(st, snap);
	CHECK_STR(got, "a1=A a2=B a3=C");
	free(got);
	store_close(st);
}

static int collect_run_system(void *data, const struct run_system_view *v)
{
	struct strbuf *sb = data;
	const struct system_result *res = v->res;
	const struct system_record *rec = v->rec;
	strbuf_addf(sb, "[%s L%d d%d %d-%d own%d-%d dc%d comp=%s near=%s appr%d %s out=",
	            res->system_id, res->level, res->determined, res->level_low,
	            res->level_high, res->own_level_low, res->own_level_high,
	            res->deciding_clause,
	            res->deciding_component ? res->deciding_component : "-",
	            res->near_threshold ? res->near_threshold : "-", res->approved_level,
	            drift_name(res->drift));
	for (size_t i = 0; i < res->nr_outcomes; i++)
		strbuf_addf(sb, "%d", res->outcomes[i]);
	strbuf_addf(sb, " req%d/%d/%d/%d/%d/%d due=%s layers=%d/%d reason=%s name=%s owner=%s",
	            res->requirements.applicable, res->requirements.met,
	            res->requirements.partial, res->requirements.not_met,
	            res->requirements.waived, res->requirements.unknown,
	            res->next_inspection_due, res->layers, res->layers_unknown,
	            res->reason ? res->reason : "-",
	            rec->value[F_NAME] ? rec->value[F_NAME] : "-",
	            rec->value[F_OWNER] ? rec->value[F_OWNER] : "-");
	for (size_t i = 0; i < res->nr_findings; i++)
		strbuf_addf(sb, " {%s %s %s|%s}", res->findings[i].code,
		            severity_name(res->findings[i].severity), res->findings[i].text_vi,
		            res->findings[i].text_en);
	strbuf_addstr(sb, "]");
	return 0;
}

static int collect_run(void *data, const struct run_info *info)
{
	struct strbuf *sb = data;
	strbuf_addf(sb, "(%ld %s %ld/%ld/%ld/%ld/%ld)", info->id, info->rules, info->systems,
	            info->undetermined, info->critical, info->warning, info->info);
	return 0;
}

static int row_of(void *data, const struct system_record *rec, long row)
{
	long *rows = data;
	rows[rec->value[F_ID][1] - '1'] = row;
	return 0;
}

TEST(store_runs_round_trip)
{
	struct store *st;
	long snap, rows[2] = {0, 0};
	CHECK_INT(store_open(":memory:", &st), 0);
	CHECK_INT(store_latest_run(st), 0);
	const char *const a[] = {"z1:o:Zed", "a2:o:Ay", NULL};
	CHECK_INT(import(st, a, NULL, "2026-11-01", &snap), 0);
	CHECK_INT(store_each_system(st, snap, row_of, rows), 0);

	char id1[] = "ND85-7.1", id2[] = "ND85-9.2c", id3[] = "ND85-9.3", nd85[] = "ND85";
	char text_vi[] = "Hạ tầng", text_en[] = "Infrastructure", art[] = "ND85 9.3", rd[] = "a b";
	struct run_clause clauses[] = {
		{.id = id1, .level = 1, .rules = nd85},
		{.id = id2, .level = 3, .rules = nd85},
		{.id = id3, .level = 3, .rules = nd85, .article = art, .text_vi = text_vi,
		 .text_en = text_en, .readings = rd},
	};
	char title[] = "Decree", digest[] = "sha256:ab";
	struct run_ruleset sets[] = {{.rules = nd85, .title_en = title, .digest = digest, .systems = 2}};
	char rid[] = "a", rvi[] = "đọc", ren[] = "read";
	struct run_reading readings[] = {{.rules = nd85, .id = rid, .text_vi = rvi, .text_en = ren}};
	struct run_info info = {.snapshot = snap, .rules = "ND85", .rules_title_vi = "Nghị định",
	                        .rules_title_en = "Decree", .rules_file = "criteria/nd85.xml",
	                        .rules_digest = "sha256:ab", .date = "2026-11-21",
	                        .as_of = "2026-11-01", .generated = "2026-11-21T10:00:00Z",
	                        .tool_version = "0.1.0", .rules_requested = "auto"};
	const struct run_sets_desc desc = {sets, 1, clauses, 3, readings, 1};
	const char *const ids[] = {id1, id2, id3};
	CHECK_INT(store_run_begin(st, &info), 0);
	CHECK(info.id > 0);

	struct system_result r1, r2;
	system_result_init(&r1, "z1");
	r1.level = 3;
	r1.determined = 1;
	r1.level_low = 3;
	r1.level_high = 3;
	r1.own_level_low = 2;
	r1.own_level_high = 2;
	r1.deciding_clause = 1;
	r1.rules = xstrdup("ND85");
	r1.deciding_component = xstrdup("a2");
	r1.near_threshold = xstrdup("data-subjects.users = 9600, threshold 10000");
	r1.nr_outcomes = 3;
	r1.outcomes = xmalloc(3);
	r1.outcomes[0] = TRI_YES;
	r1.outcomes[1] = TRI_NO;
	r1.outcomes[2] = TRI_UNKNOWN;
	r1.approved_level = 2;
	r1.drift = DRIFT_UNDER;
	r1.requirements = (struct requirement_counts){10, 5, 2, 1, 1, 1};
	memcpy(r1.next_inspection_due, "2025-05-12", 11);
	r1.layers = 5;
	r1.layers_unknown = 2;
	result_add_finding(&r1, "under-approved", SEV_CRITICAL, "vi 1", nasty);
	result_add_finding(&r1, "no-plan", SEV_INFO, "vi 2", "en 2");
	system_result_init(&r2, "a2");
	r2.reason = xstrdup("information.personal");
	r2.level_low = 1;
	r2.level_high = 3;
	r2.drift = DRIFT_UNAPPROVED;
	result_add_finding(&r2, "undetermined", SEV_WARNING, "vi 3", "en 3");
	CHECK_INT(store_run_system(st, info.id, &r1, ids, rows[0] ? rows[0] : -1), 0);
	CHECK_INT(store_run_system(st, info.id, &r2, ids, rows[1]), 0);
	info.systems = 2;
	info.undetermined = 1;
	info.critical = 1;
	info.warning = 1;
	info.info = 1;
	CHECK_INT(store_run_end(st, &info, 1, &desc, NULL, NULL), 0);
	system_result_release(&r1);
	system_result_release(&r2);
	CHECK_INT(store_latest_run(st), info.id);

	/* a rolled-back run leaves nothing */
	struct run_info bad = info;
	CHECK_INT(store_run_begin(st, &bad), 0);
	CHECK_INT(store_run_end(st, &bad, 0, &desc, NULL, NULL), 0);
	CHECK_INT(store_latest_run(st), info.id);

	struct run_info got;
	char *strings;
	CHECK_INT(store_get_run(st, info.id, &got, &strings), 0);
	CHECK_INT(got.snapshot, snap);
	CHECK_STR(got.rules, "ND85");
	CHECK_STR(got.rules_title_vi, "Nghị định");
	CHECK_STR(got.rules_title_en, "Decree");
	CHECK_STR(got.rules_file, "criteria/nd85.xml");
	CHECK_STR(got.rules_digest, "sha256:ab");
	CHECK_STR(got.date, "2026-11-21");
	CHECK_STR(got.as_of, "2026-11-01");
	CHECK_STR(got.generated, "2026-11-21T10:00:00Z");
	CHECK_STR(got.tool_version, "0.1.0");

	struct strbuf sb;
	strbuf_init(&sb);
	CHECK_INT(store_each_run(st, collect_run, &sb), 0);
	CHECK_STR(sb.buf, "(1 ND85 2/1/1/1/1)");
	strbuf_reset(&sb);

	struct run_clause *rc;
	size_t nr;
	CHECK_INT(store_run_clauses(st, info.id, &rc, &nr), 0);
	CHECK_INT(nr, 3);
	if (nr == 3) {
		CHECK_STR(rc[1].id, "ND85-9.2c");
		CHECK_INT(rc[1].level, 3);
		CHECK_STR(rc[2].rules, "ND85");
		CHECK_STR(rc[2].article, "ND85 9.3");
		CHECK_STR(rc[2].text_vi, "Hạ tầng");
		CHECK_STR(rc[2].readings, "a b");
		CHECK(rc[1].text_vi == NULL);
	}
	run_clauses_free(rc, nr);
	struct run_ruleset *rsets;
	CHECK_INT(store_run_rulesets(st, info.id, &rsets, &nr), 0);
	CHECK_INT(nr, 1);
	if (nr == 1) {
		CHECK_STR(rsets[0].rules, "ND85");
		CHECK_STR(rsets[0].digest, "sha256:ab");
		CHECK_INT(rsets[0].systems, 2);
	}
	run_rulesets_free(rsets, nr);
	struct run_reading *rr;
	CHECK_INT(store_run_readings(st, info.id, &rr, &nr), 0);
	CHECK_INT(nr, 1);
	if (nr == 1)
		CHECK_STR(rr[0].text_en, "read");
	run_readings_free(rr, nr);
	CHECK_STR(got.rules_requested, "auto");
	free(strings);

	/* systems come back in id order with their findings and facts */
	CHECK_INT(store_each_run_system(st, info.id, NULL, NULL, STORE_FINDING_TEXTS,
	                                collect_run_system, &sb), 0);
	CHECK_STR(sb.buf,
	          "[a2 L0 d0 1-3 own0-0 dc-1 comp=- near=- appr0 unapproved out= "
	          "req0/0/0/0/0/0 due= layers=0/0 reason=information.personal name=Ay owner=o "
	          "{undetermined warning vi 3|en 3}]"
	          "[z1 L3 d1 3-3 own2-2 dc1 comp=a2 near=data-subjects.users = 9600, threshold 10000 "
	          "appr2 under out=201 req10/5/2/1/1/1 due=2025-05-12 layers=5/2 reason=- "
	          "name=Zed owner=o {under-approved critical vi 1|'); DROP TABLE systems;--} "
	          "{no-plan info vi 2|en 2}]");
	strbuf_reset(&sb);
	CHECK_INT(store_each_run_system(st, info.id, "z1", NULL, STORE_FINDING_TEXTS,
	                                collect_run_system, &sb), 0);
	CHECK_CONTAINS(sb.buf, "[z1 L3");
	CHECK(!strstr(sb.buf, "[a2"));
	strbuf_reset(&sb);
	CHECK_INT(store_each_run_system(st, info.id, "nope", NULL, STORE_FINDING_TEXTS,
	                                collect_run_system, &sb), 0);
	CHECK_STR(sb.buf, "");
	strbuf_release(&sb);

	struct strbuf msg;
	strbuf_init(&msg);
	diag_capture(&msg);
	CHECK_INT(store_get_run(st, 99, &got, &strings), -1);
	diag_capture(NULL);
	CHECK_CONTAINS(msg.buf, "no run 99");
	strbuf_release(&msg);
	store_close(st);
}

static int first_row(void *data, const struct system_record *rec, long row)
{
	(void)rec;
	*(long *)data = row;
	return 0;
}

/* "C I K W|code:vi:en ..." of one system of a run walk: the children it
 * came with and its findings. */
static int collect_parts(void *data, const struct run_system_view *v)
{
	struct strbuf *sb = data;
	const struct system_result *res = v->res;
	const struct system_record *rec = v->rec;
	strbuf_addf(sb, "%zu %zu %zu %zu|", rec->nr_components, rec->nr_inspections,
	            rec->nr_controls, rec->nr_waivers);
	for (size_t i = 0; i < res->nr_findings; i++)
		strbuf_addf(sb, "%s:%s:%s ", res->findings[i].code, res->findings[i].text_vi,
		            res->findings[i].text_en);
	strbuf_addf(sb, "name=%s", rec->value[F_NAME] ? rec->value[F_NAME] : "-");
	return 0;
}

/* Import full_record() named name (NULL: keep its name) and begin a run of
 * that snapshot into *info; the system's row goes to *row. */
static void begin_run_of_one_record(struct store *st, const char *name, struct run_info *info,
                                    long *row)
{
	struct store_import *imp;
	struct system_record full;
	long snap = 0;
	full_record(&full);
	if (name)
		system_record_set(&full, F_NAME, name);
	CHECK_INT(store_import_begin(st, &imp), 0);
	CHECK_INT(store_import_system(imp, &full), 0);
	CHECK_INT(store_import_end(imp, 1, &snap), 0);
	system_record_release(&full);
	CHECK_INT(store_each_system(st, snap, first_row, row), 0);
	*info = (struct run_info){.snapshot = snap, .rules = "ND85", .date = "2026-11-21",
	                          .generated = "2026-11-21T10:00:00Z", .tool_version = "0.1.0"};
	CHECK_INT(store_run_begin(st, info), 0);
}

/* The one clause of those runs. */
static char one_clause_id[] = "ND85-7.1", one_clause_rules[] = "ND85";
static const struct run_clause one_clause[] = {
	{.id = one_clause_id, .level = 1, .rules = one_clause_rules},
};
static const struct run_sets_desc one_clause_desc = {NULL, 0, one_clause, 1, NULL, 0};

/* A run walk reads the children and the finding texts it is asked for,
 * and always the facts and the findings' codes. */
TEST(store_run_walk_reads_the_parts_asked_for)
{
	struct store *st;
	struct run_info info;
	long row = 0;
	CHECK_INT(store_open(":memory:", &st), 0);
	begin_run_of_one_record(st, "Hệ thống", &info, &row);
	struct system_result res;
	system_result_init(&res, "rt-1");
	result_add_finding(&res, "no-plan", SEV_INFO, "chưa có", "none");
	result_add_finding(&res, "undetermined", SEV_WARNING, "chưa rõ", "unknown");
	CHECK_INT(store_run_system(st, info.id, &res, NULL, row), 0);
	system_result_release(&res);
	info.systems = 1;
	CHECK_INT(store_run_end(st, &info, 1, &one_clause_desc, NULL, NULL), 0);

	struct strbuf sb;
	strbuf_init(&sb);
	CHECK_INT(store_each_run_system(st, info.id, NULL, NULL,
	                                STORE_ALL_CHILDREN | STORE_FINDING_TEXTS, collect_parts,
	                                &sb), 0);
	CHECK_STR(sb.buf, "3 2 2 1|no-plan:chưa có:none undetermined:chưa rõ:unknown name=Hệ thống");
	strbuf_reset(&sb);
	CHECK_INT(store_each_run_system(st, info.id, "rt-1", NULL,
	                                STORE_ALL_CHILDREN | STORE_FINDING_TEXTS, collect_parts,
	                                &sb), 0);
	CHECK_STR(sb.buf, "3 2 2 1|no-plan:chưa có:none undetermined:chưa rõ:unknown name=Hệ thống");
	strbuf_reset(&sb);
	CHECK_INT(store_each_run_system(st, info.id, NULL, NULL, STORE_INSPECTIONS, collect_parts,
	                                &sb), 0);
	CHECK_STR(sb.buf, "0 2 0 0|no-plan:: undetermined:: name=Hệ thống");
	strbuf_reset(&sb);
	CHECK_INT(store_each_run_system(st, info.id, "rt-1", NULL, 0, collect_parts, &sb), 0);
	CHECK_STR(sb.buf, "0 0 0 0|no-plan:: undetermined:: name=Hệ thống");
	strbuf_release(&sb);
	store_close(st);
}

/* The number sql (a count) answers on the database file path. */
static long long count_sql(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long long n = -1;
	if (sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return n;
}

static int collect_reasons(void *data, const struct run_system_view *v)
{
	struct strbuf *sb = data;
	const struct system_result *res = v->res;
	strbuf_addf(sb, "%s:%s:%s", res->system_id, res->rules_reason ? res->rules_reason : "-",
	            res->rules_reason_vi ? res->rules_reason_vi : "-");
	for (size_t i = 0; i < res->nr_findings; i++)
		strbuf_addf(sb, ":%s", res->findings[i].text_en);
	strbuf_addstr(sb, "|");
	return 0;
}

/* The rules reasons and the long arguments of findings are stored once per
 * run however many systems share them (a run of 10^5 systems would store
 * the same 500 bytes 10^5 times), and read back whole for each system. */
TEST(store_run_keeps_shared_reasons_and_arguments_once)
{
	char *path = harness_temp_db();
	struct store *st;
	struct run_info info;
	long row = 0;
	CHECK_INT(store_open(path, &st), 0);
	begin_run_of_one_record(st, NULL, &info, &row);
	const char *ids[] = {"rt-1", "rt-2", "rt-3"};
	for (size_t i = 0; i < 3; i++) {
		struct system_result res;
		system_result_init(&res, ids[i]);
		res.rules_reason = xstrdup(i < 2 ? "the rule set in force on 2026-11-21" : "other");
		res.rules_reason_vi = xstrdup(i < 2 ? "bộ tiêu chí có hiệu lực" : "khác");
		result_take_finding_args(&res, "waiver-expired", SEV_WARNING,
		                         xstrdup("waiver-expired\x1f" "D.A-LONG-REQUIREMENT-ID\x1f"
		                                 "2026-11-20"));
		result_take_finding_args(&res, "waiver-expired", SEV_WARNING,
		                         xstrdup("waiver-expired\x1f" "D.X\x1f" "2026-11-20"));
		CHECK_INT(store_run_system(st, info.id, &res, NULL, row), 0);
		system_result_release(&res);
	}
	info.systems = 3;
	CHECK_INT(store_run_end(st, &info, 1, &one_clause_desc, NULL, NULL), 0);
	CHECK_INT(count_sql(path, "SELECT count(*) FROM run_reasons"), 2);
	CHECK_INT(count_sql(path, "SELECT count(*) FROM run_args"), 1);
	CHECK_INT(count_sql(path, "SELECT count(*) FROM run_systems, json_each(verdict, '$.findings') f "
	                          "WHERE f.value ->> 'args-ref' IS NOT NULL"), 3);
	struct strbuf sb;
	strbuf_init(&sb);
	CHECK_INT(store_each_run_system(st, info.id, NULL, NULL, STORE_FINDING_TEXTS, collect_reasons,
	                                &sb), 0);
	const char *one = ":The waiver for requirement D.A-LONG-REQUIREMENT-ID ended on 2026-11-20: "
	                  "the requirement counts as not met.:The waiver for requirement D.X ended on "
	                  "2026-11-20: the requirement counts as not met.|";
	struct strbuf want;
	strbuf_init(&want);
	strbuf_addf(&want, "rt-1:the rule set in force on 2026-11-21:bộ tiêu chí có hiệu lực%s"
	                   "rt-2:the rule set in force on 2026-11-21:bộ tiêu chí có hiệu lực%s"
	                   "rt-3:other:khác%s", one, one, one);
	CHECK_STR(sb.buf, want.buf);
	strbuf_release(&want);
	strbuf_release(&sb);
	store_close(st);
	harness_drop_db(path);
}

/* A finding told by its arguments is stored without texts and read back
 * with both texts made from them; one without arguments (a run converted
 * from schema 1, whose findings carried their texts) keeps its texts. The
 * conversion of databases of every earlier schema is tested with the
 * databases the earlier versions wrote (tests/fixtures/db, CLI tests
 * results-old-database). */
TEST(store_findings_told_by_args_or_by_texts)
{
	char *path = harness_temp_db();
	struct store *st;
	struct run_info info;
	long row = 0;
	CHECK_INT(store_open(path, &st), 0);
	begin_run_of_one_record(st, NULL, &info, &row);
	struct system_result res;
	system_result_init(&res, "rt-1");
	result_take_finding_args(&res, "waiver-expired", SEV_WARNING,
	                         xstrdup("waiver-expired\x1f" "D.DLP\x1f" "2026-11-20"));
	result_add_finding(&res, "no-plan", SEV_INFO, "chưa có", "none");
	CHECK_INT(store_run_system(st, info.id, &res, NULL, row), 0);
	system_result_release(&res);
	info.systems = 1;
	CHECK_INT(store_run_end(st, &info, 1, &one_clause_desc, NULL, NULL), 0);

	struct strbuf sb, want;
	strbuf_init(&sb);
	strbuf_init(&want);
	CHECK_INT(store_each_run_system(st, info.id, NULL, NULL, STORE_FINDING_TEXTS, collect_parts,
	                                &sb), 0);
	strbuf_addf(&want, "0 0 0 0|waiver-expired:Miễn trừ yêu cầu D.DLP đã hết hạn ngày 20/11/2026: "
	                   "yêu cầu được tính là chưa đáp ứng.:The waiver for requirement D.DLP ended "
	                   "on 2026-11-20: the requirement counts as not met. no-plan:chưa có:none "
	                   "name=%s", nasty);
	CHECK_STR(sb.buf, want.buf);
	store_close(st);

	/* stored: args without texts, or texts without args */
	sqlite3 *db;
	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *s;
	CHECK_INT(sqlite3_prepare_v2(db, "SELECT group_concat(coalesce(f.value ->> 'text-en', '-') "
	                                 "|| '/' || (f.value ->> 'args' IS NULL), ' ') FROM "
	                                 "run_systems, json_each(verdict, '$.findings') f", -1, &s,
	                             NULL), SQLITE_OK);
	CHECK_INT(sqlite3_step(s), SQLITE_ROW);
	CHECK_STR((const char *)sqlite3_column_text(s, 0), "-/0 none/1");
	sqlite3_finalize(s);
	sqlite3_close(db);
	strbuf_release(&sb);
	strbuf_release(&want);
	harness_drop_db(path);
}
