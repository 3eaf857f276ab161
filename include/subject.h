/*
 * subject.h - is the system or owner a report is restricted to in the run?
 *
 * `assess report --system ID` and `--owner ID` name what the report is
 * about; a name the run does not know is a usage error (exit 2) that says
 * which ones it does know, not an empty report.
 */
#ifndef ASSESS_SUBJECT_H
#define ASSESS_SUBJECT_H

#include <stddef.h>

struct store;
struct strbuf;

/* How many known ids a message lists before "and N more". */
#define SUBJECT_LIST_MAX 12

/*
 * Check system_id and owner_id (either may be NULL) against run (0 = the
 * latest): the system must be one of the run's systems; the owner an
 * organization of role "owner" in the run's snapshot. Returns 0 when both
 * are known; 1 when one is not, with msg set to a one-line message naming
 * it and the known ones ("no owner 'x' in run 1 (owners: a, b)"); -1 after
 * reporting a failure (no such run, database).
 */
int subject_check(struct store *st, long run, const char *system_id, const char *owner_id,
                  struct strbuf *msg);

/*
 * The owners of the systems of run (0 = the latest), each once, in byte
 * order of their ids, into a new array *ids of *nr strings (free each and
 * the array). One walk over the run's systems. 0, or -1 after reporting.
 */
int subject_owners(struct store *st, long run, char ***ids, size_t *nr);

/*
 * The systems of run (0 = the latest) that need a level dossier, in run
 * order, into a new array *ids of *nr strings (free each and the array):
 * every system but a retired one that has no approved level, an approved
 * level below the computed one, or a level to be re-determined under the
 * rule set in force (a rules-drift finding); all = 1: every system. 0, or -1
 * after reporting.
 */
int subject_dossier_systems(struct store *st, long run, int all, char ***ids, size_t *nr);

#endif
