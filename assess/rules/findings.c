/*
 * findings.c - the findings of the annual review for one classified system.
 * Codes, severities and meanings: criteria/README-findings.md.
 */
#include "findings.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "criteria.h"
#include "finding_text.h"
#include "strmap.h"
#include "util.h"

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

/* The name of document id for people, as rs declares it (the id itself
 * when it does not). */
static void document_names(const struct ruleset *rs, const char *id, const char **vi,
                           const char **en)
{
	const struct legal_document *d = legal_document_find(rs->documents, rs->nr_documents, id);
	*vi = d ? d->vi : id;
	*en = d ? d->en : id;
}

/*
 * An approval under another rule set that ctx->rs keeps (Law 116 Art.
 * 45.1): a level that differs is information for the next
 * re-determination (rules-drift), and the measures of the rule set are due
 * by the kept approval's date (transition-measures, operating systems).
 */
static void kept_approval_findings(const struct findings_context *ctx,
                                   const struct system_record *rec, struct system_result *res,
                                   const struct kept_approval *kept)
{
	const struct ruleset *rs = ctx->rs;
	const char *appr_vi, *appr_en, *rs_vi, *rs_en;
	document_names(rs, kept->rules, &appr_vi, &appr_en);
	document_names(rs, rs->document ? rs->document : rs->id, &rs_vi, &rs_en);
	int computed = res->level ? res->level : res->level_low;
	if (computed && res->approved_level != computed && (res->level || res->drift == DRIFT_UNDER))
		add(res, "rules-drift", (enum severity)kept->severity, "rules-drift.kept", "ddssssssss",
		    res->approved_level, computed, res->level ? "exact" : "or-more", appr_vi, appr_en,
		    rs_vi, rs_en, kept->ref_vi ? kept->ref_vi : "", kept->ref_en ? kept->ref_en : "",
		    kept->rules);
	if (kept->measures_by && is_status(rec, "operating") && is_iso_date(ctx->run_date)) {
		long left = date_to_days(kept->measures_by) - date_to_days(ctx->run_date);
		add(res, "transition-measures",
		    (enum severity)(left < 0 ? kept->after_severity : kept->before_severity),
		    "transition-measures", "sssssssL", appr_vi, appr_en, rs_vi, rs_en, kept->measures_by,
		    kept->measures_ref_vi ? kept->measures_ref_vi : "",
		    kept->measures_ref_en ? kept->measures_ref_en : "", (long long)left);
	}
}

static void approval_findings(const struct findings_context *ctx,
                              const struct system_record *rec, struct system_result *res)
{
	const char *rules = rec->value[F_APPR_RULES] ? rec->value[F_APPR_RULES] : "?";
	const struct kept_approval *kept = NULL;
	if (ctx->rs && res->approved_level && rec->value[F_APPR_RULES] &&
	    strcmp(rec->value[F_APPR_RULES], ctx->rs->id))
		kept = ruleset_kept_approval(ctx->rs, rec->value[F_APPR_RULES]);
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
	if (kept) {
		kept_approval_findings(ctx, rec, res, kept);
		return;
	}
	if (res->drift == DRIFT_UNDER) {
		int computed = res->level ? res->level : res->level_low;
		add(res, "under-classified", SEV_CRITICAL,
		    res->level ? "under-classified" : "under-classified.or-more", "dsd",
		    res->approved_level, rules, computed);
	} else if (res->drift == DRIFT_OVER && res->level) {
		add(res, "over-classified", SEV_INFO, "over-classified", "dsd", res->approved_level,
		    rules, res->level);
	}
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

/* ---- owners' cadences -------------------------------------------------- */

struct owner_policy {
	struct inspection_policy at[6]; /* by level 1..5; months 0 = not set */
};

struct owner_policies {
	struct owner_policy *p;
	size_t n, alloc;
	struct strmap index;  /* owner id -> index into p */
};

struct owner_policies *owner_policies_new(void)
{
	struct owner_policies *op = xcalloc(1, sizeof(*op));
	strmap_init(&op->index);
	return op;
}

void owner_policies_add(struct owner_policies *op, const struct organization *org)
{
	size_t i;
	if (!op || !org || !org->id || !org->nr_policies || !org->role || strcmp(org->role, "owner"))
		return;
	if (!strmap_get(&op->index, org->id, &i)) {
		ALLOC_GROW(op->p, op->n + 1, op->alloc);
		i = op->n++;
		memset(&op->p[i], 0, sizeof(op->p[i]));
		strmap_put(&op->index, org->id, i, NULL);
	}
	for (size_t k = 0; k < org->nr_policies; k++) {
		const struct inspection_policy *ip = &org->policies[k];
		if (ip->level < 1 || ip->level > 5)
			continue;
		struct inspection_policy *at = &op->p[i].at[ip->level];
		free(at->decision);
		*at = *ip;
		at->decision = xstrdup_or_null(ip->decision);
	}
}

const struct inspection_policy *owner_policies_find(const struct owner_policies *op,
                                                    const char *owner, int level)
{
	size_t i;
	if (!op || !owner || level < 1 || level > 5 || !strmap_get(&op->index, owner, &i) ||
	    !op->p[i].at[level].months)
		return NULL;
	return &op->p[i].at[level];
}

void owner_policies_free(struct owner_policies *op)
{
	if (!op)
		return;
	for (size_t i = 0; i < op->n; i++)
		for (int l = 0; l <= 5; l++)
			free(op->p[i].at[l].decision);
	free(op->p);
	strmap_release(&op->index);
	free(op);
}

/* ---- inspections ------------------------------------------------------- */

/* How independent an inspection was (an unreadable value: not at all). */
static enum independence independence_of(const struct inspection *in)
{
	int v = independence_parse(in->independent);
	return v < 0 ? INDEP_NONE : (enum independence)v;
}

void findings_cadence(const struct findings_context *ctx, const struct system_record *rec,
                      int level, struct cadence *out)
{
	memset(out, 0, sizeof(*out));
	if (!ctx || !ctx->rs || !rec || level < 1 || level > 5)
		return;
	for (size_t i = 0; i < ctx->rs->nr_inspections; i++) {
		const struct inspection_rule *r = &ctx->rs->inspections[i];
		if ((r->level && r->level != level) ||
		    (r->conditional && classify_condition(&r->cond, rec) != TRI_YES))
			continue;
		out->rule = r;
		out->months = r->months;
		if (r->basis == CADENCE_POLICY) {
			const struct inspection_policy *p =
				owner_policies_find(ctx->policies, rec->value[F_OWNER], level);
			if (p) {
				out->months = p->months;
				out->decision = p->decision;
			}
		}
		return;
	}
}

/* The latest inspection of rec on or before the run date done at least as
 * independently as need, or NULL. */
static const char *latest_counting(const struct findings_context *ctx,
                                   const struct system_record *rec, enum independence need)
{
	const char *latest = NULL;
	for (size_t i = 0; i < rec->nr_inspections; i++) {
		const struct inspection *in = &rec->inspections[i];
		if (!is_iso_date(in->date) || strcmp(in->date, ctx->run_date) > 0 ||
		    independence_of(in) < need)
			continue;
		if (!latest || strcmp(in->date, latest) > 0)
			latest = in->date;
	}
	return latest;
}

static enum inspection_state state_of(const struct findings_context *ctx, const struct cadence *c,
                                      const char *latest, char next_due[11])
{
	next_due[0] = '\0';
	if (!c->rule || c->months <= 0)
		return INSP_NOT_REQUIRED;
	if (!latest)
		return INSP_NEVER;
	/* due after 9999-12-31: no due date, and not due before the run's date */
	if (date_add_months(latest, c->months, next_due) < 0)
		return INSP_OK;
	long left = date_to_days(next_due) - date_to_days(ctx->run_date);
	if (left < 0)
		return INSP_OVERDUE;
	if (left <= FINDINGS_DUE_SOON_DAYS)
		return INSP_DUE_SOON;
	return INSP_OK;
}

enum inspection_state findings_inspection(const struct findings_context *ctx,
                                          const struct system_record *rec, int level,
                                          char next_due[11], const char **last)
{
	struct cadence c;
	next_due[0] = '\0';
	if (last)
		*last = NULL;
	if (!ctx || !rec || !is_iso_date(ctx->run_date))
		return INSP_NOT_REQUIRED;
	findings_cadence(ctx, rec, level, &c);
	if (!c.rule)
		return INSP_NOT_REQUIRED;
	const char *latest = latest_counting(ctx, rec, c.rule->independent);
	if (last)
		*last = latest;
	return state_of(ctx, &c, latest, next_due);
}

static void inspection_findings(const struct findings_context *ctx,
                                const struct system_record *rec, struct system_result *res)
{
	int level = res->level ? res->level : res->approved_level;
	struct cadence c;
	const char *last = NULL;
	findings_cadence(ctx, rec, level, &c);
	res->inspection_known = 1;
	if (c.rule && is_iso_date(ctx->run_date))
		last = latest_counting(ctx, rec, c.rule->independent);
	enum inspection_state st = is_iso_date(ctx->run_date)
	                               ? state_of(ctx, &c, last, res->next_inspection_due)
	                               : INSP_NOT_REQUIRED;
	res->inspection_state = st;
	snprintf(res->last_inspection, sizeof(res->last_inspection), "%s", last ? last : "");
	if (c.rule) {
		res->inspection_months = c.months;
		res->inspection_counts = c.rule->independent;
		res->inspection_basis = c.rule->basis;
		res->inspection_article = xstrdup_or_null(c.rule->article);
		res->inspection_policy = xstrdup_or_null(c.decision);
	}
	if (!is_status(rec, "operating") || st == INSP_NOT_REQUIRED || st == INSP_OK)
		return;
	const char *basis = cadence_basis_name(c.rule->basis);
	const char *decision = c.decision ? c.decision : "";
	const char *note_vi = c.rule->ref_vi ? c.rule->ref_vi : "";
	const char *note_en = c.rule->ref_en ? c.rule->ref_en : "";
	enum severity sev = (enum severity)c.rule->severity;
	if (st == INSP_OVERDUE) {
		add(res, "inspection-overdue", sev, "inspection-overdue.dated", "ssddssss", last,
		    res->next_inspection_due, c.months, level, basis, decision, note_vi, note_en);
	} else if (st == INSP_DUE_SOON) {
		long left = date_to_days(res->next_inspection_due) - date_to_days(ctx->run_date);
		add(res, "inspection-due-soon", SEV_INFO, "inspection-due-soon.dated", "sLsddssss",
		    res->next_inspection_due, (long long)left, last, c.months, level, basis, decision,
		    note_vi, note_en);
	} else {
		long long others = 0;
		for (size_t i = 0; i < rec->nr_inspections; i++)
			if (independence_of(&rec->inspections[i]) < c.rule->independent)
				others++;
		add(res, "never-inspected", sev, "never-inspected.dated", "ddssssLs", level, c.months,
		    basis, decision, note_vi, note_en, others,
		    independence_name(c.rule->independent));
	}
}

/* The licensed-inspection rules (<licensed-inspection>) of the rule set:
 * one finding for the first that applies when no licensed inspection was
 * done on or before the run date. */
static void licensed_findings(const struct findings_context *ctx,
                              const struct system_record *rec, struct system_result *res)
{
	if (!ctx->rs || is_status(rec, "retired"))
		return;
	for (size_t i = 0; i < ctx->rs->nr_licensed; i++) {
		const struct licensed_rule *r = &ctx->rs->licensed[i];
		if ((r->level && r->level != res->level) ||
		    (r->conditional && classify_condition(&r->cond, rec) != TRI_YES))
			continue;
		if (latest_counting(ctx, rec, INDEP_LICENSED))
			return;
		add(res, "level5-without-independent-inspection", (enum severity)r->severity,
		    "level5-without-independent-inspection.rule", "ssss", r->text_vi, r->text_en,
		    r->ref_vi ? r->ref_vi : "", r->ref_en ? r->ref_en : "");
		return;
	}
}

/* ---- hosting ------------------------------------------------------------ */

/* The separation the rule set asks of rec when hosted in a rented data
 * centre or cloud: the first <hosting> rule for the level whose condition
 * holds. */
static void hosting_separation(const struct findings_context *ctx,
                               const struct system_record *rec, struct system_result *res)
{
	int level = res->level ? res->level : res->approved_level;
	for (size_t i = 0; ctx->rs && level && i < ctx->rs->nr_hosting; i++) {
		const struct hosting_rule *h = &ctx->rs->hosting[i];
		if ((h->level && h->level != level) ||
		    (h->conditional && classify_condition(&h->cond, rec) != TRI_YES))
			continue;
		res->hosting_separation = xstrdup(h->physical ? "physical" : "logical");
		res->hosting_article = xstrdup_or_null(h->article);
		return;
	}
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
	requirements_count(ctx->catalogue, rec, ctx->rs ? ctx->rs->id : NULL, res->level,
	                   held_clause_ids, nr_held, ctx->run_date, &res->requirements);

	approval_findings(ctx, rec, res);
	classification_findings(rec, res);
	testing_findings(rec, res);
	plan_findings(rec, res);
	inspection_findings(ctx, rec, res);
	licensed_findings(ctx, rec, res);
	hosting_separation(ctx, rec, res);
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
