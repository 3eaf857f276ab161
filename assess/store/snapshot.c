/*
 * snapshot.c - snapshots: an import (packed system rows, organizations,
 * the membership of the new snapshot and its cross-file checks), the
 * resolvers of the inventory checker, and reading a snapshot back.
 */
#include "store_int.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "graph.h"
#include "strmap.h"
#include "util.h"

/* The snapshot's systems through membership, with what a record is read from. */
#define SYSTEM_COLUMNS "s.row, s.id, s.owner, s.file, s.line, s.components, s.record"

static const char sql_latest_snapshot[] = "SELECT coalesce(max(id), 0) FROM snapshots";
static const char sql_new_snapshot[] = "INSERT INTO snapshots(created, as_of, files, systems) "
                                       "VALUES(?1, NULL, '', 0)";
static const char sql_next_row[] = "SELECT coalesce(max(row), 0) + 1 FROM systems";
static const char sql_insert_system[] =
	"INSERT INTO systems(row, snapshot, id, owner, file, line, components, record) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_insert_org[] =
	"INSERT INTO organizations(snapshot, id, role, parent, name, file, line) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_insert_org_policy[] =
	"INSERT INTO org_policies(org_row, pos, level, months, decision, line) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_org_policies[] = "SELECT level, months, decision, line FROM org_policies "
                                       "WHERE org_row = ?1 ORDER BY pos";
static const char sql_members_new[] = "INSERT INTO snapshot_systems(snapshot, system_row) "
                                      "SELECT ?1, row FROM systems WHERE snapshot = ?1";
static const char sql_members_kept[] =
	"INSERT INTO snapshot_systems(snapshot, system_row) "
	"SELECT ?1, ss.system_row FROM snapshot_systems ss "
	"JOIN systems k ON k.row = ss.system_row "
	"WHERE ss.snapshot = ?2 "
	"AND NOT EXISTS (SELECT 1 FROM systems n "
	"                WHERE n.snapshot = ?1 AND n.owner = k.owner) "
	"AND NOT EXISTS (SELECT 1 FROM organizations o "
	"                WHERE o.snapshot = ?1 AND o.id = k.owner AND o.role = 'owner')";
static const char sql_orgs_new[] = "INSERT INTO snapshot_organizations(snapshot, org_row) "
                                   "SELECT ?1, row FROM organizations WHERE snapshot = ?1";
static const char sql_orgs_kept[] =
	"INSERT INTO snapshot_organizations(snapshot, org_row) "
	"SELECT ?1, so.org_row FROM snapshot_organizations so "
	"JOIN organizations k ON k.row = so.org_row "
	"WHERE so.snapshot = ?2 "
	"AND NOT EXISTS (SELECT 1 FROM organizations n "
	"                WHERE n.snapshot = ?1 AND n.id = k.id)";
/* an imported system whose id is also another member of the snapshot */
static const char sql_conflicts[] =
	"SELECT n.id, n.file, n.line, k.owner, k.file, k.line, k.snapshot = ?1 "
	"FROM systems n JOIN systems k ON k.id = n.id AND k.row < n.row "
	"JOIN snapshot_systems ks ON ks.snapshot = ?1 AND ks.system_row = k.row "
	"WHERE n.snapshot = ?1 ORDER BY n.row";
/* a component of a member that is no member (?2: the base snapshot, where
 * the component was, and its owner there); components are packed (pack.h):
 * json_each reads them */
static const char sql_dangling[] =
	"SELECT s.id, s.owner, s.snapshot = ?1, s.file, j.value ->> 'line', j.value ->> 'ref', "
	"(SELECT k.owner FROM systems k CROSS JOIN snapshot_systems ks "
	" ON ks.snapshot = ?2 AND ks.system_row = k.row WHERE k.id = j.value ->> 'ref' LIMIT 1) "
	"FROM snapshot_systems ss JOIN systems s ON s.row = ss.system_row, "
	"json_each(s.components) j "
	/* CROSS JOIN: look the id up (systems_id), then the membership */
	"WHERE ss.snapshot = ?1 AND s.components IS NOT NULL AND NOT EXISTS (SELECT 1 "
	"  FROM systems m CROSS JOIN snapshot_systems ms ON ms.snapshot = ?1 "
	"  AND ms.system_row = m.row WHERE m.id = j.value ->> 'ref') "
	"ORDER BY s.id, j.key";
/* where the import covers an owner: its organization, else its first system */
static const char sql_owner_place[] =
	"SELECT file, line FROM (SELECT file, line, 0 AS k, row FROM organizations "
	"  WHERE snapshot = ?1 AND id = ?2 AND role = 'owner' "
	"  UNION ALL SELECT file, line, 1, row FROM systems WHERE snapshot = ?1 AND owner = ?2) "
	"ORDER BY k, row LIMIT 1";
/* every component reference of the snapshot: from, to, imported, where */
static const char sql_component_edges[] =
	"SELECT s.id, j.value ->> 'ref', s.snapshot = ?1, s.file, j.value ->> 'line' "
	"FROM snapshot_systems ss JOIN systems s ON s.row = ss.system_row, "
	"json_each(s.components) j "
	"WHERE ss.snapshot = ?1 AND s.components IS NOT NULL ORDER BY ss.system_row, j.key";
static const char sql_snapshot_count[] =
	"SELECT count(*) FROM snapshot_systems WHERE snapshot = ?1";
static const char sql_snapshot_as_of[] = "SELECT as_of FROM snapshots WHERE id = ?1";
static const char sql_finish_snapshot[] =
	"UPDATE snapshots SET as_of = ?2, files = ?3, systems = ?4 WHERE id = ?1";
static const char sql_known_system[] = "SELECT 1 FROM systems s JOIN snapshot_systems ss "
                                       "ON ss.snapshot = ?1 AND ss.system_row = s.row "
                                       "WHERE s.id = ?2 LIMIT 1";
static const char sql_known_org[] = "SELECT o.role FROM organizations o JOIN "
                                    "snapshot_organizations so ON so.snapshot = ?1 AND "
                                    "so.org_row = o.row WHERE o.id = ?2 LIMIT 1";
static const char sql_each_system[] =
	"SELECT " SYSTEM_COLUMNS " FROM snapshot_systems ss JOIN systems s "
	"ON s.row = ss.system_row WHERE ss.snapshot = ?1 ORDER BY ss.system_row";
static const char sql_each_kept[] =
	"SELECT " SYSTEM_COLUMNS " FROM snapshot_systems ss JOIN systems s "
	"ON s.row = ss.system_row WHERE ss.snapshot = ?1 AND s.snapshot <> ?1 "
	"ORDER BY ss.system_row";
static const char sql_one_row[] = "SELECT " SYSTEM_COLUMNS " FROM systems s WHERE s.row = ?1";
static const char sql_each_org[] =
	"SELECT o.id, o.role, o.parent, o.name, o.file, o.line, o.row "
	"FROM snapshot_organizations so JOIN organizations o "
	"ON o.row = so.org_row WHERE so.snapshot = ?1 ORDER BY so.org_row";

struct store_import {
	struct store *st;   /* the store (its transaction is ours) */
	long snapshot;      /* the new snapshot id */
	long base;          /* the previous snapshot, 0 when none */
	long next_row;      /* the row of the next system packed */
	long nr_systems;    /* systems written so far */
	char as_of[11];     /* latest as-of of the files, "" when none */
	struct strbuf files;/* file names, one per line */
	int failed;         /* a store_import_* call failed: only rollback is left */
	struct strbuf components, record; /* store_import_system's packing */
};

/* ---- the names of the facts --------------------------------------------- */

#define FACT_SLOTS 256 /* a power of two, well above F__COUNT */
static signed char fact_slot[FACT_SLOTS];
static pthread_once_t fact_once = PTHREAD_ONCE_INIT;

static uint32_t name_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void fact_table_init(void)
{
	memset(fact_slot, -1, sizeof(fact_slot));
	for (int i = 0; i < F__COUNT; i++) {
		const char *name = fact_def((enum fact_id)i)->name;
		uint32_t h = name_hash(name, strlen(name)) & (FACT_SLOTS - 1);
		while (fact_slot[h] >= 0)
			h = (h + 1) & (FACT_SLOTS - 1);
		fact_slot[h] = (signed char)i;
	}
}

int store_fact_by_name(const struct pack_value *key)
{
	pthread_once(&fact_once, fact_table_init);
	if (key->type != PACK_STRING || key->escaped)
		return -1;
	uint32_t h = name_hash(key->s, key->len) & (FACT_SLOTS - 1);
	while (fact_slot[h] >= 0) {
		const char *name = fact_def((enum fact_id)fact_slot[h])->name;
		if (strlen(name) == key->len && !memcmp(name, key->s, key->len))
			return fact_slot[h];
		h = (h + 1) & (FACT_SLOTS - 1);
	}
	return -1;
}

/* ---- packing a record ----------------------------------------------------- */

void store_pack_system(const struct system_record *rec, struct strbuf *components,
                       struct strbuf *record)
{
	struct pack_writer w;
	if (rec->nr_components) {
		pack_begin_array(&w, components);
		for (size_t i = 0; i < rec->nr_components; i++) {
			pack_open(&w, NULL, '{');
			pack_str(&w, "ref", rec->components[i].ref);
			pack_int(&w, "line", rec->components[i].line);
			pack_close(&w);
		}
		pack_end(&w);
	}
	pack_begin(&w, record);
	pack_open(&w, "facts", '{');
	for (int i = 0; i < F__COUNT; i++)
		if (i != F_ID && i != F_OWNER)
			pack_str(&w, fact_def((enum fact_id)i)->name, rec->value[i]);
	pack_close(&w);
	if (rec->nr_inspections) {
		pack_open(&w, "inspections", '[');
		for (size_t i = 0; i < rec->nr_inspections; i++) {
			const struct inspection *in = &rec->inspections[i];
			pack_open(&w, NULL, '{');
			pack_str(&w, "date", in->date);
			pack_str(&w, "kind", in->kind);
			pack_str(&w, "independent", in->independent);
			pack_str(&w, "by", in->by);
			if (in->findings >= 0)
				pack_int(&w, "findings", in->findings);
			pack_int(&w, "line", in->line);
			pack_close(&w);
		}
		pack_close(&w);
	}
	if (rec->nr_controls) {
		pack_open(&w, "controls", '[');
		for (size_t i = 0; i < rec->nr_controls; i++) {
			const struct control *c = &rec->controls[i];
			pack_open(&w, NULL, '{');
			pack_str(&w, "ref", c->ref);
			pack_str(&w, "status", c->status);
			pack_str(&w, "due", c->due);
			pack_str(&w, "evidence", c->evidence);
			pack_int(&w, "line", c->line);
			pack_close(&w);
		}
		pack_close(&w);
	}
	if (rec->nr_waivers) {
		pack_open(&w, "waivers", '[');
		for (size_t i = 0; i < rec->nr_waivers; i++) {
			const struct waiver *v = &rec->waivers[i];
			pack_open(&w, NULL, '{');
			pack_str(&w, "ref", v->ref);
			pack_str(&w, "reason", v->reason);
			pack_str(&w, "approved-by", v->approved_by);
			pack_str(&w, "until", v->until);
			pack_int(&w, "line", v->line);
			pack_close(&w);
		}
		pack_close(&w);
	}
	pack_end(&w);
}

/* ---- unpacking a record ----------------------------------------------------- */

/* What reading one packed text needs to say what is wrong. */
struct unpacker {
	struct store *st;
	const char *id;      /* the system */
	const char *what;    /* "list of components" | "record" */
	struct arena *a;
};

static int bad(struct unpacker *u, const char *detail)
{
	return store_corrupt(u->st, "the %s of system '%.64s' %s", u->what, u->id ? u->id : "?",
	                     detail);
}

/* A string member into *out (arena or heap). */
static int take_str(struct unpacker *u, const struct pack_value *v, char **out)
{
	if (v->type != PACK_STRING || !(*out = pack_str_in(v, u->a)))
		return bad(u, "holds a value that is not a text");
	return 0;
}

static int take_count(struct unpacker *u, const struct pack_value *v, long long *out)
{
	if (v->type != PACK_INT || v->n < 0)
		return bad(u, "holds a count that is not a number of 0 or more");
	*out = v->n;
	return 0;
}

static int take_line(struct unpacker *u, const struct pack_value *v, long *out)
{
	long long n = 0;
	if (take_count(u, v, &n) < 0)
		return -1;
	*out = n > LONG_MAX ? LONG_MAX : (long)n;
	return 0;
}

static int unpack_components(struct unpacker *u, const char *text, struct system_record *rec)
{
	struct pack_reader r, item;
	struct pack_value v, key, val;
	int rc;
	if (pack_read_array(&r, text, strlen(text)) < 0)
		return bad(u, "is not as assess writes it");
	while ((rc = pack_item(&r, &v)) == 1) {
		if (pack_enter(&item, &v) < 0 || v.type != PACK_OBJECT)
			return bad(u, "is not as assess writes it");
		ALLOC_GROW(rec->components, rec->nr_components + 1, rec->alloc_components);
		struct component_ref *c = &rec->components[rec->nr_components++];
		c->ref = NULL;
		c->line = 0;
		while ((rc = pack_member(&item, &key, &val)) == 1) {
			if (pack_is(&key, "ref")) {
				if (take_str(u, &val, &c->ref) < 0)
					return -1;
			} else if (pack_is(&key, "line")) {
				if (take_line(u, &val, &c->line) < 0)
					return -1;
			} else {
				return bad(u, "has a field assess does not write");
			}
		}
		if (rc < 0 || !c->ref)
			return bad(u, "is not as assess writes it");
	}
	return rc < 0 ? bad(u, "is not as assess writes it") : 0;
}

/* The fields of one child item; kind: 'i' inspection, 'c' control, 'w' waiver. */
static int unpack_child(struct unpacker *u, char kind, const struct pack_value *v,
                        struct system_record *rec)
{
	struct pack_reader r;
	struct pack_value key, val;
	int rc;
	if (v->type != PACK_OBJECT || pack_enter(&r, v) < 0)
		return bad(u, "is not as assess writes it");
	struct inspection *in = NULL;
	struct control *c = NULL;
	struct waiver *w = NULL;
	if (kind == 'i') {
		ALLOC_GROW(rec->inspections, rec->nr_inspections + 1, rec->alloc_inspections);
		in = &rec->inspections[rec->nr_inspections++];
		memset(in, 0, sizeof(*in));
		in->findings = -1;
	} else if (kind == 'c') {
		ALLOC_GROW(rec->controls, rec->nr_controls + 1, rec->alloc_controls);
		c = &rec->controls[rec->nr_controls++];
		memset(c, 0, sizeof(*c));
	} else {
		ALLOC_GROW(rec->waivers, rec->nr_waivers + 1, rec->alloc_waivers);
		w = &rec->waivers[rec->nr_waivers++];
		memset(w, 0, sizeof(*w));
	}
	while ((rc = pack_member(&r, &key, &val)) == 1) {
		char **text = NULL;
		long *line = NULL;
		if (pack_is(&key, "line"))
			line = in ? &in->line : c ? &c->line : &w->line;
		else if (in && pack_is(&key, "findings")) {
			if (take_count(u, &val, &in->findings) < 0)
				return -1;
			continue;
		} else if (in)
			text = pack_is(&key, "date") ? &in->date : pack_is(&key, "kind") ? &in->kind
			       : pack_is(&key, "independent") ? &in->independent
			       : pack_is(&key, "by") ? &in->by : NULL;
		else if (c)
			text = pack_is(&key, "ref") ? &c->ref : pack_is(&key, "status") ? &c->status
			       : pack_is(&key, "due") ? &c->due : pack_is(&key, "evidence") ? &c->evidence
			                                                                    : NULL;
		else
			text = pack_is(&key, "ref") ? &w->ref : pack_is(&key, "reason") ? &w->reason
			       : pack_is(&key, "approved-by") ? &w->approved_by
			       : pack_is(&key, "until") ? &w->until : NULL;
		if (line) {
			if (take_line(u, &val, line) < 0)
				return -1;
		} else if (!text) {
			return bad(u, "has a field assess does not write");
		} else if (take_str(u, &val, text) < 0) {
			return -1;
		}
	}
	if (rc < 0)
		return bad(u, "is not as assess writes it");
	if (in && in->date && !is_iso_date(in->date))
		return store_corrupt(u->st, "an inspection of system '%.64s' is dated '%.40s', not a date",
		                     u->id, in->date);
	return 0;
}

int store_unpack_record(struct store *st, const char *id, const char *components,
                        const char *record, const unsigned long long *only, unsigned children,
                        struct system_record *rec, struct arena *a)
{
	struct unpacker u = {st, id, "list of components", a};
	struct pack_reader r, facts, list;
	struct pack_value key, val, item;
	int rc;
	if (components && (children & STORE_COMPONENTS) && unpack_components(&u, components, rec) < 0)
		return -1;
	u.what = "record";
	if (!record || pack_read(&r, record, strlen(record)) < 0)
		return bad(&u, "is not as assess writes it");
	while ((rc = pack_member(&r, &key, &val)) == 1) {
		if (pack_is(&key, "facts")) {
			if (val.type != PACK_OBJECT || pack_enter(&facts, &val) < 0)
				return bad(&u, "is not as assess writes it");
			while ((rc = pack_member(&facts, &key, &item)) == 1) {
				int f = store_fact_by_name(&key);
				/* a name this build does not know: a fact of a newer vocabulary */
				if (f < 0 || f == F_ID || f == F_OWNER)
					continue;
				if (only && !(*only & (1ull << f)))
					continue;
				if (take_str(&u, &item, &rec->value[f]) < 0)
					return -1;
			}
			if (rc < 0)
				return bad(&u, "is not as assess writes it");
			continue;
		}
		char kind = pack_is(&key, "inspections") ? 'i' : pack_is(&key, "controls") ? 'c'
		            : pack_is(&key, "waivers") ? 'w' : 0;
		unsigned bit = kind == 'i' ? STORE_INSPECTIONS : kind == 'c' ? STORE_CONTROLS
		                                                             : STORE_WAIVERS;
		if (!kind || val.type != PACK_ARRAY)
			return bad(&u, "has a field assess does not write");
		if (!(children & bit))
			continue;
		if (pack_enter(&list, &val) < 0)
			return bad(&u, "is not as assess writes it");
		while ((rc = pack_item(&list, &item)) == 1)
			if (unpack_child(&u, kind, &item, rec) < 0)
				return -1;
		if (rc < 0)
			return bad(&u, "is not as assess writes it");
	}
	return rc < 0 ? bad(&u, "is not as assess writes it") : 0;
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
	long long v = store_query_long(st, ST_LATEST_SNAPSHOT, sql_latest_snapshot, -1,
	                               "cannot read the snapshots");
	return v < 0 ? 0 : (long)v;
}

int store_import_begin(struct store *st, struct store_import **out)
{
	char created[21];
	long long base, next;
	sqlite3_stmt *s;

	*out = NULL;
	if (store_begin(st) < 0)
		return -1;
	base = store_query_long(st, ST_LATEST_SNAPSHOT, sql_latest_snapshot, -1,
	                        "cannot read the snapshots");
	next = store_query_long(st, ST_NEXT_ROW, sql_next_row, -1, "cannot read the snapshots");
	if (base < 0 || next < 0 || !(s = store_stmt(st, ST_NEW_SNAPSHOT, sql_new_snapshot)))
		goto fail;
	now_iso(created);
	store_bind_text(s, 1, created);
	if (store_step_done(st, s, "cannot create a snapshot") < 0)
		goto fail;

	struct store_import *imp = xcalloc(1, sizeof(*imp));
	imp->st = st;
	imp->snapshot = (long)sqlite3_last_insert_rowid(st->db);
	imp->base = (long)base;
	imp->next_row = (long)next;
	strbuf_init(&imp->files);
	strbuf_init(&imp->components);
	strbuf_init(&imp->record);
	st->resolve_snapshot = imp->base;
	st->resolver_failed = 0;
	*out = imp;
	return 0;
fail:
	store_finish(st, 0);
	return -1;
}

long store_import_snapshot(const struct store_import *imp)
{
	return imp ? imp->snapshot : 0;
}

long store_import_base(const struct store_import *imp)
{
	return imp ? imp->base : 0;
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

const char *store_import_as_of(const struct store_import *imp)
{
	return imp->as_of;
}

int store_import_organization(struct store_import *imp, const struct organization *org)
{
	if (!imp || imp->failed)
		return -1;
	struct store *st = imp->st;
	sqlite3_stmt *s = store_stmt(st, ST_INSERT_ORG, sql_insert_org);
	if (!s)
		goto fail;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	store_bind_text(s, 2, org->id);
	store_bind_text(s, 3, org->role);
	store_bind_text(s, 4, org->parent);
	store_bind_text(s, 5, org->name);
	store_bind_text(s, 6, org->file);
	sqlite3_bind_int64(s, 7, org->line);
	if (store_step_done(st, s, "cannot store an organization") < 0)
		goto fail;
	long long row = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < org->nr_policies; i++) {
		const struct inspection_policy *p = &org->policies[i];
		if (!(s = store_stmt(st, ST_INSERT_ORG_POLICY, sql_insert_org_policy)))
			goto fail;
		sqlite3_bind_int64(s, 1, row);
		sqlite3_bind_int64(s, 2, (long long)i);
		sqlite3_bind_int(s, 3, p->level);
		sqlite3_bind_int(s, 4, p->months);
		store_bind_text(s, 5, p->decision);
		sqlite3_bind_int64(s, 6, p->line);
		if (store_step_done(st, s, "cannot store an inspection policy") < 0)
			goto fail;
	}
	return 0;
fail:
	imp->failed = 1;
	return -1;
}

long store_import_next_row(struct store_import *imp)
{
	return imp->next_row++;
}

int store_import_row(struct store_import *imp, const struct store_system_row *row)
{
	if (!imp || imp->failed)
		return -1;
	struct store *st = imp->st;
	if (!row->id) {
		imp->failed = 1;
		return error("%s: cannot store a system without an id", st->path);
	}
	sqlite3_stmt *s = store_stmt(st, ST_INSERT_SYSTEM, sql_insert_system);
	if (!s)
		goto fail;
	sqlite3_bind_int64(s, 1, row->row);
	sqlite3_bind_int64(s, 2, imp->snapshot);
	store_bind_text(s, 3, row->id);
	store_bind_text(s, 4, row->owner);
	store_bind_text(s, 5, row->file);
	sqlite3_bind_int64(s, 6, row->line);
	store_bind_text(s, 7, row->components);
	store_bind_text(s, 8, row->record);
	if (store_step_done(st, s, "cannot store a system") < 0)
		goto fail;
	imp->nr_systems++;
	return 0;
fail:
	imp->failed = 1;
	return -1;
}

int store_import_system(struct store_import *imp, const struct system_record *rec)
{
	if (!imp || imp->failed)
		return -1;
	strbuf_reset(&imp->components);
	strbuf_reset(&imp->record);
	store_pack_system(rec, &imp->components, &imp->record);
	struct store_system_row row = {
		store_import_next_row(imp), rec->value[F_ID], rec->value[F_OWNER], rec->file,
		rec->line, imp->components.len ? imp->components.buf : NULL, imp->record.buf,
	};
	return store_import_row(imp, &row);
}

long store_import_count(const struct store_import *imp)
{
	return imp ? imp->nr_systems : 0;
}

/* Report every imported system whose id is already a member; 1 if any. */
static int check_conflicts(struct store_import *imp)
{
	struct store *st = imp->st;
	sqlite3_stmt *s = store_stmt(st, ST_CONFLICTS, sql_conflicts);
	int rc, found = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = store_column_str(s, 0);
		const char *owner = store_column_str(s, 3);
		const char *kfile = store_column_str(s, 4);
		long kline = (long)sqlite3_column_int64(s, 5);
		if (sqlite3_column_int(s, 6))
			error_at(store_column_str(s, 1), (long)sqlite3_column_int64(s, 2),
			         "system '%s' is defined twice (first at %s:%ld)", id,
			         kfile ? kfile : "-", kline);
		else
			error_at(store_column_str(s, 1), (long)sqlite3_column_int64(s, 2),
			         "system '%s' already belongs to owner '%s' in the database "
			         "(imported from %s:%ld)", id, owner ? owner : "",
			         kfile ? kfile : "-", kline);
		found = 1;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_db_error(st, "cannot check system ids");
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
	sqlite3_stmt *s = store_stmt(st, ST_DANGLING, sql_dangling);
	int rc, found = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	sqlite3_bind_int64(s, 2, imp->base);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = store_column_str(s, 0), *owner = store_column_str(s, 1);
		const char *ref = store_column_str(s, 5), *ref_owner = store_column_str(s, 6);
		found = 1;
		if (!ref)
			ref = "";
		if (sqlite3_column_int(s, 2)) { /* the user is imported: at its component */
			error_at(store_column_str(s, 3), (long)sqlite3_column_int64(s, 4),
			         "system '%s': component '%s' is not in the database after this import%s%s%s",
			         id, ref, ref_owner ? " (owner '" : "", ref_owner ? ref_owner : "",
			         ref_owner ? "' no longer lists it)" : "");
			continue;
		}
		/* a kept system: at the file that covers the component's owner */
		char *file = NULL;
		long line = 0;
		sqlite3_stmt *p = ref_owner ? store_stmt(st, ST_OWNER_PLACE, sql_owner_place) : NULL;
		if (p) {
			sqlite3_bind_int64(p, 1, imp->snapshot);
			store_bind_text(p, 2, ref_owner);
			if (sqlite3_step(p) == SQLITE_ROW) {
				file = store_column_dup(p, 0);
				line = (long)sqlite3_column_int64(p, 1);
			}
			sqlite3_reset(p);
		}
		error_at(file ? file : store_column_str(s, 3),
		         file ? line : (long)sqlite3_column_int64(s, 4),
		         "system '%s'%s%s%s is left out, but system '%s' (owner '%s', kept in the "
		         "database) uses it as a component", ref, ref_owner ? " of owner '" : "",
		         ref_owner ? ref_owner : "", ref_owner ? "'" : "", id, owner ? owner : "");
		free(file);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_db_error(st, "cannot check components");
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
	sqlite3_stmt *s = store_stmt(st, ST_COMPONENT_EDGES, sql_component_edges);
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
		g.from[e] = graph_node(&g, store_column_str(s, 0) ? store_column_str(s, 0) : "");
		g.to[e] = graph_node(&g, store_column_str(s, 1) ? store_column_str(s, 1) : "");
		g.file[e] = sqlite3_column_int(s, 2) ? store_column_dup(s, 3) : NULL;
		g.line[e] = (long)sqlite3_column_int64(s, 4);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_db_error(st, "cannot check components");
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

	if (!(s = store_stmt(st, ST_MEMBERS_NEW, sql_members_new)))
		return -1;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	if (store_step_done(st, s, "cannot build the snapshot") < 0)
		return -1;
	kept_before = sqlite3_total_changes64(st->db);
	if (!(s = store_stmt(st, ST_MEMBERS_KEPT, sql_members_kept)))
		return -1;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	sqlite3_bind_int64(s, 2, imp->base);
	if (store_step_done(st, s, "cannot build the snapshot") < 0)
		return -1;
	int kept_any = sqlite3_total_changes64(st->db) > kept_before;
	if (!(s = store_stmt(st, ST_ORGS_NEW, sql_orgs_new)))
		return -1;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	if (store_step_done(st, s, "cannot build the snapshot") < 0)
		return -1;
	if (!(s = store_stmt(st, ST_ORGS_KEPT, sql_orgs_kept)))
		return -1;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	sqlite3_bind_int64(s, 2, imp->base);
	if (store_step_done(st, s, "cannot build the snapshot") < 0)
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
	total = store_query_long(st, ST_SNAPSHOT_COUNT, sql_snapshot_count, imp->snapshot,
	                         "cannot count systems");
	if (total < 0 || !(s = store_stmt(st, ST_FINISH_SNAPSHOT, sql_finish_snapshot)))
		return -1;
	sqlite3_bind_int64(s, 1, imp->snapshot);
	store_bind_text(s, 2, imp->as_of[0] ? imp->as_of : NULL);
	store_bind_text(s, 3, imp->files.buf);
	sqlite3_bind_int64(s, 4, total);
	return store_step_done(st, s, "cannot finish the snapshot");
}

static void import_free(struct store_import *imp)
{
	imp->st->resolve_snapshot = -1;
	strbuf_release(&imp->files);
	strbuf_release(&imp->components);
	strbuf_release(&imp->record);
	free(imp);
}

/* Complete the snapshot; commit = 1: and COMMIT. Rolls back on failure. */
static int end_import(struct store_import *imp, int ok, int commit, long *snapshot_id)
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
		if (ret == 0 && (!commit || store_finish(st, 1) == 0)) {
			*snapshot_id = imp->snapshot;
			st->held_for_run = !commit;
		}
		else if (ret == 0)
			ret = -1;
	}
	if ((!ok || ret != 0) && store_finish(st, 0) < 0)
		ret = -1;
	import_free(imp);
	return ret;
}

int store_import_end(struct store_import *imp, int ok, long *snapshot_id)
{
	return end_import(imp, ok, 1, snapshot_id);
}

int store_import_complete(struct store_import *imp, long *snapshot_id)
{
	return end_import(imp, 1, 0, snapshot_id);
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
	sqlite3_stmt *s = store_stmt(st, ST_KNOWN_SYSTEM, sql_known_system);
	if (!s) {
		st->resolver_failed = 1;
		return 0;
	}
	sqlite3_bind_int64(s, 1, snap);
	store_bind_text(s, 2, id);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_db_error(st, "cannot look a system up");
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
	sqlite3_stmt *s = store_stmt(st, ST_KNOWN_ORG, sql_known_org);
	if (!s) {
		st->resolver_failed = 1;
		return NULL;
	}
	sqlite3_bind_int64(s, 1, snap);
	store_bind_text(s, 2, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		st->org_role = store_column_dup(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_db_error(st, "cannot look an organization up");
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
	sqlite3_stmt *s = store_stmt(st, ST_SNAPSHOT_AS_OF, sql_snapshot_as_of);
	out[0] = '\0';
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, snapshot);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *t = store_column_str(s, 0);
		if (store_column_date(st, s, 0, 1) < 0) {
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
		return store_db_error(st, "cannot read a snapshot");
	return 0;
}

long store_snapshot_systems(struct store *st, long snapshot)
{
	return (long)store_query_long(st, ST_SNAPSHOT_COUNT, sql_snapshot_count, snapshot,
	                              "cannot count systems");
}

/* Drop the arena strings of rec without freeing them; keep its arrays. */
static void record_forget_strings(struct system_record *rec)
{
	rec->file = NULL;
	for (int i = 0; i < F__COUNT; i++)
		rec->value[i] = NULL;
	rec->nr_components = rec->nr_inspections = rec->nr_controls = rec->nr_waivers = 0;
}

/* Fill rec from a SYSTEM_COLUMNS row of s; *row its row. 0 or -1. */
static int record_from_row(struct store *st, sqlite3_stmt *s, unsigned children,
                           struct system_record *rec, struct arena *a, long *row)
{
	long long r;
	const char *id = store_column_str(s, 1);
	if (store_column_int_in(st, s, 0, 1, LLONG_MAX, STORE_NOT_NULL, &r) < 0 ||
	    store_column_needed(st, s, 1) < 0 || store_column_long(st, s, 4, 0, &rec->line) < 0 ||
	    store_column_needed(st, s, 6) < 0)
		return -1;
	*row = r > LONG_MAX ? LONG_MAX : (long)r;
	rec->value[F_ID] = arena_dup(a, id, strlen(id));
	const char *owner = store_column_str(s, 2), *file = store_column_str(s, 3);
	if (owner)
		rec->value[F_OWNER] = arena_dup(a, owner, strlen(owner));
	if (file)
		rec->file = arena_dup(a, file, strlen(file));
	return store_unpack_record(st, id, store_column_str(s, 5), store_column_str(s, 6), NULL,
	                           children, rec, a);
}

/* Call fn for every row s gives (bound), as records. */
static int each_record(struct store *st, sqlite3_stmt *s, unsigned children,
                       int (*fn)(void *data, const struct system_record *rec, long row),
                       void *data)
{
	struct system_record rec;
	struct arena arena = {0};
	int rc, ret = -1;
	long row;
	system_record_init(&rec);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (record_from_row(st, s, children, &rec, &arena, &row) < 0)
			goto out;
		int r = fn(data, &rec, row);
		record_forget_strings(&rec);
		arena_reset(&arena);
		if (r) {
			ret = r;
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		store_db_error(st, "cannot read a snapshot");
		goto out;
	}
	ret = 0;
out:
	sqlite3_reset(s);
	record_forget_strings(&rec);
	system_record_release(&rec);
	arena_release(&arena);
	return ret;
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
	sqlite3_stmt *s = store_stmt(st, ST_EACH_SYSTEM, sql_each_system);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, snapshot);
	return each_record(st, s, children, fn, data);
}

int store_each_kept_system(struct store *st, long snapshot,
                           int (*fn)(void *data, const struct system_record *rec, long row),
                           void *data)
{
	sqlite3_stmt *s = store_stmt(st, ST_EACH_KEPT, sql_each_kept);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, snapshot);
	return each_record(st, s, STORE_ALL_CHILDREN, fn, data);
}

/* fn for one row: the record, and whether it was there. */
struct one_row {
	int (*fn)(void *data, const struct system_record *rec, long row);
	void *data;
	int seen;
};

static int call_one(void *data, const struct system_record *rec, long row)
{
	struct one_row *o = data;
	o->seen = 1;
	return o->fn(o->data, rec, row);
}

int store_each_system_at(struct store *st, const long *rows, size_t n,
                         int (*fn)(void *data, const struct system_record *rec, long row),
                         void *data)
{
	for (size_t i = 0; i < n; i++) {
		struct one_row o = {fn, data, 0};
		sqlite3_stmt *s = store_stmt(st, ST_ONE_ROW, sql_one_row);
		if (!s)
			return -1;
		sqlite3_bind_int64(s, 1, rows[i]);
		int r = each_record(st, s, STORE_ALL_CHILDREN, call_one, &o);
		if (r)
			return r;
		if (!o.seen)
			return store_corrupt(st, "system row %ld is missing", rows[i]);
	}
	return 0;
}

/* The inspection policies of the organization at row into org. */
static int read_org_policies(struct store *st, long long row, struct organization *org)
{
	sqlite3_stmt *s = store_stmt(st, ST_ORG_POLICIES, sql_org_policies);
	int rc;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, row);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ALLOC_GROW(org->policies, org->nr_policies + 1, org->alloc_policies);
		struct inspection_policy *p = &org->policies[org->nr_policies++];
		p->level = sqlite3_column_int(s, 0);
		p->months = sqlite3_column_int(s, 1);
		p->decision = store_column_dup(s, 2);
		p->line = (long)sqlite3_column_int64(s, 3);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_db_error(st, "cannot read inspection policies");
	return 0;
}

int store_each_organization(struct store *st, long snapshot,
                            int (*fn)(void *data, const struct organization *org),
                            void *data)
{
	sqlite3_stmt *s = store_stmt(st, ST_EACH_ORG, sql_each_org);
	int rc;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, snapshot);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct organization org;
		long line;
		memset(&org, 0, sizeof(org));
		if (store_column_needed(st, s, 0) < 0 || store_column_long(st, s, 5, 0, &line) < 0) {
			sqlite3_reset(s);
			return -1;
		}
		org.id = store_column_dup(s, 0);
		org.role = store_column_dup(s, 1);
		org.parent = store_column_dup(s, 2);
		org.name = store_column_dup(s, 3);
		org.file = store_column_dup(s, 4);
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
		return store_db_error(st, "cannot read organizations");
	return 0;
}
