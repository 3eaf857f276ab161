/*
 * facts.c - the table of inventory facts and typed readers over a record.
 */
#include "facts.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define FACT_ROW(id, name, kind, values, column) {id, name, kind, values, column},
static const struct fact_def fact_table[F__COUNT] = {FACT_LIST(FACT_ROW)};
#undef FACT_ROW

const struct fact_def *fact_def(enum fact_id id)
{
	return &fact_table[id];
}

int fact_lookup(const char *name)
{
	for (int i = 0; i < F__COUNT; i++)
		if (!strcmp(fact_table[i].name, name))
			return i;
	return -1;
}

int word_in_list(const char *list, const char *word, size_t word_len)
{
	const char *p = list;
	if (!list)
		return 0;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *end = p;
		while (*end && *end != ' ')
			end++;
		if ((size_t)(end - p) == word_len && !memcmp(p, word, word_len))
			return 1;
		p = end;
	}
	return 0;
}

void system_record_init(struct system_record *rec)
{
	memset(rec, 0, sizeof(*rec));
}

void system_record_release(struct system_record *rec)
{
	if (!rec)
		return;
	free(rec->file);
	for (int i = 0; i < F__COUNT; i++)
		free(rec->value[i]);
	for (size_t i = 0; i < rec->nr_components; i++)
		free(rec->components[i].ref);
	free(rec->components);
	for (size_t i = 0; i < rec->nr_inspections; i++) {
		struct inspection *in = &rec->inspections[i];
		free(in->date);
		free(in->kind);
		free(in->independent);
		free(in->by);
	}
	free(rec->inspections);
	for (size_t i = 0; i < rec->nr_controls; i++) {
		struct control *c = &rec->controls[i];
		free(c->ref);
		free(c->status);
		free(c->due);
		free(c->evidence);
	}
	free(rec->controls);
	for (size_t i = 0; i < rec->nr_waivers; i++) {
		struct waiver *w = &rec->waivers[i];
		free(w->ref);
		free(w->reason);
		free(w->approved_by);
		free(w->until);
	}
	free(rec->waivers);
	memset(rec, 0, sizeof(*rec));
}

void system_record_set(struct system_record *rec, enum fact_id id, const char *text)
{
	free(rec->value[id]);
	rec->value[id] = xstrdup_or_null(text);
}

enum tri fact_tri(const struct system_record *rec, enum fact_id id)
{
	const char *v = rec->value[id];
	if (!v)
		return TRI_UNKNOWN;
	if (!strcmp(v, "yes"))
		return TRI_YES;
	if (!strcmp(v, "no"))
		return TRI_NO;
	return TRI_UNKNOWN;
}

long long fact_count(const struct system_record *rec, enum fact_id id)
{
	long long n;
	if (!rec->value[id] || parse_count(rec->value[id], &n) < 0)
		return -1;
	return n;
}

int fact_has_word(const struct system_record *rec, enum fact_id id, const char *word)
{
	if (!rec->value[id])
		return -1;
	return word_in_list(rec->value[id], word, strlen(word));
}

void organization_release(struct organization *org)
{
	if (!org)
		return;
	free(org->id);
	free(org->role);
	free(org->parent);
	free(org->name);
	for (int i = 0; i < ORG__COUNT; i++)
		free(org->value[i]);
	free(org->file);
	for (size_t i = 0; i < org->nr_policies; i++)
		free(org->policies[i].decision);
	free(org->policies);
	memset(org, 0, sizeof(*org));
}

const char *organization_field(const struct organization *org, enum organization_field f)
{
	switch (f) {
	case ORG_ID:
		return org->id;
	case ORG_ROLE:
		return org->role;
	case ORG_PARENT:
		return org->parent;
	case ORG_NAME:
		return org->name;
	default:
		return f >= 0 && f < ORG__COUNT ? org->value[f] : NULL;
	}
}
