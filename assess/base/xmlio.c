/*
 * xmlio.c - the one way in for XML: library set-up, the hostile-input policy
 * on the bytes (encodings, DOCTYPE), whole documents, RELAX NG schemas and
 * their one reporter. The stream of records is in xmlio_stream.c.
 */
#include "xmlio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>

#include <libexslt/exslt.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlmemory.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>

#include "diag.h"
#include "util.h"

/* ===== set-up ===== */

/* Nothing is ever loaded as an external entity or DTD: every document
 * assess reads comes through this file, which reads the bytes itself. */
static xmlParserInputPtr refuse_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	const char *what = url ? url : (id ? id : "(unnamed)");
	if (ctxt && ctxt->input && ctxt->input->filename)
		error_at(ctxt->input->filename, ctxt->input->line,
		         "refused to load external resource '%s'", what);
	else
		error("refused to load external resource '%s'", what);
	return NULL;
}

/* libxml2's and libxslt's allocations: no memory stops the process as any
 * allocation of ours does (die_oom). libxml2 would go on after a failed
 * allocation and report it as errors in the document (a RELAX NG
 * validation that runs out of memory says the inventory is invalid), or
 * crash on a path that does not expect it. */
static void *xml_malloc(size_t n)
{
	return xmalloc(n);
}

static void *xml_realloc(void *p, size_t n)
{
	return xrealloc(p, n ? n : 1);
}

static char *xml_strdup(const char *s)
{
	return xstrdup(s);
}

void xmlio_init(void)
{
	xmlMemSetup(free, xml_malloc, xml_realloc, xml_strdup);
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_loader);
	/* never substitute entities or load DTDs by default */
	xmlSubstituteEntitiesDefault(0);
	xmlLoadExtDtdDefaultValue = 0;
	exsltRegisterAll();
	diag_install_xml_handlers();
}

void xmlio_cleanup(void)
{
	xmlio_stdin_release();
	xsltCleanupGlobals();
	xmlCleanupParser();
}

/* ===== whole inputs ===== */

static struct {
	char *data;  /* the bytes (NUL-terminated), or NULL */
	size_t len;
	int read;    /* standard input was read (and maybe released since) */
	int failed;  /* the read failed or was too large: reported once */
} std_in;

int xmlio_slurp_fd(int fd, const char *name, struct strbuf *sb)
{
	char buf[65536];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return error("cannot read '%s': %s", name, strerror(errno));
		if (n == 0)
			return 0;
		if (sb->len + (size_t)n > (size_t)XMLIO_MAX_INPUT)
			return error_at(name, 0, "larger than %ld MiB: refused", XMLIO_MAX_INPUT >> 20);
		strbuf_add(sb, buf, (size_t)n);
	}
}

int xmlio_stdin(const char **data, size_t *len)
{
	if (std_in.failed)
		return error("standard input could not be read");
	if (!std_in.read) {
		struct strbuf sb;
		strbuf_init(&sb);
		if (xmlio_slurp_fd(0, "-", &sb) < 0) {
			std_in.failed = 1;
			strbuf_release(&sb);
			return -1;
		}
		std_in.len = sb.len;
		std_in.data = strbuf_detach(&sb);
		std_in.read = 1;
	}
	*data = std_in.data ? std_in.data : "";
	*len = std_in.len;
	return 0;
}

void xmlio_stdin_release(void)
{
	free(std_in.data);
	std_in.data = NULL;
	std_in.len = 0;
	std_in.read = 1;
}

int xmlio_slurp(const char *path, struct strbuf *out)
{
	if (!strcmp(path, "-")) {
		const char *data;
		size_t len;
		if (xmlio_stdin(&data, &len) < 0)
			return -1;
		strbuf_add(out, data, len);
		return 0;
	}
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return error("cannot open '%s': %s", path, strerror(errno));
	int ret = xmlio_slurp_fd(fd, path, out);
	close(fd);
	return ret;
}

/* ===== the policy on the bytes ===== */

/* Where the prolog watch is: between markup, after '<', in "<!", "<!-",
 * a comment (and its "-", "--"), a processing instruction (and its '?'). */
enum prolog_state { P_TEXT, P_LT, P_BANG, P_BANG_DASH, P_COMMENT, P_C1, P_C2, P_PI, P_PQ, P_DONE };

struct xmlio_input {
	const char *name;        /* for messages (borrowed) */
	const char *what;        /* "an inventory" */
	xmlio_read_fn read;
	void *ctx;
	unsigned flags;
	/* the prolog watch */
	enum prolog_state prolog;
	long line;               /* line of the next character */
	long lt_line;            /* line of the last '<' */
	int utf16;               /* 0, or 1 little-endian, 2 big-endian (after its BOM) */
	int bom_left;            /* bytes of the UTF-16 BOM still to skip */
	int odd;                 /* a UTF-16 byte waits for its pair */
	unsigned char first;     /* that byte */
	/* the encoding, decided from the first bytes */
	unsigned char head[256];
	size_t head_len;
	int encoding_known;
	/* windows-1258 declared: is the text UTF-8 all the same? */
	int utf8_watch;          /* checking */
	int utf8_need;           /* continuation bytes still due */
	int utf8_multibyte;      /* whole multibyte sequences seen */
	long utf8_line;          /* the line the check has reached */
	long utf8_first_line;    /* line of the first multibyte sequence */
	/* why the input was stopped ("" if it was not) */
	char refused[200];
	long refused_line;
	int at_end;              /* the source gave its last byte */
	long lines;              /* newlines passed (for a NUL byte's line) */
};

static void refuse(struct xmlio_input *in, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void refuse(struct xmlio_input *in, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(in->refused, sizeof(in->refused), fmt, ap);
	va_end(ap);
	in->refused_line = line;
}

/* One character of the prolog (a byte, or a UTF-16 unit below 0x80). */
static void prolog_char(struct xmlio_input *in, unsigned c)
{
	if (c == '\n')
		in->line++;
	switch (in->prolog) {
	case P_TEXT:
		if (c == '<') {
			in->prolog = P_LT;
			in->lt_line = in->line;
		}
		break;
	case P_LT:
		in->prolog = c == '!' ? P_BANG : c == '?' ? P_PI : P_DONE;
		break;
	case P_BANG:
	case P_BANG_DASH:
		/* "<!--" opens a comment; any other "<!" a DOCTYPE */
		if (c != '-') {
			refuse(in, in->lt_line, "a DOCTYPE is not allowed in %s (nothing after it was read)",
			       in->what);
			in->prolog = P_DONE;
		} else {
			in->prolog = in->prolog == P_BANG ? P_BANG_DASH : P_COMMENT;
		}
		break;
	case P_COMMENT:
		if (c == '-')
			in->prolog = P_C1;
		break;
	case P_C1:
		in->prolog = c == '-' ? P_C2 : P_COMMENT;
		break;
	case P_C2:
		in->prolog = c == '>' ? P_TEXT : c == '-' ? P_C2 : P_COMMENT;
		break;
	case P_PI:
		if (c == '?')
			in->prolog = P_PQ;
		break;
	case P_PQ:
		in->prolog = c == '>' ? P_TEXT : c == '?' ? P_PQ : P_PI;
		break;
	case P_DONE:
		break;
	}
}

static void watch_prolog(struct xmlio_input *in, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n && in->prolog != P_DONE; i++) {
		if (!in->utf16) {
			prolog_char(in, p[i]);
			continue;
		}
		if (in->bom_left) {
			in->bom_left--;
			continue;
		}
		if (!in->odd) {
			in->first = p[i];
			in->odd = 1;
			continue;
		}
		in->odd = 0;
		unsigned unit = in->utf16 == 1 ? in->first | (unsigned)p[i] << 8
		                               : (unsigned)in->first << 8 | p[i];
		prolog_char(in, unit < 0x80 ? unit : 'x');
	}
}

/* The value of encoding="..." in the XML declaration at decl (NUL-ended),
 * into out; 0 when there is none. */
static int declared_encoding(const char *decl, char *out, size_t size)
{
	const char *end = strstr(decl, "?>");
	const char *p = strstr(decl, "encoding");
	if (!p || (end && p > end))
		return 0;
	p += strlen("encoding");
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (*p++ != '=')
		return 0;
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	char quote = *p++;
	const char *q = quote == '"' || quote == '\'' ? strchr(p, quote) : NULL;
	if (!q || (size_t)(q - p) >= size)
		return 0;
	memcpy(out, p, (size_t)(q - p));
	out[q - p] = '\0';
	return 1;
}

/*
 * Decide the encoding from the first bytes (at_end: there are no more):
 * UTF-8, declared or not; UTF-16 with a byte order mark; windows-1258 when
 * declared. Anything else is refused.
 */
static void decide_encoding(struct xmlio_input *in, int at_end)
{
	const unsigned char *h = in->head;
	size_t n = in->head_len;
	if (n >= 2 && ((h[0] == 0xFF && h[1] == 0xFE) || (h[0] == 0xFE && h[1] == 0xFF))) {
		in->encoding_known = 1; /* UTF-16 with a byte order mark */
		return;
	}
	if (n < 4 && !at_end)
		return;
	/* "<?" as the XML recommendation's appendix F guesses it */
	static const unsigned char other[][4] = {
		{0, 0, 0, 0x3C}, {0x3C, 0, 0, 0}, {0, 0x3C, 0, 0x3F}, {0x3C, 0, 0x3F, 0},
		{0x4C, 0x6F, 0xA7, 0x94},
	};
	for (size_t i = 0; n >= 4 && i < ARRAY_SIZE(other); i++)
		if (!memcmp(h, other[i], 4)) {
			in->encoding_known = 1;
			refuse(in, 1, "the file is UTF-16 or UTF-32 without a byte order mark, or EBCDIC: not "
			              "supported (UTF-8, UTF-16 with a byte order mark, windows-1258)");
			return;
		}
	size_t skip = n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF ? 3 : 0;
	char decl[sizeof(in->head) + 1], name[64];
	memcpy(decl, h + skip, n - skip);
	decl[n - skip] = '\0';
	if (strncmp(decl, "<?xml", 5) && (n - skip >= 5 || at_end)) {
		in->encoding_known = 1; /* no declaration: UTF-8 */
		return;
	}
	if (!strstr(decl, "?>") && n < sizeof(in->head) && !at_end)
		return; /* the declaration is not complete yet */
	in->encoding_known = 1;
	if (!declared_encoding(decl, name, sizeof(name)) || !strcasecmp(name, "UTF-8"))
		return;
	if (!strcasecmp(name, "windows-1258")) {
		/* the whole text is checked as it passes: valid UTF-8 is a lie */
		in->utf8_watch = 1;
		in->utf8_line = 1;
		return;
	}
	if (!strcasecmp(name, "UTF-16"))
		refuse(in, 1, "encoding UTF-16 is declared, but the file has no UTF-16 byte order mark");
	else
		refuse(in, 1, "encoding %s is not supported (UTF-8, UTF-16, windows-1258)", name);
}

#define UTF8_LIE "encoding windows-1258 is declared, but the text is UTF-8 (first here); declare encoding=\"UTF-8\""

/*
 * The UTF-8 check of a windows-1258 file over n more bytes: it ends at the
 * first byte that UTF-8 does not allow (the declaration holds). Three whole
 * multibyte sequences and nothing UTF-8 does not allow is Vietnamese text in
 * UTF-8 (windows-1258 text puts ASCII after nearly every byte above 0x7F):
 * the file is refused before the parser decodes it as mojibake.
 */
#define UTF8_LIE_SEQUENCES 3
static void watch_utf8(struct xmlio_input *in, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n && in->utf8_watch; i++) {
		unsigned char c = p[i];
		if (in->utf8_need) {
			if ((c & 0xC0) != 0x80)
				in->utf8_watch = 0;
			else if (!--in->utf8_need && !in->utf8_multibyte++)
				in->utf8_first_line = in->utf8_line;
			if (in->utf8_watch && in->utf8_multibyte >= UTF8_LIE_SEQUENCES) {
				in->utf8_watch = 0;
				refuse(in, in->utf8_first_line, UTF8_LIE);
			}
			continue;
		}
		if (c == '\n')
			in->utf8_line++;
		else if (c >= 0xC2 && c <= 0xDF)
			in->utf8_need = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			in->utf8_need = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			in->utf8_need = 3;
		else if (c >= 0x80)
			in->utf8_watch = 0;
	}
}

/* A NUL byte is no character of XML, and libxml2's parsers disagree on
 * where it ends a document: refused here, in every ASCII-compatible
 * encoding (UTF-16 has its own zero bytes). */
static void watch_nul(struct xmlio_input *in, const unsigned char *p, size_t n)
{
	const unsigned char *nul = memchr(p, 0, n);
	for (const unsigned char *q = p; (q = memchr(q, '\n', (size_t)((nul ? nul : p + n) - q)));
	     q++)
		in->lines++;
	if (nul)
		refuse(in, in->lines + 1, "a NUL byte is not allowed in %s", in->what);
}

/* libxml2's read callback: the source's bytes, watched. */
static int input_read(void *ctx, char *buf, int len)
{
	struct xmlio_input *in = ctx;
	if (in->refused[0])
		return -1;
	int n = in->read(in->ctx, buf, len);
	if (n < 0)
		return -1;
	const unsigned char *p = (const unsigned char *)buf;
	if (!in->encoding_known) {
		size_t room = sizeof(in->head) - in->head_len;
		size_t take = (size_t)n < room ? (size_t)n : room;
		memcpy(in->head + in->head_len, buf, take);
		in->head_len += take;
		/* before the parser sees the declaration whole: this call's bytes
		 * are not handed over when the encoding is refused */
		decide_encoding(in, n == 0);
		if (in->refused[0])
			return -1;
		if (in->encoding_known) {
			if (in->utf8_watch)
				watch_utf8(in, in->head, in->head_len - take); /* the bytes already read */
			if (in->head_len >= 2 && in->head[0] == 0xFF && in->head[1] == 0xFE)
				in->utf16 = 1;
			else if (in->head_len >= 2 && in->head[0] == 0xFE && in->head[1] == 0xFF)
				in->utf16 = 2;
			if (in->utf16) {
				/* the watch restarts on the units: bytes so far again */
				in->bom_left = 2;
				in->prolog = P_TEXT;
				in->line = 1;
				watch_prolog(in, in->head, in->head_len - take);
			}
		}
	}
	if (in->utf8_watch)
		watch_utf8(in, p, (size_t)n);
	if (n == 0 && !in->at_end) {
		in->at_end = 1;
		/* a windows-1258 declaration on UTF-8 text with fewer sequences
		 * than the watch needs to stop early */
		if (in->utf8_watch && !in->utf8_need && in->utf8_multibyte && !in->refused[0])
			refuse(in, in->utf8_first_line, UTF8_LIE);
		return 0;
	}
	if (in->refused[0])
		return -1;
	if (in->prolog != P_DONE)
		watch_prolog(in, p, (size_t)n);
	if (!in->utf16)
		watch_nul(in, p, (size_t)n);
	return in->refused[0] ? -1 : n;
}

static int input_close(void *ctx)
{
	(void)ctx;
	return 0;
}

struct xmlio_input *xmlio_input_new(const char *name, const char *what, xmlio_read_fn read,
                                    void *ctx, unsigned flags)
{
	struct xmlio_input *in = xcalloc(1, sizeof(*in));
	in->name = name;
	in->what = what;
	in->read = read;
	in->ctx = ctx;
	in->flags = flags;
	in->line = 1;
	in->prolog = P_TEXT;
	in->encoding_known = (flags & XMLIO_UTF8) != 0;
	return in;
}

void xmlio_input_free(struct xmlio_input *in)
{
	free(in);
}

xmlTextReaderPtr xmlio_input_reader(struct xmlio_input *in)
{
	int utf8 = (in->flags & XMLIO_UTF8) != 0;
	return xmlReaderForIO(input_read, input_close, in, in->name, utf8 ? "UTF-8" : NULL,
	                      XMLIO_PARSE_OPTIONS | (utf8 ? XML_PARSE_IGNORE_ENC : 0));
}

const char *xmlio_input_refused(const struct xmlio_input *in, long *line)
{
	if (!in || !in->refused[0])
		return NULL;
	if (line)
		*line = in->refused_line;
	return in->refused;
}

/* ===== whole documents ===== */

struct memory_source {
	const char *data;
	size_t len, pos;
};

static int memory_read(void *ctx, char *buf, int len)
{
	struct memory_source *m = ctx;
	size_t n = m->len - m->pos < (size_t)len ? m->len - m->pos : (size_t)len;
	memcpy(buf, m->data + m->pos, n);
	m->pos += n;
	return (int)n;
}

/* One libxml2 message as one line, lower-case first letter (diag.h). */
static void report_xml(const char *file, long line, const xmlError *err)
{
	const char *msg = err->message ? err->message : "XML error";
	size_t len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	char first = len && msg[0] >= 'A' && msg[0] <= 'Z' && len > 1 && msg[1] >= 'a' && msg[1] <= 'z'
	                     ? (char)(msg[0] - 'A' + 'a')
	                     : 0;
	if (err->level == XML_ERR_WARNING)
		warning("%s:%ld: %.*s", file, line, (int)len, msg);
	else if (first) {
		error_at(file, line, "%c%.*s", first, (int)len - 1, msg + 1);
	} else {
		error_at(file, line, "%.*s", (int)len, msg);
	}
}

struct parse_report {
	const struct xmlio_input *in;
	const char *name;
	long reported; /* problems reported while parsing */
};

static void parse_error(void *ctx, xmlErrorPtr err)
{
	struct parse_report *pr = ctx;
	if (!err || err->level == XML_ERR_NONE || pr->in->refused[0])
		return;
	if (err->code == XML_ERR_NO_MEMORY)
		die_oom(0);
	report_xml(pr->name, err->line, err);
	pr->reported++;
}

/* Parse all of in as one document at url; dict may be NULL. */
static xmlDocPtr parse_input(struct xmlio_input *in, const char *url, xmlDictPtr dict, int options)
{
	struct parse_report pr = {in, in->name, 0};
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		die_oom(0);
	if (dict) {
		xmlDictFree(ctxt->dict);
		ctxt->dict = dict;
		xmlDictReference(dict);
	}
	xmlCtxtUseOptions(ctxt, options);
	xmlStructuredErrorFunc saved = xmlStructuredError;
	void *saved_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&pr, parse_error);
	xmlParserInputBufferPtr buf =
		xmlParserInputBufferCreateIO(input_read, input_close, in, XML_CHAR_ENCODING_NONE);
	xmlParserInputPtr stream = buf ? xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE) : NULL;
	xmlDocPtr doc = NULL;
	if (stream) {
		stream->filename = (const char *)xmlStrdup((const xmlChar *)url);
		inputPush(ctxt, stream);
		if (!ctxt->directory)
			ctxt->directory = xmlParserGetDirectory(url);
		xmlParseDocument(ctxt);
		doc = ctxt->myDoc;
		ctxt->myDoc = NULL;
		if (!ctxt->wellFormed || in->refused[0]) {
			xmlFreeDoc(doc);
			doc = NULL;
		}
	} else if (buf) {
		xmlFreeParserInputBuffer(buf);
	}
	xmlFreeParserCtxt(ctxt);
	xmlSetStructuredErrorFunc(saved_ctx, saved);
	long line;
	const char *why = xmlio_input_refused(in, &line);
	if (why)
		error_at(in->name, line, "%s", why);
	else if (!doc && !pr.reported)
		error_at(in->name, 0, "not well-formed XML");
	return doc;
}

xmlDocPtr xmlio_read_memory(const char *name, const void *data, size_t len, const char *what)
{
	struct memory_source m = {data, len, 0};
	struct xmlio_input *in = xmlio_input_new(name, what, memory_read, &m, 0);
	xmlDocPtr doc = parse_input(in, name, NULL, XMLIO_PARSE_OPTIONS);
	xmlio_input_free(in);
	return doc;
}

xmlDocPtr xmlio_read_doc(const char *path, const char *what)
{
	struct strbuf sb;
	strbuf_init(&sb);
	xmlDocPtr doc = NULL;
	if (xmlio_slurp(path, &sb) == 0)
		doc = xmlio_read_memory(path, sb.buf, sb.len, what);
	strbuf_release(&sb);
	return doc;
}

xmlDocPtr xmlio_read_for_xslt(const char *url, xmlDictPtr dict, int options)
{
	const char *path = url;
	if (!strncmp(path, "file://", 7))
		path += 7;
	options &= ~(XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR | XML_PARSE_DTDVALID |
	             XML_PARSE_XINCLUDE);
	struct strbuf sb;
	strbuf_init(&sb);
	xmlDocPtr doc = NULL;
	if (xmlio_slurp(path, &sb) == 0) {
		struct memory_source m = {sb.buf, sb.len, 0};
		struct xmlio_input *in = xmlio_input_new(path, "a template", memory_read, &m, 0);
		doc = parse_input(in, url, dict, options | XMLIO_PARSE_OPTIONS);
		xmlio_input_free(in);
	}
	strbuf_release(&sb);
	return doc;
}

/* ===== RELAX NG ===== */

struct xmlio_schema {
	xmlRelaxNGPtr rng;
};

struct schema_report {
	const char *file;
	long reported;
};

/* The one reporter of schema problems: file:line: message. */
static void schema_error(void *ctx, xmlErrorPtr err)
{
	struct schema_report *sr = ctx;
	if (!err || err->level == XML_ERR_NONE || err->level == XML_ERR_WARNING)
		return;
	if (err->code == XML_ERR_NO_MEMORY)
		die_oom(0);
	long line = err->line;
	xmlNodePtr node = err->node;
	if (node && node->type == XML_ELEMENT_NODE)
		line = xmlio_node_line(node);
	report_xml(sr->file, line, err);
	sr->reported++;
}

static struct xmlio_schema *schema_from_doc(xmlDocPtr doc, const char *name)
{
	struct schema_report sr = {name, 0};
	xmlRelaxNGParserCtxtPtr pctx = xmlRelaxNGNewDocParserCtxt(doc); /* copies doc */
	xmlRelaxNGPtr rng = NULL;
	if (pctx) {
		xmlRelaxNGSetParserStructuredErrors(pctx, schema_error, &sr);
		rng = xmlRelaxNGParse(pctx);
		xmlRelaxNGFreeParserCtxt(pctx);
	}
	if (!rng) {
		if (!sr.reported)
			error("cannot load the schema '%s'", name);
		return NULL;
	}
	struct xmlio_schema *s = xcalloc(1, sizeof(*s));
	s->rng = rng;
	return s;
}

struct xmlio_schema *xmlio_schema_load(const char *path)
{
	xmlDocPtr doc = xmlio_read_doc(path, "a schema");
	struct xmlio_schema *s = doc ? schema_from_doc(doc, path) : NULL;
	xmlFreeDoc(doc);
	return s;
}

struct xmlio_schema *xmlio_schema_memory(const char *name, const char *text, size_t len)
{
	xmlDocPtr doc = xmlio_read_memory(name, text, len, "a schema");
	struct xmlio_schema *s = doc ? schema_from_doc(doc, name) : NULL;
	xmlFreeDoc(doc);
	return s;
}

void xmlio_schema_free(struct xmlio_schema *schema)
{
	if (!schema)
		return;
	xmlRelaxNGFree(schema->rng);
	free(schema);
}

int xmlio_reader_validate(xmlTextReaderPtr r, const struct xmlio_schema *schema)
{
	return xmlTextReaderRelaxNGSetSchema(r, schema->rng) < 0 ? -1 : 0;
}

int xmlio_validate(const struct xmlio_schema *schema, xmlDocPtr doc, const char *file,
                   const char *what)
{
	struct schema_report sr = {file, 0};
	xmlRelaxNGValidCtxtPtr vctx = xmlRelaxNGNewValidCtxt(schema->rng);
	if (!vctx)
		die_oom(0);
	xmlRelaxNGSetValidStructuredErrors(vctx, schema_error, &sr);
	int rc = xmlRelaxNGValidateDoc(vctx, doc);
	xmlRelaxNGFreeValidCtxt(vctx);
	if (rc == 0)
		return 0;
	if (!sr.reported)
		error_at(file, 0, "does not match the %s schema", what);
	return -1;
}

/* ===== lines ===== */

static long count_newlines(const xmlChar *s)
{
	long n = 0;
	for (; s && *s; s++)
		if (*s == '\n')
			n++;
	return n;
}

/*
 * libxml2 keeps at most 65535 in an element's line; past that
 * (XML_PARSE_BIG_LINES) only text nodes know the real line, and a text node
 * holds the line where it ends. So: the line where the text before the
 * element ends, else where the text inside it (or, for an empty element,
 * after it) starts. (A streaming reader frees nodes it has passed: an
 * element it expanded has no previous sibling left.)
 */
long xmlio_node_line(xmlNodePtr node)
{
	if (!node)
		return 0;
	if (node->line < 65535)
		return node->line;
	long l;
	if (node->prev && node->prev->type == XML_TEXT_NODE && (l = xmlGetLineNo(node->prev)) > 0)
		return l;
	xmlNodePtr t = node->children ? node->children : node->next;
	if (t && t->type == XML_TEXT_NODE && (l = xmlGetLineNo(t)) > 0)
		return l - count_newlines(t->content);
	return xmlGetLineNo(node);
}
