/*
 * element.c - one element of an inventory checked against the vocabulary:
 * the C checks that are the validator of import and review (issue 17).
 *
 * The XML shape comes from vocab_tree(); what a value must be, from its
 * field's kind and list. Every check a grammar can state is made here as the
 * generated RELAX NG schema makes it (vocabulary_rng.c), with a precise
 * message; tests/fuzz/fuzz_validators.c holds both to the same verdicts.
 * The checks of meaning (calendar dates here; ids, references, cadences in
 * inventory.c and xref.c) are made only here.
 */
#include "inventory_parts.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlunicode.h>

#include "diag.h"
#include "util.h"
#include "xmlio.h"

void walk_error(struct walk *w, int grammar, long line, const char *fmt, ...)
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
	if (!grammar) {
		w->chk->meaning_problems++;
		return;
	}
	w->chk->grammar_problems++;
	if (w->chk->stream)
		xmlio_stream_grammar(w->chk->stream);
}

/* ===== values ===== */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(char c)
{
	return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

int is_identifier(const char *s, size_t len)
{
	if (len < 1 || len > 64 || !is_alnum(s[0]))
		return 0;
	for (size_t i = 1; i < len; i++)
		if (!is_alnum(s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-')
			return 0;
	return 1;
}

/* [A-Z][A-Z0-9]{0,15} */
static int is_rules(const char *s, size_t len)
{
	if (len < 1 || len > 16 || !(s[0] >= 'A' && s[0] <= 'Z'))
		return 0;
	for (size_t i = 1; i < len; i++)
		if (!is_digit(s[i]) && !(s[i] >= 'A' && s[i] <= 'Z'))
			return 0;
	return 1;
}

/* One UTF-8 character at s (len bytes left): its code point and its
 * bytes in *n, or -1. */
static long utf8_char(const unsigned char *s, size_t len, size_t *n)
{
	int size = len > 4 ? 4 : (int)len;
	int c = xmlGetUTF8Char(s, &size);
	if (c < 0)
		return -1;
	*n = (size_t)size;
	return c;
}

/* [\p{L}\p{N}&]+ at s: its length in bytes (0 when none). The categories
 * are libxml2's own, as its schema regular expressions have them. */
static size_t issuer_word(const char *s, size_t len)
{
	size_t i = 0, n;
	while (i < len) {
		long c = utf8_char((const unsigned char *)s + i, len - i, &n);
		if (c < 0 || !(c == '&' || xmlUCSIsCatL((int)c) || xmlUCSIsCatN((int)c)))
			break;
		i += n;
	}
	return i;
}

/* [0-9]+(/[0-9]{4})?/Q[ĐD]-[\p{L}\p{N}&]+(-[\p{L}\p{N}&]+)* */
static int is_decision(const char *s, size_t len)
{
	size_t i = 0, w;
	while (i < len && is_digit(s[i]))
		i++;
	if (!i || i == len || s[i] != '/')
		return 0;
	if (len - i > 5 && is_digit(s[i + 1]) && is_digit(s[i + 2]) && is_digit(s[i + 3]) &&
	    is_digit(s[i + 4]) && s[i + 5] == '/')
		i += 5;
	i++;
	if (i < len && s[i] == 'Q')
		i++;
	else
		return 0;
	if (len - i >= 2 && !memcmp(s + i, "\xC4\x90", 2)) /* Đ */
		i += 2;
	else if (i < len && s[i] == 'D')
		i++;
	else
		return 0;
	do {
		if (i >= len || s[i] != '-' || !(w = issuer_word(s + i + 1, len - i - 1)))
			return 0;
		i += 1 + w;
	} while (i < len);
	return 1;
}

/* [0-9]{4}-[0-9]{2}-[0-9]{2} */
static int date_shape(const char *s, size_t len)
{
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_digit(s[i]))
			return 0;
	return 1;
}

#define COUNT_DIGITS 18

/*
 * Check value v (len bytes) of field f: the attribute of elem, or elem's
 * text (f->attribute NULL, v already trimmed). 0 good, -1 bad (reported).
 */
static int check_value(struct walk *w, long line, const struct vocab_field *f, const char *elem,
                       const char *v, size_t len)
{
	const char *why = NULL, *words = NULL;
	int grammar = 1;
	size_t i;
	switch (f->kind) {
	case VK_TEXT:
	case VK_PRESENT:
		return 0;
	case VK_LABEL:
		for (i = 0; i < len && is_space(v[i]); i++)
			;
		if (i == len)
			why = "must not be empty";
		break;
	case VK_LEVEL:
	case VK_TRI:
	case VK_ENUM:
	case VK_SET:
		words = vocab_list(f->list)->accepted;
		if (!len || !word_in_list(words, v, len))
			why = "allowed: ";
		break;
	case VK_COUNT:
		for (i = 0; i < len && is_digit(v[i]); i++)
			;
		if (!len || i < len)
			why = "not a non-negative integer";
		else if (len > COUNT_DIGITS)
			why = "not a count of at most 18 digits";
		break;
	case VK_DATE:
		if (!date_shape(v, len)) {
			why = "not a calendar date YYYY-MM-DD";
		} else if (!is_iso_date(v)) {
			why = "not a calendar date YYYY-MM-DD";
			grammar = 0;
		}
		break;
	case VK_ID:
		if (!is_identifier(v, len))
			why = "an identifier is [A-Za-z0-9][A-Za-z0-9._-]{0,63}";
		break;
	case VK_DECISION:
		if (!is_decision(v, len))
			why = "a decision number looks like 1520/QĐ-UBND or 123/2024/QĐ-UBND";
		break;
	case VK_RULES:
		if (!is_rules(v, len))
			why = "a rule-set id is an upper-case letter then upper-case letters and digits "
			      "(ND85, ND331, TT09)";
		break;
	}
	if (!why)
		return 0;
	if (f->attribute)
		walk_error(w, grammar, line, "invalid <%s> %s='%.*s': %s%s", elem, f->attribute, (int)len,
		           v, why, words ? words : "");
	else
		walk_error(w, grammar, line, "invalid <%s> '%.*s': %s%s", elem, (int)len, v, why,
		           words ? words : "");
	return -1;
}

/* Store a good value of f into vals (SET: appended, space-separated;
 * "unknown": nothing). */
static void keep_value(const struct vocab_field *f, char **vals, const char *v, size_t len)
{
	char **slot = &vals[f->index];
	if (len == strlen("unknown") && !memcmp(v, "unknown", len) &&
	    vocab_value_find(f->list, "unknown") && f->list != VL_NONE)
		return;
	if (f->kind == VK_SET && *slot) {
		size_t old = strlen(*slot);
		*slot = xrealloc(*slot, old + 1 + len + 1);
		(*slot)[old] = ' ';
		memcpy(*slot + old + 1, v, len);
		(*slot)[old + 1 + len] = '\0';
		return;
	}
	free(*slot);
	*slot = xmalloc(len + 1);
	memcpy(*slot, v, len);
	(*slot)[len] = '\0';
}

/* ===== attributes ===== */

/* The text of attribute a, borrowed when it is one text node; else made in
 * tmp. */
static const char *attr_text(xmlAttrPtr a, char **tmp)
{
	xmlNodePtr t = a->children;
	*tmp = NULL;
	if (!t)
		return "";
	if (t->type == XML_TEXT_NODE && !t->next && t->content)
		return (const char *)t->content;
	xmlChar *v = xmlNodeListGetString(a->doc, t, 1);
	*tmp = xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	return *tmp;
}

void check_attributes(struct walk *w, const struct vocab_node *n, xmlNodePtr elem, long line,
                      char **vals)
{
	const char *name = (const char *)elem->name;
	for (xmlAttrPtr a = elem->properties; a; a = a->next) {
		const struct vocab_field *f = a->ns ? NULL : vocab_node_attr(n, (const char *)a->name);
		if (!f) {
			walk_error(w, 1, line, "unknown attribute '%s%s%s' on <%s>",
			           a->ns && a->ns->prefix ? (const char *)a->ns->prefix : "",
			           a->ns && a->ns->prefix ? ":" : "", (const char *)a->name, name);
			continue;
		}
		char *tmp;
		const char *v = attr_text(a, &tmp);
		size_t len = strlen(v);
		if (check_value(w, line, f, name, v, len) == 0 && vals)
			keep_value(f, vals, v, len);
		free(tmp);
	}
	for (size_t i = 0; i < n->nr_attrs; i++)
		if ((n->attrs[i]->flags & VOCAB_REQUIRED) &&
		    !xmlHasNsProp(elem, (const xmlChar *)n->attrs[i]->attribute, NULL))
			walk_error(w, 1, line, "<%s> lacks the attribute '%s'", name, n->attrs[i]->attribute);
}

/* ===== content ===== */

/* Text or entity content where only elements belong. */
static void check_no_text(struct walk *w, xmlNodePtr child, const char *parent)
{
	if (child->type == XML_ENTITY_REF_NODE) {
		walk_error(w, 1, xmlio_node_line(child->parent), "entity reference '&%s;' is not allowed",
		           (const char *)child->name);
	} else if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
		for (const xmlChar *p = child->content; p && *p; p++)
			if (!is_space((char)*p)) {
				walk_error(w, 1, xmlio_node_line(child->parent), "text is not allowed in <%s>",
				           parent);
				break;
			}
	}
}

/* An element with no content: no element, no text. */
static void check_empty(struct walk *w, xmlNodePtr elem)
{
	const char *name = (const char *)elem->name;
	for (xmlNodePtr g = elem->children; g; g = g->next)
		if (g->type == XML_ELEMENT_NODE)
			walk_error(w, 1, xmlio_node_line(g), "unknown element <%s> in <%s>",
			           (const char *)g->name, name);
		else
			check_no_text(w, g, name);
}

/* The text of a text element, checked against f (trimmed) and kept. */
static void check_text(struct walk *w, const struct vocab_field *f, xmlNodePtr elem, char **vals)
{
	const char *name = (const char *)elem->name;
	for (xmlNodePtr g = elem->children; g; g = g->next)
		if (g->type == XML_ELEMENT_NODE) {
			walk_error(w, 1, xmlio_node_line(g), "unknown element <%s> in <%s>",
			           (const char *)g->name, name);
			return;
		} else if (g->type == XML_ENTITY_REF_NODE) {
			check_no_text(w, g, name);
			return;
		}
	xmlChar *all = NULL;
	const char *v = "";
	xmlNodePtr t = elem->children;
	if (t && t->type == XML_TEXT_NODE && !t->next)
		v = t->content ? (const char *)t->content : "";
	else if (t)
		v = (const char *)(all = xmlNodeGetContent(elem));
	size_t len = strlen(v);
	while (len && is_space(*v))
		v++, len--;
	while (len && is_space(v[len - 1]))
		len--;
	if (check_value(w, xmlio_node_line(elem), f, name, v, len) == 0)
		keep_value(f, vals, v, len);
	xmlFree(all);
}

/* Children of a container (<components>, <controls>): its records. */
static void check_container(struct walk *w, const struct vocab_node *n, xmlNodePtr elem)
{
	const char *name = (const char *)elem->name;
	for (xmlNodePtr c = elem->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE) {
			check_no_text(w, c, name);
			continue;
		}
		const struct vocab_node *r = c->ns ? NULL : vocab_node_child(n, (const char *)c->name);
		if (!r) {
			walk_error(w, 1, xmlio_node_line(c), "unknown element <%s> in <%s>",
			           (const char *)c->name, name);
			continue;
		}
		char *vals[32] = {NULL};
		int before = w->problems;
		check_record(w, r, c, vals);
		if (w->child)
			w->child(w, r, c, vals, w->problems - before, w->data);
		for (size_t i = 0; i < ARRAY_SIZE(vals); i++)
			free(vals[i]);
	}
}

#define MAX_CHILDREN 64

int check_record(struct walk *w, const struct vocab_node *n, xmlNodePtr elem, char **vals)
{
	int before = w->problems;
	long line = xmlio_node_line(elem);
	const char *name = (const char *)elem->name;
	int seen[MAX_CHILDREN] = {0};

	check_attributes(w, n, elem, line, vals);
	if (w->own && n == w->top)
		w->own(w, vals, line, w->data);
	for (xmlNodePtr c = elem->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE) {
			check_no_text(w, c, name);
			continue;
		}
		const struct vocab_node *k = c->ns ? NULL : vocab_node_child(n, (const char *)c->name);
		if (!k) {
			walk_error(w, 1, xmlio_node_line(c), "unknown element <%s> in <%s>",
			           (const char *)c->name, name);
			continue;
		}
		size_t i = 0;
		while (n->children[i] != k)
			i++;
		if (seen[i]++ && !k->repeat) {
			walk_error(w, 1, xmlio_node_line(c), "<%s> appears more than once in <%s>", k->name,
			           name);
			continue;
		}
		switch (k->kind) {
		case VN_RECORD: {
			char *sub[32] = {NULL};
			int sub_before = w->problems;
			check_record(w, k, c, sub);
			if (w->child)
				w->child(w, k, c, sub, w->problems - sub_before, w->data);
			for (size_t j = 0; j < ARRAY_SIZE(sub); j++)
				free(sub[j]);
			break;
		}
		case VN_CONTAINER:
			check_attributes(w, k, c, xmlio_node_line(c), NULL);
			check_container(w, k, c);
			break;
		case VN_FIELDS:
			check_attributes(w, k, c, xmlio_node_line(c), vals);
			if (k->text)
				check_text(w, k->text, c, vals);
			else
				check_empty(w, c);
			if (k->present)
				keep_value(k->present, vals, "yes", 3);
			break;
		}
	}
	for (size_t i = 0; i < n->nr_children; i++)
		if (n->children[i]->required && !seen[i])
			walk_error(w, 1, line, "<%s> lacks the element <%s>", name, n->children[i]->name);
	return w->problems - before;
}
