/*
 * results.c - a run as the results XML document, from the store alone.
 *
 * Everything the document shows was stored with the run (store.h): its
 * header, rule sets, clauses and readings, its totals (or, for a document
 * of one owner or one system, and for a run that stored none, the totals
 * of a walk over its systems), and per system the verdict, the facts of
 * the system row it classified and the requirement rows that applied. The
 * writer helpers below either stream through xmlTextWriter (results files)
 * or add nodes to a DOM directly (reports): xmlNewTextWriterDoc would
 * serialise every node and parse it again.
 */
#include "results.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "diag.h"
#include "finding_text.h"
#include "run.h"
#include "store.h"
#include "strmap.h"
#include "util.h"

struct builder {
	struct store *st;
	struct run_info run;
	char *run_strings;
	enum results_detail detail;
	const struct results_filter *filter;
	struct run_clause *clauses;           /* the run's clauses, of all its rule sets */
	size_t nr_clauses;
	struct run_ruleset *sets;             /* the run's rule sets, its own first */
	size_t nr_sets;
	struct run_reading *readings;         /* the readings of its rule sets */
	size_t nr_readings;

	struct strmap org_index;              /* organization id -> org index */
	struct organization *orgs;
	size_t nr_orgs, alloc_orgs;

	struct run_summary sum;               /* the totals of the systems let through */
	struct strmap operators;              /* their operators (an owner's document) */
	long matched;                         /* systems that passed the filter */
	struct strmap sampled;                /* sample mode: ids of the systems to include */

	/* chunked output (results_prep_chunks) */
	size_t chunk, in_chunk, chunks, emitted;
	xmlDocPtr doc;
	int (*chunk_fn)(xmlDocPtr doc, int first, int last, void *data);
	void *chunk_data;

	xmlTextWriterPtr w;                   /* streaming; or else: */
	xmlNodePtr cur;                       /* the open element of b->doc */
	int failed;
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

/* ---- totals ------------------------------------------------------------ */

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

static int add_to_totals(void *data, const struct run_system_view *v)
{
	struct builder *b = data;
	if (in_filter(b, v->res, v->rec))
		run_summary_add(&b->sum, v->res, v->rec);
	return 0;
}

/* The totals of the systems the filter lets through: as the run stored
 * them (a whole run), or counted over its systems. */
static int read_totals(struct builder *b)
{
	const struct results_filter *f = b->filter;
	const char *only_id = f ? f->system_id : NULL, *only_owner = f ? f->owner_id : NULL;
	char *packed = NULL;
	if (!only_id && !only_owner) {
		if (store_run_totals(b->st, b->run.id, &packed) < 0)
			return -1;
		if (packed) {
			int rc = run_summary_unpack(b->st, packed, &b->sum);
			free(packed);
			if (rc < 0)
				return -1;
			b->matched = b->sum.systems;
			return 0;
		}
	}
	if (store_each_run_system(b->st, b->run.id, only_id, only_id ? NULL : only_owner,
	                          STORE_FACTS_LEAN, add_to_totals, b) < 0)
		return -1;
	run_summary_finish(&b->sum);
	b->matched = b->sum.systems;
	return 0;
}

/* The systems a digest lists: the sample of every finding code and of
 * the undetermined ones. */
static void pick_sample(struct builder *b)
{
	for (size_t i = 0; i < b->sum.nr_codes; i++)
		for (size_t k = 0; k < b->sum.codes[i].nr_sample; k++)
			strmap_put(&b->sampled, b->sum.codes[i].sample[k], 1, NULL);
	for (size_t k = 0; k < b->sum.nr_undetermined; k++)
		strmap_put(&b->sampled, b->sum.undetermined[k], 1, NULL);
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

static void write_tally(struct builder *b, const char *element, const struct run_tally *t,
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

static void write_summary(struct builder *b)
{
	const struct run_summary *s = &b->sum;
	start(b, "summary");
	attr_long(b, "systems", s->systems);
	attr_long(b, "determined", s->determined);
	attr_long(b, "undetermined", s->level[0]);
	attr_long(b, "approved", s->approved);
	attr_long(b, "unapproved", s->unapproved);
	attr_long(b, "operating", s->operating);
	attr_long(b, "critical", s->severity[SEV_CRITICAL]);
	attr_long(b, "warning", s->severity[SEV_WARNING]);
	attr_long(b, "info", s->severity[SEV_INFO]);
	for (int l = 1; l <= 5; l++) {
		start(b, "level");
		attr_long(b, "n", l);
		attr_long(b, "systems", s->level[l]);
		end(b);
	}
	for (size_t i = 0; i < s->nr_owners; i++)
		write_tally(b, "owner", &s->owners[i], 1);
	for (size_t i = 0; i < s->nr_operators; i++)
		write_tally(b, "operator", &s->operators[i], 0);
	for (size_t i = 0; i < s->nr_codes; i++) {
		start(b, "finding-code");
		attr(b, "code", s->codes[i].code);
		attr(b, "severity", severity_name(s->codes[i].severity));
		attr_long(b, "systems", s->codes[i].systems);
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
	       (o->id && strmap_get(&b->operators, o->id, &i));
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

static void write_requirement(struct builder *b, const struct run_req_view *r)
{
	int l = r->level >= 1 && r->level <= 5 ? r->level : 0;
	start(b, "requirement");
	attr(b, "id", r->req->id);
	attr(b, "group", r->req->group);
	attr(b, "tcvn", r->req->at[l].tcvn);
	attr(b, "article", r->req->at[l].article);
	attr(b, "status", r->status);
	if (r->product >= 0)
		attr(b, "product", tri_word((enum tri)r->product));
	attr(b, "due", r->due);
	attr(b, "label-vi", r->req->label_vi);
	attr(b, "label-en", r->req->label_en);
	attr(b, "note", r->req->at[l].note);
	if (r->condition_unknown)
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

/* A lean <system>: what a row of the CSV shows, nothing else. */
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

/* A <component> element: what the run says of the component. */
static int write_component(struct builder *b, const char *ref)
{
	char *name = NULL;
	int level = 0, determined = 0;
	int known = store_run_peer(b->st, b->run.id, ref, &name, &level, &determined);
	if (known < 0)
		return -1;
	start(b, "component");
	attr(b, "ref", ref);
	if (known) {
		if (name && !(b->filter && b->filter->no_component_names))
			attr(b, "name", name);
		if (level)
			attr_long(b, "level", level);
		attr(b, "determined", determined ? "yes" : "no");
	}
	end(b);
	free(name);
	return 0;
}

static int pass_b(void *data, const struct run_system_view *v)
{
	struct builder *b = data;
	const struct system_result *res = v->res;
	const struct system_record *rec = v->rec;
	if (!included(b, res, rec))
		return 0;
	if (b->detail == RESULTS_LEAN)
		return pass_b_lean(b, res, rec);
	char buf[32];

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
	/* a run made before schema 4 stored no inspection state: none shown */
	if (res->inspection_known) {
		attr(b, "last-inspection", res->last_inspection);
		attr(b, "next-inspection-due", res->next_inspection_due);
		attr(b, "inspection-state", inspection_state_name(res->inspection_state));
	}
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

	for (size_t c = 0; c < res->nr_outcomes && c < b->nr_clauses; c++) {
		if (res->outcomes[c] == OUTCOME_NOT_ASKED)
			continue; /* a clause of another rule set of the run */
		enum tri t = (enum tri)res->outcomes[c];
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

	for (size_t c = 0; c < rec->nr_components; c++)
		if (write_component(b, rec->components[c].ref) < 0)
			return -1;

	start(b, "requirements");
	attr_long(b, "applicable", res->requirements.applicable);
	attr_long(b, "met", res->requirements.met);
	attr_long(b, "partial", res->requirements.partial);
	attr_long(b, "not-met", res->requirements.not_met);
	attr_long(b, "waived", res->requirements.waived);
	attr_long(b, "unknown", res->requirements.unknown);
	end(b);
	if (b->detail == RESULTS_FULL)
		for (size_t r = 0; r < v->nr_req; r++)
			write_requirement(b, &v->req[r]);

	for (size_t f = 0; f < res->nr_findings; f++) {
		const struct finding *fd = &res->findings[f];
		start(b, "finding");
		attr(b, "code", fd->code);
		attr(b, "severity", severity_name(fd->severity));
		attr(b, "basis-vi", fd->basis_vi); /* as the run stored it, if it did */
		attr(b, "basis-en", fd->basis_en);
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
	run_clauses_free(b->clauses, b->nr_clauses);
	run_rulesets_free(b->sets, b->nr_sets);
	run_readings_free(b->readings, b->nr_readings);
	for (size_t i = 0; i < b->nr_orgs; i++)
		organization_release(&b->orgs[i]);
	free(b->orgs);
	strmap_release(&b->org_index);
	strbuf_release(&b->scratch);
	run_summary_release(&b->sum);
	strmap_release(&b->operators);
	strmap_release(&b->sampled);
	xmlFreeDoc(b->doc);
	strbuf_release(&b->reading_ids);
}

/* An empty builder (builder_release frees what it gathers, at any step). */
static void builder_init(struct builder *b, struct store *st, enum results_detail detail,
                         const struct results_filter *filter)
{
	memset(b, 0, sizeof(*b));
	strmap_init(&b->org_index);
	strbuf_init(&b->scratch);
	run_summary_init(&b->sum);
	strmap_init(&b->operators);
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
	return store_run_clauses(b->st, run, &b->clauses, &b->nr_clauses);
}

/* Read what the document needs before writing: header, rule sets,
 * clauses, readings, organizations, totals. */
static int builder_prepare(struct builder *b, struct store *st, long run,
                           enum results_detail detail, const struct results_filter *filter)
{
	builder_init(b, st, detail, filter);
	if (builder_read_run(b, run) < 0)
		return -1;
	run = b->run.id;
	if (store_run_rulesets(st, run, &b->sets, &b->nr_sets) < 0 ||
	    store_run_readings(st, run, &b->readings, &b->nr_readings) < 0 ||
	    store_each_organization(st, b->run.snapshot, collect_org, b) < 0 || read_totals(b) < 0)
		return -1;
	if (filter && filter->system_id && !b->matched)
		return error("no system '%s' in run %ld", filter->system_id, run);
	for (size_t i = 0; i < b->sum.nr_operators; i++)
		strmap_put(&b->operators, b->sum.operators[i].id, i, NULL);
	if (filter && filter->sample)
		pick_sample(b);
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
	attr(b, "not-stored", b->run.not_stored);
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

/* What a walk reads for the detail of the document. */
static unsigned walk_parts(const struct builder *b)
{
	if (b->detail == RESULTS_LEAN)
		return STORE_FACTS_LEAN;
	return STORE_ALL_CHILDREN | STORE_FINDING_TEXTS |
	       (b->detail == RESULTS_FULL ? STORE_REQUIREMENTS : 0);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The systems of the document: a sample is fetched by id (a few hundred
 * indexed look-ups instead of a walk over the run), aggregates-only needs
 * none, an owner's systems are read by owner, anything else is one walk. */
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
			ret = store_each_run_system(b->st, b->run.id, ids[i], NULL, walk_parts(b), pass_b, b);
		free(ids);
		return ret < 0 ? -1 : 0;
	}
	const char *only_id = f ? f->system_id : NULL, *owner = f ? f->owner_id : NULL;
	return store_each_run_system(b->st, b->run.id, only_id, only_id ? NULL : owner,
	                             walk_parts(b), pass_b, b) < 0 ? -1 : 0;
}

static int write_document(struct builder *b)
{
	if (write_head(b) < 0 || write_systems(b) < 0)
		return -1;
	return write_tail(b);
}

/* A builder prepared once and written many times, in different views. */
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

/* ---- chunks ------------------------------------------------------------ */

/* Close the chunk being written and hand it (and its ownership) to fn; the
 * number of systems (b->matched) says which chunk is the last. */
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

static int pass_b_chunked(void *data, const struct run_system_view *v)
{
	struct builder *b = data;
	if (!included(b, v->res, v->rec))
		return 0;
	if (!b->doc && chunk_open(b) < 0)
		return -1;
	if (pass_b(b, v) < 0)
		return -1;
	b->emitted++;
	if ((++b->in_chunk >= b->chunk || b->emitted >= (size_t)b->matched) && chunk_close(b) < 0)
		return -1;
	return 0;
}

/* Write the systems (only_id: one; owner: an owner's) in chunks to fn;
 * b->matched says which chunk is the last, and is as before on return. */
static int builder_chunks(struct builder *b, const char *only_id, const char *owner,
                          size_t chunk,
                          int (*fn)(xmlDocPtr doc, int first, int last, void *data), void *data)
{
	int ret = -1;
	b->chunk = chunk ? chunk : 1;
	b->chunk_fn = fn;
	b->chunk_data = data;
	long matched = b->matched;
	if (store_each_run_system(b->st, b->run.id, only_id, only_id ? NULL : owner, walk_parts(b),
	                          pass_b_chunked, b) < 0)
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
	int ret = builder_chunks(&p->b, p->view.system_id, p->view.owner_id, chunk, fn, data);
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
		ret = builder_chunks(&b, NULL, NULL, chunk, fn, data);
	}
	builder_release(&b);
	return ret;
}
