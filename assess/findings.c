/*
 * findings.c - the findings of the annual review for one classified system.
 * Codes, severities and meanings: criteria/README-findings.md.
 */
#include "findings.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "finding_text.h"
#include "util.h"

static const char *const inspection_state_names[] = {"not-required", "ok", "due-soon",
                                                     "overdue", "never"};

const char *inspection_state_name(enum inspection_state st)
{
	return (unsigned)st < ARRAY_SIZE(inspection_state_names) ? inspection_state_names[st]
	                                                         : "?";
}

/*
 * Add a finding told by form (finding_text.c) and its arguments, one per
 * character of types: 'd' an int, 'L' a long long, 's' a string (NULL = "").
 */
static void add(struct system_result *res, const char *code, enum severity sev,
                const char *form, const char *types, ...)
{
	struct finding_args a;
	va_list ap;
	finding_args_start(&a, form);
	va_start(ap, types);
	for (const char *t = types; *t; t++)
		if (*t == 'd')
			finding_args_int(&a, va_arg(ap, int));
		else if (*t == 'L')
			finding_args_int(&a, va_arg(ap, long long));
		else
			finding_args_str(&a, va_arg(ap, const char *));
	va_end(ap);
	result_take_finding_args(res, code, sev, finding_args_finish(&a));
}

static int is_status(const struct system_record *rec, const char *status)
{
	return rec->value[F_STATUS] && !strcmp(rec->value[F_STATUS], status);
}

/* ---- approval and drift ------------------------------------------------ */

static int approved_level(const struct system_record *rec)
{
	long long n = fact_count(rec, F_APPR_LEVEL);
	return n >= 1 && n <= 5 ? (int)n : 0;
}

static enum drift compute_drift(const struct system_result *res)
{
	int low = res->level ? res->level : res->level_low;
	int high = res->level ? res->level : res->level_high;
	if (!res->approved_level)
		return DRIFT_UNAPPROVED;
	if (low && res->approved_level < low)
		return DRIFT_UNDER;
	if (high && res->approved_level > high)
		return DRIFT_OVER;
	return DRIFT_NONE;
}

static void approval_findings(const struct findings_context *ctx,
                              const struct system_record *rec, struct system_result *res)
{
	const char *rules = rec->value[F_APPR_RULES] ? rec->value[F_APPR_RULES] : "?";
	if (is_status(rec, "operating") && !res->approved_level) {
		if (res->level)
			add(res, "unapproved-in-operation", SEV_CRITICAL, "unapproved-in-operation", "d",
			    res->level);
		else
			add(res, "unapproved-in-operation", SEV_CRITICAL,
			    "unapproved-in-operation.undetermined", "");
	}
	if ((is_status(rec, "testing") || is_status(rec, "building")) && !res->approved_level)
		add(res, "approval-before-go-live", SEV_INFO, "approval-before-go-live", "");
	if (res->drift == DRIFT_UNDER) {
		int computed = res->level ? res->level : res->level_low;
		add(res, "under-classified", SEV_CRITICAL,
		    res->level ? "under-classified" : "under-classified.or-more", "dsd",
		    res->approved_level, rules, computed);
	} else if (res->drift == DRIFT_OVER && res->level) {
		add(res, "over-classified", SEV_INFO, "over-classified", "dsd", res->approved_level,
		    rules, res->level);
	}
	if (ctx->rules && !strcmp(ctx->rules, "ND331") && res->approved_level && res->level &&
	    rec->value[F_APPR_RULES] && !strcmp(rec->value[F_APPR_RULES], "ND85") &&
	    res->approved_level != res->level)
		add(res, "rules-drift", SEV_WARNING, "rules-drift", "dd", res->approved_level,
		    res->level);
}

/* ---- plan and regulation ------------------------------------------------ */

static void plan_findings(const struct system_record *rec, struct system_result *res)
{
	if (!is_status(rec, "operating"))
		return;
	const char *plan = rec->value[F_PLAN_STATUS];
	if (plan && !strcmp(plan, "partial"))
		add(res, "plan-not-implemented", SEV_WARNING, "plan-not-implemented.partial", "");
	else if (plan && !strcmp(plan, "none"))
		add(res, "plan-not-implemented", SEV_WARNING, "plan-not-implemented.none", "");
	else if (!plan || strcmp(plan, "full"))
		add(res, "plan-unknown", SEV_INFO, "plan-unknown", "");
	if (!rec->value[F_REG_DECISION])
		add(res, "no-regulation", SEV_WARNING, "no-regulation", "");
}

/* ---- inspections ------------------------------------------------------- */

static int inspection_is_independent(const struct inspection *in)
{
	return in->independent && !strcmp(in->independent, "yes");
}

enum inspection_state findings_inspection(const struct findings_context *ctx,
                                          const struct system_record *rec, int level,
                                          char next_due[11], const char **last)
{
	const char *latest = NULL;
	next_due[0] = '\0';
	if (last)
		*last = NULL;
	if (!ctx || !rec || level < 1 || level > 5 || !ctx->interval_months ||
	    ctx->interval_months[level] <= 0 || !is_iso_date(ctx->run_date))
		return INSP_NOT_REQUIRED;
	int need_independent = ctx->independent_from > 0 && level >= ctx->independent_from;
	for (size_t i = 0; i < rec->nr_inspections; i++) {
		const struct inspection *in = &rec->inspections[i];
		if (!is_iso_date(in->date) || strcmp(in->date, ctx->run_date) > 0)
			continue;
		if (need_independent && !inspection_is_independent(in))
			continue;
		if (!latest || strcmp(in->date, latest) > 0)
			latest = in->date;
	}
	if (last)
		*last = latest;
	if (!latest)
		return INSP_NEVER;
	/* due after 9999-12-31: no due date, and not due before the run's date */
	if (date_add_months(latest, ctx->interval_months[level], next_due) < 0)
		return INSP_OK;
	long left = date_to_days(next_due) - date_to_days(ctx->run_date);
	if (left < 0)
		return INSP_OVERDUE;
	if (left <= FINDINGS_DUE_SOON_DAYS)
		return INSP_DUE_SOON;
	return INSP_OK;
}

static void inspection_findings(const struct findings_context *ctx,
                                const struct system_record *rec, struct system_result *res)
{
	int level = res->level ? res->level : res->approved_level;
	const char *last;
	enum inspection_state st =
		findings_inspection(ctx, rec, level, res->next_inspection_due, &last);
	if (!is_status(rec, "operating"))
		return;
	int months = st == INSP_NOT_REQUIRED ? 0 : ctx->interval_months[level];
	switch (st) {
	case INSP_NOT_REQUIRED:
	case INSP_OK:
		break;
	case INSP_OVERDUE:
		add(res, "inspection-overdue", level >= 4 ? SEV_CRITICAL : SEV_WARNING,
		    "inspection-overdue", "sdds", last, months, level, res->next_inspection_due);
		break;
	case INSP_DUE_SOON: {
		long left = date_to_days(res->next_inspection_due) - date_to_days(ctx->run_date);
		add(res, "inspection-due-soon", SEV_INFO, "inspection-due-soon", "sL",
		    res->next_inspection_due, (long long)left);
		break;
	}
	case INSP_NEVER: {
		long long others = 0;
		for (size_t i = 0; i < rec->nr_inspections; i++)
			if (!inspection_is_independent(&rec->inspections[i]))
				others++;
		int need = ctx->independent_from > 0 && level >= ctx->independent_from;
		enum severity sev = level >= 3 ? SEV_WARNING : SEV_INFO;
		if (!need)
			add(res, "never-inspected", sev, "never-inspected", "dd", level, months);
		else if (!others)
			add(res, "never-inspected", sev, "never-inspected.independent", "ddd", level,
			    months, ctx->independent_from);
		else
			add(res, "never-inspected", sev, "never-inspected.independent-others", "dddL",
			    level, months, ctx->independent_from, others);
		break;
	}
	}
}

static void level5_findings(const struct findings_context *ctx,
                            const struct system_record *rec, struct system_result *res)
{
	if (!ctx->rules || strcmp(ctx->rules, "ND331") || is_status(rec, "retired"))
		return;
	int listed = fact_tri(rec, F_NAT_SECLIST) == TRI_YES;
	if (res->level != 5 && !listed)
		return;
	for (size_t i = 0; i < rec->nr_inspections; i++) {
		const struct inspection *in = &rec->inspections[i];
		if (inspection_is_independent(in) && is_iso_date(in->date) &&
		    strcmp(in->date, ctx->run_date) <= 0)
			return;
	}
	add(res, "level5-without-independent-inspection", SEV_CRITICAL,
	    res->level == 5 ? "level5-without-independent-inspection.level5"
	                    : "level5-without-independent-inspection.listed",
	    "");
}

/* ---- secrets in testing ------------------------------------------------ */

static void testing_findings(const struct system_record *rec, struct system_result *res)
{
	int testing = is_status(rec, "testing");
	if (!testing && !is_status(rec, "building"))
		return;
	static const char *const classes[] = {"mat", "toi-mat", "tuyet-mat"};
	const char *secret = rec->value[F_INFO_SECRET], *class = "";
	long long sensitive = fact_count(rec, F_DS_SENSITIVE);
	for (size_t i = 0; secret && i < ARRAY_SIZE(classes); i++)
		if (!strcmp(secret, classes[i]))
			class = classes[i];
	if (!*class && sensitive <= 0)
		return;
	char subjects[32] = "";
	if (sensitive > 0)
		snprintf(subjects, sizeof(subjects), "%lld", sensitive);
	add(res, "secrets-in-testing", SEV_CRITICAL, "secrets-in-testing", "sss",
	    testing ? "testing" : "building", class, subjects);
}

/* ---- four-layer model --------------------------------------------------- */

/* The fact that says whether layer i+1 of the four-layer model is in place. */
static const enum fact_id layer_facts[4] = {F_PROT_ONSITE, F_PROT_PROVIDER, F_PROT_AUDIT,
                                            F_PROT_MONITOR};

static void layer_findings(const struct system_record *rec, struct system_result *res)
{
	int missing = 0;
	res->layers = 0;
	res->layers_unknown = 0;
	for (int i = 0; i < 4; i++) {
		enum tri t = fact_tri(rec, layer_facts[i]);
		if (t == TRI_YES)
			res->layers |= 1 << i;
		else if (t == TRI_NO)
			missing |= 1 << i;
		else
			res->layers_unknown |= 1 << i;
	}
	if (!is_status(rec, "operating"))
		return;
	if (missing)
		add(res, "four-layer-gap", SEV_WARNING, "four-layer-gap", "dd", missing,
		    res->layers_unknown);
	else if (res->layers_unknown)
		add(res, "four-layer-unknown", SEV_INFO, "four-layer-unknown", "d",
		    res->layers_unknown);
}

/* ---- classification notes, scope, waivers ------------------------------- */

static void classification_findings(const struct system_record *rec, struct system_result *res)
{
	if (!res->level || !res->determined)
		add(res, "undetermined", SEV_WARNING, "undetermined", "ss",
		    res->reason_vi ? res->reason_vi : res->reason, res->reason);
	if (res->near_threshold)
		add(res, "near-threshold", SEV_INFO, "near-threshold", "s", res->near_threshold);
	if (rec->value[F_SCOPE] && !strcmp(rec->value[F_SCOPE], "national") &&
	    fact_tri(rec, F_ALWAYS_ON) == TRI_NO)
		add(res, "national-without-24x7", SEV_INFO, "national-without-24x7", "");
}

static int control_settles(const struct system_record *rec, const char *ref)
{
	for (size_t i = 0; i < rec->nr_controls; i++) {
		const struct control *c = &rec->controls[i];
		if (c->ref && !strcmp(c->ref, ref) && c->status &&
		    (!strcmp(c->status, "met") || !strcmp(c->status, "not-applicable")))
			return 1;
	}
	return 0;
}

static void waiver_findings(const struct findings_context *ctx,
                            const struct system_record *rec, struct system_result *res)
{
	if (!is_iso_date(ctx->run_date) || is_status(rec, "retired"))
		return;
	for (size_t i = 0; i < rec->nr_waivers; i++) {
		const struct waiver *w = &rec->waivers[i];
		if (!w->ref || !w->until || strcmp(w->until, ctx->run_date) >= 0 ||
		    control_settles(rec, w->ref))
			continue;
		add(res, "waiver-expired", SEV_WARNING, "waiver-expired", "ss", w->ref, w->until);
	}
}

/* ---- entry points ------------------------------------------------------- */

void findings_evaluate(const struct findings_context *ctx, const struct system_record *rec,
                       const char *const *held_clause_ids, size_t nr_held,
                       struct system_result *res)
{
	if (!ctx || !rec || !res)
		return;
	res->approved_level = approved_level(rec);
	res->drift = compute_drift(res);
	requirements_count(ctx->catalogue, rec, ctx->rules, res->level, held_clause_ids, nr_held,
	                   ctx->run_date, &res->requirements);

	approval_findings(ctx, rec, res);
	classification_findings(rec, res);
	testing_findings(rec, res);
	plan_findings(rec, res);
	inspection_findings(ctx, rec, res);
	level5_findings(ctx, rec, res);
	layer_findings(rec, res);
	waiver_findings(ctx, rec, res);
}

void findings_component_above_parent(struct system_result *parent, const char *comp_id,
                                     int comp_level, int parent_level)
{
	if (!parent || !comp_id || comp_level <= parent_level)
		return;
	add(parent, "component-above-parent", SEV_WARNING, "component-above-parent", "sdd", comp_id,
	    comp_level, parent_level);
}
