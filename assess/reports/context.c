/*
 * context.c - the settings file and the inventory digests a report sees.
 */
#include "context.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "diag.h"
#include "paths.h"
#include "sha256.h"
#include "util.h"
#include "xmlio.h"

void doc_context_init(struct doc_context *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
}

void doc_context_release(struct doc_context *ctx)
{
	xmlFreeDoc(ctx->settings);
	for (size_t i = 0; i < ctx->nr_files; i++)
		free(ctx->files[i].name);
	free(ctx->files);
	memset(ctx, 0, sizeof(*ctx));
}

/* Check doc against criteria/schema/settings.rng. 0 or -1 after reporting. */
static int check_schema(xmlDocPtr doc, const char *file)
{
	char *rng = data_path("criteria/schema/settings.rng");
	struct xmlio_schema *schema = xmlio_schema_load(rng);
	int ret = schema ? xmlio_validate(schema, doc, file, "settings") : -1;
	xmlio_schema_free(schema);
	free(rng);
	return ret;
}

static int load(struct doc_context *ctx, const char *path)
{
	int ret = -1;
	/* a DOCTYPE is refused as it is read: entities are never expanded, so
	 * a DTD could only hide text */
	xmlDocPtr doc = xmlio_read_doc(path, "a settings file");
	if (!doc)
		goto out;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "settings") || root->ns) {
		error_at(path, root ? xmlGetLineNo(root) : 0, "not a settings file (the root is not <settings>)");
		goto out;
	}
	if (check_schema(doc, path) < 0)
		goto out;
	xmlFreeDoc(ctx->settings);
	ctx->settings = doc;
	doc = NULL;
	ret = 0;
out:
	xmlFreeDoc(doc);
	return ret;
}

int doc_context_load_settings(struct doc_context *ctx, const char *path, const char *db)
{
	if (path)
		return load(ctx, path);
	if (!db || !*db || !strcmp(db, ":memory:"))
		return 0;
	struct strbuf def;
	strbuf_init(&def);
	const char *slash = strrchr(db, '/');
	if (slash)
		strbuf_add(&def, db, (size_t)(slash - db + 1));
	strbuf_addstr(&def, CONTEXT_DEFAULT_SETTINGS);
	int ret = access(def.buf, F_OK) == 0 ? load(ctx, def.buf) : 0;
	strbuf_release(&def);
	return ret;
}

int doc_context_add_file(struct doc_context *ctx, const char *path)
{
	struct strbuf sb;
	if (!strcmp(path, "-"))
		return 0;
	strbuf_init(&sb);
	int ret = xmlio_slurp(path, &sb);
	if (ret == 0) {
		ALLOC_GROW(ctx->files, ctx->nr_files + 1, ctx->alloc_files);
		struct context_file *f = &ctx->files[ctx->nr_files++];
		f->name = xstrdup(path);
		sha256_hex(sb.buf, sb.len, f->sha256);
	}
	strbuf_release(&sb);
	return ret;
}

/* libxml2 could not allocate: a batch tool cannot do better (util.h). */
static void out_of_memory(void)
{
	fprintf(stderr, "assess: out of memory\n");
	abort();
}

void doc_context_attach(const struct doc_context *ctx, xmlDocPtr results)
{
	xmlNodePtr root = results ? xmlDocGetRootElement(results) : NULL;
	if (!ctx || !root)
		return;
	if (ctx->settings) {
		xmlNodePtr copy = xmlDocCopyNode(xmlDocGetRootElement(ctx->settings), results, 1);
		if (!copy || !xmlAddChild(root, copy)) {
			xmlFreeNode(copy);
			out_of_memory();
		}
	}
	for (size_t i = 0; i < ctx->nr_files; i++) {
		xmlNodePtr f = xmlNewChild(root, NULL, (const xmlChar *)"inventory-file", NULL);
		if (!f || !xmlSetProp(f, (const xmlChar *)"name", (const xmlChar *)ctx->files[i].name) ||
		    !xmlSetProp(f, (const xmlChar *)"sha256", (const xmlChar *)ctx->files[i].sha256))
			out_of_memory();
	}
	struct strbuf name;
	strbuf_init(&name);
	for (size_t i = 0; i < ctx->nr_dossiers; i++) {
		strbuf_reset(&name);
		strbuf_addf(&name, "dossier-%s.docx", ctx->dossiers[i]);
		xmlNodePtr f = xmlNewChild(root, NULL, (const xmlChar *)"dossier-file", NULL);
		if (!f || !xmlSetProp(f, (const xmlChar *)"system", (const xmlChar *)ctx->dossiers[i]) ||
		    !xmlSetProp(f, (const xmlChar *)"name", (const xmlChar *)name.buf))
			out_of_memory();
	}
	strbuf_release(&name);
}
