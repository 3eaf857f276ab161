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
	system_result_release_findings(res);
	memset(res, 0, sizeof(*res));
}
