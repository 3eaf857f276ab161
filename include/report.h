/*
 * report.h - rendering a results document through an XSLT template.
 *
 * A template is a shipped name ("summary", "dossier", "annual", "annual-docx",
 * "audit", "audit-docx", "audit-csv",
 * "csv", "text", "index": DATADIR/templates/NAME.xsl) or the path of a user's stylesheet
 * (anything with a '/' or ending in ".xsl"). Every transform runs with
 * security preferences that forbid writing files, creating directories and
 * any network access, and that let it read only files inside the template's
 * own directory tree (for a user's template, also the shipped templates
 * directory, so that it can import the shared pieces). Stylesheets and the
 * documents they load are read through xmlio.h.
 *
 * Threads: libxslt's security preferences and the sandbox's loader are
 * process-wide, so every function here belongs to the main thread, with one
 * report open at a time (render.h joins its CSV thread, which writes in C
 * and never calls XSLT, before a template is opened).
 */
#ifndef ASSESS_REPORT_H
#define ASSESS_REPORT_H

#include <libxml/tree.h>

/* Render results (a parsed results document) with template `name` into
 * out_path ("-" = standard output), writing a temporary file and renaming it
 * (write_file_atomic). A template whose xsl:output media-type is
 * DOCX_MEDIA_TYPE writes a Flat OPC package, which is packed into a .docx
 * (docx.h) after the transform. params: NULL or NULL-terminated name/value pairs,
 * passed with xsltQuoteOneUserParam (e.g. "lang", "en", "system", "ah-tthc",
 * NULL). Returns 0, or -1 after reporting the XSLT message; nothing is left
 * behind on failure.
 *
 * A document in pieces. A large table would make the output a tree of
 * hundreds of megabytes (an owner's annual report in Word for 2,500
 * systems: 24 MB of WordprocessingML, 870 MB in memory), so the template is
 * first applied with the parameter piece = "frame" and may then write, in
 * place of what is large, a mark (a comment, or for the text method the
 * same characters):
 *   <!--assess:rows NAME-->      the template is applied again for each run
 *                                of REPORT_PIECE_ROWS systems (the <system>
 *                                children of the root, in document order)
 *                                with piece = NAME, piece-from and piece-to
 *                                (1-based positions, inclusive; piece-to
 *                                may pass the last system), and writes the
 *                                rows of those systems only;
 *   <!--assess:piece NAME ARG-->  applied once with piece = NAME and
 *                                piece-arg = ARG (ARG may be empty).
 * NAME is made of letters, digits, '-', '_' and '.', ARG of those and '/'.
 * A piece's output is its top-level nodes as report_apply_part writes
 * them; the marks are replaced by the pieces, in a package inside the XML
 * parts (docx_pack_expanded). A template without marks (every template
 * that does not declare the parameter piece) is rendered whole, as before. */
int report_render(xmlDocPtr results, const char *name, const char *const *params,
                  const char *out_path);

/* Systems per piece of a document in pieces. */
#define REPORT_PIECE_ROWS 200

/*
 * The same in steps, for rendering many documents with one template (a
 * large run rendered in chunks): report_open() resolves and compiles the
 * template and puts its sandbox in force until report_close(); each
 * report_apply() transforms one document and appends the output to out.
 * report_open returns NULL after reporting; report_apply 0 or -1.
 * report_close accepts NULL. Only one report may be open at a time.
 */
struct strbuf;
struct report;
struct report *report_open(const char *name);
int report_apply(struct report *r, xmlDocPtr results, const char *const *params,
                 struct strbuf *out);
void report_close(struct report *r);
/* report_apply for a part of a larger document (a template given a
 * parameter that makes it write a part): the output's top-level nodes as
 * its xsl:output method writes them, without the document type or XML
 * declaration the method adds to a whole document; html as HTML, text as
 * text, xml with the namespace declarations each element needs. 0 or -1. */
int report_apply_part(struct report *r, xmlDocPtr results, const char *const *params,
                      struct strbuf *out);

/* The file extension template `name` produces, from its xsl:output: "html"
 * for method html, "csv" for media-type text/csv, "txt" for other text,
 * "docx" for media-type DOCX_MEDIA_TYPE, "xml" otherwise. Returns a static string, or NULL after reporting that the
 * template cannot be loaded. */
const char *report_extension(const char *name);

/* 1 if name is one of the shipped template names, else 0. */
int report_is_shipped(const char *name);

#endif
