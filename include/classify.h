/*
 * classify.h - the classification engine: rule set + facts in, verdict out.
 *
 * Pure C over plain structs (criteria.h, facts.h, run.h): no I/O, no
 * messages. Three-valued: a fact is yes, no or unknown (NULL); a condition
 * holds, fails or is unknown (enum tri: AND = min, OR = max, NOT swaps yes
 * and no); a comparison on an unknown fact is unknown. A system is at the
 * highest level of a clause that holds; it is determined only when no
 * unknown clause could raise that level and some clause holds. Composites
 * take the highest level over all their components (domain.md §3.3).
 */
#ifndef ASSESS_CLASSIFY_H
#define ASSESS_CLASSIFY_H

#include <stddef.h>

#include "criteria.h"
#include "facts.h"
#include "run.h"

/*
 * Evaluate every clause of rs on rec into res (initialised by the caller with
 * system_result_init; earlier classification fields are replaced):
 *   outcomes[]        enum tri per clause, in rs's order (nr_outcomes);
 *   own_level_low     highest level of a clause that holds (0: none);
 *   own_level_high    max of own_level_low and the level of every unknown
 *                     clause (a level-from clause whose fact is unknown: 5);
 *   level_low/high, level, determined   the same, before composites count;
 *   deciding_clause   highest-level clause that holds, first in file order;
 *   near_threshold    "data-subjects.users = 9600 (threshold 10000)" for
 *                     each count within 10 % of a threshold whose flip would
 *                     change the level range ("; "-separated), or NULL;
 *   reason            when undetermined: the gap text of the rule set that
 *                     applies and/or the facts whose unknown-ness matters
 *                     ("information.personal is unknown"); else NULL.
 * Returns the number of pattern conditions that hit the PCRE2 limits (each
 * counted once; they are unknown and named in the reason when they matter),
 * so that the caller can warn once.
 */
int classify_system(const struct ruleset *rs, const struct system_record *rec,
                    struct system_result *res);

/*
 * Composite aggregation over n systems already classified with
 * classify_system (call once per such classification). comps[i] lists the
 * indices of the direct components of system i (nr_comps[i] of them; comps
 * or nr_comps may be NULL when nothing has components; indices >= n are
 * ignored). Nesting may be any depth and may contain cycles: every system
 * takes the max over itself and all systems reachable from it (members of a
 * cycle share the max), and a reachable system that no clause covers keeps
 * the composite undetermined. Sets level_low, level_high, determined, level
 * (0 when undetermined), reason (own reason and "component ID: ..."), and,
 * when a component gives the level, deciding_component (its id) with
 * deciding_clause -1.
 */
void classify_aggregate(struct system_result *res, size_t n, const size_t *const *comps,
                        const size_t *nr_comps);

/* Evaluate one condition on rec (three-valued, no bookkeeping). */
enum tri classify_condition(const struct condition *cond, const struct system_record *rec);

#endif
