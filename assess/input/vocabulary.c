/*
 * vocabulary.c - the tables of vocabulary.def as data, the XML shape derived
 * from them, and the <vocabulary> document.
 */
#include "vocabulary.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

/* ===== lists ===== */

#define VALUE_ROW_(code, vi, en) {code, vi, en, VV_VALUE, NULL},
#define UNKNOWN_ROW_(vi, en) {"unknown", vi, en, VV_UNKNOWN, NULL},
#define ALIAS_ROW_(code, means) {code, NULL, NULL, VV_ALIAS, means},
#define LIST_VALUES_(LIST, name)                                                 \
	static const struct vocab_value values_##LIST[] = {                          \
		VOCAB_LIST_##LIST(VALUE_ROW_, UNKNOWN_ROW_, ALIAS_ROW_)};
VOCAB_LISTS(LIST_VALUES_)
#undef LIST_VALUES_

/* every code a file may hold: values, "unknown", aliases */
#define UNKNOWN_CODE_(vi, en) " unknown"
#define ALIAS_CODE_(code, means) " " code
#define LIST_ROW_(LIST, name)                                                    \
	[VL_##LIST] = {VL_##LIST, name, values_##LIST, ARRAY_SIZE(values_##LIST),    \
	               VOCAB_CODES(LIST),                                            \
	               "" VOCAB_LIST_##LIST(VOCAB_CODE_, UNKNOWN_CODE_, ALIAS_CODE_) + 1},
static const struct vocab_list_def lists[VL__COUNT] = {
	[VL_NONE] = {VL_NONE, "", NULL, 0, "", ""},
	VOCAB_LISTS(LIST_ROW_)};
#undef LIST_ROW_

/* ===== records and fields ===== */

#define FLAG_OPT_ 0u
#define FLAG_REQ_ VOCAB_REQUIRED
#define FLAG_ELEM_ VOCAB_ELEMENT
#define FIELD_ROW_(P, id, name, column, kind, list, element, attribute, flags, label_vi,   \
                   label_en, note_vi, note_en)                                            \
	{VR_##P, id,          name,     column,   VK_##kind, VL_##list, element, attribute,  \
	 FLAG_##flags##_,     label_vi, label_en, note_vi,   note_en},
static const struct vocab_field fields_INVENTORY[] = {VOCAB_FIELDS_INVENTORY(FIELD_ROW_, INVENTORY)};
static const struct vocab_field fields_ORGANIZATION[] = {
	VOCAB_FIELDS_ORGANIZATION(FIELD_ROW_, ORGANIZATION)};
static const struct vocab_field fields_POLICY[] = {VOCAB_FIELDS_POLICY(FIELD_ROW_, POLICY)};
static const struct vocab_field fields_SYSTEM[] = {VOCAB_FIELDS_SYSTEM(FIELD_ROW_, SYSTEM)};
static const struct vocab_field fields_COMPONENT[] = {VOCAB_FIELDS_COMPONENT(FIELD_ROW_, COMPONENT)};
static const struct vocab_field fields_INSPECTION[] = {
	VOCAB_FIELDS_INSPECTION(FIELD_ROW_, INSPECTION)};
static const struct vocab_field fields_CONTROL[] = {VOCAB_FIELDS_CONTROL(FIELD_ROW_, CONTROL)};
static const struct vocab_field fields_WAIVER[] = {VOCAB_FIELDS_WAIVER(FIELD_ROW_, WAIVER)};
#undef FIELD_ROW_

#define RECORD_ROW_(RECORD, name, element, container, PARENT, label_vi, label_en, note_vi,   \
                    note_en)                                                                \
	[VR_##RECORD] = {VR_##RECORD, name,     element,  container,          VR_##PARENT,      \
	                 label_vi,    label_en, note_vi,  note_en,            fields_##RECORD, \
	                 ARRAY_SIZE(fields_##RECORD)},
static const struct vocab_record_def records[VR__COUNT] = {VOCAB_RECORDS(RECORD_ROW_)};
#undef RECORD_ROW_

/* the records' own enums number their fields from 0, as the tables do */
_Static_assert(ARRAY_SIZE(fields_SYSTEM) == F__COUNT, "the facts are the system's fields");
_Static_assert(ARRAY_SIZE(fields_ORGANIZATION) == ORG__COUNT, "organization fields");
_Static_assert(ARRAY_SIZE(fields_INSPECTION) == INS__COUNT, "inspection fields");

const struct vocab_record_def *vocab_record(enum vocab_record r)
{
	return r >= 0 && r < VR__COUNT ? &records[r] : NULL;
}

const struct vocab_record_def *vocab_record_find(const char *name)
{
	for (int r = 0; name && r < VR__COUNT; r++)
		if (!strcmp(records[r].name, name))
			return &records[r];
	return NULL;
}

const struct vocab_field *vocab_field_find(enum vocab_record r, const char *name)
{
	const struct vocab_record_def *rd = vocab_record(r);
	for (size_t i = 0; rd && name && i < rd->nr_fields; i++)
		if (!strcmp(rd->fields[i].name, name))
			return &rd->fields[i];
	return NULL;
}

const struct vocab_field *vocab_fact(enum fact_id id)
{
	return id >= 0 && id < F__COUNT ? &fields_SYSTEM[id] : NULL;
}

const struct vocab_list_def *vocab_list(enum vocab_list l)
{
	return l >= 0 && l < VL__COUNT ? &lists[l] : &lists[VL_NONE];
}

const struct vocab_value *vocab_value_find(enum vocab_list l, const char *code)
{
	const struct vocab_list_def *ld = vocab_list(l);
	for (size_t i = 0; code && i < ld->nr_values; i++)
		if (!strcmp(ld->values[i].code, code))
			return &ld->values[i];
	return NULL;
}

int vocab_lang_parse(const char *text, enum vocab_lang *out)
{
	if (!strcmp(text, "vi"))
		*out = VOCAB_VI;
	else if (!strcmp(text, "en"))
		*out = VOCAB_EN;
	else
		return -1;
	return 0;
}

const char *vocab_record_label(enum vocab_record r, enum vocab_lang lang)
{
	const struct vocab_record_def *rd = vocab_record(r);
	return rd ? (lang == VOCAB_EN ? rd->label_en : rd->label_vi) : NULL;
}

const char *vocab_field_label(const struct vocab_field *f, enum vocab_lang lang)
{
	return f ? (lang == VOCAB_EN ? f->label_en : f->label_vi) : NULL;
}

const char *vocab_field_note(const struct vocab_field *f, enum vocab_lang lang)
{
	return f ? (lang == VOCAB_EN ? f->note_en : f->note_vi) : NULL;
}

const char *vocab_value_label(enum vocab_list l, const char *code, enum vocab_lang lang)
{
	const struct vocab_value *v = vocab_value_find(l, code);
	if (v && v->kind == VV_ALIAS)
		v = vocab_value_find(l, v->means);
	return v ? (lang == VOCAB_EN ? v->label_en : v->label_vi) : NULL;
}

const char *vocab_kind_name(enum vocab_kind k)
{
	static const char *const names[] = {
		[VK_TEXT] = "text",   [VK_LABEL] = "label", [VK_ID] = "id",       [VK_RULES] = "rules",
		[VK_DECISION] = "decision", [VK_DATE] = "date", [VK_COUNT] = "count",
		[VK_LEVEL] = "level", [VK_TRI] = "tri",     [VK_ENUM] = "enum",   [VK_SET] = "set",
		[VK_PRESENT] = "present"};
	return k >= 0 && (size_t)k < ARRAY_SIZE(names) ? names[k] : "?";
}

/* ===== the XML shape ===== */

static struct vocab_node record_nodes[VR__COUNT];
static pthread_once_t tree_once = PTHREAD_ONCE_INIT;

static void node_add_child(struct vocab_node *n, const struct vocab_node *child, size_t *alloc)
{
	ALLOC_GROW(n->children, n->nr_children + 1, *alloc);
	n->children[n->nr_children++] = child;
}

static void node_add_attr(struct vocab_node *n, const struct vocab_field *f)
{
	n->attrs = xrealloc(n->attrs, (n->nr_attrs + 1) * sizeof(*n->attrs));
	n->attrs[n->nr_attrs++] = f;
}

static struct vocab_node *find_child(struct vocab_node *n, const char *name)
{
	for (size_t i = 0; i < n->nr_children; i++)
		if (!strcmp(n->children[i]->name, name))
			return (struct vocab_node *)(uintptr_t)n->children[i];
	return NULL;
}

/* Record r's node: its attributes and field elements; child records come in
 * build_tree(). */
static void build_record(enum vocab_record r, size_t *alloc)
{
	const struct vocab_record_def *rd = &records[r];
	struct vocab_node *n = &record_nodes[r];
	n->kind = VN_RECORD;
	n->name = rd->element;
	n->record = r;
	n->repeat = rd->parent != VR_NONE;
	for (size_t i = 0; i < rd->nr_fields; i++) {
		const struct vocab_field *f = &rd->fields[i];
		if (!*f->element) {
			node_add_attr(n, f);
			continue;
		}
		struct vocab_node *e = find_child(n, f->element);
		if (!e) {
			e = xcalloc(1, sizeof(*e));
			e->kind = VN_FIELDS;
			e->name = f->element;
			e->record = r;
			node_add_child(n, e, alloc);
		}
		if (f->flags & VOCAB_ELEMENT)
			e->required = 1;
		if (f->kind == VK_PRESENT)
			e->present = f;
		else if (f->attribute)
			node_add_attr(e, f);
		else
			e->text = f;
		if (f->kind == VK_SET)
			e->repeat = 1;
	}
}

static void build_tree(void)
{
	size_t alloc[VR__COUNT] = {0};
	for (int r = 0; r < VR__COUNT; r++)
		build_record((enum vocab_record)r, &alloc[r]);
	for (int r = 0; r < VR__COUNT; r++) {
		const struct vocab_record_def *rd = &records[r];
		if (rd->parent == VR_NONE)
			continue;
		struct vocab_node *parent = &record_nodes[rd->parent];
		if (!*rd->container) {
			node_add_child(parent, &record_nodes[r], &alloc[rd->parent]);
			continue;
		}
		struct vocab_node *c = find_child(parent, rd->container);
		if (!c) {
			c = xcalloc(1, sizeof(*c));
			c->kind = VN_CONTAINER;
			c->name = rd->container;
			c->record = rd->parent;
			node_add_child(parent, c, &alloc[rd->parent]);
		}
		size_t n = c->nr_children;
		c->children = xrealloc(c->children, (n + 1) * sizeof(*c->children));
		c->children[c->nr_children++] = &record_nodes[r];
	}
}

const struct vocab_node *vocab_record_node(enum vocab_record r)
{
	pthread_once(&tree_once, build_tree);
	return r >= 0 && r < VR__COUNT ? &record_nodes[r] : NULL;
}

const struct vocab_node *vocab_tree(void)
{
	return vocab_record_node(VR_INVENTORY);
}

const struct vocab_node *vocab_node_child(const struct vocab_node *node, const char *name)
{
	for (size_t i = 0; node && name && i < node->nr_children; i++)
		if (!strcmp(node->children[i]->name, name))
			return node->children[i];
	return NULL;
}

const struct vocab_field *vocab_node_attr(const struct vocab_node *node, const char *name)
{
	for (size_t i = 0; node && name && i < node->nr_attrs; i++)
		if (!strcmp(node->attrs[i]->attribute ? node->attrs[i]->attribute : "", name))
			return node->attrs[i];
	return NULL;
}

/* ===== the <vocabulary> document ===== */

/* s escaped for an attribute value or text. */
static void add_escaped(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			strbuf_addstr(sb, "&amp;");
			break;
		case '<':
			strbuf_addstr(sb, "&lt;");
			break;
		case '>':
			strbuf_addstr(sb, "&gt;");
			break;
		case '"':
			strbuf_addstr(sb, "&quot;");
			break;
		default:
			strbuf_add(sb, s, 1);
		}
	}
}

static void add_attr(struct strbuf *sb, const char *name, const char *value)
{
	if (!value)
		return;
	strbuf_addf(sb, " %s=\"", name);
	add_escaped(sb, value);
	strbuf_addstr(sb, "\"");
}

static void add_notes(struct strbuf *sb, const char *indent, const char *vi, const char *en)
{
	strbuf_addf(sb, "%s<note xml:lang=\"vi\">", indent);
	add_escaped(sb, vi);
	strbuf_addf(sb, "</note>\n%s<note xml:lang=\"en\">", indent);
	add_escaped(sb, en);
	strbuf_addstr(sb, "</note>\n");
}

static void add_list(struct strbuf *sb, const struct vocab_list_def *ld)
{
	static const char *const entry[] = {[VV_VALUE] = "value", [VV_UNKNOWN] = "unknown",
	                                    [VV_ALIAS] = "alias"};
	strbuf_addstr(sb, "  <list");
	add_attr(sb, "name", ld->name);
	strbuf_addstr(sb, ">\n");
	for (size_t i = 0; i < ld->nr_values; i++) {
		const struct vocab_value *v = &ld->values[i];
		strbuf_addf(sb, "    <%s", entry[v->kind]);
		add_attr(sb, "code", v->code);
		add_attr(sb, "means", v->means);
		add_attr(sb, "vi", v->label_vi);
		add_attr(sb, "en", v->label_en);
		strbuf_addstr(sb, "/>\n");
	}
	strbuf_addstr(sb, "  </list>\n");
}

static void add_field(struct strbuf *sb, const struct vocab_field *f)
{
	strbuf_addstr(sb, "    <field");
	add_attr(sb, "name", f->name);
	add_attr(sb, "kind", vocab_kind_name(f->kind));
	if (f->list != VL_NONE)
		add_attr(sb, "list", lists[f->list].name);
	if (*f->element)
		add_attr(sb, "element", f->element);
	add_attr(sb, "attribute", f->attribute);
	add_attr(sb, "use", f->flags & VOCAB_REQUIRED  ? "required"
	                    : f->flags & VOCAB_ELEMENT ? "element"
	                                               : "optional");
	if (f->record == VR_SYSTEM)
		add_attr(sb, "fact", "yes");
	add_attr(sb, "vi", f->label_vi);
	add_attr(sb, "en", f->label_en);
	strbuf_addstr(sb, ">\n");
	add_notes(sb, "      ", f->note_vi, f->note_en);
	strbuf_addstr(sb, "    </field>\n");
}

void vocab_xml(struct strbuf *out)
{
	strbuf_addstr(out, "<vocabulary version=\"1\">\n");
	for (int l = 1; l < VL__COUNT; l++)
		add_list(out, &lists[l]);
	for (int r = 0; r < VR__COUNT; r++) {
		const struct vocab_record_def *rd = &records[r];
		strbuf_addstr(out, "  <record");
		add_attr(out, "name", rd->name);
		add_attr(out, "element", rd->element);
		if (*rd->container)
			add_attr(out, "container", rd->container);
		if (rd->parent != VR_NONE)
			add_attr(out, "parent", records[rd->parent].name);
		add_attr(out, "vi", rd->label_vi);
		add_attr(out, "en", rd->label_en);
		strbuf_addstr(out, ">\n");
		add_notes(out, "    ", rd->note_vi, rd->note_en);
		for (size_t i = 0; i < rd->nr_fields; i++)
			add_field(out, &rd->fields[i]);
		strbuf_addstr(out, "  </record>\n");
	}
	strbuf_addstr(out, "</vocabulary>\n");
}
