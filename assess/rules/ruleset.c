/*
 * ruleset.c - a loaded rule set (criteria.c loads them): freeing, choosing
 * one by id and date, looking up its clauses, readings, articles and
 * inspection rules, and a condition as text.
 */
#include "criteria.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "run.h"
#include "rx.h"
#include "util.h"

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
		strbuf_addf(sb, "%s(", condition_kind_name(c->kind));
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
