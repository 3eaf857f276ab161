/*
 * pack.h - the packed text of the store: one JSON object per stored thing
 * (a system's facts and children, a run's verdict on one system, a run's
 * totals), its values keyed by name so that the vocabulary can grow, and
 * readable with SQLite's json functions by anyone auditing a database.
 *
 * The writer emits what the reader takes: objects, arrays, strings (UTF-8;
 * '"', '\\' and the C0 controls escaped) and integers, no whitespace. The
 * reader takes that and JSON's insignificant whitespace, and refuses
 * anything else (a database may come from anyone, store.h): a value it
 * cannot read is reported by the caller as "database corrupt". Strings
 * are returned in place; pack_copy() undoes their escapes. Nesting stops
 * at PACK_MAX_DEPTH. Pure: no I/O, no messages, safe on any thread.
 */
#ifndef ASSESS_PACK_H
#define ASSESS_PACK_H

#include <stddef.h>

struct strbuf;

#define PACK_MAX_DEPTH 8

/* ---- writing ------------------------------------------------------------ */

/* A JSON text being written into out (appended). */
struct pack_writer {
	struct strbuf *out;
	unsigned depth;                      /* open objects and arrays */
	unsigned char comma[PACK_MAX_DEPTH]; /* 1 when the open one has a member */
	unsigned char array[PACK_MAX_DEPTH]; /* 1 when it is an array */
};

/* Start the top-level object ('{') or array ('[') into out (appended). */
void pack_begin(struct pack_writer *w, struct strbuf *out);
void pack_begin_array(struct pack_writer *w, struct strbuf *out);
/* Close everything still open (the top-level object last). */
void pack_end(struct pack_writer *w);
/* A member of the open object (key) or an item of the open array (key
 * NULL): a string (s NULL: nothing for a member, null for an item), an
 * integer. */
void pack_str(struct pack_writer *w, const char *key, const char *s);
void pack_strn(struct pack_writer *w, const char *key, const char *s, size_t len);
void pack_int(struct pack_writer *w, const char *key, long long v);
/* Open an object ('{') or an array ('[') as a member or an item; close the
 * innermost one with pack_close(). */
void pack_open(struct pack_writer *w, const char *key, char bracket);
void pack_close(struct pack_writer *w);

/* ---- reading ------------------------------------------------------------ */

enum pack_type { PACK_STRING, PACK_INT, PACK_OBJECT, PACK_ARRAY, PACK_NULL };

/* One value read. A string's bytes are s[0..len) of the text, escapes
 * still in when escaped is set (pack_copy); an object or array is the text
 * s[0..len) from its bracket to the matching one, for pack_enter(). */
struct pack_value {
	enum pack_type type;
	const char *s;
	size_t len;
	int escaped;
	long long n; /* an integer */
};

/* A position inside one object or array of a text. */
struct pack_reader {
	const char *p, *end;
	char close;  /* '}' or ']' */
	int first;   /* nothing read yet */
};

/*
 * Start reading text[0..len) as one object: 0, or -1 when it is not one
 * (text NULL too). pack_member() then gives its members in order: 1 with
 * the key (a string) and the value, 0 after the last, -1 when the text is
 * not as the writer makes it. pack_enter() starts on an object or array
 * value; pack_item() gives an array's items like pack_member without keys.
 * A reader that returned -1 stays failed.
 */
int pack_read(struct pack_reader *r, const char *text, size_t len);
/* The same for a text that is one array. */
int pack_read_array(struct pack_reader *r, const char *text, size_t len);
int pack_member(struct pack_reader *r, struct pack_value *key, struct pack_value *value);
int pack_item(struct pack_reader *r, struct pack_value *value);
int pack_enter(struct pack_reader *r, const struct pack_value *v);

/* 1 when string v is exactly s (escapes undone). */
int pack_is(const struct pack_value *v, const char *s);
/*
 * The string v with its escapes undone, NUL-terminated, into dst, which
 * holds at least v->len + 1 bytes; returns its length, or -1 when an
 * escape is not one the writer makes or makes a NUL (dst is then "").
 */
long pack_copy(const struct pack_value *v, char *dst);
/* The same into a new heap string (NULL on a bad escape). */
char *pack_dup(const struct pack_value *v);

#endif
