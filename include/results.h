/*
 * results.h - a run as the results XML document (shared/spec/cli.md), the
 * one document every report template reads. Its shape is documented in
 * criteria/schema/results.md and checked by criteria/schema/results.rng.
 *
 * The document is made from the store alone (store.h: a run stands alone,
 * whatever became of the criteria since), in one walk over the run's
 * systems with xmlTextWriter, either streamed to a file (`assess results`:
 * memory stays flat) or into a DOM for XSLT. The aggregates the reports
 * need (systems per level, per owner and operator, findings per code) are
 * the totals the run stored (or, for one owner or one system, counted in C)
 * and are put in <summary>, so templates never group or search the whole
 * document.
 */
#ifndef ASSESS_RESULTS_H
#define ASSESS_RESULTS_H

#include <libxml/tree.h>

struct store;

enum results_detail {
	RESULTS_COMPACT = 0, /* clauses that held or are unknown; no requirement rows */
	RESULTS_FULL = 1,    /* every clause with its outcome, every requirement row */
	RESULTS_LEAN = 2     /* the CSV's chunks: the root's attributes and rows
	                      * only (no summary, clauses or organizations, which
	                      * every chunk would repeat), each <system> with id,
	                      * name, owner, operator, status, level, determined,
	                      * approved-level, drift, deciding-clause and the
	                      * finding counts, and no child element */
};

/* Which systems a document holds (all by default). */
struct results_filter {
	const char *system_id;  /* only this system (NULL: all) */
	const char *owner_id;   /* only this owner's systems (NULL: all) */
	size_t sample;          /* > 0: a digest for a large run: only the first `sample`
	                         * systems (in id order) of each finding code and
	                         * severity, and the first `sample` undetermined ones */
	int no_systems;         /* 1: aggregates only, no <system> element */
	int no_component_names; /* 1: <component> without @name (saves ~75 bytes per
	                         * system of the run; for digests of huge runs) */
};
/* The counts of <summary> always cover every system the filter's system_id
 * and owner_id let through; sample and no_systems only thin out the
 * <system> elements, and the root then says partial="yes" and
 * systems-included="N". */

/*
 * Stream the results document of run (0 = latest) to path ("-" = standard
 * output) without building a DOM; a file is written to a temporary name
 * and renamed. Returns 0 or -1 after reporting.
 */
int results_write(struct store *st, long run, enum results_detail detail,
                  const struct results_filter *filter, const char *path);

/*
 * The documents of one run from one preparation, for a command that
 * renders one or many reports of it: results_prepare() reads the header,
 * clauses, organizations and the totals once (and, with sample > 0, picks
 * the sample); each results_prep_build() writes one document in the given
 * view, each results_prep_chunks() the document in chunks of at most
 * `chunk` systems for rendering a large run with flat memory: every chunk
 * is a complete results document (same header, and in the compact and
 * full detail the same summary, clauses and organizations; a lean chunk
 * has rows only) holding the next systems in id order. fn is called once
 * per chunk, in order, with first/last set for the first and last chunk (a
 * run without systems gives one empty chunk with both set); fn owns the
 * document and frees it with xmlFreeDoc(), at once or later (on another
 * thread, say: the documents share nothing). fn returns 0 to go on. filter
 * may restrict to one system or owner (its sample / no_systems are
 * ignored). Each returns 0, or -1 after reporting (or when fn failed).
 */
enum results_view {
	RESULTS_VIEW_ALL,    /* every system */
	RESULTS_VIEW_SAMPLE, /* the sample (results_prepare's sample > 0) */
	RESULTS_VIEW_NONE    /* no <system> element: the totals only */
};
struct results_prep;
int results_prepare(struct store *st, long run, const struct results_filter *filter,
                    size_t sample, struct results_prep **out);
int results_prep_build(struct results_prep *p, enum results_detail detail,
                       enum results_view view, xmlDocPtr *out);
int results_prep_chunks(struct results_prep *p, enum results_detail detail, size_t chunk,
                        int (*fn)(xmlDocPtr doc, int first, int last, void *data),
                        void *data);
/*
 * The lean chunks of run (0 = latest), as results_prep_chunks(p,
 * RESULTS_LEAN, chunk, fn, data) gives them for an unfiltered preparation,
 * but read without the totals walk of results_prepare(): a lean chunk needs
 * the run's header and clauses only, and which chunk is the last follows
 * from the header's count of systems (exact for a whole run). For rendering
 * the CSV on a thread of its own, with a connection of its own, while
 * another reads the totals. Returns 0, or -1 after reporting (or when fn
 * failed).
 */
int results_lean_chunks(struct store *st, long run, size_t chunk,
                        int (*fn)(xmlDocPtr doc, int first, int last, void *data),
                        void *data);
/* Systems the preparation counted (after its filter). */
long results_prep_systems(const struct results_prep *p);
/* Free a preparation; accepts NULL. */
void results_prep_free(struct results_prep *p);

/* Resolve run (0 = latest) to an existing run id; -1 after reporting
 * ("no runs yet: run 'assess classify' first", "no run 7"). */
long results_resolve_run(struct store *st, long run);

#endif
