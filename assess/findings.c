/*
 * findings.c - the findings of the annual review for one classified system.
 * Codes, severities and meanings: criteria/README-findings.md.
 */
#include "findings.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const inspection_state_names[] = {"not-required", "ok", "due-soon",
                                                     "overdue", "never"};

const char *inspection_state_name(enum inspection_state st)
{
	return (unsigned)st < ARRAY_SIZE(inspection_state_names) ? inspection_state_names[st]
	                                                         : "?";
}

/* A formatted text, heap-allocated: one vsnprintf into a stack buffer for
 * the usual sentence, a second one only for a longer text. */
static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, f);
	int n = vsnprintf(small, sizeof(small), f, ap);
	va_end(ap);
	if (n < 0)
		return xstrdup("");
	char *buf = xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof(small)) {
		memcpy(buf, small, (size_t)n + 1);
		return buf;
	}
	va_start(ap, f);
	vsnprintf(buf, (size_t)n + 1, f, ap);
	va_end(ap);
	return buf;
}

/* Add a finding whose texts were built by fmt(): the result takes them over. */
static void add(struct system_result *res, const char *code, enum severity sev, char *vi,
                char *en)
{
	result_take_finding(res, code, sev, vi, en);
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
			add(res, "unapproved-in-operation", SEV_CRITICAL,
			    fmt("Hệ thống đang vận hành nhưng chưa có hồ sơ đề xuất cấp độ được phê duyệt "
			        "(cấp độ xác định: %d); hệ thống chưa bảo đảm an toàn không được đưa vào sử dụng.",
			        res->level),
			    fmt("The system is in operation without an approved level dossier (computed "
			        "level: %d); a system that is not yet secured must not be put into use.",
			        res->level));
		else
			add(res, "unapproved-in-operation", SEV_CRITICAL,
			    fmt("Hệ thống đang vận hành nhưng chưa có hồ sơ đề xuất cấp độ được phê duyệt "
			        "(chưa xác định được cấp độ); hệ thống chưa bảo đảm an toàn không được đưa vào sử dụng."),
			    fmt("The system is in operation without an approved level dossier (level not "
			        "determined); a system that is not yet secured must not be put into use."));
	}
	if ((is_status(rec, "testing") || is_status(rec, "building")) && !res->approved_level)
		add(res, "approval-before-go-live", SEV_INFO,
		    fmt("Hệ thống chưa có cấp độ được phê duyệt: phải phê duyệt cấp độ và triển khai "
		        "phương án bảo đảm an toàn trước khi đưa vào vận hành."),
		    fmt("The system has no approved level yet: the level must be approved and the "
		        "security plan implemented before go-live."));
	if (res->drift == DRIFT_UNDER) {
		int computed = res->level ? res->level : res->level_low;
		add(res, "under-classified", SEV_CRITICAL,
		    fmt("Cấp độ đã phê duyệt (%d, theo %s) thấp hơn cấp độ xác định (%d%s): phải "
		        "xác định lại cấp độ.",
		        res->approved_level, rules, computed, res->level ? "" : " trở lên"),
		    fmt("The approved level (%d, under %s) is below the computed level (%d%s): the "
		        "level must be re-determined.",
		        res->approved_level, rules, computed, res->level ? "" : " or more"));
	} else if (res->drift == DRIFT_OVER && res->level) {
		add(res, "over-classified", SEV_INFO,
		    fmt("Cấp độ đã phê duyệt (%d, theo %s) cao hơn cấp độ xác định (%d).",
		        res->approved_level, rules, res->level),
		    fmt("The approved level (%d, under %s) is above the computed level (%d).",
		        res->approved_level, rules, res->level));
	}
	if (ctx->rules && !strcmp(ctx->rules, "ND331") && res->approved_level && res->level &&
	    rec->value[F_APPR_RULES] && !strcmp(rec->value[F_APPR_RULES], "ND85") &&
	    res->approved_level != res->level)
		add(res, "rules-drift", SEV_WARNING,
		    fmt("Cấp độ %d được phê duyệt theo Nghị định 85/2016/NĐ-CP; theo Nghị định "
		        "331/2026/NĐ-CP hệ thống thuộc cấp độ %d.",
		        res->approved_level, res->level),
		    fmt("Level %d was approved under Decree 85/2016/ND-CP; under Decree 331/2026/ND-CP "
		        "the system is at level %d.",
		        res->approved_level, res->level));
}

/* ---- plan and regulation ------------------------------------------------ */

static void plan_findings(const struct system_record *rec, struct system_result *res)
{
	if (!is_status(rec, "operating"))
		return;
	const char *plan = rec->value[F_PLAN_STATUS];
	if (plan && !strcmp(plan, "partial"))
		add(res, "plan-not-implemented", SEV_WARNING,
		    fmt("Hệ thống đang vận hành nhưng phương án bảo đảm an toàn mới được triển khai một phần."),
		    fmt("The system is in operation but its security plan is only partly implemented."));
	else if (plan && !strcmp(plan, "none"))
		add(res, "plan-not-implemented", SEV_WARNING,
		    fmt("Hệ thống đang vận hành nhưng phương án bảo đảm an toàn chưa được triển khai."),
		    fmt("The system is in operation but its security plan is not implemented."));
	else if (!plan || strcmp(plan, "full"))
		add(res, "plan-unknown", SEV_INFO,
		    fmt("Chưa khai báo tình trạng triển khai phương án bảo đảm an toàn của hệ thống đang vận hành."),
		    fmt("The implementation status of the security plan of this operating system is not stated."));
	if (!rec->value[F_REG_DECISION])
		add(res, "no-regulation", SEV_WARNING,
		    fmt("Hệ thống đang vận hành nhưng chưa ban hành quy chế bảo đảm an toàn."),
		    fmt("The system is in operation without an issued security regulation."));
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
	date_add_months(latest, ctx->interval_months[level], next_due);
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
		    fmt("Quá hạn kiểm tra, đánh giá định kỳ: lần kiểm tra được tính gần nhất ngày %s, "
		        "chu kỳ %d tháng ở cấp độ %d, đã đến hạn ngày %s.",
		        last, months, level, res->next_inspection_due),
		    fmt("Periodic inspection overdue: last counting inspection on %s, every %d months "
		        "at level %d, due on %s.",
		        last, months, level, res->next_inspection_due));
		break;
	case INSP_DUE_SOON: {
		long left = date_to_days(res->next_inspection_due) - date_to_days(ctx->run_date);
		add(res, "inspection-due-soon", SEV_INFO,
		    fmt("Sắp đến hạn kiểm tra, đánh giá định kỳ: đến hạn ngày %s (còn %ld ngày).",
		        res->next_inspection_due, left),
		    fmt("Periodic inspection due soon: due on %s (%ld days left).",
		        res->next_inspection_due, left));
		break;
	}
	case INSP_NEVER: {
		size_t others = 0;
		for (size_t i = 0; i < rec->nr_inspections; i++)
			if (!inspection_is_independent(&rec->inspections[i]))
				others++;
		int need = ctx->independent_from > 0 && level >= ctx->independent_from;
		char *vi_extra = !need ? xstrdup("")
		                 : others ? fmt("; từ cấp độ %d phải do tổ chức chuyên nghiệp, độc lập "
		                                "thực hiện (không tính %zu lần kiểm tra không độc lập)",
		                                ctx->independent_from, others)
		                          : fmt("; từ cấp độ %d phải do tổ chức chuyên nghiệp, độc lập "
		                                "thực hiện", ctx->independent_from);
		char *en_extra = !need ? xstrdup("")
		                 : others ? fmt("; from level %d it must be done by an independent "
		                                "professional organisation (non-independent inspections "
		                                "not counted: %zu)",
		                                ctx->independent_from, others)
		                          : fmt("; from level %d it must be done by an independent "
		                                "professional organisation", ctx->independent_from);
		add(res, "never-inspected", level >= 3 ? SEV_WARNING : SEV_INFO,
		    fmt("Chưa có lần kiểm tra, đánh giá nào được tính cho cấp độ %d (chu kỳ %d tháng)%s.",
		        level, months, vi_extra),
		    fmt("No inspection counts for level %d (every %d months)%s.", level, months,
		        en_extra));
		free(vi_extra);
		free(en_extra);
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
	const char *vi = res->level == 5 ? "Hệ thống cấp độ 5"
	                                 : "Hệ thống thuộc danh mục an ninh quốc gia";
	const char *en = res->level == 5 ? "A level-5 system" : "A system on the national-security list";
	add(res, "level5-without-independent-inspection", SEV_CRITICAL,
	    fmt("%s chưa được tổ chức chuyên nghiệp, độc lập kiểm tra, đánh giá.", vi),
	    fmt("%s has not been inspected by an independent professional organisation.", en));
}

/* ---- secrets in testing ------------------------------------------------ */

static void testing_findings(const struct system_record *rec, struct system_result *res)
{
	int testing = is_status(rec, "testing");
	if (!testing && !is_status(rec, "building"))
		return;
	static const struct {
		const char *word, *vi, *en;
	} classes[] = {{"mat", "Mật", "Mật (confidential)"},
	               {"toi-mat", "Tối mật", "Tối mật (secret)"},
	               {"tuyet-mat", "Tuyệt mật", "Tuyệt mật (top secret)"}};
	const char *secret = rec->value[F_INFO_SECRET];
	long long sensitive = fact_count(rec, F_DS_SENSITIVE);
	struct strbuf vi, en;
	strbuf_init(&vi);
	strbuf_init(&en);
	for (size_t i = 0; secret && i < ARRAY_SIZE(classes); i++)
		if (!strcmp(secret, classes[i].word)) {
			strbuf_addf(&vi, "bí mật nhà nước độ %s", classes[i].vi);
			strbuf_addf(&en, "state secrets of class %s", classes[i].en);
		}
	if (sensitive > 0) {
		strbuf_addf(&vi, "%sdữ liệu cá nhân nhạy cảm của %lld chủ thể", vi.len ? " và " : "",
		            sensitive);
		strbuf_addf(&en, "%ssensitive personal data of %lld subjects", en.len ? " and " : "",
		            sensitive);
	}
	if (vi.len)
		add(res, "secrets-in-testing", SEV_CRITICAL,
		    fmt("Hệ thống đang trong giai đoạn %s nhưng đã xử lý %s: không được để lộ, lọt "
		        "bí mật, dữ liệu nhạy cảm kể cả khi thử nghiệm (Chỉ thị 57).",
		        testing ? "thử nghiệm" : "xây dựng", vi.buf),
		    fmt("The system is still %s but processes %s: secrets and sensitive data must not "
		        "leak, not even during testing (Directive 57).",
		        testing ? "in testing" : "being built", en.buf));
	strbuf_release(&vi);
	strbuf_release(&en);
}

/* ---- four-layer model --------------------------------------------------- */

static const struct {
	enum fact_id fact;
	const char *vi, *en;
} layer_defs[4] = {
	{F_PROT_ONSITE, "1 (lực lượng tại chỗ)", "1 (on-site security force)"},
	{F_PROT_PROVIDER, "2 (tổ chức chuyên nghiệp giám sát, bảo vệ)",
	 "2 (professional monitoring and protection provider)"},
	{F_PROT_AUDIT, "3 (kiểm tra, đánh giá độc lập định kỳ)",
	 "3 (periodic independent inspection and assessment)"},
	{F_PROT_MONITOR, "4 (kết nối, chia sẻ thông tin với hệ thống giám sát quốc gia)",
	 "4 (connection to the national cyberspace monitoring system)"},
};

static void layer_list(int bits, struct strbuf *vi, struct strbuf *en)
{
	for (int i = 0; i < 4; i++)
		if (bits & (1 << i)) {
			strbuf_addf(vi, "%s%s", vi->len ? ", " : "", layer_defs[i].vi);
			strbuf_addf(en, "%s%s", en->len ? ", " : "", layer_defs[i].en);
		}
}

static void layer_findings(const struct system_record *rec, struct system_result *res)
{
	int missing = 0;
	res->layers = 0;
	res->layers_unknown = 0;
	for (int i = 0; i < 4; i++) {
		enum tri t = fact_tri(rec, layer_defs[i].fact);
		if (t == TRI_YES)
			res->layers |= 1 << i;
		else if (t == TRI_NO)
			missing |= 1 << i;
		else
			res->layers_unknown |= 1 << i;
	}
	if (!is_status(rec, "operating"))
		return;
	struct strbuf vi, en, uvi, uen;
	strbuf_init(&vi);
	strbuf_init(&en);
	strbuf_init(&uvi);
	strbuf_init(&uen);
	layer_list(missing, &vi, &en);
	layer_list(res->layers_unknown, &uvi, &uen);
	if (missing)
		add(res, "four-layer-gap", SEV_WARNING,
		    fmt("Chưa đủ mô hình bảo vệ 4 lớp: thiếu lớp %s%s%s.", vi.buf,
		        uvi.len ? "; chưa khai báo lớp " : "", uvi.buf),
		    fmt("The four-layer protection model is incomplete: missing layer %s%s%s.", en.buf,
		        uen.len ? "; not stated: layer " : "", uen.buf));
	else if (res->layers_unknown)
		add(res, "four-layer-unknown", SEV_INFO,
		    fmt("Chưa khai báo đủ mô hình bảo vệ 4 lớp: chưa rõ lớp %s.", uvi.buf),
		    fmt("The four-layer protection model is not fully stated: unknown layer %s.",
		        uen.buf));
	strbuf_release(&vi);
	strbuf_release(&en);
	strbuf_release(&uvi);
	strbuf_release(&uen);
}

/* ---- classification notes, scope, waivers ------------------------------- */

static void classification_findings(const struct system_record *rec, struct system_result *res)
{
	if (!res->level || !res->determined)
		add(res, "undetermined", SEV_WARNING,
		    fmt("Chưa xác định được cấp độ: %s.",
		        res->reason_vi ? res->reason_vi : res->reason ? res->reason : "thiếu thông tin"),
		    fmt("The level could not be determined: %s.",
		        res->reason ? res->reason : "facts are missing"));
	if (res->near_threshold)
		add(res, "near-threshold", SEV_INFO,
		    fmt("Giá trị gần ngưỡng (%s): có thể phải xác định lại cấp độ.", res->near_threshold),
		    fmt("A value is near a threshold (%s): re-determination is likely.",
		        res->near_threshold));
	if (rec->value[F_SCOPE] && !strcmp(rec->value[F_SCOPE], "national") &&
	    fact_tri(rec, F_ALWAYS_ON) == TRI_NO)
		add(res, "national-without-24x7", SEV_INFO,
		    fmt("Hệ thống phạm vi quốc gia được khai báo không phải vận hành 24/7: cần xác nhận "
		        "yêu cầu này (nếu phải vận hành 24/7, hệ thống thuộc cấp độ 4)."),
		    fmt("A national-scope system is declared as not required to run 24/7: confirm this "
		        "(if it must run 24/7, the system is at level 4)."));
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
		add(res, "waiver-expired", SEV_WARNING,
		    fmt("Miễn trừ yêu cầu %s đã hết hạn ngày %s: yêu cầu được tính là chưa đáp ứng.",
		        w->ref, w->until),
		    fmt("The waiver for requirement %s ended on %s: the requirement counts as not met.",
		        w->ref, w->until));
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
	add(parent, "component-above-parent", SEV_WARNING,
	    fmt("Thành phần %s có cấp độ %d, cao hơn cấp độ %d của hệ thống: hệ thống phải lấy cấp "
	        "độ cao nhất của các thành phần.",
	        comp_id, comp_level, parent_level),
	    fmt("Component %s is at level %d, above the system's level %d: a system takes the "
	        "highest level of its components.",
	        comp_id, comp_level, parent_level));
}
