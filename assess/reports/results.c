/*
 * results.c - a run as the results XML document.
 *
 * Two walks over the run's systems: the first computes the aggregates of
 * <summary> (and what <component> elements need to know about other
 * systems), the second writes the systems. Both go through the small
 * writer helpers below, which either stream through xmlTextWriter (results
 * files) or add nodes to a DOM directly (reports): xmlNewTextWriterDoc would
 * serialise every node and parse it again.
 */
#include "results.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "criteria.h"
#include "diag.h"
#include "finding_text.h"
#include "findings.h"
#include "paths.h"
#include "requirements.h"
#include "run.h"
#include "store.h"
#include "strmap.h"
#include "util.h"

/* Counts of one owner or operator. */
struct tally {
	char *id;
	long systems, level[6]; /* level[0]: undetermined */
	long approved, unapproved, severity[3];
	long plan_full, plan_partial, plan_none, plan_unknown;
	long regulation, inspected, layer[4];
};

struct tallies {
	struct tally *t;
	size_t n, alloc;
	struct strmap index;
};

/* What the writer needs to know about every system of the run (for the
 * <component> elements of the others), kept compactly: a run walks its
 * systems in id order, so the peers are sorted and found by binary search. */
struct peer {
	size_t id_at;            /* offset of the id in builder.peer_text */
	size_t name_at;          /* offset of the name, or SIZE_MAX */
	unsigned char level;     /* 0 when undetermined */
	unsigned char determined;
};

struct finding_code {
	char *code;
	enum severity severity;
	long systems;
};

struct builder {
	struct store *st;
	struct run_info run;
	char *run_strings;
	enum results_detail detail;
	const struct results_filter *filter;
	int old_run;                          /* stored before schema 5: no clause texts */
	struct ruleset *rs;                   /* a run before schema 5: its rule set as it is
	                                       * now, for clause texts and cadence; else NULL */
	struct requirement_catalogue **cats;  /* per rule set of the run: its catalogue for
	                                       * the requirement rows (full detail), or NULL */
	struct run_clause *clauses;           /* the run's clauses, of all its rule sets */
	size_t nr_clauses;
	struct run_ruleset *sets;             /* the run's rule sets, its own first */
	size_t nr_sets;
	struct run_reading *readings;         /* the readings of its rule sets */
	size_t nr_readings;
	struct findings_context ctx;          /* for runs without stored inspection fields */

	struct strmap org_index;              /* organization id -> org index */
	struct organization *orgs;
	size_t nr_orgs, alloc_orgs;

	struct peer *peers;                   /* per system, in id order */
	size_t nr_peers, alloc_peers;
	struct strbuf peer_text;              /* their ids and names, NUL-separated */

	struct tallies owners, operators;
	struct finding_code *codes;
	size_t nr_codes, alloc_codes;
	struct strmap code_index;
	long level[6], approved, unapproved, operating, severity[3], determined;
	long matched;                         /* systems that passed the filter */
	struct strmap sampled;                /* sample mode: ids of the systems to include */
	size_t *code_sampled;                 /* per finding code: systems sampled so far */
	size_t nr_sampled_codes, alloc_sampled;
	size_t undetermined_sampled;

	/* chunked output (results_each_chunk) */
	size_t chunk, in_chunk, chunks, emitted;
	xmlDocPtr doc;
	int (*chunk_fn)(xmlDocPtr doc, int first, int last, void *data);
	void *chunk_data;

	xmlTextWriterPtr w;                   /* streaming; or else: */
	xmlNodePtr cur;                       /* the open element of b->doc */
	int failed;
	const char **held;                    /* scratch: ids of clauses that held */
	struct strbuf reading_ids;            /* scratch: a clause's readings */
	struct strbuf scratch;                /* scratch: a value made fit for XML */
};

/* ---- small writer helpers ---------------------------------------------- */

static void start(struct builder *b, const char *name)
{
	if (b->w) {
		if (xmlTextWriterStartElement(b->w, (const xmlChar *)name) < 0)
			b->failed = 1;
		return;
	}
	xmlNodePtr node = xmlNewDocNode(b->doc, NULL, (const xmlChar *)name, NULL);
	if (!node || !(b->cur ? xmlAddChild(b->cur, node) : xmlDocSetRootElement(b->doc, node),
	               node->parent)) {
		xmlFreeNode(node);
		b->failed = 1;
		return;
	}
	b->cur = node;
}

static void end(struct builder *b)
{
	if (b->w) {
		if (xmlTextWriterEndElement(b->w) < 0)
			b->failed = 1;
	} else if (b->cur) {
		xmlNodePtr up = b->cur->parent;
		b->cur = up && up->type == XML_ELEMENT_NODE ? up : NULL;
	}
}

/* Values come from a database that may hold what XML cannot carry: such
 * characters are written as text (util.h: xml_text), never ill-formed. */
static void attr(struct builder *b, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	value = xml_text(value, &b->scratch);
	if (b->w ? xmlTextWriterWriteAttribute(b->w, (const xmlChar *)name, (const xmlChar *)value) < 0
	         : !b->cur || !xmlNewProp(b->cur, (const xmlChar *)name, (const xmlChar *)value))
		b->failed = 1;
}

static void attr_long(struct builder *b, const char *name, long value)
{
	char num[24];
	snprintf(num, sizeof(num), "%ld", value);
	attr(b, name, num);
}

static void text_element(struct builder *b, const char *name, const char *lang,
                         const char *text)
{
	start(b, name);
	text = xml_text(text, &b->scratch);
	if (b->w) {
		if (lang && xmlTextWriterWriteAttribute(b->w, (const xmlChar *)"xml:lang", (const xmlChar *)lang) < 0)
			b->failed = 1;
		if (xmlTextWriterWriteString(b->w, (const xmlChar *)(text ? text : "")) < 0)
			b->failed = 1;
	} else if (b->cur) {
		if (lang)
			xmlNodeSetLang(b->cur, (const xmlChar *)lang);
		if (text && *text)
			xmlNodeAddContent(b->cur, (const xmlChar *)text);
	}
	end(b);
}

/* Start a document as a DOM into b->doc. */
static int dom_open(struct builder *b)
{
	b->doc = xmlNewDoc((const xmlChar *)"1.0");
	b->cur = NULL;
	if (!b->doc)
		return error("cannot create the results document");
	b->doc->encoding = xmlStrdup((const xmlChar *)"UTF-8");
	b->doc->dict = xmlDictCreate(); /* element and attribute names once */
	return 0;
}

/* ---- pass A: aggregates ------------------------------------------------ */

static struct tally *tally_for(struct tallies *ts, const char *id)
{
	size_t i;
	if (!id)
		id = "";
	if (strmap_get(&ts->index, id, &i))
		return &ts->t[i];
	ALLOC_GROW(ts->t, ts->n + 1, ts->alloc);
	i = ts->n++;
	memset(&ts->t[i], 0, sizeof(ts->t[i]));
	ts->t[i].id = xstrdup(id);
	strmap_put(&ts->index, id, i, NULL);
	return &ts->t[i];
}

static void tallies_release(struct tallies *ts)
{
	for (size_t i = 0; i < ts->n; i++)
		free(ts->t[i].id);
	free(ts->t);
	strmap_release(&ts->index);
}

static int by_tally_id(const void *a, const void *b)
{
	return strcmp(((const struct tally *)a)->id, ((const struct tally *)b)->id);
}

static int in_filter(const struct builder *b, const struct system_result *res,
                     const struct system_record *rec)
{
	const struct results_filter *f = b->filter;
	if (!f)
		return 1;
	if (f->system_id && strcmp(f->system_id, res->system_id))
		return 0;
	if (f->owner_id && (!rec->value[F_OWNER] || strcmp(f->owner_id, rec->value[F_OWNER])))
		return 0;
	return 1;
}

/* The inspection state of res: as the run stored it, or (a run stored
 * before schema 4) worked out again. */
static enum inspection_state inspection_of(struct builder *b, const struct system_result *res,
                                           const struct system_record *rec, char due[11],
                                           const char **last)
{
	if (res->inspection_known) {
		memcpy(due, res->next_inspection_due, 11);
		if (last)
			*last = res->last_inspection[0] ? res->last_inspection : NULL;
		return res->inspection_state;
	}
	int level = res->level ? res->level : res->approved_level;
	return findings_inspection(&b->ctx, rec, level, due, last);
}

static int pass_a(void *data, const struct system_result *res, const struct system_record *rec)
{
	struct builder *b = data;
	ALLOC_GROW(b->peers, b->nr_peers + 1, b->alloc_peers);
	struct peer *p = &b->peers[b->nr_peers++];
	p->level = (unsigned char)(res->determined ? res->level : 0);
	p->determined = (unsigned char)res->determined;
	p->id_at = b->peer_text.len;
	strbuf_add(&b->peer_text, res->system_id, strlen(res->system_id) + 1);
	p->name_at = SIZE_MAX;
	if (rec->value[F_NAME] && !(b->filter && b->filter->no_component_names)) {
		p->name_at = b->peer_text.len;
		strbuf_add(&b->peer_text, rec->value[F_NAME], strlen(rec->value[F_NAME]) + 1);
	}
	if (!in_filter(b, res, rec))
		return 0;

	b->matched++;
	int level = res->determined ? res->level : 0;
	int operating = rec->value[F_STATUS] && !strcmp(rec->value[F_STATUS], "operating");
	const char *plan = rec->value[F_PLAN_STATUS];
	char due[11];
	enum inspection_state insp = inspection_of(b, res, rec, due, NULL);
	struct tally *own = tally_for(&b->owners, rec->value[F_OWNER]);
	struct tally *op = tally_for(&b->operators, rec->value[F_OPERATOR]);
	struct tally *ts[2] = {own, op};
	for (int k = 0; k < 2; k++) {
		struct tally *t = ts[k];
		t->systems++;
		t->level[level]++;
		if (res->approved_level)
			t->approved++;
		else
			t->unapproved++;
		if (!plan)
			t->plan_unknown++;
		else if (!strcmp(plan, "full"))
			t->plan_full++;
		else if (!strcmp(plan, "partial"))
			t->plan_partial++;
		else
			t->plan_none++;
		if (rec->value[F_REG_DECISION])
			t->regulation++;
		if (insp == INSP_OK || insp == INSP_DUE_SOON)
			t->inspected++;
		for (int l = 0; l < 4; l++)
			if (res->layers & (1 << l))
				t->layer[l]++;
		for (size_t f = 0; f < res->nr_findings; f++)
			t->severity[res->findings[f].severity]++;
	}
	b->level[level]++;
	if (res->determined)
		b->determined++;
	if (res->approved_level)
		b->approved++;
	else
		b->unapproved++;
	if (operating)
		b->operating++;
	for (size_t f = 0; f < res->nr_findings; f++) {
		const struct finding *fd = &res->findings[f];
		size_t i;
		b->severity[fd->severity]++;
		/* count each code (and severity) once per system */
		int seen = 0;
		for (size_t g = 0; g < f; g++)
			if (!strcmp(res->findings[g].code, fd->code) &&
			    res->findings[g].severity == fd->severity)
				seen = 1;
		if (seen)
			continue;
		/* one row per code and severity: a code's severity may depend on
		 * the level (inspection-overdue is critical from level 4) */
		char key[160];
		snprintf(key, sizeof(key), "%s/%d", fd->code, (int)fd->severity);
		if (!strmap_get(&b->code_index, key, &i)) {
			ALLOC_GROW(b->codes, b->nr_codes + 1, b->alloc_codes);
			i = b->nr_codes++;
			b->codes[i].code = xstrdup(fd->code);
			b->codes[i].severity = fd->severity;
			b->codes[i].systems = 0;
			strmap_put(&b->code_index, key, i, NULL);
		}
		b->codes[i].systems++;
		if (b->filter && b->filter->sample) {
			ALLOC_GROW(b->code_sampled, b->nr_codes, b->alloc_sampled);
			if (i >= b->nr_sampled_codes) {
				for (size_t k = b->nr_sampled_codes; k < b->nr_codes; k++)
					b->code_sampled[k] = 0;
				b->nr_sampled_codes = b->nr_codes;
			}
			if (b->code_sampled[i] < b->filter->sample) {
				b->code_sampled[i]++;
				strmap_put(&b->sampled, res->system_id, 1, NULL);
			}
		}
	}
	if (b->filter && b->filter->sample && !res->determined &&
	    b->undetermined_sampled < b->filter->sample) {
		b->undetermined_sampled++;
		strmap_put(&b->sampled, res->system_id, 1, NULL);
	}
	return 0;
}

/* The peer with this id, or NULL. */
static const struct peer *find_peer(const struct builder *b, const char *id)
{
	size_t lo = 0, hi = b->nr_peers;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, b->peer_text.buf + b->peers[mid].id_at);
		if (!c)
			return &b->peers[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static int collect_org(void *data, const struct organization *org)
{
	struct builder *b = data;
	ALLOC_GROW(b->orgs, b->nr_orgs + 1, b->alloc_orgs);
	struct organization *o = &b->orgs[b->nr_orgs];
	memset(o, 0, sizeof(*o));
	o->id = xstrdup_or_null(org->id);
	o->role = xstrdup_or_null(org->role);
	o->parent = xstrdup_or_null(org->parent);
	o->name = xstrdup_or_null(org->name);
	for (size_t i = 0; i < org->nr_policies; i++) {
		ALLOC_GROW(o->policies, o->nr_policies + 1, o->alloc_policies);
		o->policies[o->nr_policies] = org->policies[i];
		o->policies[o->nr_policies++].decision = xstrdup_or_null(org->policies[i].decision);
	}
	if (org->id)
		strmap_put(&b->org_index, org->id, b->nr_orgs, NULL);
	b->nr_orgs++;
	return 0;
}

static const char *org_name(const struct builder *b, const char *id)
{
	size_t i;
	if (id && strmap_get(&b->org_index, id, &i))
		return b->orgs[i].name;
	return NULL;
}

/* ---- the document ------------------------------------------------------ */

static void write_tally(struct builder *b, const char *element, const struct tally *t,
                        int full)
{
	static const char *const lnames[] = {"undetermined", "l1", "l2", "l3", "l4", "l5"};
	start(b, element);
	attr(b, "id", t->id);
	attr(b, "name", org_name(b, t->id));
	attr_long(b, "systems", t->systems);
	for (int l = 1; l <= 5; l++)
		attr_long(b, lnames[l], t->level[l]);
	attr_long(b, lnames[0], t->level[0]);
	if (full) {
		attr_long(b, "approved", t->approved);
		attr_long(b, "unapproved", t->unapproved);
		attr_long(b, "critical", t->severity[SEV_CRITICAL]);
		attr_long(b, "warning", t->severity[SEV_WARNING]);
		attr_long(b, "info", t->severity[SEV_INFO]);
		attr_long(b, "plan-full", t->plan_full);
		attr_long(b, "plan-partial", t->plan_partial);
		attr_long(b, "plan-none", t->plan_none);
		attr_long(b, "plan-unknown", t->plan_unknown);
		attr_long(b, "regulation", t->regulation);
		attr_long(b, "inspected", t->inspected);
		for (int l = 0; l < 4; l++) {
			char name[8];
			snprintf(name, sizeof(name), "layer%d", l + 1);
			attr_long(b, name, t->layer[l]);
		}
	}
	end(b);
}

static int by_code(const void *a, const void *b)
{
	const struct finding_code *x = a, *y = b;
	if (x->severity != y->severity)
		return (int)y->severity - (int)x->severity;
	return strcmp(x->code, y->code);
}

static void write_summary(struct builder *b)
{
	long systems = 0;
	for (int l = 0; l <= 5; l++)
		systems += b->level[l];
	start(b, "summary");
	attr_long(b, "systems", systems);
	attr_long(b, "determined", b->determined);
	attr_long(b, "undetermined", b->level[0]);
	attr_long(b, "approved", b->approved);
	attr_long(b, "unapproved", b->unapproved);
	attr_long(b, "operating", b->operating);
	attr_long(b, "critical", b->severity[SEV_CRITICAL]);
	attr_long(b, "warning", b->severity[SEV_WARNING]);
	attr_long(b, "info", b->severity[SEV_INFO]);
	for (int l = 1; l <= 5; l++) {
		start(b, "level");
		attr_long(b, "n", l);
		attr_long(b, "systems", b->level[l]);
		end(b);
	}
	/* sorting again for the next chunk is harmless: the order is total */
	qsort(b->owners.t, b->owners.n, sizeof(*b->owners.t), by_tally_id);
	for (size_t i = 0; i < b->owners.n; i++)
		write_tally(b, "owner", &b->owners.t[i], 1);
	qsort(b->operators.t, b->operators.n, sizeof(*b->operators.t), by_tally_id);
	for (size_t i = 0; i < b->operators.n; i++)
		write_tally(b, "operator", &b->operators.t[i], 0);
	qsort(b->codes, b->nr_codes, sizeof(*b->codes), by_code);
	for (size_t i = 0; i < b->nr_codes; i++) {
		start(b, "finding-code");
		attr(b, "code", b->codes[i].code);
		attr(b, "severity", severity_name(b->codes[i].severity));
		attr_long(b, "systems", b->codes[i].systems);
		end(b);
	}
	end(b);
}

/* The reading of rule set rules with id, or NULL. */
static const struct run_reading *find_reading(const struct builder *b, const char *rules,
                                              const char *id)
{
	for (size_t i = 0; i < b->nr_readings; i++)
		if (!strcmp(b->readings[i].id, id) && rules && !strcmp(b->readings[i].rules, rules))
			return &b->readings[i];
	return NULL;
}

static void write_rule_sets(struct builder *b)
{
	for (size_t i = 0; i < b->nr_sets; i++) {
		const struct run_ruleset *rs = &b->sets[i];
		start(b, "rule-set");
		attr(b, "id", rs->rules);
		attr(b, "version", rs->version);
		attr(b, "digest", rs->digest);
		attr(b, "title-vi", rs->title_vi);
		attr(b, "title-en", rs->title_en);
		attr_long(b, "systems", rs->systems);
		attr(b, "catalogue-kind", rs->catalogue_kind);
		attr(b, "catalogue-digest", rs->catalogue_digest);
		end(b);
	}
}

static void write_clauses(struct builder *b)
{
	start(b, "clauses");
	for (size_t i = 0; i < b->nr_clauses; i++) {
		const struct run_clause *c = &b->clauses[i];
		start(b, "clause");
		attr(b, "id", c->id);
		attr(b, "rules", c->rules);
		if (c->level)
			attr_long(b, "level", c->level);
		else
			attr(b, "level-from", c->level_from);
		attr(b, "article", c->article);
		attr(b, "ref", c->ref);
		attr(b, "ref-en", c->ref_en);
		if (c->text_vi || c->text_en) {
			text_element(b, "text", "vi", c->text_vi);
			text_element(b, "text", "en", c->text_en);
		}
		for (const char *p = c->readings; p && *p;) {
			size_t len = strcspn(p, " ");
			char id[64];
			snprintf(id, sizeof(id), "%.*s", (int)len, p);
			const struct run_reading *rd = find_reading(b, c->rules, id);
			if (rd) {
				start(b, "reading");
				attr(b, "id", rd->id);
				text_element(b, "text", "vi", rd->text_vi);
				text_element(b, "text", "en", rd->text_en);
				end(b);
			}
			p += len;
			p += strspn(p, " ");
		}
		end(b);
	}
	end(b);
}

/* An owner's document (filter owner_id) holds that owner's organizations
 * only: the owner, those whose parent it is, the operators of its systems. */
static int org_in_view(const struct builder *b, const struct organization *o)
{
	const char *owner = b->filter ? b->filter->owner_id : NULL;
	size_t i;
	if (!owner)
		return 1;
	return (o->id && !strcmp(o->id, owner)) || (o->parent && !strcmp(o->parent, owner)) ||
	       (o->id && strmap_get(&b->operators.index, o->id, &i));
}

static void write_organizations(struct builder *b)
{
	for (size_t i = 0; i < b->nr_orgs; i++) {
		if (!org_in_view(b, &b->orgs[i]))
			continue;
		start(b, "organization");
		attr(b, "id", b->orgs[i].id);
		attr(b, "role", b->orgs[i].role);
		attr(b, "name", b->orgs[i].name);
		attr(b, "parent", b->orgs[i].parent);
		for (size_t k = 0; k < b->orgs[i].nr_policies; k++) {
			const struct inspection_policy *p = &b->orgs[i].policies[k];
			start(b, "inspection-policy");
			attr_long(b, "level", p->level);
			attr_long(b, "months", p->months);
			attr(b, "decision", p->decision);
			end(b);
		}
		end(b);
	}
}

static const char *tri_word(enum tri t)
{
	return t == TRI_YES ? "yes" : t == TRI_NO ? "no" : "unknown";
}

/* The catalogue of each rule set of the run, for the requirement rows: the
 * file the run used (a run before schema 5 names none: the shipped one). A
 * catalogue that cannot be read is reported and gives no rows. */
static void load_catalogues(struct builder *b)
{
	char *rng = data_path("criteria/schema/requirements.rng");
	char *shipped = data_path("criteria/requirements.xml");
	b->cats = xcalloc(b->nr_sets ? b->nr_sets : 1, sizeof(*b->cats));
	for (size_t i = 0; i < b->nr_sets; i++) {
		const char *file = b->sets[i].catalogue;
		if (!file && b->old_run)
			file = shipped;
		if (file)
			b->cats[i] = requirements_load(file, rng);
	}
	free(shipped);
	free(rng);
}

/* The catalogue of rule set rules in the run, or NULL. */
static const struct requirement_catalogue *catalogue_of(const struct builder *b,
                                                        const char *rules)
{
	for (size_t i = 0; b->cats && rules && i < b->nr_sets; i++)
		if (!strcmp(b->sets[i].rules, rules))
			return b->cats[i];
	return NULL;
}

static void write_requirement(const struct requirement_eval *ev, void *data)
{
	struct builder *b = data;
	start(b, "requirement");
	attr(b, "id", ev->req->id);
	attr(b, "group", requirement_group_name(ev->req->group));
	attr(b, "tcvn", ev->at->tcvn);
	attr(b, "article", ev->at->article);
	attr(b, "status", requirement_status_name(ev->status));
	if (ev->product >= 0)
		attr(b, "product", tri_word((enum tri)ev->product));
	attr(b, "due", ev->due);
	attr(b, "label-vi", ev->req->label_vi);
	attr(b, "label-en", ev->req->label_en);
	attr(b, "note", ev->at->note);
	if (ev->condition_unknown)
		attr(b, "condition", "unknown");
	end(b);
}

/* Does the document hold this system (the filter, then sample / no_systems)? */
static int included(struct builder *b, const struct system_result *res,
                    const struct system_record *rec)
{
	size_t v;
	if (!in_filter(b, res, rec))
		return 0;
	if (b->filter && b->filter->no_systems)
		return 0;
	if (b->filter && b->filter->sample)
		return strmap_get(&b->sampled, res->system_id, &v);
	return 1;
}

/* The id of the clause that decided res, or NULL: an undetermined system
 * has none, its level is open. */
static const char *deciding_clause_id(const struct builder *b, const struct system_result *res)
{
	if (res->determined && res->deciding_clause >= 0 &&
	    (size_t)res->deciding_clause < b->nr_clauses)
		return b->clauses[res->deciding_clause].id;
	return NULL;
}

/* The findings, critical, warning and info attributes of a <system>. */
static void finding_counts(struct builder *b, const struct system_result *res)
{
	long sev[3] = {0, 0, 0};
	for (size_t f = 0; f < res->nr_findings; f++)
		sev[res->findings[f].severity]++;
	attr_long(b, "findings", (long)res->nr_findings);
	attr_long(b, "critical", sev[SEV_CRITICAL]);
	attr_long(b, "warning", sev[SEV_WARNING]);
	attr_long(b, "info", sev[SEV_INFO]);
}

/* A lean <system>: what a row of the CSV shows, nothing else (every
 * attribute the XSLT has to look past costs time on 100,000 rows). */
static int pass_b_lean(struct builder *b, const struct system_result *res,
                       const struct system_record *rec)
{
	start(b, "system");
	attr(b, "id", res->system_id);
	attr(b, "name", rec->value[F_NAME]);
	attr(b, "owner", rec->value[F_OWNER]);
	attr(b, "operator", rec->value[F_OPERATOR]);
	attr(b, "status", rec->value[F_STATUS]);
	attr(b, "rules", res->rules);
	if (res->determined && res->level)
		attr_long(b, "level", res->level);
	attr(b, "determined", res->determined ? "yes" : "no");
	if (res->approved_level)
		attr_long(b, "approved-level", res->approved_level);
	attr(b, "drift", drift_name(res->drift));
	attr(b, "deciding-clause", deciding_clause_id(b, res));
	finding_counts(b, res);
	end(b);
	return b->failed ? -1 : 0;
}

static int pass_b(void *data, const struct system_result *res, const struct system_record *rec)
{
	struct builder *b = data;
	if (!included(b, res, rec))
		return 0;
	if (b->detail == RESULTS_LEAN)
		return pass_b_lean(b, res, rec);
	char buf[32], due[11];
	const char *last = NULL;
	enum inspection_state insp = inspection_of(b, res, rec, due, &last);

	start(b, "system");
	attr(b, "id", res->system_id);
	attr(b, "name", rec->value[F_NAME]);
	attr(b, "owner", rec->value[F_OWNER]);
	attr(b, "owner-name", org_name(b, rec->value[F_OWNER]));
	attr(b, "operator", rec->value[F_OPERATOR]);
	attr(b, "operator-name", org_name(b, rec->value[F_OPERATOR]));
	attr(b, "status", rec->value[F_STATUS]);
	attr(b, "rules", res->rules);
	attr(b, "rules-basis", res->rules_basis);
	attr(b, "rules-article", res->rules_article);
	attr(b, "type", rec->value[F_TYPE]);
	attr(b, "hosting", rec->value[F_HOSTING]);
	attr(b, "hosting-separation", res->hosting_separation);
	attr(b, "hosting-article", res->hosting_article);
	attr(b, "project-started", rec->value[F_PROJECT_STARTED]);
	if (res->determined && res->level)
		attr_long(b, "level", res->level);
	attr(b, "determined", res->determined ? "yes" : "no");
	if (res->level_low)
		attr_long(b, "level-low", res->level_low);
	if (res->level_high)
		attr_long(b, "level-high", res->level_high);
	if (res->approved_level)
		attr_long(b, "approved-level", res->approved_level);
	attr(b, "approved-rules", rec->value[F_APPR_RULES]);
	attr(b, "approval-decision", rec->value[F_APPR_DECISION]);
	attr(b, "approval-date", rec->value[F_APPR_DATE]);
	attr(b, "drift", drift_name(res->drift));
	attr(b, "deciding-clause", deciding_clause_id(b, res));
	if (res->determined)
		attr(b, "deciding-component", res->deciding_component);
	attr(b, "near-threshold", res->near_threshold);
	attr(b, "plan", rec->value[F_PLAN_STATUS]);
	attr(b, "regulation", rec->value[F_REG_DECISION] ? "yes" : "no");
	attr(b, "regulation-decision", rec->value[F_REG_DECISION]);
	attr(b, "info-public", rec->value[F_INFO_PUBLIC]);
	attr(b, "info-private", rec->value[F_INFO_PRIVATE]);
	attr(b, "info-personal", rec->value[F_INFO_PERSONAL]);
	attr(b, "info-secret", rec->value[F_INFO_SECRET]);
	attr(b, "info-defence-security", rec->value[F_INFO_DEFENCE]);
	attr(b, "last-inspection", last);
	attr(b, "next-inspection-due", due);
	attr(b, "inspection-state", inspection_state_name(insp));
	if (res->inspection_known && res->inspection_months) {
		attr_long(b, "inspection-months", res->inspection_months);
		attr(b, "inspection-basis", cadence_basis_name(res->inspection_basis));
		attr(b, "inspection-counts",
		     independence_name(res->inspection_counts));
		attr(b, "inspection-article", res->inspection_article);
		attr(b, "inspection-policy", res->inspection_policy);
	}
	snprintf(buf, sizeof(buf), "%s %s %s %s",
	         tri_word(res->layers_unknown & 1 ? TRI_UNKNOWN : res->layers & 1 ? TRI_YES : TRI_NO),
	         tri_word(res->layers_unknown & 2 ? TRI_UNKNOWN : res->layers & 2 ? TRI_YES : TRI_NO),
	         tri_word(res->layers_unknown & 4 ? TRI_UNKNOWN : res->layers & 4 ? TRI_YES : TRI_NO),
	         tri_word(res->layers_unknown & 8 ? TRI_UNKNOWN : res->layers & 8 ? TRI_YES : TRI_NO));
	attr(b, "layers", buf);
	finding_counts(b, res);

	if (res->rules_reason) {
		text_element(b, "rules-reason", "vi", res->rules_reason_vi);
		text_element(b, "rules-reason", "en", res->rules_reason);
	}
	if (!res->determined) {
		text_element(b, "reason", "vi", res->reason_vi ? res->reason_vi : res->reason);
		text_element(b, "reason", "en", res->reason);
	}

	/* what a level dossier describes (Decree 331 Art. 22), as stated */
	static const enum fact_id profile[] = {
		F_DESCRIPTION, F_SCOPE,      F_DS_USERS,   F_DS_BASIC,  F_DS_SENSITIVE,
		F_DS_AS_OF,    F_DS_METHOD,  F_SVC_ONLINE, F_SVC_MODE,  F_SVC_ADMIN,
		F_SVC_COND,    F_SHARED_AGENCIES, F_ALWAYS_ON, F_NAT_SECLIST,
	};
	for (size_t i = 0; b->detail == RESULTS_FULL && i < ARRAY_SIZE(profile); i++) {
		if (!rec->value[profile[i]])
			continue;
		start(b, "fact");
		attr(b, "name", fact_def(profile[i])->name);
		attr(b, "value", rec->value[profile[i]]);
		end(b);
	}

	size_t nr_held = 0;
	for (size_t c = 0; c < res->nr_outcomes && c < b->nr_clauses; c++) {
		if (res->outcomes[c] == OUTCOME_NOT_ASKED)
			continue; /* a clause of another rule set of the run */
		enum tri t = (enum tri)res->outcomes[c];
		if (t == TRI_YES)
			b->held[nr_held++] = b->clauses[c].id;
		if (t == TRI_NO && b->detail != RESULTS_FULL)
			continue;
		start(b, "clause");
		attr(b, "id", b->clauses[c].id);
		if (b->clauses[c].level)
			attr_long(b, "level", b->clauses[c].level);
		attr(b, "holds", tri_word(t));
		attr(b, "deciding", res->determined && (int)c == res->deciding_clause ? "yes" : "no");
		if (res->readings) {
			strbuf_reset(&b->reading_ids);
			result_clause_readings(res, b->clauses[c].id, &b->reading_ids);
			attr(b, "reading", b->reading_ids.buf);
		}
		end(b);
	}

	for (size_t c = 0; c < rec->nr_components; c++) {
		const struct peer *peer = find_peer(b, rec->components[c].ref);
		start(b, "component");
		attr(b, "ref", rec->components[c].ref);
		if (peer) {
			if (peer->name_at != SIZE_MAX)
				attr(b, "name", b->peer_text.buf + peer->name_at);
			if (peer->level)
				attr_long(b, "level", peer->level);
			attr(b, "determined", peer->determined ? "yes" : "no");
		}
		end(b);
	}

	start(b, "requirements");
	attr_long(b, "applicable", res->requirements.applicable);
	attr_long(b, "met", res->requirements.met);
	attr_long(b, "partial", res->requirements.partial);
	attr_long(b, "not-met", res->requirements.not_met);
	attr_long(b, "waived", res->requirements.waived);
	attr_long(b, "unknown", res->requirements.unknown);
	end(b);
	int level = res->level ? res->level : res->approved_level;
	const char *rules = res->rules ? res->rules : b->run.rules;
	if (b->detail == RESULTS_FULL && !b->cats)
		load_catalogues(b); /* once, when a document first needs the rows */
	const struct requirement_catalogue *cat = catalogue_of(b, rules);
	if (b->detail == RESULTS_FULL && cat && level)
		requirements_evaluate(cat, rec, rules, level, b->held, nr_held, b->run.date,
		                      write_requirement, b);

	for (size_t f = 0; f < res->nr_findings; f++) {
		const struct finding *fd = &res->findings[f];
		char *basis_vi, *basis_en;
		start(b, "finding");
		attr(b, "code", fd->code);
		attr(b, "severity", severity_name(fd->severity));
		finding_text_basis(fd->code, fd->args, rules, &basis_vi, &basis_en);
		attr(b, "basis-vi", basis_vi);
		attr(b, "basis-en", basis_en);
		free(basis_vi);
		free(basis_en);
		text_element(b, "text", "vi", fd->text_vi);
		text_element(b, "text", "en", fd->text_en);
		end(b);
	}
	end(b);
	return b->failed ? -1 : 0;
}

/* ---- set-up ------------------------------------------------------------ */

long results_resolve_run(struct store *st, long run)
{
	if (run > 0)
		return run;
	long latest = store_latest_run(st);
	if (latest <= 0) {
		if (latest == 0)
			error("no runs yet: run 'assess classify' first");
		return -1;
	}
	return latest;
}

static void builder_release(struct builder *b)
{
	free(b->run_strings);
	ruleset_free(b->rs);
	for (size_t i = 0; b->cats && i < b->nr_sets; i++)
		requirements_free(b->cats[i]);
	free(b->cats);
	run_clauses_free(b->clauses, b->nr_clauses);
	run_rulesets_free(b->sets, b->nr_sets);
	run_readings_free(b->readings, b->nr_readings);
	for (size_t i = 0; i < b->nr_orgs; i++)
		organization_release(&b->orgs[i]);
	free(b->orgs);
	strmap_release(&b->org_index);
	free(b->peers);
	strbuf_release(&b->peer_text);
	strbuf_release(&b->scratch);
	tallies_release(&b->owners);
	tallies_release(&b->operators);
	for (size_t i = 0; i < b->nr_codes; i++)
		free(b->codes[i].code);
	free(b->codes);
	strmap_release(&b->code_index);
	strmap_release(&b->sampled);
	free(b->code_sampled);
	xmlFreeDoc(b->doc);
	free(b->held);
	strbuf_release(&b->reading_ids);
}

/* An empty builder (builder_release frees what it gathers, at any step). */
static void builder_init(struct builder *b, struct store *st, enum results_detail detail,
                         const struct results_filter *filter)
{
	memset(b, 0, sizeof(*b));
	strmap_init(&b->org_index);
	strbuf_init(&b->peer_text);
	strbuf_init(&b->scratch);
	strmap_init(&b->owners.index);
	strmap_init(&b->operators.index);
	strmap_init(&b->code_index);
	strmap_init(&b->sampled);
	strbuf_init(&b->reading_ids);
	b->st = st;
	b->detail = detail;
	b->filter = filter;
}

/* What every document needs: the run's header and its clauses. */
static int builder_read_run(struct builder *b, long run)
{
	if ((run = results_resolve_run(b->st, run)) < 0)
		return -1;
	if (store_get_run(b->st, run, &b->run, &b->run_strings) < 0)
		return -1;
	if (store_run_clauses(b->st, run, &b->clauses, &b->nr_clauses) < 0)
		return -1;
	b->held = xcalloc(b->nr_clauses + 1, sizeof(*b->held));
	return 0;
}

/* Fill the clauses of a run stored before schema 5 from rs (its rule set as
 * it is now): article, references, texts, readings; and its readings. */
static void clauses_from_rule_set(const struct ruleset *rs, struct run_clause *clauses,
                                  size_t nr_clauses, struct run_reading **readings,
                                  size_t *nr_readings)
{
	for (size_t i = 0; i < nr_clauses; i++) {
		struct run_clause *rc = &clauses[i];
		int k = ruleset_clause_index(rs, rc->id);
		if (k < 0)
			continue;
		const struct clause *c = &rs->clauses[k];
		rc->article = xstrdup_or_null(c->article);
		rc->ref = xstrdup_or_null(c->ref);
		rc->ref_en = xstrdup_or_null(c->ref_en);
		rc->text_vi = xstrdup_or_null(c->text_vi);
		rc->text_en = xstrdup_or_null(c->text_en);
		if (c->level_from >= 0)
			rc->level_from = xstrdup(fact_def((enum fact_id)c->level_from)->name);
		struct strbuf ids;
		strbuf_init(&ids);
		for (size_t r = 0; r < c->nr_readings; r++)
			strbuf_addf(&ids, "%s%s", ids.len ? " " : "",
			            rs->readings[c->readings[r].reading].id);
		rc->readings = ids.len ? strbuf_detach(&ids) : NULL;
		strbuf_release(&ids);
	}
	run_readings_free(*readings, *nr_readings);
	*readings = xcalloc(rs->nr_readings ? rs->nr_readings : 1, sizeof(**readings));
	*nr_readings = rs->nr_readings;
	for (size_t r = 0; r < rs->nr_readings; r++) {
		(*readings)[r].rules = xstrdup(rs->id);
		(*readings)[r].id = xstrdup(rs->readings[r].id);
		(*readings)[r].text_vi = xstrdup_or_null(rs->readings[r].text_vi);
		(*readings)[r].text_en = xstrdup_or_null(rs->readings[r].text_en);
	}
}

int results_clauses(struct store *st, const struct run_info *run, struct run_clause **clauses,
                    size_t *nr_clauses, struct run_reading **readings, size_t *nr_readings,
                    struct ruleset **rs)
{
	*rs = NULL;
	if (store_run_clauses(st, run->id, clauses, nr_clauses) < 0 ||
	    store_run_readings(st, run->id, readings, nr_readings) < 0)
		return -1;
	if (*nr_clauses && !(*clauses)[0].text_vi) {
		if (criteria_find(run->rules, run->date, rs) < 0)
			*rs = NULL;
		else
			clauses_from_rule_set(*rs, *clauses, *nr_clauses, readings, nr_readings);
	}
	return 0;
}

/* Read what the document needs before writing: header, clauses, rule set,
 * catalogue, organizations, aggregates. */
static int builder_prepare(struct builder *b, struct store *st, long run,
                           enum results_detail detail, const struct results_filter *filter)
{
	builder_init(b, st, detail, filter);
	if (builder_read_run(b, run) < 0)
		return -1;
	run = b->run.id;
	if (store_run_rulesets(st, run, &b->sets, &b->nr_sets) < 0)
		return -1;
	/* the clauses again, with the texts a run before schema 5 did not
	 * store (b->rs then also works out the inspection state of a run
	 * before schema 4) */
	b->old_run = b->nr_clauses && !b->clauses[0].text_vi;
	run_clauses_free(b->clauses, b->nr_clauses);
	b->clauses = NULL;
	b->nr_clauses = 0;
	if (results_clauses(st, &b->run, &b->clauses, &b->nr_clauses, &b->readings,
	                    &b->nr_readings, &b->rs) < 0)
		return -1;
	/* runs stored before schema 4 have no inspection fields: they are
	 * worked out again with the rule set as it is now */
	b->ctx.rs = b->rs;
	b->ctx.run_date = b->run.date;
	if (store_each_organization(st, b->run.snapshot, collect_org, b) < 0)
		return -1;
	/* the totals need the inspections and the findings' codes, nothing more */
	if (store_each_run_system_part(st, run, NULL, STORE_INSPECTIONS, pass_a, b) < 0)
		return -1;
	if (filter && filter->system_id && !b->matched)
		return error("no system '%s' in run %ld", filter->system_id, run);
	return 0;
}

/* Everything before the systems. */
static int write_head(struct builder *b)
{
	xmlTextWriterPtr w = b->w;
	if (w) {
		xmlTextWriterSetIndent(w, 1);
		xmlTextWriterSetIndentString(w, (const xmlChar *)"  ");
		if (xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0)
			return error("cannot write the results document");
	}
	start(b, "results");
	attr_long(b, "run", b->run.id);
	attr_long(b, "snapshot", b->run.snapshot);
	attr(b, "rules", b->run.rules);
	attr(b, "rules-digest", b->run.rules_digest);
	attr(b, "rules-title-vi", b->run.rules_title_vi);
	attr(b, "rules-title-en", b->run.rules_title_en);
	attr(b, "as-of", b->run.as_of);
	attr(b, "date", b->run.date);
	attr(b, "generated", b->run.generated);
	attr(b, "tool-version", b->run.tool_version);
	attr(b, "detail", b->detail == RESULTS_FULL ? "full"
	                  : b->detail == RESULTS_LEAN ? "lean" : "compact");
	if (b->filter && (b->filter->sample || b->filter->no_systems)) {
		attr(b, "partial", "yes");
		attr_long(b, "systems-included", b->filter->no_systems ? 0 : (long)b->sampled.size);
		if (b->filter->sample && !b->filter->no_systems)
			attr_long(b, "sample", (long)b->filter->sample);
	}
	if (b->detail != RESULTS_LEAN) { /* a lean chunk is rows only: see results.h */
		write_summary(b);
		write_rule_sets(b);
		write_clauses(b);
		write_organizations(b);
	}
	return b->failed ? error("cannot write the results document") : 0;
}

/* Everything after the systems. */
static int write_tail(struct builder *b)
{
	end(b);
	if ((b->w && xmlTextWriterEndDocument(b->w) < 0) || b->failed)
		return error("cannot write the results document");
	return 0;
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The systems of the document: a sample is fetched by id (a few hundred
 * indexed look-ups instead of a walk over the run), aggregates-only needs
 * none, anything else is one walk. */
static int write_systems(struct builder *b)
{
	const struct results_filter *f = b->filter;
	if (f && f->no_systems)
		return 0;
	if (f && f->sample && !f->system_id) {
		char **ids = xcalloc(b->sampled.size + 1, sizeof(*ids));
		size_t n = 0;
		int ret = 0;
		for (size_t i = 0; i < b->sampled.slots; i++)
			if (b->sampled.keys[i])
				ids[n++] = b->sampled.keys[i];
		qsort(ids, n, sizeof(*ids), by_string);
		for (size_t i = 0; i < n && ret == 0; i++)
			ret = store_each_run_system(b->st, b->run.id, ids[i], pass_b, b);
		free(ids);
		return ret < 0 ? -1 : 0;
	}
	return store_each_run_system(b->st, b->run.id, f ? f->system_id : NULL, pass_b, b) < 0
	               ? -1
	               : 0;
}

static int write_document(struct builder *b)
{
	if (write_head(b) < 0 || write_systems(b) < 0)
		return -1;
	return write_tail(b);
}

/* A builder prepared once (pass A) and written many times, in different views. */
struct results_prep {
	struct builder b;
	struct results_filter view; /* b.filter points here */
};

int results_prepare(struct store *st, long run, const struct results_filter *filter,
                    size_t sample, struct results_prep **out)
{
	struct results_prep *p = xcalloc(1, sizeof(*p));
	*out = NULL;
	if (filter) {
		p->view.system_id = filter->system_id;
		p->view.owner_id = filter->owner_id;
		p->view.no_component_names = filter->no_component_names;
	}
	p->view.sample = sample;
	if (builder_prepare(&p->b, st, run, RESULTS_COMPACT, &p->view) < 0) {
		results_prep_free(p);
		return -1;
	}
	*out = p;
	return 0;
}

void results_prep_free(struct results_prep *p)
{
	if (!p)
		return;
	builder_release(&p->b);
	free(p);
}

long results_prep_systems(const struct results_prep *p)
{
	return p->b.matched;
}

/* Set the view of the next document and clear the writer's state. */
static void prep_view(struct results_prep *p, enum results_detail detail,
                      enum results_view view)
{
	struct builder *b = &p->b;
	b->detail = detail;
	p->view.no_systems = view == RESULTS_VIEW_NONE;
	b->filter = &p->view;
	b->failed = 0;
	b->chunks = b->emitted = b->in_chunk = 0;
	b->w = NULL;
	b->doc = NULL;
}

int results_prep_build(struct results_prep *p, enum results_detail detail,
                       enum results_view view, xmlDocPtr *out)
{
	struct builder *b = &p->b;
	size_t sample = p->view.sample;
	int ret;
	*out = NULL;
	prep_view(p, detail, view);
	if (view == RESULTS_VIEW_ALL)
		p->view.sample = 0;
	if (dom_open(b) < 0) {
		p->view.sample = sample;
		return -1;
	}
	ret = write_document(b);
	xmlDocPtr doc = b->doc;
	b->doc = NULL;
	b->cur = NULL;
	p->view.sample = sample;
	if (ret < 0)
		xmlFreeDoc(doc);
	else
		*out = doc;
	return ret;
}

int results_build(struct store *st, long run, enum results_detail detail,
                  const struct results_filter *filter, xmlDocPtr *out)
{
	struct results_prep *p;
	*out = NULL;
	if (results_prepare(st, run, filter, filter ? filter->sample : 0, &p) < 0)
		return -1;
	enum results_view view = !filter ? RESULTS_VIEW_ALL
	                         : filter->no_systems ? RESULTS_VIEW_NONE
	                         : filter->sample ? RESULTS_VIEW_SAMPLE
	                                          : RESULTS_VIEW_ALL;
	int ret = results_prep_build(p, detail, view, out);
	results_prep_free(p);
	return ret;
}

/* libxml2 output callback: into an atomic file. */
static int write_to_atomic_file(void *ctx, const char *buf, int len)
{
	return atomic_file_write(ctx, buf, (size_t)len) < 0 ? -1 : len;
}

int results_write(struct store *st, long run, enum results_detail detail,
                  const struct results_filter *filter, const char *path)
{
	struct builder b;
	struct atomic_file *f = NULL;
	int ret = -1;
	if (builder_prepare(&b, st, run, detail, filter) < 0)
		goto done;
	if (!(f = atomic_file_open(path)))
		goto done;
	xmlOutputBufferPtr out = xmlOutputBufferCreateIO(write_to_atomic_file, NULL, f, NULL);
	b.w = out ? xmlNewTextWriter(out) : NULL;
	if (!b.w) {
		if (out)
			xmlOutputBufferClose(out);
		error("cannot write '%s'", path);
		goto done;
	}
	ret = write_document(&b);
	xmlFreeTextWriter(b.w); /* flushes and frees the output buffer */
	b.w = NULL;
	if (ret == 0) {
		ret = atomic_file_commit(f);
		f = NULL;
	}
done:
	atomic_file_abort(f);
	builder_release(&b);
	return ret;
}

int results_save(xmlDocPtr doc, const char *path)
{
	xmlChar *mem = NULL;
	int len = 0;
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	if (!mem)
		return error("cannot serialise the results document");
	int ret = write_file_atomic(path, mem, (size_t)len);
	xmlFree(mem);
	return ret;
}

/* ---- chunks ------------------------------------------------------------ */

/* Close the chunk being written and hand it (and its ownership) to fn; the
 * number of systems (b->matched, from pass A) says which chunk is the last. */
static int chunk_close(struct builder *b)
{
	int rc = write_tail(b);
	xmlDocPtr done = b->doc;
	b->doc = NULL;
	b->cur = NULL;
	if (rc < 0) {
		xmlFreeDoc(done);
		return -1;
	}
	int first = b->chunks++ == 0;
	int last = b->emitted >= (size_t)b->matched;
	return b->chunk_fn(done, first, last, b->chunk_data) ? -1 : 0;
}

static int chunk_open(struct builder *b)
{
	if (dom_open(b) < 0)
		return -1;
	b->in_chunk = 0;
	return write_head(b);
}

static int pass_b_chunked(void *data, const struct system_result *res,
                          const struct system_record *rec)
{
	struct builder *b = data;
	if (!included(b, res, rec))
		return 0;
	if (!b->doc && chunk_open(b) < 0)
		return -1;
	if (pass_b(b, res, rec) < 0)
		return -1;
	b->emitted++;
	if ((++b->in_chunk >= b->chunk || b->emitted >= (size_t)b->matched) && chunk_close(b) < 0)
		return -1;
	return 0;
}

/* Write the systems (only_id: one) in chunks to fn; b->matched says which
 * chunk is the last, and is as before on return. */
static int builder_chunks(struct builder *b, const char *only_id, size_t chunk,
                          int (*fn)(xmlDocPtr doc, int first, int last, void *data),
                          void *data)
{
	int ret = -1;
	b->chunk = chunk ? chunk : 1;
	b->chunk_fn = fn;
	b->chunk_data = data;
	long matched = b->matched;
	/* a lean row needs neither the children nor the texts of the findings */
	unsigned parts = b->detail == RESULTS_LEAN ? 0 : STORE_ALL_CHILDREN | STORE_FINDING_TEXTS;
	if (store_each_run_system_part(b->st, b->run.id, only_id, parts, pass_b_chunked, b) < 0)
		goto done;
	if (b->doc) { /* the run changed under us: close what is open */
		b->matched = (long)b->emitted;
		if (chunk_close(b) < 0)
			goto done;
	}
	if (!b->chunks) { /* no system at all: one empty chunk */
		if (chunk_open(b) < 0 || chunk_close(b) < 0)
			goto done;
	}
	ret = 0;
done:
	xmlFreeDoc(b->doc);
	b->doc = NULL;
	b->cur = NULL;
	b->matched = matched;
	return ret;
}

int results_prep_chunks(struct results_prep *p, enum results_detail detail, size_t chunk,
                        int (*fn)(xmlDocPtr doc, int first, int last, void *data),
                        void *data)
{
	size_t sample = p->view.sample;
	prep_view(p, detail, RESULTS_VIEW_ALL);
	p->view.sample = 0;
	int ret = builder_chunks(&p->b, p->view.system_id, chunk, fn, data);
	p->view.sample = sample;
	return ret;
}

int results_lean_chunks(struct store *st, long run, size_t chunk,
                        int (*fn)(xmlDocPtr doc, int first, int last, void *data),
                        void *data)
{
	struct builder b;
	int ret = -1;
	builder_init(&b, st, RESULTS_LEAN, NULL);
	if (builder_read_run(&b, run) == 0) {
		b.matched = b.run.systems; /* a run's every system: no walk counts them */
		ret = builder_chunks(&b, NULL, chunk, fn, data);
	}
	builder_release(&b);
	return ret;
}

int results_each_chunk(struct store *st, long run, enum results_detail detail,
                       const struct results_filter *filter, size_t chunk,
                       int (*fn)(xmlDocPtr doc, int first, int last, void *data),
                       void *data)
{
	struct results_prep *p;
	if (results_prepare(st, run, filter, 0, &p) < 0)
		return -1;
	int ret = results_prep_chunks(p, detail, chunk, fn, data);
	results_prep_free(p);
	return ret;
}
