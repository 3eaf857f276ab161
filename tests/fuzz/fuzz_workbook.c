/*
 * fuzz_workbook.c - libFuzzer target for the workbook reader (XLSX, CSV).
 *
 * An input is read as a workbook or CSV file from memory, every sheet
 * streamed with a callback that checks what the reader promises (cells in
 * column order, text as long as said, dates real dates, rows ascending).
 *
 * Mutated zips mostly fail libzip's CRC check before any XML is parsed, so
 * an input that starts with '<' (XML, which the reader refuses anyway) is
 * taken as parts of a workbook instead: the chunks between
 * "<!--next part-->" separators are, in order, the sheet, the shared
 * strings, the styles, xl/workbook.xml, its relationships,
 * [Content_Types].xml and _rels/.rels; a missing chunk is a valid default.
 * They are stored (not deflated) into a zip made here.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "diag.h"
#include "util.h"
#include "book.h"
#include "xmlio.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct strbuf messages;

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define SEPARATOR "<!--next part-->"

static const struct {
	const char *name, *dflt;
} slots[] = {
	{"xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\">"
	                             "<c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>"},
	{"xl/sharedStrings.xml", "<sst xmlns=\"" NS_MAIN "\"><si><t>a</t></si></sst>"},
	{"xl/styles.xml", "<styleSheet xmlns=\"" NS_MAIN "\"><cellXfs><xf numFmtId=\"14\"/></cellXfs></styleSheet>"},
	{"xl/workbook.xml", "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\"><sheets>"
	                    "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
	{"xl/_rels/workbook.xml.rels",
	 "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	 "<Relationship Id=\"rId1\" Type=\"" NS_R "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	 "<Relationship Id=\"rId2\" Type=\"" NS_R "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	 "<Relationship Id=\"rId3\" Type=\"" NS_R "/styles\" Target=\"styles.xml\"/></Relationships>"},
	{"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
	{"_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	                "<Relationship Id=\"rId1\" Type=\"" NS_R "/officeDocument\" Target=\"xl/workbook.xml\"/>"
	                "</Relationships>"},
};

/* The first sep in p[0..n), or NULL. */
static const char *find(const char *p, size_t n, const char *sep, size_t k)
{
	for (size_t i = 0; i + k <= n; i++)
		if (p[i] == sep[0] && !memcmp(p + i, sep, k))
			return p + i;
	return NULL;
}

/* The parts of data stored into a zip (caller frees), or NULL. */
static char *parts_zip(const uint8_t *data, size_t size, size_t *len)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	const char *p = (const char *)data, *end = p + size;
	size_t sep = strlen(SEPARATOR);
	for (size_t i = 0; za && i < sizeof(slots) / sizeof(slots[0]); i++) {
		const char *part = slots[i].dflt;
		size_t n = strlen(part);
		if (p) {
			const char *next = find(p, (size_t)(end - p), SEPARATOR, sep);
			part = p;
			n = (size_t)((next ? next : end) - p);
			p = next ? next + sep : NULL;
		}
		zip_source_t *s = zip_source_buffer(za, part, n, 0);
		zip_int64_t idx = zip_file_add(za, slots[i].name, s, 0);
		if (idx < 0)
			zip_source_free(s);
		else
			zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	char *out = NULL;
	if (za && zip_close(za) == 0 && zip_source_open(src) == 0) {
		zip_stat_t st;
		if (zip_source_stat(src, &st) == 0) {
			out = xmalloc(st.size + 1);
			zip_int64_t got = zip_source_read(src, out, st.size);
			*len = got > 0 ? (size_t)got : 0;
		}
		zip_source_close(src);
	} else if (za) {
		zip_discard(za);
	}
	zip_source_free(src);
	zip_error_fini(&err);
	return out;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlio_init();
	strbuf_init(&messages);
	diag_capture(&messages);
	return 0;
}

struct seen {
	long last_row;  /* number of the previous row */
	size_t sum;     /* every byte touched */
};

static int on_row(void *data, const struct book_row *row)
{
	struct seen *s = data;
	if (row->number <= s->last_row || row->number > BOOK_MAX_ROWS || !row->nr_cells)
		abort();
	s->last_row = row->number;
	for (size_t i = 0; i < row->nr_cells; i++) {
		const struct book_cell *c = &row->cells[i];
		if ((i && c->col <= row->cells[i - 1].col) || c->col >= BOOK_MAX_COLS)
			abort();
		if (strlen(c->text) != c->len || !c->len || c->len > BOOK_MAX_CELL_BYTES)
			abort();
		if (c->type == WB_DATE ? !is_iso_date(c->date) : c->date[0] != '\0')
			abort();
		if (book_row_cell(row, c->col) != c)
			abort();
		for (size_t k = 0; k < c->len; k++)
			s->sum += (unsigned char)c->text[k];
	}
	s->sum += strlen(row->sheet) + strlen(row->file);
	if (row->number % 97 == 0)
		book_cell_error(row, (long)row->cells[0].col, "touched");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *zip = NULL;
	size_t len = size;
	const void *bytes = data;
	if (book_sniff_bytes(data, size) == BOOK_XML) {
		zip = parts_zip(data, size, &len);
		if (!zip)
			return 0;
		bytes = zip;
	}
	struct book_options opt = {0};
	opt.max_unzipped = 16L << 20; /* a quick refusal keeps the fuzzer fast */
	struct book *wb = NULL;
	if (book_open_memory("fuzz.xlsx", bytes, len, &opt, &wb) == 0) {
		for (size_t i = 0; i < book_sheet_count(wb); i++) {
			struct seen s = {0, 0};
			if (!book_sheet_name(wb, i))
				abort();
			book_read_sheet(wb, i, on_row, &s);
		}
		book_date1904(wb);
	}
	book_free(wb);
	free(zip);
	strbuf_reset(&messages);
	diag_reset_problems();
	return 0;
}
