/* Unit tests of report.c: the shipped templates over the example results,
 * and the XSLT sandbox. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "diag.h"
#include "harness.h"
#include "report.h"
#include "util.h"
#include "xmlio.h"

#define FIXTURE "../fixtures/results/an-hoa-nd85.xml"

static xmlDocPtr load_fixture(void)
{
	return xmlio_read_doc(FIXTURE, "a results document");
}

/* A fresh empty directory under /tmp (caller frees the string). */
static char *temp_dir(void)
{
	char *d = xstrdup("/tmp/assess-report-test.XXXXXX");
	if (!mkdtemp(d)) {
		free(d);
		return NULL;
	}
	return d;
}

static char *path_in(const char *dir, const char *name)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_addf(&sb, "%s/%s", dir, name);
	return strbuf_detach(&sb);
}

static int count_entries(const char *dir)
{
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *p = path_in(dir, e->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb;
	char buf[8192];
	size_t n;
	if (!f)
		return NULL;
	strbuf_init(&sb);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	if (len)
		*len = sb.len;
	return strbuf_detach(&sb);
}

static void write_all(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Render template name with params into dir/out, parse it as HTML. */
static htmlDocPtr render_html(xmlDocPtr results, const char *name, const char *const *params,
                              const char *dir)
{
	char *out = path_in(dir, "out.html");
	htmlDocPtr html = NULL;
	if (report_render(results, name, params, out) == 0) {
		/* libxml2's HTML 4 parser complains about inline SVG tags: mute it */
		struct strbuf quiet;
		strbuf_init(&quiet);
		diag_capture(&quiet);
		struct strbuf bytes;
		strbuf_init(&bytes);
		if (xmlio_slurp(out, &bytes) == 0)
			html = htmlReadMemory(bytes.buf, (int)bytes.len, out, "UTF-8",
			                      HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
		strbuf_release(&bytes);
		diag_capture(NULL);
		strbuf_release(&quiet);
	}
	unlink(out);
	free(out);
	return html;
}

static double xpath_number(xmlDocPtr doc, const char *expr)
{
	double v = -1;
	xmlXPathContextPtr ctx = doc ? xmlXPathNewContext(doc) : NULL;
	xmlXPathObjectPtr obj = ctx ? xmlXPathEvalExpression((const xmlChar *)expr, ctx) : NULL;
	if (obj)
		v = xmlXPathCastToNumber(obj);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	return v;
}

static char *xpath_string(xmlDocPtr doc, const char *expr)
{
	char *s = NULL;
	xmlXPathContextPtr ctx = doc ? xmlXPathNewContext(doc) : NULL;
	xmlXPathObjectPtr obj = ctx ? xmlXPathEvalExpression((const xmlChar *)expr, ctx) : NULL;
	if (obj) {
		xmlChar *x = xmlXPathCastToString(obj);
		s = xstrdup((const char *)x);
		xmlFree(x);
	}
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	return s;
}

TEST(report_summary_has_chart_and_levels)
{
	xmlDocPtr res = load_fixture();
	char *dir = temp_dir();
	CHECK(res && dir);
	htmlDocPtr html = render_html(res, "summary", NULL, dir);
	CHECK(html != NULL);
	CHECK_INT(xpath_number(html, "count(//svg)"), 1);
	/* one bar per level plus undetermined */
	CHECK_INT(xpath_number(html, "count(//svg/rect)"), 6);
	CHECK_INT(xpath_number(html, "count(//table[@class='levels']/tbody/tr[@class='level'])"), 5);
	CHECK_INT(xpath_number(html, "number(//table[@class='levels']/tbody/tr[@class='level'][3]/td[2])"), 5);
	CHECK_INT(xpath_number(html, "count(//table[@class='systems']/tbody/tr)"), 9);
	CHECK_INT(xpath_number(html, "count(//table[@class='undetermined']/tbody/tr)"), 1);
	/* Vietnamese by default, diacritics intact */
	char *h1 = xpath_string(html, "string(//h1)");
	CHECK_STR(h1, "Báo cáo tổng hợp cấp độ an toàn hệ thống thông tin");
	free(h1);
	/* no external resources: nothing with src, no stylesheet links */
	CHECK_INT(xpath_number(html, "count(//*[@src] | //link)"), 0);
	xmlFreeDoc(html);
	CHECK_INT(count_entries(dir), 0);
	remove_dir(dir);
	free(dir);
	xmlFreeDoc(res);
}

TEST(report_summary_in_english)
{
	xmlDocPtr res = load_fixture();
	char *dir = temp_dir();
	const char *params[] = {"lang", "en", NULL};
	htmlDocPtr html = render_html(res, "summary", params, dir);
	CHECK(html != NULL);
	char *h1 = xpath_string(html, "string(//h1)");
	CHECK_STR(h1, "Security levels of information systems: summary");
	free(h1);
	char *lang = xpath_string(html, "string(/html/@lang)");
	CHECK_STR(lang, "en");
	free(lang);
	xmlFreeDoc(html);
	remove_dir(dir);
	free(dir);
	xmlFreeDoc(res);
}

TEST(report_dossier_anchor_per_system)
{
	xmlDocPtr res = load_fixture();
	char *dir = temp_dir();
	htmlDocPtr html = render_html(res, "dossier", NULL, dir);
	CHECK(html != NULL);
	CHECK_INT(xpath_number(html, "count(//section[@class='system'][@id])"), 9);
	CHECK_INT(xpath_number(html, "count(//nav//a[starts-with(@href, '#')])"), 9);
	char *dec = xpath_string(html, "normalize-space(//section[@id='ah-tthc']//p[@class='deciding']/b)");
	CHECK_STR(dec, "ND85-9.2a");
	free(dec);
	/* both clauses that held, with their legal references */
	CHECK_INT(xpath_number(html, "count(//section[@id='ah-tthc']//tr[contains(@class, 'clause')])"), 2);
	char *ref = xpath_string(html, "normalize-space(//section[@id='ah-tthc']//tr[contains(@class, 'clause')][2]/td[3])");
	CHECK_STR(ref, "Điểm c khoản 2 Điều 9 Nghị định 85/2016/NĐ-CP");
	free(ref);
	/* level 3: the owner approves */
	char *appr = xpath_string(html, "normalize-space(//section[@id='ah-tthc']//table[@class='authority']/tr[2]/td)");
	CHECK_STR(appr, "Chủ quản hệ thống thông tin");
	free(appr);
	/* the undetermined system shows its reason */
	CHECK_INT(xpath_number(html, "count(//section[@id='ah-kho-dl']//p[@class='sev-warning'])"), 1);
	xmlFreeDoc(html);
	remove_dir(dir);
	free(dir);
	xmlFreeDoc(res);
}

TEST(report_dossier_one_system)
{
	xmlDocPtr res = load_fixture();
	char *dir = temp_dir();
	const char *params[] = {"system", "ah-qlvb", "lang", "en", NULL};
	htmlDocPtr html = render_html(res, "dossier", params, dir);
	CHECK(html != NULL);
	CHECK_INT(xpath_number(html, "count(//section[@class='system'])"), 1);
	CHECK_INT(xpath_number(html, "count(//section[@id='ah-qlvb'])"), 1);
	CHECK_INT(xpath_number(html, "count(//nav)"), 0);
	xmlFreeDoc(html);
	remove_dir(dir);
	free(dir);
	xmlFreeDoc(res);
}

TEST(report_csv_bom_header_quoting)
{
	xmlDocPtr res = load_fixture();
	char *dir = temp_dir();
	char *out = path_in(dir, "r.csv");
	CHECK_INT(report_render(res, "csv", NULL, out), 0);
	size_t len = 0;
	char *csv = read_all(out, &len);
	CHECK(csv != NULL);
	if (csv) {
		CHECK(len > 3 && !memcmp(csv, "\xEF\xBB\xBF", 3));
		CHECK(!strncmp(csv + 3, "Mã hệ thống,Tên hệ thống,", strlen("Mã hệ thống,Tên hệ thống,")));
		int lines = 0;
		for (char *p = csv; (p = strstr(p, "\r\n")); p += 2)
			lines++;
		CHECK_INT(lines, 10);
		CHECK_CONTAINS(csv, "\r\nah-kho-dl,\"Kho dữ liệu số hóa \"\"lưu trữ lịch sử\"\", giai đoạn 1\","
		                    "ubnd-ah,ttcds-ah,building,undetermined,,,unapproved,1\r\n");
		CHECK_CONTAINS(csv, "\r\nah-tthc,Hệ thống thông tin giải quyết thủ tục hành chính tỉnh An Hòa,"
		                    "ubnd-ah,ttcds-ah,operating,3,ND85-9.2a,3,none,2\r\n");
	}
	free(csv);
	const char *en[] = {"lang", "en", NULL};
	CHECK_INT(report_render(res, "csv", en, out), 0);
	csv = read_all(out, NULL);
	CHECK(csv && !strncmp(csv, "\xEF\xBB\xBFSystem id,System name,Owner,", 30));
	free(csv);
	unlink(out);
	free(out);
	remove_dir(dir);
	free(dir);
	xmlFreeDoc(res);
}

TEST(report_extensions)
{
	CHECK_STR(report_extension("summary"), "html");
	CHECK_STR(report_extension("dossier"), "html");
	CHECK_STR(report_extension("annual"), "html");
	CHECK_STR(report_extension("annual-docx"), "docx");
	CHECK_STR(report_extension("index"), "html");
	CHECK_STR(report_extension("csv"), "csv");
	CHECK_STR(report_extension("text"), "txt");
	struct strbuf err;
	strbuf_init(&err);
	diag_capture(&err);
	CHECK(report_extension("nonesuch") == NULL);
	diag_capture(NULL);
	CHECK_CONTAINS(err.buf, "unknown template 'nonesuch'");
	strbuf_release(&err);
}

/* Run a user's template that must fail; nothing may be left behind. */
static void check_refused(const char *xsl, const char *expect_msg)
{
	xmlDocPtr res = load_fixture();
	char *dir = temp_dir();
	char *tpl = path_in(dir, "evil.xsl");
	char *out = path_in(dir, "out.txt");
	char *pwned = path_in(dir, "pwned.txt");
	write_all(tpl, xsl);
	struct strbuf err;
	strbuf_init(&err);
	diag_capture(&err);
	CHECK_INT(report_render(res, tpl, NULL, out), -1);
	diag_capture(NULL);
	CHECK_CONTAINS(err.buf, expect_msg);
	CHECK(access(out, F_OK) != 0);
	CHECK(access(pwned, F_OK) != 0);
	CHECK(access("pwned.txt", F_OK) != 0);
	CHECK_INT(count_entries(dir), 1); /* only the template: no temporary file */
	strbuf_release(&err);
	free(pwned);
	free(out);
	free(tpl);
	remove_dir(dir);
	free(dir);
	xmlFreeDoc(res);
}

TEST(report_sandbox_forbids_writing_files)
{
	char xsl[1024];
	char *dir = temp_dir();
	/* relative and absolute targets */
	check_refused("<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
	              " xmlns:exsl='http://exslt.org/common' extension-element-prefixes='exsl'>"
	              "<xsl:output method='text'/><xsl:template match='/'>"
	              "<exsl:document href='pwned.txt' method='text'>owned</exsl:document>ok"
	              "</xsl:template></xsl:stylesheet>",
	              "write");
	snprintf(xsl, sizeof(xsl),
	         "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
	         " xmlns:exsl='http://exslt.org/common' extension-element-prefixes='exsl'>"
	         "<xsl:output method='text'/><xsl:template match='/'>"
	         "<exsl:document href='%s/sub/pwned.txt' method='text'>owned</exsl:document>ok"
	         "</xsl:template></xsl:stylesheet>", dir);
	check_refused(xsl, "refused");
	CHECK_INT(count_entries(dir), 0);
	remove_dir(dir);
	free(dir);
}

TEST(report_sandbox_forbids_network_and_outside_files)
{
	check_refused("<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	              "<xsl:output method='text'/><xsl:template match='/'>"
	              "<xsl:value-of select=\"count(document('http://127.0.0.1:9/x'))\"/>"
	              "</xsl:template></xsl:stylesheet>",
	              "http://127.0.0.1:9/x");
	check_refused("<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	              "<xsl:output method='text'/><xsl:template match='/'>"
	              "<xsl:value-of select=\"count(document('/etc/passwd'))\"/>"
	              "</xsl:template></xsl:stylesheet>",
	              "may not read '/etc/passwd'");
	check_refused("<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	              "<xsl:import href='/etc/passwd'/>"
	              "<xsl:template match='/'>x</xsl:template></xsl:stylesheet>",
	              "may not read '/etc/passwd'");
	/* a broken stylesheet fails cleanly too */
	check_refused("<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	              "<xsl:template match='/'><xsl:value-of select='(('/></xsl:template>"
	              "</xsl:stylesheet>",
	              "not a usable XSLT stylesheet");
}

TEST(report_user_template_imports_shipped_pieces)
{
	xmlDocPtr res = load_fixture();
	char *dir = temp_dir();
	char *tpl = path_in(dir, "mine.xsl");
	char *out = path_in(dir, "out.txt");
	char *common = NULL;
	{
		char *d = realpath("../../templates/common.xsl", NULL);
		common = d;
	}
	CHECK(common != NULL);
	char xsl[2048];
	snprintf(xsl, sizeof(xsl),
	         "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	         "<xsl:import href='%s'/><xsl:output method='text'/>"
	         "<xsl:template match='/'><xsl:call-template name='t'>"
	         "<xsl:with-param name='id' select=\"'undetermined'\"/></xsl:call-template>"
	         "<xsl:value-of select=\"concat(' ', /results/system[@id='ah-tthc']/@level)\"/>"
	         "</xsl:template></xsl:stylesheet>", common ? common : "");
	write_all(tpl, xsl);
	const char *params[] = {"lang", "en", NULL};
	CHECK_INT(report_render(res, tpl, params, out), 0);
	char *text = read_all(out, NULL);
	CHECK_STR(text, "Undetermined 3");
	free(text);
	free(common);
	free(out);
	free(tpl);
	remove_dir(dir);
	free(dir);
	xmlFreeDoc(res);
}

/* A document in pieces (report.h): the frame's marks are replaced by the
 * pieces, in order, each rendered with its parameters; the text method
 * writes a mark as plain text. A mark that is not one is refused. */
TEST(report_document_in_pieces)
{
	xmlDocPtr res = load_fixture();
	char *dir = temp_dir();
	char *tpl = path_in(dir, "pieces.xsl");
	char *out = path_in(dir, "out.txt");
	write_all(tpl,
	          "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	          "<xsl:output method='text'/>"
	          "<xsl:param name='piece' select=\"''\"/><xsl:param name='piece-arg'/>"
	          "<xsl:param name='piece-from'/><xsl:param name='piece-to'/>"
	          "<xsl:template match='/'><xsl:choose>"
	          "<xsl:when test=\"$piece = 'frame'\">[&lt;!--assess:piece one a/b--&gt;|"
	          "&lt;!--assess:rows r--&gt;|&lt;!--assess:piece one--&gt;]</xsl:when>"
	          "<xsl:when test=\"$piece = 'one'\">(<xsl:value-of select='$piece-arg'/>)</xsl:when>"
	          "<xsl:when test=\"$piece = 'r'\"><xsl:value-of select=\"concat($piece-from, '-',"
	          " $piece-to, ':', count(/results/system))\"/></xsl:when>"
	          "</xsl:choose></xsl:template></xsl:stylesheet>");
	CHECK_INT(report_render(res, tpl, NULL, out), 0);
	char *text = read_all(out, NULL);
	CHECK_STR(text, "[(a/b)|1-200:9|()]");
	free(text);
	free(out);
	free(tpl);
	remove_dir(dir);
	free(dir);
	xmlFreeDoc(res);
	check_refused("<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	              "<xsl:output method='text'/><xsl:template match='/'>"
	              "&lt;!--assess:rows two words--&gt;</xsl:template></xsl:stylesheet>",
	              "a piece mark holds 'two words'");
}
