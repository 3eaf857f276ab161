/*
 * xmlio_stream.c - a large document read one child of the root at a time,
 * and validated against a schema in a second pass (xmlio.h).
 *
 * The first pass reads the document with the caller's callbacks; the second
 * reads the same bytes again with libxml2's RELAX NG validator and nothing
 * else, on a thread of its own (XMLIO_SCHEMA_ALWAYS) or after the first
 * (XMLIO_SCHEMA_ON_PROBLEM). Both walk the document the same way and count
 * the same "points": one after the root's start tag, after each child of
 * the root (an element with everything in it, text, a comment ...), and
 * after the root's end tag. The first pass notes the points of elements in
 * which a callback found problems, and the point past which the schema no
 * longer describes the document; the second tags each of its messages with
 * the point it comes before. After both, the schema's messages are shown
 * unless their point is noted: the callbacks' messages are the precise ones.
 * Nothing waits for anything while the passes run: the thread costs nothing
 * but the second reading of the bytes.
 */
#include "xmlio.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <libxml/xmlerror.h>

#include "diag.h"
#include "util.h"

/* The bytes of the document: a regular file read with pread() (so that two
 * passes read it at once), or memory. */
struct source {
	int fd;            /* -1 for memory */
	const char *data;  /* memory */
	size_t len;
};

/* One pass's position in the source. */
struct cursor {
	const struct source *src;
	off_t offset;
};

static int cursor_read(void *ctx, char *buf, int len)
{
	struct cursor *c = ctx;
	if (c->src->fd < 0) {
		size_t left = c->src->len - (size_t)c->offset;
		size_t n = left < (size_t)len ? left : (size_t)len;
		memcpy(buf, c->src->data + c->offset, n);
		c->offset += (off_t)n;
		return (int)n;
	}
	ssize_t n;
	do
		n = pread(c->src->fd, buf, (size_t)len, c->offset);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	c->offset += n;
	return (int)n;
}

/* A message of the schema pass. */
struct schema_msg {
	char *msg;           /* one line, lower-case first letter */
	long line;           /* 0 when libxml2 knew none */
	long element_line;   /* line of the element being read, for a line of 0 */
	unsigned long point; /* points passed when it came */
	int warning;
};

/* The schema pass. */
struct schema_pass {
	const struct xmlio_schema *schema;
	const struct source *src;
	const char *name, *what;
	struct schema_msg *msgs;
	size_t nr_msgs, alloc_msgs;
	unsigned long point;   /* points passed */
	long element_line;     /* line of the child of the root being read */
	int valid;             /* 1 valid, 0 invalid, -1 not validated */
	atomic_int stop;       /* the first pass asks it to stop */
	struct xmlio_input *in;
};

struct xmlio_stream {
	const char *name, *what;
	const struct xmlio_stream_ops *ops;
	struct xmlio_input *in;  /* the first pass's input */
	unsigned long point;     /* points passed by the first pass */
	unsigned long *own;      /* points of children with problems, ascending */
	size_t nr_own, alloc_own;
	unsigned long lost;      /* from this point the schema's messages make no sense; 0: never */
	int grammar;             /* a callback reported a problem of grammar */
	int cut;                 /* the first pass stopped before the end */
};

void xmlio_stream_grammar(struct xmlio_stream *st)
{
	st->grammar = 1;
}

void xmlio_stream_lost(struct xmlio_stream *st)
{
	if (!st->lost)
		st->lost = st->point + 1;
}

/* One libxml2 message as one line, lower-case first letter. */
static char *one_line(const xmlError *err)
{
	const char *msg = err->message ? err->message : "XML error";
	while (*msg == ' ' || *msg == '\n')
		msg++;
	size_t len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	char *m = xmalloc(len + 1);
	memcpy(m, msg, len);
	m[len] = '\0';
	if (len > 1 && m[0] >= 'A' && m[0] <= 'Z' && m[1] >= 'a' && m[1] <= 'z')
		m[0] = (char)(m[0] - 'A' + 'a');
	return m;
}

/* Read to the end of the element the reader is on (depth d). */
static int skip_element(xmlTextReaderPtr r, int d)
{
	if (xmlTextReaderIsEmptyElement(r))
		return 1;
	int ret;
	while ((ret = xmlTextReaderRead(r)) == 1)
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
		    xmlTextReaderDepth(r) == d)
			break;
	return ret;
}

/* ===== the schema pass ===== */

static void schema_msg(void *data, xmlErrorPtr err)
{
	struct schema_pass *sp = data;
	if (!err || err->level == XML_ERR_NONE || xmlio_input_refused(sp->in, NULL))
		return;
	/* the parser's own messages come from the first pass */
	if (err->domain != XML_FROM_RELAXNGV)
		return;
	ALLOC_GROW(sp->msgs, sp->nr_msgs + 1, sp->alloc_msgs);
	struct schema_msg *m = &sp->msgs[sp->nr_msgs++];
	m->msg = one_line(err);
	/* never err->node: the reader frees nodes it has passed */
	m->line = err->line;
	m->element_line = sp->element_line;
	m->point = sp->point;
	m->warning = err->level == XML_ERR_WARNING;
}

/* The first pass's walk, with only its points. */
static void schema_walk(struct schema_pass *sp, xmlTextReaderPtr r)
{
	int ret;
	while (!atomic_load(&sp->stop) && (ret = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		int depth = xmlTextReaderDepth(r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE)
			break;
		if (type == XML_READER_TYPE_ELEMENT && depth == 1) {
			sp->element_line = xmlTextReaderGetParserLineNumber(r);
			ret = skip_element(r, depth);
			sp->point++;
			if (ret != 1)
				break;
			continue;
		}
		if (depth <= 1)
			sp->point++;
	}
}

static void *schema_main(void *data)
{
	struct schema_pass *sp = data;
	struct cursor c = {sp->src, 0};
	sp->in = xmlio_input_new(sp->name, sp->what, cursor_read, &c, 0);
	xmlTextReaderPtr r = xmlio_input_reader(sp->in);
	sp->valid = -1;
	if (r) {
		xmlTextReaderSetStructuredErrorHandler(r, schema_msg, sp);
		if (xmlio_reader_validate(r, sp->schema) == 0) {
			schema_walk(sp, r);
			sp->valid = xmlTextReaderIsValid(r);
		}
		xmlFreeTextReader(r);
	}
	xmlio_input_free(sp->in);
	sp->in = NULL;
	return NULL;
}

static void schema_pass_release(struct schema_pass *sp)
{
	for (size_t i = 0; i < sp->nr_msgs; i++)
		free(sp->msgs[i].msg);
	free(sp->msgs);
}

static int generic_message(const char *m)
{
	return strstr(m, "failed to validate content") || strstr(m, "failed to validate attributes") ||
	       strstr(m, "expecting an element name, got nothing");
}

static int point_noted(const struct xmlio_stream *st, unsigned long point)
{
	size_t lo = 0, hi = st->nr_own;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (st->own[mid] == point)
			return 1;
		if (st->own[mid] < point)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Show the schema's messages whose point the first pass did not note. A
 * vague catch-all message is left out where a precise one shares its point. */
static void show_schema_messages(const struct xmlio_stream *st, const struct schema_pass *sp)
{
	for (size_t i = 0; i < sp->nr_msgs;) {
		unsigned long point = sp->msgs[i].point + 1; /* the point it comes before */
		size_t end = i, precise = 0;
		while (end < sp->nr_msgs && sp->msgs[end].point + 1 == point)
			precise += !generic_message(sp->msgs[end++].msg);
		int drop = (st->lost && point >= st->lost) || point_noted(st, point);
		for (; !drop && i < end; i++) {
			const struct schema_msg *m = &sp->msgs[i];
			long line = m->line > 0 ? m->line : m->element_line;
			if (precise && generic_message(m->msg))
				continue;
			if (m->warning)
				warning("%s:%ld: %s", st->name, line, m->msg);
			else
				error_at(st->name, line, "%s", m->msg);
		}
		i = end;
	}
}

/* ===== the first pass ===== */

static void first_error(void *data, xmlErrorPtr err)
{
	struct xmlio_stream *st = data;
	if (!err || err->level == XML_ERR_NONE || xmlio_input_refused(st->in, NULL))
		return;
	if (err->code == XML_ERR_NO_MEMORY)
		die_oom(0);
	char *msg = one_line(err);
	/* never err->node: the reader frees nodes it has passed */
	if (err->level == XML_ERR_WARNING)
		warning("%s:%d: %s", st->name, err->line, msg);
	else
		error_at(st->name, err->line, "%s", msg);
	free(msg);
}

static void note_point(struct xmlio_stream *st, int own)
{
	st->point++;
	if (own > 0) {
		ALLOC_GROW(st->own, st->nr_own + 1, st->alloc_own);
		st->own[st->nr_own++] = st->point;
	}
}

/* The line of the first non-blank character of a text node (which knows
 * the line where it ends). */
static long text_line(xmlNodePtr text)
{
	if (!text)
		return 0;
	const xmlChar *p = text->content;
	while (p && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	long line = xmlGetLineNo(text);
	for (; p && *p; p++)
		line -= *p == '\n';
	return line;
}

/* Returns 0 read to the end, 1 a problem of the input stopped it (the
 * parser's or a callback's), -1 a callback failed. */
static int first_walk(struct xmlio_stream *st, xmlTextReaderPtr r)
{
	int ret, prev_own = 0;
	while ((ret = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		int depth = xmlTextReaderDepth(r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE) {
			if (type == XML_READER_TYPE_DOCUMENT_TYPE)
				error_at(st->name, xmlTextReaderGetParserLineNumber(r),
				         "a DOCTYPE is not allowed in %s", st->what);
			else
				error_at(st->name, xmlTextReaderGetParserLineNumber(r),
				         "entity reference '&%s;' is not allowed",
				         (const char *)xmlTextReaderConstName(r));
			return 1;
		}
		if (type == XML_READER_TYPE_TEXT && depth == 1) {
			/* libxml2's schema messages run wild after text here */
			xmlio_stream_lost(st);
			note_point(st, 1);
			st->ops->text(st->ops->data, st, text_line(xmlTextReaderCurrentNode(r)));
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT || depth > 1) {
			/* late schema messages about the element just read */
			note_point(st, prev_own);
			prev_own = 0;
			continue;
		}
		if (depth == 0) {
			/* its attributes are there already; expanding it would load
			 * the whole document */
			xmlNodePtr node = xmlTextReaderCurrentNode(r);
			int rc = st->ops->root(st->ops->data, st, node);
			if (rc < 0)
				xmlio_stream_lost(st);
			note_point(st, rc);
			if (rc == -2)
				return 1;
			if (rc == -1)
				return -1;
			continue;
		}
		xmlNodePtr node = xmlTextReaderExpand(r);
		if (!node)
			return 1;
		int own = st->ops->child(st->ops->data, st, node);
		if (own < 0)
			return -1;
		ret = skip_element(r, depth);
		note_point(st, own);
		prev_own = own;
		if (ret != 1)
			break;
	}
	return ret < 0 ? 1 : 0;
}

/* ===== the stream ===== */

/* "inventory" of "an inventory". */
static const char *bare(const char *what)
{
	if (!strncmp(what, "a ", 2))
		return what + 2;
	if (!strncmp(what, "an ", 3))
		return what + 3;
	return what;
}

static int run(const char *name, const struct source *src, const char *what,
               const struct xmlio_schema *schema, enum xmlio_schema_use use,
               const struct xmlio_stream_ops *ops)
{
	struct xmlio_stream st;
	struct schema_pass sp;
	struct cursor c = {src, 0};
	pthread_t thread;
	int threaded = 0, rc, ret;
	long before = diag_problem_count();

	memset(&st, 0, sizeof(st));
	st.name = name;
	st.what = what;
	st.ops = ops;
	memset(&sp, 0, sizeof(sp));
	sp.schema = schema;
	sp.src = src;
	sp.name = name;
	sp.what = what;
	sp.valid = -1;
	atomic_init(&sp.stop, 0);
	if (schema && use == XMLIO_SCHEMA_ALWAYS)
		threaded = pthread_create(&thread, NULL, schema_main, &sp) == 0;

	st.in = xmlio_input_new(name, what, cursor_read, &c, 0);
	xmlTextReaderPtr r = xmlio_input_reader(st.in);
	if (!r) {
		rc = error("cannot read '%s'", name);
	} else {
		xmlTextReaderSetStructuredErrorHandler(r, first_error, &st);
		rc = first_walk(&st, r);
		xmlFreeTextReader(r);
	}
	long line;
	const char *why = xmlio_input_refused(st.in, &line);
	int stopped = rc != 0 || why;
	if (threaded) {
		if (stopped)
			atomic_store(&sp.stop, 1);
		pthread_join(thread, NULL);
	} else if (schema && !stopped &&
	           (use == XMLIO_SCHEMA_ALWAYS || (use == XMLIO_SCHEMA_ON_PROBLEM && st.grammar))) {
		schema_main(&sp);
	}
	if (why) {
		error_at(name, line, "%s", why);
		ret = 1;
	} else if (rc < 0) {
		ret = -1;
	} else {
		if (!stopped)
			show_schema_messages(&st, &sp);
		if (rc > 0 && diag_problem_count() == before)
			error_at(name, 0, "cannot parse the file");
		else if (diag_problem_count() == before && sp.valid == 0)
			error_at(name, 0, "does not match the %s schema", bare(what));
		ret = rc;
	}
	schema_pass_release(&sp);
	xmlio_input_free(st.in);
	free(st.own);
	return ret;
}

int xmlio_stream_memory(const char *name, const void *data, size_t len, const char *what,
                        const struct xmlio_schema *schema, enum xmlio_schema_use use,
                        const struct xmlio_stream_ops *ops)
{
	struct source src = {-1, data, len};
	return run(name, &src, what, schema, use, ops);
}

int xmlio_stream(const char *path, const char *what, const struct xmlio_schema *schema,
                 enum xmlio_schema_use use, const struct xmlio_stream_ops *ops)
{
	struct stat sb;
	int fd = strcmp(path, "-") ? open(path, O_RDONLY) : -1;
	if (strcmp(path, "-") && fd < 0)
		return error("cannot open '%s': %s", path, strerror(errno));
	if (fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
		struct source src = {fd, NULL, 0};
		int ret = run(path, &src, what, schema, use, ops);
		close(fd);
		return ret;
	}
	/* standard input, a pipe, a device: read whole, so that the schema can
	 * read it again */
	struct strbuf all;
	strbuf_init(&all);
	int ret;
	if (fd < 0) {
		const char *data;
		size_t len;
		ret = xmlio_stdin(&data, &len) < 0 ? -1
		                                   : xmlio_stream_memory(path, data, len, what, schema, use, ops);
	} else {
		ret = xmlio_slurp_fd(fd, path, &all) < 0
		              ? -1
		              : xmlio_stream_memory(path, all.buf, all.len, what, schema, use, ops);
		close(fd);
	}
	strbuf_release(&all);
	return ret;
}
