/*
 * import.h - validate inventories and store them as one snapshot, all files
 * or none: the flow shared by `assess import` and `assess review`.
 */
#ifndef ASSESS_IMPORT_H
#define ASSESS_IMPORT_H

struct store;

/* What an import did. */
struct import_totals {
	long systems;   /* systems stored */
	long snapshot;  /* the new snapshot, 0 when nothing was stored */
};

/*
 * Stream files[0..nfiles) (a file "-" is standard input) through the
 * inventory reader into one open import of st: one transaction, committed
 * only when every file and the cross-file checks are valid. Every problem is
 * reported as file:line first. Progress goes to stderr for large imports
 * when stderr is a terminal. Returns EXIT_OK, EXIT_INVALID (nothing stored,
 * "nothing imported: N problems in the input" reported) or EXIT_RUNTIME.
 */
int import_inventories(struct store *st, char *const *files, int nfiles,
                       struct import_totals *totals);

/*
 * The database of a command that imports. When it does not exist yet, the
 * import goes to a private temporary database beside it ("DB.new.PID.XXXXXX",
 * removed with its companions on a stopping signal; a killed import's files
 * are swept by the next import_db_open of DB, tmpfiles.h),
 * which import_db_finish(ok=1) publishes under its name with link() once
 * the import committed: a rejected import leaves no file behind, no other
 * command ever sees a half-made database, and one that appears meanwhile is
 * never replaced. An existing database is opened as it is.
 */
struct import_db {
	const char *path;   /* the database's name (borrowed) */
	char *tmp;          /* the private database while it is new, else NULL */
	struct store *st;   /* open on tmp or path */
	int handles[4];     /* tmp and its -wal, -shm, -journal (tmpfiles_add) */
};
/* Open d for path; 0, or -1 after reporting. */
int import_db_open(struct import_db *d, const char *path);
/*
 * Close d->st; publish a new database when ok, else discard it. 0 or -1.
 * A new database is published only when it is complete on disk: a TRUNCATE
 * checkpoint moved every transaction into its file, the connection closed
 * cleanly, no WAL with data is left, and the file and its directory were
 * synced; any failure there (a full disk) is reported, nothing is
 * published and the private files are removed (their data was never
 * published). An existing database is only closed: its WAL, which may hold
 * committed transactions when the checkpoint at close failed, is left to
 * SQLite.
 */
int import_db_finish(struct import_db *d, int ok);

#endif
