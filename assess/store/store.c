/*
 * store.c - the connection: open, close, checkpoint, the statement cache,
 * transactions, and the checked readers of values (store_int.h) that the
 * other modules of the store share. The schema and its migrations are in
 * migrate.c, snapshots in snapshot.c, runs in runstore.c and totals.c, the
 * packed text in pack.c.
 */
#include "store_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

int store_db_error(struct store *st, const char *what)
{
	return error("%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

int store_corrupt(struct store *st, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return error("%s: database corrupt: %s", st->path, msg);
}

sqlite3_stmt *store_stmt(struct store *st, enum stmt_slot slot, const char *sql)
{
	sqlite3_stmt *s = st->stmt[slot];
	if (!s) {
		if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->stmt[slot],
		                       NULL) != SQLITE_OK) {
			store_db_error(st, "cannot prepare statement");
			return NULL;
		}
		return st->stmt[slot];
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

int store_step_done(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_db_error(st, what);
	return 0;
}

long long store_query_long(struct store *st, enum stmt_slot slot, const char *sql,
                           long long param, const char *what)
{
	sqlite3_stmt *s = store_stmt(st, slot, sql);
	if (!s)
		return -1;
	if (param >= 0)
		sqlite3_bind_int64(s, 1, param);
	int rc = sqlite3_step(s);
	long long v = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_db_error(st, what);
	return v;
}

int store_exec(struct store *st, const char *sql, const char *what)
{
	char *msg = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		error("%s: %s: %s", st->path, what, msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int exec_slot(struct store *st, enum stmt_slot slot, const char *sql)
{
	sqlite3_stmt *s = store_stmt(st, slot, sql);
	if (!s)
		return -1;
	return store_step_done(st, s, sql);
}

int store_begin(struct store *st)
{
	if (st->busy)
		return error("%s: an import or a run is already open", st->path);
	if (exec_slot(st, ST_BEGIN, "BEGIN IMMEDIATE") < 0)
		return -1;
	st->busy = 1;
	return 0;
}

int store_finish(struct store *st, int commit)
{
	int ret = 0;
	if (commit)
		ret = exec_slot(st, ST_COMMIT, "COMMIT");
	if (!commit || ret < 0) {
		if (sqlite3_get_autocommit(st->db) == 0 && exec_slot(st, ST_ROLLBACK, "ROLLBACK") < 0)
			ret = -1;
	}
	st->busy = 0;
	return ret;
}

int store_rollback(struct store *st)
{
	st->held_for_run = 0;
	if (!st->busy)
		return 0;
	return store_finish(st, 0);
}

void store_bind_text(sqlite3_stmt *s, int i, const char *text)
{
	if (text)
		sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

void store_bind_int_or_null(sqlite3_stmt *s, int i, long long n, long long null_value)
{
	if (n == null_value)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int64(s, i, n);
}

const char *store_column_str(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

char *store_column_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? xstrdup((const char *)t) : NULL;
}

/* "table.column" of result column i, for messages (into buf). */
static const char *column_label(sqlite3_stmt *s, int i, char *buf, size_t size)
{
	const char *table = sqlite3_column_table_name(s, i);
	const char *column = sqlite3_column_origin_name(s, i);
	snprintf(buf, size, "%s%s%s", table ? table : "", table ? "." : "",
	         column ? column : sqlite3_column_name(s, i));
	return buf;
}

int store_column_int_in(struct store *st, sqlite3_stmt *s, int i, long long lo, long long hi,
                        long long null_value, long long *out)
{
	char label[96];
	int type = sqlite3_column_type(s, i);
	if (type == SQLITE_NULL && null_value != STORE_NOT_NULL) {
		*out = null_value;
		return 0;
	}
	if (type != SQLITE_INTEGER)
		return store_corrupt(st, "%s is not a number", column_label(s, i, label, sizeof(label)));
	long long v = sqlite3_column_int64(s, i);
	if (v >= lo && v <= hi) {
		*out = v;
		return 0;
	}
	if (hi >= INT_MAX)
		return store_corrupt(st, "%s is %lld (expected %lld or more)",
		                     column_label(s, i, label, sizeof(label)), v, lo);
	return store_corrupt(st, "%s is %lld (expected %lld to %lld)",
	                     column_label(s, i, label, sizeof(label)), v, lo, hi);
}

int store_column_long(struct store *st, sqlite3_stmt *s, int i, long null_value, long *out)
{
	long long v;
	if (store_column_int_in(st, s, i, 0, LONG_MAX, null_value, &v) < 0)
		return -1;
	*out = (long)v;
	return 0;
}

int store_column_date(struct store *st, sqlite3_stmt *s, int i, int empty_ok)
{
	char label[96];
	const char *t = store_column_str(s, i);
	if (!t || is_iso_date(t) || (empty_ok && !*t))
		return 0;
	return store_corrupt(st, "%s is '%.40s', not a date",
	                     column_label(s, i, label, sizeof(label)), t);
}

int store_column_needed(struct store *st, sqlite3_stmt *s, int i)
{
	char label[96];
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return store_corrupt(st, "%s is empty", column_label(s, i, label, sizeof(label)));
	return 0;
}

/* ---- arenas ------------------------------------------------------------- */

#define ARENA_BLOCK 16384

char *arena_alloc(struct arena *a, size_t len)
{
	if (!a->nr || a->size - a->used < len) {
		size_t size = len > ARENA_BLOCK ? len : ARENA_BLOCK;
		ALLOC_GROW(a->blocks, a->nr + 1, a->alloc);
		a->blocks[a->nr++] = xmalloc(size);
		if (a->nr == 1)
			a->first_size = size;
		a->size = size;
		a->used = 0;
	}
	char *p = a->blocks[a->nr - 1] + a->used;
	a->used += len;
	return p;
}

char *arena_dup(struct arena *a, const char *t, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	memcpy(p, t, len);
	p[len] = '\0';
	return p;
}

void arena_reset(struct arena *a)
{
	for (size_t i = 1; i < a->nr; i++)
		free(a->blocks[i]);
	if (a->nr > 1)
		a->nr = 1;
	a->used = 0;
	a->size = a->first_size;
}

void arena_release(struct arena *a)
{
	for (size_t i = 0; i < a->nr; i++)
		free(a->blocks[i]);
	free(a->blocks);
	memset(a, 0, sizeof(*a));
}

char *pack_str_in(const struct pack_value *v, struct arena *a)
{
	if (v->type != PACK_STRING)
		return NULL;
	if (!a)
		return pack_dup(v);
	char *s = arena_alloc(a, v->len + 1);
	return pack_copy(v, s) < 0 ? NULL : s;
}

/* ---- open, close ------------------------------------------------------- */

static int open_db(const char *path, int private_db, struct store **out)
{
	struct store *st = xcalloc(1, sizeof(*st));
	*out = NULL;
	st->path = xstrdup(path);
	st->resolve_snapshot = -1;
	st->private_db = private_db;
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
	int rc = sqlite3_open_v2(path, &st->db,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	                         NULL);
	if (rc != SQLITE_OK) {
		/* no handle at all, or SQLITE_NOMEM: SQLite found no memory, which
		 * stops the process as our own allocations do (util.h) */
		if (!st->db || (rc & 0xff) == SQLITE_NOMEM)
			die_oom(0);
		if (st->db)
			store_db_error(st, "cannot open the database");
		else
			error("%s: cannot open the database", path);
		store_close(st);
		return -1;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 5000);
	/* nothing is written (not even the journal mode) before the file is
	 * known to be ours; the migrations run without foreign key checks
	 * (migration 7 replaces tables that others refer to) */
	const char *journal = private_db ? "PRAGMA journal_mode = MEMORY" : "PRAGMA journal_mode = WAL";
	const char *sync = private_db ? "PRAGMA synchronous = OFF" : "PRAGMA synchronous = NORMAL";
	if (store_harden(st) < 0 || store_check_identity(st) < 0 ||
	    store_exec(st, journal, "cannot open the database") < 0 ||
	    store_exec(st, sync, "cannot open the database") < 0 || store_migrate(st) < 0 ||
	    store_exec(st, "PRAGMA foreign_keys = ON", "cannot open the database") < 0) {
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

int store_open(const char *path, struct store **out)
{
	return open_db(path, 0, out);
}

int store_open_private(const char *path, struct store **out)
{
	return open_db(path, 1, out);
}

int store_checkpoint(struct store *st)
{
	int nlog = -1, ncopied = -1;
	if (st->private_db)
		return 0;
	int rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &nlog,
	                                   &ncopied);
	if (rc != SQLITE_OK)
		return store_db_error(st, "cannot write the database file (checkpoint)");
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
	st->held_for_run = 0;
	if (st->db && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	if (st->db && sqlite3_close(st->db) != SQLITE_OK) {
		ret = store_db_error(st, "cannot close the database");
		sqlite3_close_v2(st->db); /* closes once the rest is finalized */
	}
	store_run_cache_drop(st);
	run_pack_free(st->pack);
	free(st->org_role);
	free(st->path);
	free(st);
	return ret;
}

const char *store_path(const struct store *st)
{
	return st ? st->path : NULL;
}
