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

struct ruleset;

/* The owners' own inspection cadences (<inspection-policy> of an owner
 * organization), by owner id. */
struct owner_policies;
/* A new, empty set (free with owner_policies_free). */
struct owner_policies *owner_policies_new(void);
/* Add the policies of org (an owner; any other organization adds nothing). */
void owner_policies_add(struct owner_policies *op, const struct organization *org);
/* The policy owner set for level, or NULL (op may be NULL). Borrowed. */
const struct inspection_policy *owner_policies_find(const struct owner_policies *op,
                                                    const char *owner, int level);
/* Free a set; accepts NULL. */
void owner_policies_free(struct owner_policies *op);

/* What a run knows besides the record (all borrowed). */
struct findings_context {
	const struct ruleset *rs;     /* the rule set the system is assessed under: its
	                               * cadences, licensed inspections, kept approvals */
	const char *run_date;         /* YYYY-MM-DD: the date the review is made for */
	const struct owner_policies *policies; /* the owners' cadences; NULL: none */
	const struct requirement_catalogue *catalogue; /* NULL: no requirement counts */
};

/* The cadence that applies to one system at one level. */
struct cadence {
	const struct inspection_rule *rule; /* the first rule of ctx->rs that applies, or NULL */
	int months;                         /* its interval, or the owner's (policy rules) */
	const char *decision;               /* the owner's decision when the owner set months */
};

/*
 * The cadence of rec at level (1..5) under ctx: the first inspection rule
 * of the rule set whose level is level (or any) and whose condition holds
 * (an unknown condition does not apply it); for a rule of basis policy, the
 * owner's <inspection-policy> for the level replaces the months.
 * out->rule is NULL when none applies.
 */
void findings_cadence(const struct findings_context *ctx, const struct system_record *rec,
                      int level, struct cadence *out);

/*
 * The inspection state of rec at level under ctx. The counting inspections
 * are those dated on or before the run date done at least as independently
 * as the cadence asks (inventory @independent: no < internal < licensed;
 * "yes" is licensed). The latest one's date goes to *last (borrowed from
 * rec; NULL when none) and its date + the interval to next_due ("" when
 * none; also when it would fall after 9999-12-31, which is then
 * INSP_OK: never wrapped, never overdue). last may be NULL.
 */
enum inspection_state findings_inspection(const struct findings_context *ctx,
                                          const struct system_record *rec, int level,
                                          char next_due[11], const char **last);

/*
 * Add every finding about rec to res, and fill res->approved_level,
 * res->drift, res->requirements, the inspection fields (state, dates,
 * interval, basis, article, the owner's decision), res->layers and
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
