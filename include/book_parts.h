/*
 * book_parts.h - the parts of the tabular reader (assess/input/): book.c
 * holds the workbook, rows being built, text and the entry points;
 * book_xlsx.c opens an XLSX (its parts, relationships, shared strings,
 * styles); book_sheet.c streams one worksheet; book_csv.c reads CSV. Not
 * for other modules: they use book.h.
 */
#ifndef ASSESS_BOOK_PARTS_H
#define ASSESS_BOOK_PARTS_H

#include <stdarg.h>
#include <stddef.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "book.h"
#include "util.h"

struct xmlio_input;

/* ===== the workbook (book.c) ===== */

struct sheet {
	char *name;   /* as the tab shows it */
	char *part;   /* XLSX: the part's name in the zip */
	int hidden;   /* state hidden or veryHidden */
};

struct book {
	enum book_kind kind;  /* BOOK_XLSX or BOOK_CSV */
	char *file;               /* the name as given */
	const char *data;         /* bytes in memory (borrowed), or NULL: read file */
	size_t len;
	/* caps, from the options */
	long max_rows, max_unzipped, max_strings, max_string_bytes;

	struct sheet *sheets;
	size_t nr_sheets, alloc_sheets;

	/* XLSX */
	zip_t *zip;
	zip_uint64_t archive_size; /* bytes of the zip file */
	long unzipped;             /* bytes inflated so far, all parts */
	int date1904;
	struct strbuf sst;         /* shared strings, each NUL-terminated */
	size_t *sst_off;           /* offset of each string in sst */
	size_t nr_sst, alloc_sst;
	unsigned char *xf_date;    /* 1 per cellXfs index whose format is a date */
	size_t nr_xf, alloc_xf;
};

/* Report a problem of the workbook as "FILE: MESSAGE"; returns -1. */
int wb_error(const struct book *wb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A new sheet at the end of wb's list. */
struct sheet *add_sheet(struct book *wb, const char *name);
/* asked when it is positive and below max, else max */
long bk_cap(long asked, long max);
/* The message fmt, ap formats (a new string). */
char *bk_vformat(const char *fmt, va_list ap);
/* "256 MiB", "8 KiB" or "100 bytes": a cap as a person reads it. */
const char *bk_size_text(long bytes, char buf[32]);
/* An A1-style reference "F12": 0 with *col (0-based) and *row (0 when
 * absent), or -1. */
int bk_parse_ref(const char *s, unsigned *col, long *row);

/* ===== rows being built (book.c) ===== */

struct rowbuf {
	struct book_cell *cells;
	size_t *off;            /* offset of each cell's text in text, or SIZE_MAX: borrowed */
	size_t nr, alloc, alloc_off;
	struct strbuf text;     /* the text copied for this row */
	size_t bytes;           /* bytes of text of all cells */
};

/* The cells of one row: rowbuf_add() copies text, or borrows it when borrow
 * is set (until rowbuf_deliver() hands the row to fn and returns its answer). */
void rowbuf_init(struct rowbuf *rb);
void rowbuf_release(struct rowbuf *rb);
void rowbuf_reset(struct rowbuf *rb);
struct book_cell *rowbuf_add(struct rowbuf *rb, unsigned col, enum book_cell_type type,
                             const char *text, size_t len, int borrow);
int rowbuf_deliver(struct rowbuf *rb, const struct book *wb, const char *sheet, long number,
                   long line, book_row_fn fn, void *data);

/* ===== text (book.c) ===== */

/* s[0..len) appended to sb with Excel's "_xHHHH_" escapes decoded */
void bk_add_unescaped(struct strbuf *sb, const char *s, size_t len);
/* offset of the first byte that is not valid UTF-8 (or NUL), else len */
size_t bk_utf8_bad(const unsigned char *s, size_t len);
/* s[0..*len) without ASCII white space at either end */
const char *bk_trim(const char *s, size_t *len);
/* 1 when s is a number as Excel stores one */
int bk_is_stored_number(const char *s, size_t len);
/* the date of an Excel serial number (1900 or 1904 system): 0, or -1 */
int bk_serial_to_date(double serial, int date1904, char out[11]);

/* ===== parts of the zip (book_xlsx.c) ===== */

struct part {
	struct book *wb;
	const char *name;       /* the part's name in the zip */
	const char *sheet;      /* the worksheet read, for messages, or NULL */
	zip_file_t *zf;
	zip_uint64_t comp;      /* compressed bytes, at most the archive's */
	zip_uint64_t out;       /* bytes inflated from this part */
	int failed;             /* a problem was reported: say nothing more */
	struct xmlio_input *in; /* the policy on its bytes */
	xmlTextReaderPtr r;
	char *xml_error;        /* the first error libxml2 reported */
	long xml_line;
	xmlStructuredErrorFunc saved_handler;
	void *saved_ctx;
};

/* A part of the zip read through xmlio.h under the caps: part_open() 0 or
 * -1 after reporting; part_next() 1, 0 at the end, -1 after reporting;
 * part_attr() an attribute without namespace (free() it); the handlers:
 * libxml2's errors to the part (ours) or back (theirs); the text of an <si>
 * or <is> element, raw, appended to raw (1, or -1 after reporting). */
int part_open(struct part *p, struct book *wb, const char *name, const char *sheet);
void part_close(struct part *p);
int part_next(struct part *p);
int part_is_text(struct part *p);
char *part_attr(struct part *p, const char *name);
void part_handlers_ours(struct part *p);
void part_handlers_theirs(struct part *p);
int part_read_rich_text(struct part *p, struct strbuf *raw, size_t cap_bytes, const char *what);

/* ===== the entry points of each kind ===== */

/* book_xlsx.c: read the workbook's structure (sheets, shared strings,
 * styles); book_sheet.c: stream sheet i; book_csv.c: the one sheet of a
 * CSV file, and its name. 0 or -1 after reporting, as book.h. */
int xlsx_open(struct book *wb);
int xlsx_read_sheet(struct book *wb, size_t i, book_row_fn fn, void *data);
int csv_read_sheet(struct book *wb, book_row_fn fn, void *data);
char *csv_sheet_name(const char *file);

#endif
