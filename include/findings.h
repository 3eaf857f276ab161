/*
 * findings.h - what a reviewer must be told about one system after it was
 * classified: approval and drift, plan and regulation, inspection cadence,
 * secrets in testing, the four-layer model, requirement counts.
 *
 * Pure: structs in, findings out; no I/O, no SQLite. Every finding has a
 * stable code (criteria/README-findings.md lists them all), a severity and
 * its args: which sentence tells it and the facts filled in. The sentence
 * in Vietnamese and in English is made from args when read
 * (finding_text.h); findings leave text_vi and text_en NULL.
 */
#ifndef ASSESS_FINDINGS_H
#define ASSESS_FINDINGS_H

#include <stddef.h>

#include "facts.h"
#include "requirements.h"
#include "run.h"

/* Days before the due date from which an inspection is "due soon". */
#define FINDINGS_DUE_SOON_DAYS 60

/* What a run knows besides the record (all borrowed). */
struct findings_context {
	const char *rules;            /* "ND85" | "ND331" */
	const char *run_date;         /* YYYY-MM-DD: the date the review is made for */
	const int *interval_months;   /* [6]: index = level 1..5; 0 = no cadence; NULL = none */
	int independent_from;         /* lowest level needing an independent inspection; 0 = never */
	const struct requirement_catalogue *catalogue; /* NULL: no requirement counts */
};

/* Where a system stands with its periodic inspection. */
enum inspection_state {
	INSP_NOT_REQUIRED, /* no level, or no cadence at that level */
	INSP_OK,           /* next due more than FINDINGS_DUE_SOON_DAYS after the run date */
	INSP_DUE_SOON,     /* next due within FINDINGS_DUE_SOON_DAYS (or on the run date) */
	INSP_OVERDUE,      /* next due before the run date */
	INSP_NEVER         /* a cadence applies but no inspection counts */
};

/* "not-required" | "ok" | "due-soon" | "overdue" | "never". */
const char *inspection_state_name(enum inspection_state st);

/*
 * The inspection state of rec at level under ctx. The counting inspections
 * are those dated on or before the run date and, from ctx->independent_from
 * up, done independently (@independent="yes"). The latest one's date goes
 * to *last (borrowed from rec; NULL when none) and its date + the level's
 * interval to next_due ("" when none; also when it would fall after
 * 9999-12-31, which is then INSP_OK: never wrapped, never overdue). last
 * may be NULL.
 */
enum inspection_state findings_inspection(const struct findings_context *ctx,
                                          const struct system_record *rec, int level,
                                          char next_due[11], const char **last);

/*
 * Add every finding about rec to res, and fill res->approved_level,
 * res->drift, res->requirements, res->next_inspection_due, res->layers and
 * res->layers_unknown. res already holds the classification (level,
 * determined, level_low/high, reason, near_threshold); held are the ids of
 * the clauses that held (for the requirement conditions). The level used
 * for cadence is res->level, else the approved level when undetermined.
 */
void findings_evaluate(const struct findings_context *ctx, const struct system_record *rec,
                       const char *const *held_clause_ids, size_t nr_held,
                       struct system_result *res);

/*
 * Add "component-above-parent" (warning) to parent: component comp_id is
 * at comp_level, above parent_level. Does nothing unless comp_level >
 * parent_level.
 */
void findings_component_above_parent(struct system_result *parent, const char *comp_id,
                                     int comp_level, int parent_level);

#endif
