/*
 * inventory.h - read inventory files (criteria/schema/inventory.md) as a
 * stream.
 *
 * A reader checks each file against the vocabulary (vocabulary.h: every
 * element, attribute and value, as the RELAX NG schema generated from it
 * states them) and for meaning (ids, references, dates, cadences),
 * reporting every problem as "file:line: message" through error_at(). It
 * never holds a whole file: one <system> at a time is expanded, turned into
 * a struct system_record, handed to the caller's sink and released. What the
 * cross-file checks need (ids with their place, references, component edges)
 * is kept in a struct inventory_checker shared by all files of one command.
 *
 * Input is hostile and read through xmlio.h: no DOCTYPE, no entity
 * reference, no network, no external resource. Standard input and anything
 * that is not a regular file is read into memory first (XMLIO_MAX_INPUT).
 *
 * Threads: a checker belongs to one thread; inventory_read() may run the
 * schema on a second thread of its own (INVENTORY_SCHEMA_ALWAYS).
 */
#ifndef ASSESS_INVENTORY_H
#define ASSESS_INVENTORY_H

#include "facts.h"

/* What the reader hands out, in document order. Every callback may be NULL;
 * one returning -1 is a runtime failure: reading stops and inventory_read()
 * returns -1. Records are borrowed: valid only during the call. */
struct inventory_sink {
	void *data; /* passed back to every callback */
	/* the file's root was read: its name as given and its as-of date */
	int (*on_file)(void *data, const char *file, const char *as_of);
	/* one organization without problems of its own */
	int (*on_organization)(void *data, const struct organization *org);
	/* one system without problems of its own */
	int (*on_system)(void *data, const struct system_record *rec);
};

/* Cross-file state of one command (ids seen, references to resolve). */
struct inventory_checker;

/* A new checker. */
struct inventory_checker *inventory_checker_new(void);
/* Release a checker; accepts NULL. */
void inventory_checker_free(struct inventory_checker *chk);

/* When the RELAX NG schema (vocab_rng()) reads a file too. Either way the
 * same problems are reported: the C checks state everything the schema
 * does, more precisely (tests/fuzz/fuzz_validators.c holds them to it). */
enum inventory_schema {
	/* the default (import, review): the C checks alone, and the schema only
	 * for a file in which they found a problem a grammar states, for its
	 * messages */
	INVENTORY_SCHEMA_ON_PROBLEM,
	/* every file, on a second thread (validate) */
	INVENTORY_SCHEMA_ALWAYS
};
void inventory_checker_set_schema(struct inventory_checker *chk, enum inventory_schema use);

/*
 * Optional: ids already stored elsewhere (importing into a database that
 * holds other owners' systems). known_system returns non-zero when id is a
 * stored system; known_org_role returns the stored organization's role
 * (borrowed) or NULL. Either function may be NULL.
 */
void inventory_checker_set_resolver(struct inventory_checker *chk,
                                    int (*known_system)(void *data, const char *id),
                                    const char *(*known_org_role)(void *data, const char *id),
                                    void *data);

/*
 * Read one file ("-" = standard input). Reports every problem with
 * error_at(file, line, ...). The sink sees only records without problems of
 * their own. Returns 0 valid, 1 problems reported (input rejected), -1
 * runtime failure (cannot open or read the file, or a sink callback
 * failed), reported once.
 */
int inventory_read(struct inventory_checker *chk, const char *path,
                   const struct inventory_sink *sink);

/*
 * After all files: references between records (owner, operator, parent,
 * components, component cycles), forward references across files allowed.
 * Returns 0, or 1 when problems were reported.
 */
int inventory_checker_finish(struct inventory_checker *chk);

/* Number of <system> elements read so far (with or without problems). */
size_t inventory_checker_systems(const struct inventory_checker *chk);
/* Number of the problems reported so far that a grammar states too, or of
 * the input itself (not well-formed XML, refused): the schema rejects such
 * a file. The others are of meaning (calendar dates, ids, references,
 * cadences), which only the C checks see. */
size_t inventory_checker_grammar_problems(const struct inventory_checker *chk);

#endif
