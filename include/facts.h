/*
 * facts.h - the facts of one system, as the inventory states them.
 *
 * Every scalar fact of inventory format v1 has a stable dotted name
 * ("information.secret", "data-subjects.users"), a kind, and is held as the
 * literal text of the inventory. NULL means unknown: an attribute left out
 * and the literal value "unknown" are the same thing (inventory.md), and no
 * module may turn NULL into "no". Criteria refer to facts by these names.
 * The facts, their names, kinds and values are the system record of the
 * vocabulary (vocabulary.def); vocabulary.h gives their labels and notes.
 * Repeated children (components, inspections, controls, waivers) are arrays
 * beside the scalars.
 */
#ifndef ASSESS_FACTS_H
#define ASSESS_FACTS_H

#include <stddef.h>

#include "vocabulary.def"

enum fact_kind {
	FACT_TEXT,  /* free text (names, decisions) */
	FACT_ID,    /* an identifier */
	FACT_TRI,   /* yes | no ; NULL = unknown */
	FACT_ENUM,  /* one word out of fact_def.values */
	FACT_SET,   /* space-separated words out of fact_def.values (type) */
	FACT_COUNT, /* non-negative integer */
	FACT_DATE   /* YYYY-MM-DD */
};

/*
 * The facts are the fields of the system record of the vocabulary
 * (vocabulary.def, VOCAB_FIELDS_SYSTEM), in its order. FACT_LIST(X) calls
 * X(id, dotted name, kind, allowed values (ENUM/SET, else NULL), column of
 * the store of schema 2) for each.
 */
#define FACT_KIND_TEXT FACT_TEXT
#define FACT_KIND_LABEL FACT_TEXT
#define FACT_KIND_DECISION FACT_TEXT
#define FACT_KIND_ID FACT_ID
#define FACT_KIND_RULES FACT_ID
#define FACT_KIND_DATE FACT_DATE
#define FACT_KIND_COUNT FACT_COUNT
#define FACT_KIND_LEVEL FACT_COUNT
#define FACT_KIND_TRI FACT_TRI
#define FACT_KIND_PRESENT FACT_TRI
#define FACT_KIND_ENUM FACT_ENUM
#define FACT_KIND_SET FACT_SET

/* The codes of a list as one string literal, space-separated ("yes no"):
 * " yes" " no" without its first space. */
#define VOCAB_CODE_(code, vi, en) " " code
#define VOCAB_SKIP_(...)
#define VOCAB_CODES(list) ("" VOCAB_LIST_##list(VOCAB_CODE_, VOCAB_SKIP_, VOCAB_SKIP_) + 1)

#define FACT_WORDS_TEXT(list) NULL
#define FACT_WORDS_LABEL(list) NULL
#define FACT_WORDS_DECISION(list) NULL
#define FACT_WORDS_ID(list) NULL
#define FACT_WORDS_RULES(list) NULL
#define FACT_WORDS_DATE(list) NULL
#define FACT_WORDS_COUNT(list) NULL
#define FACT_WORDS_LEVEL(list) NULL
#define FACT_WORDS_TRI(list) NULL
#define FACT_WORDS_PRESENT(list) NULL
#define FACT_WORDS_ENUM(list) VOCAB_CODES(list)
#define FACT_WORDS_SET(list) VOCAB_CODES(list)

#define FACT_FROM_VOCAB_(X, id, name, column, kind, list, element, attribute, flags, label_vi, \
                         label_en, note_vi, note_en)                                         \
	X(id, name, FACT_KIND_##kind, FACT_WORDS_##kind(list), column)
#define FACT_LIST(X) VOCAB_FIELDS_SYSTEM(FACT_FROM_VOCAB_, X)

#define FACT_ENUM_ID(id, name, kind, values, column) id,
enum fact_id { FACT_LIST(FACT_ENUM_ID) F__COUNT };
#undef FACT_ENUM_ID

/* The fields of the other records (vocabulary.def), in its order: a field's
 * index in its record. */
#define VOCAB_ENUM_ID_(P, id, ...) id,
enum inventory_field { VOCAB_FIELDS_INVENTORY(VOCAB_ENUM_ID_, 0) INV__COUNT };
enum organization_field { VOCAB_FIELDS_ORGANIZATION(VOCAB_ENUM_ID_, 0) ORG__COUNT };
enum policy_field { VOCAB_FIELDS_POLICY(VOCAB_ENUM_ID_, 0) POL__COUNT };
enum component_field { VOCAB_FIELDS_COMPONENT(VOCAB_ENUM_ID_, 0) CMP__COUNT };
enum inspection_field { VOCAB_FIELDS_INSPECTION(VOCAB_ENUM_ID_, 0) INS__COUNT };
enum control_field { VOCAB_FIELDS_CONTROL(VOCAB_ENUM_ID_, 0) CTL__COUNT };
enum waiver_field { VOCAB_FIELDS_WAIVER(VOCAB_ENUM_ID_, 0) WVR__COUNT };

struct fact_def {
	enum fact_id id;     /* index into system_record.value */
	const char *name;    /* dotted name used by criteria ("information.secret") */
	enum fact_kind kind; /* how the text is to be read */
	const char *values;  /* allowed words for ENUM and SET, space-separated */
	const char *column;  /* column of the store's system table */
};

/* The definition of fact id (0 <= id < F__COUNT). */
const struct fact_def *fact_def(enum fact_id id);
/* Look a fact up by dotted name; returns its id or -1. */
int fact_lookup(const char *name);
/* 1 if word is one of the space-separated words of list, else 0. */
int word_in_list(const char *list, const char *word, size_t word_len);

/* Three-valued truth. Ordered so that AND is min and OR is max. */
enum tri { TRI_NO = 0, TRI_UNKNOWN = 1, TRI_YES = 2 };

struct component_ref {
	char *ref;  /* the component's system id */
	long line;  /* line of <component> in the inventory */
};

struct inspection {
	char *date;        /* YYYY-MM-DD */
	char *kind;        /* periodic | ad-hoc | pre-operation */
	char *independent; /* "yes" | "no"; NULL = unknown */
	char *by;          /* who inspected; may be NULL */
	long long findings;/* number of findings; -1 when not given */
	long line;
};

struct control {
	char *ref;      /* requirement id (M.POL.1, D.WAF ...) */
	char *status;   /* met | partial | not-met | not-applicable | planned */
	char *due;      /* date or NULL */
	char *evidence; /* text or NULL */
	long line;
};

struct waiver {
	char *ref;         /* requirement id */
	char *reason;      /* why */
	char *approved_by; /* who */
	char *until;       /* YYYY-MM-DD */
	long line;
};

/* One system of an inventory, with where it was read. */
struct system_record {
	char *file;               /* inventory file it came from */
	long line;                /* line of its <system> element */
	char *value[F__COUNT];    /* fact texts; NULL = unknown/absent */
	struct component_ref *components;
	size_t nr_components, alloc_components;
	struct inspection *inspections;
	size_t nr_inspections, alloc_inspections;
	struct control *controls;
	size_t nr_controls, alloc_controls;
	struct waiver *waivers;
	size_t nr_waivers, alloc_waivers;
};

/* Prepare an empty record / free everything it owns (not rec itself). */
void system_record_init(struct system_record *rec);
void system_record_release(struct system_record *rec);
/* Replace fact id's text with a copy of text (NULL allowed). */
void system_record_set(struct system_record *rec, enum fact_id id, const char *text);

/* Typed readers over a record. tri: "yes"/"no" else unknown.
 * count: the number, or -1 when unknown. */
enum tri fact_tri(const struct system_record *rec, enum fact_id id);
long long fact_count(const struct system_record *rec, enum fact_id id);
/* 1 if the SET/ENUM fact contains word, 0 if not, -1 if unknown. */
int fact_has_word(const struct system_record *rec, enum fact_id id, const char *word);

/*
 * An owner's own inspection cadence for one level (<inspection-policy> of an
 * owner organization): used where the rule set leaves the interval to the
 * owner (criteria <inspection basis="policy">, Decree 331 Art. 28.5a).
 */
struct inspection_policy {
	int level;        /* 1..5 */
	int months;       /* the interval the owner set */
	char *decision;   /* the owner's decision that set it, or NULL */
	long line;        /* line of <inspection-policy> */
};

/* One organization of an inventory. */
struct organization {
	char *id;     /* identifier (ORG_ID) */
	char *role;   /* owner | isec-unit | operator | provider (ORG_ROLE) */
	char *parent; /* parent organization id or NULL (ORG_PARENT) */
	char *name;   /* display name (ORG_NAME) */
	/* the other fields by enum organization_field (mandate, representative,
	 * contact); NULL when not given. The four above are NULL here: read any
	 * field with organization_field(). */
	char *value[ORG__COUNT];
	char *file;
	long line;
	struct inspection_policy *policies; /* an owner's cadences, in file order */
	size_t nr_policies, alloc_policies;
};

void organization_release(struct organization *org);
/* Field f of org (borrowed; NULL when not given). */
const char *organization_field(const struct organization *org, enum organization_field f);

#endif
