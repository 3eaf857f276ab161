/*
 * store.h - the SQLite database: immutable inventory snapshots and runs.
 *
 * Every run can be explained later from the facts it used, so nothing is
 * ever updated in place:
 *   - an import inserts new system and organization rows and a new snapshot
 *     whose membership is those rows plus the previous snapshot's rows of the
 *     owners this import does not cover (so 34 provinces can import one by
 *     one into one database and each keeps the others' systems);
 *   - a run belongs to one snapshot and stores one row per system verdict,
 *     pointing at the exact system row it classified.
 *
 * One transaction per import and per run: on any failure the database is
 * exactly as before. Statements are prepared once per connection and reused;
 * every value is a bound parameter.
 *
 * Schema (migration 1; PRAGMA user_version counts applied migrations):
 *   snapshots(id, created, as_of, files, systems)
 *   systems(row, snapshot, id, file, line, <one TEXT column per fact of
 *           facts.h, named by fact_def()->column; NULL = unknown>)
 *   components/inspections/controls/waivers(system_row, pos, ...)
 *   organizations(row, snapshot, id, role, parent, name, file, line)
 *   snapshot_systems(snapshot, system_row), snapshot_organizations(snapshot, org_row)
 *   runs(...), run_clauses(run, pos, clause_id, level),
 *   run_systems(run, system_id, system_row, ...), run_findings(run, system_id, pos, ...)
 * (systems.snapshot and organizations.snapshot name the import that
 * created the row; membership is in the snapshot_* tables.)
 * Later migrations: 2 run_findings.args (a finding as its sentence and
 * facts); 3 run_systems.readings (the readings the held clauses rest on);
 * 4 org_policies (an owner's cadences) and each system's inspection state;
 * 5 systems.project_started, run_rulesets (the rule sets of a run, each
 * with its digest), run_readings, each clause's rule set, article and texts,
 * and each system's rule set with the reason it applies; 6 the catalogue
 * kind of a run's rule set and each system's hosting separation.
 *
 * Functions return 0 on success and -1 on failure after reporting it once
 * (util.h), unless their comment says otherwise. One struct store is one
 * connection and is not reentrant: do not call the store from inside a
 * store_each_* callback except store_run_system() and the resolvers.
 */
#ifndef ASSESS_STORE_H
#define ASSESS_STORE_H

#include <stddef.h>

#include "facts.h"
#include "run.h"

struct store;

/* The schema version this build writes (number of migrations). */
int store_schema_version(void);

/*
 * Open (creating if needed) the database at path and migrate it to the
 * latest schema, one transaction per migration step. ":memory:" gives a
 * private in-memory database (tests). The file may come from anyone: it is
 * opened in SQLite's defensive mode with triggers, views and an untrusted
 * schema's functions off, and before anything is written it must be ours:
 * a file with another application id is refused unless it has no schema
 * object (a new or empty file becomes ours); a schema version below 0 is
 * "database corrupt", one above store_schema_version() is from a newer
 * assess; and the schema must be exactly what our migrations make at that
 * version (an added trigger, view, index, table or column is refused as
 * "database corrupt"). Every reader below checks each value it reads
 * against what this program writes (levels 1..5, counts >= 0, dates,
 * outcome letters, severities, a deciding clause of the run ...) and
 * reports any other as "PATH: database corrupt: ..." (-1), never trusting
 * it as an index. The database and its companion files are protected from
 * being replaced by an output file (output_path_protect). On success *out
 * is a new store the caller frees with store_close(). A store belongs to
 * one thread at a time: the connection is opened without SQLite's per-call
 * mutex.
 */
int store_open(const char *path, struct store **out);
/*
 * Finalize every statement and close the connection; accepts NULL (0).
 * Returns -1 after reporting when SQLite refuses to close. Closing the last
 * connection checkpoints the WAL into the database file when it can; when
 * it cannot (a full disk), the WAL keeps the committed transactions and
 * must not be removed (the next opener replays it).
 */
int store_close(struct store *st);
/*
 * Copy every committed transaction from the WAL into the database file and
 * empty the WAL (a TRUNCATE checkpoint; the file is synced), so that the
 * database file alone holds everything: what a private new database needs
 * before it is published (import.h). Needs no other connection open.
 * 0, or -1 after reporting (a full disk: SQLITE_FULL).
 */
int store_checkpoint(struct store *st);
/*
 * The path st was opened with (borrowed, valid until store_close), for a
 * second connection to the same database on another thread: with WAL, a
 * reader there sees what this one has committed. ":memory:" names a private
 * database that no second connection can reach.
 */
const char *store_path(const struct store *st);

/* ---- import ------------------------------------------------------------ */

struct store_import;

/*
 * Start an import: BEGIN IMMEDIATE, and a new snapshot id. The previous
 * snapshot (the latest one) is the base the new one keeps systems from.
 * Only one import or run may be open on a store at a time.
 */
int store_import_begin(struct store *st, struct store_import **out);
/* Record that file (as-of date as_of, may be NULL) is part of the import. */
int store_import_file(struct store_import *imp, const char *file, const char *as_of);
/* Store one organization / one system with all its children, in order. */
int store_import_organization(struct store_import *imp, const struct organization *org);
int store_import_system(struct store_import *imp, const struct system_record *rec);
/* Number of systems stored so far by this import. */
long store_import_count(const struct store_import *imp);
/*
 * Finish the import and free imp (accepts NULL: returns -1).
 * ok=0: ROLLBACK; returns 0 (nothing stored), *snapshot_id = 0.
 * ok=1: builds the membership of the new snapshot:
 *   - every system and organization this import stored;
 *   - the base snapshot's systems whose owner is not covered by this import
 *     (an owner is covered when one of its systems is imported, or when an
 *     imported organization with role "owner" has its id: a file that
 *     defines an owner is that owner's whole inventory, even when it now
 *     lists no system);
 *   - the base snapshot's organizations whose id is not redefined.
 * A system id that is both imported and kept (or imported twice) is an
 * input problem, reported with error_at() at the imported system; so is,
 * over the new snapshot's membership, a component that is no member (a
 * system the import leaves out that a kept or imported system still uses:
 * at that component, or for a kept user at the file that covers the left
 * out system's owner) and a component cycle (one that kept systems close
 * with imported ones: at an imported reference of it). The
 * snapshot's as_of is the latest as-of of its files (and of the base
 * snapshot when it keeps any of the base's systems).
 * Returns 0 after COMMIT (*snapshot_id = the new snapshot), 1 when the input
 * was rejected, -1 on a runtime failure; in both failure cases the
 * transaction was rolled back and *snapshot_id = 0.
 */
int store_import_end(struct store_import *imp, int ok, long *snapshot_id);

/*
 * Resolvers for the inventory checker (inventory_checker_set_resolver), with
 * st as data. They answer from the latest snapshot committed before the
 * import that is open (or the latest snapshot when none is open), so an
 * inventory can refer to systems and organizations of other owners already
 * in the database. store_known_system returns 1 or 0; store_known_org_role
 * returns the organization's role (borrowed, valid until the next call) or
 * NULL. A database failure inside a resolver is reported and makes the
 * open import fail at store_import_end().
 */
int store_known_system(void *st, const char *id);
const char *store_known_org_role(void *st, const char *id);

/* ---- snapshots --------------------------------------------------------- */

/* The latest snapshot id, 0 when there is none (or on failure, reported). */
long store_latest_snapshot(struct store *st);
/* The snapshot's as-of date into out ("" when unknown). -1 when there is no
 * such snapshot. */
int store_snapshot_as_of(struct store *st, long snapshot, char out[11]);
/* Number of systems in a snapshot, or -1. */
long store_snapshot_systems(struct store *st, long snapshot);

/*
 * Call fn for every system of the snapshot, in row order (import order), with
 * a complete record (facts, file, line, components, inspections, controls,
 * waivers, children in their inventory order) and its system row. The
 * record is valid during the call only. Memory stays flat: one record at a
 * time, children read by cursors that advance in step with the systems.
 * fn returns 0 to go on, anything else stops the walk and is returned.
 */
int store_each_system(struct store *st, long snapshot,
                      int (*fn)(void *data, const struct system_record *rec, long row),
                      void *data);
/* The children store_each_system_part reads (bits; the enum order of
 * store.c's child cursors). */
#define STORE_COMPONENTS   1u
#define STORE_INSPECTIONS  2u
#define STORE_CONTROLS     4u
#define STORE_WAIVERS      8u
#define STORE_ALL_CHILDREN 15u
/* store_each_system reading only the children given by the bits of
 * `children` (a pass that needs no controls need not read them); the other
 * lists of the record are empty. */
int store_each_system_part(struct store *st, long snapshot, unsigned children,
                           int (*fn)(void *data, const struct system_record *rec, long row),
                           void *data);
/* Call fn for every organization of the snapshot, in row order; the same
 * rules as store_each_system. */
int store_each_organization(struct store *st, long snapshot,
                            int (*fn)(void *data, const struct organization *org),
                            void *data);

/* ---- runs -------------------------------------------------------------- */

/* A run's header. Strings are borrowed (see each function). */
struct run_info {
	long id;                    /* run id (set by store_run_begin) */
	long snapshot;              /* the snapshot classified */
	const char *rules;          /* the run's rule set: the one asked for, or in force
	                             * on the date ("ND85"); systems may be assessed under
	                             * others (run_ruleset) */
	const char *rules_requested;/* "auto" or the id given with --rules; NULL before schema 5 */
	const char *rules_title_vi; /* rule-set title, Vietnamese */
	const char *rules_title_en; /* rule-set title, English */
	const char *rules_file;     /* the rule-set file read */
	const char *rules_digest;   /* digest of that file */
	const char *date;           /* the date the run assessed (YYYY-MM-DD) */
	const char *as_of;          /* the snapshot's as-of */
	const char *generated;      /* when the run was made (ISO timestamp) */
	const char *tool_version;   /* assess version that made it */
	long systems;               /* systems classified */
	long undetermined;          /* of which undetermined */
	long critical, warning, info; /* findings per severity */
};

/* One rule set of a run (the run's own first). */
struct run_ruleset {
	char *rules;             /* id, "ND85" */
	char *version;           /* the file's version attribute */
	char *title_vi, *title_en;
	char *file;              /* the file it was read from */
	char *digest;            /* SHA-256 of that file */
	char *catalogue;         /* the requirement catalogue it used, or NULL */
	char *catalogue_digest;  /* its SHA-256, or NULL */
	char *catalogue_kind;    /* "native" | "mapped-by-level", or NULL */
	long systems;            /* systems it decided */
};
/* Free an array of n rule sets read by store_run_rulesets(); accepts NULL. */
void run_rulesets_free(struct run_ruleset *sets, size_t n);

/* One clause of a run's rule sets, in the order of the rule sets, each in
 * file order. A run stores what its documents show of a clause. */
struct run_clause {
	char *id;          /* clause id, "ND85-9.2c" */
	int level;         /* the level the clause gives; 0 when level_from */
	char *rules;       /* its rule set */
	char *level_from;  /* the fact the level comes from, or NULL */
	char *article;     /* the article it codes ("ND85 9.2c"), or NULL */
	char *ref, *ref_en;/* the article for people, Vietnamese / English */
	char *text_vi, *text_en; /* our summary (NULL in runs before schema 5) */
	char *readings;    /* ids of the readings it may rest on, space-separated */
};
/* A reading of a run's rule set (criteria.h). */
struct run_reading {
	char *rules;       /* its rule set */
	char *id;          /* "shared-platform" */
	char *text_vi, *text_en;
};

/*
 * Start a run: BEGIN IMMEDIATE, insert the run header (counts from info, may
 * be 0 and set at store_run_end), its rule sets, their clauses in order and
 * their readings; sets info->id. Everything is copied.
 */
int store_run_begin(struct store *st, struct run_info *info, const struct run_ruleset *sets,
                    size_t nr_sets, const struct run_clause *clauses, size_t nr_clauses,
                    const struct run_reading *readings, size_t nr_readings);
/*
 * Store one verdict of the open run: one run_systems row and its findings.
 * res->deciding_clause indexes the clauses given to store_run_begin;
 * res->outcomes are stored as one character per clause ('y', 'n', '?', and
 * '-' for OUTCOME_NOT_ASKED: a clause of another rule set of the run).
 * A finding with args is stored as its args (a tenth of its two texts);
 * one without, as its texts. system_row is the row store_each_system gave
 * for the system.
 */
int store_run_system(struct store *st, long run, const struct system_result *res,
                     long system_row);
/* ok=1: store info's counts and COMMIT; ok=0: ROLLBACK (returns 0). */
int store_run_end(struct store *st, struct run_info *info, int ok);

/* The latest run id, 0 when none (or on failure, reported). */
long store_latest_run(struct store *st);
/*
 * Read run's header into *out. Its strings live in one block returned in
 * *strings_to_free, which the caller releases with free() (NULL strings stay
 * NULL). -1 with a message when there is no such run.
 */
int store_get_run(struct store *st, long run, struct run_info *out,
                  char **strings_to_free);
/* Call fn for every run in id order (`assess runs`); info and its strings
 * are valid during the call only. fn returns 0 to go on. */
int store_each_run(struct store *st, int (*fn)(void *data, const struct run_info *info),
                   void *data);

/* The run's clauses into a new array *out of *nr entries; free it with
 * run_clauses_free(). A run before schema 5 has its own rule set's clauses
 * only, with id, level and rules. */
int store_run_clauses(struct store *st, long run, struct run_clause **out, size_t *nr);
void run_clauses_free(struct run_clause *clauses, size_t nr);
/* The run's rule sets (its own first) into a new array; a run before schema
 * 5 has one, from its header. Free with run_rulesets_free(). */
int store_run_rulesets(struct store *st, long run, struct run_ruleset **out, size_t *nr);
/* The run's readings; none for a run before schema 5. Free with
 * run_readings_free(). */
int store_run_readings(struct store *st, long run, struct run_reading **out, size_t *nr);
void run_readings_free(struct run_reading *readings, size_t nr);

/*
 * Read a run back (`assess results`, `explain`, `diff`): call fn for every
 * system of the run in system id order (bytewise), or only for system only_id
 * when it is not NULL. res is the stored verdict with its findings in order,
 * deciding_clause mapped back to an index into store_run_clauses() (-1 when
 * none), outcomes decoded to enum tri, each finding with both texts (made
 * from its args, or as stored by a run of schema 1); rec holds the facts of the exact
 * system row the run classified (scalars, file and line: name, owner,
 * operator, status, type ...; and its children: components, inspections,
 * controls, waivers, in inventory order). Both are valid during the call
 * only. Two runs walked side by side give `assess diff` a merge in id order.
 * fn returns 0 to go on, anything else stops the walk and is returned.
 * Returns 0 (also when only_id is not in the run: fn is simply not called).
 */
int store_each_run_system(struct store *st, long run, const char *only_id,
                          int (*fn)(void *data, const struct system_result *res,
                                    const struct system_record *rec),
                          void *data);
/* The texts of the findings (bit for store_each_run_system_part). */
#define STORE_FINDING_TEXTS 16u
/* store_each_run_system reading only the record's children given by the
 * STORE_* child bits of `parts` (the other lists are empty) and, without
 * STORE_FINDING_TEXTS, the findings' codes and severities but empty texts:
 * a pass that counts need not read them. */
int store_each_run_system_part(struct store *st, long run, const char *only_id, unsigned parts,
                               int (*fn)(void *data, const struct system_result *res,
                                         const struct system_record *rec),
                               void *data);

#endif
