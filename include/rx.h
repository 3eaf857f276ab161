/*
 * rx.h - PCRE2 regular expressions with bounded matching.
 *
 * Patterns are compiled in UTF mode with Unicode properties, so \w and
 * [[:alpha:]] know Vietnamese letters. Every match runs under a match limit
 * and a depth limit: a pattern with catastrophic backtracking fails with an
 * error instead of hanging. A compiled expression is not changed by
 * matching: several threads may use one at the same time.
 */
#ifndef ASSESS_RX_H
#define ASSESS_RX_H

#include <stddef.h>

struct rx;

/* Match and depth limits applied to every rx_match (PCRE2 units; PCRE2
 * applies them afresh at each start position in the subject). */
#define RX_MATCH_LIMIT 1000000u
#define RX_DEPTH_LIMIT 10000u
/* Steps (pattern items tried) of one whole rx_match, over all start
 * positions: what bounds its time on a long subject. */
#define RX_STEP_LIMIT 10000000ul

/*
 * Compile pattern. Returns the compiled expression, or NULL with a message
 * ("missing closing parenthesis at offset 4") stored in *err, which the
 * caller frees.
 */
struct rx *rx_compile(const char *pattern, char **err);

/*
 * Does subject (len bytes, UTF-8) match anywhere? Returns 1 match, 0 no
 * match, -1 when matching failed (limit hit, invalid UTF-8) with a message
 * in *err (caller frees) if err is non-NULL. No memory for a match stops the
 * process (die_oom), as any allocation does.
 */
int rx_match(const struct rx *rx, const char *subject, size_t len, char **err);

/* Free a compiled expression; accepts NULL. */
void rx_free(struct rx *rx);

#endif
