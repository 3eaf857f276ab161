/*
 * xmlsafe.c - library set-up and an external entity loader that keeps
 * libxml2 off the network.
 */
#include "xmlsafe.h"

#include <stdlib.h>
#include <string.h>

#include <libexslt/exslt.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlmemory.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>

#include "diag.h"
#include "util.h"

static int deny_all;

static int is_local(const char *url)
{
	if (!url)
		return 0;
	if (!strncmp(url, "file://", 7))
		return 1;
	/* anything with a scheme other than file: is remote */
	const char *colon = strchr(url, ':');
	const char *slash = strchr(url, '/');
	if (colon && (!slash || colon < slash))
		return 0;
	return 1;
}

static xmlParserInputPtr safe_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)id;
	if (deny_all || !is_local(url)) {
		const char *what = url ? url : (id ? id : "(unnamed)");
		if (ctxt && ctxt->input && ctxt->input->filename)
			error_at(ctxt->input->filename, ctxt->input->line,
			         "refused to load external resource '%s'", what);
		else
			error("refused to load external resource '%s'", what);
		return NULL;
	}
	return xmlNewInputFromFile(ctxt, url);
}

/* libxml2's and libxslt's allocations: no memory stops the process as any
 * allocation of ours does (die_oom). libxml2 would go on after a failed
 * allocation and report it as errors in the document (a RELAX NG
 * validation that runs out of memory says the inventory is invalid), or
 * crash on a path that does not expect it. */
static void *xml_malloc(size_t n)
{
	return xmalloc(n);
}

static void *xml_realloc(void *p, size_t n)
{
	return xrealloc(p, n ? n : 1);
}

static char *xml_strdup(const char *s)
{
	return xstrdup(s);
}

void xmlsafe_init(void)
{
	xmlMemSetup(free, xml_malloc, xml_realloc, xml_strdup);
	xmlInitParser();
	xmlSetExternalEntityLoader(safe_loader);
	/* never substitute entities or load DTDs by default */
	xmlSubstituteEntitiesDefault(0);
	xmlLoadExtDtdDefaultValue = 0;
	exsltRegisterAll();
	diag_install_xml_handlers();
}

void xmlsafe_cleanup(void)
{
	xsltCleanupGlobals();
	xmlCleanupParser();
}

void xmlsafe_deny_all_begin(void)
{
	deny_all++;
}

void xmlsafe_deny_all_end(void)
{
	if (deny_all > 0)
		deny_all--;
}
