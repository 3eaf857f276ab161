/*
 * inventory_parts.h - the parts of the inventory reader (assess/input/):
 * inventory.c reads files and builds records, element.c checks an element
 * against the vocabulary (the table-driven C checks: the validator of
 * import and review), xref.c keeps what the cross-file checks need. Not for
 * other modules: they use inventory.h.
 */
#ifndef ASSESS_INVENTORY_PARTS_H
#define ASSESS_INVENTORY_PARTS_H

#include <stddef.h>

#include <libxml/tree.h>

#include "inventory.h"
#include "vocabulary.h"

struct xmlio_stream;
struct id_entry;

/* ===== cross-file state (xref.c) ===== */

enum ref_kind { REF_OWNER, REF_OPERATOR, REF_COMPONENT, REF_PARENT };

/* A string stored once, and the definition of the id it spells (or NULL). */
struct intern_slot {
	const char *s;
	struct id_entry *id;
};

/* Strings stored once: open addressing over blocks of characters. (libxml2's
 * xmlDict stops growing its table at a few thousand buckets, which makes a
 * million ids slow.) */
struct strings {
	struct intern_slot *slots;  /* size slots, a power of two, at most half used */
	size_t size, used;
	char **blocks;              /* the characters */
	size_t nr_blocks, alloc_blocks, block_left;
};

struct xref;

struct inventory_checker {
	enum inventory_schema schema_use; /* when the RELAX NG schema runs */
	struct xmlio_schema *schema;      /* the validator's copy, made on first use */
	struct strings strings;           /* ids and roles, each stored once, with the id's entry */
	struct id_entry **pools;          /* the entries, ID_POOL to a block */
	size_t nr_pools, alloc_pools, pool_used;
	char **files;                     /* every file name read, owned */
	size_t nr_files, alloc_files;
	struct xref *refs;                /* references to resolve at finish */
	size_t nr_refs, alloc_refs;
	size_t nr_systems;                /* <system> elements read */
	size_t nr_system_ids;             /* distinct system ids: nodes of the graph */
	size_t grammar_problems;          /* problems a grammar states too, and of
	                                   * the input (not XML, refused) */
	size_t meaning_problems;          /* problems only the C checks see */
	int (*known_system)(void *data, const char *id);
	const char *(*known_org_role)(void *data, const char *id);
	void *resolver_data;
	/* the file being read */
	const char *file;                 /* its name, borrowed from files */
	const struct inventory_sink *sink;
	struct xmlio_stream *stream;
};

/* The file name stored in the checker (for records and messages). */
const char *xref_file(struct inventory_checker *chk, const char *path);
/* Record id of kind 's' (system) or 'o' (organization, with its role)
 * defined at line of the current file. Returns 0 new, -1 a duplicate
 * (reported against w). */
struct walk;
int xref_define(struct walk *w, const char *id, char kind, const char *role, long line);
/* A reference of kind from id `from` to id `to`, at line of the current
 * file, checked at inventory_checker_finish(). */
void xref_add(struct inventory_checker *chk, enum ref_kind kind, const char *from, const char *to,
              long line);
/* Free what xref.c keeps. */
void xref_release(struct inventory_checker *chk);

/* ===== checking one element (element.c) ===== */

/* The checks of one record element: problems are reported as
 * "file:line: WHAT: message" and counted. */
struct walk {
	struct inventory_checker *chk;
	const char *what;     /* "system 'x': " or "" */
	int problems;         /* problems reported in this record */
	/* the record's own attributes were checked (vals: their values): the
	 * checks of meaning that come before its children's */
	const struct vocab_node *top; /* the record */
	void (*own)(struct walk *w, char **vals, long line, void *data);
	/* a child record was read: its element and node; vals its fields by
	 * index (owned by the walk: take what you keep, setting it NULL), bad
	 * its problems */
	void (*child)(struct walk *w, const struct vocab_node *n, xmlNodePtr elem, char **vals,
	              int bad, void *data);
	void *data;
};

/* Report a problem of the record (printf-style). grammar: a grammar states
 * it too (the schema would reject the document), else it is one of meaning. */
void walk_error(struct walk *w, int grammar, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Check elem, the element of record node n: its attributes, the elements
 * that hold its fields, and its child records (handed to w->child). The
 * values of its fields go to vals[index] (n's record: vals has nr_fields
 * slots, owned by the caller; NULL when absent, bad, or "unknown"). Returns
 * the problems found.
 */
int check_record(struct walk *w, const struct vocab_node *n, xmlNodePtr elem, char **vals);
/* Only elem's attributes (the root, whose children are streamed). */
void check_attributes(struct walk *w, const struct vocab_node *n, xmlNodePtr elem, long line,
                      char **vals);
/* 1 when s is an identifier. */
int is_identifier(const char *s, size_t len);

#endif
