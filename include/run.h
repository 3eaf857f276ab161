/*
 * run.h - what a run says about one system: the vocabulary shared by the
 * classification engine (classify.h), the findings (findings.h), the store
 * (store.h) and the results document (results.h).
 */
#ifndef ASSESS_RUN_H
#define ASSESS_RUN_H

#include <stddef.h>

#include "facts.h"

enum severity { SEV_INFO = 0, SEV_WARNING = 1, SEV_CRITICAL = 2 };

/* "info" | "warning" | "critical". */
const char *severity_name(enum severity sev);
/* Parse a severity name; returns it or -1. */
int severity_parse(const char *name);

/* How the approved level compares with the computed one. */
enum drift {
	DRIFT_NONE = 0,   /* approved level equals the computed level */
	DRIFT_UNDER,      /* approved below the computed level: re-determination */
	DRIFT_OVER,       /* approved above the computed level */
	DRIFT_UNAPPROVED  /* no approval at all */
};
/* "none" | "under" | "over" | "unapproved". */
const char *drift_name(enum drift d);

/* One finding about one system. */
struct finding {
	char *code;            /* stable code, e.g. "unapproved-in-operation" */
	enum severity severity;
	char *args;            /* its sentence and facts (finding_text.h), or NULL */
	char *text_vi;         /* one sentence in Vietnamese, facts filled in; NULL */
	char *text_en;         /*   until made from args (result_fill_finding_texts) */
	char *basis_vi;        /* its legal basis (finding_text_basis), made when the run */
	char *basis_en;        /*   is and stored with it; NULL: none, or never stored */
};

/* Append a finding (the texts are copied). */
struct system_result;
void result_add_finding(struct system_result *res, const char *code, enum severity sev,
                        const char *text_vi, const char *text_en);
/* The same, taking over the texts (heap strings, freed with the result). */
void result_take_finding(struct system_result *res, const char *code, enum severity sev,
                         char *text_vi, char *text_en);
/* Append a finding told by args (finding_text.h; a heap string the result
 * takes over); its texts stay NULL until someone needs them. */
void result_take_finding_args(struct system_result *res, const char *code, enum severity sev,
                              char *args);

/* Who did an inspection, from the least to the most independent. */
enum independence {
	INDEP_NONE = 0,     /* the operator itself, or not stated as independent */
	INDEP_INTERNAL = 1, /* a unit of the owner independent of the operator */
	INDEP_LICENSED = 2  /* a licensed, state or designated professional organisation */
};
/* "no" | "internal" | "licensed" (and "yes", inventories before 2026-11-30,
 * as licensed) to the enum; -1 for anything else (NULL included). */
int independence_parse(const char *s);
/* "no" | "internal" | "licensed". */
const char *independence_name(enum independence ind);

/* What a periodic inspection cadence rests on. */
enum cadence_basis {
	CADENCE_LAW,      /* the article fixes the interval */
	CADENCE_POLICY,   /* the owner's own policy (inventory <inspection-policy>);
	                   * months is the default when the owner set none */
	CADENCE_REMINDER  /* no interval for the system in law: a reminder */
};
/* "law" | "policy" | "reminder". */
const char *cadence_basis_name(enum cadence_basis b);

/* Where a system stands with its periodic inspection (findings.h). */
enum inspection_state {
	INSP_NOT_REQUIRED, /* no level, or no cadence at that level */
	INSP_OK,           /* next due more than FINDINGS_DUE_SOON_DAYS after the run date */
	INSP_DUE_SOON,     /* next due within FINDINGS_DUE_SOON_DAYS (or on the run date) */
	INSP_OVERDUE,      /* next due before the run date */
	INSP_NEVER         /* a cadence applies but no inspection counts */
};

/* "not-required" | "ok" | "due-soon" | "overdue" | "never". */
const char *inspection_state_name(enum inspection_state st);
/* The state named, or -1. */
int inspection_state_parse(const char *name);

/* Counts of requirement statuses at the system's level (findings.h). */
struct requirement_counts {
	int applicable; /* requirements that apply at the level */
	int met;        /* status met (or not-applicable with reason) */
	int partial;    /* partial or planned */
	int not_met;    /* not-met, or an expired waiver */
	int waived;     /* covered by a waiver still in force */
	int unknown;    /* no control stated */
};

/* outcomes[] of a system in a run of several rule sets: the clause belongs
 * to a rule set the system was not assessed under. */
#define OUTCOME_NOT_ASKED 3

/* The verdict of a run on one system. */
struct system_result {
	char *system_id;         /* the system (owned copy) */

	/* the rule set that decided it, and why (evaluate.c) */
	char *rules;             /* its id, "ND85" */
	char *rules_basis;       /* "forced" (--rules), "in-force" (on the run date) or
	                          * "delegated" (the run's rule set hands it over: the
	                          * Decree 331 Art. 39.1 transition) */
	char *rules_article;     /* the article of a delegation, or NULL */
	char *rules_reason, *rules_reason_vi; /* why, for people (English, Vietnamese) */

	/* classification (classify.h) */
	int level;               /* 1..5; 0 when undetermined */
	int determined;          /* 1 when the unknowns cannot change the level */
	int level_low;           /* the level the clauses that hold give (0: none) */
	int level_high;          /* the highest level the unknown clauses could give */
	char *reason;            /* why undetermined: the facts that matter (English); NULL when determined */
	char *reason_vi;         /* the same in Vietnamese */
	int own_level_low;       /* level_low / level_high from the system's own */
	int own_level_high;      /*   clauses, before its components are counted */
	int deciding_clause;     /* index into the rule set's clauses, -1 when none */
	char *deciding_component;/* a component whose level decides, or NULL */
	unsigned char *outcomes; /* enum tri per clause of the rule set, in its order (in a
	                          * stored run: per clause of the run, OUTCOME_NOT_ASKED
	                          * for the clauses of its other rule sets) */
	size_t nr_outcomes;
	char *near_threshold;    /* e.g. "data-subjects.users = 9600 (threshold 10000)"; or NULL */
	char *readings;          /* the readings held clauses rest on (criteria.h), as
	                          * "CLAUSE=READING" pairs separated by spaces
	                          * ("ND85-9.3=shared-platform"); NULL when none */

	/* approval */
	int approved_level;      /* 0 when none */
	enum drift drift;

	/* annual review (findings.h) */
	struct requirement_counts requirements;
	char next_inspection_due[11]; /* YYYY-MM-DD, or "" when no cadence */
	enum inspection_state inspection_state; /* as findings_inspection() says */
	char last_inspection[11];/* the latest inspection that counts, or "" */
	int inspection_months;   /* the interval that applies; 0 when none */
	enum independence inspection_counts; /* the least independence that counts */
	enum cadence_basis inspection_basis; /* what the cadence rests on */
	char *inspection_article;/* the article the cadence codes, or NULL */
	char *inspection_policy; /* the owner's decision that set the interval, or NULL */
	int inspection_known;    /* 1 when the inspection fields were computed by the
	                          * run (runs stored before schema 4 lack them) */
	char *hosting_separation;/* "logical" | "physical" when hosted in a rented data
	                          * centre or cloud at a level that asks for it; or NULL */
	char *hosting_article;   /* the article of that rule, or NULL */
	int layers;              /* four-layer model: bit i set when layer i+1 is in place */
	int layers_unknown;      /* bit i set when layer i+1 is not stated */

	struct finding *findings;
	size_t nr_findings, alloc_findings;
};

/* Append to out the ids of the readings clause clause_id rests on in res
 * (res->readings), separated by spaces; nothing when none. */
struct strbuf;
void result_clause_readings(const struct system_result *res, const char *clause_id,
                            struct strbuf *out);

/* Prepare an empty result for system_id / free everything it owns. */
void system_result_init(struct system_result *res, const char *system_id);
void system_result_release(struct system_result *res);
/* Free the findings only (once they are stored), keeping the verdict. */
void system_result_release_findings(struct system_result *res);

#endif
