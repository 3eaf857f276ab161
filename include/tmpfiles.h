/*
 * tmpfiles.h - the temporary files and folders of a run: named so that a
 * later run can tell they are litter, removed when the process is stopped
 * by a signal, and swept when the process that made them is dead.
 *
 * Every temporary name carries the pid of the process that made it:
 * "PATH.KIND.PID.XXXXXX" beside PATH (KIND "tmp" for an output file or
 * folder, "new" for a private new database, whose SQLite companions add
 * "-wal", "-shm", "-journal"). A SIGINT, SIGTERM or SIGHUP removes every
 * registered name, then the signal takes its default course (the exit
 * status says which signal). kill -9 cannot be caught: what it leaves is
 * removed by the next run that writes beside the same PATH
 * (tmpfiles_clean_stale), and only when the PID in the name is not a live
 * process, so the files of a live run are never touched.
 */
#ifndef ASSESS_TMPFILES_H
#define ASSESS_TMPFILES_H

/* Handle the stopping signals (once, in main, before the command runs);
 * a signal that is ignored (nohup) stays ignored. */
void tmpfiles_install_signals(void);

/*
 * A new temporary name "PATH.KIND.PID.XXXXXX" for mkstemp() or mkdtemp()
 * (the caller fills in the X's and frees the string).
 */
char *tmpfiles_template(const char *path, const char *kind);

/*
 * Remove path when a stopping signal arrives (is_dir: a private folder of
 * ours: the files directly in it are removed, registered or not, then the
 * folder, after every registered file). Returns a handle for tmpfiles_forget(), or -1
 * when path cannot be registered (too long, or 64 names already: it is then
 * removed only by the usual paths or a later sweep). May be called from
 * any thread; the signal handler only reads the table.
 */
int tmpfiles_add(const char *path, int is_dir);
/* Forget a name (renamed into place, or removed); accepts -1. */
void tmpfiles_forget(int handle);
/* Remove every registered name now (the signal handler's work; also what a
 * process out of memory does before it stops). Async-signal-safe. */
void tmpfiles_remove_all(void);

/*
 * Remove what dead processes of ours left beside path: the entries of its
 * folder named "BASE.KIND.PID.XXXXXX" (BASE the last component of path; for
 * KIND "new" also with "-wal", "-shm" or "-journal" after it), folders
 * with everything in them, whose PID is not a live process and not ours.
 * Nothing is reported; a name that does not parse is left alone.
 */
void tmpfiles_clean_stale(const char *path, const char *kind);

/* 1 when name (no folder) is "BASE.KIND.PID.XXXXXX" of a dead process:
 * what tmpfiles_clean_stale removes. */
int tmpfiles_is_stale(const char *name, const char *base, const char *kind);

/* Remove path: a file, or a folder with everything in it (symbolic links
 * are removed, never followed). Nothing is reported. */
void tmpfiles_remove_tree(const char *path);

#endif
