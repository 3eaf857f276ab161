/*
 * requirements.h - the catalogue of security requirements per level
 * (Circular 12/2022/TT-BTTTT, criteria/requirements.xml) and the status of
 * each one for a system, taken from the record's <controls>.
 *
 * The catalogue is data: which requirement applies at which level, under
 * which condition (a clause that held, a fact, the system name), the annex
 * row it codes and its TCVN 11930:2017 clause. Which rule sets use a
 * catalogue, and how, the rule sets say (criteria.h: struct ruleset
 * catalogue): the shipped one is written for ND85 and applied to ND331 level
 * by level, because the TCVN 14423:2026 matrix is not transcribed.
 */
#ifndef ASSESS_REQUIREMENTS_H
#define ASSESS_REQUIREMENTS_H

#include <stddef.h>

#include "article.h"
#include "facts.h"
#include "run.h"

enum requirement_group { REQ_MANAGEMENT, REQ_DESIGN, REQ_TECHNICAL };

enum requirement_status {
	REQ_MET,            /* control met */
	REQ_PARTIAL,        /* control partial */
	REQ_PLANNED,        /* control planned (with a due date, usually) */
	REQ_NOT_MET,        /* control not-met */
	REQ_NOT_APPLICABLE, /* control not-applicable */
	REQ_WAIVED,         /* a waiver in force on the run date */
	REQ_WAIVER_EXPIRED, /* a waiver that ended before the run date: not met */
	REQ_UNKNOWN         /* no control stated */
};

/* "management" | "design" | "technical". */
const char *requirement_group_name(enum requirement_group g);
/* "met" | "partial" | "planned" | "not-met" | "not-applicable" | "waived" |
 * "waiver-expired" | "unknown". */
const char *requirement_status_name(enum requirement_status st);

struct requirement_when; /* a conjunction of conditions (requirements.c) */

/* What a requirement asks at one level. */
struct requirement_level {
	int present;                   /* 1 when the requirement exists at this level */
	char *tcvn;                    /* TCVN 11930:2017 clause ("7.1.5.6") or NULL */
	char *note;                    /* the matrix cell text, or NULL for a plain tick */
	char *article;                 /* the annex row it codes ("TT12 PLIII I.1.5.6"), or NULL */
	struct requirement_when *whens;/* applies when any holds; none = always */
	size_t nr_whens;
	int has_product;               /* 1: a two-part item; the product part is asked for
	                                * when any of product_whens holds (none: always) */
	struct requirement_when *product_whens;
	size_t nr_product_whens;
	long line;                     /* line of <level> in the catalogue */
};

/* One requirement of the catalogue. */
struct requirement {
	char *id;                      /* stable id: "M.POL.1", "D.WAF", "T.DATA.BACKUP" */
	enum requirement_group group;
	char *label_vi;                /* Vietnamese label */
	char *label_en;                /* English label */
	struct requirement_level at[6];/* index = level 1..5; at[0] unused */
	long line;                     /* line of <requirement> */
};

/* A loaded catalogue (requirements_load / requirements_free). */
struct requirement_catalogue {
	char *file;                    /* where it was read */
	char sha256[65];               /* digest of the file's bytes */
	char *rules;                   /* rule set it was written for: "ND85" */
	char *title_vi, *title_en;     /* titles */
	char *effective_from, *effective_to; /* the dates it is in force, or NULL */
	char *article;                 /* the article that puts it in force, or NULL */
	struct legal_document *documents; /* the documents its articles cite (article.h) */
	size_t nr_documents;
	struct requirement *reqs;      /* in file order */
	size_t nr_reqs;
};

/*
 * Load the catalogue at path and check it against the RELAX NG schema at
 * schema_path, then its meaning (unique ids, one <level> per level, known
 * fact names, patterns that compile, articles of declared documents).
 * Every problem is reported as
 * "file:line: message" (error_at); returns the catalogue, or NULL after at
 * least one report.
 */
struct requirement_catalogue *requirements_load(const char *path, const char *schema_path);

/* Free a catalogue; accepts NULL. */
void requirements_free(struct requirement_catalogue *cat);

/* Find a requirement by id; NULL when absent. */
const struct requirement *requirements_find(const struct requirement_catalogue *cat,
                                            const char *id);

/* The status of one applicable requirement for one system. */
struct requirement_eval {
	const struct requirement *req;   /* the requirement (borrowed from the catalogue) */
	const struct requirement_level *at; /* what it asks at the level */
	enum requirement_status status;
	const char *due;                 /* control @due, or the waiver's @until; NULL */
	int condition_unknown;           /* 1 when it applies only because a condition is unknown */
	int product;                     /* a two-part item: enum tri, is the product asked
	                                  * for (TRI_UNKNOWN: a condition is unknown); -1 when
	                                  * the level has no product part */
};

typedef void (*requirement_fn)(const struct requirement_eval *ev, void *data);

/*
 * Call fn, in catalogue order, for every requirement that applies to rec at
 * level (1..5) when rec is assessed under rule set rules (its id: which of
 * the clause ids a condition lists belong to it), given the ids of the
 * clauses that held (held[0..nr_held)) and the run date (YYYY-MM-DD).
 * A condition that cannot be decided (unknown fact, no clause of rules
 * listed) makes the requirement apply, flagged condition_unknown.
 * A control met / not-applicable wins over a waiver; otherwise a waiver in
 * force gives waived, an ended one waiver-expired, else the control's status,
 * else unknown. Returns the number of requirements reported, or 0 when the
 * level is out of range. Pure.
 */
size_t requirements_evaluate(const struct requirement_catalogue *cat,
                             const struct system_record *rec, const char *rules, int level,
                             const char *const *held, size_t nr_held, const char *run_date,
                             requirement_fn fn, void *data);

/* Count one requirement of the given status into c (applicable, and met
 * with not-applicable, partial with planned, not_met with waiver-expired,
 * waived or unknown). */
void requirement_counts_add(struct requirement_counts *c, enum requirement_status status);

/*
 * Fill counts with the statuses of requirements_evaluate (met includes
 * not-applicable; partial includes planned; not_met includes
 * waiver-expired). Zeroes counts first.
 */
void requirements_count(const struct requirement_catalogue *cat,
                        const struct system_record *rec, const char *rules, int level,
                        const char *const *held, size_t nr_held, const char *run_date,
                        struct requirement_counts *counts);

#endif
