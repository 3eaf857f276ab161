/*
 * vocabulary.h - the inventory's words, read from the one table
 * (vocabulary.def): records, their fields, the closed lists of values, and
 * their Vietnamese and English labels and legal notes.
 *
 * Everything that names an inventory field follows from here: the XML
 * reader's checks, the RELAX NG schema (vocab_rng), the <vocabulary>
 * document (vocab_xml, `assess schema vocabulary`), the workbook's sheets
 * (one a record), columns (its fields, in order), drop-down lists (a
 * field's list) and cell notes (a field's note).
 *
 * Everything returned is static and borrowed (never freed). Threads: every
 * function may be called from any thread at any time; the derived tables
 * are built once, on first use, under pthread_once.
 */
#ifndef ASSESS_VOCABULARY_H
#define ASSESS_VOCABULARY_H

#include <stddef.h>

#include "facts.h"

struct strbuf;

/* What a field's value must be (vocabulary.def explains each). */
enum vocab_kind {
	VK_TEXT,     /* any text */
	VK_LABEL,    /* text that is not blank */
	VK_ID,       /* identifier */
	VK_RULES,    /* rule-set id */
	VK_DECISION, /* decision number */
	VK_DATE,     /* YYYY-MM-DD, a real calendar date */
	VK_COUNT,    /* digits, at most 18 */
	VK_LEVEL,    /* a number out of the field's list */
	VK_TRI,      /* yes | no | unknown */
	VK_ENUM,     /* one code of the field's list */
	VK_SET,      /* codes of the list, one element each */
	VK_PRESENT   /* "yes" when its element is there */
};

/* The closed lists. */
#define VOCAB_LIST_ENUM_(LIST, id) VL_##LIST,
enum vocab_list { VL_NONE, VOCAB_LISTS(VOCAB_LIST_ENUM_) VL__COUNT };
#undef VOCAB_LIST_ENUM_

/* The records, parents before children. */
#define VOCAB_RECORD_ENUM_(RECORD, ...) VR_##RECORD,
enum vocab_record { VOCAB_RECORDS(VOCAB_RECORD_ENUM_) VR__COUNT, VR_NONE = -1 };
#undef VOCAB_RECORD_ENUM_

/* Field flags (vocabulary.def: OPT, REQ, ELEM). */
#define VOCAB_REQUIRED 1u /* must be given when its element is there */
#define VOCAB_ELEMENT 2u  /* its element must be there */

enum vocab_lang { VOCAB_VI, VOCAB_EN };

/* One entry of a list. */
enum vocab_value_kind {
	VV_VALUE,   /* an allowed value */
	VV_UNKNOWN, /* "unknown": the list takes it, it is no value */
	VV_ALIAS    /* an older code, read as `means` */
};

struct vocab_value {
	const char *code;              /* as written in the inventory */
	const char *label_vi, *label_en; /* VV_ALIAS: NULL (vocab_value_label()
	                                  * gives those of `means`) */
	enum vocab_value_kind kind;
	const char *means;             /* VV_ALIAS: the code it stands for; else NULL */
};

struct vocab_list_def {
	enum vocab_list id;
	const char *name;              /* "system-type" */
	const struct vocab_value *values; /* in the order lists show them */
	size_t nr_values;
	const char *codes;             /* the VV_VALUE codes, space-separated */
	const char *accepted;          /* every code a file may hold (values,
	                                * "unknown", aliases), space-separated */
};

struct vocab_field {
	enum vocab_record record;      /* the record it belongs to */
	int index;                     /* its position in the record (the
	                                * record's enum: F_*, ORG_*, INS_* ...) */
	const char *name;              /* dotted name, unique in the record */
	const char *column;            /* system: column of the store of schema 2 */
	enum vocab_kind kind;
	enum vocab_list list;          /* VL_NONE unless LEVEL TRI ENUM SET */
	const char *element;           /* child element holding it; "" = the record's own */
	const char *attribute;         /* its attribute; NULL = the element's text */
	unsigned flags;                /* VOCAB_REQUIRED, VOCAB_ELEMENT */
	const char *label_vi, *label_en;
	const char *note_vi, *note_en; /* what it means in law, one or two sentences */
};

struct vocab_record_def {
	enum vocab_record id;
	const char *name;              /* "inspection-policy" */
	const char *element;           /* its XML element */
	const char *container;         /* the element it sits in, when not its
	                                * parent's own ("components"); else "" */
	enum vocab_record parent;      /* VR_NONE for the root */
	const char *label_vi, *label_en;
	const char *note_vi, *note_en;
	const struct vocab_field *fields; /* in order */
	size_t nr_fields;
};

/* Record r (0 <= r < VR__COUNT). */
const struct vocab_record_def *vocab_record(enum vocab_record r);
/* The record named name ("system"), or NULL. */
const struct vocab_record_def *vocab_record_find(const char *name);
/* The field of record r called name ("information.secret"), or NULL. */
const struct vocab_field *vocab_field_find(enum vocab_record r, const char *name);
/* The system field of fact id (0 <= id < F__COUNT). */
const struct vocab_field *vocab_fact(enum fact_id id);

/* List l (0 <= l < VL__COUNT; VL_NONE is the empty list). */
const struct vocab_list_def *vocab_list(enum vocab_list l);
/* The entry of list l whose code is code (a value, "unknown" when the list
 * takes it, or an alias), or NULL. */
const struct vocab_value *vocab_value_find(enum vocab_list l, const char *code);

/* The language named "vi" or "en" (a --lang option) into *out: 0, or -1
 * for any other text (nothing reported: the command says what it takes). */
int vocab_lang_parse(const char *text, enum vocab_lang *out);

/* Labels and notes in lang. */
const char *vocab_record_label(enum vocab_record r, enum vocab_lang lang);
const char *vocab_field_label(const struct vocab_field *f, enum vocab_lang lang);
const char *vocab_field_note(const struct vocab_field *f, enum vocab_lang lang);
/* The label of code in list l; NULL when code is not an entry of l. */
const char *vocab_value_label(enum vocab_list l, const char *code, enum vocab_lang lang);

/* Lower-case names of kinds, lists and flags as the documents spell them
 * ("enum", "system-type"). */
const char *vocab_kind_name(enum vocab_kind k);

/*
 * The XML shape of the records, derived from the fields: for each record,
 * its own attributes, then the child elements that hold its fields, then
 * the elements of its child records (directly, or in their container).
 */
enum vocab_node_kind {
	VN_RECORD,    /* the element of a record */
	VN_FIELDS,    /* a child element holding fields of its record */
	VN_CONTAINER  /* an element holding child records (<controls>) */
};

struct vocab_node {
	enum vocab_node_kind kind;
	const char *name;                /* the element */
	enum vocab_record record;        /* RECORD: it; FIELDS: the fields'
	                                  * record; CONTAINER: the parent record */
	int required;                    /* must appear (in its parent) */
	int repeat;                      /* may appear more than once */
	const struct vocab_field **attrs; /* its attributes, in table order */
	size_t nr_attrs;
	const struct vocab_field *text;  /* FIELDS: the field of its text, or NULL */
	const struct vocab_field *present; /* FIELDS: a PRESENT field, or NULL */
	const struct vocab_node **children; /* RECORD, CONTAINER: child elements */
	size_t nr_children;
};

/* The root: the <inventory> record's node. */
const struct vocab_node *vocab_tree(void);
/* The node of record r. */
const struct vocab_node *vocab_record_node(enum vocab_record r);
/* The child of node called name (no namespace), or NULL. */
const struct vocab_node *vocab_node_child(const struct vocab_node *node, const char *name);
/* The attribute field of node called name, or NULL. */
const struct vocab_field *vocab_node_attr(const struct vocab_node *node, const char *name);

/*
 * Append the whole table to out as one <vocabulary> element (no XML
 * declaration): its lists with their values and labels, its records with
 * their fields, labels and notes (criteria/schema/inventory.md describes
 * it).
 */
void vocab_xml(struct strbuf *out);

/* vocab_rng(): the published schema, every check a grammar can state. */
#define VOCAB_RNG_PUBLISHED 0u
/* vocab_rng(): without the pattern facets of the kinds the reader checks
 * in C as strictly (ID, DATE, COUNT): libxml2 compiles a pattern facet
 * again for every value it checks, a third of its validation time. */
#define VOCAB_RNG_VALIDATOR 1u

/* Append the RELAX NG schema of the inventory (XML syntax, with its XML
 * declaration) to out. */
void vocab_rng(struct strbuf *out, unsigned flags);

#endif
