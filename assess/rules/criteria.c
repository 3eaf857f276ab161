/*
 * criteria.c - load, check and choose coded rule sets (criteria/NAME.xml).
 *
 * Loading is two passes over one parsed document: the RELAX NG schema
 * (criteria/schema/criteria.rng) checks the structure, then the meaning is
 * checked while the plain structs are built. Every problem is reported with
 * its file and line; a file with any problem is rejected as a whole.
 */
#include "criteria.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "diag.h"
#include "paths.h"
#include "run.h"
#include "rx.h"
#include "sha256.h"
#include "strmap.h"
#include "util.h"
#include "xmlio.h"

/* State of one load. */
struct loader {
	const char *file;     /* the file, for messages */
	struct ruleset *rs;   /* being built */
	int problems;         /* meaning problems found so far */
	struct strmap ids;    /* clause id -> line of its first definition */
};

static int problem(struct loader *ld, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int problem(struct loader *ld, long line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ld->problems++;
	return error_at(ld->file, line, "%s", msg);
}

/* ---- small XML helpers ---- */

static int is_element(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && (!name || !strcmp((const char *)n->name, name));
}

static char *prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = xstrdup_or_null((const char *)v);
	xmlFree(v);
	return s;
}

/* The element's text with runs of white space folded to one space, trimmed. */
static char *text_of(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	struct strbuf sb;
	strbuf_init(&sb);
	int space = 0;
	for (const char *p = (const char *)v; p && *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = sb.len > 0;
			continue;
		}
		if (space)
			strbuf_addstr(&sb, " ");
		space = 0;
		strbuf_add(&sb, p, 1);
	}
	xmlFree(v);
	return strbuf_detach(&sb);
}

static char *lang_of(xmlNodePtr n)
{
	xmlChar *v = xmlGetNsProp(n, (const xmlChar *)"lang", XML_XML_NAMESPACE);
	char *s = xstrdup_or_null((const char *)v);
	xmlFree(v);
	return s;
}

/* Store the text of n into *vi or *en by its xml:lang. */
static void take_text(xmlNodePtr n, char **vi, char **en)
{
	char *lang = lang_of(n);
	char **slot = lang && !strcmp(lang, "vi") ? vi : lang && !strcmp(lang, "en") ? en : NULL;
	if (slot) {
		free(*slot);
		*slot = text_of(n);
	}
	free(lang);
}

/* ---- conditions ---- */

static const struct {
	const char *name;
	enum cond_kind kind;
} cond_names[] = {
	{"all", COND_ALL},   {"any", COND_ANY},           {"not", COND_NOT},
	{"is", COND_IS},     {"in", COND_IN},             {"has", COND_HAS},
	{"at-least", COND_AT_LEAST}, {"below", COND_BELOW}, {"known", COND_KNOWN},
	{"matches", COND_MATCHES}, {"before", COND_BEFORE},
};

static int cond_kind_of(xmlNodePtr n)
{
	if (!is_element(n, NULL))
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(cond_names); i++)
		if (!strcmp((const char *)n->name, cond_names[i].name))
			return (int)cond_names[i].kind;
	return -1;
}

static const char *cond_name(enum cond_kind kind)
{
	for (size_t i = 0; i < ARRAY_SIZE(cond_names); i++)
		if (cond_names[i].kind == kind)
			return cond_names[i].name;
	return "?";
}

static void condition_release(struct condition *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nr_children; i++)
		condition_release(&c->children[i]);
	free(c->children);
	free(c->value);
	rx_free(c->rx);
	memset(c, 0, sizeof(*c));
}

/* Check that every word of words is allowed for fact f. */
static void check_words(struct loader *ld, long line, const struct fact_def *f, const char *words)
{
	const char *p = words;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *end = p;
		while (*end && *end != ' ')
			end++;
		if (end > p && !word_in_list(f->values, p, (size_t)(end - p)))
			problem(ld, line, "value '%.*s' is not allowed for fact '%s' (allowed: %s)",
			        (int)(end - p), p, f->name, f->values);
		p = end;
	}
}

static int parse_cond(struct loader *ld, xmlNodePtr n, struct condition *c);

static void parse_leaf(struct loader *ld, xmlNodePtr n, struct condition *c)
{
	char *fact = prop(n, "fact");
	int id = fact ? fact_lookup(fact) : -1;
	if (id < 0) {
		problem(ld, c->line, "unknown fact '%s'", fact ? fact : "");
		free(fact);
		return;
	}
	free(fact);
	c->fact = id;
	const struct fact_def *f = fact_def((enum fact_id)id);
	const char *name = cond_name(c->kind);
	switch (c->kind) {
	case COND_IS:
		c->value = prop(n, "value");
		if (f->kind == FACT_SET)
			problem(ld, c->line, "<is> on the set fact '%s': use <has>", f->name);
		else if (f->kind == FACT_ENUM)
			check_words(ld, c->line, f, c->value);
		else if (f->kind == FACT_TRI && strcmp(c->value, "yes") && strcmp(c->value, "no"))
			problem(ld, c->line, "value '%s' is not allowed for fact '%s' (allowed: yes no)",
			        c->value, f->name);
		else if (f->kind == FACT_COUNT && parse_count(c->value, &c->number) < 0)
			problem(ld, c->line, "value '%s' of fact '%s' is not a count", c->value, f->name);
		break;
	case COND_IN:
	case COND_HAS:
		c->value = prop(n, "value");
		if (f->kind != (c->kind == COND_IN ? FACT_ENUM : FACT_SET))
			problem(ld, c->line, "<%s> needs %s fact, '%s' is not one", name,
			        c->kind == COND_IN ? "an enum" : "a set", f->name);
		else
			check_words(ld, c->line, f, c->value);
		break;
	case COND_AT_LEAST:
	case COND_BELOW: {
		c->value = prop(n, "value");
		char *near = prop(n, "near-threshold");
		c->near = !near || strcmp(near, "no");
		free(near);
		if (f->kind != FACT_COUNT)
			problem(ld, c->line, "threshold <%s> on '%s', which is not a count fact", name,
			        f->name);
		else if (parse_count(c->value, &c->number) < 0)
			problem(ld, c->line, "threshold '%s' is not a count", c->value);
		break;
	}
	case COND_KNOWN:
		break;
	case COND_BEFORE:
		c->value = prop(n, "value");
		if (f->kind != FACT_DATE)
			problem(ld, c->line, "<before> on '%s', which is not a date fact", f->name);
		else if (!c->value || !is_iso_date(c->value))
			problem(ld, c->line, "<before> value '%s' is not a date", c->value ? c->value : "");
		break;
	case COND_MATCHES: {
		char *err = NULL;
		c->value = prop(n, "pattern");
		if (f->kind != FACT_TEXT && f->kind != FACT_ID) {
			problem(ld, c->line, "<matches> on '%s', which is not a text fact", f->name);
			break;
		}
		c->rx = rx_compile(c->value, &err);
		if (!c->rx)
			problem(ld, c->line, "bad pattern '%s': %s", c->value, err ? err : "?");
		free(err);
		break;
	}
	default:
		break;
	}
}

static int parse_cond(struct loader *ld, xmlNodePtr n, struct condition *c)
{
	memset(c, 0, sizeof(*c));
	c->kind = (enum cond_kind)cond_kind_of(n);
	c->fact = -1;
	c->line = xmlGetLineNo(n);
	c->index = ld->rs->nr_conditions++;
	if (c->kind != COND_ALL && c->kind != COND_ANY && c->kind != COND_NOT) {
		parse_leaf(ld, n, c);
		return 0;
	}
	size_t alloc = 0;
	for (xmlNodePtr k = n->children; k; k = k->next) {
		if (cond_kind_of(k) < 0)
			continue;
		ALLOC_GROW(c->children, c->nr_children + 1, alloc);
		parse_cond(ld, k, &c->children[c->nr_children++]);
	}
	if (!c->nr_children || (c->kind == COND_NOT && c->nr_children != 1))
		problem(ld, c->line, "<%s> needs %s condition", cond_name(c->kind),
		        c->kind == COND_NOT ? "exactly one" : "at least one");
	return 0;
}

/* The first condition element among n's children, or NULL. */
static xmlNodePtr first_cond(xmlNodePtr n)
{
	for (xmlNodePtr k = n->children; k; k = k->next)
		if (cond_kind_of(k) >= 0)
			return k;
	return NULL;
}

/* ---- clauses ---- */

/* Is id "RS-article" or "RS-article.clause" with an optional point: a
 * letter a-z or đ (Vietnamese texts letter their points a, b, c, d, đ, e)? */
static int clause_id_ok(const char *rs_id, const char *id)
{
	size_t n = strlen(rs_id);
	if (strncmp(id, rs_id, n) || id[n] != '-')
		return 0;
	const char *p = id + n + 1;
	if (*p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (!*p)
		return 1;
	if (*p++ != '.' || *p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p >= 'a' && *p <= 'z')
		p++;
	else if (!strncmp(p, "\xc4\x91", 2))
		p += 2;
	return !*p;
}

static int parse_level(const char *s, int *out)
{
	long long v;
	if (!s || parse_count(s, &v) < 0 || v < 1 || v > 5)
		return -1;
	*out = (int)v;
	return 0;
}

/* Check that s is an article (article.h) of a document the rule set
 * declares; with ref / ref_en, store its forms for people. */
static void check_article(struct loader *ld, long line, const char *s, char **ref, char **ref_en)
{
	struct article a;
	if (article_parse(s, &a) < 0) {
		problem(ld, line, "article '%s' is not of the form DOC 9, DOC 9.2, DOC 9.2c or "
		                  "DOC PLIII I.1.1", s);
		return;
	}
	if (!legal_document_find(ld->rs->documents, ld->rs->nr_documents, a.doc)) {
		problem(ld, line, "article '%s' cites document '%s', which the rule set does not "
		                  "declare (<document id=\"%s\" .../>)", s, a.doc, a.doc);
		return;
	}
	if (ref) {
		struct strbuf sb;
		strbuf_init(&sb);
		ruleset_article(ld->rs, s, 0, &sb);
		free(*ref);
		*ref = strbuf_detach(&sb);
		ruleset_article(ld->rs, s, 1, &sb);
		free(*ref_en);
		*ref_en = strbuf_detach(&sb);
	}
}

/* <reading ref="ID"> inside a clause, with an optional condition. */
static void parse_clause_reading(struct loader *ld, struct clause *cl, xmlNodePtr n)
{
	struct clause_reading *r = &cl->readings[cl->nr_readings];
	long line = xmlGetLineNo(n);
	char *ref = prop(n, "ref");
	int k = ruleset_reading_index(ld->rs, ref);
	if (k < 0) {
		problem(ld, line, "clause '%s': reading '%s' is not declared", cl->id, ref ? ref : "");
		free(ref);
		return;
	}
	free(ref);
	memset(r, 0, sizeof(*r));
	r->reading = (size_t)k;
	r->line = line;
	xmlNodePtr c = first_cond(n);
	if (c) {
		parse_cond(ld, c, &r->cond);
		r->conditional = 1;
	}
	cl->nr_readings++;
}

/* A <reading id> of the rule set. */
static void parse_reading(struct loader *ld, xmlNodePtr n)
{
	struct ruleset *rs = ld->rs;
	struct reading_def *r = &rs->readings[rs->nr_readings];
	memset(r, 0, sizeof(*r));
	r->line = xmlGetLineNo(n);
	r->id = prop(n, "id");
	if (!r->id)
		r->id = xstrdup("");
	if (ruleset_reading_index(rs, r->id) >= 0)
		problem(ld, r->line, "duplicate reading id '%s'", r->id);
	for (xmlNodePtr k = n->children; k; k = k->next)
		if (is_element(k, "text"))
			take_text(k, &r->text_vi, &r->text_en);
	if (!r->text_vi || !r->text_en)
		problem(ld, r->line, "reading '%s' needs a text in vi and in en", r->id);
	rs->nr_readings++;
}

/* A <document id vi en/> of the rule set. */
static void parse_document(struct loader *ld, xmlNodePtr n)
{
	struct ruleset *rs = ld->rs;
	struct legal_document *d = &rs->documents[rs->nr_documents];
	d->id = prop(n, "id");
	d->vi = prop(n, "vi");
	d->en = prop(n, "en");
	if (!d->id)
		d->id = xstrdup("");
	if (!d->vi)
		d->vi = xstrdup(d->id);
	if (!d->en)
		d->en = xstrdup(d->vi);
	if (legal_document_find(rs->documents, rs->nr_documents, d->id))
		problem(ld, xmlGetLineNo(n), "document '%s' is declared twice", d->id);
	rs->nr_documents++;
}

static void parse_clause(struct loader *ld, xmlNodePtr n)
{
	struct ruleset *rs = ld->rs;
	struct clause *cl = &rs->clauses[rs->nr_clauses++];
	memset(cl, 0, sizeof(*cl));
	cl->line = xmlGetLineNo(n);
	cl->level_from = -1;
	cl->id = prop(n, "id");
	cl->ref = prop(n, "ref");
	cl->article = prop(n, "article");
	if (!cl->id)
		cl->id = xstrdup("");
	if (!clause_id_ok(rs->id, cl->id))
		problem(ld, cl->line, "clause id '%s' is not of the form %s-article.clause[point]",
		        cl->id, rs->id);
	size_t first;
	if (strmap_put(&ld->ids, cl->id, (size_t)cl->line, &first))
		problem(ld, cl->line, "duplicate clause id '%s' (first at line %zu)", cl->id, first);

	char *level = prop(n, "level"), *from = prop(n, "level-from");
	if (level && parse_level(level, &cl->level) < 0)
		problem(ld, cl->line, "clause '%s': level %s is outside 1..5", cl->id, level);
	if (from) {
		cl->level_from = fact_lookup(from);
		if (cl->level_from < 0)
			problem(ld, cl->line, "clause '%s': unknown fact '%s'", cl->id, from);
		else if (fact_def((enum fact_id)cl->level_from)->kind != FACT_COUNT)
			problem(ld, cl->line, "clause '%s': level-from '%s' is not a count fact", cl->id,
			        from);
	}
	if (!level && !from)
		problem(ld, cl->line, "clause '%s' has no level", cl->id);
	free(level);
	free(from);

	if (cl->article)
		check_article(ld, cl->line, cl->article, &cl->ref, &cl->ref_en);
	else if (!cl->ref)
		problem(ld, cl->line, "clause '%s' cites no article", cl->id);
	else
		cl->ref_en = xstrdup(cl->ref);

	size_t nr_readings = 0;
	for (xmlNodePtr k = n->children; k; k = k->next)
		nr_readings += is_element(k, "reading");
	cl->readings = nr_readings ? xcalloc(nr_readings, sizeof(*cl->readings)) : NULL;
	for (xmlNodePtr k = n->children; k; k = k->next)
		if (is_element(k, "text"))
			take_text(k, &cl->text_vi, &cl->text_en);
		else if (is_element(k, "reading"))
			parse_clause_reading(ld, cl, k);
	if (!cl->text_vi || !cl->text_en)
		problem(ld, cl->line, "clause '%s' needs a text in vi and in en", cl->id);
	xmlNodePtr c = first_cond(n);
	if (c)
		parse_cond(ld, c, &cl->cond);
	else
		problem(ld, cl->line, "clause '%s' has no condition", cl->id);
}

static void parse_gap(struct loader *ld, xmlNodePtr n)
{
	struct ruleset *rs = ld->rs;
	struct gap *g = &rs->gaps[rs->nr_gaps++];
	memset(g, 0, sizeof(*g));
	g->line = xmlGetLineNo(n);
	for (xmlNodePtr k = n->children; k; k = k->next)
		if (is_element(k, "text"))
			take_text(k, &g->text_vi, &g->text_en);
	if (!g->text_vi || !g->text_en)
		problem(ld, g->line, "gap needs a text in vi and in en");
	xmlNodePtr c = first_cond(n);
	if (c)
		parse_cond(ld, c, &g->cond);
	else
		problem(ld, g->line, "gap has no condition");
}

/* The level attribute of a rule: 1..5, or 0 when absent. -1 after a
 * problem. */
static int rule_level(struct loader *ld, xmlNodePtr n, const char *what)
{
	char *level = prop(n, "level");
	int lv = 0;
	if (level && parse_level(level, &lv) < 0) {
		problem(ld, xmlGetLineNo(n), "%s level %s is outside 1..5", what, level);
		lv = -1;
	}
	free(level);
	return lv;
}

/* The severity attribute (info | warning | critical); -1 after a problem. */
static int rule_severity(struct loader *ld, xmlNodePtr n)
{
	char *sev = prop(n, "severity");
	int v = severity_parse(sev);
	if (v < 0)
		problem(ld, xmlGetLineNo(n), "severity '%s' is not info, warning or critical",
		        sev ? sev : "");
	free(sev);
	return v;
}

/* Texts and the optional condition of a rule element. */
static void rule_body(struct loader *ld, xmlNodePtr n, char **vi, char **en,
                      int *conditional, struct condition *cond)
{
	for (xmlNodePtr k = n->children; k; k = k->next)
		if (is_element(k, "text"))
			take_text(k, vi, en);
	xmlNodePtr c = first_cond(n);
	if (c) {
		parse_cond(ld, c, cond);
		*conditional = 1;
	}
}

static void parse_inspection(struct loader *ld, xmlNodePtr n)
{
	struct ruleset *rs = ld->rs;
	struct inspection_rule *ir = &rs->inspections[rs->nr_inspections++];
	long line = xmlGetLineNo(n);
	char *months = prop(n, "months"), *indep = prop(n, "independent"), *basis = prop(n, "basis");
	long long m;
	memset(ir, 0, sizeof(*ir));
	ir->line = line;
	ir->level = rule_level(ld, n, "inspection");
	ir->severity = rule_severity(ld, n);
	if (!months || parse_count(months, &m) < 0 || m < 1 || m > 1200)
		problem(ld, line, "inspection months '%s' is not a count of months", months ? months : "");
	else
		ir->months = (int)m;
	int ind = independence_parse(indep);
	if (ind < 0)
		problem(ld, line, "inspection independent '%s' is not no, internal or licensed",
		        indep ? indep : "");
	ir->independent = ind < 0 ? INDEP_NONE : (enum independence)ind;
	ir->basis = !strcmp(basis ? basis : "", "policy")     ? CADENCE_POLICY
	            : !strcmp(basis ? basis : "", "reminder") ? CADENCE_REMINDER
	                                                      : CADENCE_LAW;
	ir->article = prop(n, "article");
	if (ir->article)
		check_article(ld, line, ir->article, &ir->ref_vi, &ir->ref_en);
	rule_body(ld, n, &ir->text_vi, &ir->text_en, &ir->conditional, &ir->cond);
	if (ir->basis != CADENCE_LAW && (!ir->text_vi || !ir->text_en))
		problem(ld, line, "an inspection of basis %s needs a text in vi and in en saying what "
		                  "it rests on", cadence_basis_name(ir->basis));
	if (ir->basis == CADENCE_LAW && !ir->article)
		problem(ld, line, "an inspection of basis law cites no article");
	/* two unconditional rules for one level: the second could never apply */
	for (size_t i = 0; i + 1 < rs->nr_inspections && !ir->conditional; i++)
		if (!rs->inspections[i].conditional && rs->inspections[i].level == ir->level)
			problem(ld, line, "duplicate inspection rule for level %d (first at line %ld)",
			        ir->level, rs->inspections[i].line);
	free(months);
	free(indep);
	free(basis);
}

static void parse_licensed(struct loader *ld, xmlNodePtr n)
{
	struct ruleset *rs = ld->rs;
	struct licensed_rule *lr = &rs->licensed[rs->nr_licensed++];
	memset(lr, 0, sizeof(*lr));
	lr->line = xmlGetLineNo(n);
	lr->level = rule_level(ld, n, "licensed-inspection");
	lr->severity = rule_severity(ld, n);
	lr->article = prop(n, "article");
	if (lr->article)
		check_article(ld, lr->line, lr->article, &lr->ref_vi, &lr->ref_en);
	else
		problem(ld, lr->line, "licensed-inspection cites no article");
	rule_body(ld, n, &lr->text_vi, &lr->text_en, &lr->conditional, &lr->cond);
	if (!lr->text_vi || !lr->text_en)
		problem(ld, lr->line, "licensed-inspection needs a text in vi and in en");
}

/* An optional date attribute; NULL when absent, reported when not a date. */
static char *date_prop(struct loader *ld, xmlNodePtr n, const char *name)
{
	char *v = prop(n, name);
	if (v && !is_iso_date(v))
		problem(ld, xmlGetLineNo(n), "%s '%s' is not a date", name, v);
	return v;
}

static void parse_delegate(struct loader *ld, xmlNodePtr n)
{
	struct ruleset *rs = ld->rs;
	struct delegate *d = &rs->delegates[rs->nr_delegates++];
	memset(d, 0, sizeof(*d));
	d->line = xmlGetLineNo(n);
	d->rules = prop(n, "rules");
	d->from = date_prop(ld, n, "from");
	d->until = date_prop(ld, n, "until");
	char *auto_only = prop(n, "auto-only");
	d->auto_only = auto_only && !strcmp(auto_only, "yes");
	free(auto_only);
	d->article = prop(n, "article");
	if (d->article)
		check_article(ld, d->line, d->article, NULL, NULL);
	else
		problem(ld, d->line, "delegate cites no article");
	if (d->rules && rs->id && !strcmp(d->rules, rs->id))
		problem(ld, d->line, "rule set %s delegates to itself", rs->id);
	rule_body(ld, n, &d->text_vi, &d->text_en, &d->conditional, &d->cond);
	if (!d->text_vi || !d->text_en)
		problem(ld, d->line, "delegate needs a text in vi and in en");
}

static void parse_kept(struct loader *ld, xmlNodePtr n)
{
	struct ruleset *rs = ld->rs;
	struct kept_approval *k = &rs->kept[rs->nr_kept++];
	memset(k, 0, sizeof(*k));
	k->line = xmlGetLineNo(n);
	k->rules = prop(n, "rules");
	k->article = prop(n, "article");
	if (k->article)
		check_article(ld, k->line, k->article, &k->ref_vi, &k->ref_en);
	else
		problem(ld, k->line, "keeps-approval cites no article");
	k->severity = rule_severity(ld, n);
	k->measures_by = date_prop(ld, n, "measures-by");
	k->measures_article = prop(n, "measures-article");
	if (k->measures_article)
		check_article(ld, k->line, k->measures_article, &k->measures_ref_vi, &k->measures_ref_en);
	char *before = prop(n, "measures-severity"), *after = prop(n, "overdue-severity");
	k->before_severity = before ? severity_parse(before) : SEV_INFO;
	k->after_severity = after ? severity_parse(after) : SEV_WARNING;
	if (k->before_severity < 0 || k->after_severity < 0)
		problem(ld, k->line, "a severity of keeps-approval is not info, warning or critical");
	if (k->measures_by && !k->measures_article)
		problem(ld, k->line, "keeps-approval gives measures-by without measures-article");
	free(before);
	free(after);
}

static void parse_hosting(struct loader *ld, xmlNodePtr n)
{
	struct ruleset *rs = ld->rs;
	struct hosting_rule *h = &rs->hosting[rs->nr_hosting++];
	memset(h, 0, sizeof(*h));
	h->line = xmlGetLineNo(n);
	h->level = rule_level(ld, n, "hosting");
	char *sep = prop(n, "separation");
	h->physical = sep && !strcmp(sep, "physical");
	free(sep);
	h->article = prop(n, "article");
	if (h->article)
		check_article(ld, h->line, h->article, NULL, NULL);
	else
		problem(ld, h->line, "hosting cites no article");
	char *vi = NULL, *en = NULL;
	rule_body(ld, n, &vi, &en, &h->conditional, &h->cond);
	free(vi);
	free(en);
}

/* <catalogue file kind>: the rule set's requirement catalogue, beside it. */
static void parse_catalogue(struct loader *ld, xmlNodePtr n)
{
	struct ruleset *rs = ld->rs;
	char *file = prop(n, "file"), *kind = prop(n, "kind");
	long line = xmlGetLineNo(n);
	if (rs->catalogue)
		problem(ld, line, "a second <catalogue>");
	else if (!file || !*file || strchr(file, '/') || file[0] == '.')
		problem(ld, line, "catalogue '%s' is not a file name beside the rule set",
		        file ? file : "");
	else {
		const char *slash = strrchr(ld->file, '/');
		struct strbuf sb;
		strbuf_init(&sb);
		if (slash)
			strbuf_add(&sb, ld->file, (size_t)(slash - ld->file + 1));
		strbuf_addstr(&sb, file);
		rs->catalogue = strbuf_detach(&sb);
		rs->catalogue_mapped = kind && !strcmp(kind, "mapped-by-level");
		rs->catalogue_text = text_of(n);
	}
	free(file);
	free(kind);
}

/* ---- the rule set ---- */

static void build(struct loader *ld, xmlNodePtr root)
{
	struct ruleset *rs = ld->rs;
	rs->id = prop(root, "id");
	rs->version = prop(root, "version");
	rs->effective_from = prop(root, "effective-from");
	rs->effective_to = prop(root, "effective-to");
	if (!rs->id)
		rs->id = xstrdup("");
	long line = xmlGetLineNo(root);
	if (!rs->effective_from || !is_iso_date(rs->effective_from))
		problem(ld, line, "effective-from '%s' is not a date",
		        rs->effective_from ? rs->effective_from : "");
	if (rs->effective_to && !is_iso_date(rs->effective_to))
		problem(ld, line, "effective-to '%s' is not a date", rs->effective_to);
	else if (rs->effective_to && rs->effective_from &&
	         strcmp(rs->effective_to, rs->effective_from) < 0)
		problem(ld, line, "effective-to %s is before effective-from %s", rs->effective_to,
		        rs->effective_from);

	rs->document = prop(root, "document");
	char *selection = prop(root, "selection");
	rs->selectable = !selection || strcmp(selection, "explicit");
	free(selection);
	size_t nr_clauses = 0, nr_gaps = 0, nr_docs = 0, nr_readings = 0, nr_insp = 0, nr_lic = 0;
	size_t nr_del = 0, nr_kept = 0, nr_host = 0;
	for (xmlNodePtr k = root->children; k; k = k->next) {
		nr_host += is_element(k, "hosting");
		nr_del += is_element(k, "delegate");
		nr_kept += is_element(k, "keeps-approval");
		nr_insp += is_element(k, "inspection");
		nr_lic += is_element(k, "licensed-inspection");
		nr_clauses += is_element(k, "clause");
		nr_gaps += is_element(k, "gap");
		nr_docs += is_element(k, "document");
		nr_readings += is_element(k, "reading");
	}
	rs->clauses = xcalloc(nr_clauses ? nr_clauses : 1, sizeof(*rs->clauses));
	rs->gaps = xcalloc(nr_gaps ? nr_gaps : 1, sizeof(*rs->gaps));
	rs->documents = xcalloc(nr_docs ? nr_docs : 1, sizeof(*rs->documents));
	rs->readings = xcalloc(nr_readings ? nr_readings : 1, sizeof(*rs->readings));
	rs->inspections = xcalloc(nr_insp ? nr_insp : 1, sizeof(*rs->inspections));
	rs->licensed = xcalloc(nr_lic ? nr_lic : 1, sizeof(*rs->licensed));
	rs->delegates = xcalloc(nr_del ? nr_del : 1, sizeof(*rs->delegates));
	rs->kept = xcalloc(nr_kept ? nr_kept : 1, sizeof(*rs->kept));
	rs->hosting = xcalloc(nr_host ? nr_host : 1, sizeof(*rs->hosting));
	/* documents and readings first: the clauses refer to them */
	for (xmlNodePtr k = root->children; k; k = k->next)
		if (is_element(k, "document"))
			parse_document(ld, k);
		else if (is_element(k, "reading"))
			parse_reading(ld, k);
	if (rs->document && !legal_document_find(rs->documents, rs->nr_documents, rs->document))
		problem(ld, line, "rule set document '%s' is not declared", rs->document);
	for (xmlNodePtr k = root->children; k; k = k->next) {
		if (is_element(k, "title"))
			take_text(k, &rs->title_vi, &rs->title_en);
		else if (is_element(k, "basis")) {
			free(rs->basis);
			rs->basis = text_of(k);
		} else if (is_element(k, "inspection"))
			parse_inspection(ld, k);
		else if (is_element(k, "licensed-inspection"))
			parse_licensed(ld, k);
		else if (is_element(k, "delegate"))
			parse_delegate(ld, k);
		else if (is_element(k, "keeps-approval"))
			parse_kept(ld, k);
		else if (is_element(k, "hosting"))
			parse_hosting(ld, k);
		else if (is_element(k, "catalogue"))
			parse_catalogue(ld, k);
		else if (is_element(k, "clause"))
			parse_clause(ld, k);
		else if (is_element(k, "gap"))
			parse_gap(ld, k);
	}
	if (!rs->nr_clauses)
		problem(ld, line, "rule set '%s' has no clause", rs->id);
}

static int validate_schema(xmlDocPtr doc, const char *file)
{
	char *rng = data_path("criteria/schema/criteria.rng");
	struct xmlio_schema *schema = xmlio_schema_load(rng);
	int ret = schema ? xmlio_validate(schema, doc, file, "criteria") : -1;
	xmlio_schema_free(schema);
	free(rng);
	return ret;
}

/*
 * Load file. When skip_other is set, a well-formed document whose root is not
 * <ruleset> is skipped silently (returns 1, *out NULL).
 */
static int load_file(const char *file, int skip_other, struct ruleset **out)
{
	struct strbuf buf;
	xmlDocPtr doc = NULL;
	struct loader ld = {file, NULL, 0, {0}};
	int ret = -1;
	*out = NULL;
	strbuf_init(&buf);
	if (xmlio_slurp(file, &buf) < 0)
		goto out;
	/* a DOCTYPE is refused as it is read: entities are never expanded, so
	 * a DTD could only hide text */
	doc = xmlio_read_memory(file, buf.buf, buf.len, "a rule set");
	if (!doc)
		goto out;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!is_element(root, "ruleset")) {
		if (skip_other && root) {
			ret = 1;
			goto out;
		}
		error_at(file, root ? xmlGetLineNo(root) : 0, "not a rule set (root element <%s>)",
		         root ? (const char *)root->name : "");
		goto out;
	}
	if (validate_schema(doc, file) < 0)
		goto out;
	ld.rs = xcalloc(1, sizeof(*ld.rs));
	ld.rs->file = xstrdup(file);
	sha256_hex(buf.buf, buf.len, ld.rs->sha256);
	strmap_init(&ld.ids);
	build(&ld, root);
	strmap_release(&ld.ids);
	if (ld.problems) {
		error_at(file, 0, "rule set rejected: %d problem%s", ld.problems,
		         ld.problems == 1 ? "" : "s");
		ruleset_free(ld.rs);
		goto out;
	}
	*out = ld.rs;
	ret = 0;
out:
	xmlFreeDoc(doc);
	strbuf_release(&buf);
	return ret;
}

int criteria_load(const char *file, struct ruleset **out)
{
	return load_file(file, 0, out);
}

void ruleset_free(struct ruleset *rs)
{
	if (!rs)
		return;
	for (size_t i = 0; i < rs->nr_clauses; i++) {
		struct clause *cl = &rs->clauses[i];
		free(cl->id);
		free(cl->ref);
		free(cl->ref_en);
		free(cl->article);
		free(cl->text_vi);
		free(cl->text_en);
		for (size_t r = 0; r < cl->nr_readings; r++)
			condition_release(&cl->readings[r].cond);
		free(cl->readings);
		condition_release(&cl->cond);
	}
	free(rs->clauses);
	for (size_t i = 0; i < rs->nr_readings; i++) {
		free(rs->readings[i].id);
		free(rs->readings[i].text_vi);
		free(rs->readings[i].text_en);
	}
	free(rs->readings);
	legal_documents_free(rs->documents, rs->nr_documents);
	free(rs->document);
	for (size_t i = 0; i < rs->nr_inspections; i++) {
		free(rs->inspections[i].article);
		free(rs->inspections[i].ref_vi);
		free(rs->inspections[i].ref_en);
		free(rs->inspections[i].text_vi);
		free(rs->inspections[i].text_en);
		condition_release(&rs->inspections[i].cond);
	}
	free(rs->inspections);
	for (size_t i = 0; i < rs->nr_licensed; i++) {
		free(rs->licensed[i].article);
		free(rs->licensed[i].ref_vi);
		free(rs->licensed[i].ref_en);
		free(rs->licensed[i].text_vi);
		free(rs->licensed[i].text_en);
		condition_release(&rs->licensed[i].cond);
	}
	free(rs->licensed);
	for (size_t i = 0; i < rs->nr_delegates; i++) {
		struct delegate *d = &rs->delegates[i];
		free(d->rules);
		free(d->from);
		free(d->until);
		free(d->article);
		free(d->text_vi);
		free(d->text_en);
		condition_release(&d->cond);
	}
	free(rs->delegates);
	for (size_t i = 0; i < rs->nr_kept; i++) {
		free(rs->kept[i].rules);
		free(rs->kept[i].article);
		free(rs->kept[i].ref_vi);
		free(rs->kept[i].ref_en);
		free(rs->kept[i].measures_by);
		free(rs->kept[i].measures_article);
		free(rs->kept[i].measures_ref_vi);
		free(rs->kept[i].measures_ref_en);
	}
	free(rs->kept);
	for (size_t i = 0; i < rs->nr_hosting; i++) {
		free(rs->hosting[i].article);
		condition_release(&rs->hosting[i].cond);
	}
	free(rs->hosting);
	free(rs->catalogue);
	free(rs->catalogue_text);
	for (size_t i = 0; i < rs->nr_gaps; i++) {
		free(rs->gaps[i].text_vi);
		free(rs->gaps[i].text_en);
		condition_release(&rs->gaps[i].cond);
	}
	free(rs->gaps);
	free(rs->id);
	free(rs->version);
	free(rs->effective_from);
	free(rs->effective_to);
	free(rs->title_vi);
	free(rs->title_en);
	free(rs->basis);
	free(rs->file);
	free(rs);
}

void ruleset_list_free(struct ruleset **list, size_t nr)
{
	if (!list)
		return;
	for (size_t i = 0; i < nr; i++)
		ruleset_free(list[i]);
	free(list);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int criteria_load_all(struct ruleset ***out, size_t *nr)
{
	char *dir = xstrdup(criteria_dir());
	struct ruleset **list = NULL;
	size_t n = 0, alloc = 0;
	char **names = NULL;
	size_t nr_names = 0, alloc_names = 0;
	int ret = 0;
	*out = NULL;
	*nr = 0;
	DIR *d = opendir(dir);
	if (!d) {
		error("cannot open the criteria directory %s: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".xml") || e->d_name[0] == '.')
			continue;
		ALLOC_GROW(names, nr_names + 1, alloc_names);
		names[nr_names++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (nr_names)
		qsort(names, nr_names, sizeof(*names), by_name);
	for (size_t i = 0; i < nr_names; i++) {
		struct strbuf path;
		struct ruleset *rs;
		strbuf_init(&path);
		strbuf_addf(&path, "%s/%s", dir, names[i]);
		int rc = load_file(path.buf, 1, &rs);
		strbuf_release(&path);
		free(names[i]);
		if (rc < 0)
			ret = -1;
		if (rc != 0)
			continue;
		ALLOC_GROW(list, n + 1, alloc);
		list[n++] = rs;
	}
	free(names);
	free(dir);
	if (ret < 0) {
		ruleset_list_free(list, n);
		return -1;
	}
	*out = list;
	*nr = n;
	return 0;
}

int ruleset_list_index(struct ruleset *const *list, size_t n, const char *id)
{
	for (size_t i = 0; id && i < n; i++)
		if (!strcmp(list[i]->id, id))
			return (int)i;
	return -1;
}

int criteria_choose(struct ruleset *const *list, size_t n, const char *rules, const char *date)
{
	long pick = -1;
	if (!rules)
		rules = "auto";
	int by_date = !strcmp(rules, "auto");
	if (by_date && (!date || !is_iso_date(date)))
		return error("rule set 'auto' needs a date, got '%s'", date ? date : "");
	for (size_t i = 0; i < n; i++) {
		const struct ruleset *rs = list[i];
		for (size_t j = 0; j < i; j++)
			if (!strcmp(list[j]->id, rs->id))
				return error("rule set %s is defined twice: %s and %s", rs->id, list[j]->file,
				             rs->file);
		int hit;
		if (by_date)
			hit = rs->selectable && strcmp(rs->effective_from, date) <= 0 &&
			      (!rs->effective_to || strcmp(date, rs->effective_to) <= 0);
		else
			hit = !strcmp(rs->id, rules);
		if (!hit)
			continue;
		if (pick >= 0)
			return error("rule sets %s and %s are both in force on %s", list[pick]->id, rs->id,
			             date);
		pick = (long)i;
	}
	if (pick < 0) {
		if (by_date)
			return error("no rule set is in force on %s", date);
		return error("unknown rule set '%s'", rules);
	}
	return (int)pick;
}

int criteria_find(const char *rules, const char *date, struct ruleset **out)
{
	struct ruleset **list;
	size_t nr;
	*out = NULL;
	if ((!rules || !strcmp(rules, "auto")) && (!date || !is_iso_date(date)))
		return error("rule set 'auto' needs a date, got '%s'", date ? date : "");
	if (criteria_load_all(&list, &nr) < 0)
		return -1;
	int pick = criteria_choose(list, nr, rules, date);
	if (pick >= 0) {
		*out = list[pick];
		list[pick] = NULL;
	}
	ruleset_list_free(list, nr);
	return pick < 0 ? -1 : 0;
}

const struct kept_approval *ruleset_kept_approval(const struct ruleset *rs, const char *rules)
{
	for (size_t i = 0; rs && rules && i < rs->nr_kept; i++)
		if (!strcmp(rs->kept[i].rules, rules))
			return &rs->kept[i];
	return NULL;
}

int ruleset_clause_index(const struct ruleset *rs, const char *id)
{
	if (!rs || !id)
		return -1;
	for (size_t i = 0; i < rs->nr_clauses; i++)
		if (!strcmp(rs->clauses[i].id, id))
			return (int)i;
	return -1;
}

int ruleset_reading_index(const struct ruleset *rs, const char *id)
{
	if (!rs || !id)
		return -1;
	for (size_t i = 0; i < rs->nr_readings; i++)
		if (rs->readings[i].id && !strcmp(rs->readings[i].id, id))
			return (int)i;
	return -1;
}

void ruleset_article(const struct ruleset *rs, const char *s, int english, struct strbuf *sb)
{
	struct article a;
	const struct legal_document *doc = NULL;
	if (rs && article_parse(s, &a) == 0)
		doc = legal_document_find(rs->documents, rs->nr_documents, a.doc);
	article_format(s, doc, english, sb);
}

const struct inspection_rule *ruleset_inspection(const struct ruleset *rs, int level)
{
	for (size_t i = 0; rs && level >= 1 && level <= 5 && i < rs->nr_inspections; i++)
		if (!rs->inspections[i].conditional && rs->inspections[i].level == level)
			return &rs->inspections[i];
	return NULL;
}

void condition_format(const struct condition *c, struct strbuf *sb)
{
	const char *fact = c->fact >= 0 ? fact_def((enum fact_id)c->fact)->name : "?";
	switch (c->kind) {
	case COND_ALL:
	case COND_ANY:
	case COND_NOT:
		strbuf_addf(sb, "%s(", cond_name(c->kind));
		for (size_t i = 0; i < c->nr_children; i++) {
			if (i)
				strbuf_addstr(sb, ", ");
			condition_format(&c->children[i], sb);
		}
		strbuf_addstr(sb, ")");
		break;
	case COND_IS:
		strbuf_addf(sb, "%s = %s", fact, c->value ? c->value : "");
		break;
	case COND_IN:
		strbuf_addf(sb, "%s in {%s}", fact, c->value ? c->value : "");
		break;
	case COND_HAS:
		strbuf_addf(sb, "%s has %s", fact, c->value ? c->value : "");
		break;
	case COND_AT_LEAST:
		strbuf_addf(sb, "%s >= %lld", fact, c->number);
		break;
	case COND_BELOW:
		strbuf_addf(sb, "%s < %lld", fact, c->number);
		break;
	case COND_KNOWN:
		strbuf_addf(sb, "%s is stated", fact);
		break;
	case COND_MATCHES:
		strbuf_addf(sb, "%s matches /%s/", fact, c->value ? c->value : "");
		break;
	case COND_BEFORE:
		strbuf_addf(sb, "%s before %s", fact, c->value ? c->value : "");
		break;
	}
}
