/*
 * outdir.h - a folder of reports published whole or not at all (review).
 *
 * outdir_begin() makes a private folder before any work is done (so that
 * an output folder that cannot be written is found before the import);
 * the reports are written into it under their final names (outdir_path);
 * outdir_commit() publishes them at once:
 *   - a folder DIR that does not exist yet, or that holds only the reports
 *     of an earlier review, is swapped whole: the private folder
 *     "DIR.tmp.PID.XXXXXX" beside it becomes DIR with one rename (an
 *     atomic exchange where the file system has one), and the previous
 *     set is removed only then;
 *   - a folder that holds anything else (your own files, ".") keeps it:
 *     the private folder is made inside it (".assess-report.tmp.PID.XXXXXX")
 *     and each report is renamed into place, a report of the set that this
 *     run did not write is removed (never two runs mixed).
 * A failed run (outdir_abort) removes the private folder and leaves DIR as
 * it was. The private folder and the reports in it go on a stopping signal
 * (tmpfiles.h); a killed run's are swept by the next outdir_begin.
 */
#ifndef ASSESS_OUTDIR_H
#define ASSESS_OUTDIR_H

#include <stddef.h>

struct outdir;

/*
 * Prepare publishing the reports named names[0..nr) (file names, no '/')
 * into dir, creating dir's parents when missing. A name may be a pattern
 * with '*' (fnmatch) for reports named as the run goes ("annual-*.docx"):
 * outdir_path() then takes any name it matches, and publishing removes the
 * files an earlier review wrote under the pattern that this one did not. Returns 0 with *out set;
 * or an exit status after reporting: EXIT_USAGE when dir is not a folder,
 * EXIT_RUNTIME when it cannot be written.
 */
int outdir_begin(const char *dir, const char *const *names, size_t nr, struct outdir **out);
/* Where to write report `name` now (borrowed, valid until commit/abort);
 * NULL when name is neither a name of the set nor matches a pattern. */
const char *outdir_path(struct outdir *d, const char *name);
/* Publish every report written (those of the names that exist in the
 * private folder) and free d. 0, or -1 after reporting (then d is freed
 * and DIR is as it was, or holds the complete new set when only removing
 * the previous one failed). */
int outdir_commit(struct outdir *d);
/* Remove the private folder and free d; accepts NULL. */
void outdir_abort(struct outdir *d);

#endif
