/*
 * docx.c - pack a Flat OPC package into a .docx (zip) with libzip.
 *
 * Three steps, and nothing is written before the last: read and check every
 * part (docx.h says what is checked), serialise each part and build
 * [Content_Types].xml, then zip it all in memory and hand the bytes over.
 */
#include "docx.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/parser.h>
#include <zip.h>

#include "diag.h"
#include "util.h"
#include "xmlio.h"

#define RELS_TYPE "application/vnd.openxmlformats-package.relationships+xml"
#define XML_TYPE "application/xml"

/* One part of the package, ready to be zipped. */
struct part {
	char *name;         /* part name as in the package, "/word/document.xml" */
	char *content_type; /* its content type */
	unsigned char *data; /* its bytes (xmlMalloc'd for XML parts, malloc'd otherwise) */
	size_t len;         /* number of bytes */
	int from_xml;       /* 1: data came from libxml2 (xmlFree), 0: free() */
};

struct package {
	struct part *parts;
	size_t nr, alloc;
};

static void package_release(struct package *p)
{
	for (size_t i = 0; i < p->nr; i++) {
		free(p->parts[i].name);
		free(p->parts[i].content_type);
		if (p->parts[i].from_xml)
			xmlFree(p->parts[i].data);
		else
			free(p->parts[i].data);
	}
	free(p->parts);
	memset(p, 0, sizeof(*p));
}

static int is_pkg(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       !strcmp((const char *)n->ns->href, DOCX_PKG_NS) && !strcmp((const char *)n->name, name);
}

/* Anything but whitespace, comments and processing instructions? */
static int is_content(xmlNodePtr n)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		for (const xmlChar *c = n->content; c && *c; c++)
			if (!isspace(*c))
				return 1;
		return 0;
	}
	return n->type != XML_COMMENT_NODE && n->type != XML_PI_NODE;
}

/* The problem with a part name, or NULL when it is a good one. */
static const char *bad_part_name(const char *name)
{
	size_t n = strlen(name);
	if (!n)
		return "the name is empty";
	if (name[0] != '/')
		return "a part name starts with '/'";
	if (n > 1024)
		return "the name is longer than 1024 characters";
	if (!strcmp(name, "/[Content_Types].xml") || !strcasecmp(name, "/[content_types].xml"))
		return "[Content_Types].xml is made by the packer, not a part";
	for (const char *seg = name + 1;; ) {
		const char *end = strchr(seg, '/');
		size_t len = end ? (size_t)(end - seg) : strlen(seg);
		if (!len)
			return "a part name has no empty segment (no '//', no '/' at the end)";
		if ((len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.'))
			return "a part name has no '.' or '..' segment";
		if (seg[len - 1] == '.')
			return "a segment of a part name does not end with '.'";
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)seg[i];
			if (!isalnum(c) && c != '.' && c != '_' && c != '-')
				return "a part name is made of letters, digits, '.', '_', '-' and '/'";
		}
		if (!end)
			break;
		seg = end + 1;
	}
	return NULL;
}

static int is_token_char(unsigned char c)
{
	return isalnum(c) || strchr("!#$&^_.+-", c);
}

/* 1 for "type/subtype" followed by optional ";name=value" parameters. */
static int good_content_type(const char *t)
{
	const unsigned char *p = (const unsigned char *)t;
	int slash = 0;
	size_t before = 0, after = 0;
	for (; *p && *p != ';'; p++) {
		if (*p == '/') {
			if (slash++)
				return 0;
		} else if (!is_token_char(*p)) {
			return 0;
		} else if (slash) {
			after++;
		} else {
			before++;
		}
	}
	if (slash != 1 || !before || !after)
		return 0;
	for (; *p; p++) /* parameters: tokens, '=', ';' and spaces */
		if (!is_token_char(*p) && *p != ';' && *p != '=' && *p != ' ')
			return 0;
	return 1;
}

static int base64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Decode base64 (whitespace ignored) into a new buffer; -1 when invalid. */
static int base64_decode(const char *text, unsigned char **out, size_t *out_len)
{
	size_t n = strlen(text), len = 0;
	unsigned char *buf = xmalloc(n / 4 * 3 + 3);
	unsigned acc = 0;
	int bits = 0, pad = 0, count = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (isspace(*p))
			continue;
		if (*p == '=') {
			pad++;
			count++;
			continue;
		}
		int v = base64_value(*p);
		if (v < 0 || pad)
			goto bad;
		count++;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf[len++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	if (count % 4 || pad > 2)
		goto bad;
	*out = buf;
	*out_len = len;
	return 0;
bad:
	free(buf);
	return -1;
}

/* The one element of xmlData as a document of its own: every namespace it
 * uses is declared on its root (xmlDocCopyNode does that for namespaces
 * declared above it in the package). */
static int serialise_xml(xmlNodePtr elem, struct part *part)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr copy = doc ? xmlDocCopyNode(elem, doc, 1) : NULL;
	xmlChar *mem = NULL;
	int size = 0;
	if (copy) {
		xmlDocSetRootElement(doc, copy);
		xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
	} else {
		xmlFreeNode(copy);
	}
	xmlFreeDoc(doc);
	if (!mem || size < 0) {
		xmlFree(mem);
		return error("package part '%s': cannot serialise its XML", part->name);
	}
	part->data = mem;
	part->len = (size_t)size;
	part->from_xml = 1;
	return 0;
}

/* Read the data of one pkg:part into part. 0 or -1 after reporting. */
static int read_part_data(xmlNodePtr node, struct part *part)
{
	xmlNodePtr data = NULL;
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (!is_content(c))
			continue;
		if (data || !(is_pkg(c, "xmlData") || is_pkg(c, "binaryData")))
			return error("package part '%s': it holds one pkg:xmlData or one pkg:binaryData",
			             part->name);
		data = c;
	}
	if (!data)
		return error("package part '%s': it has no pkg:xmlData or pkg:binaryData", part->name);
	if (is_pkg(data, "binaryData")) {
		xmlChar *text = xmlNodeGetContent(data);
		int rc = base64_decode(text ? (const char *)text : "", &part->data, &part->len);
		xmlFree(text);
		if (rc < 0)
			return error("package part '%s': pkg:binaryData is not valid base64", part->name);
		return 0;
	}
	xmlNodePtr elem = NULL;
	for (xmlNodePtr c = data->children; c; c = c->next) {
		if (!is_content(c))
			continue;
		if (elem || c->type != XML_ELEMENT_NODE)
			return error("package part '%s': pkg:xmlData holds one element", part->name);
		elem = c;
	}
	if (!elem)
		return error("package part '%s': pkg:xmlData is empty", part->name);
	return serialise_xml(elem, part);
}

static char *pkg_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)DOCX_PKG_NS);
	char *s = xstrdup_or_null((const char *)v);
	xmlFree(v);
	return s;
}

/* Read and check every part. 0 or -1 after reporting. */
static int read_package(xmlDocPtr doc, struct package *pkg)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int has_rels = 0;
	if (!is_pkg(root, "package"))
		return error("not a Flat OPC package: the root is not pkg:package (namespace %s)",
		             DOCX_PKG_NS);
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (!is_content(n))
			continue;
		if (!is_pkg(n, "part"))
			return error("package: every child of pkg:package is a pkg:part");
		if (pkg->nr >= DOCX_MAX_PARTS)
			return error("package: more than %d parts", DOCX_MAX_PARTS);
		ALLOC_GROW(pkg->parts, pkg->nr + 1, pkg->alloc);
		struct part *part = &pkg->parts[pkg->nr++];
		memset(part, 0, sizeof(*part));
		part->name = pkg_attr(n, "name");
		part->content_type = pkg_attr(n, "contentType");
		if (!part->name)
			return error("package: a pkg:part has no pkg:name");
		const char *why = bad_part_name(part->name);
		if (why)
			return error("package part '%s': %s", part->name, why);
		for (size_t i = 0; i + 1 < pkg->nr; i++)
			if (!strcasecmp(pkg->parts[i].name, part->name))
				return error("package part '%s': a second part with this name", part->name);
		if (!part->content_type || !good_content_type(part->content_type))
			return error("package part '%s': pkg:contentType is missing or not type/subtype",
			             part->name);
		if (!strcmp(part->name, "/_rels/.rels")) {
			if (strcmp(part->content_type, RELS_TYPE))
				return error("package part '%s': its content type is %s", part->name,
				             RELS_TYPE);
			has_rels = 1;
		}
		if (read_part_data(n, part) < 0)
			return -1;
	}
	if (!has_rels)
		return error("package: no part '/_rels/.rels' (the package relationships)");
	return 0;
}

/* The Default content type of a part's extension, or NULL. */
static const char *default_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (dot && strrchr(name, '/') < dot) {
		if (!strcasecmp(dot, ".rels"))
			return RELS_TYPE;
		if (!strcasecmp(dot, ".xml"))
			return XML_TYPE;
	}
	return NULL;
}

static void content_types(const struct package *pkg, struct strbuf *out)
{
	strbuf_addstr(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	                   "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	                   "content-types\">"
	                   "<Default Extension=\"rels\" ContentType=\"" RELS_TYPE "\"/>"
	                   "<Default Extension=\"xml\" ContentType=\"" XML_TYPE "\"/>");
	/* names and types hold no character XML escapes (checked above) */
	for (size_t i = 0; i < pkg->nr; i++) {
		const struct part *p = &pkg->parts[i];
		const char *def = default_type(p->name);
		if (def && !strcmp(def, p->content_type))
			continue;
		strbuf_addf(out, "<Override PartName=\"%s\" ContentType=\"%s\"/>", p->name,
		            p->content_type);
	}
	strbuf_addstr(out, "</Types>");
}

/* A fixed time stamp for every entry (local noon, 1 January 1980: the
 * first day a zip can say), so that one package gives one set of bytes. */
static time_t fixed_time(void)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 80;
	tm.tm_mday = 1;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static int add_entry(zip_t *za, const char *name, const void *data, size_t len)
{
	zip_source_t *s = zip_source_buffer(za, data, len, 0);
	zip_int64_t i = s ? zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8) : -1;
	if (i < 0) {
		zip_source_free(s);
		return error("cannot add '%s' to the document: %s", name, zip_strerror(za));
	}
	if (zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_DEFLATE, 0) < 0 ||
	    zip_file_set_mtime(za, (zip_uint64_t)i, fixed_time(), 0) < 0)
		return error("cannot add '%s' to the document: %s", name, zip_strerror(za));
	return 0;
}

/* Read the whole of a closed, kept in-memory zip source into out. */
static int read_source(zip_source_t *src, struct strbuf *out)
{
	zip_stat_t st;
	char buf[65536];
	zip_int64_t n;
	zip_stat_init(&st);
	if (zip_source_open(src) < 0)
		return error("cannot read the document back: %s",
		             zip_error_strerror(zip_source_error(src)));
	if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
		zip_source_close(src);
		return error("cannot read the document back");
	}
	size_t start = out->len;
	while ((n = zip_source_read(src, buf, sizeof(buf))) > 0)
		strbuf_add(out, buf, (size_t)n);
	zip_source_close(src);
	if (n < 0 || out->len - start != st.size) {
		out->len = start;
		out->buf[start] = '\0';
		return error("cannot read the document back");
	}
	return 0;
}

static int zip_package(const struct package *pkg, const struct strbuf *types, struct strbuf *out)
{
	zip_error_t ze;
	int ret = -1;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	if (!za) {
		error("cannot start the document: %s", zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	zip_source_keep(src); /* zip_close must not free what we read back */
	if (add_entry(za, "[Content_Types].xml", types->buf, types->len) < 0)
		goto fail;
	for (size_t i = 0; i < pkg->nr; i++)
		if (add_entry(za, pkg->parts[i].name + 1, pkg->parts[i].data, pkg->parts[i].len) < 0)
			goto fail;
	if (zip_close(za) < 0) {
		error("cannot write the document: %s", zip_strerror(za));
		goto fail;
	}
	ret = read_source(src, out);
	zip_source_free(src);
	zip_error_fini(&ze);
	return ret;
fail:
	zip_discard(za);
	zip_source_free(src);
	zip_error_fini(&ze);
	return -1;
}

/* Give expand the serialised text of every XML part; a part it rewrites
 * holds the new text. 0 or -1 (reported). */
static int expand_parts(struct package *pkg, docx_expand_fn *expand, void *data)
{
	for (size_t i = 0; i < pkg->nr; i++) {
		struct part *part = &pkg->parts[i];
		struct strbuf text;
		if (!part->from_xml)
			continue;
		strbuf_init(&text);
		int rc = expand((const char *)part->data, part->len, &text, data);
		if (rc > 0) {
			xmlFree(part->data);
			part->len = text.len;
			part->data = (unsigned char *)strbuf_detach(&text);
			part->from_xml = 0;
		}
		strbuf_release(&text);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int pack(xmlDocPtr doc, docx_expand_fn *expand, void *data, struct strbuf *out)
{
	struct package pkg = {0};
	struct strbuf types;
	int ret = -1;
	strbuf_init(&types);
	if (!doc) {
		error("no package to pack");
		goto out;
	}
	if (read_package(doc, &pkg) < 0)
		goto out;
	if (expand && expand_parts(&pkg, expand, data) < 0)
		goto out;
	content_types(&pkg, &types);
	ret = zip_package(&pkg, &types, out);
out:
	strbuf_release(&types);
	package_release(&pkg);
	return ret;
}

int docx_pack_doc(xmlDocPtr doc, struct strbuf *out)
{
	return pack(doc, NULL, NULL, out);
}

int docx_pack_expanded(const char *flat, size_t len, docx_expand_fn *expand, void *data,
                       struct strbuf *out)
{
	if (len > (size_t)INT32_MAX)
		return error("the package is too large");
	xmlDocPtr doc = xmlio_read_memory("package.xml", flat, len, "a Word package");
	if (!doc)
		return error("the template's output is not well-formed XML");
	int ret = pack(doc, expand, data, out);
	xmlFreeDoc(doc);
	return ret;
}

int docx_pack(const char *flat, size_t len, struct strbuf *out)
{
	return docx_pack_expanded(flat, len, NULL, NULL, out);
}

int docx_write(const char *flat, size_t len, const char *path)
{
	struct strbuf zip;
	strbuf_init(&zip);
	int ret = docx_pack(flat, len, &zip);
	if (ret == 0)
		ret = write_file_atomic(path, zip.buf, zip.len);
	strbuf_release(&zip);
	return ret;
}
