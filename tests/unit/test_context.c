/* Unit tests of context.c: the settings file and the inventory digests that
 * a report's template finds at the end of /results. */
#include <stdlib.h>
#include <string.h>

#include <libxml/xpath.h>

#include "context.h"
#include "diag.h"
#include "harness.h"
#include "util.h"
#include "xmlio.h"

/* string(expr) over doc, as a new string */
static char *xpath_string(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr obj = ctx ? xmlXPathEvalExpression((const xmlChar *)expr, ctx) : NULL;
	xmlChar *s = obj ? xmlXPathCastToString(obj) : NULL;
	char *ret = xstrdup(s ? (const char *)s : "");
	xmlFree(s);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	return ret;
}

#define CHECK_XPATH(doc, expr, want)                                       \
	do {                                                                   \
		char *value_ = xpath_string((doc), (expr));                        \
		CHECK_STR(value_, (want));                                         \
		free(value_);                                                      \
	} while (0)

TEST(context_settings_and_files_in_the_document)
{
	struct doc_context ctx;
	doc_context_init(&ctx);
	CHECK_INT(doc_context_load_settings(&ctx, "../../criteria/examples/settings-an-hoa.xml", NULL), 0);
	CHECK(ctx.settings != NULL);
	/* the empty file's digest is the well-known one */
	CHECK_INT(doc_context_add_file(&ctx, "/dev/null"), 0);
	CHECK_INT(doc_context_add_file(&ctx, "-"), 0); /* standard input: no digest */
	CHECK_INT(ctx.nr_files, 1);
	xmlDocPtr res = xmlio_read_memory("r.xml", "<results run=\"1\"/>", 18, "a results document");
	doc_context_attach(&ctx, res);
	CHECK_XPATH(res, "name(/results/*[1])", "settings");
	CHECK_XPATH(res, "/results/settings/document[@report='annual']/number/@symbol", "UBND-KGVX");
	CHECK_XPATH(res, "/results/inventory-file/@name", "/dev/null");
	CHECK_XPATH(res, "/results/inventory-file/@sha256",
	            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	xmlFreeDoc(res);
	doc_context_attach(NULL, NULL); /* nothing to do */
	doc_context_release(&ctx);
}

TEST(context_default_settings_beside_the_database)
{
	struct doc_context ctx;
	struct strbuf msgs;
	strbuf_init(&msgs);
	doc_context_init(&ctx);
	/* no assess-settings.xml beside it: no settings, no problem */
	CHECK_INT(doc_context_load_settings(&ctx, NULL, "/nonexistent-dir/assess.db"), 0);
	CHECK_INT(doc_context_load_settings(&ctx, NULL, NULL), 0);
	CHECK(ctx.settings == NULL);
	/* a given file must exist */
	diag_capture(&msgs);
	CHECK_INT(doc_context_load_settings(&ctx, "/nonexistent-dir/s.xml", NULL), -1);
	diag_capture(NULL);
	CHECK_CONTAINS(msgs.buf, "cannot open '/nonexistent-dir/s.xml'");
	doc_context_release(&ctx);
	strbuf_release(&msgs);
}
