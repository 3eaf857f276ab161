/*
 * inventory.c - the streaming inventory reader: files in, records out.
 *
 * xmlio_stream() reads a file one child of <inventory> at a time; each is
 * checked against the vocabulary (element.c: the C checks, the validator of
 * import and review) and, when it has no problem of its own, handed to the
 * caller's sink as a struct system_record or struct organization. Ids and
 * references are kept for the checks across files (xref.c). The RELAX NG
 * schema generated from the same vocabulary runs too for `assess validate`
 * (INVENTORY_SCHEMA_ALWAYS), and otherwise only when the C checks found a
 * problem a grammar states, for its messages.
 */
#include "inventory_parts.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"
#include "xmlio.h"

struct inventory_checker *inventory_checker_new(void)
{
	struct inventory_checker *chk = xcalloc(1, sizeof(*chk));
	chk->schema_use = INVENTORY_SCHEMA_ON_PROBLEM;
	return chk;
}

void inventory_checker_free(struct inventory_checker *chk)
{
	if (!chk)
		return;
	xmlio_schema_free(chk->schema);
	xref_release(chk);
	free(chk);
}

void inventory_checker_set_schema(struct inventory_checker *chk, enum inventory_schema use)
{
	chk->schema_use = use;
}

void inventory_checker_set_resolver(struct inventory_checker *chk,
                                    int (*known_system)(void *data, const char *id),
                                    const char *(*known_org_role)(void *data, const char *id),
                                    void *data)
{
	chk->known_system = known_system;
	chk->known_org_role = known_org_role;
	chk->resolver_data = data;
}

size_t inventory_checker_systems(const struct inventory_checker *chk)
{
	return chk ? chk->nr_systems : 0;
}

size_t inventory_checker_grammar_problems(const struct inventory_checker *chk)
{
	return chk ? chk->grammar_problems : 0;
}

/* Messages about a record start with "system 'id': " when its id is good. */
static void name_record(struct walk *w, struct strbuf *what, xmlNodePtr node, const char *kind)
{
	xmlChar *id = xmlGetNoNsProp(node, (const xmlChar *)"id");
	if (id && is_identifier((const char *)id, strlen((const char *)id))) {
		strbuf_addf(what, "%s '%s': ", kind, (const char *)id);
		w->what = what->buf;
	}
	xmlFree(id);
}

/* Take vals[i] (set NULL). */
static char *take(char **vals, int i)
{
	char *v = vals[i];
	vals[i] = NULL;
	return v;
}

/* ===== organizations ===== */

struct org_walk {
	struct organization org;
	const char *role; /* its role when good, else NULL */
};

static void org_own(struct walk *w, char **vals, long line, void *data)
{
	struct org_walk *ow = data;
	const char *id = vals[ORG_ID], *parent = vals[ORG_PARENT];
	ow->role = vals[ORG_ROLE];
	if (!id)
		return;
	xref_define(w, id, 'o', ow->role, line);
	if (!parent)
		return;
	if (!strcmp(id, parent))
		walk_error(w, 0, line, "is its own parent");
	else
		xref_add(w->chk, REF_PARENT, id, parent, line);
}

/* <inspection-policy level months decision?/> of an owner: one per level. */
static void org_child(struct walk *w, const struct vocab_node *n, xmlNodePtr elem, char **vals,
                      int bad, void *data)
{
	struct org_walk *ow = data;
	struct organization *org = &ow->org;
	long line = xmlio_node_line(elem);
	long long months = 0;
	(void)n;
	if (ow->role && strcmp(ow->role, "owner")) {
		walk_error(w, 0, line, "<inspection-policy> belongs to an owner, not to role '%s'",
		           ow->role);
		bad = 1;
	}
	if (!bad && (parse_count(vals[POL_MONTHS], &months) < 0 || months < 1 || months > 120)) {
		walk_error(w, 0, line, "invalid <inspection-policy> months='%s': 1 to 120 months",
		           vals[POL_MONTHS]);
		bad = 1;
	}
	for (size_t i = 0; !bad && i < org->nr_policies; i++)
		if (org->policies[i].level == atoi(vals[POL_LEVEL])) {
			walk_error(w, 0, line, "a second <inspection-policy> for level %s (first at line %ld)",
			           vals[POL_LEVEL], org->policies[i].line);
			bad = 1;
		}
	if (bad)
		return;
	ALLOC_GROW(org->policies, org->nr_policies + 1, org->alloc_policies);
	struct inspection_policy *p = &org->policies[org->nr_policies++];
	p->level = atoi(vals[POL_LEVEL]);
	p->months = (int)months;
	p->decision = take(vals, POL_DECISION);
	p->line = line;
}

static int read_organization(struct inventory_checker *chk, xmlNodePtr node)
{
	struct org_walk ow;
	char *vals[ORG__COUNT] = {NULL};
	struct strbuf what;
	struct walk w = {chk, "", 0, vocab_record_node(VR_ORGANIZATION), org_own, org_child, &ow};
	int ret = 0;

	memset(&ow, 0, sizeof(ow));
	strbuf_init(&what);
	name_record(&w, &what, node, "organization");
	check_record(&w, w.top, node, vals);
	if (!w.problems && chk->sink && chk->sink->on_organization) {
		struct organization *org = &ow.org;
		org->id = take(vals, ORG_ID);
		org->role = take(vals, ORG_ROLE);
		org->parent = take(vals, ORG_PARENT);
		org->name = take(vals, ORG_NAME);
		for (int i = 0; i < ORG__COUNT; i++)
			org->value[i] = take(vals, i);
		org->file = xstrdup(chk->file);
		org->line = xmlio_node_line(node);
		ret = chk->sink->on_organization(chk->sink->data, org) < 0 ? -1 : 0;
	}
	organization_release(&ow.org);
	for (int i = 0; i < ORG__COUNT; i++)
		free(vals[i]);
	strbuf_release(&what);
	return ret < 0 ? -1 : w.problems;
}

/* ===== systems ===== */

static void system_own(struct walk *w, char **vals, long line, void *data)
{
	(void)data;
	const char *id = vals[F_ID];
	if (!id)
		return;
	xref_define(w, id, 's', NULL, line);
	if (vals[F_OWNER])
		xref_add(w->chk, REF_OWNER, id, vals[F_OWNER], line);
	if (vals[F_OPERATOR])
		xref_add(w->chk, REF_OPERATOR, id, vals[F_OPERATOR], line);
}

/* A component, inspection, control or waiver into the record. */
static void system_child(struct walk *w, const struct vocab_node *n, xmlNodePtr elem, char **vals,
                         int bad, void *data)
{
	struct system_record *rec = data;
	long line = xmlio_node_line(elem);
	switch (n->record) {
	case VR_COMPONENT:
		if (!vals[CMP_REF])
			break;
		if (rec->value[F_ID] && !strcmp(rec->value[F_ID], vals[CMP_REF])) {
			walk_error(w, 0, line, "lists itself as a component");
			break;
		}
		ALLOC_GROW(rec->components, rec->nr_components + 1, rec->alloc_components);
		rec->components[rec->nr_components].ref = take(vals, CMP_REF);
		rec->components[rec->nr_components++].line = line;
		break;
	case VR_INSPECTION: {
		if (bad)
			break;
		ALLOC_GROW(rec->inspections, rec->nr_inspections + 1, rec->alloc_inspections);
		struct inspection *in = &rec->inspections[rec->nr_inspections++];
		in->date = take(vals, INS_DATE);
		in->kind = take(vals, INS_KIND);
		in->independent = take(vals, INS_INDEPENDENT);
		in->by = take(vals, INS_BY);
		long long n_found = -1;
		if (vals[INS_FINDINGS] && parse_count(vals[INS_FINDINGS], &n_found) < 0)
			n_found = -1;
		in->findings = n_found;
		in->line = line;
		break;
	}
	case VR_CONTROL: {
		if (bad)
			break;
		ALLOC_GROW(rec->controls, rec->nr_controls + 1, rec->alloc_controls);
		struct control *c = &rec->controls[rec->nr_controls++];
		c->ref = take(vals, CTL_REF);
		c->status = take(vals, CTL_STATUS);
		c->due = take(vals, CTL_DUE);
		c->evidence = take(vals, CTL_EVIDENCE);
		c->line = line;
		break;
	}
	case VR_WAIVER: {
		if (bad)
			break;
		ALLOC_GROW(rec->waivers, rec->nr_waivers + 1, rec->alloc_waivers);
		struct waiver *wv = &rec->waivers[rec->nr_waivers++];
		wv->ref = take(vals, WVR_REF);
		wv->reason = take(vals, WVR_REASON);
		wv->approved_by = take(vals, WVR_APPROVED_BY);
		wv->until = take(vals, WVR_UNTIL);
		wv->line = line;
		break;
	}
	default:
		break;
	}
}

static int read_system(struct inventory_checker *chk, xmlNodePtr node)
{
	struct system_record rec;
	struct strbuf what;
	struct walk w = {chk, "", 0, vocab_record_node(VR_SYSTEM), system_own, system_child, &rec};
	int ret = 0;

	system_record_init(&rec);
	strbuf_init(&what);
	rec.file = xstrdup(chk->file);
	rec.line = xmlio_node_line(node);
	chk->nr_systems++;
	name_record(&w, &what, node, "system");
	check_record(&w, w.top, node, rec.value);
	if (rec.value[F_ID])
		for (size_t i = 0; i < rec.nr_components; i++)
			xref_add(chk, REF_COMPONENT, rec.value[F_ID], rec.components[i].ref,
			         rec.components[i].line);
	if (!w.problems && chk->sink && chk->sink->on_system)
		ret = chk->sink->on_system(chk->sink->data, &rec) < 0 ? -1 : 0;
	system_record_release(&rec);
	strbuf_release(&what);
	return ret < 0 ? -1 : w.problems;
}

/* ===== the stream ===== */

static int on_root(void *data, struct xmlio_stream *st, xmlNodePtr node)
{
	struct inventory_checker *chk = data;
	const struct vocab_node *n = vocab_tree();
	char *vals[INV__COUNT] = {NULL};
	struct walk w = {chk, "", 0, n, NULL, NULL, NULL};
	int ret = 0;
	chk->stream = st;
	if (node->ns || strcmp((const char *)node->name, n->name)) {
		walk_error(&w, 1, xmlio_node_line(node), "the root element is <%s>, not <inventory>",
		           (const char *)node->name);
		return -2;
	}
	check_attributes(&w, n, node, xmlio_node_line(node), vals);
	if (!w.problems && chk->sink && chk->sink->on_file)
		ret = chk->sink->on_file(chk->sink->data, chk->file, vals[INV_AS_OF]) < 0 ? -1 : 0;
	for (int i = 0; i < INV__COUNT; i++)
		free(vals[i]);
	return ret < 0 ? -1 : w.problems;
}

static int on_child(void *data, struct xmlio_stream *st, xmlNodePtr node)
{
	struct inventory_checker *chk = data;
	const struct vocab_node *n = node->ns ? NULL : vocab_node_child(vocab_tree(), (const char *)node->name);
	chk->stream = st;
	if (n && n->record == VR_SYSTEM)
		return read_system(chk, node);
	if (n && n->record == VR_ORGANIZATION)
		return read_organization(chk, node);
	struct walk w = {chk, "", 0, NULL, NULL, NULL, NULL};
	walk_error(&w, 1, xmlio_node_line(node), "unknown element <%s> in <inventory>",
	           (const char *)node->name);
	xmlio_stream_lost(st);
	return 1;
}

static void on_text(void *data, struct xmlio_stream *st, long line)
{
	struct inventory_checker *chk = data;
	struct walk w = {chk, "", 0, NULL, NULL, NULL, NULL};
	chk->stream = st;
	walk_error(&w, 1, line, "text is not allowed in <inventory>");
}

/* The validator's copy of the schema, made once. */
static struct xmlio_schema *checker_schema(struct inventory_checker *chk)
{
	if (!chk->schema) {
		struct strbuf rng;
		strbuf_init(&rng);
		vocab_rng(&rng, VOCAB_RNG_VALIDATOR);
		chk->schema = xmlio_schema_memory("inventory.rng", rng.buf, rng.len);
		strbuf_release(&rng);
	}
	return chk->schema;
}

int inventory_read(struct inventory_checker *chk, const char *path,
                   const struct inventory_sink *sink)
{
	const struct xmlio_stream_ops ops = {chk, on_root, on_child, on_text};
	struct xmlio_schema *schema = checker_schema(chk);
	if (!schema)
		return error("cannot load the inventory schema");
	long before = diag_problem_count();
	size_t grammar = chk->grammar_problems, meaning = chk->meaning_problems;
	chk->file = xref_file(chk, path);
	chk->sink = sink;
	int rc = xmlio_stream(path, "an inventory", schema,
	                      chk->schema_use == INVENTORY_SCHEMA_ALWAYS ? XMLIO_SCHEMA_ALWAYS
	                                                                 : XMLIO_SCHEMA_ON_PROBLEM,
	                      &ops);
	chk->file = NULL;
	chk->sink = NULL;
	chk->stream = NULL;
	if (rc < 0)
		return -1;
	/* what the checks did not report is a problem of the input itself (not
	 * well-formed, refused), which a schema validator rejects too */
	long checks = (long)(chk->grammar_problems - grammar + chk->meaning_problems - meaning);
	if (diag_problem_count() - before > checks)
		chk->grammar_problems += (size_t)(diag_problem_count() - before - checks);
	return diag_problem_count() > before;
}
