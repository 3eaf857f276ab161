/*
 * inventory.c - streaming inventory reader: schema, meaning, records.
 *
 * The xmlTextReader validates against inventory.rng as it goes. libxml2's
 * RELAX NG messages inside <interleave> are vague ("Expecting an element
 * name, got nothing"), so each top-level element is also checked here with
 * the rule tables below, which give precise messages. Schema messages about
 * an element are held back while it is read and shown only when the
 * element's own checks found nothing: the schema is the final word, the
 * tables only make the words clearer.
 */
#include "inventory.h"
#include "sheet.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>

#include <libxml/hash.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "diag.h"
#include "graph.h"
#include "paths.h"
#include "rx.h"
#include "util.h"
#include "xmlsafe.h"

#define ID_PATTERN "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
#define DECISION_PATTERN "^[0-9]+(/[0-9]{4})?/Q[ĐD]-[\\p{L}\\p{N}&]+(-[\\p{L}\\p{N}&]+)*$"
#define SCHEMA_REL "criteria/schema/inventory.rng"

/* ===== rule tables ===== */

enum vkind {
	V_NONE,     /* element without text content */
	V_TEXT,     /* any text */
	V_LABEL,    /* non-empty text */
	V_ENUM,     /* one word of values ("unknown" only when listed) */
	V_COUNT,    /* non-negative integer */
	V_DATE,     /* real calendar date YYYY-MM-DD */
	V_ID,       /* identifier */
	V_DECISION, /* decision number 1520/QĐ-UBND */
	V_RULES,    /* a rule-set id: an upper-case letter, then upper-case letters and digits */
};

#define TRI "yes no unknown"

struct attr_rule {
	const char *name;   /* attribute name */
	enum vkind kind;    /* what its value must be */
	const char *values; /* V_ENUM: the allowed words */
	int required;       /* must be present */
	int fact;           /* fact it sets (enum fact_id), or -1 */
};

struct elem_rule {
	const char *name;           /* element name */
	int required;               /* must appear */
	int repeat;                 /* may appear more than once */
	enum vkind text;            /* V_NONE, or what the text content must be */
	const char *text_values;    /* V_ENUM */
	int text_fact;              /* fact the text sets, or -1 */
	const struct attr_rule *attrs; /* terminated by name == NULL */
	const struct elem_rule *children; /* for components, controls */
};

static const struct attr_rule no_attrs[] = {{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule inventory_attrs[] = {
	{"version", V_ENUM, "1", 1, -1},
	{"as-of", V_DATE, NULL, 1, -1},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule organization_attrs[] = {
	{"id", V_ID, NULL, 1, -1},
	{"role", V_ENUM, "owner isec-unit operator provider", 1, -1},
	{"parent", V_ID, NULL, 0, -1},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct elem_rule organization_children[] = {
	{"name", 1, 0, V_LABEL, NULL, -1, no_attrs, NULL},
	{NULL, 0, 0, V_NONE, NULL, -1, NULL, NULL}};

/* An owner's own inspection cadence for one level (facts.h). */
static const struct attr_rule inspection_policy_attrs[] = {
	{"level", V_ENUM, "1 2 3 4 5", 1, -1},
	{"months", V_COUNT, NULL, 1, -1},
	{"decision", V_DECISION, NULL, 0, -1},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule system_attrs[] = {
	{"id", V_ID, NULL, 1, F_ID},
	{"owner", V_ID, NULL, 1, F_OWNER},
	{"operator", V_ID, NULL, 0, F_OPERATOR},
	{"status", V_ENUM, "planned building testing operating retired", 1, F_STATUS},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule information_attrs[] = {
	{"public", V_ENUM, TRI, 0, F_INFO_PUBLIC},
	{"private", V_ENUM, TRI, 0, F_INFO_PRIVATE},
	{"personal", V_ENUM, TRI, 0, F_INFO_PERSONAL},
	{"secret", V_ENUM, "none mat toi-mat tuyet-mat unknown", 0, F_INFO_SECRET},
	{"defence-security", V_ENUM, TRI, 0, F_INFO_DEFENCE},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule service_attrs[] = {
	{"online", V_ENUM, TRI, 0, F_SVC_ONLINE},
	{"public-service-level", V_ENUM, "0 1 2 3 4", 0, F_SVC_PSL},
	{"public-service-mode", V_ENUM, "none info partial full", 0, F_SVC_MODE},
	{"admin-procedures", V_ENUM, TRI, 0, F_SVC_ADMIN},
	{"conditional-business", V_ENUM, TRI, 0, F_SVC_COND},
	{"conditional-ref", V_TEXT, NULL, 0, F_SVC_COND_REF},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule data_subjects_attrs[] = {
	{"users", V_COUNT, NULL, 0, F_DS_USERS},
	{"basic", V_COUNT, NULL, 0, F_DS_BASIC},
	{"sensitive", V_COUNT, NULL, 0, F_DS_SENSITIVE},
	{"as-of", V_DATE, NULL, 0, F_DS_AS_OF},
	{"method", V_TEXT, NULL, 0, F_DS_METHOD},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule shared_platform_attrs[] = {
	{"agencies", V_COUNT, NULL, 1, F_SHARED_AGENCIES},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule availability_attrs[] = {
	{"always-on", V_ENUM, TRI, 0, F_ALWAYS_ON},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule national_attrs[] = {
	{"e-government", V_ENUM, TRI, 0, F_NAT_EGOV},
	{"critical-data", V_ENUM, TRI, 0, F_NAT_CRITICAL},
	{"security-list", V_ENUM, TRI, 0, F_NAT_SECLIST},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule ics_attrs[] = {
	{"work-grade", V_ENUM, "none IV III II I special", 0, F_ICS_GRADE},
	{"national-security-work", V_ENUM, TRI, 0, F_ICS_NATSEC},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule harm_attrs[] = {
	{"national-security", V_ENUM, "none harm serious especially-serious unknown", 0,
	 F_HARM_NATSEC},
	{"strategic", V_ENUM, TRI, 0, F_HARM_STRATEGIC},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule decided_level_attrs[] = {
	{"level", V_ENUM, "1 2 3 4 5", 1, F_DECIDED_LEVEL},
	{"by", V_ENUM, "prime-minister risk-assessment", 1, F_DECIDED_BY},
	{"ref", V_TEXT, NULL, 0, F_DECIDED_REF},
	{NULL, V_NONE, NULL, 0, -1}};

/* investment or construction start (Decree 331 Art. 39.1 transition) */
static const struct attr_rule project_attrs[] = {
	{"started", V_DATE, NULL, 1, F_PROJECT_STARTED},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule component_attrs[] = {
	{"ref", V_ID, NULL, 1, -1},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct elem_rule components_children[] = {
	{"component", 0, 1, V_NONE, NULL, -1, component_attrs, NULL},
	{NULL, 0, 0, V_NONE, NULL, -1, NULL, NULL}};

static const struct attr_rule approval_attrs[] = {
	{"level", V_ENUM, "1 2 3 4 5", 1, F_APPR_LEVEL},
	{"rules", V_RULES, NULL, 1, F_APPR_RULES},
	{"decision", V_DECISION, NULL, 1, F_APPR_DECISION},
	{"date", V_DATE, NULL, 1, F_APPR_DATE},
	{"approved-by", V_TEXT, NULL, 0, F_APPR_BY},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule regulation_attrs[] = {
	{"decision", V_DECISION, NULL, 1, F_REG_DECISION},
	{"date", V_DATE, NULL, 1, F_REG_DATE},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule plan_attrs[] = {
	{"status", V_ENUM, "full partial none unknown", 1, F_PLAN_STATUS},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule inspection_attrs[] = {
	{"date", V_DATE, NULL, 1, -1},
	{"kind", V_ENUM, "periodic ad-hoc pre-operation", 1, -1},
	/* "yes": files written before 2026-11-30, read as licensed */
	{"independent", V_ENUM, "licensed internal no yes", 1, -1},
	{"by", V_TEXT, NULL, 0, -1},
	{"findings", V_COUNT, NULL, 0, -1},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule protection_attrs[] = {
	{"on-site", V_ENUM, TRI, 0, F_PROT_ONSITE},
	{"provider", V_ENUM, TRI, 0, F_PROT_PROVIDER},
	{"independent-audit", V_ENUM, TRI, 0, F_PROT_AUDIT},
	{"national-monitoring", V_ENUM, TRI, 0, F_PROT_MONITOR},
	{"provider-name", V_TEXT, NULL, 0, F_PROT_PROVIDER_NAME},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule control_attrs[] = {
	{"ref", V_ID, NULL, 1, -1},
	{"status", V_ENUM, "met partial not-met not-applicable planned", 1, -1},
	{"due", V_DATE, NULL, 0, -1},
	{"evidence", V_TEXT, NULL, 0, -1},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct attr_rule waiver_attrs[] = {
	{"ref", V_ID, NULL, 1, -1},
	{"reason", V_LABEL, NULL, 1, -1},
	{"approved-by", V_LABEL, NULL, 1, -1},
	{"until", V_DATE, NULL, 1, -1},
	{NULL, V_NONE, NULL, 0, -1}};

static const struct elem_rule controls_children[] = {
	{"control", 0, 1, V_NONE, NULL, -1, control_attrs, NULL},
	{"waiver", 0, 1, V_NONE, NULL, -1, waiver_attrs, NULL},
	{NULL, 0, 0, V_NONE, NULL, -1, NULL, NULL}};

static const struct elem_rule system_children[] = {
	{"name", 1, 0, V_LABEL, NULL, F_NAME, no_attrs, NULL},
	{"description", 0, 0, V_TEXT, NULL, F_DESCRIPTION, no_attrs, NULL},
	{"type", 1, 1, V_ENUM, "internal citizen-business infrastructure industrial-control other",
	 F_TYPE, no_attrs, NULL},
	{"information", 1, 0, V_NONE, NULL, -1, information_attrs, NULL},
	{"service", 0, 0, V_NONE, NULL, -1, service_attrs, NULL},
	{"data-subjects", 0, 0, V_NONE, NULL, -1, data_subjects_attrs, NULL},
	{"scope", 0, 0, V_ENUM,
	 "organization sector province provinces ministry national international", F_SCOPE,
	 no_attrs, NULL},
	{"shared-platform", 0, 0, V_NONE, NULL, -1, shared_platform_attrs, NULL},
	{"availability", 0, 0, V_NONE, NULL, -1, availability_attrs, NULL},
	{"national", 0, 0, V_NONE, NULL, -1, national_attrs, NULL},
	{"ics", 0, 0, V_NONE, NULL, -1, ics_attrs, NULL},
	{"harm", 0, 0, V_NONE, NULL, -1, harm_attrs, NULL},
	{"decided-level", 0, 0, V_NONE, NULL, -1, decided_level_attrs, NULL},
	{"project", 0, 0, V_NONE, NULL, -1, project_attrs, NULL},
	{"hosting", 0, 0, V_ENUM, "on-premises rented-dc cloud", F_HOSTING, no_attrs, NULL},
	{"components", 0, 0, V_NONE, NULL, -1, no_attrs, components_children},
	{"approval", 0, 0, V_NONE, NULL, -1, approval_attrs, NULL},
	{"regulation", 0, 0, V_NONE, NULL, -1, regulation_attrs, NULL},
	{"plan", 0, 0, V_NONE, NULL, -1, plan_attrs, NULL},
	{"inspection", 0, 1, V_NONE, NULL, -1, inspection_attrs, NULL},
	{"protection", 0, 0, V_NONE, NULL, -1, protection_attrs, NULL},
	{"controls", 0, 0, V_NONE, NULL, -1, no_attrs, controls_children},
	{NULL, 0, 0, V_NONE, NULL, -1, NULL, NULL}};

/* ===== checker state ===== */

enum ref_kind { REF_OWNER, REF_OPERATOR, REF_COMPONENT, REF_PARENT };

struct id_entry {
	char kind;       /* 's' system, 'o' organization */
	const char *role;/* organization role (in chk->strings), else NULL */
	const char *file;/* borrowed from chk->files */
	long line;       /* line of its element */
	size_t index;    /* systems: index into the component graph */
};

struct xref {
	enum ref_kind kind; /* what the reference is */
	const char *from;   /* id of the referring record, in chk->strings */
	const char *to;     /* id referred to, in chk->strings */
	const char *file;   /* borrowed from chk->files */
	long line;          /* line of the referring element */
};

struct pending {
	char *msg;  /* schema message, already one line */
	long line;  /* 0 when libxml2 knew none */
};

struct input;
struct schema_worker;

/* A string stored once, and the definition of the id it spells (or NULL). */
struct intern_slot {
	const char *s;
	struct id_entry *id;
};

/* Strings stored once: open addressing over blocks of characters. (libxml2's
 * xmlDict stops growing its table at a few thousand buckets, which makes a
 * million ids slow.) */
struct strings {
	struct intern_slot *slots;  /* size slots, a power of two, at most half used */
	size_t size, used;
	char **blocks;              /* the characters */
	size_t nr_blocks, alloc_blocks, block_left;
};

struct inventory_checker {
	xmlRelaxNGPtr schema;       /* parsed once, on first read */
	struct rx *id_rx;           /* identifier syntax */
	struct rx *decision_rx;     /* decision number syntax */
	struct strings strings;     /* ids and roles, each stored once, with the id's entry */
	struct id_entry **pools;    /* the entries, ID_POOL to a block */
	size_t nr_pools, alloc_pools, pool_used;
	char **files;               /* every file name read, owned */
	size_t nr_files, alloc_files;
	struct xref *refs;          /* references to resolve at finish */
	size_t nr_refs, alloc_refs;
	size_t nr_systems, nr_organizations; /* elements read */
	size_t nr_system_ids;       /* distinct system ids: nodes of the graph */
	int (*known_system)(void *data, const char *id);
	const char *(*known_org_role)(void *data, const char *id);
	void *resolver_data;

	/* state of the file being read */
	const char *file;           /* display name, borrowed from files */
	struct pending *pending;    /* schema messages held back */
	size_t nr_pending, alloc_pending;
	struct input *input;        /* the bytes being read, watched for a DOCTYPE */
	struct schema_worker *worker; /* the schema on another thread, or NULL */
	unsigned long point;        /* flush points passed in this file */
	int prev_own;               /* own problems of the last top-level element */
	int schema_lost;            /* libxml2's schema messages no longer make sense */
	int cut;                    /* read_stream() stopped before the end */
};

struct inventory_checker *inventory_checker_new(void)
{
	struct inventory_checker *chk = xcalloc(1, sizeof(*chk));
	return chk;
}

#define ID_POOL 4096 /* id entries per block: no allocation per id */

static struct id_entry *new_id_entry(struct inventory_checker *chk)
{
	if (!chk->nr_pools || chk->pool_used == ID_POOL) {
		ALLOC_GROW(chk->pools, chk->nr_pools + 1, chk->alloc_pools);
		chk->pools[chk->nr_pools++] = xmalloc(ID_POOL * sizeof(struct id_entry));
		chk->pool_used = 0;
	}
	struct id_entry *e = &chk->pools[chk->nr_pools - 1][chk->pool_used++];
	memset(e, 0, sizeof(*e));
	return e;
}

#define STRING_BLOCK 65536

static size_t string_hash(const char *s)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)(h ^ (h >> 32));
}

static struct intern_slot *strings_slot(struct intern_slot *slots, size_t size,
                                        const char *s)
{
	size_t mask = size - 1;
	for (size_t i = string_hash(s) & mask;; i = (i + 1) & mask)
		if (!slots[i].s || !strcmp(slots[i].s, s))
			return &slots[i];
}

static const char *strings_copy(struct strings *t, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p;
	if (n > STRING_BLOCK / 4) {
		/* a long one has a block of its own, before the current one */
		ALLOC_GROW(t->blocks, t->nr_blocks + 1, t->alloc_blocks);
		p = xmalloc(n);
		if (t->nr_blocks) {
			t->blocks[t->nr_blocks] = t->blocks[t->nr_blocks - 1];
			t->blocks[t->nr_blocks - 1] = p;
		} else {
			t->blocks[0] = p;
			t->block_left = 0;
		}
		t->nr_blocks++;
		memcpy(p, s, n);
		return p;
	}
	if (t->block_left < n) {
		ALLOC_GROW(t->blocks, t->nr_blocks + 1, t->alloc_blocks);
		t->blocks[t->nr_blocks++] = xmalloc(STRING_BLOCK);
		t->block_left = STRING_BLOCK;
	}
	p = t->blocks[t->nr_blocks - 1] + (STRING_BLOCK - t->block_left);
	memcpy(p, s, n);
	t->block_left -= n;
	return p;
}

/* The slot of s; with add, s is stored when new. NULL when absent. */
static struct intern_slot *strings_find(struct strings *t, const char *s, int add)
{
	if (!t->size) {
		if (!add)
			return NULL;
		t->size = 1024;
		t->slots = xcalloc(t->size, sizeof(*t->slots));
	}
	if (add && (t->used + 1) * 2 > t->size) {
		size_t size = t->size * 2;
		struct intern_slot *slots = xcalloc(size, sizeof(*slots));
		for (size_t i = 0; i < t->size; i++)
			if (t->slots[i].s)
				*strings_slot(slots, size, t->slots[i].s) = t->slots[i];
		free(t->slots);
		t->slots = slots;
		t->size = size;
	}
	struct intern_slot *sl = strings_slot(t->slots, t->size, s);
	if (!sl->s) {
		if (!add)
			return NULL;
		sl->s = strings_copy(t, s);
		t->used++;
	}
	return sl;
}

static void strings_release(struct strings *t)
{
	for (size_t i = 0; i < t->nr_blocks; i++)
		free(t->blocks[i]);
	free(t->blocks);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

/* s stored once in the checker (NULL stays NULL). */
static const char *intern(struct inventory_checker *chk, const char *s)
{
	return s ? strings_find(&chk->strings, s, 1)->s : NULL;
}

/* The definition of id, or NULL. */
static struct id_entry *find_id(struct inventory_checker *chk, const char *id)
{
	struct intern_slot *sl = strings_find(&chk->strings, id, 0);
	return sl ? sl->id : NULL;
}

static void clear_pending(struct inventory_checker *chk)
{
	for (size_t i = 0; i < chk->nr_pending; i++)
		free(chk->pending[i].msg);
	chk->nr_pending = 0;
}

void inventory_checker_free(struct inventory_checker *chk)
{
	if (!chk)
		return;
	xmlRelaxNGFree(chk->schema);
	rx_free(chk->id_rx);
	rx_free(chk->decision_rx);
	strings_release(&chk->strings);
	for (size_t i = 0; i < chk->nr_pools; i++)
		free(chk->pools[i]);
	free(chk->pools);

	for (size_t i = 0; i < chk->nr_files; i++)
		free(chk->files[i]);
	free(chk->files);
	free(chk->refs);
	clear_pending(chk);
	free(chk->pending);
	free(chk);
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

size_t inventory_checker_organizations(const struct inventory_checker *chk)
{
	return chk ? chk->nr_organizations : 0;
}

/*
 * The datatypes whose pattern facet the rule tables check as well, and as
 * strictly: "id" and "requirement-id" (V_ID, the same expression), "date"
 * (V_DATE, a real calendar date) and "count" (V_COUNT, digits only).
 * libxml2 2.9.14 compiles a pattern facet again for every value it checks
 * (xmlRelaxNGSchemaFacetCheck), about a third of the validation time of a
 * national inventory, so the validator gets the schema without these four
 * facets. The schema file keeps them for anyone who validates by hand.
 */
static const char *const patterns_checked_in_c[] = {"id", "requirement-id", "date", "count"};

static int is_rng(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       xmlStrEqual(n->ns->href, (const xmlChar *)"http://relaxng.org/ns/structure/1.0") &&
	       xmlStrEqual(n->name, (const xmlChar *)name);
}

static int has_name(xmlNodePtr n, const char *value)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)"name");
	int eq = v && xmlStrEqual(v, (const xmlChar *)value);
	xmlFree(v);
	return eq;
}

/* Unlink <param name="pattern"> from the <define>s listed above. */
static void drop_patterns_checked_in_c(xmlNodePtr grammar)
{
	for (xmlNodePtr def = grammar ? grammar->children : NULL; def; def = def->next) {
		int listed = 0;
		if (!is_rng(def, "define"))
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(patterns_checked_in_c); i++)
			listed |= has_name(def, patterns_checked_in_c[i]);
		if (!listed)
			continue;
		for (xmlNodePtr data = def->children; data; data = data->next) {
			if (!is_rng(data, "data"))
				continue;
			xmlNodePtr p = data->children;
			while (p) {
				xmlNodePtr next = p->next;
				if (is_rng(p, "param") && has_name(p, "pattern")) {
					xmlUnlinkNode(p);
					xmlFreeNode(p);
				}
				p = next;
			}
		}
	}
}

/* Load the schema and compile the patterns, once. */
static int checker_prepare(struct inventory_checker *chk)
{
	if (!chk->id_rx) {
		char *err = NULL;
		chk->id_rx = rx_compile(ID_PATTERN, &err);
		if (!chk->id_rx) {
			error("identifier pattern: %s", err);
			free(err);
			return -1;
		}
		chk->decision_rx = rx_compile(DECISION_PATTERN, &err);
		if (!chk->decision_rx) {
			error("decision number pattern: %s", err);
			free(err);
			return -1;
		}
	}
	if (!chk->schema) {
		char *path = data_path(SCHEMA_REL);
		xmlDocPtr doc = xmlReadFile(path, NULL, XMLSAFE_PARSE_OPTIONS);
		xmlRelaxNGParserCtxtPtr pctxt = NULL;
		if (doc) {
			drop_patterns_checked_in_c(xmlDocGetRootElement(doc));
			pctxt = xmlRelaxNGNewDocParserCtxt(doc); /* copies doc */
		}
		if (pctxt)
			chk->schema = xmlRelaxNGParse(pctxt);
		xmlRelaxNGFreeParserCtxt(pctxt);
		xmlFreeDoc(doc);
		if (!chk->schema) {
			error("cannot load the inventory schema '%s'", path);
			free(path);
			return -1;
		}
		free(path);
	}
	return 0;
}

/* ===== small helpers ===== */

static const char *intern_file(struct inventory_checker *chk, const char *path)
{
	ALLOC_GROW(chk->files, chk->nr_files + 1, chk->alloc_files);
	chk->files[chk->nr_files] = xstrdup(path);
	return chk->files[chk->nr_files++];
}

static long count_newlines(const xmlChar *s)
{
	long n = 0;
	for (; s && *s; s++)
		if (*s == '\n')
			n++;
	return n;
}

/*
 * The line of an element's start tag. libxml2 keeps at most 65535 in an
 * element; past that (XML_PARSE_BIG_LINES) only text nodes know the real
 * line, and a text node holds the line where it ends. So: the line where
 * the text before the element ends, else where the text inside it (or, for
 * an empty element, after it) starts. The reader frees nodes it has passed,
 * so a top-level element has no previous sibling left.
 */
static long node_line(xmlNodePtr node)
{
	if (!node)
		return 0;
	if (node->line < 65535)
		return node->line;
	long l;
	if (node->prev && node->prev->type == XML_TEXT_NODE && (l = xmlGetLineNo(node->prev)) > 0)
		return l;
	xmlNodePtr t = node->children ? node->children : node->next;
	if (t && t->type == XML_TEXT_NODE && (l = xmlGetLineNo(t)) > 0)
		return l - count_newlines(t->content);
	return xmlGetLineNo(node);
}

/* The line of the first non-blank character of a text node (which knows
 * the line where it ends). */
static long text_line(xmlNodePtr text)
{
	if (!text)
		return 0;
	const xmlChar *p = text->content;
	while (p && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return xmlGetLineNo(text) - count_newlines(p);
}

static int name_is(xmlNodePtr node, const char *name)
{
	return node && node->name && !strcmp((const char *)node->name, name);
}

/* Copy of s without surrounding XML white space. */
static char *trimmed(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	char *out = xmalloc(n + 1);
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

static char *attr_value(xmlAttrPtr a)
{
	xmlChar *v = xmlNodeListGetString(a->doc, a->children, 1);
	char *out = xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	return out;
}

static char *text_of(xmlNodePtr node)
{
	xmlChar *v = xmlNodeGetContent(node);
	char *out = trimmed(v ? (const char *)v : "");
	xmlFree(v);
	return out;
}

static int rx_ok(const struct rx *rx, const char *s)
{
	return rx_match(rx, s, strlen(s), NULL) == 1;
}

/* ===== checking one element against its rule ===== */

struct walk {
	struct inventory_checker *chk;
	const char *what; /* "system 'x': " or "" for messages */
	int problems;     /* problems reported for this record */
};

static void walk_error(struct walk *w, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void walk_error(struct walk *w, long line, const char *fmt, ...)
{
	va_list ap, cp;
	va_start(ap, fmt);
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	char *msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	msg[0] = '\0';
	if (n > 0)
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	error_at(w->chk->file, line, "%s%s", w->what, msg);
	free(msg);
	w->problems++;
}

/* Check value v of kind/values: attribute name of <elem>, or elem's text when
 * name is NULL. 0 ok, -1 bad (reported). */
static int check_value(struct walk *w, long line, enum vkind kind, const char *values,
                       const char *v, const char *name, const char *elem)
{
	long long n;
	const char *why = NULL;
	switch (kind) {
	case V_NONE:
	case V_TEXT:
		return 0;
	case V_LABEL:
		if (!*v)
			why = "must not be empty";
		break;
	case V_ENUM:
		if (!*v || !word_in_list(values, v, strlen(v)))
			why = "allowed:";
		break;
	case V_COUNT:
		if (parse_count(v, &n) < 0)
			why = "not a non-negative integer";
		break;
	case V_DATE:
		if (!is_iso_date(v))
			why = "not a calendar date YYYY-MM-DD";
		break;
	case V_ID:
		if (!rx_ok(w->chk->id_rx, v))
			why = "an identifier is [A-Za-z0-9][A-Za-z0-9._-]{0,63}";
		break;
	case V_DECISION:
		if (!rx_ok(w->chk->decision_rx, v))
			why = "a decision number looks like 1520/QĐ-UBND or 123/2024/QĐ-UBND";
		break;
	case V_RULES: {
		size_t len = strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
		if (!(*v >= 'A' && *v <= 'Z') || v[len] || len > 16)
			why = "a rule-set id is an upper-case letter then upper-case letters and digits "
			      "(ND85, ND331, TT09)";
		break;
	}
	}
	if (!why)
		return 0;
	walk_error(w, line, "invalid <%s>%s%s%s'%s': %s%s%s", elem, name ? " " : " ",
	           name ? name : "", name ? "=" : "", v, why, values && kind == V_ENUM ? " " : "",
	           values && kind == V_ENUM ? values : "");
	return -1;
}

/* "unknown" and absent both mean NULL for every fact but free text. */
static void set_fact(struct system_record *rec, int fact, const char *v)
{
	if (fact < 0 || !rec)
		return;
	enum fact_kind k = fact_def((enum fact_id)fact)->kind;
	if (k != FACT_TEXT && v && !strcmp(v, "unknown"))
		v = NULL;
	system_record_set(rec, (enum fact_id)fact, v);
}

/*
 * Check node's attributes against rules. Good values are stored into
 * vals[i] (owned by the caller, NULL when absent or bad) and, with rec,
 * into the facts. Returns the number of problems.
 */
static int check_attrs(struct walk *w, xmlNodePtr node, const struct attr_rule *rules,
                       char **vals, struct system_record *rec)
{
	int before = w->problems;
	long line = node_line(node);
	const char *elem = (const char *)node->name;
	size_t nr = 0;
	while (rules[nr].name)
		nr++;
	for (xmlAttrPtr a = node->properties; a; a = a->next) {
		size_t i;
		for (i = 0; i < nr; i++)
			if (!a->ns && !strcmp((const char *)a->name, rules[i].name))
				break;
		if (i == nr) {
			walk_error(w, line, "unknown attribute '%s%s%s' on <%s>",
			           a->ns && a->ns->prefix ? (const char *)a->ns->prefix : "",
			           a->ns && a->ns->prefix ? ":" : "", (const char *)a->name, elem);
			continue;
		}
		char *v = attr_value(a);
		if (check_value(w, line, rules[i].kind, rules[i].values, v, rules[i].name, elem) < 0) {
			free(v);
			continue;
		}
		if (rec)
			set_fact(rec, rules[i].fact, v);
		if (vals) {
			free(vals[i]);
			vals[i] = v;
		} else {
			free(v);
		}
	}
	for (size_t i = 0; i < nr; i++)
		if (rules[i].required && !xmlHasNsProp(node, (const xmlChar *)rules[i].name, NULL))
			walk_error(w, line, "<%s> lacks the attribute '%s'", elem, rules[i].name);
	return w->problems - before;
}

static void free_vals(char **vals, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(vals[i]);
		vals[i] = NULL;
	}
}

static const struct elem_rule *find_rule(const struct elem_rule *rules, xmlNodePtr node)
{
	for (; rules->name; rules++)
		if (!node->ns && name_is(node, rules->name))
			return rules;
	return NULL;
}

/* Text or entity content where only elements belong. */
static void check_no_text(struct walk *w, xmlNodePtr child, const char *parent)
{
	if (child->type == XML_ENTITY_REF_NODE) {
		walk_error(w, node_line(child->parent), "entity reference '&%s;' is not allowed",
		           (const char *)child->name);
	} else if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
		for (const xmlChar *p = child->content; p && *p; p++)
			if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
				walk_error(w, node_line(child->parent), "text is not allowed in <%s>",
				           parent);
				break;
			}
	}
}

/* Walk the children of node against rules; calls visit for each good child. */
typedef void (*visit_fn)(struct walk *w, xmlNodePtr child, const struct elem_rule *rule,
                         void *data);

static void walk_children(struct walk *w, xmlNodePtr node, const struct elem_rule *rules,
                          visit_fn visit, void *data)
{
	size_t nr = 0;
	while (rules[nr].name)
		nr++;
	int seen[32] = {0};
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE) {
			check_no_text(w, c, (const char *)node->name);
			continue;
		}
		const struct elem_rule *r = find_rule(rules, c);
		if (!r) {
			walk_error(w, node_line(c), "unknown element <%s> in <%s>",
			           (const char *)c->name, (const char *)node->name);
			continue;
		}
		size_t i = (size_t)(r - rules);
		if (seen[i]++ && !r->repeat) {
			walk_error(w, node_line(c), "<%s> appears more than once in <%s>",
			           r->name, (const char *)node->name);
			continue;
		}
		visit(w, c, r, data);
	}
	for (size_t i = 0; i < nr; i++)
		if (rules[i].required && !seen[i])
			walk_error(w, node_line(node), "<%s> lacks the element <%s>",
			           (const char *)node->name, rules[i].name);
}

/* The text of a text element, checked; NULL when bad. Elements inside are
 * reported. */
static char *checked_text(struct walk *w, xmlNodePtr c, const struct elem_rule *r)
{
	for (xmlNodePtr g = c->children; g; g = g->next)
		if (g->type == XML_ELEMENT_NODE) {
			walk_error(w, node_line(g), "unknown element <%s> in <%s>",
			           (const char *)g->name, r->name);
			return NULL;
		} else if (g->type == XML_ENTITY_REF_NODE) {
			check_no_text(w, g, r->name);
			return NULL;
		}
	char *v = text_of(c);
	if (check_value(w, node_line(c), r->text, r->text_values, v, NULL, r->name) < 0) {
		free(v);
		return NULL;
	}
	return v;
}

/* ===== systems ===== */

struct system_walk {
	struct system_record *rec;
	struct strbuf types; /* F_TYPE in document order */
	const char *id;      /* the system's id or NULL */
};

static void visit_component(struct walk *w, xmlNodePtr c, const struct elem_rule *r, void *data)
{
	struct system_walk *sw = data;
	char *vals[2] = {NULL, NULL};
	check_attrs(w, c, r->attrs, vals, NULL);
	for (xmlNodePtr g = c->children; g; g = g->next)
		if (g->type == XML_ELEMENT_NODE)
			walk_error(w, node_line(g), "unknown element <%s> in <%s>",
			           (const char *)g->name, r->name);
		else
			check_no_text(w, g, r->name);
	if (vals[0]) {
		if (sw->id && !strcmp(sw->id, vals[0])) {
			walk_error(w, node_line(c), "lists itself as a component");
		} else {
			struct system_record *rec = sw->rec;
			ALLOC_GROW(rec->components, rec->nr_components + 1, rec->alloc_components);
			rec->components[rec->nr_components].ref = vals[0];
			rec->components[rec->nr_components++].line = node_line(c);
			vals[0] = NULL;
		}
	}
	free_vals(vals, ARRAY_SIZE(vals));
}

static void check_empty(struct walk *w, xmlNodePtr c, const char *name)
{
	for (xmlNodePtr g = c->children; g; g = g->next)
		if (g->type == XML_ELEMENT_NODE)
			walk_error(w, node_line(g), "unknown element <%s> in <%s>",
			           (const char *)g->name, name);
		else
			check_no_text(w, g, name);
}

static void visit_control(struct walk *w, xmlNodePtr c, const struct elem_rule *r, void *data)
{
	struct system_walk *sw = data;
	struct system_record *rec = sw->rec;
	char *vals[5] = {NULL};
	int bad = check_attrs(w, c, r->attrs, vals, NULL);
	check_empty(w, c, r->name);
	if (!bad && !strcmp(r->name, "control")) {
		ALLOC_GROW(rec->controls, rec->nr_controls + 1, rec->alloc_controls);
		struct control *ctl = &rec->controls[rec->nr_controls++];
		ctl->ref = vals[0];
		ctl->status = vals[1];
		ctl->due = vals[2];
		ctl->evidence = vals[3];
		ctl->line = node_line(c);
		memset(vals, 0, sizeof(vals));
	} else if (!bad) {
		ALLOC_GROW(rec->waivers, rec->nr_waivers + 1, rec->alloc_waivers);
		struct waiver *wv = &rec->waivers[rec->nr_waivers++];
		wv->ref = vals[0];
		wv->reason = vals[1];
		wv->approved_by = vals[2];
		wv->until = vals[3];
		wv->line = node_line(c);
		memset(vals, 0, sizeof(vals));
	}
	free_vals(vals, ARRAY_SIZE(vals));
}

static void visit_system_child(struct walk *w, xmlNodePtr c, const struct elem_rule *r,
                               void *data)
{
	struct system_walk *sw = data;
	struct system_record *rec = sw->rec;
	if (r->text != V_NONE) {
		check_attrs(w, c, r->attrs, NULL, NULL);
		char *v = checked_text(w, c, r);
		if (v && r->text_fact == F_TYPE) {
			if (sw->types.len)
				strbuf_addstr(&sw->types, " ");
			strbuf_addstr(&sw->types, v);
		} else if (v) {
			set_fact(rec, r->text_fact, v);
		}
		free(v);
		return;
	}
	if (r->children) {
		check_attrs(w, c, r->attrs, NULL, NULL);
		walk_children(w, c, r->children,
		              !strcmp(r->name, "components") ? visit_component : visit_control, sw);
		return;
	}
	if (!strcmp(r->name, "inspection")) {
		char *vals[6] = {NULL};
		int bad = check_attrs(w, c, r->attrs, vals, NULL);
		check_empty(w, c, r->name);
		if (!bad) {
			ALLOC_GROW(rec->inspections, rec->nr_inspections + 1, rec->alloc_inspections);
			struct inspection *in = &rec->inspections[rec->nr_inspections++];
			in->date = vals[0];
			in->kind = vals[1];
			in->independent = vals[2];
			in->by = vals[3];
			long long n = -1;
			if (vals[4] && parse_count(vals[4], &n) < 0)
				n = -1;
			in->findings = n;
			in->line = node_line(c);
			vals[0] = vals[1] = vals[2] = vals[3] = NULL;
		}
		free_vals(vals, ARRAY_SIZE(vals));
		return;
	}
	check_attrs(w, c, r->attrs, NULL, rec);
	check_empty(w, c, r->name);
	if (!strcmp(r->name, "service"))
		system_record_set(rec, F_SVC_PRESENT, "yes");
}

/* ===== cross-file bookkeeping ===== */

/*
 * A reference to an organization already defined here that check_ref()
 * will accept: nothing to keep for inventory_checker_finish() (a definition
 * never changes once made, and the ids defined here come first).
 */
static int ref_settled(struct inventory_checker *chk, enum ref_kind kind, const char *to)
{
	const struct id_entry *e = find_id(chk, to);
	if (!e || e->kind != 'o' || kind == REF_COMPONENT)
		return 0;
	if (!e->role || kind == REF_PARENT)
		return 1; /* an invalid role was reported already */
	if (kind == REF_OWNER)
		return !strcmp(e->role, "owner");
	return !strcmp(e->role, "operator") || !strcmp(e->role, "provider");
}

static void add_ref(struct inventory_checker *chk, enum ref_kind kind, const char *from,
                    const char *to, long line)
{
	if (ref_settled(chk, kind, to))
		return;
	ALLOC_GROW(chk->refs, chk->nr_refs + 1, chk->alloc_refs);
	struct xref *x = &chk->refs[chk->nr_refs++];
	x->kind = kind;
	x->from = intern(chk, from);
	x->to = intern(chk, to);
	x->file = chk->file;
	x->line = line;
}

/* Record id; a duplicate is reported against w. Returns 0 new, -1 duplicate. */
static int define_id(struct walk *w, const char *id, char kind, const char *role, long line)
{
	struct inventory_checker *chk = w->chk;
	const char *irole = intern(chk, role); /* first: it may move the slots */
	struct intern_slot *sl = strings_find(&chk->strings, id, 1);
	struct id_entry *old = sl->id;
	if (old) {
		struct strbuf sb;
		strbuf_init(&sb);
		strbuf_addf(&sb, "%s:%ld", old->file, old->line);
		walk_error(w, line, "duplicate id '%s' (first defined at %s)", id, sb.buf);
		strbuf_release(&sb);
		return -1;
	}
	struct id_entry *e = new_id_entry(chk);
	e->kind = kind;
	e->role = irole;
	e->file = chk->file;
	e->line = line;
	e->index = kind == 's' ? chk->nr_system_ids++ : 0;
	sl->id = e;
	return 0;
}

/* ===== the reader ===== */

/* One libxml2 message as one lowercase line without the trailing newline. */
static char *xml_message(const xmlError *err)
{
	const char *msg = err->message ? err->message : "XML error";
	char *m = trimmed(msg);
	if (m[0] >= 'A' && m[0] <= 'Z' && m[1] >= 'a' && m[1] <= 'z')
		m[0] = (char)(m[0] - 'A' + 'a');
	return m;
}

static int input_stopped(const struct input *in);

static void reader_error(void *data, xmlErrorPtr err)
{
	struct inventory_checker *chk = data;
	if (!err || err->level == XML_ERR_NONE || input_stopped(chk->input))
		return;
	char *msg = xml_message(err);
	/* err->node is not used: the streaming reader frees nodes it has passed,
	 * and RELAX NG reports errors on such nodes later (use after free found
	 * by fuzzing). A line libxml2 does not know is filled in by
	 * flush_pending(). */
	long line = err->line;
	if (err->level == XML_ERR_WARNING) {
		warning("%s:%ld: %s", chk->file, line, msg);
		free(msg);
	} else if (err->domain == XML_FROM_RELAXNGV) {
		ALLOC_GROW(chk->pending, chk->nr_pending + 1, chk->alloc_pending);
		chk->pending[chk->nr_pending].msg = msg;
		chk->pending[chk->nr_pending++].line = line;
	} else {
		error_at(chk->file, line, "%s", msg);
		free(msg);
	}
}

static void sync_worker(struct inventory_checker *chk);

static int is_generic_schema_message(const char *m)
{
	return strstr(m, "failed to validate content") || strstr(m, "failed to validate attributes") ||
	       strstr(m, "expecting an element name, got nothing");
}

/*
 * Show the held-back schema messages, unless the element's own checks
 * already explained it (own > 0). Lines libxml2 did not know become
 * default_line. Vague catch-all messages are dropped when a precise one is
 * there. Returns the number shown.
 */
static int flush_pending(struct inventory_checker *chk, int own, long default_line)
{
	int shown = 0, precise = 0;
	sync_worker(chk);
	if (own != 0 || chk->schema_lost) {
		clear_pending(chk);
		return 0;
	}
	for (size_t i = 0; i < chk->nr_pending; i++)
		if (!is_generic_schema_message(chk->pending[i].msg))
			precise++;
	for (size_t i = 0; i < chk->nr_pending; i++) {
		struct pending *p = &chk->pending[i];
		if (precise && is_generic_schema_message(p->msg))
			continue;
		error_at(chk->file, p->line > 0 ? p->line : default_line, "%s", p->msg);
		shown++;
	}
	clear_pending(chk);
	return shown;
}

/* Messages about a record start with "system 'id': " when its id is good. */
static void name_record(struct walk *w, struct strbuf *what, xmlNodePtr node, const char *kind)
{
	xmlChar *id = xmlGetNoNsProp(node, (const xmlChar *)"id");
	if (id && rx_ok(w->chk->id_rx, (const char *)id)) {
		strbuf_addf(what, "%s '%s': ", kind, (const char *)id);
		w->what = what->buf;
	}
	xmlFree(id);
}

/* <inspection-policy level months decision?/> of an owner: one per level. */
static void read_inspection_policy(struct walk *w, xmlNodePtr c, const char *role,
                                   struct organization *org)
{
	char *vals[3] = {NULL, NULL, NULL};
	long line = node_line(c);
	int bad = check_attrs(w, c, inspection_policy_attrs, vals, NULL);
	check_empty(w, c, "inspection-policy");
	if (role && strcmp(role, "owner")) {
		walk_error(w, line, "<inspection-policy> belongs to an owner, not to role '%s'", role);
		bad = 1;
	}
	long long months = 0;
	if (!bad && (parse_count(vals[1], &months) < 0 || months < 1 || months > 120)) {
		walk_error(w, line, "invalid <inspection-policy> months='%s': 1 to 120 months", vals[1]);
		bad = 1;
	}
	for (size_t i = 0; !bad && i < org->nr_policies; i++)
		if (org->policies[i].level == atoi(vals[0])) {
			walk_error(w, line, "a second <inspection-policy> for level %s (first at line %ld)",
			           vals[0], org->policies[i].line);
			bad = 1;
		}
	if (!bad) {
		ALLOC_GROW(org->policies, org->nr_policies + 1, org->alloc_policies);
		struct inspection_policy *p = &org->policies[org->nr_policies++];
		p->level = atoi(vals[0]);
		p->months = (int)months;
		p->decision = vals[2];
		p->line = line;
		vals[2] = NULL;
	}
	free_vals(vals, ARRAY_SIZE(vals));
}

static int read_organization(struct inventory_checker *chk, xmlNodePtr node,
                             const struct inventory_sink *sink, int *problems)
{
	struct walk w = {chk, "", 0};
	char *vals[3] = {NULL, NULL, NULL};
	struct strbuf what;
	long line = node_line(node);
	int ret = 0;

	strbuf_init(&what);
	chk->nr_organizations++;
	name_record(&w, &what, node, "organization");
	check_attrs(&w, node, organization_attrs, vals, NULL);
	if (vals[0]) {
		define_id(&w, vals[0], 'o', vals[1], line);
		if (vals[2]) {
			if (!strcmp(vals[0], vals[2]))
				walk_error(&w, line, "is its own parent");
			else
				add_ref(chk, REF_PARENT, vals[0], vals[2], line);
		}
	}
	char *name = NULL;
	struct organization org;
	memset(&org, 0, sizeof(org));
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE) {
			check_no_text(&w, c, "organization");
			continue;
		}
		if (!c->ns && name_is(c, "inspection-policy")) {
			read_inspection_policy(&w, c, vals[1], &org);
		} else if (!c->ns && name_is(c, "name") && !name) {
			check_attrs(&w, c, no_attrs, NULL, NULL);
			name = checked_text(&w, c, &organization_children[0]);
			if (!name)
				name = xstrdup("");
		} else if (name_is(c, "name")) {
			walk_error(&w, node_line(c), "<name> appears more than once in <organization>");
		} else {
			walk_error(&w, node_line(c), "unknown element <%s> in <organization>",
			           (const char *)c->name);
		}
	}
	if (!name)
		walk_error(&w, line, "<organization> lacks the element <name>");
	*problems = w.problems;
	if (!w.problems && sink && sink->on_organization) {
		org.id = vals[0];
		org.role = vals[1];
		org.parent = vals[2];
		org.name = name;
		org.file = xstrdup(chk->file);
		org.line = line;
		ret = sink->on_organization(sink->data, &org) < 0 ? -1 : 0;
	}
	/* the strings are vals' and name's: free only what org owns itself */
	org.id = org.role = org.parent = org.name = NULL;
	organization_release(&org);
	free(name);
	free_vals(vals, ARRAY_SIZE(vals));
	strbuf_release(&what);
	return ret;
}

/* Build and check one system; rec receives it. Returns problems found. */
static int build_system(struct inventory_checker *chk, xmlNodePtr node,
                        struct system_record *rec)
{
	struct walk w = {chk, "", 0};
	struct system_walk sw = {rec, {NULL, 0, 0}, NULL};
	char *vals[4] = {NULL, NULL, NULL, NULL};
	struct strbuf what;
	long line = node_line(node);

	strbuf_init(&what);
	strbuf_init(&sw.types);
	rec->file = xstrdup(chk->file);
	rec->line = line;
	chk->nr_systems++;
	name_record(&w, &what, node, "system");
	check_attrs(&w, node, system_attrs, vals, rec);
	if (vals[0]) {
		sw.id = vals[0];
		define_id(&w, vals[0], 's', NULL, line);
		if (vals[1])
			add_ref(chk, REF_OWNER, vals[0], vals[1], line);
		if (vals[2])
			add_ref(chk, REF_OPERATOR, vals[0], vals[2], line);
	}
	walk_children(&w, node, system_children, visit_system_child, &sw);
	if (sw.types.len)
		system_record_set(rec, F_TYPE, sw.types.buf);
	if (vals[0])
		for (size_t i = 0; i < rec->nr_components; i++)
			add_ref(chk, REF_COMPONENT, vals[0], rec->components[i].ref,
			        rec->components[i].line);
	strbuf_release(&sw.types);
	strbuf_release(&what);
	free_vals(vals, ARRAY_SIZE(vals));
	return w.problems;
}

/* Check the root; returns its problems, -1 when the sink failed, -2 when it
 * is not <inventory> at all. */
static int check_root(struct inventory_checker *chk, xmlNodePtr node,
                      const struct inventory_sink *sink)
{
	struct walk w = {chk, "", 0};
	char *vals[2] = {NULL, NULL};
	int ret = 0;
	if (node->ns || !name_is(node, "inventory")) {
		walk_error(&w, node_line(node), "the root element is <%s>, not <inventory>",
		           (const char *)node->name);
		return -2;
	}
	check_attrs(&w, node, inventory_attrs, vals, NULL);
	if (!w.problems && sink && sink->on_file)
		ret = sink->on_file(sink->data, chk->file, vals[1]) < 0 ? -1 : 0;
	free_vals(vals, ARRAY_SIZE(vals));
	return ret < 0 ? -1 : w.problems;
}

/*
 * With the schema on this reader, the validator expands a <system> (its
 * content is an interleave) before read_stream() does; after a parse error
 * inside it the first expansion fails and the second returns the part read,
 * which is then checked. Without the schema here (it is on the worker),
 * read_stream() expands twice to see the same.
 */
static int is_plain_system(xmlNodePtr node)
{
	return node && !node->ns && name_is(node, "system");
}

/* Read to the end of the element the reader is on (depth d). */
static int skip_element(xmlTextReaderPtr r, int d)
{
	if (xmlTextReaderIsEmptyElement(r))
		return 1;
	int ret;
	while ((ret = xmlTextReaderRead(r)) == 1)
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
		    xmlTextReaderDepth(r) == d)
			break;
	return ret;
}

static int read_stream(struct inventory_checker *chk, xmlTextReaderPtr r,
                       const struct inventory_sink *sink)
{
	int ret;
	while ((ret = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		int depth = xmlTextReaderDepth(r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			flush_pending(chk, 0, 0);
			error_at(chk->file, xmlTextReaderGetParserLineNumber(r),
			         "a DOCTYPE is not allowed in an inventory");
			chk->cut = 1;
			return 0;
		}
		if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
			flush_pending(chk, 0, 0);
			error_at(chk->file, xmlTextReaderGetParserLineNumber(r),
			         "entity reference '&%s;' is not allowed",
			         (const char *)xmlTextReaderConstName(r));
			chk->cut = 1;
			return 0;
		}
		if (type == XML_READER_TYPE_TEXT && depth == 1) {
			/* libxml2's schema messages run wild after text here */
			chk->schema_lost = 1;
			sync_worker(chk);
			clear_pending(chk);
			error_at(chk->file, text_line(xmlTextReaderCurrentNode(r)),
			         "text is not allowed in <inventory>");
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT || depth > 1) {
			/* late schema messages about the element just read */
			flush_pending(chk, chk->prev_own, 0);
			chk->prev_own = 0;
			continue;
		}
		/* the root's attributes are there already; expanding it would
		 * load the whole document */
		xmlNodePtr node = depth ? xmlTextReaderExpand(r) : xmlTextReaderCurrentNode(r);
		if (!node && depth && chk->worker && is_plain_system(xmlTextReaderCurrentNode(r)))
			node = xmlTextReaderExpand(r); /* see is_plain_system() */
		if (!node)
			break;
		long line = node_line(node);
		if (depth == 0) {
			int rc = check_root(chk, node, sink);
			flush_pending(chk, rc, line);
			chk->cut = rc < 0;
			if (rc == -2)
				return 0;
			if (rc == -1)
				return -1;
			continue;
		}
		int own = 0, rc = 0;
		struct system_record rec;
		system_record_init(&rec);
		long before = diag_problem_count();
		if (!node->ns && name_is(node, "system")) {
			own = build_system(chk, node, &rec);
		} else if (!node->ns && name_is(node, "organization")) {
			rc = read_organization(chk, node, sink, &own);
		} else {
			error_at(chk->file, line, "unknown element <%s> in <inventory>",
			         (const char *)node->name);
			own = 1;
			chk->schema_lost = 1;
		}
		ret = skip_element(r, depth);
		flush_pending(chk, own, line);
		chk->prev_own = own;
		if (rc == 0 && rec.file && diag_problem_count() == before && sink &&
		    sink->on_system)
			rc = sink->on_system(sink->data, &rec) < 0 ? -1 : 0;
		system_record_release(&rec);
		if (rc < 0) {
			chk->cut = 1;
			return -1;
		}
		if (ret != 1)
			break;
	}
	flush_pending(chk, 0, 0);
	return ret < 0 ? 1 : 0;
}

/*
 * The bytes on their way to the parser. The prolog is watched for a DOCTYPE:
 * when one starts, its line is noted and reading stops at once, so that no
 * declaration of it is ever parsed. The schema worker reads the same open
 * file with pread() from its own offset, so both readers see the same bytes.
 */
struct input {
	int fd;           /* source */
	int positional;   /* read with pread() at offset */
	off_t offset;     /* positional: offset of the next byte */
	long line;        /* line of the next byte */
	int prolog;       /* still before the root element */
	int comment;      /* inside <!-- --> in the prolog */
	char win[9];      /* the last bytes seen, oldest first */
	long doctype_line;/* line of "<!DOCTYPE", 0 if none */
	long win_line[9]; /* line of each byte of win */
	/* the encoding (criteria/schema/inventory.md): decided from the first
	 * bytes before the parser has the whole XML declaration */
	unsigned char head[256]; /* the first bytes */
	size_t head_len;
	int encoding_known;      /* decided (accepted, or refused below) */
	char refused[160];       /* why the encoding is refused ("" if it is not) */
	long refused_line;       /* where */
	/* a windows-1258 declaration: is the text UTF-8 all the same? */
	int utf8_watch;          /* checking */
	int utf8_need;           /* continuation bytes still due */
	int utf8_multibyte;      /* whole multibyte sequences seen */
	long utf8_line;          /* the line the check has reached */
	long utf8_first_line;    /* line of the first multibyte sequence */
};

static void input_byte(struct input *in, char c)
{
	memmove(in->win, in->win + 1, sizeof(in->win) - 1);
	memmove(in->win_line, in->win_line + 1, sizeof(in->win_line) - sizeof(long));
	in->win[8] = c;
	in->win_line[8] = in->line;
	if (c == '\n')
		in->line++;
	if (in->comment) {
		if (!memcmp(in->win + 6, "-->", 3))
			in->comment = 0;
		return;
	}
	if (!memcmp(in->win + 5, "<!--", 4)) {
		in->comment = 1;
	} else if (!memcmp(in->win, "<!DOCTYPE", 9)) {
		in->doctype_line = in->win_line[0];
	} else if (in->win[7] == '<' && c != '?' && c != '!') {
		in->prolog = 0; /* the root element starts */
	}
}

/* The value of encoding="..." in the XML declaration at decl (NUL-ended),
 * into out; 0 when there is none. */
static int declared_encoding(const char *decl, char *out, size_t size)
{
	const char *end = strstr(decl, "?>");
	const char *p = strstr(decl, "encoding");
	if (!p || (end && p > end))
		return 0;
	p += strlen("encoding");
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (*p++ != '=')
		return 0;
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	char quote = *p++;
	const char *q = quote == '"' || quote == '\'' ? strchr(p, quote) : NULL;
	if (!q || (size_t)(q - p) >= size)
		return 0;
	memcpy(out, p, (size_t)(q - p));
	out[q - p] = '\0';
	return 1;
}

/*
 * Decide the encoding from the first bytes (at_end: there are no more):
 * UTF-8, declared or not; UTF-16 with a byte order mark; windows-1258 when
 * declared. Anything else is refused (in->refused says why).
 */
static void decide_encoding(struct input *in, int at_end)
{
	const unsigned char *h = in->head;
	size_t n = in->head_len;
	if (n >= 2 && ((h[0] == 0xFF && h[1] == 0xFE) || (h[0] == 0xFE && h[1] == 0xFF))) {
		in->encoding_known = 1; /* UTF-16 with a byte order mark */
		return;
	}
	if (n < 4 && !at_end)
		return;
	/* "<?" as the XML recommendation's appendix F guesses it */
	static const unsigned char other[][4] = {
		{0, 0, 0, 0x3C}, {0x3C, 0, 0, 0}, {0, 0x3C, 0, 0x3F}, {0x3C, 0, 0x3F, 0},
		{0x4C, 0x6F, 0xA7, 0x94},
	};
	int unsupported = 0;
	for (size_t i = 0; n >= 4 && i < ARRAY_SIZE(other); i++)
		unsupported |= !memcmp(h, other[i], 4);
	if (unsupported) {
		snprintf(in->refused, sizeof(in->refused),
		         "the file is UTF-16 or UTF-32 without a byte order mark, or EBCDIC: not "
		         "supported (UTF-8, UTF-16 with a byte order mark, windows-1258)");
		in->encoding_known = 1;
		return;
	}
	size_t skip = n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF ? 3 : 0;
	char decl[sizeof(in->head) + 1], name[64];
	memcpy(decl, h + skip, n - skip);
	decl[n - skip] = '\0';
	if (strncmp(decl, "<?xml", 5) && (n - skip >= 5 || at_end)) {
		in->encoding_known = 1; /* no declaration: UTF-8 */
		return;
	}
	if (!strstr(decl, "?>") && n < sizeof(in->head) && !at_end)
		return; /* the declaration is not complete yet */
	in->encoding_known = 1;
	if (!declared_encoding(decl, name, sizeof(name)) || !strcasecmp(name, "UTF-8"))
		return;
	if (!strcasecmp(name, "windows-1258")) {
		/* the whole text is checked as it passes: valid UTF-8 is a lie */
		in->utf8_watch = 1;
		in->utf8_line = 1;
		return;
	}
	if (!strcasecmp(name, "UTF-16"))
		snprintf(in->refused, sizeof(in->refused),
		         "encoding UTF-16 is declared, but the file has no UTF-16 byte order mark");
	else
		snprintf(in->refused, sizeof(in->refused),
		         "encoding %s is not supported (UTF-8, UTF-16, windows-1258)", name);
}

/*
 * The UTF-8 check of a windows-1258 file over n more bytes: it ends at the
 * first byte that UTF-8 does not allow (the declaration holds). Three whole
 * multibyte sequences and nothing UTF-8 does not allow is Vietnamese text in
 * UTF-8 (windows-1258 text puts ASCII after nearly every byte above 0x7F):
 * the file is refused before the parser decodes it as mojibake.
 */
#define UTF8_LIE_SEQUENCES 3
static void watch_utf8(struct input *in, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n && in->utf8_watch; i++) {
		unsigned char c = p[i];
		if (in->utf8_need) {
			if ((c & 0xC0) != 0x80) {
				in->utf8_watch = 0;
			} else if (!--in->utf8_need && !in->utf8_multibyte++) {
				in->utf8_first_line = in->utf8_line;
			}
			if (in->utf8_watch && in->utf8_multibyte >= UTF8_LIE_SEQUENCES) {
				in->utf8_watch = 0;
				in->refused_line = in->utf8_first_line;
				snprintf(in->refused, sizeof(in->refused),
				         "encoding windows-1258 is declared, but the text is UTF-8 (first "
				         "here); declare encoding=\"UTF-8\"");
			}
			continue;
		}
		if (c == '\n')
			in->utf8_line++;
		else if (c >= 0xC2 && c <= 0xDF)
			in->utf8_need = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			in->utf8_need = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			in->utf8_need = 3;
		else if (c >= 0x80)
			in->utf8_watch = 0;
	}
}

/* After the last byte: a windows-1258 declaration on UTF-8 text (fewer
 * sequences than watch_utf8 needs to stop early), line of its first
 * non-ASCII character; 0 when the declaration holds. */
static long utf8_lie_line(const struct input *in)
{
	return in->utf8_watch && !in->utf8_need && in->utf8_multibyte ? in->utf8_first_line : 0;
}

static int input_read(void *ctx, char *buf, int len)
{
	struct input *in = ctx;
	if (in->doctype_line || in->refused[0])
		return -1;
	ssize_t n;
	do
		n = in->positional ? pread(in->fd, buf, (size_t)len, in->offset)
		                   : read(in->fd, buf, (size_t)len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	in->offset += n;
	if (!in->encoding_known) {
		size_t room = sizeof(in->head) - in->head_len;
		size_t take = (size_t)n < room ? (size_t)n : room;
		memcpy(in->head + in->head_len, buf, take);
		in->head_len += take;
		/* before the parser sees the declaration whole: this call's bytes
		 * are not handed over when the encoding is refused */
		decide_encoding(in, n == 0);
		if (in->refused[0])
			return -1;
		if (in->encoding_known && in->utf8_watch)
			watch_utf8(in, in->head, in->head_len - take); /* the bytes already read */
	}
	if (in->utf8_watch)
		watch_utf8(in, (const unsigned char *)buf, (size_t)n);
	if (in->refused[0])
		return -1;
	for (ssize_t i = 0; in->prolog && i < n; i++) {
		input_byte(in, buf[i]);
		if (in->doctype_line)
			return -1;
	}
	return (int)n;
}

static int input_stopped(const struct input *in)
{
	return in && (in->doctype_line || in->refused[0]);
}

static int input_close(void *ctx)
{
	(void)ctx;
	return 0;
}

static xmlTextReaderPtr new_reader(struct input *in, const char *path)
{
	return xmlReaderForIO(input_read, input_close, in, path, NULL,
	                      XMLSAFE_PARSE_OPTIONS | XML_PARSE_BIG_LINES);
}

/* ===== the schema on a second thread ===== */

/*
 * RELAX NG validation costs libxml2 about four times the parse. When the
 * input is a regular file, a worker thread reads it a second time with its
 * own reader, which validates against the schema, while this thread reads,
 * checks and hands out records without the schema. The worker walks the
 * stream exactly as read_stream() does and counts the same "points" (the
 * places where read_stream() shows or drops held-back schema messages); each
 * schema message is tagged with the point it precedes. At each point,
 * read_stream() takes the worker's messages up to it (waiting for the worker
 * when it is behind), so messages come out in the same order as with one
 * reader. The worker writes nothing itself: diag is not thread-safe.
 */

#define WORKER_SLACK 64 /* points the worker may be woken late by */

struct worker_msg {
	char *msg;           /* one line */
	long line;           /* 0 when unknown */
	unsigned long point; /* the point it precedes */
	int held;            /* a schema message (held back), else shown as is */
	int warning;         /* a warning */
};

struct schema_worker {
	pthread_t thread;
	xmlRelaxNGPtr schema;    /* borrowed from the checker */
	const char *path;        /* for the reader's messages */
	struct input in;         /* the worker's own view of the file */
	atomic_ulong point;      /* points passed by the worker */
	atomic_int done;         /* the worker has finished */
	atomic_int stop;         /* asked to stop: the main reader stopped early */
	atomic_int waiting;      /* the main thread waits for want */
	atomic_ulong want;       /* point the main thread waits for */
	int valid;               /* xmlTextReaderIsValid() at the end (1 valid) */
	int broken;              /* could not set up the reader or the schema */
	pthread_mutex_t lock;    /* guards msgs and the condition */
	pthread_cond_t cond;     /* the worker moved past want, or finished */
	struct worker_msg *msgs; /* under lock */
	size_t nr_msgs, alloc_msgs;
	atomic_size_t published; /* nr_msgs, readable without the lock */
	size_t taken;            /* main thread: msgs already taken */
};

static void worker_error(void *data, xmlErrorPtr err)
{
	struct schema_worker *w = data;
	if (!err || err->level == XML_ERR_NONE || input_stopped(&w->in))
		return;
	/* the parser's own messages come from the main reader */
	switch (err->domain) {
	case XML_FROM_RELAXNGV:
	case XML_FROM_RELAXNGP:
	case XML_FROM_SCHEMASV:
	case XML_FROM_SCHEMASP:
	case XML_FROM_DATATYPE:
	case XML_FROM_VALID:
		break;
	default:
		return;
	}
	long line = err->line; /* never err->node: see reader_error() */
	pthread_mutex_lock(&w->lock);
	ALLOC_GROW(w->msgs, w->nr_msgs + 1, w->alloc_msgs);
	struct worker_msg *m = &w->msgs[w->nr_msgs++];
	m->msg = xml_message(err);
	m->line = line;
	m->point = atomic_load(&w->point);
	m->warning = err->level == XML_ERR_WARNING;
	m->held = !m->warning && err->domain == XML_FROM_RELAXNGV;
	atomic_store(&w->published, w->nr_msgs);
	pthread_mutex_unlock(&w->lock);
}

static void worker_wake(struct schema_worker *w)
{
	pthread_mutex_lock(&w->lock);
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

/* The worker passed one more point. */
static void worker_point(struct schema_worker *w)
{
	unsigned long p = atomic_fetch_add(&w->point, 1) + 1;
	if (atomic_load(&w->waiting) && p >= atomic_load(&w->want))
		worker_wake(w);
}

/* read_stream()'s walk, with only its points. */
static void worker_stream(struct schema_worker *w, xmlTextReaderPtr r)
{
	int ret;
	while (!atomic_load(&w->stop) && (ret = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		int depth = xmlTextReaderDepth(r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE ||
		    type == XML_READER_TYPE_ENTITY_REFERENCE)
			break;
		if (type != XML_READER_TYPE_ELEMENT || depth > 1) {
			worker_point(w);
			continue;
		}
		if (depth == 0) {
			xmlNodePtr node = xmlTextReaderCurrentNode(r);
			worker_point(w);
			if (!node || node->ns || !name_is(node, "inventory"))
				return;
			continue;
		}
		/* read_stream() expands it and stops when that fails */
		if (!xmlTextReaderExpand(r))
			break;
		ret = skip_element(r, depth);
		worker_point(w);
		if (ret != 1)
			break;
	}
}

static void *worker_main(void *data)
{
	struct schema_worker *w = data;
	xmlTextReaderPtr r = new_reader(&w->in, w->path);
	if (r) {
		xmlTextReaderSetStructuredErrorHandler(r, worker_error, w);
		if (xmlTextReaderRelaxNGSetSchema(r, w->schema) < 0) {
			w->broken = 1;
		} else {
			worker_stream(w, r);
			w->valid = xmlTextReaderIsValid(r);
		}
		xmlFreeTextReader(r);
	} else {
		w->broken = 1;
	}
	atomic_store(&w->done, 1);
	worker_wake(w);
	return NULL;
}

/* Start a worker on fd when it is a regular file; NULL otherwise. */
static struct schema_worker *worker_start(struct inventory_checker *chk, int fd,
                                          const char *path)
{
	struct stat sb;
	if (fd <= 0 || fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode))
		return NULL;
	struct schema_worker *w = xcalloc(1, sizeof(*w));
	w->schema = chk->schema;
	w->path = path;
	w->in.fd = fd;
	w->in.positional = 1;
	w->in.line = 1;
	w->in.prolog = 1;
	atomic_init(&w->point, 0);
	atomic_init(&w->done, 0);
	atomic_init(&w->stop, 0);
	atomic_init(&w->waiting, 0);
	atomic_init(&w->want, 0);
	atomic_init(&w->published, 0);
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->cond, NULL);
	if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->cond);
		free(w);
		return NULL;
	}
	return w;
}

/* Wait until the worker passed point p (or finished). */
static void worker_wait(struct schema_worker *w, unsigned long p)
{
	if (atomic_load(&w->point) >= p || atomic_load(&w->done))
		return;
	pthread_mutex_lock(&w->lock);
	/* woken a little late: fewer wake-ups, and the worker is the slower */
	atomic_store(&w->want, p + WORKER_SLACK);
	atomic_store(&w->waiting, 1);
	while (atomic_load(&w->point) < p && !atomic_load(&w->done))
		pthread_cond_wait(&w->cond, &w->lock);
	atomic_store(&w->waiting, 0);
	pthread_mutex_unlock(&w->lock);
}

/* Take the worker's messages before point p (all when p is 0): held ones
 * into chk->pending, others shown now. */
static void worker_take(struct inventory_checker *chk, unsigned long p)
{
	struct schema_worker *w = chk->worker;
	if (w->taken == atomic_load(&w->published))
		return; /* nothing new: the usual case */
	pthread_mutex_lock(&w->lock);
	while (w->taken < w->nr_msgs && (!p || w->msgs[w->taken].point < p)) {
		struct worker_msg *m = &w->msgs[w->taken++];
		if (m->held) {
			ALLOC_GROW(chk->pending, chk->nr_pending + 1, chk->alloc_pending);
			chk->pending[chk->nr_pending].msg = m->msg;
			chk->pending[chk->nr_pending++].line = m->line;
		} else {
			if (m->warning)
				warning("%s:%ld: %s", chk->file, m->line, m->msg);
			else
				error_at(chk->file, m->line, "%s", m->msg);
			free(m->msg);
		}
		m->msg = NULL;
	}
	pthread_mutex_unlock(&w->lock);
}

/* At a point of read_stream(): the worker's messages before it join the
 * held-back ones. */
static void sync_worker(struct inventory_checker *chk)
{
	if (!chk->worker)
		return;
	chk->point++;
	worker_wait(chk->worker, chk->point);
	worker_take(chk, chk->point);
}

/* Stop (when stop) and join the worker; *valid receives its verdict (1
 * valid, 0 invalid, -1 it could not validate). Its remaining messages are
 * taken when !stop. */
static void worker_finish(struct inventory_checker *chk, int stop, int *valid)
{
	struct schema_worker *w = chk->worker;
	if (!w)
		return;
	if (stop)
		atomic_store(&w->stop, 1);
	pthread_join(w->thread, NULL);
	if (!stop)
		worker_take(chk, 0);
	*valid = w->broken ? -1 : w->valid;
	for (size_t i = w->taken; i < w->nr_msgs; i++)
		free(w->msgs[i].msg);
	free(w->msgs);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->cond);
	free(w);
	chk->worker = NULL;
}

int inventory_read(struct inventory_checker *chk, const char *path,
                   const struct inventory_sink *sink)
{
	int fd, ret = 0, valid = 0, stopped = 1;
	if (checker_prepare(chk) < 0)
		return -1;
	/* XML as it is; a workbook or CSV file converted (sheet.h) */
	if ((ret = sheet_open_inventory(path, &fd)) != 0)
		return ret;
	chk->file = intern_file(chk, path);
	chk->prev_own = chk->schema_lost = chk->cut = 0;
	chk->point = 0;
	long before = diag_problem_count();

	xmlsafe_deny_all_begin();
	struct input in = {.fd = fd, .line = 1, .prolog = 1};
	chk->input = &in;
	/* before the main reader reads a byte: both start at offset 0 */
	chk->worker = worker_start(chk, fd, path);
	xmlTextReaderPtr r = new_reader(&in, path);
	if (!r) {
		ret = error("cannot read '%s'", path);
		goto out;
	}
	xmlTextReaderSetStructuredErrorHandler(r, reader_error, chk);
	if (!chk->worker && xmlTextReaderRelaxNGSetSchema(r, chk->schema) < 0) {
		ret = error("cannot validate '%s' against the inventory schema", path);
		goto out;
	}
	int rc = read_stream(chk, r, sink);
	if (chk->worker) {
		/* a stream cut short (rc < 0, DOCTYPE, not an inventory) needs no
		 * more schema messages */
		stopped = rc < 0 || chk->cut || in.doctype_line || in.refused[0];
		worker_finish(chk, stopped, &valid);
		flush_pending(chk, 0, 0);
		if (valid < 0 && !stopped) {
			ret = error("cannot validate '%s' against the inventory schema", path);
			goto out;
		}
	} else {
		valid = xmlTextReaderIsValid(r);
	}
	if (in.doctype_line) {
		error_at(chk->file, in.doctype_line,
		         "a DOCTYPE is not allowed in an inventory (nothing after it was read)");
		rc = 0;
	}
	if (in.refused[0]) {
		error_at(chk->file, in.refused_line ? in.refused_line : 1, "%s", in.refused);
		rc = 0;
	} else if (utf8_lie_line(&in)) {
		error_at(chk->file, utf8_lie_line(&in),
		         "encoding windows-1258 is declared, but the text is UTF-8 (first here); "
		         "declare encoding=\"UTF-8\"");
	}
	if (rc < 0) {
		ret = -1;
		goto out;
	}
	if (rc > 0 && diag_problem_count() == before)
		error_at(chk->file, 0, "cannot parse the file");
	else if (diag_problem_count() == before && valid != 1)
		error_at(chk->file, 0, "does not match the inventory schema");
	ret = diag_problem_count() > before;
out:
	worker_finish(chk, 1, &valid);
	clear_pending(chk);
	xmlFreeTextReader(r);
	xmlsafe_deny_all_end();
	if (fd > 0)
		close(fd);
	chk->file = NULL;
	chk->input = NULL;
	return ret;
}

/* ===== cross-file checks ===== */

/* What id refers to: 's' system, 'o' organization (*role set, NULL when
 * its own role was invalid), 0 nothing known. */
static int ref_target(struct inventory_checker *chk, const char *id, const char **role)
{
	struct id_entry *e = find_id(chk, id);
	*role = NULL;
	if (e) {
		*role = e->role;
		return e->kind;
	}
	if (chk->known_org_role && (*role = chk->known_org_role(chk->resolver_data, id)))
		return 'o';
	if (chk->known_system && chk->known_system(chk->resolver_data, id))
		return 's';
	return 0;
}

static int check_ref(struct inventory_checker *chk, const struct xref *x)
{
	const char *role;
	int target = ref_target(chk, x->to, &role);
	int is_system = target == 's';
	if (target == 'o' && !role)
		return 0; /* its role was reported as invalid already */
	switch (x->kind) {
	case REF_OWNER:
		if (role && !strcmp(role, "owner"))
			return 0;
		if (role)
			return error_at(x->file, x->line,
			                "system '%s': owner '%s' has role '%s', not 'owner'", x->from,
			                x->to, role);
		if (is_system)
			return error_at(x->file, x->line,
			                "system '%s': owner '%s' is a system, not an organization",
			                x->from, x->to);
		return error_at(x->file, x->line, "system '%s': owner '%s' is not defined", x->from,
		                x->to);
	case REF_OPERATOR:
		if (role && (!strcmp(role, "operator") || !strcmp(role, "provider")))
			return 0;
		if (role)
			return error_at(x->file, x->line,
			                "system '%s': operator '%s' has role '%s' (an operator has role "
			                "'operator' or 'provider')",
			                x->from, x->to, role);
		if (is_system)
			return error_at(x->file, x->line,
			                "system '%s': operator '%s' is a system, not an organization",
			                x->from, x->to);
		return error_at(x->file, x->line, "system '%s': operator '%s' is not defined",
		                x->from, x->to);
	case REF_PARENT:
		if (role)
			return 0;
		return error_at(x->file, x->line,
		                "organization '%s': parent '%s' is not a defined organization", x->from,
		                x->to);
	case REF_COMPONENT:
		if (is_system)
			return 0;
		return error_at(x->file, x->line,
		                "system '%s': component '%s' is not a defined system", x->from, x->to);
	}
	return 0;
}

/* Index of system id in the component graph; *ok = 0 when not a system here. */
static size_t system_index(struct inventory_checker *chk, const char *id, int *ok)
{
	struct id_entry *e = find_id(chk, id);
	*ok = e && e->kind == 's';
	return *ok ? e->index : 0;
}

/* graph_each_cycle callback: report one cycle of component references. */
struct cycle_report {
	struct inventory_checker *chk;
	const size_t *edge; /* CSR edge position -> index in chk->refs */
};

static void report_cycle(void *data, const size_t *cycle, size_t len)
{
	struct cycle_report *cr = data;
	const struct xref *refs = cr->chk->refs;
	const struct xref *x = &refs[cr->edge[cycle[len - 1]]];
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_addstr(&sb, x->to);
	for (size_t j = 0; j < len; j++)
		strbuf_addf(&sb, " -> %s", refs[cr->edge[cycle[j]]].to);
	error_at(x->file, x->line, "component cycle: %s", sb.buf);
	strbuf_release(&sb);
}

static int find_cycles(struct inventory_checker *chk)
{
	size_t n = chk->nr_system_ids, ne = 0;
	int ok;
	size_t *count = xcalloc(n + 1, sizeof(size_t));
	for (size_t i = 0; i < chk->nr_refs; i++) {
		struct xref *x = &chk->refs[i];
		if (x->kind != REF_COMPONENT)
			continue;
		size_t from = system_index(chk, x->from, &ok);
		if (!ok)
			continue;
		system_index(chk, x->to, &ok);
		if (!ok)
			continue;
		count[from + 1]++;
		ne++;
	}
	if (!ne) {
		free(count);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		count[i + 1] += count[i];
	size_t *edge = xmalloc(ne * sizeof(size_t));
	size_t *target = xmalloc(ne * sizeof(size_t));
	size_t *fill = xmalloc((n + 1) * sizeof(size_t));
	memcpy(fill, count, (n + 1) * sizeof(size_t));
	for (size_t i = 0; i < chk->nr_refs; i++) {
		struct xref *x = &chk->refs[i];
		if (x->kind != REF_COMPONENT)
			continue;
		size_t from = system_index(chk, x->from, &ok);
		if (!ok)
			continue;
		size_t to = system_index(chk, x->to, &ok);
		if (!ok)
			continue;
		edge[fill[from]] = i;
		target[fill[from]++] = to;
	}
	struct cycle_report cr = {chk, edge};
	size_t problems = graph_each_cycle(n, count, target, report_cycle, &cr);
	free(edge);
	free(target);
	free(fill);
	free(count);
	return (int)problems;
}

int inventory_checker_finish(struct inventory_checker *chk)
{
	int problems = 0;
	for (size_t i = 0; i < chk->nr_refs; i++)
		if (check_ref(chk, &chk->refs[i]) < 0)
			problems++;
	problems += find_cycles(chk);
	return problems ? 1 : 0;
}
