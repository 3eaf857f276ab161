/*
 * xlsx_out.h - write an inventory as the workbook sheet.h describes
 * (libxlsxwriter): the template and exported snapshots.
 *
 * One sheet a record, headers in lang with each column's legal meaning as a
 * cell note (vocabulary notes), every closed value a drop-down of the
 * list's labels (a hidden sheet "Lists"), dates as dates, counts whole
 * numbers (data validation), the header row frozen, and an instructions
 * sheet first. The file is written whole, then renamed into place
 * (write_file_atomic); "-" is standard output.
 */
#ifndef ASSESS_XLSX_OUT_H
#define ASSESS_XLSX_OUT_H

#include "sheet.h"

/* Write b to path. example: its rows are the template's worked example
 * (shown in italics). Returns 0 or -1 after reporting. */
int xlsx_write_book(const char *path, const struct sheet_book *b, enum vocab_lang lang,
                    int example);

#endif
