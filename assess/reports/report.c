/*
 * report.c - XSLT over the results document, in a sandbox.
 *
 * The sandbox (set up around every parse and transform, torn down after):
 *   - security preferences that forbid writing files, creating directories
 *     and reading or writing the network, and that let reading files only
 *     inside the allowed directories (the template's own tree, and for a
 *     user's template also the shipped templates directory); they are both
 *     the transform's preferences and, meanwhile, the library default, which
 *     is what xsl:import and xsl:include are checked against;
 *   - a document loader that reads everything libxslt loads (imports,
 *     document()) through xmlio.h instead of libxslt's default, which
 *     substitutes entities and loads DTDs.
 */
#include "report.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxslt/documents.h>
#include <libxslt/imports.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "diag.h"
#include "docx.h"
#include "paths.h"
#include "util.h"
#include "xmlio.h"

/* Sorted; templates/NAME.xsl in the data directory. */
static const char *const shipped[] = {"annual", "annual-docx", "audit",   "audit-csv", "audit-docx",
                                       "csv",    "dossier",     "index",   "summary",   "text"};

struct sandbox {
	char *path;                     /* the entry stylesheet */
	char *dirs[2];                  /* directories it may read (real paths) */
	int nr_dirs;
	xsltSecurityPrefsPtr sec;       /* the preferences below */
	xsltSecurityPrefsPtr old_sec;   /* the library default before */
	xsltDocLoaderFunc old_loader;   /* libxslt's loader before */
};

/* The sandbox in force (the read check has no user pointer at parse time). */
static struct sandbox *active;

int report_is_shipped(const char *name)
{
	if (!name)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(shipped); i++)
		if (!strcmp(name, shipped[i]))
			return 1;
	return 0;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

/* 1 if the real path `path` is `dir` or inside it. */
static int inside(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (n && dir[n - 1] == '/')
		n--;
	return !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}

static int check_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	(void)sec;
	(void)ctxt;
	char real[PATH_MAX];
	if (!active || !value)
		return 0;
	const char *p = value;
	if (!strncmp(p, "file://", 7))
		p += 7;
	if (realpath(p, real))
		for (int i = 0; i < active->nr_dirs; i++)
			if (inside(real, active->dirs[i]))
				return 1;
	error("template may not read '%s' (only files beside the template)", value);
	return 0;
}

/* What libxslt loads (imports, document()), read through xmlio.h: after
 * the security preferences allowed it. */
static xmlDocPtr safe_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
                             xsltLoadType type)
{
	(void)ctxt;
	(void)type;
	if (!active)
		return NULL;
	return xmlio_read_for_xslt((const char *)uri, dict, options);
}

static void add_dir(struct sandbox *sb, const char *dir)
{
	char real[PATH_MAX];
	if (dir && realpath(dir, real) && sb->nr_dirs < (int)ARRAY_SIZE(sb->dirs))
		sb->dirs[sb->nr_dirs++] = xstrdup(real);
}

static void sandbox_end(struct sandbox *sb)
{
	if (active == sb) {
		xsltSetDefaultSecurityPrefs(sb->old_sec);
		xsltSetLoaderFunc(sb->old_loader);
		active = NULL;
	}
	xsltFreeSecurityPrefs(sb->sec);
	for (int i = 0; i < sb->nr_dirs; i++)
		free(sb->dirs[i]);
	free(sb->path);
	memset(sb, 0, sizeof(*sb));
}

/* Resolve the template and put the sandbox in force. 0 or -1 (reported). */
static int sandbox_begin(struct sandbox *sb, const char *name)
{
	memset(sb, 0, sizeof(*sb));
	if (!name || !*name)
		return error("no template given");
	char *shipped_dir = data_path("templates");
	if (strchr(name, '/') || ends_with(name, ".xsl")) {
		char real[PATH_MAX];
		if (!realpath(name, real)) {
			error("cannot read template '%s': no such file", name);
			free(shipped_dir);
			return -1;
		}
		sb->path = xstrdup(real);
		*strrchr(real, '/') = '\0';
		add_dir(sb, *real ? real : "/");
	} else if (report_is_shipped(name)) {
		struct strbuf p;
		strbuf_init(&p);
		strbuf_addf(&p, "%s/%s.xsl", shipped_dir, name);
		sb->path = strbuf_detach(&p);
	} else {
		free(shipped_dir);
		return error("unknown template '%s' (shipped: annual, annual-docx, audit, audit-csv, "
		             "audit-docx, csv, dossier, index, summary, text; or the path of an .xsl "
		             "file)", name);
	}
	add_dir(sb, shipped_dir);
	free(shipped_dir);

	sb->sec = xsltNewSecurityPrefs();
	if (!sb->sec ||
	    xsltSetSecurityPrefs(sb->sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(sb->sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(sb->sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(sb->sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(sb->sec, XSLT_SECPREF_READ_FILE, check_read)) {
		sandbox_end(sb);
		return error("cannot set up the XSLT security preferences");
	}
	sb->old_sec = xsltGetDefaultSecurityPrefs();
	sb->old_loader = xsltDocDefaultLoader;
	active = sb;
	xsltSetDefaultSecurityPrefs(sb->sec);
	xsltSetLoaderFunc(safe_loader);
	return 0;
}

static xsltStylesheetPtr load_stylesheet(const char *path)
{
	xmlDocPtr doc = xmlio_read_doc(path, "a template");
	if (!doc) {
		error("cannot read template '%s'", path);
		return NULL;
	}
	xsltStylesheetPtr style = xsltParseStylesheetDoc(doc);
	if (!style) {
		xmlFreeDoc(doc);
		error("'%s' is not a usable XSLT stylesheet", path);
		return NULL;
	}
	if (style->errors) {
		xsltFreeStylesheet(style);
		error("'%s' is not a usable XSLT stylesheet", path);
		return NULL;
	}
	return style;
}

/* 1 when the stylesheet's xsl:output says it writes a Word package. */
static int is_docx(xsltStylesheetPtr style)
{
	const xmlChar *media;
	XSLT_GET_IMPORT_PTR(media, style, mediaType);
	return media && !strcmp((const char *)media, DOCX_MEDIA_TYPE);
}

/* An open template: its sandbox (in force while open) and stylesheet. */
struct report {
	struct sandbox sb;
	xsltStylesheetPtr style;
	char *name;
};

struct report *report_open(const char *name)
{
	struct report *r = xcalloc(1, sizeof(*r));
	if (sandbox_begin(&r->sb, name) < 0) {
		free(r);
		return NULL;
	}
	r->name = xstrdup(name);
	if (!(r->style = load_stylesheet(r->sb.path))) {
		report_close(r);
		return NULL;
	}
	return r;
}

void report_close(struct report *r)
{
	if (!r)
		return;
	xsltFreeStylesheet(r->style);
	sandbox_end(&r->sb);
	free(r->name);
	free(r);
}

/* Transform results with r into *res (the caller frees it). 0 or -1. */
static int transform(struct report *r, xmlDocPtr results, const char *const *params,
                     xmlDocPtr *res)
{
	xsltTransformContextPtr ctxt = NULL;
	int ret = -1;
	const char *name = r->name;

	*res = NULL;
	if (!results)
		return error("no results document to render");
	if (!(ctxt = xsltNewTransformContext(r->style, results))) {
		error("cannot start template '%s'", name);
		goto out;
	}
	if (xsltSetCtxtSecurityPrefs(r->sb.sec, ctxt)) {
		error("cannot set up the XSLT security preferences");
		goto out;
	}
	xsltSetCtxtParseOptions(ctxt, XMLIO_PARSE_OPTIONS);
	for (const char *const *p = params; p && p[0]; p += 2) {
		if (!p[1] || xsltQuoteOneUserParam(ctxt, (const xmlChar *)p[0],
		                                   (const xmlChar *)p[1])) {
			error("cannot pass parameter '%s' to template '%s'", p[0], name);
			goto out;
		}
	}
	*res = xsltApplyStylesheetUser(r->style, results, NULL, NULL, NULL, ctxt);
	if (!*res || ctxt->state != XSLT_STATE_OK) {
		error("template '%s' failed", name);
		goto out;
	}
	ret = 0;
out:
	if (ret < 0) {
		xmlFreeDoc(*res);
		*res = NULL;
	}
	xsltFreeTransformContext(ctxt);
	return ret;
}

int report_apply(struct report *r, xmlDocPtr results, const char *const *params,
                 struct strbuf *out)
{
	xmlDocPtr res = NULL;
	xmlChar *buf = NULL;
	int len = 0, ret = -1;

	if (transform(r, results, params, &res) < 0)
		return -1;
	if (xsltSaveResultToString(&buf, &len, res, r->style) < 0 || len < 0) {
		error("cannot serialise the output of template '%s'", r->name);
		goto out;
	}
	if (buf)
		strbuf_add(out, buf, (size_t)len);
	ret = 0;
out:
	xmlFree(buf);
	xmlFreeDoc(res);
	return ret;
}

/* Serialise the top-level nodes of res as the output method of r writes
 * them, without what the method adds to a whole document (a document type
 * or an XML declaration): html as HTML, text as its text, anything else as
 * XML (each element with the namespace declarations it needs). 0 or -1. */
static int dump_top_level(struct report *r, xmlDocPtr res, struct strbuf *out)
{
	const xmlChar *method;
	xmlOutputBufferPtr buf = NULL;
	int ret = -1;
	XSLT_GET_IMPORT_PTR(method, r->style, method);
	if (method && !strcmp((const char *)method, "text")) {
		xmlChar *text = NULL;
		int len = 0;
		if (xsltSaveResultToString(&text, &len, res, r->style) < 0 || len < 0) {
			xmlFree(text);
			return error("cannot serialise the output of template '%s'", r->name);
		}
		if (text)
			strbuf_add(out, text, (size_t)len);
		xmlFree(text);
		return 0;
	}
	if (!(buf = xmlAllocOutputBuffer(NULL)))
		return error("cannot serialise the output of template '%s': out of memory", r->name);
	for (xmlNodePtr n = res->children; n; n = n->next) {
		if (n->type == XML_DTD_NODE)
			continue;
		if (method && !strcmp((const char *)method, "html"))
			htmlNodeDumpFormatOutput(buf, res, n, "UTF-8", 1);
		else
			xmlNodeDumpOutput(buf, res, n, 0, 0, "UTF-8");
	}
	if (buf->error) {
		error("cannot serialise the output of template '%s'", r->name);
		goto out;
	}
	strbuf_add(out, xmlOutputBufferGetContent(buf), xmlOutputBufferGetSize(buf));
	ret = 0;
out:
	xmlOutputBufferClose(buf);
	return ret;
}

int report_apply_part(struct report *r, xmlDocPtr results, const char *const *params,
                      struct strbuf *out)
{
	xmlDocPtr res = NULL;
	if (transform(r, results, params, &res) < 0)
		return -1;
	int ret = dump_top_level(r, res, out);
	xmlFreeDoc(res);
	return ret;
}

/*
 * A document in pieces (report.h): the marks a frame may hold, and what
 * expands them.
 */
#define PIECE_ROWS "<!--assess:rows "
#define PIECE_ONE "<!--assess:piece "
#define PIECE_END "-->"

struct pieces {
	struct report *r;
	xmlDocPtr results;
	const char *const *params; /* the caller's */
	long systems;              /* <system> children of the root */
};

/* The caller's params and the piece's (name/value pairs, then NULL) in
 * *all, which the caller frees (not the strings). */
static const char **piece_params(const char *const *params, const char *const *more)
{
	size_t n = 0, m = 0;
	while (params && params[n])
		n += 2;
	while (more[m])
		m += 2;
	const char **all = xcalloc(n + m + 1, sizeof(*all));
	for (size_t i = 0; i < n; i++)
		all[i] = params[i];
	for (size_t i = 0; i < m; i++)
		all[n + i] = more[i];
	return all;
}

static int piece_word_char(char c, int arg)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || (arg && c == '/');
}

/* Render the piece(s) of one mark, the text between its prefix and "-->"
 * (mark[0..len)), onto out. 0 or -1 after reporting. */
static int render_mark(struct pieces *pc, int rows, const char *mark, size_t len,
                       struct strbuf *out)
{
	char name[64], arg[128];
	size_t i = 0, n = 0;
	arg[0] = '\0';
	while (i < len && n + 1 < sizeof(name) && piece_word_char(mark[i], 0))
		name[n++] = mark[i++];
	name[n] = '\0';
	if (!rows && i < len && mark[i] == ' ') {
		size_t k = 0;
		for (i++; i < len && k + 1 < sizeof(arg) && piece_word_char(mark[i], 1);)
			arg[k++] = mark[i++];
		arg[k] = '\0';
	}
	if (!n || i != len)
		return error("template '%s': a piece mark holds '%.*s' (it is 'rows NAME' or "
		             "'piece NAME ARG')", pc->r->name, (int)len, mark);
	if (!rows) {
		const char *const more[] = {"piece", name, "piece-arg", arg, NULL};
		const char **all = piece_params(pc->params, more);
		int rc = report_apply_part(pc->r, pc->results, all, out);
		free(all);
		return rc;
	}
	for (long from = 1; from <= pc->systems; from += REPORT_PIECE_ROWS) {
		char first[24], last[24];
		snprintf(first, sizeof(first), "%ld", from);
		snprintf(last, sizeof(last), "%ld", from + REPORT_PIECE_ROWS - 1);
		const char *const more[] = {"piece", name, "piece-from", first, "piece-to", last, NULL};
		const char **all = piece_params(pc->params, more);
		int rc = report_apply_part(pc->r, pc->results, all, out);
		free(all);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* docx_expand_fn (and for a frame that is not a package): text with every
 * mark replaced by its pieces, onto out. 1, 0 when text holds no mark (out
 * untouched), or -1 after reporting. */
static int expand_pieces(const char *text, size_t len, struct strbuf *out, void *data)
{
	struct pieces *pc = data;
	const char *p = text, *end = text + len;
	if (!strstr(text, PIECE_ROWS) && !strstr(text, PIECE_ONE))
		return 0;
	while (p < end) {
		const char *rows = strstr(p, PIECE_ROWS), *one = strstr(p, PIECE_ONE);
		const char *m = rows && (!one || rows < one) ? rows : one;
		if (!m)
			break;
		int is_rows = m == rows;
		const char *body = m + (is_rows ? strlen(PIECE_ROWS) : strlen(PIECE_ONE));
		const char *close = strstr(body, PIECE_END);
		if (!close)
			break;
		strbuf_add(out, p, (size_t)(m - p));
		if (render_mark(pc, is_rows, body, (size_t)(close - body), out) < 0)
			return -1;
		p = close + strlen(PIECE_END);
	}
	if (p < end)
		strbuf_add(out, p, (size_t)(end - p));
	return 1;
}

/* The <system> children of the root of results. */
static long count_systems(xmlDocPtr results)
{
	long n = 0;
	xmlNodePtr root = xmlDocGetRootElement(results);
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !c->ns && !strcmp((const char *)c->name, "system"))
			n++;
	return n;
}

int report_render(xmlDocPtr results, const char *name, const char *const *params,
                  const char *out_path)
{
	struct strbuf frame, out;
	int ret = -1, rc;

	if (!results)
		return error("no results document to render");
	if (!out_path)
		out_path = "-";
	struct report *r = report_open(name);
	if (!r)
		return -1;
	strbuf_init(&frame);
	strbuf_init(&out);
	/* the frame: the whole document, or with marks where its pieces go */
	const char *const more[] = {"piece", "frame", NULL};
	const char **all = piece_params(params, more);
	struct pieces pc = {.r = r, .results = results, .params = params,
	                    .systems = count_systems(results)};
	const struct strbuf *result = NULL;
	if (report_apply(r, results, all, &frame) == 0) {
		/* a Word template writes its package as Flat OPC: C zips it (docx.h) */
		if (is_docx(r->style))
			result = docx_pack_expanded(frame.buf, frame.len, expand_pieces, &pc, &out) < 0
			                 ? NULL
			                 : &out;
		else if ((rc = expand_pieces(frame.buf, frame.len, &out, &pc)) >= 0)
			result = rc ? &out : &frame;
	}
	free(all);
	report_close(r);
	if (result == &out)
		strbuf_release(&frame); /* before the file is written: it may be large */
	if (result)
		ret = write_file_atomic(out_path, result->buf, result->len);
	strbuf_release(&frame);
	strbuf_release(&out);
	return ret;
}

const char *report_extension(const char *name)
{
	struct sandbox sb;
	const char *ext = NULL;
	if (sandbox_begin(&sb, name) < 0)
		return NULL;
	xsltStylesheetPtr style = load_stylesheet(sb.path);
	if (style) {
		const xmlChar *method, *media;
		XSLT_GET_IMPORT_PTR(method, style, method);
		XSLT_GET_IMPORT_PTR(media, style, mediaType);
		const char *m = (const char *)method, *t = (const char *)media;
		if (m && !strcmp(m, "html"))
			ext = "html";
		else if (m && !strcmp(m, "text"))
			ext = t && !strcmp(t, "text/csv") ? "csv" : "txt";
		else if (is_docx(style))
			ext = "docx";
		else
			ext = "xml";
	}
	xsltFreeStylesheet(style);
	sandbox_end(&sb);
	return ext;
}
