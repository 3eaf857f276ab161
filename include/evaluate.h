/*
 * evaluate.h - one classification run over the latest snapshot: the pipeline
 * shared by `assess classify` and `assess review`.
 */
#ifndef ASSESS_EVALUATE_H
#define ASSESS_EVALUATE_H

struct store;

/* What a run produced, for the summary the commands print. */
struct run_totals {
	long run;               /* the new run's id */
	char rules[16];         /* rule-set id used */
	char digest[65];        /* SHA-256 of the criteria file */
	char date[11];          /* assessment date */
	long systems;           /* systems classified */
	long per_level[6];      /* [1..5] systems per level; [0] undetermined */
	long per_severity[3];   /* findings per severity (run.h enum severity) */
	struct {
		char rules[16];     /* a rule set of the run, the run's own first */
		long systems;       /* systems it assessed */
	} sets[8];
	int nr_sets;
};

/*
 * Classify the latest snapshot of st under rules (a rule-set id, or "auto" =
 * the one in force on date) on date (YYYY-MM-DD, or NULL for the snapshot's
 * as-of), compute findings, and store everything as a new run in one
 * transaction. Each system is assessed under the run's rule set unless one
 * of that rule set's delegations hands it to another (criteria.h struct
 * delegate: the Decree 331 Art. 39.1 transition); the run records which
 * rule set assessed each system and why.
 * Returns EXIT_OK, or an exit status of diag.h after reporting: EXIT_USAGE
 * for an unknown rule set or a bad date, EXIT_INVALID for invalid criteria,
 * EXIT_RUNTIME for nothing imported or a database failure.
 */
int evaluate_run(struct store *st, const char *rules, const char *date,
                 struct run_totals *totals);

/* Print the totals as the short summary of `assess classify`. */
void evaluate_print_summary(const struct run_totals *totals);

#endif
