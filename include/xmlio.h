/*
 * xmlio.h - the one way in for XML: every document assess reads (inventories,
 * rule sets, requirement catalogues, settings, templates and what they load,
 * results documents, the parts of a workbook) comes through here.
 *
 * The hostile-input policy, in one place:
 *   - no DTD is loaded, no entity expanded, nothing fetched: the external
 *     entity loader refuses everything (local files included), and parsing
 *     uses XMLIO_PARSE_OPTIONS;
 *   - a DOCTYPE is refused the same way everywhere: the bytes are watched on
 *     their way to the parser, and reading stops at "<!" in the prolog that
 *     opens no comment (in UTF-8 and every ASCII-compatible encoding, and in
 *     UTF-16 with a byte order mark), before libxml2 sees a byte of it:
 *     "a DOCTYPE is not allowed in WHAT (nothing after it was read)";
 *   - encodings: UTF-8 (declared or not, with or without a byte order mark),
 *     UTF-16 with a byte order mark, and windows-1258 when declared; any
 *     other declared encoding, UTF-16 or UTF-32 without a byte order mark
 *     and EBCDIC are refused at line 1, and a windows-1258 declaration over
 *     UTF-8 text is refused at its first non-ASCII character
 *     (criteria/schema/inventory.md, Encoding);
 *   - sizes: a document read whole, standard input and any input that is not
 *     a regular file are held in memory, at most XMLIO_MAX_INPUT bytes;
 *     libxml2's own limits (no XML_PARSE_HUGE) bound names, text nodes and
 *     depth.
 *
 * Problems of the input are reported with error_at() as "file:line:
 * message" (diag.h) and so counted as input problems; a file that cannot be
 * read at all with error(). Functions return 0 or -1 after reporting once
 * (util.h), or NULL for "nothing made".
 *
 * Threads: xmlio_init() and xmlio_cleanup() from the main thread, once. A
 * document, an input and a stream belong to one thread at a time; schemas
 * are read-only once loaded and may be shared by threads. xmlio_stream()
 * validates against a schema on a second thread of its own (which reports
 * nothing itself: its messages are handed back and reported by the caller's
 * thread); everything else runs on the caller's thread. xmlio_stdin() is
 * read once per process, from one thread. libxml2's error handlers are per
 * thread: a thread of the caller's that parses sets them up with
 * diag_install_thread_handlers().
 */
#ifndef ASSESS_XMLIO_H
#define ASSESS_XMLIO_H

#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

struct strbuf;

/* Parse options for every document and reader (no entity substitution, no
 * DTD loaded or validated, no network, no XInclude; lines past 65535). */
#define XMLIO_PARSE_OPTIONS                                                    \
	(XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOXINCNODE | XML_PARSE_BIG_LINES)

/* Bytes of a document read whole, of standard input and of any input that
 * is not a regular file. */
#define XMLIO_MAX_INPUT (1L << 30)

/* Set libxml2, libxslt and libexslt up (the entity loader that refuses
 * everything, diag's handlers; their allocations stop the process when no
 * memory is left, die_oom); once, at the start of main. */
void xmlio_init(void);
/* Release the libraries' global state; once, at the end of main. */
void xmlio_cleanup(void);

/*
 * Standard input, read into memory once per process (at most
 * XMLIO_MAX_INPUT bytes) and kept: every later call returns the same bytes
 * (NUL-terminated), borrowed until xmlio_stdin_release(). 0, or -1 after
 * reporting (read error, too large).
 */
int xmlio_stdin(const char **data, size_t *len);
/* Free the bytes of standard input (end of main, tests). */
void xmlio_stdin_release(void);

/* The whole file at path ("-": standard input) appended to out, at most
 * XMLIO_MAX_INPUT bytes. 0, or -1 after reporting. */
int xmlio_slurp(const char *path, struct strbuf *out);
/* The same for everything the open fd gives (named name in messages). */
int xmlio_slurp_fd(int fd, const char *name, struct strbuf *out);

/*
 * Parse a whole document: the file at path ("-": standard input), or len
 * bytes at data named name in messages (borrowed for the call). what names
 * the kind of document in messages ("a rule set", "a settings file").
 * Returns the document (the caller frees it with xmlFreeDoc), or NULL after
 * every problem was reported (I/O: error(); the input: error_at(), ending
 * with "not well-formed XML" when libxml2 said nothing).
 */
xmlDocPtr xmlio_read_doc(const char *path, const char *what);
xmlDocPtr xmlio_read_memory(const char *name, const void *data, size_t len, const char *what);

/*
 * For libxslt's document loader (xsltSetLoaderFunc): the file at url parsed
 * under the policy, with the dictionary dict when not NULL and options
 * stripped of everything XMLIO_PARSE_OPTIONS leaves out (entities, DTDs,
 * XInclude). NULL after reporting.
 */
xmlDocPtr xmlio_read_for_xslt(const char *url, xmlDictPtr dict, int options);

/* ===== RELAX NG ===== */

struct xmlio_schema;

/* Load a schema from a file (a shipped .rng) or from len bytes of text
 * named name. NULL after reporting what is wrong with it. */
struct xmlio_schema *xmlio_schema_load(const char *path);
struct xmlio_schema *xmlio_schema_memory(const char *name, const char *text, size_t len);
/* Release a schema; accepts NULL. */
void xmlio_schema_free(struct xmlio_schema *schema);

/*
 * Validate doc (read from file) against schema: every problem is reported
 * as "file:line: message" (the line of the node libxml2 names), and when it
 * named none, "file: does not match the WHAT schema" (what: "criteria",
 * "settings"). Returns 0 valid, -1 invalid or not validated (reported).
 */
int xmlio_validate(const struct xmlio_schema *schema, xmlDocPtr doc, const char *file,
                   const char *what);

/* Validate what reader r reads against schema, as it reads (before its
 * first read). 0, or -1 (nothing reported). */
int xmlio_reader_validate(xmlTextReaderPtr r, const struct xmlio_schema *schema);

/* ===== streaming input ===== */

/* Bytes for a reader: returns the number read into buf (at most len), 0 at
 * the end, -1 on failure (reported by the source). */
typedef int (*xmlio_read_fn)(void *ctx, char *buf, int len);

/* Flags of xmlio_input_new(). */
#define XMLIO_UTF8 1u /* read as UTF-8 whatever the document declares
                       * (no encoding policy): the parts of a workbook */

struct xmlio_input;

/*
 * An input over the bytes that read(ctx, ...) gives, named name, under the
 * policy (flags: XMLIO_UTF8); what names the kind of document in its
 * refusals ("a workbook"). name and what are borrowed. A new object the
 * caller frees with xmlio_input_free().
 */
struct xmlio_input *xmlio_input_new(const char *name, const char *what, xmlio_read_fn read,
                                    void *ctx, unsigned flags);
void xmlio_input_free(struct xmlio_input *in);
/* A streaming reader over in (the caller frees it with xmlFreeTextReader()
 * before freeing in), or NULL (nothing reported). */
xmlTextReaderPtr xmlio_input_reader(struct xmlio_input *in);
/* When the policy stopped the input (a DOCTYPE, an encoding): why, and the
 * line in *line; else NULL. The caller reports it. */
const char *xmlio_input_refused(const struct xmlio_input *in, long *line);

/* ===== a stream of records ===== */

/*
 * A large document read one child of the root at a time (an inventory):
 * the root with its attributes, then each element child of the root,
 * expanded (a DOM of that element only), handed to the callbacks and freed.
 * Entity references and DOCTYPEs are reported here; everything the
 * callbacks find wrong they report themselves with error_at() and count.
 *
 * With a schema, the document is also validated against it, in a second
 * pass over the same bytes (on a second thread with XMLIO_SCHEMA_ALWAYS;
 * after the first with XMLIO_SCHEMA_ON_PROBLEM, and only when a callback
 * reported a problem of grammar with xmlio_stream_grammar()). The schema's
 * messages about an element are shown only when the callback found nothing
 * wrong with it (the callbacks' messages are the precise ones), after the
 * callbacks' messages of the file; when the schema rejects the document and
 * nothing at all was reported, "file: does not match the WHAT schema".
 */
struct xmlio_stream;

enum xmlio_schema_use {
	XMLIO_SCHEMA_ALWAYS,    /* validate every file (on a second thread) */
	XMLIO_SCHEMA_ON_PROBLEM /* validate a file only for its messages, after
	                         * the callbacks reported a problem of grammar */
};

struct xmlio_stream_ops {
	void *data; /* passed back to the callbacks */
	/* The root element, its attributes there, its children not: the number
	 * of problems it has (reported), -1 a runtime failure (reading stops,
	 * xmlio_stream returns -1), -2 it is not the document expected (reading
	 * stops; reported). */
	int (*root)(void *data, struct xmlio_stream *st, xmlNodePtr root);
	/* One element child of the root, whole: the number of its problems, or
	 * -1 a runtime failure (reading stops, xmlio_stream returns -1). */
	int (*child)(void *data, struct xmlio_stream *st, xmlNodePtr node);
	/* Text (not white space) in the root, at line: reported by the callback. */
	void (*text)(void *data, struct xmlio_stream *st, long line);
};

/*
 * Stream the file at path ("-": standard input) as above; what names the
 * document ("an inventory"); schema may be NULL, it is then not used.
 * Returns 0 when the file was read to its end (problems, if any, were
 * reported and counted by diag), 1 when reading stopped at a problem of
 * the input (reported), -1 on a runtime failure (reported).
 */
int xmlio_stream(const char *path, const char *what, const struct xmlio_schema *schema,
                 enum xmlio_schema_use use, const struct xmlio_stream_ops *ops);
/* The same for everything the open fd gives (not closed), named name in
 * messages: a regular file is read twice when the schema runs, anything
 * else is read whole first. */
int xmlio_stream_fd(int fd, const char *name, const char *what, const struct xmlio_schema *schema,
                    enum xmlio_schema_use use, const struct xmlio_stream_ops *ops);
/* The same over len bytes at data (borrowed for the call), named name. */
int xmlio_stream_memory(const char *name, const void *data, size_t len, const char *what,
                        const struct xmlio_schema *schema, enum xmlio_schema_use use,
                        const struct xmlio_stream_ops *ops);

/* From a callback: the problem just reported is one a grammar states too
 * (XMLIO_SCHEMA_ON_PROBLEM then validates the file for its messages). */
void xmlio_stream_grammar(struct xmlio_stream *st);
/* From a callback: the document is not what the schema describes past this
 * point (an unknown element in the root): its messages are not shown. */
void xmlio_stream_lost(struct xmlio_stream *st);
/* The line of node's start tag, also past line 65535. */
long xmlio_node_line(xmlNodePtr node);

#endif
