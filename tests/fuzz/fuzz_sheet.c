/*
 * fuzz_sheet.c - libFuzzer target for the inventory workbook (sheet.h): an
 * input is read as a workbook or CSV file of an inventory (by content),
 * checked cell by cell, and when it passes, the inventory XML made of it
 * must be well-formed and is read by the inventory reader, which names the
 * workbook's rows in its messages. Seeds: the workbooks and CSV files of
 * tests/fixtures/workbook (run.sh); the dictionary: sheet.dict (headers,
 * labels and codes).
 */
#include <libxml/parser.h>

#include "fuzz_file.h"
#include "inventory.h"
#include "sheet.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup("sheet", "dat");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write(data, size);
	struct sheet_book b;
	sheet_book_init(&b);
	if (sheet_read_book(fuzz_path, &b) == 0) {
		struct strbuf xml;
		strbuf_init(&xml);
		sheet_to_xml(&b, &xml);
		xmlDocPtr doc = xmlReadMemory(xml.buf, (int)xml.len, "sheet.xml", NULL,
		                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		if (!doc)
			abort(); /* what a workbook converts to is always XML */
		xmlFreeDoc(doc);
		strbuf_release(&xml);
		struct inventory_checker *chk = inventory_checker_new();
		if (inventory_read(chk, fuzz_path, NULL) >= 0)
			inventory_checker_finish(chk);
		inventory_checker_free(chk);
	}
	sheet_book_release(&b);
	fuzz_done();
	return 0;
}
