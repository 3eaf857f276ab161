/*
 * Unit tests of the workbook reader (XLSX and CSV as rows of cells): files
 * written by libxlsxwriter (here), python3-openpyxl and LibreOffice (the
 * fixtures in ../fixtures/workbook/, made by make-fixtures.sh there), parts
 * written by hand for what those writers do not produce, and hostile
 * workbooks made at test time with libzip.
 *
 * Each sheet read is printed as one line per row, "ROW|REF:TYPE:TEXT|...",
 * TYPE s n b d e; a date is "d:YYYY-MM-DD=TEXT".
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <zip.h>

#include "diag.h"
#include "harness.h"
#include "util.h"
#include "book.h"

/* ===== reading a sheet into a string ===== */

struct dump {
	struct strbuf out;  /* one line per row */
	long rows;          /* rows seen */
	long stop_after;    /* > 0: answer 1 (stop) after so many rows */
	int fail_after;     /* > 0: answer -1 after so many rows */
};

static int dump_row(void *data, const struct book_row *row)
{
	struct dump *d = data;
	static const char types[] = "-snbde";
	d->rows++;
	strbuf_addf(&d->out, "%ld", row->number);
	for (size_t i = 0; i < row->nr_cells; i++) {
		const struct book_cell *c = &row->cells[i];
		char ref[BOOK_REF_MAX];
		book_cell_ref(row->number, c->col, ref);
		if (c->len != strlen(c->text))
			harness_fail(__FILE__, __LINE__, "%s: len %zu for \"%s\"", ref, c->len, c->text);
		if (c->type == WB_DATE)
			strbuf_addf(&d->out, "|%s:d:%s=%s", ref, c->date, c->text);
		else
			strbuf_addf(&d->out, "|%s:%c:%s", ref, types[c->type], c->text);
	}
	strbuf_addstr(&d->out, "\n");
	if (d->fail_after && d->rows >= d->fail_after)
		return book_cell_error(row, 1, "stopped by the test");
	return d->stop_after && d->rows >= d->stop_after;
}

/* Read sheet i of wb; returns the dump (caller frees) and the result. */
static char *read_sheet(struct book *wb, size_t i, int *rc)
{
	struct dump d = {{NULL, 0, 0}, 0, 0, 0};
	strbuf_init(&d.out);
	*rc = book_read_sheet(wb, i, dump_row, &d);
	return strbuf_detach(&d.out);
}

/* Open data (memory) and read its first sheet; messages go to msgs. Returns
 * the dump, or NULL when the open failed; *rc is the read's result. */
static char *read_memory(const char *name, const void *data, size_t len,
                         const struct book_options *opt, struct strbuf *msgs, int *rc)
{
	struct book *wb = NULL;
	char *out = NULL;
	diag_capture(msgs);
	*rc = book_open_memory(name, data, len, opt, &wb);
	if (*rc == 0)
		out = read_sheet(wb, 0, rc);
	diag_capture(NULL);
	book_free(wb);
	return out;
}

/* ===== zips made in memory ===== */

struct zpart {
	const char *name;
	const char *data;
	size_t len; /* 0: strlen(data) */
};

/* A zip of parts (deflated); the bytes are the caller's. */
static char *make_zip(const struct zpart *parts, size_t n, size_t *len)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	for (size_t i = 0; za && i < n; i++) {
		size_t k = parts[i].len ? parts[i].len : strlen(parts[i].data);
		zip_source_t *s = zip_source_buffer(za, parts[i].data, k, 0);
		if (zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8) < 0)
			zip_source_free(s);
	}
	char *out = NULL;
	*len = 0;
	if (za && zip_close(za) == 0 && zip_source_open(src) == 0) {
		zip_stat_t st;
		zip_source_stat(src, &st);
		out = xmalloc(st.size + 1);
		*len = (size_t)zip_source_read(src, out, st.size);
		zip_source_close(src);
	}
	zip_source_free(src);
	zip_error_fini(&err);
	if (!out)
		harness_fail(__FILE__, __LINE__, "cannot make a zip");
	return out;
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"

#define CONTENT_TYPES "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                 \
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"  \
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"
#define ROOT_RELS "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" "    \
	"Type=\"" NS_R "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
#define BOOK_XML(pr) "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\">" pr   \
	"<sheets><sheet name=\"Hệ thống\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define BOOK_RELS(sheet_target) "<Relationships xmlns=\"" NS_PKG "\">"            \
	"<Relationship Id=\"rId1\" Type=\"" NS_R "/worksheet\" Target=\"" sheet_target "\"/>" \
	"<Relationship Id=\"rId2\" Type=\"" NS_R "/sharedStrings\" Target=\"sharedStrings.xml\"/>" \
	"<Relationship Id=\"rId3\" Type=\"" NS_R "/styles\" Target=\"styles.xml\"/></Relationships>"
#define SHEET(rows) "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
	"<worksheet xmlns=\"" NS_MAIN "\"><sheetData>" rows "</sheetData></worksheet>"
#define SST(items) "<sst xmlns=\"" NS_MAIN "\">" items "</sst>"
/* cellXfs: 0 general, 1 built-in date (14), 2 custom date, 3 quoted "d"
 * (not a date), 4 built-in time (20), 5 elapsed [h]:mm with a locale */
#define STYLES "<styleSheet xmlns=\"" NS_MAIN "\"><numFmts count=\"3\">"             \
	"<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"                           \
	"<numFmt numFmtId=\"165\" formatCode=\"0&quot; ngày&quot;;[Red]\\-0\"/>"         \
	"<numFmt numFmtId=\"166\" formatCode=\"[$-42A]dd\\ mmmm\\ yyyy\"/></numFmts>"    \
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"                 \
	"<cellXfs count=\"6\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"                 \
	"<xf numFmtId=\"164\"><alignment/></xf><xf numFmtId=\"165\"/><xf numFmtId=\"20\"/>" \
	"<xf numFmtId=\"166\"/></cellXfs></styleSheet>"

/* The parts of a workbook; a NULL field takes the default above, "" leaves
 * the part out. */
struct book {
	const char *content_types, *root_rels, *workbook, *workbook_rels, *sheet, *sst, *styles;
	const char *extra_name, *extra; /* one more part */
};

static char *make_book(const struct book *b, size_t *len)
{
	struct zpart parts[8];
	size_t n = 0;
#define PART(field, name, dflt)                                                  \
	if (!b->field || *b->field)                                                  \
		parts[n++] = (struct zpart){name, b->field ? b->field : (dflt), 0};
	PART(content_types, "[Content_Types].xml", CONTENT_TYPES)
	PART(root_rels, "_rels/.rels", ROOT_RELS)
	PART(workbook, "xl/workbook.xml", BOOK_XML(""))
	PART(workbook_rels, "xl/_rels/workbook.xml.rels", BOOK_RELS("worksheets/sheet1.xml"))
	PART(sheet, "xl/worksheets/sheet1.xml", SHEET(""))
	PART(sst, "xl/sharedStrings.xml", SST(""))
	PART(styles, "xl/styles.xml", STYLES)
#undef PART
	if (b->extra_name)
		parts[n++] = (struct zpart){b->extra_name, b->extra, 0};
	return make_zip(parts, n, len);
}

/* Read the first sheet of a hand-made book; returns the dump or NULL. */
static char *read_book(const struct book *b, const struct book_options *opt,
                       struct strbuf *msgs, int *rc)
{
	size_t len;
	char *zip = make_book(b, &len);
	char *out = read_memory("kiem-ke.xlsx", zip, len, opt, msgs, rc);
	free(zip);
	return out;
}

/* ===== names, references, sniffing ===== */

TEST(workbook_cell_references)
{
	char ref[BOOK_REF_MAX];
	book_col_name(0, ref);
	CHECK_STR(ref, "A");
	book_col_name(25, ref);
	CHECK_STR(ref, "Z");
	book_col_name(26, ref);
	CHECK_STR(ref, "AA");
	book_col_name(701, ref);
	CHECK_STR(ref, "ZZ");
	book_col_name(702, ref);
	CHECK_STR(ref, "AAA");
	book_col_name(BOOK_MAX_COLS - 1, ref);
	CHECK_STR(ref, "XFD");
	book_cell_ref(12, 5, ref);
	CHECK_STR(ref, "F12");
	book_cell_ref(BOOK_MAX_ROWS, BOOK_MAX_COLS - 1, ref);
	CHECK_STR(ref, "XFD1048576");
	book_cell_ref(0, 2, ref);
	CHECK_STR(ref, "C");
}

TEST(workbook_sniff_by_content_not_name)
{
	CHECK_INT(book_sniff_bytes("PK\3\4xx", 6), BOOK_XLSX);
	CHECK_INT(book_sniff_bytes("PK\5\6", 4), BOOK_XLSX);
	CHECK_INT(book_sniff_bytes("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), BOOK_LEGACY);
	CHECK_INT(book_sniff_bytes("\xEF\xBB\xBF \r\n\t<?xml", 10), BOOK_XML);
	CHECK_INT(book_sniff_bytes("<inventory", 10), BOOK_XML);
	CHECK_INT(book_sniff_bytes("\xEF\xBB\xBFM\xC3\xA3,T\xC3\xAAn\n", 12), BOOK_CSV);
	CHECK_INT(book_sniff_bytes("a;b", 3), BOOK_CSV);
	CHECK_INT(book_sniff_bytes("", 0), BOOK_CSV);
	CHECK_INT(book_sniff_bytes("PK", 2), BOOK_CSV);
	enum book_kind kind = BOOK_CSV;
	CHECK_INT(book_sniff("../fixtures/workbook/libreoffice.xlsx", &kind), 0);
	CHECK_INT(kind, BOOK_XLSX);
	CHECK_INT(book_sniff("../fixtures/workbook/libreoffice.csv", &kind), 0);
	CHECK_INT(kind, BOOK_CSV);
	CHECK_INT(book_sniff("../../criteria/examples/inventory-an-hoa.xml", &kind), 0);
	CHECK_INT(kind, BOOK_XML);
	struct strbuf msgs;
	strbuf_init(&msgs);
	diag_capture(&msgs);
	CHECK_INT(book_sniff("../fixtures/workbook/missing.xlsx", &kind), -1);
	diag_capture(NULL);
	CHECK_CONTAINS(msgs.buf, "cannot open '../fixtures/workbook/missing.xlsx'");
	strbuf_release(&msgs);
}

/* ===== workbooks written by other programs ===== */

TEST(workbook_openpyxl_fixture)
{
	struct book *wb = NULL;
	int rc;
	CHECK_INT(book_open("../fixtures/workbook/openpyxl.xlsx", NULL, &wb), 0);
	if (!wb)
		return;
	CHECK_INT(book_kind(wb), BOOK_XLSX);
	CHECK_INT(book_date1904(wb), 0);
	CHECK_INT(book_sheet_count(wb), 3);
	CHECK_STR(book_sheet_name(wb, 0), "Hệ thống");
	CHECK_STR(book_sheet_name(wb, 1), "Tổ chức");
	CHECK_STR(book_sheet_name(wb, 2), "Danh mục");
	CHECK_INT(book_sheet_hidden(wb, 0), 0);
	CHECK_INT(book_sheet_hidden(wb, 2), 1);
	CHECK_INT(book_find_sheet(wb, "Tổ chức"), 1);
	CHECK_INT(book_find_sheet(wb, "Tổ Chức"), -1);
	char *out = read_sheet(wb, 0, &rc);
	CHECK_INT(rc, 0);
	/* inline strings; "12.400" and "12,400" typed as text stay text; the
	 * date-time keeps its stored number, its date drops the time; the
	 * formula without a cached value is no cell */
	CHECK_STR(out,
	          "1|A1:s:Mã|B1:s:Tên hệ thống|C1:s:Số người dùng|D1:s:Tỷ lệ|E1:s:Ngày phê duyệt|F1:s:Trực tuyến|G1:s:Ghi chú\n"
	          "2|A2:s:ht-01|B2:s:Cổng dịch vụ công tỉnh|C2:n:12400|D2:n:0.5|E2:d:2024-01-15=45306|F2:b:TRUE|G2:s:12.400\n"
	          "3|A3:s:ht-02|B3:s:Hệ thống thư điện tử|C3:s:12,400|D3:n:1.25|E3:d:2026-08-19=46253|F3:b:FALSE\n"
	          "5|A5:s:ht-03|B5:s:  có khoảng trắng  |C5:n:-3|D5:n:0.001|E5:d:2025-12-31=46022.4375\n"
	          "6|B6:s:Một dòng\nhai dòng\n");
	free(out);
	out = read_sheet(wb, 1, &rc);
	CHECK_INT(rc, 0);
	CHECK_STR(out, "1|A1:s:Mã|B1:s:Tên\n2|A2:s:ubnd-ah|B2:s:Ủy ban nhân dân tỉnh An Hòa\n");
	free(out);
	book_free(wb);
}

TEST(workbook_openpyxl_1904_fixture)
{
	struct book *wb = NULL;
	int rc;
	CHECK_INT(book_open("../fixtures/workbook/openpyxl-1904.xlsx", NULL, &wb), 0);
	if (!wb)
		return;
	CHECK_INT(book_date1904(wb), 1);
	char *out = read_sheet(wb, 0, &rc);
	CHECK_INT(rc, 0);
	/* the same days, stored 1462 lower */
	CHECK_CONTAINS(out, "|E2:d:2024-01-15=43844|");
	CHECK_CONTAINS(out, "|E3:d:2026-08-19=44791|");
	CHECK_CONTAINS(out, "|E5:d:2025-12-31=44560.4375\n");
	free(out);
	book_free(wb);
}

TEST(workbook_libreoffice_fixture)
{
	struct book *wb = NULL;
	int rc;
	CHECK_INT(book_open("../fixtures/workbook/libreoffice.xlsx", NULL, &wb), 0);
	if (!wb)
		return;
	CHECK_INT(book_sheet_count(wb), 1);
	CHECK_STR(book_sheet_name(wb, 0), "Hệ thống");
	char *out = read_sheet(wb, 0, &rc);
	CHECK_INT(rc, 0);
	/* shared strings; a custom date format with escaped dashes; serial 61
	 * is 1900-03-01 (after Excel's 1900-02-29); a boolean whose format
	 * quotes "TRUE" is not a date */
	CHECK_STR(out,
	          "1|A1:s:Mã|B1:s:Tên hệ thống|C1:s:Số người dùng|D1:s:Tỷ lệ|E1:s:Ngày phê duyệt|F1:s:Ghi chú\n"
	          "2|A2:s:ht-01|B2:s:Cổng dịch vụ công tỉnh|C2:n:12400|D2:n:0.5|E2:d:2024-01-15=45306|F2:s:Có dấu phẩy, và \"ngoặc kép\"\n"
	          "3|A3:s:ht-02|B3:s:Hệ thống thư điện tử|C3:n:-3|D3:n:1.25|E3:d:2026-08-19=46253\n"
	          "5|A5:s:ht-03|B5:s:Quản lý văn bản|C5:n:0|D5:n:0.001|E5:d:1900-03-01=61|F5:b:TRUE\n");
	free(out);
	book_free(wb);
}

/*
 * libxlsxwriter writes what the template will need (a drop-down list, a
 * note, a date, a frozen header row); the reader reads it back. This also
 * proves that libxlsxwriter and this reader link into one program.
 */
TEST(workbook_xlsxwriter_round_trip)
{
	char path[] = "/tmp/assess-xlsxwriter-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	lxw_workbook *w = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(w, "Hệ thống");
	lxw_worksheet *help = workbook_add_worksheet(w, "Hướng dẫn");
	lxw_format *date = workbook_add_format(w);
	format_set_num_format(date, "dd/mm/yyyy");
	worksheet_write_string(ws, 0, 0, "Mã", NULL);
	worksheet_write_string(ws, 0, 1, "Trực tuyến", NULL);
	worksheet_write_string(ws, 0, 2, "Ngày phê duyệt", NULL);
	worksheet_write_string(ws, 0, 3, "Số người dùng", NULL);
	worksheet_write_comment(ws, 0, 1, "Điều 7, Nghị định 85/2016/NĐ-CP: có cung cấp dịch vụ công trực tuyến");
	worksheet_freeze_panes(ws, 1, 0);
	static char yes[] = "Có", no[] = "Không", unknown[] = "Chưa rõ";
	char *labels[] = {yes, no, unknown, NULL};
	lxw_data_validation dv;
	memset(&dv, 0, sizeof(dv));
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = labels;
	CHECK_INT(worksheet_data_validation_cell(ws, 1, 1, &dv), LXW_NO_ERROR);
	worksheet_write_string(ws, 1, 0, "ht-01", NULL);
	worksheet_write_string(ws, 1, 1, "Có", NULL);
	lxw_datetime when = {2026, 8, 19, 0, 0, 0};
	worksheet_write_datetime(ws, 1, 2, &when, date);
	worksheet_write_number(ws, 1, 3, 12400, NULL);
	worksheet_write_boolean(ws, 2, 1, 0, NULL);
	worksheet_write_string(ws, 2, 4, "12.400", NULL);
	worksheet_write_string(help, 0, 0, "Điền mỗi hệ thống một dòng", NULL);
	CHECK_INT(workbook_close(w), LXW_NO_ERROR);

	struct book *wb = NULL;
	int rc;
	CHECK_INT(book_open(path, NULL, &wb), 0);
	if (wb) {
		CHECK_INT(book_sheet_count(wb), 2);
		CHECK_STR(book_sheet_name(wb, 1), "Hướng dẫn");
		char *out = read_sheet(wb, 0, &rc);
		CHECK_INT(rc, 0);
		CHECK_STR(out, "1|A1:s:Mã|B1:s:Trực tuyến|C1:s:Ngày phê duyệt|D1:s:Số người dùng\n"
		               "2|A2:s:ht-01|B2:s:Có|C2:d:2026-08-19=46253|D2:n:12400\n"
		               "3|B3:b:FALSE|E3:s:12.400\n");
		free(out);
		out = read_sheet(wb, 1, &rc);
		CHECK_STR(out, "1|A1:s:Điền mỗi hệ thống một dòng\n");
		free(out);
		book_free(wb);
	}
	unlink(path);
}

/* ===== what hand-made parts show ===== */

TEST(workbook_shared_inline_and_rich_text)
{
	struct book b = {0};
	b.sst = SST("<si><t>plain</t></si>"
	            /* rich text: runs concatenated, the phonetic run left out */
	            "<si><r><rPr><b/></rPr><t>Hệ </t></r><r><t xml:space=\"preserve\">thống </t></r>"
	            "<r><t>chính</t></r><rPh sb=\"0\" eb=\"1\"><t>ふりがな</t></rPh><phoneticPr fontId=\"1\"/></si>"
	            /* Excel's escapes: CR LF, an underscore kept, a pair of surrogates */
	            "<si><t>a_x000D__x000A_b _x005F_x0041_ _x_ _xD83D__xDE00_ _x0000_</t></si>"
	            "<si><t/></si>"
	            "<si><t>&lt;&amp;&gt;&#x1EA1;</t></si>");
	b.sheet = SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
	                "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
	                "<c r=\"E1\" t=\"s\"><v>4</v></c></row>"
	                "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>inline</t></is></c>"
	                "<c r=\"B2\" t=\"inlineStr\"><is><r><t>in</t></r><r><t>_x0031_</t></r></is></c>"
	                "<c r=\"C2\" t=\"str\"><f>A2&amp;\"x\"</f><v>inlinex</v></c>"
	                "<c r=\"D2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
	                "<c r=\"E2\" s=\"1\"/><c r=\"F2\" t=\"inlineStr\"><is><t></t></is></c></row>");
	struct strbuf msgs;
	strbuf_init(&msgs);
	int rc;
	char *out = read_book(&b, NULL, &msgs, &rc);
	CHECK_INT(rc, 0);
	CHECK_STR(out, "1|A1:s:plain|B1:s:Hệ thống chính|C1:s:a\r\nb _x0041_ _x_ 😀 \xEF\xBF\xBD|E1:s:<&>ạ\n"
	               "2|A2:s:inline|B2:s:in1|C2:s:inlinex|D2:e:#DIV/0!\n");
	CHECK_INT(msgs.len, 0);
	free(out);
	strbuf_release(&msgs);
}

TEST(workbook_numbers_dates_booleans)
{
	struct book b = {0};
	b.sheet = SHEET("<row r=\"1\"><c r=\"A1\"><v>12400</v></c><c r=\"B1\" t=\"n\"><v>0.5</v></c>"
	                "<c r=\"C1\"><v>1.2345678901234E+20</v></c><c r=\"D1\"><v>-7</v></c>"
	                "<c r=\"E1\" t=\"b\"><v>1</v></c><c r=\"F1\" t=\"b\"><v>0</v></c></row>"
	                /* built-in date 14 and the 1900 leap-year bug: 59 is
	                 * 1900-02-28, 60 the 1900-02-29 that never was (stays a
	                 * number), 61 1900-03-01; 1 is 1900-01-01 */
	                "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>59</v></c><c r=\"B2\" s=\"1\"><v>60</v></c>"
	                "<c r=\"C2\" s=\"1\"><v>61</v></c><c r=\"D2\" s=\"1\"><v>1</v></c>"
	                "<c r=\"E2\" s=\"1\"><v>0</v></c><c r=\"F2\" s=\"1\"><v>-1</v></c></row>"
	                /* custom date, a quoted " ngày" that is no date, built-in
	                 * time 20, a locale and escaped spaces */
	                "<row r=\"3\"><c r=\"A3\" s=\"2\"><v>45306</v></c><c r=\"B3\" s=\"3\"><v>45306</v></c>"
	                "<c r=\"C3\" s=\"4\"><v>45306.75</v></c><c r=\"D3\" s=\"5\"><v>2958465</v></c>"
	                "<c r=\"E3\" s=\"99\"><v>45306</v></c><c r=\"F3\" s=\"1\"><v>2958466</v></c></row>"
	                /* type d: ISO text */
	                "<row r=\"4\"><c r=\"A4\" t=\"d\"><v>2024-01-15T00:00:00Z</v></c>"
	                "<c r=\"B4\" t=\"d\"><v>2024-01-15</v></c><c r=\"C4\" t=\"d\"><v>2024-02-30</v></c></row>");
	struct strbuf msgs;
	strbuf_init(&msgs);
	int rc;
	char *out = read_book(&b, NULL, &msgs, &rc);
	CHECK_INT(rc, 0);
	CHECK_STR(out, "1|A1:n:12400|B1:n:0.5|C1:n:1.2345678901234E+20|D1:n:-7|E1:b:TRUE|F1:b:FALSE\n"
	               "2|A2:d:1900-02-28=59|B2:n:60|C2:d:1900-03-01=61|D2:d:1900-01-01=1|E2:n:0|F2:n:-1\n"
	               "3|A3:d:2024-01-15=45306|B3:n:45306|C3:d:2024-01-15=45306.75|D3:d:9999-12-31=2958465|E3:n:45306|F3:n:2958466\n"
	               "4|A4:d:2024-01-15=2024-01-15T00:00:00Z|B4:d:2024-01-15=2024-01-15|C4:s:2024-02-30\n");
	free(out);

	/* the 1904 system: serial 0 is 1904-01-01 */
	b.workbook = BOOK_XML("<workbookPr date1904=\"true\"/>");
	b.sheet = SHEET("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>43844</v></c></row>");
	out = read_book(&b, NULL, &msgs, &rc);
	CHECK_INT(rc, 0);
	CHECK_STR(out, "1|A1:d:1904-01-01=0|B1:d:2024-01-15=43844\n");
	free(out);

	/* styles without a numFmts list: built-in formats only (found by
	 * fuzz-workbook: qsort of no formats was given a null pointer) */
	b = (struct book){0};
	b.styles = "<styleSheet xmlns=\"" NS_MAIN "\"><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>";
	b.sheet = SHEET("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>45306</v></c><c r=\"B1\" s=\"0\"><v>45306</v></c></row>");
	out = read_book(&b, NULL, &msgs, &rc);
	CHECK_INT(rc, 0);
	CHECK_STR(out, "1|A1:d:2024-01-15=45306|B1:n:45306\n");
	free(out);
	CHECK_INT(msgs.len, 0);
	strbuf_release(&msgs);
}

TEST(workbook_missing_references_are_inferred)
{
	struct book b = {0};
	/* no r on rows and cells: rows count from the last, cells from the
	 * last column of the row; an empty row still counts */
	b.sheet = SHEET("<row><c><v>1</v></c><c><v>2</v></c></row>"
	                "<row/>"
	                "<row><c r=\"C3\"><v>3</v></c><c><v>4</v></c></row>"
	                "<row r=\"7\" hidden=\"1\"><c><v>7</v></c></row>"
	                "<row><c r=\"B8\"/><c t=\"s\"/><c t=\"str\"><v></v></c><c><v>9</v></c></row>");
	struct strbuf msgs;
	strbuf_init(&msgs);
	int rc;
	char *out = read_book(&b, NULL, &msgs, &rc);
	CHECK_INT(rc, 0);
	CHECK_STR(out, "1|A1:n:1|B1:n:2\n3|C3:n:3|D3:n:4\n7|A7:n:7\n8|E8:n:9\n");
	free(out);
	strbuf_release(&msgs);
}

TEST(workbook_callback_stops_and_fails)
{
	struct book b = {0};
	b.sheet = SHEET("<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c><v>2</v></c></row>"
	                "<row r=\"3\"><c><v>3</v></c></row>");
	size_t len;
	char *zip = make_book(&b, &len);
	struct book *wb = NULL;
	CHECK_INT(book_open_memory("kiem-ke.xlsx", zip, len, NULL, &wb), 0);
	struct dump d = {{NULL, 0, 0}, 0, 1, 0};
	strbuf_init(&d.out);
	CHECK_INT(book_read_sheet(wb, 0, dump_row, &d), 0);
	CHECK_STR(d.out.buf, "1|A1:n:1\n");
	strbuf_reset(&d.out);
	d.rows = 0;
	d.stop_after = 0;
	d.fail_after = 2;
	struct strbuf msgs;
	strbuf_init(&msgs);
	diag_capture(&msgs);
	CHECK_INT(book_read_sheet(wb, 0, dump_row, &d), -1);
	CHECK_INT(book_read_sheet(wb, 1, dump_row, &d), -1);
	diag_capture(NULL);
	CHECK_STR(msgs.buf, "assess: kiem-ke.xlsx: Hệ thống!B2: stopped by the test\n"
	                    "assess: kiem-ke.xlsx: no sheet 1 (the workbook has 1)\n");
	strbuf_release(&msgs);
	strbuf_release(&d.out);
	book_free(wb);
	free(zip);
}

static int check_lookup(void *data, const struct book_row *row)
{
	(void)data;
	CHECK_STR(book_row_cell(row, 0)->text, "a");
	CHECK_INT(book_row_cell(row, 1)->type, WB_EMPTY);
	CHECK_STR(book_row_cell(row, 1)->text, "");
	CHECK_STR(book_row_cell(row, 2)->text, "c");
	CHECK_STR(book_row_cell(row, 16383)->text, "z");
	CHECK_INT(book_row_cell(row, 9)->type, WB_EMPTY);
	return 0;
}

TEST(workbook_row_cell_lookup)
{
	static const char csv[] = "a,,c";
	struct book b = {0};
	b.sheet = SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c>"
	                "<c r=\"C1\" t=\"inlineStr\"><is><t>c</t></is></c>"
	                "<c r=\"XFD1\" t=\"inlineStr\"><is><t>z</t></is></c></row>");
	size_t len;
	char *zip = make_book(&b, &len);
	struct book *wb = NULL;
	CHECK_INT(book_open_memory("kiem-ke.xlsx", zip, len, NULL, &wb), 0);
	CHECK_INT(book_read_sheet(wb, 0, check_lookup, NULL), 0);
	book_free(wb);
	free(zip);
	struct dump d = {{NULL, 0, 0}, 0, 0, 0};
	strbuf_init(&d.out);
	CHECK_INT(book_open_memory("a.csv", csv, sizeof(csv) - 1, NULL, &wb), 0);
	CHECK_INT(book_read_sheet(wb, 0, dump_row, &d), 0);
	CHECK_STR(d.out.buf, "1|A1:s:a|C1:s:c\n");
	strbuf_release(&d.out);
	book_free(wb);
}

static int report_cell(void *data, const struct book_row *row)
{
	(void)data;
	book_cell_error(row, 5, "'%s' is not one of Có, Không, Chưa rõ", "Co");
	book_cell_error(row, -1, "no system id");
	return 0;
}

TEST(workbook_cell_error_names_file_sheet_and_cell)
{
	struct book b = {0};
	b.sheet = SHEET("<row r=\"12\"><c r=\"F12\" t=\"inlineStr\"><is><t>Co</t></is></c></row>");
	size_t len;
	char *zip = make_book(&b, &len);
	struct book *wb = NULL;
	struct strbuf msgs;
	strbuf_init(&msgs);
	CHECK_INT(book_open_memory("kiem-ke.xlsx", zip, len, NULL, &wb), 0);
	diag_capture(&msgs);
	long before = diag_problem_count();
	CHECK_INT(book_read_sheet(wb, 0, report_cell, NULL), 0);
	book_free(wb);
	static const char csv[] = "a\n\"x\ny\"\n,,,,,Co\n";
	CHECK_INT(book_open_memory("data/kiem-ke.csv", csv, sizeof(csv) - 1, NULL, &wb), 0);
	CHECK_STR(book_sheet_name(wb, 0), "kiem-ke");
	CHECK_INT(book_read_sheet(wb, 0, report_cell, NULL), 0);
	diag_capture(NULL);
	CHECK_INT(diag_problem_count() - before, 8);
	CHECK_STR(msgs.buf,
	          "assess: kiem-ke.xlsx: Hệ thống!F12: 'Co' is not one of Có, Không, Chưa rõ\n"
	          "assess: kiem-ke.xlsx: Hệ thống!12:12: no system id\n"
	          "assess: data/kiem-ke.csv:1: F1: 'Co' is not one of Có, Không, Chưa rõ\n"
	          "assess: data/kiem-ke.csv:1: row 1: no system id\n"
	          "assess: data/kiem-ke.csv:2: F2: 'Co' is not one of Có, Không, Chưa rõ\n"
	          "assess: data/kiem-ke.csv:2: row 2: no system id\n"
	          "assess: data/kiem-ke.csv:4: F3: 'Co' is not one of Có, Không, Chưa rõ\n"
	          "assess: data/kiem-ke.csv:4: row 3: no system id\n");
	book_free(wb);
	free(zip);
	strbuf_release(&msgs);
}

/* ===== CSV ===== */

static char *read_csv(const char *data, size_t len, struct strbuf *msgs, int *rc)
{
	return read_memory("kiem-ke.csv", data, len ? len : strlen(data), NULL, msgs, rc);
}

TEST(workbook_csv_variants)
{
	static const struct {
		const char *what, *data, *want;
	} cases[] = {
		{"plain", "Mã,Tên\nht-01,Cổng\n", "1|A1:s:Mã|B1:s:Tên\n2|A2:s:ht-01|B2:s:Cổng\n"},
		{"BOM and CRLF", "\xEF\xBB\xBFMã,Tên\r\nht-01,Cổng\r\n",
		 "1|A1:s:Mã|B1:s:Tên\n2|A2:s:ht-01|B2:s:Cổng\n"},
		{"semicolons, decimal commas", "Mã;Số;Tỷ lệ\nht-01;12.400;0,5\n",
		 "1|A1:s:Mã|B1:s:Số|C1:s:Tỷ lệ\n2|A2:s:ht-01|B2:s:12.400|C2:s:0,5\n"},
		{"commas inside quotes do not vote", "\"a,b,c\";x;y\n1;2;3",
		 "1|A1:s:a,b,c|B1:s:x|C1:s:y\n2|A2:s:1|B2:s:2|C2:s:3\n"},
		{"quotes doubled, delimiter and newline inside",
		 "a,\"say \"\"có\"\", ok\",\"two\r\nlines\"\nb,\"\",c\n",
		 "1|A1:s:a|B1:s:say \"có\", ok|C1:s:two\nlines\n2|A2:s:b|C2:s:c\n"},
		{"last line without newline", "a,b\nc,d", "1|A1:s:a|B1:s:b\n2|A2:s:c|B2:s:d\n"},
		{"blank lines count as rows, spaces kept", "a\n\n  \n,,x\r\r\ny",
		 "1|A1:s:a\n3|A3:s:  \n4|C4:s:x\n6|A6:s:y\n"},
		{"text after a closing quote is kept", "\"ab\"cd,e\n", "1|A1:s:abcd|B1:s:e\n"},
		{"only a BOM", "\xEF\xBB\xBF", ""},
		{"empty", "", ""},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf msgs;
		strbuf_init(&msgs);
		int rc;
		size_t len = strlen(cases[i].data);
		char *out = read_memory("kiem-ke.csv", cases[i].data, len, NULL, &msgs, &rc);
		if (rc != 0 || !out || strcmp(out, cases[i].want))
			harness_fail(__FILE__, __LINE__, "%s: rc %d, got \"%s\", want \"%s\" (%s)",
			             cases[i].what, rc, out ? out : "(null)", cases[i].want, msgs.buf);
		free(out);
		strbuf_release(&msgs);
	}
}

TEST(workbook_csv_rejects_with_line)
{
	static const struct {
		const char *data, *message;
	} cases[] = {
		{"Mã,Tên\nht-01,C\xF4ng\n", "kiem-ke.csv:2: B2: not valid UTF-8"},
		{"a,\"x\ny\nz\xC3\",b\n", "kiem-ke.csv:3: B1: not valid UTF-8"},
		{"a\nb,\"never closed\n\n", "kiem-ke.csv:2: B2: the quoted field is never closed"},
		{"\xFF\xFEM\0a\0", "kiem-ke.csv:1: UTF-16 text: save it as CSV UTF-8"},
		{"\xED\xA0\x80", "kiem-ke.csv:1: A1: not valid UTF-8"},
		{"\xC0\xAF", "kiem-ke.csv:1: A1: not valid UTF-8"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf msgs;
		strbuf_init(&msgs);
		int rc;
		size_t len = strlen(cases[i].data);
		if (i == 3)
			len = 6;
		free(read_csv(cases[i].data, len, &msgs, &rc));
		CHECK_INT(rc, -1);
		CHECK_CONTAINS(msgs.buf, cases[i].message);
		strbuf_release(&msgs);
	}
	/* a NUL byte */
	struct strbuf msgs;
	strbuf_init(&msgs);
	int rc;
	free(read_csv("a,b\0c\n", 6, &msgs, &rc));
	CHECK_INT(rc, -1);
	CHECK_CONTAINS(msgs.buf, "kiem-ke.csv:1: B1: a NUL byte");
	strbuf_release(&msgs);
}

/* A file saved by a spreadsheet in a Vietnamese locale: BOM, semicolons,
 * CRLF, decimal commas, a quoted field over two lines. */
TEST(workbook_csv_fixture_semicolons)
{
	struct book *wb = NULL;
	int rc;
	CHECK_INT(book_open("../fixtures/workbook/semicolon-bom.csv", NULL, &wb), 0);
	if (!wb)
		return;
	CHECK_INT(book_kind(wb), BOOK_CSV);
	CHECK_INT(book_sheet_count(wb), 1);
	CHECK_STR(book_sheet_name(wb, 0), "semicolon-bom");
	char *out = read_sheet(wb, 0, &rc);
	CHECK_INT(rc, 0);
	CHECK_STR(out, "1|A1:s:Mã|B1:s:Tên hệ thống|C1:s:Số người dùng|D1:s:Ghi chú\n"
	               "2|A2:s:ht-01|B2:s:Cổng dịch vụ công tỉnh|C2:s:12.400|D2:s:Có; \"ngoặc kép\"\n"
	               "3|A3:s:ht-02|B3:s:Hai\ndòng|C3:s:0,5\n");
	free(out);
	book_free(wb);
}

/* A scratch file with data; the path is the caller's to unlink and free. */
static char *scratch(const char *suffix, const void *data, size_t len)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_addf(&sb, "/tmp/assess-workbook-%ld-XXXXXX%s", (long)getpid(), suffix);
	int fd = mkstemps(sb.buf, (int)strlen(suffix));
	if (fd >= 0) {
		if (len && write(fd, data, len) != (ssize_t)len)
			harness_fail(__FILE__, __LINE__, "cannot write %s", sb.buf);
		close(fd);
	}
	return strbuf_detach(&sb);
}

TEST(workbook_csv_from_file_and_standard_input)
{
	/* more than one read buffer, the first line long, read twice */
	struct strbuf csv, want;
	strbuf_init(&csv);
	strbuf_init(&want);
	strbuf_addstr(&csv, "\xEF\xBB\xBF");
	for (int i = 0; i < 3000; i++)
		strbuf_addf(&csv, "%sc%d", i ? ";" : "", i);
	strbuf_addstr(&csv, "\n");
	for (int i = 2; i <= 5000; i++)
		strbuf_addf(&csv, "ht-%d;\"Hệ thống %d\"\r\n", i, i);
	char *path = scratch(".csv", csv.buf, csv.len);
	struct book *wb = NULL;
	CHECK_INT(book_open(path, NULL, &wb), 0);
	struct dump d = {{NULL, 0, 0}, 0, 0, 0};
	strbuf_init(&d.out);
	for (int pass = 0; wb && pass < 2; pass++) {
		strbuf_reset(&d.out);
		d.rows = 0;
		CHECK_INT(book_read_sheet(wb, 0, dump_row, &d), 0);
		CHECK_INT(d.rows, 5000);
		CHECK(strstr(d.out.buf, "|DKJ1:s:c2999\n2|A2:s:ht-2|B2:s:Hệ thống 2\n") != NULL);
		CHECK(strstr(d.out.buf, "\n5000|A5000:s:ht-5000|B5000:s:Hệ thống 5000\n") != NULL);
	}
	book_free(wb);

	/* standard input is read once, then kept */
	int saved = dup(0);
	int fd = open(path, O_RDONLY);
	CHECK(saved >= 0 && fd >= 0);
	dup2(fd, 0);
	close(fd);
	enum book_kind kind = BOOK_XLSX;
	CHECK_INT(book_sniff("-", &kind), 0);
	CHECK_INT(kind, BOOK_CSV);
	CHECK_INT(book_open("-", NULL, &wb), 0);
	const char *data;
	size_t len;
	CHECK_INT(book_stdin(&data, &len), 0);
	CHECK_INT(len, csv.len);
	strbuf_reset(&d.out);
	d.rows = 0;
	if (wb) {
		CHECK_STR(book_sheet_name(wb, 0), "-");
		CHECK_INT(book_read_sheet(wb, 0, dump_row, &d), 0);
	}
	CHECK_INT(d.rows, 5000);
	book_free(wb);
	book_stdin_release();
	CHECK_INT(book_stdin(&data, &len), 0);
	CHECK_INT(len, 0);
	dup2(saved, 0);
	close(saved);
	unlink(path);
	free(path);
	strbuf_release(&d.out);
	strbuf_release(&csv);
	strbuf_release(&want);
}

/* ===== hostile workbooks ===== */

/* Open a hand-made book, expect failure at open or read with message. */
static void expect_refused(const char *what, const struct book *b,
                           const struct book_options *opt, const char *message)
{
	struct strbuf msgs;
	strbuf_init(&msgs);
	int rc;
	char *out = read_book(b, opt, &msgs, &rc);
	if (rc != -1)
		harness_fail(__FILE__, __LINE__, "%s: accepted (%s)", what, out ? out : "");
	if (!strstr(msgs.buf, message))
		harness_fail(__FILE__, __LINE__, "%s: messages \"%s\" lack \"%s\"", what, msgs.buf, message);
	if (strstr(msgs.buf, "root:"))
		harness_fail(__FILE__, __LINE__, "%s: a file was read: %s", what, msgs.buf);
	free(out);
	strbuf_release(&msgs);
}

TEST(workbook_hostile_doctype_and_entities)
{
	static const char *const doctype =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n";
	struct strbuf s;
	strbuf_init(&s);
	struct book b = {0};

	strbuf_addf(&s, "%s<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\"><c t=\"str\">"
	            "<v>&e;</v></c></row></sheetData></worksheet>", doctype);
	b.sheet = s.buf;
	expect_refused("sheet", &b, NULL, "kiem-ke.xlsx: Hệ thống: xl/worksheets/sheet1.xml:2: a DOCTYPE is not allowed in a workbook");

	b = (struct book){0};
	strbuf_reset(&s);
	strbuf_addf(&s, "%s" SST("<si><t>&e;</t></si>"), doctype);
	b.sst = s.buf;
	expect_refused("shared strings", &b, NULL, "kiem-ke.xlsx: xl/sharedStrings.xml:2: a DOCTYPE");

	b = (struct book){0};
	strbuf_reset(&s);
	strbuf_addf(&s, "<!-- a comment <! --><?pi <!DOCTYPE ?>\n<!DOCTYPE Types SYSTEM \"http://10.255.255.1/x.dtd\">" CONTENT_TYPES);
	b.content_types = s.buf;
	expect_refused("content types after a comment", &b, NULL, "[Content_Types].xml:2: a DOCTYPE");

	b = (struct book){0};
	strbuf_reset(&s);
	strbuf_addf(&s, "%s" BOOK_XML(""), doctype);
	b.workbook = s.buf;
	expect_refused("workbook", &b, NULL, "xl/workbook.xml:2: a DOCTYPE");

	b = (struct book){0};
	strbuf_reset(&s);
	strbuf_addf(&s, "%s" ROOT_RELS, doctype);
	b.root_rels = s.buf;
	expect_refused("relationships", &b, NULL, "_rels/.rels:2: a DOCTYPE");

	/* billion laughs */
	b = (struct book){0};
	strbuf_reset(&s);
	strbuf_addstr(&s, "<!DOCTYPE sst [<!ENTITY l0 \"lol\">");
	for (int i = 1; i < 10; i++) {
		strbuf_addf(&s, "<!ENTITY l%d \"", i);
		for (int j = 0; j < 10; j++)
			strbuf_addf(&s, "&l%d;", i - 1);
		strbuf_addstr(&s, "\">");
	}
	strbuf_addstr(&s, "]>" SST("<si><t>&l9;</t></si>"));
	b.sst = s.buf;
	expect_refused("billion laughs", &b, NULL, "a DOCTYPE");

	/* an entity reference without a DOCTYPE */
	b = (struct book){0};
	b.sheet = SHEET("<row r=\"1\"><c t=\"str\"><v>&e;</v></c></row>");
	expect_refused("undeclared entity", &b, NULL, "Entity 'e' not defined");

	/* a DOCTYPE in UTF-16 cannot slip past: the parts are read as UTF-8 */
	static const char utf16[] = "\xFF\xFE<\0!\0D\0O\0C\0T\0Y\0P\0E\0 \0x\0>\0<\0x\0/\0>\0";
	struct zpart parts[] = {
		{"[Content_Types].xml", utf16, sizeof(utf16) - 1},
		{"_rels/.rels", ROOT_RELS, 0},
		{"xl/workbook.xml", BOOK_XML(""), 0},
	};
	size_t len;
	char *zip = make_zip(parts, ARRAY_SIZE(parts), &len);
	struct strbuf msgs;
	strbuf_init(&msgs);
	int rc;
	free(read_memory("kiem-ke.xlsx", zip, len, NULL, &msgs, &rc));
	CHECK_INT(rc, -1);
	CHECK_CONTAINS(msgs.buf, "kiem-ke.xlsx: [Content_Types].xml:1:");
	free(zip);
	strbuf_release(&msgs);
	strbuf_release(&s);
}

TEST(workbook_hostile_missing_and_corrupt_parts)
{
	struct book b = {0};
	b.content_types = "";
	expect_refused("no content types", &b, NULL, "kiem-ke.xlsx: not an Excel workbook: [Content_Types].xml is missing");
	b = (struct book){0};
	b.workbook = "";
	expect_refused("no workbook.xml", &b, NULL, "kiem-ke.xlsx: not an Excel workbook: xl/workbook.xml is missing");
	b = (struct book){0};
	b.root_rels = "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" "
	              "Type=\"" NS_R "/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
	expect_refused("a Word document", &b, NULL, "not an Excel workbook: its main part is 'word/document.xml'");
	b = (struct book){0};
	b.workbook_rels = "";
	expect_refused("no workbook relationships", &b, NULL, "sheet 'Hệ thống': relationship 'rId1' is missing");
	b = (struct book){0};
	b.sheet = "";
	expect_refused("no sheet part", &b, NULL, "sheet 'Hệ thống': its part xl/worksheets/sheet1.xml is missing");
	b = (struct book){0};
	b.workbook_rels = BOOK_RELS("../../docProps/app.xml");
	expect_refused("sheet outside the package", &b, NULL, "sheet 'Hệ thống': its part '../../docProps/app.xml' is outside xl/: refused");
	b = (struct book){0};
	b.workbook_rels = BOOK_RELS("/docProps/app.xml");
	b.extra_name = "docProps/app.xml";
	b.extra = SHEET("");
	expect_refused("sheet outside xl/", &b, NULL, "sheet 'Hệ thống': its part 'docProps/app.xml' is outside xl/: refused");
	b = (struct book){0};
	b.workbook = BOOK_XML("") "<x>";
	expect_refused("not well-formed", &b, NULL, "kiem-ke.xlsx: xl/workbook.xml:1: Extra content at the end of the document");
	b = (struct book){0};
	b.sheet = "<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>";
	expect_refused("mismatched tags", &b, NULL, "Hệ thống: xl/worksheets/sheet1.xml:1: Opening and ending tag mismatch");
	b = (struct book){0};
	b.sst = SST("<si><t>only one</t></si>");
	b.sheet = SHEET("<row r=\"4\"><c r=\"B4\" t=\"s\"><v>1</v></c></row>");
	expect_refused("shared string out of range", &b, NULL, "kiem-ke.xlsx: Hệ thống!B4: shared string 1 does not exist (the workbook has 1)");
	b.sheet = SHEET("<row r=\"4\"><c r=\"B4\" t=\"s\"><v>-1</v></c></row>");
	expect_refused("shared string negative", &b, NULL, "Hệ thống!B4: shared string -1 does not exist");
	b = (struct book){0};
	b.sheet = SHEET("<row r=\"4\"><c r=\"B4\"><v>12,5</v></c></row>");
	expect_refused("number not a number", &b, NULL, "kiem-ke.xlsx: Hệ thống!B4: '12,5' is not a number");
	b.sheet = SHEET("<row r=\"4\"><c r=\"B4\" t=\"b\"><v>yes</v></c></row>");
	expect_refused("boolean", &b, NULL, "Hệ thống!B4: 'yes' is not a boolean (0 or 1)");
	b.sheet = SHEET("<row r=\"4\"><c r=\"B4\" t=\"q\"><v>1</v></c></row>");
	expect_refused("unknown type", &b, NULL, "Hệ thống!B4: unknown cell type 'q'");
	b.sheet = SHEET("<row r=\"4\"><c r=\"B4\"><v>1</v></c><c r=\"A4\"><v>1</v></c></row>");
	expect_refused("cells out of order", &b, NULL, "Hệ thống!A4: the cell comes after B4: cells must be in column order");
	b.sheet = SHEET("<row r=\"4\"><c r=\"B5\"><v>1</v></c></row>");
	expect_refused("cell of another row", &b, NULL, "Hệ thống: row 4: cell reference 'B5' is not a cell of this row");
	b.sheet = SHEET("<row r=\"4\"><c r=\"XFE4\"><v>1</v></c></row>");
	expect_refused("column past XFD", &b, NULL, "cell reference 'XFE4' is not a cell of this row");
	b.sheet = SHEET("<row r=\"4\"/><row r=\"3\"/>");
	expect_refused("rows out of order", &b, NULL, "Hệ thống: row 3 comes after row 4: rows must be in order");
	b.sheet = SHEET("<row r=\"1048577\"/>");
	expect_refused("row past Excel's last", &b, NULL, "Hệ thống: row number '1048577' is not one of 1..1048576");
	b.sheet = SHEET("<row r=\"1048576\"/><row/>");
	expect_refused("row after Excel's last", &b, NULL, "Hệ thống: more than 1048576 rows");
	b = (struct book){0};
	b.workbook = "<workbook xmlns=\"" NS_MAIN "\"><sheets></sheets></workbook>";
	expect_refused("no sheets", &b, NULL, "kiem-ke.xlsx: xl/workbook.xml lists no sheet");
	b.workbook = "<workbook xmlns=\"" NS_MAIN "\"><sheets><sheet name=\"x\"/></sheets></workbook>";
	expect_refused("sheet without r:id", &b, NULL, "xl/workbook.xml:1: a sheet without r:id");

	/* not a zip, or a damaged one */
	struct strbuf msgs;
	strbuf_init(&msgs);
	int rc;
	free(read_memory("kiem-ke.xlsx", "PK\3\4garbage", 11, NULL, &msgs, &rc));
	CHECK_INT(rc, -1);
	CHECK_CONTAINS(msgs.buf, "kiem-ke.xlsx: not a readable workbook (a damaged zip archive:");
	size_t len;
	b = (struct book){0};
	char *zip = make_book(&b, &len);
	strbuf_reset(&msgs);
	free(read_memory("kiem-ke.xlsx", zip, len / 2, NULL, &msgs, &rc));
	CHECK_INT(rc, -1);
	CHECK_CONTAINS(msgs.buf, "kiem-ke.xlsx: not a readable workbook");
	/* a part whose bytes are damaged: libzip's CRC check */
	char *p = NULL;
	for (size_t i = 0; !p && i + 24 <= len; i++)
		if (!memcmp(zip + i, "xl/worksheets/sheet1.xml", 24))
			p = zip + i;
	CHECK(p != NULL);
	if (p) {
		/* the local header's name is followed by the deflated data */
		p[24 + 3] ^= 0x55;
		strbuf_reset(&msgs);
		free(read_memory("kiem-ke.xlsx", zip, len, NULL, &msgs, &rc));
		CHECK_INT(rc, -1);
		CHECK_CONTAINS(msgs.buf, "kiem-ke.xlsx: Hệ thống: xl/worksheets/sheet1.xml");
	}
	free(zip);
	strbuf_release(&msgs);
}

TEST(workbook_hostile_legacy_and_encrypted)
{
	/* what Excel writes for a workbook with a password to open: an OLE
	 * compound file, as an old .xls is */
	static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0";
	char *path = scratch(".xlsx", ole, sizeof(ole) - 1);
	struct book *wb = NULL;
	struct strbuf msgs;
	strbuf_init(&msgs);
	diag_capture(&msgs);
	long before = diag_problem_count();
	CHECK_INT(book_open(path, NULL, &wb), -1);
	CHECK(wb == NULL);
	CHECK_INT(diag_problem_count() - before, 1);
	CHECK_CONTAINS(msgs.buf, ": encrypted or legacy .xls workbook: save it as .xlsx");
	strbuf_reset(&msgs);
	/* XML is the caller's to read */
	CHECK_INT(book_open_memory("x.xml", "\xEF\xBB\xBF<inventory/>", 15, NULL, &wb), -1);
	CHECK_CONTAINS(msgs.buf, "x.xml: an XML file, not a workbook or CSV file");
	diag_capture(NULL);
	unlink(path);
	free(path);
	strbuf_release(&msgs);
}

/* Patch the uncompressed size that a zip declares for entry name, in its
 * local header and in the central directory. */
static void patch_size(char *zip, size_t len, const char *name, unsigned long size)
{
	size_t k = strlen(name);
	for (size_t i = 0; i + 46 + k <= len; i++) {
		unsigned char *p = (unsigned char *)zip + i;
		size_t off;
		if (!memcmp(p, "PK\3\4", 4) && !memcmp(p + 30, name, k))
			off = 22;
		else if (!memcmp(p, "PK\1\2", 4) && !memcmp(p + 46, name, k))
			off = 24;
		else
			continue;
		for (int b = 0; b < 4; b++)
			p[off + b] = (unsigned char)(size >> (8 * b));
	}
}

TEST(workbook_hostile_zip_bomb)
{
	/* 16 MiB of spaces inside a sheet deflate to about 16 KiB: refused by
	 * the ratio while inflating, after about 3 MiB */
	size_t big = 16 << 20;
	char *sheet = xmalloc(big + 200);
	strcpy(sheet, "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>");
	size_t n = strlen(sheet);
	memset(sheet + n, ' ', big);
	strcpy(sheet + n + big, "</sheetData></worksheet>");
	struct book b = {0};
	b.sheet = sheet;
	expect_refused("ratio", &b, NULL, "Hệ thống: xl/worksheets/sheet1.xml: the part declares more than 200 times its compressed size: refused (a zip bomb?)");

	/* the same, declaring a harmless size: counted while inflating */
	size_t len;
	char *zip = make_book(&b, &len);
	patch_size(zip, len, "xl/worksheets/sheet1.xml", 1000);
	struct strbuf msgs;
	strbuf_init(&msgs);
	int rc;
	free(read_memory("kiem-ke.xlsx", zip, len, NULL, &msgs, &rc));
	CHECK_INT(rc, -1);
	CHECK_CONTAINS(msgs.buf, "xl/worksheets/sheet1.xml: the part inflates to more than 200 times its compressed size: refused (a zip bomb?)");

	/* declaring 2 GiB: refused before a byte is inflated */
	patch_size(zip, len, "xl/worksheets/sheet1.xml", 0x80000000UL);
	strbuf_reset(&msgs);
	free(read_memory("kiem-ke.xlsx", zip, len, NULL, &msgs, &rc));
	CHECK_INT(rc, -1);
	CHECK_CONTAINS(msgs.buf, "the part declares 2147483648 bytes, more than the 256 MiB a workbook may inflate to");
	free(zip);

	/* the total: parts that each compress modestly but add up (the cap
	 * lowered to keep the test small) */
	struct book_options opt = {0};
	opt.max_unzipped = 2 << 20;
	struct strbuf rows;
	strbuf_init(&rows);
	strbuf_addstr(&rows, "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>");
	for (long i = 1; rows.len < (3 << 20); i++)
		strbuf_addf(&rows, "<row r=\"%ld\"><c r=\"A%ld\"><v>%ld</v></c></row>", i, i, i * 7919 % 100003);
	strbuf_addstr(&rows, "</sheetData></worksheet>");
	b.sheet = rows.buf;
	zip = make_book(&b, &len);
	patch_size(zip, len, "xl/worksheets/sheet1.xml", 1000);
	strbuf_reset(&msgs);
	free(read_memory("kiem-ke.xlsx", zip, len, &opt, &msgs, &rc));
	CHECK_INT(rc, -1);
	CHECK_CONTAINS(msgs.buf, "the workbook inflates to more than 2 MiB: refused (a zip bomb?)");
	free(zip);
	strbuf_release(&rows);
	strbuf_release(&msgs);
	free(sheet);
}

TEST(workbook_hostile_too_many_entries)
{
	size_t n = BOOK_MAX_ENTRIES + 1;
	struct zpart *parts = xcalloc(n, sizeof(*parts));
	char (*names)[32] = xcalloc(n, sizeof(*names));
	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], sizeof(names[i]), "x/%zu", i);
		parts[i] = (struct zpart){names[i], "x", 1};
	}
	parts[0].name = "[Content_Types].xml";
	parts[0].data = CONTENT_TYPES;
	parts[0].len = 0;
	size_t len;
	char *zip = make_zip(parts, n, &len);
	struct strbuf msgs;
	strbuf_init(&msgs);
	int rc;
	free(read_memory("kiem-ke.xlsx", zip, len, NULL, &msgs, &rc));
	CHECK_INT(rc, -1);
	CHECK_CONTAINS(msgs.buf, "kiem-ke.xlsx: the zip holds 10001 entries, more than 10000: refused");
	free(zip);
	/* an end record that declares 60,000 entries is refused before libzip
	 * reads (and allocates for) the central directory */
	struct book b = {0};
	zip = make_book(&b, &len);
	CHECK(len > 22 && !memcmp(zip + len - 22, "PK\5\6", 4));
	zip[len - 22 + 8] = zip[len - 22 + 10] = (char)(60000 & 0xFF);
	zip[len - 22 + 9] = zip[len - 22 + 11] = (char)(60000 >> 8);
	strbuf_reset(&msgs);
	free(read_memory("kiem-ke.xlsx", zip, len, NULL, &msgs, &rc));
	CHECK_INT(rc, -1);
	CHECK_STR(msgs.buf, "assess: kiem-ke.xlsx: the zip holds 60000 entries, more than 10000: refused\n");
	free(zip);
	free(names);
	free(parts);
	strbuf_release(&msgs);
}

TEST(workbook_hostile_shared_string_flood)
{
	struct strbuf sst;
	strbuf_init(&sst);
	/* the counts it declares are never trusted for an allocation */
	strbuf_addstr(&sst, "<sst xmlns=\"" NS_MAIN "\" count=\"4000000000\" uniqueCount=\"4000000000\">");
	for (int i = 0; i < 5000; i++)
		strbuf_addf(&sst, "<si><t>s%d</t></si>", i);
	strbuf_addstr(&sst, "</sst>");
	struct book b = {0};
	b.sst = sst.buf;
	b.sheet = SHEET("<row r=\"1\"><c t=\"s\"><v>4999</v></c></row>");
	struct strbuf msgs;
	strbuf_init(&msgs);
	int rc;
	char *out = read_book(&b, NULL, &msgs, &rc);
	CHECK_INT(rc, 0);
	CHECK_STR(out, "1|A1:s:s4999\n");
	free(out);
	struct book_options opt = {0};
	opt.max_shared_strings = 1000;
	expect_refused("count", &b, &opt, "kiem-ke.xlsx: xl/sharedStrings.xml:1: more than 1000 shared strings: refused");
	opt.max_shared_strings = 0;
	opt.max_shared_bytes = 8 << 10;
	expect_refused("bytes", &b, &opt, "xl/sharedStrings.xml:1: the shared strings hold more than 8 KiB: refused");

	/* one string past the cell cap */
	strbuf_reset(&sst);
	strbuf_addstr(&sst, "<sst xmlns=\"" NS_MAIN "\"><si><t>");
	for (int i = 0; i <= BOOK_MAX_CELL_BYTES / 8; i++)
		strbuf_addstr(&sst, "Hệ thố");
	strbuf_addstr(&sst, "</t></si></sst>");
	b.sst = sst.buf;
	expect_refused("long string", &b, NULL, "shared string 0 is longer than 131072 bytes");
	/* and an inline one */
	strbuf_reset(&sst);
	strbuf_addstr(&sst, "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row><c t=\"inlineStr\"><is><t>");
	for (int i = 0; i <= BOOK_MAX_CELL_BYTES / 8; i++)
		strbuf_addstr(&sst, "Hệ thố");
	strbuf_addstr(&sst, "</t></is></c></row></sheetData></worksheet>");
	b = (struct book){0};
	b.sheet = sst.buf;
	expect_refused("long inline string", &b, NULL, "Hệ thống!A1: the text is longer than 131072 bytes");
	strbuf_release(&sst);
	strbuf_release(&msgs);
}

/* ===== a sheet of Excel's full height, generated while it is zipped ===== */

struct gen {
	long row, rows;      /* the next row, and how many */
	int stage;           /* 0 head, 1 rows, 2 tail, 3 done */
	char buf[128];
	size_t len, pos;
	zip_error_t err;
};

static zip_int64_t gen_source(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct gen *g = ud;
	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		g->row = 1;
		g->stage = 0;
		g->len = g->pos = 0;
		return 0;
	case ZIP_SOURCE_READ: {
		zip_uint64_t done = 0;
		char *out = data;
		while (done < len) {
			if (g->pos == g->len) {
				if (g->stage == 0) {
					g->len = (size_t)snprintf(g->buf, sizeof(g->buf),
					                          "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>");
					g->stage = 1;
				} else if (g->stage == 1 && g->row <= g->rows) {
					g->len = (size_t)snprintf(g->buf, sizeof(g->buf),
					                          "<row r=\"%ld\"><c r=\"B%ld\"><v>%ld</v></c></row>",
					                          g->row, g->row, g->row % 1000);
					g->row++;
				} else if (g->stage <= 1) {
					g->len = (size_t)snprintf(g->buf, sizeof(g->buf), "</sheetData></worksheet>");
					g->stage = 3;
				} else {
					break;
				}
				g->pos = 0;
			}
			size_t k = g->len - g->pos;
			if (k > len - done)
				k = (size_t)(len - done);
			memcpy(out + done, g->buf + g->pos, k);
			g->pos += k;
			done += k;
		}
		return (zip_int64_t)done;
	}
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		zip_stat_init(st);
		return sizeof(*st);
	}
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&g->err, data, len);
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
		                                      ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&g->err, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

static int count_rows(void *data, const struct book_row *row)
{
	long *n = data;
	if (row->number != *n + 1 || row->nr_cells != 1 || row->cells[0].col != 1)
		return book_cell_error(row, -1, "unexpected row");
	(*n)++;
	return 0;
}

TEST(workbook_hostile_full_height_sheet_streams)
{
	char *path = scratch(".xlsx", "", 0);
	int err = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	CHECK(za != NULL);
	if (!za)
		return;
	struct gen g;
	memset(&g, 0, sizeof(g));
	g.rows = BOOK_MAX_ROWS;
	zip_error_init(&g.err);
	static const struct zpart parts[] = {
		{"[Content_Types].xml", CONTENT_TYPES, 0},
		{"_rels/.rels", ROOT_RELS, 0},
		{"xl/workbook.xml", BOOK_XML(""), 0},
		{"xl/_rels/workbook.xml.rels", BOOK_RELS("worksheets/sheet1.xml"), 0},
	};
	for (size_t i = 0; i < ARRAY_SIZE(parts); i++)
		zip_file_add(za, parts[i].name, zip_source_buffer(za, parts[i].data, strlen(parts[i].data), 0), 0);
	zip_int64_t idx = zip_file_add(za, "xl/worksheets/sheet1.xml", zip_source_function(za, gen_source, &g), 0);
	zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 1);
	CHECK_INT(zip_close(za), 0);
	zip_error_fini(&g.err);

	/* all 1,048,576 rows, one at a time */
	struct book *wb = NULL;
	long n = 0;
	CHECK_INT(book_open(path, NULL, &wb), 0);
	if (wb)
		CHECK_INT(book_read_sheet(wb, 0, count_rows, &n), 0);
	CHECK_INT(n, BOOK_MAX_ROWS);
	book_free(wb);

	/* the caller's limit: a clear error at the first row past it */
	struct book_options opt = {0};
	opt.max_rows = 1000;
	struct strbuf msgs;
	strbuf_init(&msgs);
	n = 0;
	diag_capture(&msgs);
	CHECK_INT(book_open(path, &opt, &wb), 0);
	if (wb)
		CHECK_INT(book_read_sheet(wb, 0, count_rows, &n), -1);
	diag_capture(NULL);
	CHECK_INT(n, 1000);
	CHECK_CONTAINS(msgs.buf, ": Hệ thống: row 1001 is beyond the limit of 1000 rows\n");
	book_free(wb);
	strbuf_release(&msgs);
	unlink(path);
	free(path);
}
