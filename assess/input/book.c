/*
 * book.c - tabular input as a stream of rows: XLSX workbooks (libzip and
 * libxml2's streaming reader, no DOM of a sheet) and CSV.
 *
 * This file: sniffing, the workbook and its sheets, rows being built, the
 * text of cells, and the entry points (book.h). The rest is in
 * book_xlsx.c (opening an XLSX), book_sheet.c (streaming a worksheet) and
 * book_csv.c (CSV); book_parts.h ties them together.
 */
#include "book_parts.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "xmlio.h"

/* ===== messages ===== */

char *bk_vformat(const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		n = 0;
	char *s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

/* "256 MiB", "8 KiB" or "100 bytes": a cap as a person reads it. */
const char *bk_size_text(long bytes, char buf[32])
{
	if (bytes >= (1L << 20) && !(bytes & ((1L << 20) - 1)))
		snprintf(buf, 32, "%ld MiB", bytes >> 20);
	else if (bytes >= 1024 && !(bytes & 1023))
		snprintf(buf, 32, "%ld KiB", bytes >> 10);
	else
		snprintf(buf, 32, "%ld bytes", bytes);
	return buf;
}

/* ===== cell references ===== */

void book_col_name(unsigned col, char out[BOOK_REF_MAX])
{
	char rev[8];
	int n = 0;
	unsigned long c = (unsigned long)col + 1;
	while (c > 0 && n < (int)sizeof(rev)) {
		rev[n++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	for (int i = 0; i < n; i++)
		out[i] = rev[n - 1 - i];
	out[n] = '\0';
}

void book_cell_ref(long row, unsigned col, char out[BOOK_REF_MAX])
{
	book_col_name(col, out);
	if (row > 0 && row <= BOOK_MAX_ROWS) {
		size_t n = strlen(out);
		snprintf(out + n, BOOK_REF_MAX - n, "%ld", row);
	}
}

/*
 * Parse an A1-style reference "F12" (letters A..XFD, then an optional row
 * 1..1048576). Returns 0 with *col (0-based) and *row (0 when absent), or -1.
 */
int bk_parse_ref(const char *s, unsigned *col, long *row)
{
	unsigned long c = 0;
	int letters = 0;
	for (; *s >= 'A' && *s <= 'Z'; s++) {
		if (++letters > 3)
			return -1;
		c = c * 26 + (unsigned long)(*s - 'A' + 1);
	}
	if (!letters || c > BOOK_MAX_COLS)
		return -1;
	long r = 0;
	if (*s) {
		if (*s == '0')
			return -1;
		for (; *s >= '0' && *s <= '9'; s++) {
			r = r * 10 + (*s - '0');
			if (r > BOOK_MAX_ROWS)
				return -1;
		}
		if (*s)
			return -1;
	}
	*col = (unsigned)(c - 1);
	*row = r;
	return 0;
}

/* ===== standard input and sniffing ===== */

int book_stdin(const char **data, size_t *len)
{
	if (xmlio_stdin(data, len) < 0)
		return -1;
	if (*len > (size_t)BOOK_MAX_INPUT) {
		char size[32];
		return error_at("-", 0, "standard input is larger than %s", bk_size_text(BOOK_MAX_INPUT, size));
	}
	return 0;
}

void book_stdin_release(void)
{
	xmlio_stdin_release();
}

enum book_kind book_sniff_bytes(const void *head, size_t len)
{
	const unsigned char *p = head;
	if (len >= 4 && p[0] == 'P' && p[1] == 'K' &&
	    ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6)))
		return BOOK_XLSX;
	if (len >= 4 && p[0] == 0xD0 && p[1] == 0xCF && p[2] == 0x11 && p[3] == 0xE0)
		return BOOK_LEGACY;
	size_t i = 0;
	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i < len && p[i] == '<')
		return BOOK_XML;
	return BOOK_CSV;
}

/* Read up to cap bytes from the start of fd into buf; returns the count or
 * -1 (errno set). */
static ssize_t read_head(int fd, unsigned char *buf, size_t cap)
{
	size_t got = 0;
	while (got < cap) {
		ssize_t n = read(fd, buf + got, cap - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

#define SNIFF_BYTES 4096

int book_sniff(const char *path, enum book_kind *kind)
{
	if (!strcmp(path, "-")) {
		const char *data;
		size_t len;
		if (book_stdin(&data, &len) < 0)
			return -1;
		*kind = book_sniff_bytes(data, len < SNIFF_BYTES ? len : SNIFF_BYTES);
		return 0;
	}
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return error("cannot open '%s': %s", path, strerror(errno));
	unsigned char head[SNIFF_BYTES];
	ssize_t n = read_head(fd, head, sizeof(head));
	int saved = errno;
	close(fd);
	if (n < 0)
		return error("cannot read '%s': %s", path, strerror(saved));
	*kind = book_sniff_bytes(head, (size_t)n);
	return 0;
}

/* ===== the workbook ===== */

/* Report a problem of the workbook as "FILE: MESSAGE"; returns -1. */
int wb_error(const struct book *wb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = bk_vformat(fmt, ap);
	va_end(ap);
	error_at(wb->file, 0, "%s", msg);
	free(msg);
	return -1;
}

long bk_cap(long asked, long max)
{
	return asked > 0 && asked < max ? asked : max;
}

static struct book *wb_new(const char *file, const struct book_options *opt)
{
	struct book *wb = xcalloc(1, sizeof(*wb));
	static const struct book_options defaults;
	if (!opt)
		opt = &defaults;
	wb->file = xstrdup(file);
	wb->max_rows = bk_cap(opt->max_rows, BOOK_MAX_ROWS);
	wb->max_unzipped = bk_cap(opt->max_unzipped, BOOK_MAX_UNZIPPED);
	wb->max_strings = bk_cap(opt->max_shared_strings, BOOK_MAX_SHARED_STRINGS);
	wb->max_string_bytes = bk_cap(opt->max_shared_bytes, BOOK_MAX_SHARED_BYTES);
	strbuf_init(&wb->sst);
	return wb;
}

struct sheet *add_sheet(struct book *wb, const char *name)
{
	ALLOC_GROW(wb->sheets, wb->nr_sheets + 1, wb->alloc_sheets);
	struct sheet *sh = &wb->sheets[wb->nr_sheets++];
	memset(sh, 0, sizeof(*sh));
	sh->name = xstrdup(name);
	return sh;
}

void book_free(struct book *wb)
{
	if (!wb)
		return;
	if (wb->zip)
		zip_discard(wb->zip);
	for (size_t i = 0; i < wb->nr_sheets; i++) {
		free(wb->sheets[i].name);
		free(wb->sheets[i].part);
	}
	free(wb->sheets);
	strbuf_release(&wb->sst);
	free(wb->sst_off);
	free(wb->xf_date);
	free(wb->file);
	free(wb);
}

enum book_kind book_kind(const struct book *wb)
{
	return wb->kind;
}

const char *book_file(const struct book *wb)
{
	return wb->file;
}

int book_date1904(const struct book *wb)
{
	return wb->date1904;
}

size_t book_sheet_count(const struct book *wb)
{
	return wb->nr_sheets;
}

const char *book_sheet_name(const struct book *wb, size_t i)
{
	return i < wb->nr_sheets ? wb->sheets[i].name : NULL;
}

int book_sheet_hidden(const struct book *wb, size_t i)
{
	return i < wb->nr_sheets && wb->sheets[i].hidden;
}

long book_find_sheet(const struct book *wb, const char *name)
{
	for (size_t i = 0; i < wb->nr_sheets; i++)
		if (!strcmp(wb->sheets[i].name, name))
			return (long)i;
	return -1;
}

/* ===== rows being built ===== */

void rowbuf_init(struct rowbuf *rb)
{
	memset(rb, 0, sizeof(*rb));
	strbuf_init(&rb->text);
}

void rowbuf_release(struct rowbuf *rb)
{
	free(rb->cells);
	free(rb->off);
	strbuf_release(&rb->text);
}

void rowbuf_reset(struct rowbuf *rb)
{
	rb->nr = 0;
	rb->bytes = 0;
	strbuf_reset(&rb->text);
}

/* Add a cell; text is copied, or borrowed when borrow is set (it must live
 * until the row is delivered). Returns the cell to fill in further. */
struct book_cell *rowbuf_add(struct rowbuf *rb, unsigned col, enum book_cell_type type,
                             const char *text, size_t len, int borrow)
{
	ALLOC_GROW(rb->cells, rb->nr + 1, rb->alloc);
	ALLOC_GROW(rb->off, rb->nr + 1, rb->alloc_off);
	struct book_cell *c = &rb->cells[rb->nr];
	memset(c, 0, sizeof(*c));
	c->col = col;
	c->type = type;
	c->len = len;
	if (borrow) {
		c->text = text;
		rb->off[rb->nr] = SIZE_MAX;
	} else {
		rb->off[rb->nr] = rb->text.len;
		strbuf_add(&rb->text, text, len);
		strbuf_add(&rb->text, "", 1);
	}
	rb->bytes += len;
	rb->nr++;
	return c;
}

/* Hand a finished row to fn. Returns fn's answer. */
int rowbuf_deliver(struct rowbuf *rb, const struct book *wb, const char *sheet, long number,
                   long line, book_row_fn fn, void *data)
{
	for (size_t i = 0; i < rb->nr; i++)
		if (rb->off[i] != SIZE_MAX)
			rb->cells[i].text = rb->text.buf + rb->off[i];
	struct book_row row = {wb->file, sheet, number, line, rb->nr, rb->cells};
	return fn(data, &row);
}

const struct book_cell *book_row_cell(const struct book_row *row, unsigned col)
{
	static const struct book_cell empty = {0, WB_EMPTY, "", 0, 0, ""};
	size_t lo = 0, hi = row->nr_cells;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (row->cells[mid].col == col)
			return &row->cells[mid];
		if (row->cells[mid].col < col)
			lo = mid + 1;
		else
			hi = mid;
	}
	return &empty;
}

int book_cell_error(const struct book_row *row, long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = bk_vformat(fmt, ap);
	va_end(ap);
	char ref[BOOK_REF_MAX];
	if (col >= 0)
		book_cell_ref(row->number, (unsigned)col, ref);
	if (row->line > 0 && col >= 0)
		error_at(row->file, row->line, "%s: %s", ref, msg);
	else if (row->line > 0)
		error_at(row->file, row->line, "row %ld: %s", row->number, msg);
	else if (col >= 0)
		error_at(row->file, 0, "%s!%s: %s", row->sheet, ref, msg);
	else
		error_at(row->file, 0, "%s!%ld:%ld: %s", row->sheet, row->number, row->number, msg);
	free(msg);
	return -1;
}

/* ===== text ===== */

static void add_utf8(struct strbuf *sb, unsigned long cp)
{
	unsigned char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	strbuf_add(sb, b, n);
}

/* "_xHHHH_" at s (at least 7 bytes): the code unit, or -1. */
static long escape_at(const char *s, size_t avail)
{
	if (avail < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return -1;
	long v = 0;
	for (int i = 2; i < 6; i++) {
		int c = (unsigned char)s[i], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/*
 * Append s[0..len) to sb with Excel's escapes decoded: "_xHHHH_" is the
 * UTF-16 code unit HHHH ("_x000D_" a carriage return, "_x005F_" an
 * underscore); a surrogate pair makes one character; U+0000 and a lone
 * surrogate become U+FFFD.
 */
void bk_add_unescaped(struct strbuf *sb, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		const char *u = memchr(s + i, '_', len - i);
		size_t k = u ? (size_t)(u - s) : len;
		strbuf_add(sb, s + i, k - i);
		if (!u)
			break;
		long cp = escape_at(s + k, len - k);
		if (cp < 0) {
			strbuf_add(sb, "_", 1);
			i = k + 1;
			continue;
		}
		i = k + 7;
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			long lo = escape_at(s + i, len - i);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				i += 7;
			}
		}
		if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
			cp = 0xFFFD;
		add_utf8(sb, (unsigned long)cp);
	}
}

/* Offset of the first byte of s[0..len) that is not valid UTF-8 (or is
 * NUL), or len when all is well. */
size_t bk_utf8_bad(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned long cp;
		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (i + n >= len)
			return i;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return i;
		i += n + 1;
	}
	return len;
}

/* Strip ASCII white space from both ends of s[0..*len); returns the start. */
const char *bk_trim(const char *s, size_t *len)
{
	size_t n = *len;
	while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	*len = n;
	return s;
}

/* 1 when s is a number as Excel stores one: -?digits[.digits][E[+-]digits]. */
int bk_is_stored_number(const char *s, size_t len)
{
	size_t i = 0, digits = 0;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (!digits)
		return 0;
	if (i < len && (s[i] == 'E' || s[i] == 'e')) {
		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		size_t exp = 0;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			exp++;
		if (!exp)
			return 0;
	}
	return i == len;
}

/*
 * The date of an Excel serial number: 1900 system (serial 1 is 1900-01-01;
 * Excel counts a 1900-02-29 that never was, serial 60, so later serials are
 * one day ahead of the calendar) or 1904 system (serial 0 is 1904-01-01).
 * The time of day is dropped. Returns 0 with out, or -1 when the serial is
 * no calendar date (before the epoch, serial 60 of 1900, after 9999).
 */
int bk_serial_to_date(double serial, int date1904, char out[11])
{
	if (!isfinite(serial) || serial < 0 || serial >= 2958466)
		return -1;
	long n = (long)floor(serial);
	long days; /* since 1970-01-01 */
	if (date1904) {
		days = n - 24107;
	} else {
		if (n < 1 || n == 60)
			return -1;
		days = n < 60 ? n - 25568 : n - 25569;
	}
	days_to_date(days, out);
	return is_iso_date(out) ? 0 : -1;
}

/* ===== open and read ===== */

static int open_kind(struct book *wb, enum book_kind kind)
{
	switch (kind) {
	case BOOK_XLSX:
		wb->kind = BOOK_XLSX;
		return xlsx_open(wb);
	case BOOK_CSV: {
		wb->kind = BOOK_CSV;
		char *name = csv_sheet_name(wb->file);
		add_sheet(wb, name);
		free(name);
		return 0;
	}
	case BOOK_XML:
		return wb_error(wb, "an XML file, not a workbook or CSV file");
	case BOOK_LEGACY:
		return wb_error(wb, "encrypted or legacy .xls workbook: save it as .xlsx");
	}
	return -1;
}

int book_open_memory(const char *name, const void *data, size_t len,
                         const struct book_options *opt, struct book **out)
{
	*out = NULL;
	struct book *wb = wb_new(name, opt);
	if (len > (size_t)BOOK_MAX_INPUT) {
		char size[32];
		wb_error(wb, "larger than %s", bk_size_text(BOOK_MAX_INPUT, size));
		book_free(wb);
		return -1;
	}
	wb->data = data;
	wb->len = len;
	if (open_kind(wb, book_sniff_bytes(data, len < SNIFF_BYTES ? len : SNIFF_BYTES)) < 0) {
		book_free(wb);
		return -1;
	}
	*out = wb;
	return 0;
}

int book_open(const char *path, const struct book_options *opt, struct book **out)
{
	*out = NULL;
	if (!strcmp(path, "-")) {
		const char *data;
		size_t len;
		if (book_stdin(&data, &len) < 0)
			return -1;
		return book_open_memory(path, data, len, opt, out);
	}
	enum book_kind kind;
	if (book_sniff(path, &kind) < 0)
		return -1;
	struct book *wb = wb_new(path, opt);
	if (open_kind(wb, kind) < 0) {
		book_free(wb);
		return -1;
	}
	*out = wb;
	return 0;
}

int book_read_sheet(struct book *wb, size_t i, book_row_fn fn, void *data)
{
	if (i >= wb->nr_sheets)
		return error("%s: no sheet %zu (the workbook has %zu)", wb->file, i, wb->nr_sheets);
	if (wb->kind == BOOK_CSV)
		return csv_read_sheet(wb, fn, data);
	return xlsx_read_sheet(wb, i, fn, data);
}
