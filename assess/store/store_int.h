/*
 * store_int.h - what the modules of the store share (assess/store/ only):
 * the connection, its statement cache, transactions, and the checked
 * readers of values a database gives back (store.h: the file may come from
 * anyone, so every value is checked against what we write).
 */
#ifndef ASSESS_STORE_INT_H
#define ASSESS_STORE_INT_H

#include <limits.h>
#include <stddef.h>

#include <sqlite3.h>

#include "pack.h"
#include "store.h"
#include "strmap.h"

/* One slot per prepared statement of every module; the SQL is the
 * module's own (store_stmt). */
enum stmt_slot {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	/* snapshot.c */
	ST_LATEST_SNAPSHOT,
	ST_NEW_SNAPSHOT,
	ST_NEXT_ROW,
	ST_INSERT_SYSTEM,
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
	ST_EACH_KEPT,
	ST_ONE_ROW,
	ST_EACH_ORG,
	/* runstore.c */
	ST_INSERT_RUN,
	ST_INSERT_RUN_CLAUSE,
	ST_INSERT_RUN_RULESET,
	ST_INSERT_RUN_READING,
	ST_INSERT_RUN_REASON,
	ST_INSERT_RUN_ARGS,
	ST_INSERT_RUN_SYSTEM,
	ST_INSERT_RUN_REQUIREMENT,
	ST_INSERT_RUN_REQSET,
	ST_FINISH_RUN,
	ST_LATEST_RUN,
	ST_GET_RUN,
	ST_EACH_RUN,
	ST_RUN_CLAUSES,
	ST_RUN_RULESETS,
	ST_RUN_READINGS,
	ST_RUN_REASONS,
	ST_RUN_ARGS,
	ST_RUN_REQUIREMENTS,
	ST_RUN_REQSETS,
	ST_EACH_RUN_SYSTEM,
	ST_ONE_RUN_SYSTEM,
	ST_RUN_PEER,
	ST_RUN_OWNER_SYSTEMS,
	NR_STMT
};

struct store {
	sqlite3 *db;                  /* the connection */
	char *path;                   /* as given to store_open, for messages */
	sqlite3_stmt *stmt[NR_STMT];  /* prepared on first use, see store_stmt() */
	int busy;                     /* a transaction of ours is open */
	int private_db;               /* opened by store_open_private(): no WAL */
	int held_for_run;             /* store_import_complete() left its transaction open
	                               * for the run that follows */
	struct run_pack *pack;        /* store_run_system()'s packer, until store_run_end */
	struct run_cache *cache;      /* what reading the last run read once (runread.c) */
	long resolve_snapshot;        /* snapshot the resolvers answer from; -1 = latest */
	int resolver_failed;          /* a resolver hit a database error */
	char *org_role;               /* last answer of store_known_org_role */
};

/* "PATH: what: SQLite's message"; returns -1. */
int store_db_error(struct store *st, const char *what);
/* "PATH: database corrupt: ..."; returns -1. */
int store_corrupt(struct store *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The statement of slot (sql prepared on first use), reset, no bindings;
 * NULL after reporting. */
sqlite3_stmt *store_stmt(struct store *st, enum stmt_slot slot, const char *sql);
/* Step a statement that returns no row, then reset it. 0 or -1. */
int store_step_done(struct store *st, sqlite3_stmt *s, const char *what);
/* A one-integer query with an optional parameter (param < 0: none). */
long long store_query_long(struct store *st, enum stmt_slot slot, const char *sql,
                           long long param, const char *what);
/* BEGIN IMMEDIATE of our transaction / COMMIT (commit = 1) or ROLLBACK. */
int store_begin(struct store *st);
int store_finish(struct store *st, int commit);
/* sqlite3_exec with the message reported. */
int store_exec(struct store *st, const char *sql, const char *what);

/* Binding helpers: NULL text binds NULL; n == null_value binds NULL. */
void store_bind_text(sqlite3_stmt *s, int i, const char *text);
void store_bind_int_or_null(sqlite3_stmt *s, int i, long long n, long long null_value);

/* Column helpers. */
const char *store_column_str(sqlite3_stmt *s, int i);
char *store_column_dup(sqlite3_stmt *s, int i);
#define STORE_NOT_NULL LLONG_MIN
/* Column i as an integer in lo..hi, or null_value when NULL (unless
 * STORE_NOT_NULL); "database corrupt" otherwise. */
int store_column_int_in(struct store *st, sqlite3_stmt *s, int i, long long lo, long long hi,
                        long long null_value, long long *out);
int store_column_long(struct store *st, sqlite3_stmt *s, int i, long null_value, long *out);
/* A date column: NULL or a real date (also "" when empty_ok). */
int store_column_date(struct store *st, sqlite3_stmt *s, int i, int empty_ok);
/* A column we always write. */
int store_column_needed(struct store *st, sqlite3_stmt *s, int i);

/*
 * Strings bump-allocated from blocks kept between records, instead of a
 * malloc and free per field (a snapshot walk reads ~30 strings per
 * system).
 */
struct arena {
	char **blocks;
	size_t nr, alloc;
	size_t used, size;   /* of the last block */
	size_t first_size;   /* of blocks[0], kept by arena_reset */
};
char *arena_dup(struct arena *a, const char *t, size_t len);
/* Room for len bytes (not initialised). */
char *arena_alloc(struct arena *a, size_t len);
void arena_reset(struct arena *a);
void arena_release(struct arena *a);

/* A packed string value as a new string in the arena (a heap string when
 * a is NULL); NULL when its escapes are bad. */
char *pack_str_in(const struct pack_value *v, struct arena *a);

/* ---- packed records (snapshot.c) ----------------------------------------- */

/* The fact named by key (pack_value), or -1 for a name this build does
 * not know. */
int store_fact_by_name(const struct pack_value *key);
/*
 * Fill rec from a system row's packed components and record (either may
 * be NULL), strings in a (NULL: heap). only: the facts wanted (bit per
 * enum fact_id, all when 0); children: STORE_* bits. 0, or -1 after
 * reporting "database corrupt" about system id.
 */
int store_unpack_record(struct store *st, const char *id, const char *components,
                        const char *record, const unsigned long long *only, unsigned children,
                        struct system_record *rec, struct arena *a);

/* ---- runs (runstore.c, runread.c) ------------------------------------- */

/* Free what a catalogue row owns. */
void run_requirement_release(struct run_requirement *r);
/* Write what p gathered (reasons, arguments, requirement sets and
 * catalogue rows) as rows of run. */
int store_run_write_pack(struct store *st, long run, const struct run_pack *p);
/* Forget what was read of the last run (a run is being written). */
void store_run_cache_drop(struct store *st);

/* ---- migration 7 (migrate.c) ------------------------------------------- */

/* Is the file ours and as we made it; migrate it; harden the connection
 * (migrate.c). */
int store_check_identity(struct store *st);
int store_migrate(struct store *st);
int store_harden(struct store *st);
/* Migration 7's data: the tables of schema 6 into packed rows (convert.c). */
int store_convert_6(struct store *st);

#endif
