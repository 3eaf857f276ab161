/*
 * store.h - the SQLite database: immutable inventory snapshots and runs
 * that stand alone.
 *
 * Every run can be explained later from what it stored, so nothing is ever
 * updated in place:
 *   - an import inserts new system and organization rows and a new snapshot
 *     whose membership is those rows plus the previous snapshot's rows of the
 *     owners this import does not cover (so 34 provinces can import one by
 *     one into one database and each keeps the others' systems);
 *   - a run belongs to one snapshot and stores everything its documents
 *     show: its rule sets (ids, digests, titles), their clauses (references,
 *     articles, texts, readings, the conditions as explain prints them), the
 *     requirement catalogue rows it used, and per system the verdict,
 *     inspection state and dates, the requirement rows that applied with
 *     their status, the findings as codes with their arguments, and the
 *     run's totals (per level, owner, operator, finding code, with sample
 *     ids). Reading a run needs this store only, never the criteria.
 *
 * A system's facts and children, a run's verdict on a system and a run's
 * totals are stored as JSON objects keyed by name (pack.h): one row per
 * system per table, readable with SQLite's json functions.
 *
 * Schema 7 (PRAGMA user_version counts applied migrations; migrations 1-6
 * made the tables of earlier versions, which migration 7 converts):
 *   snapshots(id, created, as_of, files, systems)
 *   systems(row, snapshot, id, owner, file, line, components, record)
 *     components: [{"ref","line"}...] or NULL; record: {"facts":{NAME:
 *     value...}, "inspections":[...], "controls":[...], "waivers":[...]}
 *   organizations(row, snapshot, id, role, parent, name, file, line),
 *   org_policies(org_row, pos, level, months, decision, line)
 *   snapshot_systems(snapshot, system_row), snapshot_organizations(snapshot, org_row)
 *   runs(id, snapshot, rules ..., systems, undetermined, critical, warning,
 *        info, rules_requested, totals, not_stored)
 *   run_rulesets(run, pos, rules, version, titles, file, digest, catalogue ...)
 *   run_clauses(run, pos, clause_id, level, rules, level_from, article, ref,
 *               ref_en, text_vi, text_en, readings, condition)
 *   run_readings(run, rules, id, texts), run_reasons(run, id, texts),
 *   run_args(run, id, args): what many systems of a run share, once
 *   run_requirements(run, catalogue, pos, id, grp, label_vi, label_en, levels)
 *   run_reqsets(run, id, catalogue, level, rows): the applicable requirement
 *     rows that systems share
 *   run_systems(run, system_id, system_row, verdict)
 * systems.snapshot and organizations.snapshot name the import that created
 * the row; membership is in the snapshot_* tables. Runs made before schema
 * 7 are converted; what they never stored (clause texts before schema 5,
 * inspection state before schema 4, requirement rows, conditions and
 * totals before schema 7) is named in runs.not_stored and stays absent:
 * it is never made up from the criteria of today.
 *
 * Functions return 0 on success and -1 on failure after reporting it once
 * (util.h), unless their comment says otherwise. One struct store is one
 * connection, used by one thread at a time (it is opened without SQLite's
 * per-call mutex): do not call the store from inside a store_each_*
 * callback except where a comment allows it.
 */
#ifndef ASSESS_STORE_H
#define ASSESS_STORE_H

#include <stddef.h>

#include "facts.h"
#include "run.h"

struct store;
struct strbuf;

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
 * outcome letters, severities, packed texts as pack.h writes them ...) and
 * reports any other as "PATH: database corrupt: ..." (-1), never trusting
 * it as an index. The database and its companion files are protected from
 * being replaced by an output file (output_path_protect). On success *out
 * is a new store the caller frees with store_close().
 */
int store_open(const char *path, struct store **out);
/*
 * store_open() for a new private database that nobody else can see yet
 * (import.h): its journal is kept in memory and nothing is synced, which
 * halves what a large import writes; the file is complete once the last
 * transaction committed and store_close() succeeded, and the publisher
 * syncs it. Never for a database that may hold committed data.
 */
int store_open_private(const char *path, struct store **out);
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
 * database file alone holds everything. A private database has no WAL: 0.
 * 0, or -1 after reporting (a full disk: SQLITE_FULL).
 */
int store_checkpoint(struct store *st);
/* The path st was opened with (borrowed, valid until store_close). */
const char *store_path(const struct store *st);

/* ---- import ------------------------------------------------------------ */

struct store_import;

/*
 * Start an import: BEGIN IMMEDIATE, and a new snapshot id. The previous
 * snapshot (the latest one) is the base the new one keeps systems from.
 * Only one import or run may be open on a store at a time.
 */
int store_import_begin(struct store *st, struct store_import **out);
/* The new snapshot's id; the base snapshot's (0 when none). */
long store_import_snapshot(const struct store_import *imp);
long store_import_base(const struct store_import *imp);
/* Record that file (as-of date as_of, may be NULL) is part of the import. */
int store_import_file(struct store_import *imp, const char *file, const char *as_of);
/* The latest as-of date of the files so far ("" when none; borrowed). */
const char *store_import_as_of(const struct store_import *imp);
/* Store one organization with its inspection policies. */
int store_import_organization(struct store_import *imp, const struct organization *org);

/* One system as stored: its row and the packed texts (store_pack_system). */
struct store_system_row {
	long row;                 /* store_import_next_row() when it was packed */
	const char *id, *owner, *file;
	long line;
	const char *components;   /* packed, or NULL when it has none */
	const char *record;       /* packed facts and other children */
};
/*
 * The row the next system packed will get. Rows are handed out in order by
 * the producer of an import (which may pack on one thread while
 * store_import_row() writes on another: only this counter is shared, and
 * it is the producer's).
 */
long store_import_next_row(struct store_import *imp);
/* Pack rec's components (NULL-free text, "" when none) and the rest of its
 * record into the two buffers (appended). Pure: any thread. */
void store_pack_system(const struct system_record *rec, struct strbuf *components,
                       struct strbuf *record);
/* Write one packed system (the thread that owns the store). */
int store_import_row(struct store_import *imp, const struct store_system_row *row);
/* store_pack_system + store_import_row with the next row, in one call. */
int store_import_system(struct store_import *imp, const struct system_record *rec);
/* Number of systems written so far by this import. */
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
 * store_import_end(imp, 1, ...) without the COMMIT: the snapshot is
 * complete and the transaction stays open for the run that follows
 * (review: snapshot and run are committed together by store_run_end). On
 * 1 or -1 the transaction was rolled back, as with store_import_end.
 */
int store_import_complete(struct store_import *imp, long *snapshot_id);
/* Roll back the transaction of ours that is open (an import completed
 * for a run that will not be made); 0 when none is. */
int store_rollback(struct store *st);
/* Systems of snapshot kept from an earlier one (not written by its own
 * import), as store_each_system gives them. */
int store_each_kept_system(struct store *st, long snapshot,
                           int (*fn)(void *data, const struct system_record *rec, long row),
                           void *data);

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

/* The children a walk reads (bits). */
#define STORE_COMPONENTS   1u
#define STORE_INSPECTIONS  2u
#define STORE_CONTROLS     4u
#define STORE_WAIVERS      8u
#define STORE_ALL_CHILDREN 15u

/*
 * Call fn for every system of the snapshot, in row order (import order), with
 * a complete record (facts, file, line, components, inspections, controls,
 * waivers, children in their inventory order) and its system row. The
 * record is valid during the call only; memory stays flat.
 * fn returns 0 to go on, anything else stops the walk and is returned.
 */
int store_each_system(struct store *st, long snapshot,
                      int (*fn)(void *data, const struct system_record *rec, long row),
                      void *data);
/* store_each_system reading only the children given by the bits of
 * `children` (the other lists of the record are empty). */
int store_each_system_part(struct store *st, long snapshot, unsigned children,
                           int (*fn)(void *data, const struct system_record *rec, long row),
                           void *data);
/* The systems at rows[0..n), in that order, as store_each_system gives
 * them (a row that is not there is "database corrupt"). */
int store_each_system_at(struct store *st, const long *rows, size_t n,
                         int (*fn)(void *data, const struct system_record *rec, long row),
                         void *data);
/* Call fn for every organization of the snapshot, in row order; the same
 * rules as store_each_system. */
int store_each_organization(struct store *st, long snapshot,
                            int (*fn)(void *data, const struct organization *org),
                            void *data);

/* ---- what a run stores -------------------------------------------------- */

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
	const char *not_stored;     /* what the run did not store (a run made before
	                             * schema 7), space-separated: "clause-texts"
	                             * "inspection" "requirement-rows" "conditions"; or NULL */
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
 * file order (a rule set's clauses are together). */
struct run_clause {
	char *id;          /* clause id, "ND85-9.2c" */
	int level;         /* the level the clause gives; 0 when level_from */
	char *rules;       /* its rule set */
	char *level_from;  /* the fact the level comes from, or NULL */
	char *article;     /* the article it codes ("ND85 9.2c"), or NULL */
	char *ref, *ref_en;/* the article for people, Vietnamese / English */
	char *text_vi, *text_en; /* our summary (NULL in runs before schema 5) */
	char *readings;    /* ids of the readings it may rest on, space-separated */
	char *condition;   /* its condition as explain prints it (criteria.h
	                    * condition_format); NULL in runs before schema 7 */
};
/* A reading of a run's rule set (criteria.h). */
struct run_reading {
	char *rules;       /* its rule set */
	char *id;          /* "shared-platform" */
	char *text_vi, *text_en;
};

/* One row of a requirement catalogue as a run used it (requirements.h). */
struct run_requirement {
	char *id;                  /* "M.POL.1" */
	char *group;               /* "management" | "design" | "technical" */
	char *label_vi, *label_en;
	struct {
		int present;           /* 1 when the requirement exists at the level */
		char *tcvn, *article, *note; /* or NULL */
	} at[6];                   /* by level 1..5 */
};

/* A requirement row of one system: what applied and its status. */
struct run_req_row {
	int pos;                   /* the row of its catalogue */
	int condition_unknown;     /* it applies because a condition was unknown */
	int product;               /* enum tri of the product part, or -1 */
	const char *status;        /* requirements.h status name */
	const char *due;           /* or NULL */
};

/* A requirement row of a stored system, as a reader gives it. */
struct run_req_view {
	const struct run_requirement *req; /* the catalogue row */
	int level;                         /* the level it applied at */
	const char *status, *due;
	int condition_unknown, product;
};

/* ---- writing a run ------------------------------------------------------ */

/*
 * What a run stores once however many systems share it (the reasons their
 * rule sets apply, long finding arguments, sets of requirement rows,
 * catalogue rows), gathered while verdicts are packed and written by
 * store_run_end(). The packing is pure, so a producer thread may pack
 * while another writes rows: a pack belongs to the producer.
 */
struct run_pack;
struct run_pack *run_pack_new(void);
void run_pack_free(struct run_pack *p);
/* Register catalogue number cat (1.., the run's numbering) with its rows;
 * copied. 0, or -1 when cat is already registered. */
int run_pack_catalogue(struct run_pack *p, int cat, const struct run_requirement *rows,
                       size_t n);
/*
 * Pack res into out (appended): its own rule set's outcomes (res->outcomes
 * over that rule set's clauses only; the deciding clause by id), the
 * inspection state, the findings as codes and arguments, and, when cat > 0,
 * the requirement rows rows[0..nr) that applied at level under catalogue
 * cat (the set they form is stored once per run). clause_ids names the
 * clauses of res->outcomes.
 */
void run_pack_verdict(struct run_pack *p, const struct system_result *res,
                      const char *const *clause_ids, int cat, int level,
                      const struct run_req_row *rows, size_t nr, struct strbuf *out);

/*
 * Start a run: BEGIN IMMEDIATE (unless an import of this store completed
 * with store_import_complete() holds the transaction: the run joins it)
 * and insert the run's header (counts 0); sets info->id.
 */
int store_run_begin(struct store *st, struct run_info *info);
/* Write one packed verdict of the open run. system_row is the system's row
 * in the snapshot (0: none). */
int store_run_row(struct store *st, long run, const char *system_id, long system_row,
                  const char *verdict);
/* What store_run_end stores of the run's rule sets: everything copied. */
struct run_sets_desc {
	const struct run_ruleset *sets;
	size_t nr_sets;
	const struct run_clause *clauses;
	size_t nr_clauses;
	const struct run_reading *readings;
	size_t nr_readings;
};
/*
 * Finish the run. ok=1: store its rule sets, clauses and readings (desc),
 * what p gathered, its totals (packed, run_summary_pack, or NULL) and
 * info's counts, then COMMIT; ok=0: ROLLBACK (returns 0). p may be NULL.
 */
int store_run_end(struct store *st, struct run_info *info, int ok, const struct run_sets_desc *desc,
                  const struct run_pack *p, const char *totals);
/* Store one verdict now (a test's run): run_pack_verdict without
 * requirement rows into store_run_row; the pack is kept by the store until
 * store_run_end(.., p = NULL). */
int store_run_system(struct store *st, long run, const struct system_result *res,
                     const char *const *clause_ids, long system_row);

/* ---- reading runs ------------------------------------------------------ */

/* The latest run id, 0 when none (or on failure, reported). */
long store_latest_run(struct store *st);
/*
 * Read run's header into *out. Its strings live in one block returned in
 * *strings_to_free, which the caller releases with free() (NULL strings stay
 * NULL). -1 with a message when there is no such run.
 */
int store_get_run(struct store *st, long run, struct run_info *out,
                  char **strings_to_free);
/* The run's packed totals (a new string), or NULL when it stored none. */
int store_run_totals(struct store *st, long run, char **totals);
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

/* A system of a run as a walk gives it. */
struct run_system_view {
	const struct system_result *res;  /* the verdict: findings in order, the
	                                   * deciding clause and outcomes over the
	                                   * run's clause list (store_run_clauses) */
	const struct system_record *rec;  /* the facts of the exact system row the
	                                   * run classified, and the children asked for */
	const struct run_req_view *req;   /* the requirement rows that applied (with
	                                   * STORE_REQUIREMENTS), in catalogue order */
	size_t nr_req;
};

/* What a walk reads besides the verdict and the facts (bits, with the
 * STORE_* child bits). */
#define STORE_FINDING_TEXTS 16u /* the findings' texts (else codes and severities) */
#define STORE_REQUIREMENTS  32u /* the requirement rows */
#define STORE_FACTS_LEAN    64u /* of the facts, only name, owner, operator, status,
                                 * plan.status, regulation.decision (what the CSV
                                 * and the totals need) */

/*
 * Read a run back: call fn for every system of the run in system id order
 * (bytewise), or only for system only_id when it is not NULL, or only for
 * the systems of owner only_owner when it is not NULL. The view and all
 * it points to are valid during the call only. Two runs walked side by side
 * give `assess diff` a merge in id order. fn returns 0 to go on, anything
 * else stops the walk and is returned. Returns 0 (also when only_id is not
 * in the run: fn is simply not called). fn may call store_run_peer().
 */
int store_each_run_system(struct store *st, long run, const char *only_id,
                          const char *only_owner, unsigned parts,
                          int (*fn)(void *data, const struct run_system_view *v),
                          void *data);
/*
 * What a run says of system id, for a <component> element: its name (a
 * new string in *name, NULL when none), *level (0 when undetermined) and
 * *determined. 1 when the run has it, 0 when not, -1 after reporting.
 */
int store_run_peer(struct store *st, long run, const char *id, char **name, int *level,
                   int *determined);

/* ---- a run's totals ---------------------------------------------------- */

/* Counts of one owner or operator. */
struct run_tally {
	char *id;
	long systems, level[6]; /* level[0]: undetermined */
	long approved, unapproved, severity[3];
	long plan_full, plan_partial, plan_none, plan_unknown;
	long regulation, inspected, layer[4];
};

/* One finding code (and severity) with the systems that have it. */
struct run_code {
	char *code;
	enum severity severity;
	long systems;
	char **sample;          /* the first RUN_SAMPLE ids in id order */
	size_t nr_sample;
};

/* Systems listed per finding code (and undetermined) in a digest. */
#define RUN_SAMPLE 25

/*
 * The totals of a run, or of the systems a document lets through: what
 * <summary> says, and the sample a digest lists. Accumulated system by
 * system in any order (run_summary_add: the samples are the smallest ids),
 * packed with the run, read back with run_summary_unpack.
 */
struct run_summary {
	long systems, level[6], determined, approved, unapproved, operating, severity[3];
	struct run_tally *owners, *operators;   /* sorted by id once finished */
	size_t nr_owners, nr_operators, alloc_owners, alloc_operators;
	struct run_code *codes;                 /* sorted: severity down, then code */
	size_t nr_codes, alloc_codes;
	char **undetermined;                    /* sample of undetermined ids */
	size_t nr_undetermined;
	void *index;                            /* private: lookups while adding */
};
void run_summary_init(struct run_summary *s);
void run_summary_release(struct run_summary *s);
/* Count one system: its verdict and the facts the tallies need (owner,
 * operator, status, plan.status, regulation.decision). */
void run_summary_add(struct run_summary *s, const struct system_result *res,
                     const struct system_record *rec);
/* Sort the tallies and codes (after the last run_summary_add). */
void run_summary_finish(struct run_summary *s);
/* Pack a finished summary into out (appended). */
void run_summary_pack(const struct run_summary *s, struct strbuf *out);
/* Read packed totals into s (initialised by the caller); 0, or -1 after
 * reporting "database corrupt" in the name of st. */
int run_summary_unpack(struct store *st, const char *text, struct run_summary *s);

#endif
