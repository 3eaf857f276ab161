/* Unit tests of docx.c: a Flat OPC package becomes a .docx zip, and bad
 * packages are refused before anything is written. No LibreOffice needed:
 * the zip is read back with libzip. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "diag.h"
#include "docx.h"
#include "harness.h"
#include "report.h"
#include "util.h"
#include "xmlio.h"

#define PKG_OPEN "<pkg:package xmlns:pkg=\"" DOCX_PKG_NS "\">"
#define PKG_CLOSE "</pkg:package>"
#define RELS_PART                                                                              \
	"<pkg:part pkg:name=\"/_rels/.rels\" "                                                     \
	"pkg:contentType=\"application/vnd.openxmlformats-package.relationships+xml\">"            \
	"<pkg:xmlData><Relationships "                                                             \
	"xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"                  \
	"<Relationship Id=\"rId1\" "                                                               \
	"Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"              \
	"officeDocument\" Target=\"word/document.xml\"/></Relationships></pkg:xmlData></pkg:part>"
#define DOC_TYPE "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
/* the w: namespace is declared on the package root, as a template's output has it */
#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOC_PART                                                                               \
	"<pkg:part pkg:name=\"/word/document.xml\" pkg:contentType=\"" DOC_TYPE "\">"              \
	"<pkg:xmlData><w:document><w:body><w:p><w:r><w:t xml:space=\"preserve\">Cộng hòa </w:t>"   \
	"</w:r></w:p></w:body></w:document></pkg:xmlData></pkg:part>"

/* The entry's bytes as a new string, or NULL. */
static char *entry(zip_t *za, const char *name)
{
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat(za, name, 0, &st) < 0)
		return NULL;
	zip_file_t *f = zip_fopen(za, name, 0);
	if (!f)
		return NULL;
	char *buf = xcalloc(1, (size_t)st.size + 1);
	zip_int64_t n = zip_fread(f, buf, st.size);
	zip_fclose(f);
	if (n != (zip_int64_t)st.size) {
		free(buf);
		return NULL;
	}
	return buf;
}

static zip_t *open_zip(const struct strbuf *bytes, zip_source_t **src)
{
	zip_error_t ze;
	zip_error_init(&ze);
	*src = zip_source_buffer_create(bytes->buf, bytes->len, 0, &ze);
	zip_t *za = *src ? zip_open_from_source(*src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
	if (!za)
		zip_source_free(*src);
	zip_error_fini(&ze);
	return za;
}

/* Pack text; returns docx_pack's result and the messages in msgs. */
static int pack(const char *text, struct strbuf *out, struct strbuf *msgs)
{
	diag_capture(msgs);
	int rc = docx_pack(text, strlen(text), out);
	diag_capture(NULL);
	return rc;
}

TEST(docx_pack_parts_and_content_types)
{
	struct strbuf out, msgs;
	strbuf_init(&out);
	strbuf_init(&msgs);
	const char *text = "<pkg:package xmlns:pkg=\"" DOCX_PKG_NS "\" xmlns:w=\"" W_NS "\">"
	                   RELS_PART DOC_PART
	                   "<pkg:part pkg:name=\"/media/dot.png\" pkg:contentType=\"image/png\">"
	                   "<pkg:binaryData>iVBORw0K\nGgo=</pkg:binaryData></pkg:part>" PKG_CLOSE;
	CHECK_INT(pack(text, &out, &msgs), 0);
	CHECK_STR(msgs.buf, "");
	zip_source_t *src = NULL;
	zip_t *za = open_zip(&out, &src);
	CHECK(za != NULL);
	if (za) {
		CHECK_INT(zip_get_num_entries(za, 0), 4);
		CHECK_STR(zip_get_name(za, 0, 0), "[Content_Types].xml");
		CHECK_STR(zip_get_name(za, 1, 0), "_rels/.rels");
		CHECK_STR(zip_get_name(za, 2, 0), "word/document.xml");
		char *types = entry(za, "[Content_Types].xml");
		CHECK_CONTAINS(types, "<Default Extension=\"rels\"");
		CHECK_CONTAINS(types, "<Override PartName=\"/word/document.xml\" ContentType=\"" DOC_TYPE);
		CHECK_CONTAINS(types, "<Override PartName=\"/media/dot.png\" ContentType=\"image/png\"/>");
		/* the relationships part has its extension's type: no Override */
		CHECK(types && !strstr(types, "PartName=\"/_rels/.rels\""));
		free(types);
		char *doc = entry(za, "word/document.xml");
		/* the namespace declared on the package is declared on the part's root */
		CHECK_CONTAINS(doc, "<w:document xmlns:w=\"" W_NS "\">");
		CHECK_CONTAINS(doc, "<w:t xml:space=\"preserve\">Cộng hòa </w:t>");
		CHECK(doc && !strstr(doc, "xmlPackage"));
		free(doc);
		char *png = entry(za, "media/dot.png");
		CHECK(png && !memcmp(png, "\x89PNG\r\n\x1a\n", 8));
		free(png);
		zip_close(za); /* frees src too */
	}
	/* the same package gives the same bytes */
	struct strbuf again;
	strbuf_init(&again);
	CHECK_INT(pack(text, &again, &msgs), 0);
	CHECK(again.len == out.len && !memcmp(again.buf, out.buf, out.len));
	strbuf_release(&again);
	strbuf_release(&out);
	strbuf_release(&msgs);
}

/* Each bad package is refused with a message naming what is wrong. */
TEST(docx_refuses_bad_packages)
{
	static const struct {
		const char *text;
		const char *message;
	} cases[] = {
		{"<package/>", "the root is not pkg:package"},
		{PKG_OPEN DOC_PART PKG_CLOSE, "no part '/_rels/.rels'"},
		{PKG_OPEN RELS_PART "<pkg:part pkg:name=\"/word/../x.xml\" pkg:contentType=\"a/b\">"
		 "<pkg:xmlData><x/></pkg:xmlData></pkg:part>" PKG_CLOSE,
		 "package part '/word/../x.xml': a part name has no '.' or '..' segment"},
		{PKG_OPEN RELS_PART "<pkg:part pkg:name=\"word/x.xml\" pkg:contentType=\"a/b\">"
		 "<pkg:xmlData><x/></pkg:xmlData></pkg:part>" PKG_CLOSE,
		 "package part 'word/x.xml': a part name starts with '/'"},
		{PKG_OPEN RELS_PART "<pkg:part pkg:name=\"/word//x.xml\" pkg:contentType=\"a/b\">"
		 "<pkg:xmlData><x/></pkg:xmlData></pkg:part>" PKG_CLOSE,
		 "no empty segment"},
		{PKG_OPEN RELS_PART "<pkg:part pkg:name=\"/word/x y.xml\" pkg:contentType=\"a/b\">"
		 "<pkg:xmlData><x/></pkg:xmlData></pkg:part>" PKG_CLOSE,
		 "made of letters, digits"},
		{PKG_OPEN RELS_PART "<pkg:part pkg:name=\"/[Content_Types].xml\" pkg:contentType=\"a/b\">"
		 "<pkg:xmlData><x/></pkg:xmlData></pkg:part>" PKG_CLOSE,
		 "made by the packer"},
		{PKG_OPEN RELS_PART DOC_PART
		 "<pkg:part pkg:name=\"/Word/Document.xml\" pkg:contentType=\"a/b\">"
		 "<pkg:xmlData><x/></pkg:xmlData></pkg:part>" PKG_CLOSE,
		 "package part '/Word/Document.xml': a second part with this name"},
		{PKG_OPEN RELS_PART "<pkg:part pkg:name=\"/a.xml\" pkg:contentType=\"text\">"
		 "<pkg:xmlData><x/></pkg:xmlData></pkg:part>" PKG_CLOSE,
		 "not type/subtype"},
		{PKG_OPEN RELS_PART "<pkg:part pkg:name=\"/a.xml\"><pkg:xmlData><x/></pkg:xmlData>"
		 "</pkg:part>" PKG_CLOSE,
		 "not type/subtype"},
		{PKG_OPEN RELS_PART "<pkg:part pkg:name=\"/a.xml\" pkg:contentType=\"a/b\">"
		 "<pkg:xmlData><x/><y/></pkg:xmlData></pkg:part>" PKG_CLOSE,
		 "pkg:xmlData holds one element"},
		{PKG_OPEN RELS_PART "<pkg:part pkg:name=\"/a.bin\" pkg:contentType=\"a/b\">"
		 "<pkg:binaryData>not*base64</pkg:binaryData></pkg:part>" PKG_CLOSE,
		 "not valid base64"},
		{PKG_OPEN RELS_PART "<other/>" PKG_CLOSE, "every child of pkg:package is a pkg:part"},
		{PKG_OPEN "<pkg:part pkg:name=\"/_rels/.rels\" pkg:contentType=\"application/xml\">"
		 "<pkg:xmlData><x/></pkg:xmlData></pkg:part>" PKG_CLOSE,
		 "its content type is application/vnd.openxmlformats-package.relationships+xml"},
		{"<pkg:package", "not well-formed"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf out, msgs;
		strbuf_init(&out);
		strbuf_init(&msgs);
		CHECK_INT(pack(cases[i].text, &out, &msgs), -1);
		CHECK_INT(out.len, 0);
		CHECK_CONTAINS(msgs.buf, cases[i].message);
		strbuf_release(&out);
		strbuf_release(&msgs);
	}
}

/* docx_write leaves nothing behind when the package is refused. */
TEST(docx_write_atomic)
{
	char dir[] = "/tmp/assess-docx-test.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	struct strbuf path, msgs;
	strbuf_init(&path);
	strbuf_init(&msgs);
	strbuf_addf(&path, "%s/out.docx", dir);
	const char *good = PKG_OPEN RELS_PART PKG_CLOSE;
	CHECK_INT(docx_write(good, strlen(good), path.buf), 0);
	CHECK_INT(access(path.buf, F_OK), 0);
	unlink(path.buf);
	const char *bad = PKG_OPEN PKG_CLOSE;
	diag_capture(&msgs);
	CHECK_INT(docx_write(bad, strlen(bad), path.buf), -1);
	diag_capture(NULL);
	CHECK(access(path.buf, F_OK) != 0);
	CHECK_INT(rmdir(dir), 0);
	strbuf_release(&path);
	strbuf_release(&msgs);
}

/* A template whose xsl:output says Word renders to a .docx; a shipped one too */
TEST(docx_from_templates)
{
	char dir[] = "/tmp/assess-docx-test.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	struct strbuf tpl, out;
	strbuf_init(&tpl);
	strbuf_init(&out);
	strbuf_addf(&tpl, "%s/mine.xsl", dir);
	strbuf_addf(&out, "%s/out.docx", dir);
	const char *xsl =
		"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\""
		" xmlns:pkg=\"" DOCX_PKG_NS "\">"
		"<xsl:output method=\"xml\" media-type=\"" DOCX_MEDIA_TYPE "\"/>"
		"<xsl:template match=\"/\"><pkg:package>" RELS_PART "</pkg:package></xsl:template>"
		"</xsl:stylesheet>";
	FILE *f = fopen(tpl.buf, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(xsl, f);
		fclose(f);
	}
	CHECK_STR(report_extension(tpl.buf), "docx");
	xmlDocPtr res = xmlio_read_doc("../fixtures/results/an-hoa-nd85.xml", "a results document");
	CHECK(res != NULL);
	CHECK_INT(report_render(res, tpl.buf, NULL, out.buf), 0);
	f = fopen(out.buf, "rb");
	char magic[4] = {0};
	CHECK(f && fread(magic, 1, 4, f) == 4 && !memcmp(magic, "PK\3\4", 4));
	if (f)
		fclose(f);
	unlink(out.buf);
	/* the shipped annual report, in both languages */
	const char *vi[] = {"lang", "vi", NULL}, *en[] = {"lang", "en", NULL};
	CHECK_INT(report_render(res, "annual-docx", vi, out.buf), 0);
	CHECK_INT(access(out.buf, F_OK), 0);
	unlink(out.buf);
	CHECK_INT(report_render(res, "annual-docx", en, out.buf), 0);
	unlink(out.buf);
	unlink(tpl.buf);
	CHECK_INT(rmdir(dir), 0);
	xmlFreeDoc(res);
	strbuf_release(&tpl);
	strbuf_release(&out);
}
