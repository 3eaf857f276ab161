/*
 * requirements.c - the catalogue of requirements per level: load it
 * (schema, then meaning), decide which requirements apply to a system and
 * what the record's <controls> say about each.
 */
#include "requirements.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "diag.h"
#include "rx.h"
#include "sha256.h"
#include "util.h"
#include "xmlio.h"

enum cond_kind { COND_CLAUSE, COND_FACT, COND_NAME };

/* One condition of a <when>. */
struct requirement_cond {
	enum cond_kind kind;
	char *ids;       /* COND_CLAUSE: clause ids, space-separated, of any rule sets */
	int fact;        /* COND_FACT: enum fact_id */
	char *words;     /* COND_FACT: space-separated words, any of which holds */
	struct rx *rx;   /* COND_NAME: pattern over the system name */
};

struct requirement_when {
	struct requirement_cond *conds; /* all must hold */
	size_t nr_conds, alloc_conds;
};

static const char *const group_names[] = {"management", "design", "technical"};
static const char *const status_names[] = {"met",    "partial",        "planned",
                                           "not-met", "not-applicable", "waived",
                                           "waiver-expired", "unknown"};

const char *requirement_group_name(enum requirement_group g)
{
	return (unsigned)g < ARRAY_SIZE(group_names) ? group_names[g] : "?";
}

const char *requirement_status_name(enum requirement_status st)
{
	return (unsigned)st < ARRAY_SIZE(status_names) ? status_names[st] : "?";
}

/* ---- freeing ---------------------------------------------------------- */

static void whens_release(struct requirement_when *whens, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct requirement_when *w = &whens[i];
		for (size_t j = 0; j < w->nr_conds; j++) {
			free(w->conds[j].ids);
			free(w->conds[j].words);
			rx_free(w->conds[j].rx);
		}
		free(w->conds);
	}
	free(whens);
}

static void level_release(struct requirement_level *at)
{
	free(at->tcvn);
	free(at->note);
	free(at->article);
	whens_release(at->whens, at->nr_whens);
	whens_release(at->product_whens, at->nr_product_whens);
}

void requirements_free(struct requirement_catalogue *cat)
{
	if (!cat)
		return;
	for (size_t i = 0; i < cat->nr_reqs; i++) {
		struct requirement *r = &cat->reqs[i];
		free(r->id);
		free(r->label_vi);
		free(r->label_en);
		for (int l = 1; l <= 5; l++)
			level_release(&r->at[l]);
	}
	free(cat->reqs);
	free(cat->file);
	free(cat->effective_from);
	free(cat->effective_to);
	free(cat->article);
	legal_documents_free(cat->documents, cat->nr_documents);
	free(cat->rules);
	free(cat->title_vi);
	free(cat->title_en);
	free(cat);
}

/* ---- loading ---------------------------------------------------------- */

/* An attribute as an owned C string, or NULL. */
static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

static char *text_of(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	return s;
}

static int is_elem(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* Validate doc against the schema; 0 valid, -1 after reports. */
static int validate(xmlDocPtr doc, const char *file, const char *schema_path)
{
	struct xmlio_schema *schema = xmlio_schema_load(schema_path);
	int ret = schema ? xmlio_validate(schema, doc, file, "requirements") : -1;
	xmlio_schema_free(schema);
	return ret;
}

/* Read one condition element into c; 0 or -1 after a report. */
static int load_cond(const char *file, xmlNodePtr n, struct requirement_cond *c)
{
	long line = xmlGetLineNo(n);
	memset(c, 0, sizeof(*c));
	if (is_elem(n, "clause")) {
		c->kind = COND_CLAUSE;
		c->ids = attr(n, "ids");
		if (!c->ids)
			return error_at(file, line, "<clause> without ids");
		return 0;
	}
	if (is_elem(n, "fact")) {
		c->kind = COND_FACT;
		char *name = attr(n, "name");
		c->words = attr(n, "any");
		int id = name ? fact_lookup(name) : -1;
		if (id < 0) {
			error_at(file, line, "unknown fact '%s'", name ? name : "");
			free(name);
			return -1;
		}
		c->fact = id;
		const struct fact_def *def = fact_def((enum fact_id)id);
		const char *allowed = def->kind == FACT_TRI ? "yes no" : def->values;
		if (!allowed) {
			error_at(file, line, "fact '%s' is not a word-valued fact", name);
			free(name);
			return -1;
		}
		int ret = 0;
		for (const char *p = c->words ? c->words : ""; *p;) {
			size_t len = strcspn(p, " \t\n");
			if (len && !word_in_list(allowed, p, len))
				ret = error_at(file, line, "fact '%s' has no value '%.*s'", name, (int)len, p);
			p += len;
			p += strspn(p, " \t\n");
		}
		free(name);
		return ret;
	}
	if (is_elem(n, "name")) {
		c->kind = COND_NAME;
		char *pattern = attr(n, "pattern"), *err = NULL;
		c->rx = pattern ? rx_compile(pattern, &err) : NULL;
		if (!c->rx) {
			error_at(file, line, "bad pattern '%s': %s", pattern ? pattern : "",
			         err ? err : "missing");
			free(err);
			free(pattern);
			return -1;
		}
		free(pattern);
		return 0;
	}
	return error_at(file, line, "unknown condition <%s>", (const char *)n->name);
}

/* The <when> children of n into *whens; 0 or -1 after a report. */
static int load_whens(const char *file, xmlNodePtr n, struct requirement_when **whens,
                      size_t *nr_whens)
{
	size_t alloc = 0;
	int ret = 0;
	for (xmlNodePtr w = n->children; w; w = w->next) {
		if (!is_elem(w, "when"))
			continue;
		ALLOC_GROW(*whens, *nr_whens + 1, alloc);
		struct requirement_when *when = &(*whens)[(*nr_whens)++];
		memset(when, 0, sizeof(*when));
		for (xmlNodePtr c = w->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			ALLOC_GROW(when->conds, when->nr_conds + 1, when->alloc_conds);
			if (load_cond(file, c, &when->conds[when->nr_conds++]) < 0)
				ret = -1;
		}
	}
	return ret;
}

/* An article (article.h) citing a document the catalogue declares. */
static int check_article(const struct requirement_catalogue *cat, long line, const char *s)
{
	struct article a;
	if (article_parse(s, &a) < 0)
		return error_at(cat->file, line, "article '%s' is not of the form DOC 9.2c or "
		                                 "DOC PLIII I.1.1", s);
	if (!legal_document_find(cat->documents, cat->nr_documents, a.doc))
		return error_at(cat->file, line, "article '%s' cites document '%s', which the "
		                                 "catalogue does not declare", s, a.doc);
	return 0;
}

static int load_level(struct requirement_catalogue *cat, xmlNodePtr n, struct requirement *r)
{
	const char *file = cat->file;
	long line = xmlGetLineNo(n);
	char *nstr = attr(n, "n");
	long long lv = 0;
	int ret = 0;
	if (!nstr || parse_count(nstr, &lv) < 0 || lv < 1 || lv > 5) {
		free(nstr);
		return error_at(file, line, "level must be 1 to 5");
	}
	free(nstr);
	struct requirement_level *at = &r->at[lv];
	if (at->present)
		return error_at(file, line, "requirement '%s': level %lld given twice (first at line %ld)",
		                r->id, lv, at->line);
	at->present = 1;
	at->line = line;
	at->tcvn = attr(n, "tcvn");
	at->note = attr(n, "note");
	at->article = attr(n, "article");
	if (at->article && check_article(cat, line, at->article) < 0)
		ret = -1;
	if (load_whens(file, n, &at->whens, &at->nr_whens) < 0)
		ret = -1;
	for (xmlNodePtr p = n->children; p; p = p->next)
		if (is_elem(p, "product")) {
			at->has_product = 1;
			if (load_whens(file, p, &at->product_whens, &at->nr_product_whens) < 0)
				ret = -1;
		}
	return ret;
}

static int load_requirement(struct requirement_catalogue *cat, xmlNodePtr n, size_t *alloc)
{
	const char *file = cat->file;
	int ret = 0;
	ALLOC_GROW(cat->reqs, cat->nr_reqs + 1, *alloc);
	struct requirement *r = &cat->reqs[cat->nr_reqs++];
	memset(r, 0, sizeof(*r));
	r->line = xmlGetLineNo(n);
	r->id = attr(n, "id");
	if (!r->id) {
		r->id = xstrdup("");
		ret = error_at(file, r->line, "requirement without id");
	}
	for (size_t i = 0; i + 1 < cat->nr_reqs; i++)
		if (!strcmp(cat->reqs[i].id, r->id))
			ret = error_at(file, r->line, "duplicate requirement id '%s' (first at line %ld)",
			               r->id, cat->reqs[i].line);
	char *group = attr(n, "group");
	r->group = REQ_MANAGEMENT;
	for (size_t g = 0; g < ARRAY_SIZE(group_names); g++)
		if (group && !strcmp(group, group_names[g]))
			r->group = (enum requirement_group)g;
	free(group);
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is_elem(c, "label")) {
			xmlChar *lang = xmlNodeGetLang(c);
			char **slot = lang && !strcmp((const char *)lang, "en") ? &r->label_en : &r->label_vi;
			free(*slot);
			*slot = text_of(c);
			xmlFree(lang);
		} else if (is_elem(c, "level")) {
			if (load_level(cat, c, r) < 0)
				ret = -1;
		}
	}
	if (!r->label_vi || !r->label_en)
		ret = error_at(file, r->line, "requirement '%s' needs a vi and an en label", r->id);
	return ret;
}

struct requirement_catalogue *requirements_load(const char *path, const char *schema_path)
{
	struct requirement_catalogue *cat = NULL;
	int bad = 0;
	if (!path || !schema_path) {
		error("requirements: no catalogue or schema given");
		return NULL;
	}
	xmlDocPtr doc = xmlio_read_doc(path, "a requirements catalogue");
	if (!doc)
		return NULL;
	if (validate(doc, path, schema_path) < 0)
		goto out;
	cat = xcalloc(1, sizeof(*cat));
	cat->file = xstrdup(path);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	cat->rules = attr(root, "rules");
	cat->title_vi = attr(root, "title-vi");
	cat->title_en = attr(root, "title-en");
	cat->effective_from = attr(root, "effective-from");
	cat->effective_to = attr(root, "effective-to");
	cat->article = attr(root, "article");
	sha256_file_hex(path, cat->sha256);
	size_t alloc = 0, alloc_docs = 0;
	for (xmlNodePtr n = root->children; n; n = n->next)
		if (is_elem(n, "document")) {
			ALLOC_GROW(cat->documents, cat->nr_documents + 1, alloc_docs);
			struct legal_document *d = &cat->documents[cat->nr_documents++];
			d->id = attr(n, "id");
			d->vi = attr(n, "vi");
			d->en = attr(n, "en");
		}
	if (cat->article && check_article(cat, xmlGetLineNo(root), cat->article) < 0)
		bad = -1;
	for (xmlNodePtr n = root->children; n; n = n->next)
		if (is_elem(n, "requirement") && load_requirement(cat, n, &alloc) < 0)
			bad = -1;
	if (bad) {
		requirements_free(cat);
		cat = NULL;
	}
out:
	xmlFreeDoc(doc);
	return cat;
}

const struct requirement *requirements_find(const struct requirement_catalogue *cat,
                                            const char *id)
{
	if (!cat || !id)
		return NULL;
	for (size_t i = 0; i < cat->nr_reqs; i++)
		if (!strcmp(cat->reqs[i].id, id))
			return &cat->reqs[i];
	return NULL;
}

/* ---- evaluation ------------------------------------------------------- */

/* Does a held clause id equal prefix (len bytes), or prefix followed by a
 * point letter? */
static int clause_held(const char *prefix, size_t len, const char *const *held, size_t nr_held)
{
	for (size_t i = 0; i < nr_held; i++) {
		const char *id = held[i];
		if (id && !strncmp(id, prefix, len) &&
		    (id[len] == '\0' || (id[len] >= 'a' && id[len] <= 'z' && !id[len + 1]) ||
		     !strcmp(id + len, "\xc4\x91")))
			return 1;
	}
	return 0;
}

struct eval_ctx {
	const struct requirement_catalogue *cat;
	const struct system_record *rec;
	const char *rules;
	const char *const *held;
	size_t nr_held;
};

static enum tri cond_eval(const struct eval_ctx *ec, const struct requirement_cond *c)
{
	switch (c->kind) {
	case COND_CLAUSE: {
		/* the ids of the system's rule set ("RULES-...") decide; none
		 * listed: the catalogue does not say, so unknown */
		size_t rl = ec->rules ? strlen(ec->rules) : 0;
		int listed = 0;
		for (const char *p = c->ids; rl && *p;) {
			size_t len = strcspn(p, " \t\n");
			if (len > rl && !strncmp(p, ec->rules, rl) && p[rl] == '-') {
				listed = 1;
				if (clause_held(p, len, ec->held, ec->nr_held))
					return TRI_YES;
			}
			p += len;
			p += strspn(p, " \t\n");
		}
		return listed ? TRI_NO : TRI_UNKNOWN;
	}
	case COND_FACT: {
		const char *v = ec->rec->value[c->fact];
		if (!v || !strcmp(v, "unknown"))
			return TRI_UNKNOWN;
		for (const char *p = v; *p;) {
			size_t len = strcspn(p, " \t\n");
			if (len && word_in_list(c->words, p, len))
				return TRI_YES;
			p += len;
			p += strspn(p, " \t\n");
		}
		return TRI_NO;
	}
	case COND_NAME: {
		const char *name = ec->rec->value[F_NAME];
		if (!name)
			return TRI_UNKNOWN;
		int m = rx_match(c->rx, name, strlen(name), NULL);
		return m < 0 ? TRI_UNKNOWN : m ? TRI_YES : TRI_NO;
	}
	}
	return TRI_UNKNOWN;
}

/* Three-valued: does any of whens hold (OR of ANDs; none: yes)? Conditions
 * have no side effects, so a conjunction stops at its first no and the
 * disjunction at its first yes: the cheap clause test usually spares the
 * name pattern. */
static enum tri whens_hold(const struct eval_ctx *ec, const struct requirement_when *whens,
                           size_t nr_whens)
{
	if (!nr_whens)
		return TRI_YES;
	enum tri any = TRI_NO;
	for (size_t i = 0; i < nr_whens && any != TRI_YES; i++) {
		enum tri all = TRI_YES;
		for (size_t j = 0; j < whens[i].nr_conds && all != TRI_NO; j++) {
			enum tri t = cond_eval(ec, &whens[i].conds[j]);
			if (t < all)
				all = t;
		}
		if (all > any)
			any = all;
	}
	return any;
}

static enum requirement_status control_status(const char *s)
{
	static const struct {
		const char *name;
		enum requirement_status st;
	} map[] = {{"met", REQ_MET},         {"partial", REQ_PARTIAL},
	           {"planned", REQ_PLANNED}, {"not-met", REQ_NOT_MET},
	           {"not-applicable", REQ_NOT_APPLICABLE}};
	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if (s && !strcmp(s, map[i].name))
			return map[i].st;
	return REQ_UNKNOWN;
}

static void status_of(const struct system_record *rec, const char *id, const char *run_date,
                      struct requirement_eval *ev)
{
	const struct control *c = NULL;
	const struct waiver *w = NULL;
	for (size_t i = 0; i < rec->nr_controls; i++)
		if (rec->controls[i].ref && !strcmp(rec->controls[i].ref, id))
			c = &rec->controls[i];
	for (size_t i = 0; i < rec->nr_waivers; i++) {
		const struct waiver *x = &rec->waivers[i];
		if (!x->ref || strcmp(x->ref, id))
			continue;
		/* the waiver that runs longest decides */
		if (!w || (x->until && (!w->until || strcmp(x->until, w->until) > 0)))
			w = x;
	}
	ev->status = REQ_UNKNOWN;
	ev->due = NULL;
	if (c) {
		ev->status = control_status(c->status);
		ev->due = c->due;
		if (ev->status == REQ_MET || ev->status == REQ_NOT_APPLICABLE)
			return;
	}
	if (w) {
		int in_force = w->until && is_iso_date(w->until) && run_date &&
		               strcmp(w->until, run_date) >= 0;
		ev->status = in_force ? REQ_WAIVED : REQ_WAIVER_EXPIRED;
		ev->due = w->until;
	}
}

size_t requirements_evaluate(const struct requirement_catalogue *cat,
                             const struct system_record *rec, const char *rules, int level,
                             const char *const *held, size_t nr_held, const char *run_date,
                             requirement_fn fn, void *data)
{
	size_t n = 0;
	if (!cat || !rec || level < 1 || level > 5)
		return 0;
	struct eval_ctx ec = {cat, rec, rules, held, nr_held};
	for (size_t i = 0; i < cat->nr_reqs; i++) {
		const struct requirement *r = &cat->reqs[i];
		const struct requirement_level *at = &r->at[level];
		if (!at->present)
			continue;
		enum tri applies = whens_hold(&ec, at->whens, at->nr_whens);
		if (applies == TRI_NO)
			continue;
		struct requirement_eval ev = {r, at, REQ_UNKNOWN, NULL, applies == TRI_UNKNOWN, -1};
		if (at->has_product)
			ev.product = (int)whens_hold(&ec, at->product_whens, at->nr_product_whens);
		status_of(rec, r->id, run_date, &ev);
		if (fn)
			fn(&ev, data);
		n++;
	}
	return n;
}

void requirement_counts_add(struct requirement_counts *c, enum requirement_status status)
{
	c->applicable++;
	switch (status) {
	case REQ_MET:
	case REQ_NOT_APPLICABLE:
		c->met++;
		break;
	case REQ_PARTIAL:
	case REQ_PLANNED:
		c->partial++;
		break;
	case REQ_NOT_MET:
	case REQ_WAIVER_EXPIRED:
		c->not_met++;
		break;
	case REQ_WAIVED:
		c->waived++;
		break;
	case REQ_UNKNOWN:
		c->unknown++;
		break;
	}
}

static void count_one(const struct requirement_eval *ev, void *data)
{
	requirement_counts_add(data, ev->status);
}

void requirements_count(const struct requirement_catalogue *cat,
                        const struct system_record *rec, const char *rules, int level,
                        const char *const *held, size_t nr_held, const char *run_date,
                        struct requirement_counts *counts)
{
	if (!counts)
		return;
	memset(counts, 0, sizeof(*counts));
	requirements_evaluate(cat, rec, rules, level, held, nr_held, run_date, count_one, counts);
}
