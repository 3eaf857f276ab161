/*
 * criteria.h - coded rule sets (criteria/NAME.xml): loading, checking, choosing.
 *
 * A rule set is data: clauses, each a level (or a fact giving the level) and
 * a condition tree over the facts of facts.h. The loader validates the file
 * against criteria/schema/criteria.rng, then checks its meaning (fact names,
 * allowed values, thresholds only on counts, PCRE2 patterns, clause ids,
 * levels), reporting every problem as file:line before rejecting the file.
 * The language is documented in criteria/README.md.
 */
#ifndef ASSESS_CRITERIA_H
#define ASSESS_CRITERIA_H

#include <stddef.h>

#include "article.h"
#include "facts.h"
#include "run.h"

struct rx;
struct strbuf;

enum cond_kind {
	COND_ALL,      /* every child holds (AND = min) */
	COND_ANY,      /* some child holds (OR = max) */
	COND_NOT,      /* the one child does not hold */
	COND_IS,       /* fact equals value */
	COND_IN,       /* ENUM fact is one of the words of value */
	COND_HAS,      /* SET fact contains the word value */
	COND_AT_LEAST, /* COUNT fact >= number */
	COND_BELOW,    /* COUNT fact < number */
	COND_KNOWN,    /* fact is stated (yes or no, never unknown) */
	COND_MATCHES,  /* PCRE2 pattern matches the TEXT fact */
	COND_BEFORE    /* DATE fact is before the date value */
};

struct condition {
	enum cond_kind kind;
	int fact;                     /* enum fact_id of a leaf; -1 for all/any/not */
	char *value;                  /* is/in/has: the value text; matches: the pattern */
	long long number;             /* at-least/below: the threshold; is on a count */
	int near;                     /* at-least/below: 1 when near-threshold flagging applies */
	struct rx *rx;                /* matches: compiled once at load */
	size_t index;                 /* position among the rule set's conditions */
	struct condition *children;   /* all/any/not: the children */
	size_t nr_children;
	long line;                    /* line of the element in the criteria file */
};

/*
 * A reading: how the criteria read a case the legal text does not settle
 * (an internal platform as shared infrastructure, a ministry as a sector
 * ...). Declared once per rule set (<reading id>), referred to by the
 * clauses that rest on it; when a clause holds because of a reading,
 * explain, the results and the dossier say so.
 */
struct reading_def {
	char *id;                     /* "shared-platform" */
	char *text_vi, *text_en;      /* what the reading is and why */
	long line;
};

/* A reading a clause rests on: when the clause holds and cond holds or is
 * unknown (no condition: always), the verdict rests on the reading. */
struct clause_reading {
	size_t reading;               /* index into the rule set's readings */
	int conditional;              /* 1 when cond is given */
	struct condition cond;
	long line;
};

struct clause {
	char *id;                     /* "ND85-9.2c" */
	int level;                    /* 1..5; 0 when level_from is used */
	int level_from;               /* fact id giving the level, or -1 */
	char *article;                /* the article it codes, "ND85 9.2c" (article.h), or NULL */
	char *ref;                    /* legal reference, Vietnamese (from the article, or @ref) */
	char *ref_en;                 /* the same in English */
	char *text_vi;                /* our summary of the clause, Vietnamese */
	char *text_en;                /* the same in English */
	struct clause_reading *readings; /* the readings it may rest on */
	size_t nr_readings;
	struct condition cond;        /* the condition (a single root) */
	long line;
};

/* Why nothing covers a system: shown as the reason when no clause decides. */
struct gap {
	char *text_vi;
	char *text_en;
	struct condition cond;
	long line;
};

/*
 * A periodic inspection cadence (<inspection>): at level (0 = any level),
 * for the systems whose condition holds (none: all), every months months,
 * counting only inspections at least as independent as independent. The
 * first rule in file order that applies to a system decides.
 */
struct inspection_rule {
	int level;                    /* 1..5, or 0 for any level */
	int months;                   /* interval in months */
	enum independence independent;/* the least independence that counts */
	enum cadence_basis basis;     /* law, the owner's policy, or a reminder */
	int severity;                 /* enum severity (run.h) of overdue / never inspected */
	char *article;                /* the article it codes, or NULL */
	char *ref_vi, *ref_en;        /* the article for people (article.h), or NULL */
	char *text_vi, *text_en;      /* what the basis is, for people; NULL when the article says it */
	int conditional;              /* 1 when cond is given */
	struct condition cond;
	long line;
};

/*
 * An inspection that must be done by a licensed organisation
 * (<licensed-inspection>): at level (0 = any) for the systems whose
 * condition holds (none: all); text names the systems ("A level-5 system").
 */
struct licensed_rule {
	int level;                    /* 1..5, or 0 */
	int severity;                 /* enum severity of the finding */
	char *article;                /* the article it codes */
	char *ref_vi, *ref_en;        /* the article for people (article.h) */
	char *text_vi, *text_en;      /* the systems it concerns */
	int conditional;
	struct condition cond;
	long line;
};

/*
 * A hand-over (<delegate>): the systems for which cond holds are assessed
 * under rule set `rules` instead, while the run date is within from..until
 * (Decree 331 Art. 39.1: projects started before 2026-07-01 are appraised
 * under Decree 85 until 2026-12-31).
 */
struct delegate {
	char *rules;                  /* the rule set that assesses them */
	char *from, *until;           /* run dates it applies on, inclusive; NULL: open */
	int auto_only;                /* 1: only when the run's rule set was chosen by date */
	char *article;                /* the article it codes */
	char *text_vi, *text_en;      /* why, for people */
	int conditional;              /* 1 when cond is given */
	struct condition cond;
	long line;
};

/*
 * An approval made under another rule set that this one keeps
 * (<keeps-approval>, Law 116 Art. 45.1): the approved level stays; a level
 * of this rule set that differs is information for the next
 * re-determination (rules-drift, severity), not an under-classification;
 * the measures of this rule set are due by measures_by.
 */
struct kept_approval {
	char *rules;                  /* the rule set of the approval, "ND85" */
	char *article;                /* the article that keeps it */
	char *ref_vi, *ref_en;        /* the article for people (article.h) */
	int severity;                 /* enum severity of rules-drift */
	char *measures_by;            /* YYYY-MM-DD: the new measures are due by then; or NULL */
	char *measures_article;       /* the article of that deadline, or NULL */
	char *measures_ref_vi, *measures_ref_en; /* the same for people, or NULL */
	int before_severity;          /* enum severity of transition-measures up to the date */
	int after_severity;           /* ... and after it */
	long line;
};

/*
 * Separation from other systems when hosted in a rented data centre or
 * cloud (<hosting>): at level (0 = any), for the systems whose condition
 * holds (none: all). The first rule that applies decides.
 */
struct hosting_rule {
	int level;                    /* 1..5, or 0 for any level */
	int physical;                 /* 1 physical separation, 0 logical */
	char *article;                /* the article it codes */
	int conditional;
	struct condition cond;
	long line;
};

struct ruleset {
	char *id;                     /* "ND85", "ND331", a sector's "TT09" */
	char *version;                /* the file's version attribute */
	char *effective_from;         /* YYYY-MM-DD */
	char *effective_to;           /* YYYY-MM-DD, or NULL when open-ended */
	char *title_vi, *title_en;    /* titles */
	char *basis;                  /* legal basis, one line */
	char *document;               /* id of the document the rule set codes ("ND85"), or NULL */
	struct legal_document *documents; /* the documents its articles cite */
	size_t nr_documents;
	struct reading_def *readings; /* its readings, in file order */
	size_t nr_readings;
	char *file;                   /* the file it was loaded from */
	char sha256[65];              /* digest of the file's bytes, lowercase hex */
	struct clause *clauses;       /* in file order */
	size_t nr_clauses;
	struct gap *gaps;             /* in file order */
	size_t nr_gaps;
	int selectable;               /* 1: --rules auto may choose it by date (selection="date") */
	char *catalogue;              /* its requirement catalogue (<catalogue file>, resolved
	                               * beside the rule-set file), or NULL: no requirements */
	int catalogue_mapped;         /* 1: written for another rule set, applied level by level */
	char *catalogue_text;         /* how it applies, for people */
	struct hosting_rule *hosting; /* hosting separation rules, in file order */
	size_t nr_hosting;
	struct delegate *delegates;   /* hand-overs, in file order */
	size_t nr_delegates;
	struct kept_approval *kept;   /* approvals of other rule sets it keeps */
	size_t nr_kept;
	struct inspection_rule *inspections; /* cadences, in file order */
	size_t nr_inspections;
	struct licensed_rule *licensed;   /* licensed-inspection rules, in file order */
	size_t nr_licensed;
	size_t nr_conditions;         /* number of condition nodes (indices 0..n-1) */
};

/*
 * Load and check the rule set in file. On success *out is a new rule set the
 * caller frees with ruleset_free() and 0 is returned; otherwise every problem
 * has been reported with error_at(file, line, ...) and -1 is returned.
 */
int criteria_load(const char *file, struct ruleset **out);

/* Free a rule set and everything it owns; accepts NULL. */
void ruleset_free(struct ruleset *rs);

/*
 * Load every rule set of the criteria directory (paths.h criteria_dir():
 * files *.xml whose root is <ruleset>, in name order; other files are
 * skipped). On success
 * *out is a new array of *nr rule sets (free with ruleset_list_free) and 0 is
 * returned; any invalid rule set is reported and makes it -1.
 */
int criteria_load_all(struct ruleset ***out, size_t *nr);
/* Free an array from criteria_load_all(); accepts NULL. */
void ruleset_list_free(struct ruleset **list, size_t nr);

/*
 * Choose a rule set: rules is an id ("ND85", "ND331") or "auto", which picks
 * the set in force on date (YYYY-MM-DD; effective_from <= date <= effective_to,
 * open-ended to). On success *out is a new rule set the caller frees and 0 is
 * returned; otherwise the problem is reported and -1 returned.
 */
int criteria_find(const char *rules, const char *date, struct ruleset **out);

/*
 * Choose among the rule sets list[0..n): rules is an id, or "auto" for the
 * set in force on date among those --rules auto may choose. Returns its
 * index, or -1 after reporting (unknown id, none or two in force).
 */
int criteria_choose(struct ruleset *const *list, size_t n, const char *rules, const char *date);

/* Index of the rule set with id in list[0..n), or -1. */
int ruleset_list_index(struct ruleset *const *list, size_t n, const char *id);

/* The kept approval of rs for an approval under rule set rules, or NULL. */
const struct kept_approval *ruleset_kept_approval(const struct ruleset *rs, const char *rules);

/* Index of the clause with id in rs, or -1. */
int ruleset_clause_index(const struct ruleset *rs, const char *id);

/* Index of the reading with id in rs, or -1. */
int ruleset_reading_index(const struct ruleset *rs, const char *id);

/* Append the article s (article.h) for people, naming its document as rs
 * declares it, in Vietnamese or English (english = 1). */
void ruleset_article(const struct ruleset *rs, const char *s, int english, struct strbuf *sb);

/* The first unconditional inspection rule for level (1..5), or NULL when
 * none is given (findings.h chooses with the conditions). */
const struct inspection_rule *ruleset_inspection(const struct ruleset *rs, int level);

/* The element name of a kind of condition ("all", "at-least"), or "?". */
const char *condition_kind_name(enum cond_kind kind);
/* Free what cond holds (not cond itself) and zero it. */
void condition_release(struct condition *cond);

/* Append a readable form of cond to sb, e.g.
 * "all(type has citizen-business, data-subjects.users >= 10000)". */
void condition_format(const struct condition *cond, struct strbuf *sb);

#endif
