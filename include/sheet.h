/*
 * sheet.h - the inventory as a workbook: sheets, columns and rows mapped to
 * the vocabulary (vocabulary.def), both ways.
 *
 * One sheet a record (organisations, systems, components, inspections ...),
 * one column a field, in table order; a child record's sheet starts with
 * the id of its parent (the system, the organisation). A cell holds a label
 * of the field's list in Vietnamese or English, or its code; case and
 * surrounding spaces do not matter. A workbook (XLSX, or a CSV file of the
 * systems sheet alone) is read into a struct sheet_book of codes, checked
 * cell by cell ("kiem-ke.xlsx: Hệ thống!F12: label: what is allowed"), and
 * turned into an inventory XML document of format v1, which the inventory
 * reader then reads like any file. Writing goes the other way
 * (xlsx_out.h): the template, and a stored snapshot.
 */
#ifndef ASSESS_SHEET_H
#define ASSESS_SHEET_H

#include <stddef.h>

#include "vocabulary.h"

struct strbuf;
struct store;

/* One row of a record: its parent's id (child records), its field values
 * as codes (NULL = empty; SET: codes separated by one space), and the
 * sheet row it came from (0 when it did not come from a sheet). */
struct sheet_rec {
	char *key;
	char **v;
	long row;
};

struct sheet_table {
	struct sheet_rec *rows;
	size_t nr, alloc;
};

/* A whole inventory, one table a record (enum vocab_record). */
struct sheet_book {
	struct sheet_table t[VR__COUNT];
	char *sheet[VR__COUNT]; /* the name of each record's sheet as read, or NULL */
	int csv;                /* read from a CSV file */
};

void sheet_book_init(struct sheet_book *b);
void sheet_book_release(struct sheet_book *b);
/* Append an empty row to record r's table (key copied, may be NULL). */
struct sheet_rec *sheet_book_add(struct sheet_book *b, enum vocab_record r, const char *key);
/* Set field i of rec to a copy of code (NULL or "" clears it). */
void sheet_rec_set(struct sheet_rec *rec, size_t i, const char *code);

/* ---- layout ---- */

/* The order sheets stand in a workbook (the instructions come first). */
extern const enum vocab_record sheet_order[VR__COUNT];
/* The name of record r's sheet (at most 31 characters). */
const char *sheet_name(enum vocab_record r, enum vocab_lang lang);
/* The name of the instructions sheet, and of the hidden sheet of lists. */
const char *sheet_instructions_name(enum vocab_lang lang);
const char *sheet_lists_name(void);
/* The field of the parent whose id starts record r's rows (a system's id,
 * an organisation's id), or NULL for records without one (inventory,
 * organisation, system). */
const struct vocab_field *sheet_key_field(enum vocab_record r);

/* The label of a code of list l in lang, for a cell; codes outside the
 * list are returned as they are. */
const char *sheet_value_label(enum vocab_list l, const char *code, enum vocab_lang lang);

/* ---- reading ---- */

/*
 * Read a workbook or CSV file (by content) into b, which must be
 * initialised. Every problem is reported with its cell. Returns 0, 1 when
 * problems were reported (b holds what was read), -1 runtime failure.
 */
int sheet_read_book(const char *path, struct sheet_book *b);
/* The inventory XML document (format v1) of b. */
void sheet_to_xml(const struct sheet_book *b, struct strbuf *out);

/*
 * The one hook of the inventory reader: open path for reading as an
 * inventory document. An XML file is opened as it is; a workbook or CSV file
 * is read, checked and converted, and *fd reads the converted document.
 * Returns 0 with *fd, 1 when problems were reported, -1 runtime failure.
 */
int sheet_open_inventory(const char *path, int *fd);

/* ---- writing ---- */

/* The worked example of the template: one row a sheet that validates. */
void sheet_example(struct sheet_book *b, const char *as_of);
/* Snapshot `snapshot` of the store into b. Returns 0 or -1. */
int sheet_from_store(struct store *st, long snapshot, struct sheet_book *b);

#endif
