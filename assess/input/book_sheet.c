/*
 * book_sheet.c - one worksheet of an XLSX streamed as rows (book_parts.h):
 * cells in order, shared strings and dates resolved, every cell checked
 * against the caps.
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
	char *msg = bk_vformat(fmt, ap);
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
	char *msg = bk_vformat(fmt, ap);
	va_end(ap);
	error_at(sr->wb->file, 0, "%s: %s", sr->sheet, msg);
	free(msg);
	sr->p.failed = 1;
	return -1;
}

static int start_row(struct sheet_reader *sr)
{
	char *r = part_attr(&sr->p, "r");
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
	char *r = part_attr(&sr->p, "r"), *s = part_attr(&sr->p, "s");
	unsigned col;
	long row;
	int ret = 0;
	free(sr->t);
	sr->t = part_attr(&sr->p, "t");
	sr->style = -1;
	sr->has_v = sr->has_is = 0;
	strbuf_reset(&sr->v);
	strbuf_reset(&sr->is);
	if (r) {
		if (bk_parse_ref(r, &col, &row) < 0 || (row && row != sr->row)) {
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
	const char *v = bk_trim(sr->v.buf, &len);
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
			bk_add_unescaped(&text, sr->is.buf, sr->is.len);
		else
			bk_add_unescaped(&text, sr->v.buf, sr->v.len);
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
		if (!bk_is_stored_number(v, len))
			return cell_error(sr, "'%.40s' is not a number", v);
		c = rowbuf_add(rb, sr->col, WB_NUMBER, v, len, 0);
		c->num = strtod(rb->text.buf + rb->off[rb->nr - 1], NULL);
		if (sr->style >= 0 && (size_t)sr->style < wb->nr_xf && wb->xf_date[sr->style] &&
		    bk_serial_to_date(c->num, wb->date1904, c->date) == 0)
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
		return cell_error(sr, "the row holds more than %s of text", bk_size_text(BOOK_MAX_ROW_BYTES, size));
	return 0;
}

/* Deliver the row just read; returns 0 to go on, 1 to stop quietly, -1. */
static int finish_row(struct sheet_reader *sr)
{
	if (!sr->rb.nr)
		return 0;
	if (sr->row > sr->wb->max_rows)
		return row_error(sr, "row %ld is beyond the limit of %ld rows", sr->row, sr->wb->max_rows);
	part_handlers_theirs(&sr->p);
	int rc = rowbuf_deliver(&sr->rb, sr->wb, sr->sheet, sr->row, 0, sr->fn, sr->data);
	part_handlers_ours(&sr->p);
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
				if (part_read_rich_text(p, &sr->is, 7 * (size_t)BOOK_MAX_CELL_BYTES, "an inline string") < 0)
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
		} else if (in_v && depth == 5 && part_is_text(p)) {
			if (add_text(sr, &sr->v, BOOK_MAX_CELL_BYTES) < 0)
				return -1;
		}
	}
	return ret;
}

int xlsx_read_sheet(struct book *wb, size_t i, book_row_fn fn, void *data)
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
