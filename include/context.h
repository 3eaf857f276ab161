/*
 * context.h - what a report sees besides the run: the unit's settings and
 * the inventory files the run was made from.
 *
 * A template reads only the results document and files beside itself
 * (report.h), so what it needs from elsewhere is loaded and checked in C and
 * put into the document it is given, as the last children of <results>:
 *
 *   <settings version="1"> ... </settings>            the settings file, as
 *        checked against criteria/schema/settings.rng (criteria/schema/settings.md)
 *   <inventory-file name="inventory-an-hoa.xml" sha256="<64 hex>"/>   one per
 *        inventory file, when the command read them (`assess review`)
 *   <dossier-file system="ah-tthc" name="dossier-ah-tthc.docx"/>   one per
 *        level dossier `assess review` writes beside the report
 *
 * The settings hold the unit's own details a filed document needs and the
 * inventory does not: issuing body, place, number and symbol, date, signer,
 * addressees and recipients, and the organisations' addresses and
 * representatives. A document leaves what they do not say as a marked field
 * to complete.
 */
#ifndef ASSESS_CONTEXT_H
#define ASSESS_CONTEXT_H

#include <stddef.h>

#include <libxml/tree.h>

/* The settings file looked for beside the database when none is given. */
#define CONTEXT_DEFAULT_SETTINGS "assess-settings.xml"

/* One inventory file a run was made from. */
struct context_file {
	char *name;        /* the path as given on the command line */
	char sha256[65];   /* its digest, 64 lowercase hex digits */
};

struct doc_context {
	xmlDocPtr settings;          /* the checked settings document, or NULL */
	struct context_file *files;  /* inventory files, in command-line order */
	size_t nr_files, alloc_files;
	char *const *dossiers;       /* systems whose level dossier review writes
	                              * as dossier-ID.docx (borrowed), or NULL */
	size_t nr_dossiers;
};

/* Prepare an empty context (no settings, no files). */
void doc_context_init(struct doc_context *ctx);
/* Free what the context holds (not ctx itself). */
void doc_context_release(struct doc_context *ctx);

/*
 * Load the settings: the file `path` when it is not NULL (it must exist),
 * else CONTEXT_DEFAULT_SETTINGS in the directory of the database db when
 * that file exists (db may be NULL: then none). The file is read through
 * xmlio.h (a DOCTYPE is refused), and it is checked against
 * criteria/schema/settings.rng. Returns 0 (also when there is no default
 * file); -1 after reporting: problems in the file through error_at()
 * (diag_problem_count() counts them: exit 3), a file that cannot be read
 * through error().
 */
int doc_context_load_settings(struct doc_context *ctx, const char *path, const char *db);

/* Read the inventory file `path` and record its SHA-256. "-" (standard
 * input, already read) is skipped. 0, or -1 after reporting. */
int doc_context_add_file(struct doc_context *ctx, const char *path);

/* Append the context's elements to the root of results (see above). ctx
 * may be NULL (nothing is added). */
void doc_context_attach(const struct doc_context *ctx, xmlDocPtr results);

#endif
