/*
 * sheet.c - workbook rows <-> the vocabulary (sheet.h).
 */
#define _GNU_SOURCE /* memfd_create */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "book.h"
#include "diag.h"
#include "facts.h"
#include "rx.h"
#include "sheet.h"
#include "store.h"
#include "strmap.h"
#include "util.h"

/* ===== the book ===== */

void sheet_book_init(struct sheet_book *b)
{
	memset(b, 0, sizeof(*b));
}

static size_t nr_fields(enum vocab_record r)
{
	return vocab_record(r)->nr_fields;
}

void sheet_book_release(struct sheet_book *b)
{
	for (int r = 0; r < VR__COUNT; r++) {
		struct sheet_table *t = &b->t[r];
		for (size_t i = 0; i < t->nr; i++) {
			free(t->rows[i].key);
			for (size_t f = 0; f < nr_fields(r); f++)
				free(t->rows[i].v[f]);
			free(t->rows[i].v);
		}
		free(t->rows);
		free(b->sheet[r]);
	}
	memset(b, 0, sizeof(*b));
}

struct sheet_rec *sheet_book_add(struct sheet_book *b, enum vocab_record r, const char *key)
{
	struct sheet_table *t = &b->t[r];
	ALLOC_GROW(t->rows, t->nr + 1, t->alloc);
	struct sheet_rec *rec = &t->rows[t->nr++];
	rec->key = key && *key ? xstrdup(key) : NULL;
	rec->v = xcalloc(nr_fields(r) ? nr_fields(r) : 1, sizeof(char *));
	rec->row = 0;
	return rec;
}

void sheet_rec_set(struct sheet_rec *rec, size_t i, const char *code)
{
	free(rec->v[i]);
	rec->v[i] = code && *code ? xstrdup(code) : NULL;
}

/* ===== layout ===== */

const enum vocab_record sheet_order[VR__COUNT] = {
	VR_INVENTORY, VR_ORGANIZATION, VR_SYSTEM, VR_COMPONENT,
	VR_INSPECTION, VR_CONTROL, VR_WAIVER, VR_POLICY,
};

static const char *const sheet_names[VR__COUNT][2] = {
	[VR_INVENTORY] = {"Danh mục", "Inventory"},
	[VR_ORGANIZATION] = {"Cơ quan", "Organisations"},
	[VR_POLICY] = {"Chu kỳ kiểm tra", "Inspection cadences"},
	[VR_SYSTEM] = {"Hệ thống", "Systems"},
	[VR_COMPONENT] = {"Thành phần", "Components"},
	[VR_INSPECTION] = {"Kiểm tra", "Inspections"},
	[VR_CONTROL] = {"Biện pháp", "Controls"},
	[VR_WAIVER] = {"Miễn áp dụng", "Waivers"},
};

const char *sheet_name(enum vocab_record r, enum vocab_lang lang)
{
	return sheet_names[r][lang == VOCAB_EN];
}

const char *sheet_instructions_name(enum vocab_lang lang)
{
	return lang == VOCAB_EN ? "Instructions" : "Hướng dẫn";
}

const char *sheet_lists_name(void)
{
	return "Lists";
}

const struct vocab_field *sheet_key_field(enum vocab_record r)
{
	enum vocab_record p = vocab_record(r)->parent;
	if (p == VR_NONE || p == VR_INVENTORY)
		return NULL;
	return vocab_field_find(p, "id");
}

const char *sheet_value_label(enum vocab_list l, const char *code, enum vocab_lang lang)
{
	const char *label = vocab_value_label(l, code, lang);
	return label ? label : code;
}

/* ===== comparing what people type ===== */

/* Append s folded: surrounding and repeated white space (and no-break
 * spaces) dropped, letters in lower case (ASCII, Latin-1, Latin
 * Extended-A/B and the Vietnamese letters of Latin Extended Additional). */
static void fold(struct strbuf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	int space = 0;
	strbuf_reset(out);
	while (p < end) {
		unsigned c = *p;
		size_t n = 1;
		if (c < 0x80) {
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
				space = 1;
				p++;
				continue;
			}
			if (c >= 'A' && c <= 'Z')
				c += 32;
		} else if ((c & 0xE0) == 0xC0 && p + 1 < end) {
			c = ((c & 0x1F) << 6) | (p[1] & 0x3F);
			n = 2;
		} else if ((c & 0xF0) == 0xE0 && p + 2 < end) {
			c = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
			n = 3;
		} else {
			/* anything else is copied as it is */
			if (space && out->len)
				strbuf_addstr(out, " ");
			space = 0;
			strbuf_add(out, p, 1);
			p++;
			continue;
		}
		if (c == 0xA0) {
			space = 1;
			p += n;
			continue;
		}
		if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
			c += 0x20;
		else if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && !(c & 1))
			c += 1;
		else if (c == 0x1A0 || c == 0x1AF)
			c += 1;
		else if (c >= 0x1EA0 && c <= 0x1EF9 && !(c & 1))
			c += 1;
		if (space && out->len)
			strbuf_addstr(out, " ");
		space = 0;
		char u[4];
		if (c < 0x80) {
			u[0] = (char)c;
			strbuf_add(out, u, 1);
		} else if (c < 0x800) {
			u[0] = (char)(0xC0 | (c >> 6));
			u[1] = (char)(0x80 | (c & 0x3F));
			strbuf_add(out, u, 2);
		} else {
			u[0] = (char)(0xE0 | (c >> 12));
			u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
			u[2] = (char)(0x80 | (c & 0x3F));
			strbuf_add(out, u, 3);
		}
		p += n;
	}
}

/* 1 when a (folded) equals b folded. */
static int same_text(const char *folded, const char *b, struct strbuf *scratch)
{
	if (!b)
		return 0;
	fold(scratch, b, strlen(b));
	return !strcmp(folded, scratch->buf);
}

/* The codes and labels of every list, folded once. */
static char **folded_values[VL__COUNT]; /* 3 a value: code, vi, en */
static pthread_once_t folded_once = PTHREAD_ONCE_INIT;

static void fold_lists(void)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (int l = 1; l < VL__COUNT; l++) {
		const struct vocab_list_def *ld = vocab_list((enum vocab_list)l);
		folded_values[l] = xcalloc(3 * ld->nr_values + 1, sizeof(char *));
		for (size_t i = 0; i < ld->nr_values; i++) {
			const char *t[3] = {ld->values[i].code, ld->values[i].label_vi,
			                    ld->values[i].label_en};
			for (int k = 0; k < 3; k++) {
				if (!t[k])
					continue;
				fold(&sb, t[k], strlen(t[k]));
				folded_values[l][3 * i + (size_t)k] = xstrdup(sb.buf);
			}
		}
	}
	strbuf_release(&sb);
}

/* The entry of list l that the folded text names (code or label). */
static const struct vocab_value *find_value(enum vocab_list l, const char *folded,
                                            struct strbuf *scratch)
{
	const struct vocab_list_def *ld = vocab_list(l);
	(void)scratch;
	pthread_once(&folded_once, fold_lists);
	char **fv = folded_values[l];
	for (size_t i = 0; i < 3 * ld->nr_values; i++)
		if (fv[i] && !strcmp(fv[i], folded))
			return &ld->values[i / 3];
	return NULL;
}

/* What list l allows, in lang, for a message. */
static void list_allowed(struct strbuf *why, enum vocab_list l, enum vocab_lang lang)
{
	const struct vocab_list_def *ld = vocab_list(l);
	int first = 1;
	strbuf_addstr(why, lang == VOCAB_EN ? "one of: " : "một trong: ");
	for (size_t i = 0; i < ld->nr_values; i++) {
		const struct vocab_value *v = &ld->values[i];
		if (v->kind == VV_ALIAS)
			continue;
		strbuf_addf(why, "%s\"%s\"", first ? "" : ", ",
		            lang == VOCAB_EN ? v->label_en : v->label_vi);
		first = 0;
	}
}

/* ===== reading cells ===== */

/* A workbook's problems are listed up to this many; reading stops there. */
#define SHEET_MAX_PROBLEMS 1000
/* Bytes the values of one workbook may take in memory (the book.h caps
 * bound what is read, this what is kept: one row a system is about 1 KiB). */
#define SHEET_MAX_BYTES (512L << 20)

#define DECISION_PATTERN "^[0-9]+(/[0-9]{4})?/Q[ĐD]-[\\p{L}\\p{N}&]+(-[\\p{L}\\p{N}&]+)*$"

struct reader {
	const char *file;
	int csv;
	struct sheet_book *b;
	struct strbuf fold, scratch, code, why;
	struct rx *decision_rx;
	/* the sheet being read */
	enum vocab_record r;
	enum vocab_lang lang;
	int header_done;
	int *col_field;   /* column -> field index, -1 the key, -2 nothing */
	unsigned nr_cols;
	long problems;
	size_t bytes;     /* kept so far (about) */
};

static int is_id(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (!ok && (i == 0 || (c != '.' && c != '_' && c != '-')))
			return 0;
	}
	return 1;
}

/* A whole number cell as digits into code; -1 when it is not one. */
static int number_digits(const struct book_cell *c, struct strbuf *code)
{
	if (c->num < 0 || c->num > 999999999999999.0 || c->num != (double)(long long)c->num)
		return -1;
	strbuf_addf(code, "%lld", (long long)c->num);
	return 0;
}

/* dd/mm/yyyy, d.m.yyyy, d-m-yyyy or yyyy-mm-dd into an ISO date. */
static int text_date(const char *s, struct strbuf *code)
{
	int d, m, y, n = 0;
	char sep1, sep2;
	char buf[11];
	if (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10) {
		if (is_iso_date(s)) {
			strbuf_addstr(code, s);
			return 0;
		}
		return -1;
	}
	if (sscanf(s, "%2d%c%2d%c%4d%n", &d, &sep1, &m, &sep2, &y, &n) == 5 &&
	    (size_t)n == strlen(s) && sep1 == sep2 && (sep1 == '/' || sep1 == '.' || sep1 == '-') &&
	    y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
		if (is_iso_date(buf)) {
			strbuf_addstr(code, buf);
			return 0;
		}
	}
	return -1;
}

/*
 * The code of cell c for field f into r->code ("" = empty). Returns 0, or -1
 * with what is allowed in r->why.
 */
static int cell_code(struct reader *r, const struct vocab_field *f, const struct book_cell *c)
{
	struct strbuf *code = &r->code, *why = &r->why;
	int en = r->lang == VOCAB_EN;
	strbuf_reset(code);
	strbuf_reset(why);
	if (c->type == WB_EMPTY)
		return 0;
	if (c->type == WB_ERROR) {
		strbuf_addf(why, en ? "a formula error (%s), not a value" :
		                      "lỗi công thức (%s), không phải giá trị", c->text);
		return -1;
	}
	/* the text as typed, trimmed (a date cell: its date) */
	const char *text = c->type == WB_DATE && c->date[0] ? c->date : c->text;
	/* the text trimmed, case kept */
	const char *s = text;
	size_t n = text == c->text ? c->len : strlen(text);
	while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (!n)
		return 0;
	if (!is_xml_text(text)) {
		strbuf_addstr(why, en ? "text without control characters" :
		                        "văn bản không có ký tự điều khiển");
		return -1;
	}

	switch (f->kind) {
	case VK_TEXT:
	case VK_LABEL:
		if (c->type == WB_NUMBER && number_digits(c, code) == 0)
			return 0;
		strbuf_add(code, s, n);
		return 0;
	case VK_ID:
		if (c->type == WB_NUMBER && number_digits(c, code) == 0)
			return 0;
		strbuf_add(code, s, n);
		if (is_id(code->buf))
			return 0;
		strbuf_addstr(why, en ? "an id: letters, digits, . _ - (at most 64, starting with a "
		                        "letter or digit)" :
		                        "mã: chữ, số, . _ - (tối đa 64 ký tự, bắt đầu bằng chữ hoặc số)");
		return -1;
	case VK_RULES:
		for (size_t i = 0; i < n; i++) {
			char ch = s[i];
			if (ch >= 'a' && ch <= 'z')
				ch -= 32;
			if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9' && i)) || i >= 16) {
				strbuf_reset(code);
				strbuf_addstr(why, en ? "a rule-set id such as ND85, ND331" :
				                        "mã bộ tiêu chí như ND85, ND331");
				return -1;
			}
			strbuf_add(code, &ch, 1);
		}
		return 0;
	case VK_DECISION: {
		strbuf_add(code, s, n);
		char *err = NULL;
		if (r->decision_rx && rx_match(r->decision_rx, code->buf, code->len, &err) == 1)
			return 0;
		free(err);
		strbuf_addstr(why, en ? "a decision number such as 1520/QĐ-UBND or 123/2024/QĐ-UBND" :
		                        "số quyết định như 1520/QĐ-UBND hoặc 123/2024/QĐ-UBND");
		return -1;
	}
	case VK_DATE:
		if (c->type == WB_DATE && c->date[0]) {
			strbuf_addstr(code, c->date);
			return 0;
		}
		if (c->type == WB_STRING) {
			char *t = xmalloc(n + 1);
			memcpy(t, s, n);
			t[n] = 0;
			int rc = text_date(t, code);
			free(t);
			if (!rc)
				return 0;
		}
		strbuf_reset(code);
		strbuf_addstr(why, en ? "a date (a date cell, YYYY-MM-DD or DD/MM/YYYY)" :
		                        "ngày (ô kiểu ngày, YYYY-MM-DD hoặc DD/MM/YYYY)");
		return -1;
	case VK_COUNT:
		if (c->type == WB_NUMBER) {
			if (number_digits(c, code) == 0)
				return 0;
		} else if (c->type == WB_STRING) {
			size_t i;
			for (i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
				;
			if (i == n && n <= 15) {
				strbuf_add(code, s, n);
				return 0;
			}
		}
		strbuf_reset(code);
		strbuf_addstr(why, en ? "a whole number written with digits only, no . , or spaces "
		                        "between thousands (12400)" :
		                        "số nguyên chỉ gồm chữ số, không có dấu . , hay dấu cách "
		                        "phân cách hàng nghìn (12400)");
		return -1;
	case VK_LEVEL:
	case VK_TRI:
	case VK_ENUM:
	case VK_PRESENT: {
		enum vocab_list l = f->kind == VK_PRESENT ? VL_TRI : f->list;
		const struct vocab_value *v = NULL;
		if (c->type == WB_NUMBER && number_digits(c, code) == 0) {
			fold(&r->fold, code->buf, code->len);
			strbuf_reset(code);
		}
		else
			fold(&r->fold, s, n);
		if (c->type == WB_BOOLEAN && l == VL_TRI)
			v = vocab_value_find(l, c->num ? "yes" : "no");
		else
			v = find_value(l, r->fold.buf, &r->scratch);
		if (v) {
			const char *cd = v->kind == VV_ALIAS ? v->means : v->code;
			if (f->kind == VK_PRESENT && strcmp(cd, "yes"))
				return 0; /* no, unknown: the element is not there */
			strbuf_addstr(code, cd);
			return 0;
		}
		list_allowed(why, l, r->lang);
		return -1;
	}
	case VK_SET: {
		/* codes or labels separated by ; , or line breaks */
		const char *p = s, *end = s + n;
		struct strbuf part;
		strbuf_init(&part);
		while (p < end) {
			const char *q = p;
			while (q < end && *q != ';' && *q != '\n')
				q++;
			fold(&r->fold, p, (size_t)(q - p));
			if (r->fold.len) {
				const struct vocab_value *v = find_value(f->list, r->fold.buf, &r->scratch);
				if (!v || v->kind == VV_UNKNOWN) {
					strbuf_release(&part);
					strbuf_reset(code);
					list_allowed(why, f->list, r->lang);
					strbuf_addstr(why, en ? " (several separated by ;)" :
					                        " (nhiều giá trị cách nhau bởi ;)");
					return -1;
				}
				const char *cd = v->kind == VV_ALIAS ? v->means : v->code;
				if (code->len)
					strbuf_addstr(code, " ");
				strbuf_addstr(code, cd);
			}
			p = q < end ? q + 1 : q;
		}
		strbuf_release(&part);
		return 0;
	}
	}
	return 0;
}

/* ===== reading sheets ===== */

static const char *field_label(const struct vocab_field *f, enum vocab_lang lang)
{
	return vocab_field_label(f, lang);
}

/* The record whose sheet is called name, or VR_NONE. */
static enum vocab_record sheet_record(struct reader *r, const char *name)
{
	fold(&r->fold, name, strlen(name));
	for (int i = 0; i < VR__COUNT; i++) {
		const struct vocab_record_def *d = vocab_record(i);
		if (same_text(r->fold.buf, sheet_names[i][0], &r->scratch) ||
		    same_text(r->fold.buf, sheet_names[i][1], &r->scratch) ||
		    same_text(r->fold.buf, d->name, &r->scratch) ||
		    same_text(r->fold.buf, d->label_vi, &r->scratch) ||
		    same_text(r->fold.buf, d->label_en, &r->scratch))
			return i;
	}
	return VR_NONE;
}

/* The header row: which field each column holds. */
static int read_header(struct reader *r, const struct book_row *row)
{
	const struct vocab_record_def *d = vocab_record(r->r);
	const struct vocab_field *key = sheet_key_field(r->r);
	size_t nf = d->nr_fields;
	char *seen = xcalloc(nf + 1, 1);
	int vi = 0, en = 0, bad = 0;
	unsigned maxcol = row->nr_cells ? row->cells[row->nr_cells - 1].col + 1 : 0;
	r->col_field = xmalloc((maxcol + 1) * sizeof(int));
	r->nr_cols = maxcol;
	for (unsigned c = 0; c < maxcol; c++)
		r->col_field[c] = -2;
	for (size_t i = 0; i < row->nr_cells; i++) {
		const struct book_cell *c = &row->cells[i];
		const char *t = c->text;
		fold(&r->fold, t, strlen(t));
		/* a trailing "*" marks a required column */
		while (r->fold.len && (r->fold.buf[r->fold.len - 1] == '*' ||
		                       r->fold.buf[r->fold.len - 1] == ' '))
			r->fold.buf[--r->fold.len] = 0;
		if (!r->fold.len)
			continue;
		char *h = xstrdup(r->fold.buf);
		int found = -2;
		if (key && !seen[nf]) {
			if (same_text(h, key->label_vi, &r->scratch))
				found = -1, vi++;
			else if (same_text(h, key->label_en, &r->scratch))
				found = -1, en++;
			else if (same_text(h, "parent", &r->scratch) || same_text(h, "system", &r->scratch) ||
			         same_text(h, "organization", &r->scratch))
				found = -1;
		}
		for (size_t f = 0; found == -2 && f < nf; f++) {
			if (seen[f])
				continue;
			const struct vocab_field *fd = &d->fields[f];
			if (same_text(h, fd->label_vi, &r->scratch))
				found = (int)f, vi++;
			else if (same_text(h, fd->label_en, &r->scratch))
				found = (int)f, en++;
			else if (same_text(h, fd->name, &r->scratch))
				found = (int)f;
		}
		if (found == -2) {
			book_cell_error(row, c->col, "%s", r->lang == VOCAB_EN && 0 ? "" :
			                "unknown column / cột không có trong danh mục");
			bad = 1;
		} else {
			seen[found == -1 ? nf : (size_t)found] = 1;
			r->col_field[c->col] = found;
		}
		free(h);
	}
	r->lang = en > vi ? VOCAB_EN : VOCAB_VI;
	/* columns that must be there */
	if (key && !seen[nf]) {
		book_cell_error(row, -1, "%s: %s", field_label(key, r->lang),
		                r->lang == VOCAB_EN ? "this column is missing" : "thiếu cột này");
		bad = 1;
	}
	for (size_t f = 0; f < nf; f++) {
		const struct vocab_field *fd = &d->fields[f];
		int must = ((fd->flags & VOCAB_ELEMENT) && !fd->attribute) ||
		           ((fd->flags & VOCAB_REQUIRED) && !*fd->element);
		if (r->r == VR_INVENTORY && f == INV_VERSION)
			must = 0;
		if (must && !seen[f]) {
			book_cell_error(row, -1, "%s: %s", field_label(fd, r->lang),
			                r->lang == VOCAB_EN ? "this column is missing" : "thiếu cột này");
			bad = 1;
		}
	}
	free(seen);
	return bad;
}

/* A field's group: fields sharing a child element. */
static int group_given(const struct vocab_record_def *d, const struct sheet_rec *rec,
                       const char *element)
{
	for (size_t f = 0; f < d->nr_fields; f++)
		if (!strcmp(d->fields[f].element, element) && rec->v[f])
			return 1;
	return 0;
}

/* Column of field f in the sheet being read, or -1. */
static long field_col(const struct reader *r, long f)
{
	for (unsigned c = 0; c < r->nr_cols; c++)
		if (r->col_field[c] == f)
			return c;
	return -1;
}

static int on_row(void *data, const struct book_row *row)
{
	struct reader *r = data;
	if (!r->header_done) {
		r->header_done = 1;
		if (read_header(r, row))
			r->problems++;
		return 0;
	}
	const struct vocab_record_def *d = vocab_record(r->r);
	const struct vocab_field *key = sheet_key_field(r->r);
	if (r->problems >= SHEET_MAX_PROBLEMS)
		return book_cell_error(row, -1, "more than %d problems: reading stopped here; correct "
		                       "these first / quá %d lỗi: dừng đọc tại đây",
		                       SHEET_MAX_PROBLEMS, SHEET_MAX_PROBLEMS);
	r->bytes += sizeof(struct sheet_rec) + 16 + d->nr_fields * sizeof(char *) + row->nr_cells * 24;
	for (size_t i = 0; i < row->nr_cells; i++)
		r->bytes += row->cells[i].len;
	if (r->bytes > SHEET_MAX_BYTES)
		return book_cell_error(row, -1, "the workbook holds more than %ld MiB of values: split "
		                       "it into several files read together, or write XML / bảng tính "
		                       "quá lớn: tách thành nhiều tệp",
		                       SHEET_MAX_BYTES >> 20);
	struct sheet_rec *rec = sheet_book_add(r->b, r->r, NULL);
	rec->row = row->number;
	int en = r->lang == VOCAB_EN, key_bad = 0;
	char *bad = xcalloc(d->nr_fields + 1, 1);
	for (size_t i = 0; i < row->nr_cells; i++) {
		const struct book_cell *c = &row->cells[i];
		if (c->col >= r->nr_cols || r->col_field[c->col] == -2) {
			if (c->len && strspn(c->text, " \t\r\n") != c->len) {
				book_cell_error(row, c->col, en ? "a value in a column without a header" :
				                                  "giá trị ở cột không có tiêu đề");
				r->problems++;
			}
			continue;
		}
		int f = r->col_field[c->col];
		const struct vocab_field *fd = f == -1 ? key : &d->fields[f];
		if (cell_code(r, fd, c) < 0) {
			book_cell_error(row, c->col, "%s: %s", field_label(fd, r->lang), r->why.buf);
			r->problems++;
			if (f == -1)
				key_bad = 1;
			else
				bad[f] = 1;
			continue;
		}
		if (f == -1) {
			free(rec->key);
			rec->key = r->code.len ? xstrdup(r->code.buf) : NULL;
		} else {
			sheet_rec_set(rec, (size_t)f, r->code.buf);
		}
	}
	/* what must be given */
	if (key && !rec->key && !key_bad) {
		book_cell_error(row, field_col(r, -1), "%s: %s", field_label(key, r->lang),
		                en ? "required" : "bắt buộc");
		r->problems++;
	}
	for (size_t f = 0; f < d->nr_fields; f++) {
		const struct vocab_field *fd = &d->fields[f];
		if (rec->v[f] || bad[f])
			continue;
		int must = 0;
		if ((fd->flags & VOCAB_ELEMENT) && !fd->attribute)
			must = 1;
		else if (fd->flags & VOCAB_REQUIRED)
			must = !*fd->element || group_given(d, rec, fd->element);
		if (r->r == VR_INVENTORY && f == INV_VERSION) {
			sheet_rec_set(rec, f, "1");
			continue;
		}
		if (must) {
			long col = field_col(r, (long)f);
			if (*fd->element && !(fd->flags & VOCAB_ELEMENT))
				book_cell_error(row, col, "%s: %s", field_label(fd, r->lang),
				                en ? "required when the other columns of its group are "
				                     "filled in" :
				                     "bắt buộc khi các cột cùng nhóm đã được điền");
			else
				book_cell_error(row, col, "%s: %s", field_label(fd, r->lang),
				                en ? "required" : "bắt buộc");
			r->problems++;
		}
	}
	free(bad);
	return 0;
}

/* Rows whose parent id names no row of the parent's sheet; ids twice. */
static void check_keys(struct reader *r, struct book *wb)
{
	(void)wb;
	for (int rr = 0; rr < VR__COUNT; rr++) {
		const struct vocab_field *key = sheet_key_field(rr);
		if (!key)
			continue;
		enum vocab_record p = vocab_record(rr)->parent;
		struct strmap parents;
		strmap_init(&parents);
		for (size_t i = 0; i < r->b->t[p].nr; i++)
			if (r->b->t[p].rows[i].v[0])
				strmap_put(&parents, r->b->t[p].rows[i].v[0], i, NULL);
		struct sheet_table *t = &r->b->t[rr];
		for (size_t i = 0; i < t->nr; i++) {
			size_t at;
			if (!t->rows[i].key || strmap_get(&parents, t->rows[i].key, &at))
				continue;
			char ref[BOOK_REF_MAX];
			book_cell_ref(t->rows[i].row, 0, ref);
			const char *here = r->b->sheet[rr] ? r->b->sheet[rr] : sheet_name(rr, VOCAB_VI);
			int en = r->b->sheet[rr] && !strcmp(r->b->sheet[rr], sheet_name(rr, VOCAB_EN));
			const char *there = r->b->sheet[p] ? r->b->sheet[p] : sheet_name(p, en);
			error_at(r->file, 0, en ? "%s!%s: %s: '%s' is not on sheet %s" :
			                          "%s!%s: %s: '%s' không có trên trang %s",
			         here, ref, field_label(key, en), t->rows[i].key, there);
			r->problems++;
		}
		strmap_release(&parents);
	}
}

int sheet_read_book(const char *path, struct sheet_book *b)
{
	struct book *wb = NULL;
	long before = diag_problem_count();
	if (book_open(path, NULL, &wb) < 0)
		return diag_problem_count() > before ? 1 : -1;
	struct reader r = {0};
	r.file = path;
	r.b = b;
	r.csv = book_kind(wb) == BOOK_CSV;
	b->csv = r.csv;
	strbuf_init(&r.fold);
	strbuf_init(&r.scratch);
	strbuf_init(&r.code);
	strbuf_init(&r.why);
	char *err = NULL;
	r.decision_rx = rx_compile(DECISION_PATTERN, &err);
	free(err);
	int ret = 0, any = 0;
	for (size_t i = 0; i < book_sheet_count(wb); i++) {
		const char *name = book_sheet_name(wb, i);
		enum vocab_record rec = r.csv ? VR_SYSTEM : sheet_record(&r, name);
		if (rec == VR_NONE)
			continue; /* instructions, lists, the user's own notes */
		any = 1;
		if (!b->sheet[rec])
			b->sheet[rec] = xstrdup(name);
		r.r = rec;
		r.lang = VOCAB_VI;
		r.header_done = 0;
		free(r.col_field);
		r.col_field = NULL;
		r.nr_cols = 0;
		if (book_read_sheet(wb, i, on_row, &r) < 0) {
			ret = diag_problem_count() > before ? 1 : -1;
			break;
		}
	}
	if (!ret && !any) {
		error_at(path, 0, "no sheet of the inventory (%s, %s ...) / không có trang tính của "
		                  "danh mục", sheet_name(VR_SYSTEM, VOCAB_VI), sheet_name(VR_SYSTEM, VOCAB_EN));
		ret = 1;
	}
	if (!ret) {
		check_keys(&r, wb);
		/* the inventory row: as-of defaults to today (a CSV has none) */
		if (!b->t[VR_INVENTORY].nr) {
			char today[11];
			today_iso(today);
			struct sheet_rec *inv = sheet_book_add(b, VR_INVENTORY, NULL);
			sheet_rec_set(inv, INV_VERSION, "1");
			sheet_rec_set(inv, INV_AS_OF, today);
		} else if (b->t[VR_INVENTORY].nr > 1) {
			error_at(path, 0, "%s!%ld: one row only / chỉ một dòng",
			         sheet_name(VR_INVENTORY, VOCAB_VI), b->t[VR_INVENTORY].rows[1].row);
			r.problems++;
		}
		if (r.problems || diag_problem_count() > before)
			ret = 1;
	}
	free(r.col_field);
	rx_free(r.decision_rx);
	strbuf_release(&r.fold);
	strbuf_release(&r.scratch);
	strbuf_release(&r.code);
	strbuf_release(&r.why);
	book_free(wb);
	return ret;
}

/* ===== the XML document ===== */

static void add_attr_value(struct strbuf *out, const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "&<>\"\n\r\t");
		if (n)
			strbuf_add(out, s, n);
		s += n;
		switch (*s) {
		case 0: return;
		case '&': strbuf_addstr(out, "&amp;"); break;
		case '<': strbuf_addstr(out, "&lt;"); break;
		case '>': strbuf_addstr(out, "&gt;"); break;
		case '"': strbuf_addstr(out, "&quot;"); break;
		case '\n': strbuf_addstr(out, "&#10;"); break;
		case '\r': strbuf_addstr(out, "&#13;"); break;
		case '\t': strbuf_addstr(out, "&#9;"); break;
		}
		s++;
	}
}

/* Rows of each child record by parent id: first[] through a map, next[]. */
struct children {
	struct strmap first;
	size_t *next; /* index + 1 of the next row with the same key; 0 = none */
};

static void children_build(struct children *ch, const struct sheet_table *t)
{
	strmap_init(&ch->first);
	ch->next = xcalloc(t->nr + 1, sizeof(size_t));
	size_t *last = xcalloc(t->nr + 1, sizeof(size_t));
	for (size_t i = 0; i < t->nr; i++) {
		const char *k = t->rows[i].key;
		size_t f;
		if (!k)
			continue;
		if (strmap_put(&ch->first, k, i, &f) == 1) {
			ch->next[last[f]] = i + 1;
			last[f] = i;
		} else {
			last[i] = i;
		}
	}
	free(last);
}

/* Where each record of the document came from: from `line` on, the row
 * `row` of record r's sheet (until the next mark). */
struct line_mark {
	long line;
	enum vocab_record r;
	long row;
};

struct xml_writer {
	const struct sheet_book *b;
	struct children ch[VR__COUNT];
	struct strbuf *out;
	struct line_mark *marks; /* NULL: not wanted */
	size_t nr_marks, alloc_marks;
	int want_marks;
	size_t scanned;
	long lines;
};

/* What is written next comes from row `row` of record r's sheet. */
static void mark(struct xml_writer *w, enum vocab_record r, long row)
{
	if (!w->want_marks)
		return;
	for (; w->scanned < w->out->len; w->scanned++)
		if (w->out->buf[w->scanned] == '\n')
			w->lines++;
	long line = w->lines + 1;
	if (w->nr_marks && w->marks[w->nr_marks - 1].line == line)
		w->nr_marks--;
	ALLOC_GROW(w->marks, w->nr_marks + 1, w->alloc_marks);
	w->marks[w->nr_marks++] = (struct line_mark){line, r, row};
}

static void emit_record(struct xml_writer *w, enum vocab_record r, const struct sheet_rec *rec,
                        int depth);

static void emit_children(struct xml_writer *w, enum vocab_record r, const char *id, int depth)
{
	size_t i;
	if (!id || !strmap_get(&w->ch[r].first, id, &i))
		return;
	for (;;) {
		emit_record(w, r, &w->b->t[r].rows[i], depth);
		if (!w->ch[r].next[i])
			break;
		i = w->ch[r].next[i] - 1;
	}
}

static int has_children(struct xml_writer *w, enum vocab_record r, const char *id)
{
	size_t i;
	return id && strmap_get(&w->ch[r].first, id, &i);
}

static void indent(struct strbuf *out, int depth)
{
	for (int i = 0; i < depth; i++)
		strbuf_addstr(out, "  ");
}

static void emit_attrs(struct strbuf *out, const struct vocab_node *n, const struct sheet_rec *rec)
{
	for (size_t a = 0; a < n->nr_attrs; a++) {
		const struct vocab_field *f = n->attrs[a];
		const char *v = rec->v[f->index];
		if (!v)
			continue;
		strbuf_addstr(out, " ");
		strbuf_addstr(out, f->attribute);
		strbuf_addstr(out, "=\"");
		add_attr_value(out, v);
		strbuf_addstr(out, "\"");
	}
}

static void emit_record(struct xml_writer *w, enum vocab_record r, const struct sheet_rec *rec,
                        int depth)
{
	const struct vocab_node *n = vocab_record_node(r);
	struct strbuf *out = w->out;
	const char *id = n->nr_attrs && vocab_node_attr(n, "id") ? rec->v[vocab_node_attr(n, "id")->index]
	                                                     : NULL;
	indent(out, depth);
	mark(w, r, rec->row);
	strbuf_addstr(out, "<");
	strbuf_addstr(out, n->name);
	emit_attrs(out, n, rec);
	size_t body = out->len;
	strbuf_addstr(out, ">\n");
	int any = 0;
	for (size_t c = 0; c < n->nr_children; c++) {
		const struct vocab_node *k = n->children[c];
		if (k->kind == VN_FIELDS) {
			int given = k->required;
			for (size_t a = 0; a < k->nr_attrs; a++)
				given |= rec->v[k->attrs[a]->index] != NULL;
			if (k->text && rec->v[k->text->index])
				given = 1;
			if (k->present && rec->v[k->present->index])
				given = 1;
			if (!given)
				continue;
			any = 1;
			if (k->text && k->text->kind == VK_SET) {
				const char *p = rec->v[k->text->index];
				while (*p) {
					size_t len = strcspn(p, " ");
					indent(out, depth + 1);
					strbuf_addf(out, "<%s>%.*s</%s>\n", k->name, (int)len, p, k->name);
					p += len;
					while (*p == ' ')
						p++;
				}
				continue;
			}
			indent(out, depth + 1);
			strbuf_addstr(out, "<");
			strbuf_addstr(out, k->name);
			emit_attrs(out, k, rec);
			if (k->text && rec->v[k->text->index]) {
				strbuf_addstr(out, ">");
				add_attr_value(out, rec->v[k->text->index]);
				strbuf_addf(out, "</%s>\n", k->name);
			} else {
				strbuf_addstr(out, "/>\n");
			}
		} else if (k->kind == VN_RECORD) {
			if (r == VR_INVENTORY) {
				const struct sheet_table *t = &w->b->t[k->record];
				for (size_t i = 0; i < t->nr; i++)
					emit_record(w, k->record, &t->rows[i], depth + 1);
				any |= t->nr > 0;
			} else if (has_children(w, k->record, id)) {
				any = 1;
				emit_children(w, k->record, id, depth + 1);
				mark(w, r, rec->row);
			}
		} else { /* a container */
			int some = 0;
			for (size_t j = 0; j < k->nr_children; j++)
				some |= has_children(w, k->children[j]->record, id);
			if (!some)
				continue;
			any = 1;
			indent(out, depth + 1);
			strbuf_addf(out, "<%s>\n", k->name);
			for (size_t j = 0; j < k->nr_children; j++)
				emit_children(w, k->children[j]->record, id, depth + 2);
			mark(w, r, rec->row);
			indent(out, depth + 1);
			strbuf_addf(out, "</%s>\n", k->name);
		}
	}
	if (!any) {
		out->len = body;
		out->buf[body] = 0;
		strbuf_addstr(out, "/>\n");
		return;
	}
	indent(out, depth);
	strbuf_addf(out, "</%s>\n", n->name);
}

static void to_xml(const struct sheet_book *b, struct strbuf *out, struct xml_writer *w)
{
	w->b = b;
	w->out = out;
	for (int r = 0; r < VR__COUNT; r++)
		children_build(&w->ch[r], &b->t[r]);
	strbuf_addstr(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	struct sheet_rec fallback = {0};
	char *v[INV__COUNT] = {0};
	const struct sheet_rec *inv = b->t[VR_INVENTORY].nr ? &b->t[VR_INVENTORY].rows[0] : NULL;
	if (!inv) {
		static char one[] = "1";
		fallback.v = v;
		v[INV_VERSION] = one;
		inv = &fallback;
	}
	emit_record(w, VR_INVENTORY, inv, 0);
	for (int r = 0; r < VR__COUNT; r++) {
		strmap_release(&w->ch[r].first);
		free(w->ch[r].next);
	}
}

void sheet_to_xml(const struct sheet_book *b, struct strbuf *out)
{
	struct xml_writer w = {0};
	to_xml(b, out, &w);
}

/* ---- places of the converted documents, for messages ---- */

struct converted {
	char *file;
	struct line_mark *marks;
	size_t nr_marks;
	char *sheet[VR__COUNT];
	int csv;
};
static struct converted *converted;
static size_t nr_converted, alloc_converted;

static const char *place_of(const char *file, long line)
{
	static char place[256];
	for (size_t i = nr_converted; i-- > 0;) {
		struct converted *c = &converted[i];
		if (strcmp(c->file, file))
			continue;
		size_t lo = 0, hi = c->nr_marks;
		while (lo < hi) { /* the last mark at or before line */
			size_t mid = lo + (hi - lo) / 2;
			if (c->marks[mid].line <= line)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (!lo || c->marks[lo - 1].row <= 0)
			return NULL;
		const struct line_mark *m = &c->marks[lo - 1];
		if (c->csv)
			snprintf(place, sizeof(place), "row %ld", m->row);
		else
			snprintf(place, sizeof(place), "%s!%ld:%ld",
			         c->sheet[m->r] ? c->sheet[m->r] : sheet_name(m->r, VOCAB_VI), m->row,
			         m->row);
		return place;
	}
	return NULL;
}

static void remember_places(const char *file, const struct sheet_book *b, struct xml_writer *w)
{
	struct converted *c = NULL;
	for (size_t i = 0; i < nr_converted; i++)
		if (!strcmp(converted[i].file, file))
			c = &converted[i];
	if (c) {
		free(c->marks);
		for (int r = 0; r < VR__COUNT; r++)
			free(c->sheet[r]);
	} else {
		ALLOC_GROW(converted, nr_converted + 1, alloc_converted);
		c = &converted[nr_converted++];
		c->file = xstrdup(file);
	}
	c->marks = w->marks;
	c->nr_marks = w->nr_marks;
	c->csv = b->csv;
	for (int r = 0; r < VR__COUNT; r++)
		c->sheet[r] = xstrdup_or_null(b->sheet[r]);
	w->marks = NULL;
	diag_set_place_hook(place_of);
}

/* ===== the reader's hook ===== */

static int ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcasecmp(s + n - m, suffix);
}

static int convert(const char *path, int *fd);

/* 1 when the first line of data has a ',' or ';' (CSV, not XML). */
static int first_line_has_separator(const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len && i < 65536 && p[i] != '\n'; i++)
		if (p[i] == ',' || p[i] == ';')
			return 1;
	return 0;
}

int sheet_open_inventory(const char *path, int *fd)
{
	*fd = -1;
	if (!strcmp(path, "-")) {
		/* standard input: XML as it is, a workbook (read whole by book.h,
		 * which keeps the bytes) converted */
		if (isatty(0)) {
			*fd = 0;
			return 0;
		}
		const char *data;
		size_t len;
		if (book_stdin(&data, &len) < 0)
			return -1;
		enum book_kind k = book_sniff_bytes(data, len);
		if (k != BOOK_XLSX && k != BOOK_LEGACY &&
		    !(k == BOOK_CSV && first_line_has_separator(data, len))) {
			int mfd = memfd_create("assess-stdin", MFD_CLOEXEC);
			if (mfd < 0)
				return error("cannot read standard input: %s", strerror(errno));
			for (size_t off = 0; off < len;) {
				ssize_t wr = write(mfd, data + off, len - off);
				if (wr < 0 && errno == EINTR)
					continue;
				if (wr < 0) {
					int e = errno;
					close(mfd);
					return error("cannot read standard input: %s", strerror(e));
				}
				off += (size_t)wr;
			}
			lseek(mfd, 0, SEEK_SET);
			*fd = mfd;
			return 0;
		}
		return convert(path, fd);
	}
	int in = open(path, O_RDONLY);
	if (in < 0)
		return error("cannot open '%s': %s", path, strerror(errno));
	unsigned char head[512];
	ssize_t n = pread(in, head, sizeof(head), 0);
	if (n < 0)
		n = 0;
	enum book_kind kind = book_sniff_bytes(head, (size_t)n);
	int workbook = kind == BOOK_XLSX || kind == BOOK_LEGACY;
	if (kind == BOOK_CSV) /* a CSV file: by its name, or a first line with separators */
		workbook = ends_with_ci(path, ".csv") || first_line_has_separator(head, (size_t)n);
	if (!workbook) {
		*fd = in;
		return 0;
	}
	close(in);
	return convert(path, fd);
}

/* Read path as a workbook, check it and convert it into *fd. */
static int convert(const char *path, int *fd)
{
	struct sheet_book b;
	sheet_book_init(&b);
	int rc = sheet_read_book(path, &b);
	if (rc) {
		sheet_book_release(&b);
		return rc;
	}
	struct strbuf xml;
	strbuf_init(&xml);
	struct xml_writer w = {0};
	w.want_marks = 1;
	to_xml(&b, &xml, &w);
	remember_places(path, &b, &w);
	sheet_book_release(&b);
	int mfd = memfd_create("assess-inventory", MFD_CLOEXEC);
	if (mfd < 0) {
		strbuf_release(&xml);
		return error("cannot convert '%s': %s", path, strerror(errno));
	}
	size_t off = 0;
	while (off < xml.len) {
		ssize_t wr = write(mfd, xml.buf + off, xml.len - off);
		if (wr < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(mfd);
			strbuf_release(&xml);
			return error("cannot convert '%s': %s", path, strerror(e));
		}
		off += (size_t)wr;
	}
	strbuf_release(&xml);
	lseek(mfd, 0, SEEK_SET);
	*fd = mfd;
	return 0;
}

/* ===== writing ===== */

static void set(struct sheet_rec *rec, size_t f, const char *v)
{
	sheet_rec_set(rec, f, v);
}

void sheet_example(struct sheet_book *b, const char *as_of)
{
	struct sheet_rec *x = sheet_book_add(b, VR_INVENTORY, NULL);
	set(x, INV_VERSION, "1");
	set(x, INV_AS_OF, as_of);

	x = sheet_book_add(b, VR_ORGANIZATION, NULL);
	set(x, ORG_ID, "ubnd-vd");
	set(x, ORG_ROLE, "owner");
	set(x, ORG_NAME, "Ủy ban nhân dân tỉnh Ví Dụ");
	x = sheet_book_add(b, VR_ORGANIZATION, NULL);
	set(x, ORG_ID, "ttcds-vd");
	set(x, ORG_ROLE, "operator");
	set(x, ORG_PARENT, "ubnd-vd");
	set(x, ORG_NAME, "Trung tâm Chuyển đổi số tỉnh Ví Dụ");

	x = sheet_book_add(b, VR_POLICY, "ubnd-vd");
	set(x, POL_LEVEL, "3");
	set(x, POL_MONTHS, "24");
	set(x, POL_DECISION, "77/QĐ-UBND");

	x = sheet_book_add(b, VR_SYSTEM, NULL);
	set(x, F_ID, "vd-dvc");
	set(x, F_OWNER, "ubnd-vd");
	set(x, F_OPERATOR, "ttcds-vd");
	set(x, F_STATUS, "operating");
	set(x, F_NAME, "Hệ thống giải quyết thủ tục hành chính tỉnh Ví Dụ");
	set(x, F_TYPE, "citizen-business");
	set(x, F_INFO_PUBLIC, "yes");
	set(x, F_INFO_PRIVATE, "yes");
	set(x, F_INFO_PERSONAL, "yes");
	set(x, F_INFO_SECRET, "none");
	set(x, F_INFO_DEFENCE, "no");
	set(x, F_SVC_PRESENT, "yes");
	set(x, F_SVC_ONLINE, "yes");
	set(x, F_SVC_PSL, "4");
	set(x, F_SVC_MODE, "full");
	set(x, F_SVC_ADMIN, "yes");
	set(x, F_SVC_COND, "no");
	set(x, F_DS_USERS, "12400");
	set(x, F_DS_BASIC, "12400");
	set(x, F_DS_SENSITIVE, "0");
	set(x, F_DS_AS_OF, as_of);
	set(x, F_DS_METHOD, "số tài khoản đã định danh");
	set(x, F_ALWAYS_ON, "no");
	set(x, F_HOSTING, "rented-dc");
	set(x, F_APPR_LEVEL, "3");
	set(x, F_APPR_RULES, "ND85");
	set(x, F_APPR_DECISION, "1520/QĐ-UBND");
	set(x, F_APPR_DATE, "2024-08-20");
	set(x, F_REG_DECISION, "1611/QĐ-UBND");
	set(x, F_REG_DATE, "2024-09-05");
	set(x, F_PLAN_STATUS, "partial");
	set(x, F_PROT_ONSITE, "yes");
	set(x, F_PROT_PROVIDER, "no");
	set(x, F_PROT_AUDIT, "yes");
	set(x, F_PROT_MONITOR, "yes");
	x = sheet_book_add(b, VR_SYSTEM, NULL);
	set(x, F_ID, "vd-cong-dvc");
	set(x, F_OWNER, "ubnd-vd");
	set(x, F_OPERATOR, "ttcds-vd");
	set(x, F_STATUS, "operating");
	set(x, F_NAME, "Cổng dịch vụ công tỉnh Ví Dụ");
	set(x, F_TYPE, "citizen-business");
	set(x, F_INFO_PUBLIC, "yes");
	set(x, F_INFO_PRIVATE, "no");
	set(x, F_INFO_PERSONAL, "no");
	set(x, F_INFO_SECRET, "none");
	set(x, F_INFO_DEFENCE, "no");
	set(x, F_HOSTING, "rented-dc");

	x = sheet_book_add(b, VR_COMPONENT, "vd-dvc");
	set(x, CMP_REF, "vd-cong-dvc");
	x = sheet_book_add(b, VR_INSPECTION, "vd-dvc");
	set(x, INS_DATE, "2025-05-12");
	set(x, INS_KIND, "periodic");
	set(x, INS_INDEPENDENT, "licensed");
	set(x, INS_BY, "Trung tâm Kiểm định ATTT");
	set(x, INS_FINDINGS, "7");
	x = sheet_book_add(b, VR_CONTROL, "vd-dvc");
	set(x, CTL_REF, "M.POL.1");
	set(x, CTL_STATUS, "met");
	set(x, CTL_EVIDENCE, "Quyết định 1611/QĐ-UBND");
	x = sheet_book_add(b, VR_WAIVER, "vd-dvc");
	set(x, WVR_REF, "D.DLP");
	set(x, WVR_REASON, "Không xử lý bí mật nhà nước");
	set(x, WVR_APPROVED_BY, "Giám đốc Sở KH&CN");
	set(x, WVR_UNTIL, "2027-12-31");
}

/* ---- a stored snapshot ---- */

static int store_org(void *data, const struct organization *org)
{
	struct sheet_book *b = data;
	struct sheet_rec *x = sheet_book_add(b, VR_ORGANIZATION, NULL);
	for (size_t f = 0; f < ORG__COUNT; f++)
		set(x, f, organization_field(org, f));
	for (size_t i = 0; i < org->nr_policies; i++) {
		const struct inspection_policy *p = &org->policies[i];
		struct sheet_rec *y = sheet_book_add(b, VR_POLICY, organization_field(org, ORG_ID));
		char num[32];
		snprintf(num, sizeof(num), "%d", p->level);
		set(y, POL_LEVEL, num);
		snprintf(num, sizeof(num), "%d", p->months);
		set(y, POL_MONTHS, num);
		set(y, POL_DECISION, p->decision);
	}
	return 0;
}

static int store_sys(void *data, const struct system_record *rec, long row)
{
	struct sheet_book *b = data;
	(void)row;
	struct sheet_rec *x = sheet_book_add(b, VR_SYSTEM, NULL);
	for (size_t f = 0; f < F__COUNT; f++)
		set(x, f, rec->value[f]);
	const char *id = rec->value[F_ID];
	for (size_t i = 0; i < rec->nr_components; i++)
		set(sheet_book_add(b, VR_COMPONENT, id), CMP_REF, rec->components[i].ref);
	for (size_t i = 0; i < rec->nr_inspections; i++) {
		const struct inspection *in = &rec->inspections[i];
		struct sheet_rec *y = sheet_book_add(b, VR_INSPECTION, id);
		set(y, INS_DATE, in->date);
		set(y, INS_KIND, in->kind);
		set(y, INS_INDEPENDENT, in->independent);
		set(y, INS_BY, in->by);
		if (in->findings >= 0) {
			char num[32];
			snprintf(num, sizeof(num), "%lld", in->findings);
			set(y, INS_FINDINGS, num);
		}
	}
	for (size_t i = 0; i < rec->nr_controls; i++) {
		const struct control *c = &rec->controls[i];
		struct sheet_rec *y = sheet_book_add(b, VR_CONTROL, id);
		set(y, CTL_REF, c->ref);
		set(y, CTL_STATUS, c->status);
		set(y, CTL_DUE, c->due);
		set(y, CTL_EVIDENCE, c->evidence);
	}
	for (size_t i = 0; i < rec->nr_waivers; i++) {
		const struct waiver *wv = &rec->waivers[i];
		struct sheet_rec *y = sheet_book_add(b, VR_WAIVER, id);
		set(y, WVR_REF, wv->ref);
		set(y, WVR_REASON, wv->reason);
		set(y, WVR_APPROVED_BY, wv->approved_by);
		set(y, WVR_UNTIL, wv->until);
	}
	return 0;
}

int sheet_from_store(struct store *st, long snapshot, struct sheet_book *b)
{
	char as_of[11];
	if (store_snapshot_as_of(st, snapshot, as_of) < 0)
		return -1; /* reported */
	struct sheet_rec *x = sheet_book_add(b, VR_INVENTORY, NULL);
	set(x, INV_VERSION, "1");
	set(x, INV_AS_OF, as_of);
	if (store_each_organization(st, snapshot, store_org, b) != 0)
		return -1;
	if (store_each_system(st, snapshot, store_sys, b) != 0)
		return -1;
	return 0;
}
