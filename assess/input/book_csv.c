/*
 * book_csv.c - a CSV file as the one sheet of a book (book_parts.h).
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
	size_t bad = bk_utf8_bad((const unsigned char *)f->buf, f->len);
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
		                row, bk_size_text(BOOK_MAX_ROW_BYTES, size));
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

int csv_read_sheet(struct book *wb, book_row_fn fn, void *data)
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
char *csv_sheet_name(const char *file)
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
