/*
 * book.h - tabular input as a stream of rows: XLSX workbooks and CSV.
 *
 * One reader for the spreadsheets units keep their inventories in. The kind
 * of a file is recognised by its content, never by its name. A workbook is
 * opened (its sheet list, shared strings and styles are read), then one sheet
 * at a time is streamed: the caller's callback sees each row that has at
 * least one non-empty cell, with its cells in column order. Nothing here
 * knows what a column means; that is the caller's business.
 *
 * What a cell holds is given as the user sees it or exactly as stored: a
 * string's text, a number's digits as Excel stored them ("12400", "0.5",
 * never reformatted), "12.400" typed as text stays the string "12.400".
 * A number in a date format is a date (YYYY-MM-DD, 1900 or 1904 system).
 *
 * Input is hostile. An XLSX is a zip of XML parts: every part is inflated
 * through a counter (never trusting the sizes the zip declares) under the
 * caps below, parsed with libxml2's streaming reader (no DOM of a sheet)
 * through xmlio.h, and refused at the first DOCTYPE or entity reference.
 * Memory is bounded by the caps, not by the size of the sheet.
 *
 * Errors follow util.h: 0 or -1 after reporting once. A problem of the input
 * (corrupt, hostile, over a cap) is reported with error_at() and so counted
 * by diag_problem_count() (the input is rejected: exit 3); a failure to read
 * a file at all is reported with error() (exit 1). Messages name the file
 * and, where known, the sheet and cell: "kiem-ke.xlsx: Hệ thống!F12: ...".
 *
 * Threads: one workbook belongs to one thread at a time; standard input
 * (book_stdin) is read once per process, from one thread.
 */
#ifndef ASSESS_BOOK_H
#define ASSESS_BOOK_H

#include <stddef.h>

/*
 * Limits. A unit's inventory is a few hundred kilobytes; a national roll-up
 * in one workbook is tens of megabytes. The caps sit well above that and
 * well below what hurts a 2-core, few-gigabyte office machine; a workbook
 * past one is refused with a message naming the cap, never truncated.
 */

/* Excel's own sheet size: rows 1..1048576, columns A..XFD. */
#define BOOK_MAX_ROWS 1048576L
#define BOOK_MAX_COLS 16384
/* Bytes of standard input or of a buffer given to book_open_memory. */
#define BOOK_MAX_INPUT (256L << 20)
/* Bytes inflated from all parts of one workbook, over its whole life
 * (counted while inflating; a sheet read twice counts twice). */
#define BOOK_MAX_UNZIPPED (256L << 20)
/* One part may inflate to at most this many times its compressed size once
 * it is past BOOK_RATIO_FLOOR bytes (Excel's sheets: 5-30 times;
 * deflate's own maximum: about 1,000). */
#define BOOK_MAX_RATIO 200
#define BOOK_RATIO_FLOOR (1L << 20)
/* Entries of the zip, and worksheets of the workbook. */
#define BOOK_MAX_ENTRIES 10000
#define BOOK_MAX_SHEETS 1024
/* The shared-string table, which must be held whole (a cell refers to it by
 * number): strings, and bytes of text in all of them. 10^5 systems with ten
 * distinct texts each are 10^6 strings. */
#define BOOK_MAX_SHARED_STRINGS 2000000L
#define BOOK_MAX_SHARED_BYTES (64L << 20)
/* Cell formats (cellXfs) and number formats (numFmts) of styles.xml. */
#define BOOK_MAX_STYLES 65536
/* One cell's text (Excel holds 32,767 characters, up to 4 bytes each in
 * UTF-8), and all text of one row. */
#define BOOK_MAX_CELL_BYTES 131072
#define BOOK_MAX_ROW_BYTES (16L << 20)

/* What a file holds, by its first bytes. */
enum book_kind {
	BOOK_CSV,    /* anything else: read as CSV text */
	BOOK_XLSX,   /* a zip: "PK\3\4" (or the "PK\5\6" of an empty zip) */
	BOOK_XML,    /* '<' after an optional UTF-8 BOM and white space */
	BOOK_LEGACY  /* an OLE compound file: a password-protected workbook or an old .xls */
};

/* What a cell holds. */
enum book_cell_type {
	WB_EMPTY,   /* nothing (only from book_row_cell for a missing column) */
	WB_STRING,  /* text: a shared, inline or formula string, or any CSV field */
	WB_NUMBER,  /* a number */
	WB_BOOLEAN, /* TRUE or FALSE */
	WB_DATE,    /* a number in a date format, or a cell of type d */
	WB_ERROR    /* a formula error such as #N/A */
};

/* One cell of a row; borrowed, valid only during the row callback. */
struct book_cell {
	unsigned col;                /* column, 0-based: A = 0, F = 5 */
	enum book_cell_type type;
	/* never NULL; UTF-8, _xHHHH_ escapes decoded:
	 *   WB_STRING  the text as the user sees it (not trimmed)
	 *   WB_NUMBER  the number exactly as stored ("12400", "0.5", "1E-3")
	 *   WB_DATE    the serial number as stored ("45306"), or a type-d value
	 *              as stored ("2024-01-15T00:00:00")
	 *   WB_BOOLEAN "TRUE" or "FALSE"
	 *   WB_ERROR   the error as stored ("#N/A") */
	const char *text;
	size_t len;                  /* bytes of text */
	double num;                  /* WB_NUMBER, WB_DATE from a number: the value;
	                              * WB_BOOLEAN: 1 or 0; otherwise 0 */
	char date[11];               /* WB_DATE: YYYY-MM-DD; otherwise "" */
};

/* One row with at least one non-empty cell; borrowed, valid only during the
 * row callback. */
struct book_row {
	const char *file;                  /* the file as given to book_open */
	const char *sheet;                 /* the sheet's name (CSV: the file's base name) */
	long number;                       /* 1-based, as Excel shows it */
	long line;                         /* CSV: the line the row starts on; XLSX: 0 */
	size_t nr_cells;                   /* non-empty cells */
	const struct book_cell *cells; /* in ascending column order */
};

/*
 * Called for each row in order. Return 0 to go on, a negative value to stop
 * with a failure the callback has reported (the read returns -1), a positive
 * value to stop quietly (the read returns 0), e.g. after a header row.
 */
typedef int (*book_row_fn)(void *data, const struct book_row *row);

/* Options of book_open; a zeroed struct (or NULL) means the defaults.
 * Each cap can be lowered, never raised past its BOOK_MAX_*. */
struct book_options {
	/* a row with a non-empty cell beyond this row number is an error;
	 * 0: BOOK_MAX_ROWS */
	long max_rows;
	/* bytes inflated from the zip; 0: BOOK_MAX_UNZIPPED */
	long max_unzipped;
	/* shared strings, and their bytes; 0: BOOK_MAX_SHARED_STRINGS,
	 * BOOK_MAX_SHARED_BYTES */
	long max_shared_strings;
	long max_shared_bytes;
};

struct book;

/*
 * Standard input (xmlio_stdin(): read into memory once per process and
 * kept), at most BOOK_MAX_INPUT bytes: later calls, book_sniff("-") and
 * book_open("-") use the same bytes, and so does a caller that finds XML
 * and reads "-" through xmlio.h. *data and *len are borrowed until
 * book_stdin_release(). Returns 0, or -1 after reporting (read error, too
 * large).
 */
int book_stdin(const char **data, size_t *len);
/* Free the bytes of standard input (end of main, tests); later calls of
 * book_stdin() find it empty. */
void book_stdin_release(void);

/* The kind of a file from its first len bytes (len may be 0). */
enum book_kind book_sniff_bytes(const void *head, size_t len);
/*
 * The kind of the file at path ("-": standard input, see book_stdin).
 * Returns 0 and sets *kind, or -1 after reporting when it cannot be read.
 */
int book_sniff(const char *path, enum book_kind *kind);

/*
 * Open a workbook or CSV file at path ("-": standard input) by its content.
 * XLSX: the sheet list, the shared strings and the styles are read now;
 * CSV: the file is checked readable, its rows are read by
 * book_read_sheet. XML and legacy (.xls, encrypted) files are refused.
 * opt may be NULL. On success *out is a new workbook the caller frees with
 * book_free(); on failure *out is NULL and -1 is returned after
 * reporting.
 */
int book_open(const char *path, const struct book_options *opt,
                  struct book **out);
/*
 * The same for bytes in memory, named name in messages. data is borrowed:
 * it must stay unchanged until book_free(). len is at most
 * BOOK_MAX_INPUT.
 */
int book_open_memory(const char *name, const void *data, size_t len,
                         const struct book_options *opt, struct book **out);
/* Release a workbook; accepts NULL. */
void book_free(struct book *wb);

/* What was opened: BOOK_XLSX or BOOK_CSV. */
enum book_kind book_kind(const struct book *wb);
/* The file name as given (borrowed). */
const char *book_file(const struct book *wb);
/* 1 when dates of the workbook count from 1904 (workbookPr/@date1904). */
int book_date1904(const struct book *wb);

/* Number of worksheets (CSV: 1), in the order of the workbook's tabs;
 * chart sheets are not counted. */
size_t book_sheet_count(const struct book *wb);
/* Name of worksheet i < book_sheet_count() (borrowed, UTF-8). */
const char *book_sheet_name(const struct book *wb, size_t i);
/* 1 when worksheet i is hidden (state hidden or veryHidden), else 0. */
int book_sheet_hidden(const struct book *wb, size_t i);
/* Index of the worksheet called name (exactly, bytes), or -1 (nothing
 * reported). */
long book_find_sheet(const struct book *wb, const char *name);

/*
 * Stream worksheet i: fn(data, row) for each row with a non-empty cell, in
 * the sheet's order. Merged cells are not spread; hidden rows are read.
 * Rows must come in ascending order and cells in ascending column order,
 * as every writer stores them. Returns 0 at the end or when fn stopped
 * quietly, -1 after reporting (corrupt or hostile part, a cap, a row beyond
 * max_rows) or when fn returned a negative value. A sheet may be read more
 * than once; every read counts towards BOOK_MAX_UNZIPPED.
 */
int book_read_sheet(struct book *wb, size_t i, book_row_fn fn, void *data);

/* The cell of row in column col, or a cell of type WB_EMPTY (text "") when
 * the row has none there; never NULL, borrowed like the row. */
const struct book_cell *book_row_cell(const struct book_row *row, unsigned col);

/* Bytes of the longest reference book_cell_ref writes ("XFD1048576"). */
#define BOOK_REF_MAX 16
/* Write the A1-style reference of 1-based row and 0-based column into out:
 * (12, 5) -> "F12"; row <= 0 gives the column alone ("F"). */
void book_cell_ref(long row, unsigned col, char out[BOOK_REF_MAX]);
/* Write the column letters of 0-based col into out: 0 -> "A", 27 -> "AB". */
void book_col_name(unsigned col, char out[BOOK_REF_MAX]);

/*
 * Report a problem with a cell of a row being read, through error_at():
 *   XLSX  "kiem-ke.xlsx: Hệ thống!F12: MESSAGE"
 *   CSV   "kiem-ke.csv:14: F12: MESSAGE" (the line the row starts on)
 * col < 0 names the row instead ("Hệ thống!12:12" / "row 12"). Returns -1.
 */
int book_cell_error(const struct book_row *row, long col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
