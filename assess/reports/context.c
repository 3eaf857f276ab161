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
#include <libxml/relaxng.h>

#include "diag.h"
#include "paths.h"
#include "sha256.h"
#include "util.h"
#include "xmlsafe.h"

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

/* The whole file into sb. 0, or -1 after reporting. */
static int read_whole(const char *path, struct strbuf *sb)
{
	char buf[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f)
		return error("cannot open '%s': %s", path, strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(sb, buf, n);
	int failed = ferror(f);
	fclose(f);
	return failed ? error("cannot read '%s'", path) : 0;
}

/* Report a schema error at its line, as the other inputs do. */
static void schema_problem(void *file, xmlErrorPtr err)
{
	if (!err || err->level == XML_ERR_NONE || err->level == XML_ERR_WARNING)
		return;
	const char *msg = err->message ? err->message : "does not match the schema";
	size_t len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	long line = err->line;
	if (err->node && ((xmlNodePtr)err->node)->type == XML_ELEMENT_NODE)
		line = xmlGetLineNo((xmlNodePtr)err->node);
	error_at(file, line, "%.*s", (int)len, msg);
}

/* Check doc against criteria/schema/settings.rng. 0 or -1 after reporting. */
static int check_schema(xmlDocPtr doc, const char *file)
{
	char *rng = data_path("criteria/schema/settings.rng");
	xmlRelaxNGParserCtxtPtr pctx = xmlRelaxNGNewParserCtxt(rng);
	xmlRelaxNGPtr schema = pctx ? xmlRelaxNGParse(pctx) : NULL;
	xmlRelaxNGValidCtxtPtr vctx = schema ? xmlRelaxNGNewValidCtxt(schema) : NULL;
	int ret = -1;
	long before = diag_problem_count();
	if (!vctx) {
		error("cannot load the settings schema %s", rng);
	} else {
		xmlRelaxNGSetValidStructuredErrors(vctx, schema_problem, (void *)(uintptr_t)file);
		if (xmlRelaxNGValidateDoc(vctx, doc) == 0)
			ret = 0;
		else if (diag_problem_count() == before)
			error_at(file, 0, "does not match the settings schema");
	}
	xmlRelaxNGFreeValidCtxt(vctx);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pctx);
	free(rng);
	return ret;
}

static int load(struct doc_context *ctx, const char *path)
{
	struct strbuf sb;
	xmlDocPtr doc = NULL;
	int ret = -1;
	strbuf_init(&sb);
	if (read_whole(path, &sb) < 0)
		goto out;
	if (sb.len > INT32_MAX) {
		error_at(path, 0, "the settings file is too large");
		goto out;
	}
	long before = diag_problem_count();
	doc = xmlReadMemory(sb.buf, (int)sb.len, path, NULL, XMLSAFE_PARSE_OPTIONS);
	if (!doc) {
		if (diag_problem_count() == before)
			error_at(path, 0, "not well-formed XML");
		goto out;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "settings") || root->ns) {
		error_at(path, root ? xmlGetLineNo(root) : 0, "not a settings file (the root is not <settings>)");
		goto out;
	}
	/* entities are never expanded, so a DTD could only hide text */
	if (xmlGetIntSubset(doc) || doc->extSubset) {
		const char *at = strstr(sb.buf, "<!DOCTYPE");
		long line = 1;
		for (const char *c = sb.buf; at && c < at; c++)
			line += *c == '\n';
		error_at(path, line, "a DOCTYPE is not allowed in a settings file");
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
	strbuf_release(&sb);
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
	int ret = read_whole(path, &sb);
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
}
