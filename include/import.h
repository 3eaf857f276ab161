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
 * A command that may create the database: import_create_db_file(path)
 * creates the file when it does not exist (1: this call created it, 0: it
 * existed or cannot be created here, store_open will say why), and
 * import_remove_created_db(path) removes it again with SQLite's companion
 * files when nothing was stored, so a rejected input leaves no empty database.
 */
int import_create_db_file(const char *path);
void import_remove_created_db(const char *path);

#endif
