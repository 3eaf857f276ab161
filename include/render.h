/*
 * render.h - which results document a report is rendered from: the policy
 * that keeps reports of a national inventory within memory.
 *
 * A run of up to RENDER_DETAIL_LIMIT systems (or a report restricted to one
 * system or one owner) is rendered from the whole results document. Above
 * that, a report is rendered from what it needs:
 *   summary            the exact totals plus up to RENDER_SAMPLE systems per
 *                      finding code and severity and RENDER_SAMPLE undetermined;
 *   annual, index, text the exact totals only (per owner, per operator);
 *   csv                every system, written in C from the store, a row
 *                      at a time (csv_out.h: the bytes of csv.xsl);
 *   audit, audit-docx  the exact totals only (the matrix per owner);
 *   dossier, audit-csv refused: rendered per system (--system) or per
 *                      owner (--owner);
 *   a user's template  the whole document (its author's choice).
 * The reports then say they are digests (results/@partial). An owner's
 * report (--owner) follows the same rule on that owner's systems.
 *
 * The dossier of more than RENDER_DOSSIER_CHUNK systems (at most
 * RENDER_DETAIL_LIMIT, or one owner's) is rendered in chunks of that many
 * systems into one file, so that its memory does not grow with the run
 * (the whole document of 5,000 systems took 1.5 GB): the template writes
 * its frame from the totals, then the contents entries and the sections of
 * each chunk are streamed into it (dossier.xsl, parameter part).
 *
 * The summary, the annual report and the audit report (HTML and Word) are
 * rendered from their whole document but written in pieces (report.h), so
 * that their output never holds every system at once.
 */
#ifndef ASSESS_RENDER_H
#define ASSESS_RENDER_H

#include <stddef.h>

struct store;
struct doc_context;

#define RENDER_DETAIL_LIMIT 5000
#define RENDER_SAMPLE 25
#define RENDER_DOSSIER_CHUNK 100

/*
 * Render template `name` (shipped name or .xsl path) for run (0 = latest)
 * in language lang ("vi" | "en") into out_path ("-" = stdout), written to a
 * temporary file and renamed. system_id / owner_id (may be NULL) restrict
 * the report to one system / one owner. ctx (may be NULL) is put into the
 * document the template reads (context.h). Returns 0, or -1 after reporting.
 */
int render_report(struct store *st, long run, const char *name, const char *lang,
                  const char *system_id, const char *owner_id, const char *out_path,
                  const struct doc_context *ctx);

/* One report of a set: template name and output path. */
struct render_job {
	const char *name;
	const char *out_path;
};

/*
 * Render several reports of one run, reading the run's totals once (what
 * `assess review` does). Stops at the first failure. 0 or -1.
 * The CSV of a large run (no system_id / owner_id) needs no totals: when
 * st is a database file (store_path, not ":memory:"), it is rendered on a
 * thread of its own with a second connection, started before the totals
 * are read, and joined before any other report is rendered and on every
 * failure path; its failure (reported on that thread) makes render_set
 * return -1. The run must be committed. render_report() keeps the CSV on
 * the calling thread. ctx as for render_report (the CSV does not use it).
 */
int render_set(struct store *st, long run, const char *lang, const char *system_id,
               const char *owner_id, const struct render_job *jobs, size_t nr_jobs,
               const struct doc_context *ctx);

/*
 * Render template `name` once for each system of ids[0..nr) (a document of
 * one system: the template is given the parameter system), into the file
 * path_of(id, data) names. The run is read once, in chunks of
 * RENDER_DOSSIER_CHUNK systems in full detail, and the template compiled
 * once: a review's level dossiers cost one walk of the run, not one per
 * system. ids not in the run are skipped. 0, or -1 after reporting.
 */
int render_each_system(struct store *st, long run, const char *name, const char *lang,
                       char *const *ids, size_t nr,
                       const char *(*path_of)(const char *id, void *data), void *data,
                       const struct doc_context *ctx);

/* 1 when a run of this many systems is rendered as digests. */
int render_is_large(long systems);

#endif
