/*
 * book_xlsx.c - opening an XLSX workbook (book_parts.h).
 *
 * An XLSX is read in this order: [Content_Types].xml must be there;
 * _rels/.rels names the workbook part (under xl/); the workbook part gives
 * the sheet names, their relationship ids and the date system; the
 * workbook's relationships give each sheet's part (under xl/), the shared
 * strings and the styles. Those two are read whole at open (a cell refers to
 * them by number); a sheet is streamed when asked for (book_sheet.c).
 *
 * Every part is inflated through part_read(), which counts the bytes
 * (never trusting the sizes the zip declares) against the workbook's total
 * and the part's compression ratio, and is read through xmlio.h: a DOCTYPE
 * stops the part before libxml2 sees a byte of it. The parser is forced to
 * UTF-8, so a DOCTYPE in any other encoding cannot slip past the watch.
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

#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"

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

static int part_error(struct part *p, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int part_error(struct part *p, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = bk_vformat(fmt, ap);
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
		           bk_size_text(wb->max_unzipped, size));
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

void part_handlers_ours(struct part *p)
{
	p->saved_handler = xmlStructuredError;
	p->saved_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(p, part_xml_error);
}

void part_handlers_theirs(struct part *p)
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
int part_open(struct part *p, struct book *wb, const char *name, const char *sheet)
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
		                  (unsigned long long)st.size, bk_size_text(wb->max_unzipped, size));
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
	part_handlers_ours(p);
	p->in = xmlio_input_new(name, "a workbook", part_read, p, XMLIO_UTF8);
	p->r = xmlio_input_reader(p->in);
	if (!p->r) {
		if (!p->failed)
			part_error(p, 0, "cannot parse the part");
		part_handlers_theirs(p);
		xmlio_input_free(p->in);
		p->in = NULL;
		zip_fclose(p->zf);
		p->zf = NULL;
		return -1;
	}
	return 0;
}

void part_close(struct part *p)
{
	if (p->r) {
		xmlFreeTextReader(p->r);
		p->r = NULL;
		part_handlers_theirs(p);
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
int part_next(struct part *p)
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

int part_is_text(struct part *p)
{
	int t = xmlTextReaderNodeType(p->r);
	return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
	       t == XML_READER_TYPE_WHITESPACE || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* An attribute without namespace; the caller frees it with free(). */
char *part_attr(struct part *p, const char *name)
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
		char *id = part_attr(&p, "Id"), *type = part_attr(&p, "Type"), *target = part_attr(&p, "Target");
		char *mode = part_attr(&p, "TargetMode");
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
			char *v = part_attr(&p, "date1904");
			wb->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
			free(v);
		} else if (is_elem(&p, "sheet") && xmlTextReaderDepth(p.r) == 2) {
			long line = xmlTextReaderGetParserLineNumber(p.r);
			if (*nr >= BOOK_MAX_SHEETS) {
				ret = part_error(&p, line, "more than %d sheets", BOOK_MAX_SHEETS);
				break;
			}
			char *sname = part_attr(&p, "name"), *rid = attr_rid(&p), *state = part_attr(&p, "state");
			if (!sname || !*sname || !rid) {
				ret = part_error(&p, line, "a sheet without %s", !sname || !*sname ? "a name" : "r:id");
				free(sname);
				free(rid);
				free(state);
				break;
			}
			if (bk_utf8_bad((const unsigned char *)sname, strlen(sname)) != strlen(sname)) {
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
int part_read_rich_text(struct part *p, struct strbuf *raw, size_t cap_bytes, const char *what)
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
		} else if (t_depth >= 0 && depth == t_depth + 1 && part_is_text(p)) {
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
		if (part_read_rich_text(&p, &raw, 7 * (size_t)BOOK_MAX_CELL_BYTES, "a shared string") < 0) {
			ret = -1;
			break;
		}
		size_t start = wb->sst.len;
		bk_add_unescaped(&wb->sst, raw.buf, raw.len);
		if (wb->sst.len - start > (size_t)BOOK_MAX_CELL_BYTES) {
			ret = part_error(&p, line, "shared string %zu is longer than %d bytes",
			                 wb->nr_sst, BOOK_MAX_CELL_BYTES);
			break;
		}
		strbuf_add(&wb->sst, "", 1);
		if (wb->sst.len > (size_t)wb->max_string_bytes) {
			char size[32];
			ret = part_error(&p, line, "the shared strings hold more than %s: refused",
			                 bk_size_text(wb->max_string_bytes, size));
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
			char *id = part_attr(&p, "numFmtId"), *code = part_attr(&p, "formatCode");
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
			char *id = part_attr(&p, "numFmtId");
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

int xlsx_open(struct book *wb)
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
