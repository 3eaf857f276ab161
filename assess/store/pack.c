/*
 * pack.c - the store's packed text: a small JSON writer and a strict reader
 * of what it writes (pack.h).
 */
#include "pack.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- writing ------------------------------------------------------------ */

void pack_begin(struct pack_writer *w, struct strbuf *out)
{
	w->out = out;
	w->depth = 1;
	w->comma[0] = 0;
	w->array[0] = 0;
	strbuf_addstr(out, "{");
}

void pack_begin_array(struct pack_writer *w, struct strbuf *out)
{
	w->out = out;
	w->depth = 1;
	w->comma[0] = 0;
	w->array[0] = 1;
	strbuf_addstr(out, "[");
}

void pack_end(struct pack_writer *w)
{
	while (w->depth)
		pack_close(w);
}

/* The JSON string of s[0..len). */
static void add_string(struct strbuf *sb, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s, *end = s + len;
	strbuf_add(sb, "\"", 1);
	for (const char *p = s; p < end; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		strbuf_add(sb, run, (size_t)(p - run));
		run = p + 1;
		switch (c) {
		case '"': strbuf_add(sb, "\\\"", 2); break;
		case '\\': strbuf_add(sb, "\\\\", 2); break;
		case '\n': strbuf_add(sb, "\\n", 2); break;
		case '\t': strbuf_add(sb, "\\t", 2); break;
		case '\r': strbuf_add(sb, "\\r", 2); break;
		default: {
			char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			strbuf_add(sb, u, 6);
		}
		}
	}
	strbuf_add(sb, run, (size_t)(end - run));
	strbuf_add(sb, "\"", 1);
}

/* The separator and the key before a member or an item. */
static void start_value(struct pack_writer *w, const char *key)
{
	unsigned d = w->depth ? w->depth - 1 : 0;
	if (d >= PACK_MAX_DEPTH)
		d = PACK_MAX_DEPTH - 1;
	if (w->comma[d])
		strbuf_add(w->out, ",", 1);
	w->comma[d] = 1;
	if (key) {
		add_string(w->out, key, strlen(key));
		strbuf_add(w->out, ":", 1);
	}
}

void pack_strn(struct pack_writer *w, const char *key, const char *s, size_t len)
{
	start_value(w, key);
	add_string(w->out, s, len);
}

void pack_str(struct pack_writer *w, const char *key, const char *s)
{
	if (!s) {
		if (!key) { /* an item keeps its place */
			start_value(w, NULL);
			strbuf_add(w->out, "null", 4);
		}
		return;
	}
	pack_strn(w, key, s, strlen(s));
}

void pack_int(struct pack_writer *w, const char *key, long long v)
{
	char num[24];
	int n = snprintf(num, sizeof(num), "%lld", v);
	start_value(w, key);
	strbuf_add(w->out, num, (size_t)n);
}

void pack_open(struct pack_writer *w, const char *key, char bracket)
{
	start_value(w, key);
	strbuf_add(w->out, bracket == '[' ? "[" : "{", 1);
	if (w->depth < PACK_MAX_DEPTH) {
		w->comma[w->depth] = 0;
		w->array[w->depth] = bracket == '[';
	}
	w->depth++;
}

void pack_close(struct pack_writer *w)
{
	if (!w->depth)
		return;
	w->depth--;
	strbuf_add(w->out, w->depth < PACK_MAX_DEPTH && w->array[w->depth] ? "]" : "}", 1);
}

/* ---- reading ------------------------------------------------------------ */

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'))
		p++;
	return p;
}

/* A string starting at *pp ('"'): its bytes into v; *pp after it. */
static int scan_string(const char **pp, const char *end, struct pack_value *v)
{
	const char *p = *pp + 1;
	v->type = PACK_STRING;
	v->escaped = 0;
	v->s = p;
	for (;;) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		const char *b = memchr(p, '\\', (size_t)((q ? q : end) - p));
		if (b) {
			if (b + 1 >= end)
				return -1;
			v->escaped = 1;
			p = b + 2;
			continue;
		}
		if (!q)
			return -1;
		for (const char *c = p; c < q; c++)
			if ((unsigned char)*c < 0x20)
				return -1; /* a raw control character: the writer escapes them */
		v->len = (size_t)(q - v->s);
		*pp = q + 1;
		return 0;
	}
}

/* Skip an object or array starting at *pp; its text into v. */
static int scan_nested(const char **pp, const char *end, struct pack_value *v)
{
	const char *p = *pp;
	char stack[PACK_MAX_DEPTH];
	int depth = 0;
	v->type = *p == '{' ? PACK_OBJECT : PACK_ARRAY;
	v->s = p;
	while (p < end) {
		char c = *p;
		if (c == '"') {
			struct pack_value s;
			if (scan_string(&p, end, &s) < 0)
				return -1;
			continue;
		}
		if (c == '{' || c == '[') {
			if (depth == PACK_MAX_DEPTH)
				return -1;
			stack[depth++] = c == '{' ? '}' : ']';
		} else if (c == '}' || c == ']') {
			if (!depth || stack[depth - 1] != c)
				return -1;
			if (--depth == 0) {
				v->len = (size_t)(p + 1 - v->s);
				*pp = p + 1;
				return 0;
			}
		}
		p++;
	}
	return -1;
}

/* One value at *pp. */
static int scan_value(const char **pp, const char *end, struct pack_value *v)
{
	const char *p = *pp;
	memset(v, 0, sizeof(*v));
	if (p >= end)
		return -1;
	if (*p == '"')
		return scan_string(pp, end, v);
	if (*p == '{' || *p == '[')
		return scan_nested(pp, end, v);
	if (end - p >= 4 && !memcmp(p, "null", 4)) {
		v->type = PACK_NULL;
		*pp = p + 4;
		return 0;
	}
	/* an integer: -?(0|[1-9][0-9]*), at most 18 digits */
	int neg = *p == '-';
	const char *d = p + neg;
	size_t n = 0;
	long long x = 0;
	while (d + n < end && d[n] >= '0' && d[n] <= '9') {
		if (n == 18)
			return -1;
		x = x * 10 + (d[n] - '0');
		n++;
	}
	if (!n || (n > 1 && d[0] == '0'))
		return -1;
	v->type = PACK_INT;
	v->n = neg ? -x : x;
	*pp = d + n;
	return 0;
}

static int reader_fail(struct pack_reader *r)
{
	r->p = r->end = NULL;
	return -1;
}

static int reader_start(struct pack_reader *r, const char *text, size_t len, char open)
{
	const char *end = text ? text + len : NULL;
	const char *p = text ? skip_ws(text, end) : NULL;
	if (!p || p >= end || *p != open)
		return reader_fail(r);
	r->p = p + 1;
	r->end = end;
	r->close = open == '{' ? '}' : ']';
	r->first = 1;
	return 0;
}

int pack_read(struct pack_reader *r, const char *text, size_t len)
{
	return reader_start(r, text, len, '{');
}

int pack_read_array(struct pack_reader *r, const char *text, size_t len)
{
	return reader_start(r, text, len, '[');
}

int pack_enter(struct pack_reader *r, const struct pack_value *v)
{
	if (v->type != PACK_OBJECT && v->type != PACK_ARRAY)
		return reader_fail(r);
	return reader_start(r, v->s, v->len, *v->s);
}

/* Past the separator before the next member or item: 1, 0 at the end. */
static int next_entry(struct pack_reader *r)
{
	if (!r->p)
		return -1;
	const char *p = skip_ws(r->p, r->end);
	if (p < r->end && *p == r->close) {
		r->p = p + 1;
		return 0;
	}
	if (!r->first) {
		if (p >= r->end || *p != ',')
			return reader_fail(r);
		p = skip_ws(p + 1, r->end);
	}
	r->first = 0;
	r->p = p;
	return 1;
}

int pack_member(struct pack_reader *r, struct pack_value *key, struct pack_value *value)
{
	int rc = r->close == '}' ? next_entry(r) : reader_fail(r);
	if (rc <= 0)
		return rc;
	const char *p = r->p;
	if (p >= r->end || *p != '"' || scan_string(&p, r->end, key) < 0)
		return reader_fail(r);
	p = skip_ws(p, r->end);
	if (p >= r->end || *p != ':')
		return reader_fail(r);
	p = skip_ws(p + 1, r->end);
	if (scan_value(&p, r->end, value) < 0)
		return reader_fail(r);
	r->p = p;
	return 1;
}

int pack_item(struct pack_reader *r, struct pack_value *value)
{
	int rc = r->close == ']' ? next_entry(r) : reader_fail(r);
	if (rc <= 0)
		return rc;
	const char *p = r->p;
	if (scan_value(&p, r->end, value) < 0)
		return reader_fail(r);
	r->p = p;
	return 1;
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

long pack_copy(const struct pack_value *v, char *dst)
{
	const char *p = v->s, *end = v->s + v->len;
	char *o = dst;
	if (v->type != PACK_STRING)
		goto bad;
	if (!v->escaped) {
		memcpy(dst, v->s, v->len);
		dst[v->len] = '\0';
		return (long)v->len;
	}
	while (p < end) {
		const char *b = memchr(p, '\\', (size_t)(end - p));
		size_t run = (size_t)((b ? b : end) - p);
		memcpy(o, p, run);
		o += run;
		if (!b)
			break;
		p = b + 1;
		if (p >= end)
			goto bad;
		char c = *p++;
		switch (c) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			unsigned u, lo;
			if (end - p < 4 || hex4(p, &u) < 0)
				goto bad;
			p += 4;
			if (u >= 0xD800 && u <= 0xDBFF) { /* a surrogate pair */
				if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, &lo) < 0 ||
				    lo < 0xDC00 || lo > 0xDFFF)
					goto bad;
				p += 6;
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			} else if ((u >= 0xDC00 && u <= 0xDFFF) || u == 0) {
				goto bad;
			}
			/* at most 4 bytes for the 6 or 12 read: fits in dst */
			if (u < 0x80) {
				*o++ = (char)u;
			} else if (u < 0x800) {
				*o++ = (char)(0xC0 | (u >> 6));
				*o++ = (char)(0x80 | (u & 0x3F));
			} else if (u < 0x10000) {
				*o++ = (char)(0xE0 | (u >> 12));
				*o++ = (char)(0x80 | ((u >> 6) & 0x3F));
				*o++ = (char)(0x80 | (u & 0x3F));
			} else {
				*o++ = (char)(0xF0 | (u >> 18));
				*o++ = (char)(0x80 | ((u >> 12) & 0x3F));
				*o++ = (char)(0x80 | ((u >> 6) & 0x3F));
				*o++ = (char)(0x80 | (u & 0x3F));
			}
			break;
		}
		default:
			goto bad;
		}
	}
	*o = '\0';
	return (long)(o - dst);
bad:
	dst[0] = '\0';
	return -1;
}

char *pack_dup(const struct pack_value *v)
{
	char *s = xmalloc(v->len + 1);
	if (pack_copy(v, s) < 0) {
		free(s);
		return NULL;
	}
	return s;
}

int pack_is(const struct pack_value *v, const char *s)
{
	size_t n = strlen(s);
	if (v->type != PACK_STRING)
		return 0;
	if (!v->escaped)
		return v->len == n && !memcmp(v->s, s, n);
	char buf[128];
	if (v->len >= sizeof(buf) || pack_copy(v, buf) < 0)
		return 0;
	return !strcmp(buf, s);
}
