/*
 * paths.h - where the shipped data lives, and the default database.
 *
 * The data directory holds criteria/ (rule sets, catalogues, criteria/schema/)
 * and templates/. It is, in order: $ASSESS_DATADIR; the source tree the
 * binary was built in, when the binary runs from build/ (so tests and
 * developers need no install); the directory compiled in from PREFIX.
 */
#ifndef ASSESS_PATHS_H
#define ASSESS_PATHS_H

/* The data directory (borrowed, valid until exit). */
const char *data_dir(void);

/* DATADIR/rel as a new string the caller frees. */
char *data_path(const char *rel);

/*
 * The directory the rule sets are read from (criteria.h): the one given to
 * set_criteria_dir() (the --criteria option), else $ASSESS_CRITERIA_DIR,
 * else DATADIR/criteria. Borrowed, valid until the next set_criteria_dir()
 * or exit. A rule set's catalogue lies beside it; the schemas always come
 * from DATADIR/criteria/schema.
 */
const char *criteria_dir(void);
/* Read the rule sets from dir (borrowed: it must outlive its use); NULL
 * goes back to the default. */
void set_criteria_dir(const char *dir);

/* The database path: explicit if non-NULL, else $ASSESS_DB, else "assess.db".
 * Borrowed string. */
const char *db_path(const char *explicit_path);

/* The tool's version string, e.g. "0.1.0". */
const char *tool_version(void);

#endif
