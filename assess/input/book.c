/*
 * book.c - tabular input as a stream of rows: XLSX workbooks (libzip and
 * libxml2's streaming reader, no DOM of a sheet) and CSV.
 *
 * An XLSX is read in this order: [Content_Types].xml must be there;
 * _rels/.rels names the workbook part (under xl/); the workbook part gives
 * the sheet names, their relationship ids and the date system; the
 * workbook's relationships give each sheet's part (under xl/), the shared
 * strings and the styles. Those two are read whole at open (a cell refers to
 * them by number); a sheet is streamed when asked for.
 *
 * Every part is inflated through part_read(), which counts the bytes
 * (never trusting the sizes the zip declares) against the workbook's total
 * and the part's compression ratio, and is read through xmlio.h: a DOCTYPE
 * stops the part before libxml2 sees a byte of it. The parser is forced to
 * UTF-8, so a DOCTYPE in any other encoding cannot slip past the watch.
 */
#include "book.h"

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

#include <libxml/xmlreader.h>
#include <zip.h>

#include "diag.h"
#include "util.h"
#include "xmlio.h"

#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"

/* ===== messages ===== */

static char *vformat(const char *fmt, va_list ap)
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
static const char *size_text(long bytes, char buf[32])
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
static int parse_ref(const char *s, unsigned *col, long *row)
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
		return error_at("-", 0, "standard input is larger than %s", size_text(BOOK_MAX_INPUT, size));
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
static int wb_error(const struct book *wb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int wb_error(const struct book *wb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = vformat(fmt, ap);
	va_end(ap);
	error_at(wb->file, 0, "%s", msg);
	free(msg);
	return -1;
}

static long cap(long asked, long max)
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
	wb->max_rows = cap(opt->max_rows, BOOK_MAX_ROWS);
	wb->max_unzipped = cap(opt->max_unzipped, BOOK_MAX_UNZIPPED);
	wb->max_strings = cap(opt->max_shared_strings, BOOK_MAX_SHARED_STRINGS);
	wb->max_string_bytes = cap(opt->max_shared_bytes, BOOK_MAX_SHARED_BYTES);
	strbuf_init(&wb->sst);
	return wb;
}

static struct sheet *add_sheet(struct book *wb, const char *name)
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

struct rowbuf {
	struct book_cell *cells;
	size_t *off;            /* offset of each cell's text in text, or SIZE_MAX: borrowed */
	size_t nr, alloc, alloc_off;
	struct strbuf text;     /* the text copied for this row */
	size_t bytes;           /* bytes of text of all cells */
};

static void rowbuf_init(struct rowbuf *rb)
{
	memset(rb, 0, sizeof(*rb));
	strbuf_init(&rb->text);
}

static void rowbuf_release(struct rowbuf *rb)
{
	free(rb->cells);
	free(rb->off);
	strbuf_release(&rb->text);
}

static void rowbuf_reset(struct rowbuf *rb)
{
	rb->nr = 0;
	rb->bytes = 0;
	strbuf_reset(&rb->text);
}

/* Add a cell; text is copied, or borrowed when borrow is set (it must live
 * until the row is delivered). Returns the cell to fill in further. */
static struct book_cell *rowbuf_add(struct rowbuf *rb, unsigned col,
                                        enum book_cell_type type,
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
static int rowbuf_deliver(struct rowbuf *rb, const struct book *wb, const char *sheet,
                          long number, long line, book_row_fn fn, void *data)
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
	char *msg = vformat(fmt, ap);
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
static void add_unescaped(struct strbuf *sb, const char *s, size_t len)
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
static size_t utf8_bad(const unsigned char *s, size_t len)
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
static const char *trim(const char *s, size_t *len)
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
static int is_stored_number(const char *s, size_t len)
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
static int serial_to_date(double serial, int date1904, char out[11])
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

/* ===== styles: which cell formats show dates ===== */

static int builtin_date_format(long id)
{
	return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

/* 1 when a format code shows a date or time: a d, m, y or h outside quoted
 * text, [brackets] (colours, locales, elapsed time) and escaped characters
 * (\x, _x, *x). */
static int format_code_is_date(const char *code)
{
	for (const char *p = code; *p; p++) {
		switch (*p) {
		case '"':
			p = strchr(p + 1, '"');
			if (!p)
				return 0;
			break;
		case '[':
			p = strchr(p + 1, ']');
			if (!p)
				return 0;
			break;
		case '\\':
		case '_':
		case '*':
			if (!p[1])
				return 0;
			p++;
			break;
		case 'd': case 'D': case 'm': case 'M':
		case 'y': case 'Y': case 'h': case 'H':
			return 1;
		default:
			break;
		}
	}
	return 0;
}

struct numfmt {
	long id;
	int is_date;
};

static int numfmt_cmp(const void *a, const void *b)
{
	long x = ((const struct numfmt *)a)->id, y = ((const struct numfmt *)b)->id;
	return x < y ? -1 : x > y;
}

/* ===== parts of the zip ===== */

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

static int part_error(struct part *p, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int part_error(struct part *p, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = vformat(fmt, ap);
	va_end(ap);
	struct strbuf where;
	strbuf_init(&where);
	if (p->sheet)
		strbuf_addf(&where, "%s: ", p->sheet);
	strbuf_addstr(&where, p->name);
	if (line > 0)
		strbuf_addf(&where, ":%ld", line);
	error_at(p->wb->file, 0, "%s: %s", where.buf, msg);
	strbuf_release(&where);
	free(msg);
	p->failed = 1;
	return -1;
}

/* The part's bytes: inflated and counted. */
static int part_read(void *ctx, char *buf, int len)
{
	struct part *p = ctx;
	struct book *wb = p->wb;
	if (p->failed)
		return -1;
	zip_int64_t n = zip_fread(p->zf, buf, (zip_uint64_t)len);
	if (n < 0) {
		part_error(p, 0, "cannot inflate the part: %s", zip_error_strerror(zip_file_get_error(p->zf)));
		return -1;
	}
	p->out += (zip_uint64_t)n;
	wb->unzipped += (long)n;
	if (wb->unzipped > wb->max_unzipped) {
		char size[32];
		part_error(p, 0, "the workbook inflates to more than %s: refused (a zip bomb?)",
		           size_text(wb->max_unzipped, size));
		return -1;
	}
	if (p->out > (zip_uint64_t)BOOK_RATIO_FLOOR &&
	    p->out / BOOK_MAX_RATIO > p->comp) {
		part_error(p, 0, "the part inflates to more than %d times its compressed size: refused (a zip bomb?)",
		           BOOK_MAX_RATIO);
		return -1;
	}
	return (int)n;
}

/* While a part is read, libxml2's messages come here: the first error is
 * kept, to be reported once with the part's name. */
static void part_xml_error(void *ctx, xmlErrorPtr err)
{
	struct part *p = ctx;
	if (!err || err->level < XML_ERR_ERROR || p->xml_error || xmlio_input_refused(p->in, NULL))
		return;
	const char *msg = err->message ? err->message : "XML error";
	size_t len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	p->xml_error = xmalloc(len + 1);
	memcpy(p->xml_error, msg, len);
	p->xml_error[len] = '\0';
	p->xml_line = err->line;
}

static void handlers_ours(struct part *p)
{
	p->saved_handler = xmlStructuredError;
	p->saved_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(p, part_xml_error);
}

static void handlers_theirs(struct part *p)
{
	xmlSetStructuredErrorFunc(p->saved_ctx, p->saved_handler);
}

static zip_int64_t locate(struct book *wb, const char *name)
{
	return zip_name_locate(wb->zip, name, ZIP_FL_NOCASE);
}

/*
 * Open part name (sheet: for messages, or NULL) for reading. Returns 0, or
 * -1 after reporting (missing, encrypted, declared too large). A missing part
 * is reported only when required.
 */
static int part_open(struct part *p, struct book *wb, const char *name, const char *sheet)
{
	memset(p, 0, sizeof(*p));
	p->wb = wb;
	p->name = name;
	p->sheet = sheet;
	zip_int64_t idx = locate(wb, name);
	if (idx < 0)
		return part_error(p, 0, "the part is missing");
	zip_stat_t st;
	if (zip_stat_index(wb->zip, (zip_uint64_t)idx, 0, &st) < 0)
		return part_error(p, 0, "cannot read the part: %s", zip_strerror(wb->zip));
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
		return part_error(p, 0, "the part is encrypted: remove the password and save the workbook again");
	p->comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : wb->archive_size;
	if (p->comp > wb->archive_size)
		p->comp = wb->archive_size;
	/* what the zip declares can refuse early; what it inflates to is
	 * counted in part_read() whatever it declares */
	char size[32];
	if ((st.valid & ZIP_STAT_SIZE) && st.size > (zip_uint64_t)(wb->max_unzipped - wb->unzipped))
		return part_error(p, 0, "the part declares %llu bytes, more than the %s a workbook may inflate to: refused (a zip bomb?)",
		                  (unsigned long long)st.size, size_text(wb->max_unzipped, size));
	if ((st.valid & ZIP_STAT_SIZE) && st.size > (zip_uint64_t)BOOK_RATIO_FLOOR &&
	    st.size / BOOK_MAX_RATIO > p->comp)
		return part_error(p, 0, "the part declares more than %d times its compressed size: refused (a zip bomb?)",
		                  BOOK_MAX_RATIO);
	p->zf = zip_fopen_index(wb->zip, (zip_uint64_t)idx, 0);
	if (!p->zf) {
		int code = zip_error_code_zip(zip_get_error(wb->zip));
		if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_WRONGPASSWD)
			return part_error(p, 0, "the part is encrypted: remove the password and save the workbook again");
		return part_error(p, 0, "cannot read the part: %s", zip_strerror(wb->zip));
	}
	handlers_ours(p);
	p->in = xmlio_input_new(name, "a workbook", part_read, p, XMLIO_UTF8);
	p->r = xmlio_input_reader(p->in);
	if (!p->r) {
		if (!p->failed)
			part_error(p, 0, "cannot parse the part");
		handlers_theirs(p);
		xmlio_input_free(p->in);
		p->in = NULL;
		zip_fclose(p->zf);
		p->zf = NULL;
		return -1;
	}
	return 0;
}

static void part_close(struct part *p)
{
	if (p->r) {
		xmlFreeTextReader(p->r);
		p->r = NULL;
		handlers_theirs(p);
	}
	xmlio_input_free(p->in);
	p->in = NULL;
	if (p->zf)
		zip_fclose(p->zf);
	p->zf = NULL;
	free(p->xml_error);
	p->xml_error = NULL;
}

/* The next node: 1, 0 at the end, -1 after reporting (not well-formed, a
 * DOCTYPE or entity reference, a cap). */
static int part_next(struct part *p)
{
	int ret = xmlTextReaderRead(p->r);
	if (ret == 1) {
		int type = xmlTextReaderNodeType(p->r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE)
			return part_error(p, xmlTextReaderGetParserLineNumber(p->r),
			                  "a DOCTYPE is not allowed in a workbook");
		if (type == XML_READER_TYPE_ENTITY_REFERENCE || type == XML_READER_TYPE_ENTITY)
			return part_error(p, xmlTextReaderGetParserLineNumber(p->r),
			                  "entity reference '&%s;' is not allowed in a workbook",
			                  (const char *)xmlTextReaderConstName(p->r));
		return 1;
	}
	if (p->failed)
		return -1;
	long line;
	const char *why = xmlio_input_refused(p->in, &line);
	if (why)
		return part_error(p, line, "%s", why);
	if (ret < 0 || p->xml_error) {
		if (p->xml_error)
			return part_error(p, p->xml_line, "%s", p->xml_error);
		return part_error(p, xmlTextReaderGetParserLineNumber(p->r), "the part is not well-formed XML");
	}
	return 0;
}

static int is_elem(struct part *p, const char *local)
{
	return xmlTextReaderNodeType(p->r) == XML_READER_TYPE_ELEMENT &&
	       !strcmp((const char *)xmlTextReaderConstLocalName(p->r), local);
}

static int is_text(struct part *p)
{
	int t = xmlTextReaderNodeType(p->r);
	return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
	       t == XML_READER_TYPE_WHITESPACE || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* An attribute without namespace; the caller frees it with free(). */
static char *attr(struct part *p, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(p->r, (const xmlChar *)name);
	char *s = xstrdup_or_null((const char *)v);
	xmlFree(v);
	return s;
}

/* r:id in either namespace (transitional or strict). */
static char *attr_rid(struct part *p)
{
	xmlChar *v = xmlTextReaderGetAttributeNs(p->r, (const xmlChar *)"id", (const xmlChar *)NS_REL);
	if (!v)
		v = xmlTextReaderGetAttributeNs(p->r, (const xmlChar *)"id", (const xmlChar *)NS_REL_STRICT);
	char *s = xstrdup_or_null((const char *)v);
	xmlFree(v);
	return s;
}

/* Read a part to its end, checking only that it is safe and well-formed. */
static int part_walk(struct book *wb, const char *name)
{
	struct part p;
	if (part_open(&p, wb, name, NULL) < 0)
		return -1;
	int ret;
	while ((ret = part_next(&p)) == 1)
		;
	part_close(&p);
	return ret;
}

/* ===== relationships ===== */

struct rel {
	char *id, *type;
	char *target; /* resolved to a part name, or NULL: external or outside the package */
	char *raw;    /* the target as written */
};

struct rels {
	struct rel *list;
	size_t nr, alloc;
};

static void rels_release(struct rels *rs)
{
	for (size_t i = 0; i < rs->nr; i++) {
		free(rs->list[i].id);
		free(rs->list[i].type);
		free(rs->list[i].target);
		free(rs->list[i].raw);
	}
	free(rs->list);
}

/* 1 when type (a relationship type URI) ends in "/" suffix. */
static int rel_type_is(const char *type, const char *suffix)
{
	size_t n = strlen(type), k = strlen(suffix);
	return n > k && type[n - k - 1] == '/' && !strcmp(type + n - k, suffix);
}

/*
 * Resolve a relationship's target against the folder of its source part
 * (base, "" for the package root, else ending in '/'): "/xl/a.xml" is from
 * the root, "worksheets/sheet1.xml" from base; "." and ".." are applied.
 * Returns the part name (without leading '/'; caller frees) or NULL when it
 * leaves the package.
 */
static char *resolve_target(const char *base, const char *target)
{
	struct strbuf in, out;
	strbuf_init(&in);
	strbuf_init(&out);
	if (target[0] != '/')
		strbuf_addstr(&in, base);
	strbuf_addstr(&in, target);
	char *save = NULL;
	for (char *seg = strtok_r(in.buf, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (!strcmp(seg, "."))
			continue;
		if (!strcmp(seg, "..")) {
			if (!out.len) {
				strbuf_release(&in);
				strbuf_release(&out);
				return NULL;
			}
			char *slash = strrchr(out.buf, '/');
			out.len = slash ? (size_t)(slash - out.buf) : 0;
			out.buf[out.len] = '\0';
			continue;
		}
		if (out.len)
			strbuf_addstr(&out, "/");
		strbuf_addstr(&out, seg);
	}
	strbuf_release(&in);
	if (!out.len) {
		strbuf_release(&out);
		return NULL;
	}
	return strbuf_detach(&out);
}

/* The folder of a part name with its trailing '/', or "" (caller frees). */
static char *dir_of(const char *part)
{
	const char *slash = strrchr(part, '/');
	size_t n = slash ? (size_t)(slash - part) + 1 : 0;
	char *d = xmalloc(n + 1);
	memcpy(d, part, n);
	d[n] = '\0';
	return d;
}

/* The relationships part of a part: "xl/workbook.xml" ->
 * "xl/_rels/workbook.xml.rels", "" -> "_rels/.rels" (caller frees). */
static char *rels_name(const char *part)
{
	struct strbuf sb;
	strbuf_init(&sb);
	const char *slash = strrchr(part, '/');
	size_t n = slash ? (size_t)(slash - part) + 1 : 0;
	strbuf_add(&sb, part, n);
	strbuf_addf(&sb, "_rels/%s.rels", part + n);
	return strbuf_detach(&sb);
}

/* Read the relationships of part source (missing: none). */
static int read_rels(struct book *wb, const char *source, struct rels *rs)
{
	char *name = rels_name(source);
	char *base = dir_of(source);
	int ret = 0;
	if (locate(wb, name) < 0)
		goto out;
	struct part p;
	if (part_open(&p, wb, name, NULL) < 0) {
		ret = -1;
		goto out;
	}
	while ((ret = part_next(&p)) == 1) {
		if (!is_elem(&p, "Relationship") || xmlTextReaderDepth(p.r) != 1)
			continue;
		if (rs->nr >= BOOK_MAX_ENTRIES) {
			ret = part_error(&p, xmlTextReaderGetParserLineNumber(p.r),
			                 "more than %d relationships", BOOK_MAX_ENTRIES);
			break;
		}
		char *id = attr(&p, "Id"), *type = attr(&p, "Type"), *target = attr(&p, "Target");
		char *mode = attr(&p, "TargetMode");
		if (!id || !type || !target) {
			free(id);
			free(type);
			free(target);
			free(mode);
			continue;
		}
		ALLOC_GROW(rs->list, rs->nr + 1, rs->alloc);
		struct rel *rl = &rs->list[rs->nr++];
		rl->id = id;
		rl->type = type;
		rl->target = mode && !strcmp(mode, "External") ? NULL : resolve_target(base, target);
		rl->raw = target;
		free(mode);
	}
	part_close(&p);
out:
	free(name);
	free(base);
	return ret;
}

static const struct rel *rel_by_id(const struct rels *rs, const char *id)
{
	for (size_t i = 0; i < rs->nr; i++)
		if (!strcmp(rs->list[i].id, id))
			return &rs->list[i];
	return NULL;
}

static const struct rel *rel_by_type(const struct rels *rs, const char *suffix)
{
	for (size_t i = 0; i < rs->nr; i++)
		if (rel_type_is(rs->list[i].type, suffix))
			return &rs->list[i];
	return NULL;
}

/* 1 when a part name lies under xl/ (case as the zip lookup: ignored). */
static int under_xl(const char *name)
{
	return name && !strncasecmp(name, "xl/", 3) && name[3];
}

/* ===== workbook part ===== */

struct sheet_ref {
	char *name, *rid;
	int hidden;
};

static int read_workbook_part(struct book *wb, const char *name, struct sheet_ref **refs,
                              size_t *nr)
{
	struct part p;
	size_t alloc = 0;
	if (part_open(&p, wb, name, NULL) < 0)
		return -1;
	int ret;
	while ((ret = part_next(&p)) == 1) {
		if (is_elem(&p, "workbookPr")) {
			char *v = attr(&p, "date1904");
			wb->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
			free(v);
		} else if (is_elem(&p, "sheet") && xmlTextReaderDepth(p.r) == 2) {
			long line = xmlTextReaderGetParserLineNumber(p.r);
			if (*nr >= BOOK_MAX_SHEETS) {
				ret = part_error(&p, line, "more than %d sheets", BOOK_MAX_SHEETS);
				break;
			}
			char *sname = attr(&p, "name"), *rid = attr_rid(&p), *state = attr(&p, "state");
			if (!sname || !*sname || !rid) {
				ret = part_error(&p, line, "a sheet without %s", !sname || !*sname ? "a name" : "r:id");
				free(sname);
				free(rid);
				free(state);
				break;
			}
			if (utf8_bad((const unsigned char *)sname, strlen(sname)) != strlen(sname)) {
				ret = part_error(&p, line, "a sheet name is not valid UTF-8");
				free(sname);
				free(rid);
				free(state);
				break;
			}
			ALLOC_GROW(*refs, *nr + 1, alloc);
			struct sheet_ref *sr = &(*refs)[(*nr)++];
			sr->name = sname;
			sr->rid = rid;
			sr->hidden = state && (!strcmp(state, "hidden") || !strcmp(state, "veryHidden"));
			free(state);
		}
	}
	part_close(&p);
	return ret;
}

/* ===== shared strings ===== */

/*
 * The text of an <si> or <is> element: its <t>, or the <t> of each run <r>
 * concatenated; phonetic runs (<rPh>) are not part of the text. Call on the
 * start of the element; returns with the reader on its end. Appends the raw
 * text (escapes not decoded) to raw. Returns 1, or -1 after reporting.
 */
static int read_rich_text(struct part *p, struct strbuf *raw, size_t cap_bytes, const char *what)
{
	int base = xmlTextReaderDepth(p->r);
	if (xmlTextReaderIsEmptyElement(p->r))
		return 1;
	int in_run = 0;    /* inside a run <r> */
	int t_depth = -1;  /* depth of the <t> being read, or -1 */
	int ret;
	while ((ret = part_next(p)) == 1) {
		int type = xmlTextReaderNodeType(p->r);
		int depth = xmlTextReaderDepth(p->r);
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (depth == base)
				return 1;
			if (depth == t_depth)
				t_depth = -1;
			else if (depth == base + 1)
				in_run = 0;
		} else if (type == XML_READER_TYPE_ELEMENT) {
			int empty = xmlTextReaderIsEmptyElement(p->r);
			if (depth == base + 1 && is_elem(p, "r"))
				in_run = !empty;
			else if (!empty && is_elem(p, "t") &&
			         (depth == base + 1 || (in_run && depth == base + 2)))
				t_depth = depth;
		} else if (t_depth >= 0 && depth == t_depth + 1 && is_text(p)) {
			const char *v = (const char *)xmlTextReaderConstValue(p->r);
			size_t n = v ? strlen(v) : 0;
			if (raw->len + n > cap_bytes)
				return part_error(p, xmlTextReaderGetParserLineNumber(p->r),
				                  "%s is longer than %zu bytes", what, cap_bytes);
			strbuf_add(raw, v, n);
		}
	}
	return ret < 0 ? -1 : part_error(p, 0, "the part ends inside %s", what);
}

static int read_shared_strings(struct book *wb, const char *name)
{
	struct part p;
	if (part_open(&p, wb, name, NULL) < 0)
		return -1;
	struct strbuf raw;
	strbuf_init(&raw);
	int ret;
	while ((ret = part_next(&p)) == 1) {
		if (!is_elem(&p, "si") || xmlTextReaderDepth(p.r) != 1)
			continue;
		long line = xmlTextReaderGetParserLineNumber(p.r);
		if ((long)wb->nr_sst >= wb->max_strings) {
			ret = part_error(&p, line, "more than %ld shared strings: refused", wb->max_strings);
			break;
		}
		strbuf_reset(&raw);
		/* raw text may hold escapes: 7 bytes for one character */
		if (read_rich_text(&p, &raw, 7 * (size_t)BOOK_MAX_CELL_BYTES, "a shared string") < 0) {
			ret = -1;
			break;
		}
		size_t start = wb->sst.len;
		add_unescaped(&wb->sst, raw.buf, raw.len);
		if (wb->sst.len - start > (size_t)BOOK_MAX_CELL_BYTES) {
			ret = part_error(&p, line, "shared string %zu is longer than %d bytes",
			                 wb->nr_sst, BOOK_MAX_CELL_BYTES);
			break;
		}
		strbuf_add(&wb->sst, "", 1);
		if (wb->sst.len > (size_t)wb->max_string_bytes) {
			char size[32];
			ret = part_error(&p, line, "the shared strings hold more than %s: refused",
			                 size_text(wb->max_string_bytes, size));
			break;
		}
		ALLOC_GROW(wb->sst_off, wb->nr_sst + 1, wb->alloc_sst);
		wb->sst_off[wb->nr_sst++] = start;
	}
	strbuf_release(&raw);
	part_close(&p);
	return ret;
}

/* ===== styles ===== */

static int read_styles(struct book *wb, const char *name)
{
	struct part p;
	struct numfmt *fmts = NULL;
	size_t nr_fmts = 0, alloc_fmts = 0;
	long *xf_fmt = NULL;   /* numFmtId of each cellXfs entry */
	size_t nr_xf = 0, alloc_xf = 0;
	int in_xfs = 0, xfs_depth = 0;
	if (part_open(&p, wb, name, NULL) < 0)
		return -1;
	int ret;
	while ((ret = part_next(&p)) == 1) {
		int type = xmlTextReaderNodeType(p.r);
		int depth = xmlTextReaderDepth(p.r);
		long line = xmlTextReaderGetParserLineNumber(p.r);
		if (type == XML_READER_TYPE_END_ELEMENT && in_xfs && depth == xfs_depth) {
			in_xfs = 0;
		} else if (is_elem(&p, "cellXfs") && !xmlTextReaderIsEmptyElement(p.r)) {
			in_xfs = 1;
			xfs_depth = depth;
		} else if (is_elem(&p, "numFmt")) {
			if (nr_fmts >= BOOK_MAX_STYLES) {
				ret = part_error(&p, line, "more than %d number formats", BOOK_MAX_STYLES);
				break;
			}
			char *id = attr(&p, "numFmtId"), *code = attr(&p, "formatCode");
			long long v;
			if (id && code && parse_count(id, &v) == 0 && v <= 0x7fffffffLL) {
				ALLOC_GROW(fmts, nr_fmts + 1, alloc_fmts);
				fmts[nr_fmts].id = (long)v;
				fmts[nr_fmts++].is_date = format_code_is_date(code);
			}
			free(id);
			free(code);
		} else if (in_xfs && depth == xfs_depth + 1 && is_elem(&p, "xf")) {
			if (nr_xf >= BOOK_MAX_STYLES) {
				ret = part_error(&p, line, "more than %d cell formats", BOOK_MAX_STYLES);
				break;
			}
			char *id = attr(&p, "numFmtId");
			long long v = 0;
			if (!id || parse_count(id, &v) < 0 || v > 0x7fffffffLL)
				v = 0;
			free(id);
			ALLOC_GROW(xf_fmt, nr_xf + 1, alloc_xf);
			xf_fmt[nr_xf++] = (long)v;
		}
	}
	part_close(&p);
	if (ret == 0) {
		if (nr_fmts > 1)
			qsort(fmts, nr_fmts, sizeof(*fmts), numfmt_cmp);
		wb->xf_date = xcalloc(nr_xf ? nr_xf : 1, 1);
		wb->nr_xf = nr_xf;
		for (size_t i = 0; i < nr_xf; i++) {
			struct numfmt key = {xf_fmt[i], 0};
			const struct numfmt *f = nr_fmts ? bsearch(&key, fmts, nr_fmts, sizeof(*fmts), numfmt_cmp) : NULL;
			wb->xf_date[i] = (unsigned char)(f ? f->is_date : builtin_date_format(xf_fmt[i]));
		}
	}
	free(fmts);
	free(xf_fmt);
	return ret;
}

/* ===== opening an XLSX ===== */

/* Bytes [off, off + n) of the zip (fd: the file, when not in memory). */
static int archive_read(const struct book *wb, int fd, zip_uint64_t off, void *buf, size_t n)
{
	if (off > wb->archive_size || n > wb->archive_size - off)
		return -1;
	if (wb->data) {
		memcpy(buf, wb->data + off, n);
		return 0;
	}
	return pread(fd, buf, n, (off_t)off) == (ssize_t)n ? 0 : -1;
}

static unsigned long long le(const unsigned char *p, int bytes)
{
	unsigned long long v = 0;
	while (bytes-- > 0)
		v = (v << 8) | p[bytes];
	return v;
}

/*
 * The number of entries the zip's end record (or its zip64 end record)
 * declares: read before libzip reads the central directory and allocates
 * for every entry. -1 when there is no end record (libzip will say so).
 */
static long long declared_entries(const struct book *wb, int fd)
{
	size_t tail = wb->archive_size < 65557 ? (size_t)wb->archive_size : 65557;
	unsigned char *buf = xmalloc(tail + 1);
	long long n = -1;
	if (tail >= 22 && archive_read(wb, fd, wb->archive_size - tail, buf, tail) == 0) {
		for (size_t i = tail - 22 + 1; i-- > 0;) {
			if (memcmp(buf + i, "PK\5\6", 4))
				continue;
			n = (long long)le(buf + i + 10, 2);
			unsigned char rec[40];
			if (n == 0xFFFF && i >= 20 && !memcmp(buf + i - 20, "PK\6\7", 4) &&
			    archive_read(wb, fd, le(buf + i - 20 + 8, 8), rec, sizeof(rec)) == 0 &&
			    !memcmp(rec, "PK\6\6", 4))
				n = le(rec + 32, 8) > (unsigned long long)LLONG_MAX ? LLONG_MAX : (long long)le(rec + 32, 8);
			break;
		}
	}
	free(buf);
	return n;
}

static int xlsx_open(struct book *wb)
{
	int fd = -1;
	if (!wb->data) {
		struct stat st;
		if ((fd = open(wb->file, O_RDONLY)) < 0 || fstat(fd, &st) < 0) {
			int ret = error("cannot read '%s': %s", wb->file, strerror(errno));
			if (fd >= 0)
				close(fd);
			return ret;
		}
		wb->archive_size = (zip_uint64_t)st.st_size;
	} else {
		wb->archive_size = wb->len;
	}
	long long entries = declared_entries(wb, fd);
	if (fd >= 0)
		close(fd);
	if (entries > BOOK_MAX_ENTRIES)
		return wb_error(wb, "the zip holds %lld entries, more than %d: refused",
		                entries, BOOK_MAX_ENTRIES);

	zip_error_t zerr;
	zip_error_init(&zerr);
	if (wb->data) {
		zip_source_t *src = zip_source_buffer_create(wb->data, wb->len, 0, &zerr);
		if (src) {
			wb->zip = zip_open_from_source(src, ZIP_RDONLY, &zerr);
			if (!wb->zip)
				zip_source_free(src);
		}
	} else {
		int code = 0;
		wb->zip = zip_open(wb->file, ZIP_RDONLY, &code);
		zip_error_init_with_code(&zerr, code);
	}
	if (!wb->zip) {
		int code = zip_error_code_zip(&zerr);
		int ret;
		if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_SEEK)
			ret = error("cannot read '%s': %s", wb->file, zip_error_strerror(&zerr));
		else
			ret = wb_error(wb, "not a readable workbook (a damaged zip archive: %s)",
			               zip_error_strerror(&zerr));
		zip_error_fini(&zerr);
		return ret;
	}
	zip_error_fini(&zerr);
	/* the end record may have understated: count what libzip found */
	entries = zip_get_num_entries(wb->zip, 0);
	if (entries > BOOK_MAX_ENTRIES)
		return wb_error(wb, "the zip holds %lld entries, more than %d: refused",
		                entries, BOOK_MAX_ENTRIES);
	if (locate(wb, "[Content_Types].xml") < 0)
		return wb_error(wb, "not an Excel workbook: [Content_Types].xml is missing");
	if (part_walk(wb, "[Content_Types].xml") < 0)
		return -1;

	int ret = -1;
	struct rels root = {0}, book = {0};
	struct sheet_ref *refs = NULL;
	size_t nr_refs = 0;
	char *main_part = NULL;
	if (read_rels(wb, "", &root) < 0)
		goto out;
	const struct rel *office = rel_by_type(&root, "officeDocument");
	main_part = xstrdup(office && office->target ? office->target : "xl/workbook.xml");
	if (!under_xl(main_part)) {
		wb_error(wb, "not an Excel workbook: its main part is '%s'", main_part);
		goto out;
	}
	if (locate(wb, main_part) < 0) {
		wb_error(wb, "not an Excel workbook: %s is missing", main_part);
		goto out;
	}
	if (read_workbook_part(wb, main_part, &refs, &nr_refs) < 0 ||
	    read_rels(wb, main_part, &book) < 0)
		goto out;
	if (!nr_refs) {
		wb_error(wb, "%s lists no sheet", main_part);
		goto out;
	}
	for (size_t i = 0; i < nr_refs; i++) {
		const struct rel *rl = rel_by_id(&book, refs[i].rid);
		if (!rl) {
			wb_error(wb, "sheet '%s': relationship '%s' is missing", refs[i].name, refs[i].rid);
			goto out;
		}
		if (!rel_type_is(rl->type, "worksheet"))
			continue; /* a chart sheet, dialog sheet or macro sheet */
		if (!under_xl(rl->target)) {
			wb_error(wb, "sheet '%s': its part '%s' is outside xl/: refused", refs[i].name,
			         rl->target ? rl->target : rl->raw);
			goto out;
		}
		if (locate(wb, rl->target) < 0) {
			wb_error(wb, "sheet '%s': its part %s is missing", refs[i].name, rl->target);
			goto out;
		}
		struct sheet *sh = add_sheet(wb, refs[i].name);
		sh->part = xstrdup(rl->target);
		sh->hidden = refs[i].hidden;
	}
	if (!wb->nr_sheets) {
		wb_error(wb, "the workbook has no worksheet");
		goto out;
	}
	const struct rel *sst = rel_by_type(&book, "sharedStrings");
	const char *sst_name = sst && under_xl(sst->target) ? sst->target : "xl/sharedStrings.xml";
	if (locate(wb, sst_name) >= 0 && read_shared_strings(wb, sst_name) < 0)
		goto out;
	const struct rel *styles = rel_by_type(&book, "styles");
	const char *styles_name = styles && under_xl(styles->target) ? styles->target : "xl/styles.xml";
	if (locate(wb, styles_name) >= 0 && read_styles(wb, styles_name) < 0)
		goto out;
	ret = 0;
out:
	for (size_t i = 0; i < nr_refs; i++) {
		free(refs[i].name);
		free(refs[i].rid);
	}
	free(refs);
	free(main_part);
	rels_release(&root);
	rels_release(&book);
	return ret;
}

/* ===== streaming a sheet ===== */

/* The state of one sheet being read. */
struct sheet_reader {
	struct book *wb;
	struct part p;
	const char *sheet;      /* its name */
	book_row_fn fn;
	void *data;
	struct rowbuf rb;
	long row;               /* number of the row being read */
	long prev_row;          /* number of the last row read, 0 before the first */
	long last_col;          /* column of the last cell of the row, -1 before the first */
	/* the cell being read */
	unsigned col;
	char *t;                /* its t attribute, or NULL */
	long style;             /* its s attribute, -1 when absent */
	int has_v, has_is;
	struct strbuf v, is;    /* the text of <v>; the raw text of <is> */
};

static int cell_error(struct sheet_reader *sr, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int cell_error(struct sheet_reader *sr, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = vformat(fmt, ap);
	va_end(ap);
	char ref[BOOK_REF_MAX];
	book_cell_ref(sr->row, sr->col, ref);
	error_at(sr->wb->file, 0, "%s!%s: %s", sr->sheet, ref, msg);
	free(msg);
	sr->p.failed = 1;
	return -1;
}

static int row_error(struct sheet_reader *sr, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int row_error(struct sheet_reader *sr, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = vformat(fmt, ap);
	va_end(ap);
	error_at(sr->wb->file, 0, "%s: %s", sr->sheet, msg);
	free(msg);
	sr->p.failed = 1;
	return -1;
}

static int start_row(struct sheet_reader *sr)
{
	char *r = attr(&sr->p, "r");
	long long n = sr->prev_row + 1;
	if (r && (parse_count(r, &n) < 0 || n < 1 || n > BOOK_MAX_ROWS)) {
		row_error(sr, "row number '%s' is not one of 1..%ld", r, BOOK_MAX_ROWS);
		free(r);
		return -1;
	}
	free(r);
	if (n > BOOK_MAX_ROWS)
		return row_error(sr, "more than %ld rows", BOOK_MAX_ROWS);
	if (n <= sr->prev_row)
		return row_error(sr, "row %lld comes after row %ld: rows must be in order", n, sr->prev_row);
	sr->row = (long)n;
	sr->prev_row = (long)n;
	sr->last_col = -1;
	rowbuf_reset(&sr->rb);
	return 0;
}

static int start_cell(struct sheet_reader *sr)
{
	char *r = attr(&sr->p, "r"), *s = attr(&sr->p, "s");
	unsigned col;
	long row;
	int ret = 0;
	free(sr->t);
	sr->t = attr(&sr->p, "t");
	sr->style = -1;
	sr->has_v = sr->has_is = 0;
	strbuf_reset(&sr->v);
	strbuf_reset(&sr->is);
	if (r) {
		if (parse_ref(r, &col, &row) < 0 || (row && row != sr->row)) {
			sr->col = sr->last_col >= 0 ? (unsigned)sr->last_col : 0;
			ret = row_error(sr, "row %ld: cell reference '%s' is not a cell of this row", sr->row, r);
			goto out;
		}
	} else {
		if (sr->last_col + 1 >= BOOK_MAX_COLS) {
			ret = row_error(sr, "row %ld: more than %d columns", sr->row, BOOK_MAX_COLS);
			goto out;
		}
		col = (unsigned)(sr->last_col + 1);
	}
	sr->col = col;
	if ((long)col <= sr->last_col) {
		char prev[BOOK_REF_MAX];
		book_cell_ref(sr->row, (unsigned)sr->last_col, prev);
		ret = cell_error(sr, "the cell comes after %s: cells must be in column order", prev);
		goto out;
	}
	sr->last_col = col;
	long long v;
	if (s && parse_count(s, &v) == 0 && v < BOOK_MAX_STYLES)
		sr->style = (long)v;
out:
	free(r);
	free(s);
	return ret;
}

/* Add the cell just read to the row (nothing when it is empty). */
static int finish_cell(struct sheet_reader *sr)
{
	struct book *wb = sr->wb;
	const char *t = sr->t ? sr->t : "n";
	struct rowbuf *rb = &sr->rb;
	struct book_cell *c;
	size_t len = sr->v.len;
	const char *v = trim(sr->v.buf, &len);
	if (!strcmp(t, "s")) {
		if (!sr->has_v || !len)
			return 0;
		long long idx;
		char tmp[32];
		if (len >= sizeof(tmp))
			return cell_error(sr, "shared string number '%.20s...' is not valid", v);
		memcpy(tmp, v, len);
		tmp[len] = '\0';
		if (parse_count(tmp, &idx) < 0 || (unsigned long long)idx >= wb->nr_sst)
			return cell_error(sr, "shared string %s does not exist (the workbook has %zu)", tmp, wb->nr_sst);
		const char *text = wb->sst.buf + wb->sst_off[idx];
		size_t n = strlen(text);
		if (n)
			rowbuf_add(rb, sr->col, WB_STRING, text, n, 1);
	} else if (!strcmp(t, "str") || !strcmp(t, "inlineStr")) {
		struct strbuf text;
		strbuf_init(&text);
		if (sr->has_is)
			add_unescaped(&text, sr->is.buf, sr->is.len);
		else
			add_unescaped(&text, sr->v.buf, sr->v.len);
		if (text.len > (size_t)BOOK_MAX_CELL_BYTES) {
			strbuf_release(&text);
			return cell_error(sr, "the text is longer than %d bytes", BOOK_MAX_CELL_BYTES);
		}
		if (text.len)
			rowbuf_add(rb, sr->col, WB_STRING, text.buf, text.len, 0);
		strbuf_release(&text);
	} else if (!strcmp(t, "n")) {
		if (!sr->has_v || !len)
			return 0;
		if (!is_stored_number(v, len))
			return cell_error(sr, "'%.40s' is not a number", v);
		c = rowbuf_add(rb, sr->col, WB_NUMBER, v, len, 0);
		c->num = strtod(rb->text.buf + rb->off[rb->nr - 1], NULL);
		if (sr->style >= 0 && (size_t)sr->style < wb->nr_xf && wb->xf_date[sr->style] &&
		    serial_to_date(c->num, wb->date1904, c->date) == 0)
			c->type = WB_DATE;
	} else if (!strcmp(t, "b")) {
		if (!sr->has_v || !len)
			return 0;
		int yes = len == 1 && v[0] == '1';
		if (!yes && !(len == 1 && v[0] == '0'))
			return cell_error(sr, "'%.40s' is not a boolean (0 or 1)", v);
		c = rowbuf_add(rb, sr->col, WB_BOOLEAN, yes ? "TRUE" : "FALSE", yes ? 4 : 5, 1);
		c->num = yes;
	} else if (!strcmp(t, "e")) {
		if (!sr->has_v || !len)
			return 0;
		rowbuf_add(rb, sr->col, WB_ERROR, v, len, 0);
	} else if (!strcmp(t, "d")) {
		if (!sr->has_v || !len)
			return 0;
		c = rowbuf_add(rb, sr->col, WB_STRING, v, len, 0);
		char day[11];
		if (len >= 10 && (len == 10 || v[10] == 'T')) {
			memcpy(day, v, 10);
			day[10] = '\0';
			if (is_iso_date(day)) {
				c->type = WB_DATE;
				memcpy(c->date, day, 11);
			}
		}
	} else {
		return cell_error(sr, "unknown cell type '%.20s'", t);
	}
	char size[32];
	if (rb->bytes > (size_t)BOOK_MAX_ROW_BYTES)
		return cell_error(sr, "the row holds more than %s of text", size_text(BOOK_MAX_ROW_BYTES, size));
	return 0;
}

/* Deliver the row just read; returns 0 to go on, 1 to stop quietly, -1. */
static int finish_row(struct sheet_reader *sr)
{
	if (!sr->rb.nr)
		return 0;
	if (sr->row > sr->wb->max_rows)
		return row_error(sr, "row %ld is beyond the limit of %ld rows", sr->row, sr->wb->max_rows);
	handlers_theirs(&sr->p);
	int rc = rowbuf_deliver(&sr->rb, sr->wb, sr->sheet, sr->row, 0, sr->fn, sr->data);
	handlers_ours(&sr->p);
	if (rc < 0) {
		sr->p.failed = 1;
		return -1;
	}
	return rc > 0;
}

/* Append a text node to buf, at most cap bytes in all. */
static int add_text(struct sheet_reader *sr, struct strbuf *buf, size_t cap_bytes)
{
	const char *s = (const char *)xmlTextReaderConstValue(sr->p.r);
	size_t n = s ? strlen(s) : 0;
	if (buf->len + n > cap_bytes)
		return cell_error(sr, "the cell holds more than %d bytes", BOOK_MAX_CELL_BYTES);
	strbuf_add(buf, s, n);
	return 0;
}

/*
 * The sheet's rows, one node at a time. Depths: worksheet 0, sheetData 1,
 * row 2, c 3, v/is 4; anything elsewhere is not data and is skipped.
 */
static int stream_sheet(struct sheet_reader *sr)
{
	struct part *p = &sr->p;
	int in_data = 0, in_row = 0, in_cell = 0, in_v = 0;
	int ret;
	while ((ret = part_next(p)) == 1) {
		int type = xmlTextReaderNodeType(p->r);
		int depth = xmlTextReaderDepth(p->r);
		if (type == XML_READER_TYPE_ELEMENT) {
			const char *local = (const char *)xmlTextReaderConstLocalName(p->r);
			int empty = xmlTextReaderIsEmptyElement(p->r);
			if (depth == 1 && !strcmp(local, "sheetData")) {
				if (empty)
					return 0;
				in_data = 1;
			} else if (in_data && depth == 2 && !strcmp(local, "row")) {
				if (start_row(sr) < 0)
					return -1;
				in_row = !empty;
			} else if (in_row && depth == 3 && !strcmp(local, "c")) {
				if (start_cell(sr) < 0)
					return -1;
				in_cell = !empty;
			} else if (in_cell && depth == 4 && !strcmp(local, "v")) {
				sr->has_v = 1;
				in_v = !empty;
			} else if (in_cell && depth == 4 && !strcmp(local, "is")) {
				sr->has_is = 1;
				if (read_rich_text(p, &sr->is, 7 * (size_t)BOOK_MAX_CELL_BYTES, "an inline string") < 0)
					return -1;
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (in_v && depth == 4) {
				in_v = 0;
			} else if (in_cell && depth == 3) {
				in_cell = 0;
				if (finish_cell(sr) < 0)
					return -1;
			} else if (in_row && depth == 2) {
				in_row = 0;
				int rc = finish_row(sr);
				if (rc)
					return rc < 0 ? -1 : 0;
			} else if (in_data && depth == 1) {
				return 0; /* the rest of the sheet is not data */
			}
		} else if (in_v && depth == 5 && is_text(p)) {
			if (add_text(sr, &sr->v, BOOK_MAX_CELL_BYTES) < 0)
				return -1;
		}
	}
	return ret;
}

static int xlsx_read_sheet(struct book *wb, size_t i, book_row_fn fn, void *data)
{
	struct sheet_reader sr;
	memset(&sr, 0, sizeof(sr));
	sr.wb = wb;
	sr.sheet = wb->sheets[i].name;
	sr.fn = fn;
	sr.data = data;
	rowbuf_init(&sr.rb);
	strbuf_init(&sr.v);
	strbuf_init(&sr.is);
	int ret = -1;
	if (part_open(&sr.p, wb, wb->sheets[i].part, sr.sheet) == 0) {
		ret = stream_sheet(&sr);
		part_close(&sr.p);
	}
	free(sr.t);
	strbuf_release(&sr.v);
	strbuf_release(&sr.is);
	rowbuf_release(&sr.rb);
	return ret < 0 ? -1 : 0;
}

/* ===== CSV ===== */

struct csv {
	struct book *wb;
	int fd;                    /* the file, or -1 when reading memory */
	const unsigned char *mem;  /* memory: the bytes, and how far read */
	size_t mem_len, mem_pos;
	unsigned char buf[65536];  /* file: bytes read ahead */
	size_t pos, len;
	struct strbuf head;        /* the first line, read ahead to find the delimiter */
	size_t head_pos;
	int pending;               /* a byte pushed back, or -1 */
	long line;                 /* line of the next byte */
};

/* The next byte: 0..255, -1 at the end, -2 on a read error (reported). */
static int csv_raw(struct csv *c)
{
	if (c->fd < 0)
		return c->mem_pos < c->mem_len ? c->mem[c->mem_pos++] : -1;
	if (c->pos == c->len) {
		ssize_t n;
		do
			n = read(c->fd, c->buf, sizeof(c->buf));
		while (n < 0 && errno == EINTR);
		if (n < 0) {
			error("cannot read '%s': %s", c->wb->file, strerror(errno));
			return -2;
		}
		if (n == 0)
			return -1;
		c->pos = 0;
		c->len = (size_t)n;
	}
	return c->buf[c->pos++];
}

static int csv_getc(struct csv *c)
{
	if (c->pending >= 0) {
		int ch = c->pending;
		c->pending = -1;
		return ch;
	}
	if (c->head_pos < c->head.len)
		return (unsigned char)c->head.buf[c->head_pos++];
	return csv_raw(c);
}

/*
 * Read the first line ahead (it stays to be read again) and choose the
 * delimiter: ';' when it has more semicolons than commas outside quotes,
 * else ','. Skips a UTF-8 BOM. Returns the delimiter, or -1 after reporting.
 */
static int csv_delimiter(struct csv *c)
{
	int quoted = 0, ch;
	long commas = 0, semicolons = 0;
	while ((ch = csv_raw(c)) >= 0) {
		strbuf_add(&c->head, &(char){(char)ch}, 1);
		if (ch == '"')
			quoted = !quoted;
		else if (!quoted && ch == ',')
			commas++;
		else if (!quoted && ch == ';')
			semicolons++;
		else if (!quoted && (ch == '\n' || ch == '\r'))
			break;
		if (c->head.len > (size_t)BOOK_MAX_ROW_BYTES)
			break;
	}
	if (ch == -2)
		return -1;
	const unsigned char *h = (const unsigned char *)c->head.buf;
	if (c->head.len >= 2 && ((h[0] == 0xFF && h[1] == 0xFE) || (h[0] == 0xFE && h[1] == 0xFF)))
		return error_at(c->wb->file, 1, "UTF-16 text: save it as CSV UTF-8");
	if (c->head.len >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF)
		c->head_pos = 3;
	return semicolons > commas ? ';' : ',';
}

/* Add a finished field to the row (nothing when empty). */
static int csv_field(struct csv *c, struct rowbuf *rb, struct strbuf *f, unsigned col,
                     long row, long field_line)
{
	if (!f->len)
		return 0;
	char ref[BOOK_REF_MAX];
	size_t bad = utf8_bad((const unsigned char *)f->buf, f->len);
	if (bad < f->len) {
		long line = field_line;
		for (size_t i = 0; i < bad; i++)
			line += f->buf[i] == '\n';
		book_cell_ref(row, col, ref);
		return error_at(c->wb->file, line, "%s: %s", ref,
		                f->buf[bad] ? "not valid UTF-8 (save the file as CSV UTF-8)" : "a NUL byte");
	}
	rowbuf_add(rb, col, WB_STRING, f->buf, f->len, 0);
	char size[32];
	if (rb->bytes > (size_t)BOOK_MAX_ROW_BYTES)
		return error_at(c->wb->file, field_line, "row %ld holds more than %s of text",
		                row, size_text(BOOK_MAX_ROW_BYTES, size));
	return 0;
}

enum csv_state { F_START, F_UNQUOTED, F_QUOTED, F_QUOTE };

static int csv_stream(struct csv *c, int delim, book_row_fn fn, void *data)
{
	struct book *wb = c->wb;
	struct rowbuf rb;
	struct strbuf f;
	rowbuf_init(&rb);
	strbuf_init(&f);
	enum csv_state state = F_START;
	long row = 1, row_line = 1, field_line = 1, quote_line = 1;
	unsigned col = 0;
	int ret = 0;
	char ref[BOOK_REF_MAX];
	for (;;) {
		int ch = csv_getc(c);
		if (ch == -2) {
			ret = -1;
			break;
		}
		if (state == F_START) {
			field_line = c->line;
			if (ch == '"') {
				state = F_QUOTED;
				quote_line = c->line;
				continue;
			}
			state = F_UNQUOTED;
		}
		if (state == F_QUOTED) {
			if (ch == -1) {
				book_cell_ref(row, col, ref);
				ret = error_at(wb->file, quote_line, "%s: the quoted field is never closed", ref);
				break;
			}
			if (ch == '"') {
				state = F_QUOTE;
				continue;
			}
			if (ch == '\r') {
				int nx = csv_getc(c);
				if (nx == '\n')
					ch = '\n';
				else
					c->pending = nx;
			}
			if (ch == '\n')
				c->line++;
			if (f.len >= (size_t)BOOK_MAX_CELL_BYTES) {
				book_cell_ref(row, col, ref);
				ret = error_at(wb->file, field_line, "%s: the field is longer than %d bytes",
				               ref, BOOK_MAX_CELL_BYTES);
				break;
			}
			strbuf_add(&f, &(char){(char)ch}, 1);
			continue;
		}
		if (state == F_QUOTE) {
			if (ch == '"') {
				strbuf_add(&f, "\"", 1);
				state = F_QUOTED;
				continue;
			}
			/* the closing quote; anything up to the delimiter is kept */
			state = F_UNQUOTED;
		}
		if (ch == delim || ch == '\n' || ch == '\r' || ch == -1) {
			if (csv_field(c, &rb, &f, col, row, field_line) < 0) {
				ret = -1;
				break;
			}
			strbuf_reset(&f);
			state = F_START;
			if (ch == delim) {
				if (++col >= BOOK_MAX_COLS) {
					ret = error_at(wb->file, row_line, "row %ld has more than %d columns",
					               row, BOOK_MAX_COLS);
					break;
				}
				continue;
			}
			if (ch == '\r') {
				int nx = csv_getc(c);
				if (nx != '\n')
					c->pending = nx;
				if (nx == -2) {
					ret = -1;
					break;
				}
			}
			if (rb.nr) {
				if (row > wb->max_rows) {
					ret = error_at(wb->file, row_line, "row %ld is beyond the limit of %ld rows",
					               row, wb->max_rows);
					break;
				}
				int rc = rowbuf_deliver(&rb, wb, wb->sheets[0].name, row, row_line, fn, data);
				if (rc) {
					ret = rc < 0 ? -1 : 0;
					break;
				}
			}
			if (ch == -1)
				break;
			rowbuf_reset(&rb);
			col = 0;
			c->line++;
			row++;
			row_line = c->line;
			continue;
		}
		if (f.len >= (size_t)BOOK_MAX_CELL_BYTES) {
			book_cell_ref(row, col, ref);
			ret = error_at(wb->file, field_line, "%s: the field is longer than %d bytes",
			               ref, BOOK_MAX_CELL_BYTES);
			break;
		}
		strbuf_add(&f, &(char){(char)ch}, 1);
	}
	strbuf_release(&f);
	rowbuf_release(&rb);
	return ret;
}

static int csv_read_sheet(struct book *wb, book_row_fn fn, void *data)
{
	struct csv *c = xcalloc(1, sizeof(*c));
	c->wb = wb;
	c->fd = -1;
	c->pending = -1;
	c->line = 1;
	strbuf_init(&c->head);
	int ret = -1;
	if (wb->data) {
		c->mem = (const unsigned char *)wb->data;
		c->mem_len = wb->len;
	} else if ((c->fd = open(wb->file, O_RDONLY)) < 0) {
		error("cannot open '%s': %s", wb->file, strerror(errno));
		goto out;
	}
	int delim = csv_delimiter(c);
	if (delim >= 0)
		ret = csv_stream(c, delim, fn, data);
out:
	if (c->fd >= 0)
		close(c->fd);
	strbuf_release(&c->head);
	free(c);
	return ret;
}

/* The name of the one "sheet" of a CSV file: its base name without the
 * extension ("data/kiem-ke.csv" -> "kiem-ke"). */
static char *csv_sheet_name(const char *file)
{
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	if (!n)
		return xstrdup(file);
	char *s = xmalloc(n + 1);
	memcpy(s, base, n);
	s[n] = '\0';
	return s;
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
		wb_error(wb, "larger than %s", size_text(BOOK_MAX_INPUT, size));
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
