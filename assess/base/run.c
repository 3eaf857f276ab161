/*
 * run.c - helpers over the per-system result of a run.
 */
#include "run.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const severity_names[] = {"info", "warning", "critical"};
static const char *const drift_names[] = {"none", "under", "over", "unapproved"};

const char *severity_name(enum severity sev)
{
	return severity_names[sev];
}

int severity_parse(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(severity_names); i++)
		if (name && !strcmp(name, severity_names[i]))
			return (int)i;
	return -1;
}

static const char *const inspection_state_names[] = {"not-required", "ok", "due-soon",
                                                     "overdue", "never"};

const char *inspection_state_name(enum inspection_state st)
{
	return (unsigned)st < ARRAY_SIZE(inspection_state_names) ? inspection_state_names[st]
	                                                         : "?";
}

int inspection_state_parse(const char *name)
{
	for (size_t i = 0; name && i < ARRAY_SIZE(inspection_state_names); i++)
		if (!strcmp(name, inspection_state_names[i]))
			return (int)i;
	return -1;
}

static const char *const independence_names[] = {"no", "internal", "licensed"};

int independence_parse(const char *s)
{
	if (s && !strcmp(s, "yes"))
		return INDEP_LICENSED; /* inventories written before 2026-11-30 */
	for (size_t i = 0; s && i < ARRAY_SIZE(independence_names); i++)
		if (!strcmp(s, independence_names[i]))
			return (int)i;
	return -1;
}

const char *independence_name(enum independence ind)
{
	return (unsigned)ind < ARRAY_SIZE(independence_names) ? independence_names[ind] : "?";
}

const char *cadence_basis_name(enum cadence_basis b)
{
	static const char *const names[] = {"law", "policy", "reminder"};
	return (unsigned)b < ARRAY_SIZE(names) ? names[b] : "?";
}

const char *drift_name(enum drift d)
{
	return drift_names[d];
}

void result_take_finding(struct system_result *res, const char *code, enum severity sev,
                         char *text_vi, char *text_en)
{
	ALLOC_GROW(res->findings, res->nr_findings + 1, res->alloc_findings);
	struct finding *f = &res->findings[res->nr_findings++];
	f->code = xstrdup(code);
	f->severity = sev;
	f->args = NULL;
	f->text_vi = text_vi;
	f->text_en = text_en;
	f->basis_vi = f->basis_en = NULL;
}

void result_take_finding_args(struct system_result *res, const char *code, enum severity sev,
                              char *args)
{
	result_take_finding(res, code, sev, NULL, NULL);
	res->findings[res->nr_findings - 1].args = args;
}

void result_add_finding(struct system_result *res, const char *code, enum severity sev,
                        const char *text_vi, const char *text_en)
{
	result_take_finding(res, code, sev, xstrdup(text_vi), xstrdup(text_en));
}

void result_clause_readings(const struct system_result *res, const char *clause_id,
                            struct strbuf *out)
{
	size_t n = clause_id ? strlen(clause_id) : 0;
	for (const char *p = res && n ? res->readings : NULL; p && *p;) {
		size_t len = strcspn(p, " ");
		if (len > n + 1 && !strncmp(p, clause_id, n) && p[n] == '=')
			strbuf_addf(out, "%s%.*s", out->len ? " " : "", (int)(len - n - 1), p + n + 1);
		p += len;
		p += strspn(p, " ");
	}
}

void system_result_init(struct system_result *res, const char *system_id)
{
	memset(res, 0, sizeof(*res));
	res->system_id = xstrdup_or_null(system_id);
	res->deciding_clause = -1;
}

void system_result_release_findings(struct system_result *res)
{
	for (size_t i = 0; i < res->nr_findings; i++) {
		free(res->findings[i].code);
		free(res->findings[i].args);
		free(res->findings[i].text_vi);
		free(res->findings[i].text_en);
		free(res->findings[i].basis_vi);
		free(res->findings[i].basis_en);
	}
	free(res->findings);
	res->findings = NULL;
	res->nr_findings = res->alloc_findings = 0;
}

void system_result_release(struct system_result *res)
{
	if (!res)
		return;
	free(res->system_id);
	free(res->reason);
	free(res->reason_vi);
	free(res->deciding_component);
	free(res->outcomes);
	free(res->near_threshold);
	free(res->readings);
	free(res->inspection_article);
	free(res->inspection_policy);
	free(res->hosting_separation);
	free(res->hosting_article);
	free(res->rules);
	free(res->rules_basis);
	free(res->rules_article);
	free(res->rules_reason);
	free(res->rules_reason_vi);
	system_result_release_findings(res);
	memset(res, 0, sizeof(*res));
}
