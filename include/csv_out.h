/*
 * csv_out.h - the shipped CSV ("csv", results.csv of a review) written in C.
 *
 * Contract: the bytes are exactly those templates/csv.xsl writes over the
 * results document of the same systems (tests/cli/t/csv-c-equals-xslt.sh
 * compares them over the example, the acceptance sets and 10,000 generated
 * systems, in both languages): a BOM (U+FEFF), the header row in the
 * chosen language (the strings csv.* of DATADIR/templates/strings/LANG.xml,
 * LANG "en" or else "vi"; a missing string shows its id), then one row per
 * system in the order of the document (system id, bytewise): id, name,
 * owner, operator, status, level ("undetermined" when the system has
 * none), deciding clause, approved level, drift, findings. Rows end with
 * CR LF. A field with a comma, a double quote, CR or LF is quoted and its
 * quotes doubled; a field that begins with =, +, -, @, tab or CR gets a
 * single quote in front and is quoted (OWASP, CSV injection). Values the
 * results document would carry as text (util.h: xml_text) are written as
 * that text. csv.xsl stays the example of a user's CSV template: a
 * template given by path still goes through XSLT (render.h).
 *
 * Output is written to a temporary file and renamed (util.h:
 * atomic_file_*), "-" being standard output; the path rules are
 * output_path_check's. Functions return 0, or -1 after reporting. Any
 * thread; one output per call.
 */
#ifndef ASSESS_CSV_OUT_H
#define ASSESS_CSV_OUT_H

#include <libxml/tree.h>

struct store;
struct strbuf;

/* 1 when template name is the one csv_out writes (the shipped "csv"). */
int csv_out_is_shipped(const char *name);

/* The BOM and the header row in lang, appended to out (reads the strings
 * file: call it where xmlio may parse, e.g. the main thread). */
int csv_out_header(const char *lang, struct strbuf *out);

/*
 * The CSV of run (an existing run id) from the store: header (the bytes
 * csv_out_header gave) then the rows of the systems of the run, or of
 * system_id only, or of owner_id's only (either may be NULL). stop (may be
 * NULL) is asked now and then with stop_data: non-zero gives up (-1, with
 * nothing reported: the caller did) and leaves no file.
 */
int csv_out_run(struct store *st, long run, const char *system_id, const char *owner_id,
                const char *header, const char *out_path, int (*stop)(void *data),
                void *stop_data);

/* The CSV of a results document (`assess report --results FILE csv`): its
 * /results/system elements in document order, from their attributes. */
int csv_out_doc(xmlDocPtr results, const char *lang, const char *out_path);

#endif
