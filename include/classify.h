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
 *   readings          "CLAUSE=READING ..." for each reading of a clause that
 *                     holds whose condition holds or is unknown, or NULL;
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

/*
 * The same aggregation over a compact graph, for runs too large to keep a
 * system_result per system (evaluate.c). A node holds a system's own range
 * (own_low / own_high, from classify_system); the components of node i are
 * comp[first[i] .. first[i+1]) (first has n + 1 entries; first may be NULL
 * when nothing has components). classify_graph_init() allocates scratch
 * space (two arrays of n); classify_graph_aggregate() fills every node's
 * low, high, determined and decider (index of the component whose own level
 * gives low when the system's own does not, else -1), exactly as
 * classify_aggregate() does; classify_graph_reason() builds the reason of an
 * undetermined node i in English and Vietnamese (new strings for the caller)
 * from what own_reason() says of an index j: the system's id and its own
 * reasons (NULL when none).
 */
struct classify_node {
	int own_low, own_high;  /* in: the system's own range */
	int low, high;          /* out: over itself and all it reaches */
	int determined;         /* out */
	long decider;           /* out: a component that gives the level, or -1 */
};
struct classify_graph {
	struct classify_node *nodes;
	size_t n;
	const size_t *first, *comp;
	size_t *stamp, *reach, nr_reach, epoch; /* scratch */
};
void classify_graph_init(struct classify_graph *g, struct classify_node *nodes, size_t n,
                         const size_t *first, const size_t *comp);
void classify_graph_aggregate(struct classify_graph *g);
void classify_graph_reason(struct classify_graph *g, size_t i,
                           void (*own_reason)(size_t j, const char **id, const char **en,
                                              const char **vi, void *data),
                           void *data, char **out_en, char **out_vi);
void classify_graph_release(struct classify_graph *g);

/* Evaluate one condition on rec (three-valued, no bookkeeping). */
enum tri classify_condition(const struct condition *cond, const struct system_record *rec);

/* When cond is unknown on rec: append to out the names of the facts whose
 * being unknown makes it so (", "-separated, each once); else nothing. */
void classify_unknown_facts(const struct condition *cond, const struct system_record *rec,
                            struct strbuf *out);

#endif
