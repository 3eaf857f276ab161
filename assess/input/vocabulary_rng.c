/*
 * vocabulary_rng.c - the RELAX NG schema of the inventory, generated from
 * the vocabulary (vocabulary.h: vocab_rng).
 *
 * Every check a grammar can state is in it, as the reader's C checks make
 * it (assess/input/element.c): attribute values are compared exactly
 * (type string), the text of an element as a token (the reader trims it);
 * a label is not blank; ids, dates, counts, rule-set ids and decision
 * numbers have the same patterns. What a grammar cannot state (ids unique
 * across files, references, cycles, calendar dates, one cadence per level)
 * only `assess validate` checks.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "vocabulary.h"

/* The datatypes of the kinds with a pattern; the validator's copy leaves
 * out the patterns the reader checks as strictly. */
static const struct {
	enum vocab_kind kind;
	const char *define;
	const char *pattern; /* XML Schema regular expression, or NULL */
	int validator_keeps; /* the pattern stays in the validator's copy */
} datatypes[] = {
	{VK_ID, "id", "[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}", 0},
	{VK_RULES, "rules", "[A-Z][A-Z0-9]{0,15}", 1},
	{VK_DECISION, "decision", "[0-9]+(/[0-9]{4})?/Q[ĐD]-[\\p{L}\\p{N}&amp;]+(-[\\p{L}\\p{N}&amp;]+)*", 0},
	{VK_DATE, "date", "[0-9]{4}-[0-9]{2}-[0-9]{2}", 0},
	{VK_COUNT, "count", "[0-9]{1,18}", 0},
};

struct gen {
	struct strbuf *out;
	unsigned flags;
	int depth;
};

static void indent(struct gen *g)
{
	for (int i = 0; i < g->depth; i++)
		strbuf_addstr(g->out, "  ");
}

static void line(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void line(struct gen *g, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	indent(g);
	strbuf_addstr(g->out, buf);
	strbuf_addstr(g->out, "\n");
}

/* A comment naming a field: "information.public: Public information". */
static void field_comment(struct gen *g, const struct vocab_field *f)
{
	indent(g);
	strbuf_addf(g->out, "<!-- %s: %s -->\n", f->name, f->label_en);
}

/* The pattern of a field's value: a ref to a define, or inline. text: the
 * value is an element's text (compared as a token), else an attribute's. */
static void value_pattern(struct gen *g, const struct vocab_field *f, int text)
{
	switch (f->kind) {
	case VK_TEXT:
		line(g, "<text/>");
		return;
	case VK_LABEL:
		line(g, "<ref name=\"label\"/>");
		return;
	case VK_LEVEL:
	case VK_TRI:
	case VK_ENUM:
	case VK_SET:
		line(g, "<ref name=\"%s.%s\"/>", text ? "text" : "list", vocab_list(f->list)->name);
		return;
	case VK_PRESENT:
		return;
	default:
		for (size_t i = 0; i < ARRAY_SIZE(datatypes); i++)
			if (datatypes[i].kind == f->kind) {
				line(g, "<ref name=\"%s\"/>", datatypes[i].define);
				return;
			}
	}
}

static void attribute(struct gen *g, const struct vocab_field *f)
{
	int required = (f->flags & VOCAB_REQUIRED) != 0;
	field_comment(g, f);
	if (!required) {
		line(g, "<optional>");
		g->depth++;
	}
	line(g, "<attribute name=\"%s\">", f->attribute);
	g->depth++;
	value_pattern(g, f, 0);
	g->depth--;
	line(g, "</attribute>");
	if (!required) {
		g->depth--;
		line(g, "</optional>");
	}
}

static void element(struct gen *g, const struct vocab_node *n);

/* One item of a record's content, with how often it may appear. */
static void item(struct gen *g, const struct vocab_node *n)
{
	const char *wrap = n->kind == VN_RECORD ? "zeroOrMore"
	                   : n->repeat          ? (n->required ? "oneOrMore" : "zeroOrMore")
	                   : n->required        ? NULL
	                                        : "optional";
	if (wrap) {
		line(g, "<%s>", wrap);
		g->depth++;
	}
	if (n->kind == VN_RECORD)
		line(g, "<ref name=\"%s\"/>", vocab_record(n->record)->name);
	else
		element(g, n);
	if (wrap) {
		g->depth--;
		line(g, "</%s>", wrap);
	}
}

/* Children that are all records: any number of them, in any order. */
static int only_records(const struct vocab_node *n)
{
	for (size_t i = 0; i < n->nr_children; i++)
		if (n->children[i]->kind != VN_RECORD)
			return 0;
	return 1;
}

static void content(struct gen *g, const struct vocab_node *n)
{
	for (size_t i = 0; i < n->nr_attrs; i++)
		attribute(g, n->attrs[i]);
	if (!n->nr_children)
		return;
	if (only_records(n)) {
		/* never an interleave here: libxml2 would load the whole
		 * <inventory> to validate one */
		line(g, "<zeroOrMore>");
		g->depth++;
		if (n->nr_children > 1) {
			line(g, "<choice>");
			g->depth++;
		}
		for (size_t i = 0; i < n->nr_children; i++)
			line(g, "<ref name=\"%s\"/>", vocab_record(n->children[i]->record)->name);
		if (n->nr_children > 1) {
			g->depth--;
			line(g, "</choice>");
		}
		g->depth--;
		line(g, "</zeroOrMore>");
		return;
	}
	if (n->nr_children > 1) {
		line(g, "<interleave>");
		g->depth++;
	}
	for (size_t i = 0; i < n->nr_children; i++)
		item(g, n->children[i]);
	if (n->nr_children > 1) {
		g->depth--;
		line(g, "</interleave>");
	}
}

/* A field element or a container (a record is a define of its own). */
static void element(struct gen *g, const struct vocab_node *n)
{
	if (n->kind == VN_FIELDS && n->text)
		field_comment(g, n->text);
	if (n->kind == VN_FIELDS && n->present)
		field_comment(g, n->present);
	line(g, "<element name=\"%s\">", n->name);
	g->depth++;
	content(g, n);
	if (n->kind == VN_FIELDS && n->text)
		value_pattern(g, n->text, 1);
	if (n->kind == VN_FIELDS && !n->text && !n->nr_attrs)
		line(g, "<empty/>");
	g->depth--;
	line(g, "</element>");
}

static void record_define(struct gen *g, enum vocab_record r)
{
	const struct vocab_record_def *rd = vocab_record(r);
	const struct vocab_node *n = vocab_record_node(r);
	strbuf_addf(g->out, "\n  <!-- %s: %s -->\n", rd->name, rd->label_en);
	line(g, "<define name=\"%s\">", rd->name);
	g->depth++;
	line(g, "<element name=\"%s\">", rd->element);
	g->depth++;
	content(g, n);
	if (!n->nr_attrs && !n->nr_children)
		line(g, "<empty/>");
	g->depth--;
	line(g, "</element>");
	g->depth--;
	line(g, "</define>");
}

/* Which lists appear as attribute values (0) and as element text (1). */
static void lists_used(int used[][2])
{
	for (int r = 0; r < VR__COUNT; r++) {
		const struct vocab_record_def *rd = vocab_record((enum vocab_record)r);
		for (size_t i = 0; i < rd->nr_fields; i++) {
			const struct vocab_field *f = &rd->fields[i];
			if (f->list != VL_NONE)
				used[f->list][f->attribute ? 0 : 1] = 1;
		}
	}
}

static void list_define(struct gen *g, enum vocab_list l, int text)
{
	const struct vocab_list_def *ld = vocab_list(l);
	line(g, "<define name=\"%s.%s\">", text ? "text" : "list", ld->name);
	g->depth++;
	line(g, "<choice>");
	g->depth++;
	for (size_t i = 0; i < ld->nr_values; i++)
		line(g, "<value type=\"%s\">%s</value>", text ? "token" : "string", ld->values[i].code);
	g->depth--;
	line(g, "</choice>");
	g->depth--;
	line(g, "</define>");
}

void vocab_rng(struct strbuf *out, unsigned flags)
{
	struct gen g = {out, flags, 1};
	int used[VL__COUNT][2] = {{0}};
	strbuf_addstr(out,
	              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	              "<!--\n"
	              "  inventory.rng - RELAX NG schema of the inventory format, version 1,\n"
	              "  written by `assess schema inventory` from the vocabulary\n"
	              "  (include/vocabulary.def): do not edit, change the table. Element by\n"
	              "  element in criteria/schema/inventory.md. No namespace; child order is\n"
	              "  free; unknown elements and attributes are errors; an attribute left\n"
	              "  out means unknown.\n"
	              "\n"
	              "  `assess validate` checks this and what a grammar cannot state (ids\n"
	              "  unique across files, references, component cycles, calendar dates).\n"
	              "  Check a file by hand: xmllint -noout -relaxng inventory.rng FILE.xml\n");
	if (flags & VOCAB_RNG_VALIDATOR)
		strbuf_addstr(out, "\n  The validator's copy: without the patterns the reader checks in C.\n");
	strbuf_addstr(out, "-->\n"
	                   "<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\"\n"
	                   "         datatypeLibrary=\"http://www.w3.org/2001/XMLSchema-datatypes\">\n"
	                   "\n");
	line(&g, "<start><ref name=\"%s\"/></start>", vocab_record(VR_INVENTORY)->name);
	for (int r = 0; r < VR__COUNT; r++)
		record_define(&g, (enum vocab_record)r);

	strbuf_addstr(out, "\n  <!-- ===== datatypes ===== -->\n\n");
	line(&g, "<!-- text that is not blank -->");
	line(&g, "<define name=\"label\">");
	line(&g, "  <data type=\"token\"><param name=\"minLength\">1</param></data>");
	line(&g, "</define>");
	for (size_t i = 0; i < ARRAY_SIZE(datatypes); i++) {
		int keep = !(flags & VOCAB_RNG_VALIDATOR) || datatypes[i].validator_keeps;
		line(&g, "<define name=\"%s\">", datatypes[i].define);
		if (keep)
			line(&g, "  <data type=\"string\"><param name=\"pattern\">%s</param></data>",
			     datatypes[i].pattern);
		else
			line(&g, "  <data type=\"string\"/>");
		line(&g, "</define>");
	}
	lists_used(used);
	strbuf_addstr(out, "\n  <!-- ===== closed lists ===== -->\n\n");
	for (int l = 1; l < VL__COUNT; l++)
		for (int text = 0; text < 2; text++)
			if (used[l][text])
				list_define(&g, (enum vocab_list)l, text);
	strbuf_addstr(out, "</grammar>\n");
}
