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

/* The database path: explicit if non-NULL, else $ASSESS_DB, else "assess.db".
 * Borrowed string. */
const char *db_path(const char *explicit_path);

/* The tool's version string, e.g. "0.1.0". */
const char *tool_version(void);

#endif
