/* Unit tests of findings.c: records by hand and from the An Hòa inventory. */
#include <stdlib.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "criteria.h"
#include "finding_text.h"
#include "findings.h"
#include "harness.h"
#include "requirements.h"
#include "util.h"
#include "xmlio.h"

#define CATALOGUE "../../criteria/requirements.xml"
#define SCHEMA "../../criteria/schema/requirements.rng"
#define AN_HOA "../fixtures/shared/inventory-an-hoa.xml"
#define EXPECTED "../fixtures/shared/expected.tsv"
#define RUN_DATE "2026-11-21"

/* The shipped rule sets, loaded once (their cadences, licensed-inspection
 * rules, kept approvals), freed at exit. */
static struct ruleset *shipped[3];

static const struct ruleset *shipped_rules(int which)
{
	static const char *const files[] = {"../../criteria/nd85.xml", "../../criteria/nd331.xml",
	                                    "../fixtures/criteria/logic.xml"};
	if (!shipped[which] && criteria_load(files[which], &shipped[which]) < 0)
		harness_fail(__FILE__, __LINE__, "cannot load %s", files[which]);
	return shipped[which];
}

__attribute__((destructor)) static void free_shipped(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(shipped); i++)
		ruleset_free(shipped[i]);
}

/* ND85 cadence (Art. 20.2c): levels 1-2 a reminder every 24 months, levels
 * 3 and 4 yearly, level 5 every 6 months, licensed from level 3. */
static struct findings_context nd85_ctx(const struct requirement_catalogue *cat)
{
	struct findings_context ctx = {shipped_rules(0), RUN_DATE, NULL, cat};
	return ctx;
}

/* ---- records ------------------------------------------------------------ */

static void add_inspection(struct system_record *rec, const char *date, const char *independent)
{
	ALLOC_GROW(rec->inspections, rec->nr_inspections + 1, rec->alloc_inspections);
	struct inspection *in = &rec->inspections[rec->nr_inspections++];
	memset(in, 0, sizeof(*in));
	in->date = xstrdup(date);
	in->kind = xstrdup("periodic");
	in->independent = xstrdup_or_null(independent);
	in->findings = -1;
}

static void add_waiver(struct system_record *rec, const char *ref, const char *until)
{
	ALLOC_GROW(rec->waivers, rec->nr_waivers + 1, rec->alloc_waivers);
	struct waiver *w = &rec->waivers[rec->nr_waivers++];
	memset(w, 0, sizeof(*w));
	w->ref = xstrdup(ref);
	w->reason = xstrdup("test");
	w->approved_by = xstrdup("test");
	w->until = xstrdup(until);
}

static void add_control(struct system_record *rec, const char *ref, const char *status)
{
	ALLOC_GROW(rec->controls, rec->nr_controls + 1, rec->alloc_controls);
	struct control *c = &rec->controls[rec->nr_controls++];
	memset(c, 0, sizeof(*c));
	c->ref = xstrdup(ref);
	c->status = xstrdup(status);
}

static char *prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

/* Set fact "elem.attr" (or "elem" for text) unless the value is unknown. */
static void set_named(struct system_record *rec, const char *name, const char *value)
{
	int id = fact_lookup(name);
	if (id >= 0 && value && strcmp(value, "unknown"))
		system_record_set(rec, (enum fact_id)id, value);
}

/*
 * A small reader of the shared An Hòa fixture, for these tests only (the
 * real reader is inventory.h): every attribute "a" of a child element "e"
 * of <system> is the fact "e.a"; text children are the fact of their name.
 */
static void read_system(xmlNodePtr sys, struct system_record *rec)
{
	static const char *const top[] = {"id", "owner", "operator", "status"};
	system_record_init(rec);
	for (size_t i = 0; i < ARRAY_SIZE(top); i++) {
		char *v = prop(sys, top[i]);
		set_named(rec, top[i], v);
		free(v);
	}
	for (xmlNodePtr e = sys->children; e; e = e->next) {
		if (e->type != XML_ELEMENT_NODE)
			continue;
		const char *el = (const char *)e->name;
		if (!strcmp(el, "inspection")) {
			char *d = prop(e, "date"), *ind = prop(e, "independent");
			add_inspection(rec, d, ind);
			free(d);
			free(ind);
			continue;
		}
		if (!strcmp(el, "controls")) {
			for (xmlNodePtr c = e->children; c; c = c->next) {
				if (c->type != XML_ELEMENT_NODE)
					continue;
				char *ref = prop(c, "ref");
				if (!strcmp((const char *)c->name, "control")) {
					char *st = prop(c, "status");
					add_control(rec, ref, st);
					free(st);
				} else {
					char *until = prop(c, "until");
					add_waiver(rec, ref, until);
					free(until);
				}
				free(ref);
			}
			continue;
		}
		if (!strcmp(el, "components"))
			continue;
		if (!e->properties) {
			xmlChar *t = xmlNodeGetContent(e);
			if (!strcmp(el, "type") && rec->value[F_TYPE]) {
				struct strbuf sb;
				strbuf_init(&sb);
				strbuf_addf(&sb, "%s %s", rec->value[F_TYPE], (const char *)t);
				system_record_set(rec, F_TYPE, sb.buf);
				strbuf_release(&sb);
			} else {
				set_named(rec, el, (const char *)t);
			}
			xmlFree(t);
			continue;
		}
		if (!strcmp(el, "service"))
			system_record_set(rec, F_SVC_PRESENT, "yes");
		for (xmlAttrPtr a = e->properties; a; a = a->next) {
			char name[128], *v = prop(e, (const char *)a->name);
			snprintf(name, sizeof(name), "%s.%s", el, (const char *)a->name);
			set_named(rec, name, v);
			free(v);
		}
	}
}

/* The An Hòa systems and their ND85 verdicts from expected.tsv. */
struct an_hoa {
	struct system_record rec[16];
	struct system_result res[16];
	char *held[16][8];
	size_t nr_held[16];
	size_t n;
};

static void read_expected(struct an_hoa *ah, const char *id, size_t k)
{
	FILE *f = fopen(EXPECTED, "r");
	char line[512];
	CHECK(f != NULL);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *fields[6], *save = NULL, *p = line;
		int nf = 0;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#')
			continue;
		for (char *t; nf < 6 && (t = strtok_r(p, "\t", &save)); p = NULL)
			fields[nf++] = t;
		if (nf < 6 || strcmp(fields[0], "an-hoa") || strcmp(fields[2], "ND85") ||
		    strcmp(fields[3], id))
			continue;
		struct system_result *res = &ah->res[k];
		if (strcmp(fields[4], "undetermined")) {
			res->level = atoi(fields[4]);
			res->determined = 1;
			res->level_low = res->level_high = res->level;
		} else {
			res->reason = xstrdup("type 'other' is not covered by any ND85 clause");
		}
		if (strcmp(fields[5], "-"))
			for (char *t, *s2 = NULL, *q = fields[5];
			     ah->nr_held[k] < 8 && (t = strtok_r(q, ",", &s2)); q = NULL)
				ah->held[k][ah->nr_held[k]++] = xstrdup(t);
	}
	fclose(f);
}

static int load_an_hoa(struct an_hoa *ah, const struct findings_context *ctx)
{
	memset(ah, 0, sizeof(*ah));
	xmlDocPtr doc = xmlio_read_doc(AN_HOA, "an inventory");
	CHECK(doc != NULL);
	if (!doc)
		return -1;
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n && ah->n < 16; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "system"))
			continue;
		size_t k = ah->n++;
		read_system(n, &ah->rec[k]);
		system_result_init(&ah->res[k], ah->rec[k].value[F_ID]);
		read_expected(ah, ah->rec[k].value[F_ID], k);
		/* what the engine says for the user count of ah-dat-lich (domain.md 3.3.6) */
		if (!strcmp(ah->rec[k].value[F_ID], "ah-dat-lich"))
			ah->res[k].near_threshold = xstrdup("data-subjects.users = 9,600 (threshold 10,000)");
		findings_evaluate(ctx, &ah->rec[k], (const char *const *)ah->held[k], ah->nr_held[k],
		                  &ah->res[k]);
		result_fill_finding_texts(&ah->res[k]);
	}
	xmlFreeDoc(doc);
	return 0;
}

static void free_an_hoa(struct an_hoa *ah)
{
	for (size_t k = 0; k < ah->n; k++) {
		system_record_release(&ah->rec[k]);
		system_result_release(&ah->res[k]);
		for (size_t i = 0; i < ah->nr_held[k]; i++)
			free(ah->held[k][i]);
	}
}

static const struct system_result *result_of(const struct an_hoa *ah, const char *id)
{
	for (size_t k = 0; k < ah->n; k++)
		if (!strcmp(ah->res[k].system_id, id))
			return &ah->res[k];
	return NULL;
}

static const struct finding *finding(const struct system_result *res, const char *code)
{
	for (size_t i = 0; res && i < res->nr_findings; i++)
		if (!strcmp(res->findings[i].code, code))
			return &res->findings[i];
	return NULL;
}

static int count_severity(const struct system_result *res, enum severity sev)
{
	int n = 0;
	for (size_t i = 0; res && i < res->nr_findings; i++)
		n += res->findings[i].severity == sev;
	return n;
}

static int count_code(const struct system_result *res, const char *code)
{
	int n = 0;
	for (size_t i = 0; res && i < res->nr_findings; i++)
		n += !strcmp(res->findings[i].code, code);
	return n;
}

/* ---- the An Hòa example ------------------------------------------------- */

TEST(findings_an_hoa_nd85)
{
	struct requirement_catalogue *cat = requirements_load(CATALOGUE, SCHEMA);
	CHECK(cat != NULL);
	struct findings_context ctx = nd85_ctx(cat);
	struct an_hoa ah;
	if (load_an_hoa(&ah, &ctx) < 0) {
		requirements_free(cat);
		return;
	}
	CHECK_INT(ah.n, 9);
	const struct system_result *r;
	const struct finding *f;

	/* approved 2 under ND85, computed 3: re-determination */
	r = result_of(&ah, "ah-qlvb");
	CHECK(r && r->level == 3);
	CHECK_INT(r->approved_level, 2);
	CHECK_STR(drift_name(r->drift), "under");
	f = finding(r, "under-classified");
	CHECK(f && f->severity == SEV_CRITICAL);
	if (f) {
		CHECK_CONTAINS(f->text_vi, "Cấp độ đã phê duyệt (2, theo Nghị định số 85/2016/NĐ-CP) thấp hơn cấp độ xác định (3)");
		CHECK_CONTAINS(f->text_en, "approved level (2, under Decree 85/2016/ND-CP) is below the computed level (3)");
	}
	/* its one inspection was not independent: it does not count at level 3 */
	f = finding(r, "never-inspected");
	CHECK(f && f->severity == SEV_WARNING);
	if (f)
		CHECK_CONTAINS(f->text_en, "only an inspection by a licensed, state or designated "
		                           "organisation counts (other inspections not counted: 1).");
	CHECK(finding(r, "no-regulation") != NULL);
	CHECK_STR(r->next_inspection_due, "");
	f = finding(r, "four-layer-gap");
	CHECK(f != NULL);
	if (f) {
		CHECK_CONTAINS(f->text_en, "missing layer 2 (professional monitoring");
		CHECK_CONTAINS(f->text_en, "3 (periodic independent");
		CHECK(!strstr(f->text_en, "1 (on-site"));
		CHECK_CONTAINS(f->text_vi, "thiếu lớp 2 (tổ chức chuyên nghiệp giám sát, bảo vệ)");
	}

	/* in operation without approval */
	static const char *const unapproved[] = {"ah-lan-vp", "ah-scada-nuoc"};
	for (size_t i = 0; i < ARRAY_SIZE(unapproved); i++) {
		r = result_of(&ah, unapproved[i]);
		f = finding(r, "unapproved-in-operation");
		CHECK(f && f->severity == SEV_CRITICAL);
		CHECK(r && r->drift == DRIFT_UNAPPROVED && r->approved_level == 0);
		if (f)
			CHECK_CONTAINS(f->text_vi, "chưa có hồ sơ đề xuất cấp độ được phê duyệt");
	}
	r = result_of(&ah, "ah-scada-nuoc");
	f = finding(r, "unapproved-in-operation");
	if (f)
		CHECK_CONTAINS(f->text_en, "computed level: 3");

	/* last licensed inspection 2023-05-12 + 12 months (level 3 yearly) */
	r = result_of(&ah, "ah-tthc");
	f = finding(r, "inspection-overdue");
	CHECK(f && f->severity == SEV_WARNING);
	CHECK_STR(r ? r->next_inspection_due : NULL, "2024-05-12");
	if (f) {
		CHECK_CONTAINS(f->text_en, "last counting inspection on 2023-05-12");
		CHECK_CONTAINS(f->text_vi, "hạn kiểm tra tiếp theo ngày 12/05/2024 đã qua");
	}
	CHECK(finding(r, "plan-not-implemented") != NULL);
	CHECK_INT(count_severity(r, SEV_CRITICAL), 0);
	CHECK(finding(r, "four-layer-gap") == NULL);
	CHECK_STR(drift_name(r->drift), "none");
	/* counts: see test_requirements.c (61 at level 3 by 9.2a + 9.2c, in a
	 * rented data centre) */
	CHECK_INT(r->requirements.applicable, 61);
	CHECK_INT(r->requirements.met, 2);
	CHECK_INT(r->requirements.partial, 2);
	CHECK_INT(r->requirements.waived, 1);
	CHECK_INT(r->requirements.unknown, 56);
	CHECK_INT(r->layers, 0xf);
	CHECK_INT(r->layers_unknown, 0);

	/* sensitive data of 9600 subjects while testing; near the user threshold */
	r = result_of(&ah, "ah-dat-lich");
	f = finding(r, "secrets-in-testing");
	CHECK(f && f->severity == SEV_CRITICAL);
	if (f) {
		CHECK_CONTAINS(f->text_vi, "dữ liệu cá nhân nhạy cảm của 9.600 chủ thể");
		CHECK_CONTAINS(f->text_en, "sensitive personal data of 9,600 subjects");
		CHECK(!strstr(f->text_en, "state secrets"));
	}
	f = finding(r, "near-threshold");
	CHECK(f && f->severity == SEV_INFO);
	if (f)
		CHECK_CONTAINS(f->text_en, "data-subjects.users = 9,600 (threshold 10,000)");
	CHECK(finding(r, "unapproved-in-operation") == NULL);
	CHECK(finding(r, "approval-before-go-live") != NULL);
	CHECK(finding(r, "never-inspected") == NULL);
	CHECK(finding(r, "four-layer-gap") == NULL);
	CHECK_INT(r ? r->layers_unknown : 0, 0xf);

	/* everything in order but the yearly inspection: 2025-09-15 + 12 months */
	r = result_of(&ah, "ah-ttdl");
	CHECK(r != NULL);
	CHECK_INT(count_severity(r, SEV_CRITICAL), 0);
	CHECK_INT(r ? r->nr_findings : 99, 1);
	CHECK(finding(r, "inspection-overdue") != NULL);
	CHECK_STR(r ? r->next_inspection_due : NULL, "2026-09-15");

	/* level 3, last inspected 2024-12-01: yearly under Decree 85 Art. 20.2c,
	 * overdue since 2025-12-01, both dates in the finding */
	r = result_of(&ah, "ah-mat");
	f = finding(r, "inspection-overdue");
	CHECK(f && f->severity == SEV_WARNING);
	CHECK(finding(r, "inspection-due-soon") == NULL);
	if (f) {
		CHECK_CONTAINS(f->text_en, "last counting inspection on 2024-12-01; the next one was "
		                           "due on 2025-12-01");
		CHECK_CONTAINS(f->text_vi, "lần kiểm tra được tính gần nhất ngày 01/12/2024; hạn kiểm "
		                           "tra tiếp theo ngày 01/12/2025 đã qua");
	}

	r = result_of(&ah, "ah-kho-dl");
	f = finding(r, "undetermined");
	CHECK(f && f->severity == SEV_WARNING);
	if (f)
		CHECK_CONTAINS(f->text_en, "type 'other' is not covered");
	CHECK_INT(r ? r->requirements.applicable : -1, 0);

	/* level 2: no inspection at all is only a reminder */
	r = result_of(&ah, "ah-cong-dvc");
	f = finding(r, "never-inspected");
	CHECK(f && f->severity == SEV_INFO);
	f = finding(r, "four-layer-gap");
	CHECK(f != NULL);
	if (f)
		CHECK_CONTAINS(f->text_en, "missing layer 3 (periodic independent inspection and assessment).");
	free_an_hoa(&ah);
	requirements_free(cat);
}

/* ---- records by hand ---------------------------------------------------- */

static void operating(struct system_record *rec, const char *approved)
{
	system_record_init(rec);
	system_record_set(rec, F_ID, "x");
	system_record_set(rec, F_NAME, "Hệ thống thử");
	system_record_set(rec, F_STATUS, "operating");
	system_record_set(rec, F_PLAN_STATUS, "full");
	system_record_set(rec, F_REG_DECISION, "1/QĐ-X");
	system_record_set(rec, F_APPR_LEVEL, approved);
	system_record_set(rec, F_APPR_RULES, approved ? "ND85" : NULL);
	system_record_set(rec, F_PROT_ONSITE, "yes");
	system_record_set(rec, F_PROT_PROVIDER, "yes");
	system_record_set(rec, F_PROT_AUDIT, "yes");
	system_record_set(rec, F_PROT_MONITOR, "yes");
}

static void evaluate(const struct findings_context *ctx, const struct system_record *rec,
                     int level, struct system_result *res)
{
	system_result_init(res, "x");
	res->level = res->level_low = res->level_high = level;
	res->determined = level > 0;
	findings_evaluate(ctx, rec, NULL, 0, res);
	result_fill_finding_texts(res);
}

TEST(findings_inspection_cadence_boundaries)
{
	struct findings_context ctx = nd85_ctx(NULL);
	struct system_record rec;
	struct system_result res;
	char due[11];
	const char *last;

	/* level 3, yearly (Decree 85 Art. 20.2c: "Định kỳ hàng năm ... đối với
	 * các hệ thống cấp độ 3 và cấp độ 4"); due exactly 60 days after the
	 * run date: due soon, with both dates labelled */
	operating(&rec, "3");
	add_inspection(&rec, "2026-01-20", "licensed");
	CHECK_STR(inspection_state_name(findings_inspection(&ctx, &rec, 3, due, &last)), "due-soon");
	CHECK_STR(due, "2027-01-20");
	CHECK_STR(last, "2026-01-20");
	evaluate(&ctx, &rec, 3, &res);
	CHECK(finding(&res, "inspection-due-soon") != NULL);
	CHECK_INT(res.nr_findings, 1);
	if (res.nr_findings) {
		CHECK_CONTAINS(res.findings[0].text_vi, "hạn kiểm tra tiếp theo ngày 20/01/2027 (còn 60 ngày)");
		CHECK_CONTAINS(res.findings[0].text_vi, "lần kiểm tra được tính gần nhất ngày 20/01/2026");
		CHECK_CONTAINS(res.findings[0].text_en, "Every 12 months at level 3 under Decree "
		                                        "85/2016/ND-CP Art. 20.2(c).");
	}
	CHECK_STR(res.last_inspection, "2026-01-20");
	CHECK_INT(res.inspection_months, 12);
	CHECK_INT(res.inspection_basis, CADENCE_LAW);
	CHECK_STR(res.inspection_article, "ND85 20.2c");
	system_result_release(&res);
	system_record_release(&rec);

	/* 61 days: fine */
	operating(&rec, "3");
	add_inspection(&rec, "2026-01-21", "yes"); /* before 2026-11-30: licensed */
	CHECK_INT(findings_inspection(&ctx, &rec, 3, due, NULL), INSP_OK);
	evaluate(&ctx, &rec, 3, &res);
	CHECK_INT(res.nr_findings, 0);
	CHECK_STR(res.next_inspection_due, "2027-01-21");
	system_result_release(&res);
	system_record_release(&rec);

	/* due on the run date: still due soon; the day before: overdue, never
	 * "due soon" for a past date */
	operating(&rec, "3");
	add_inspection(&rec, "2025-11-21", "licensed");
	CHECK_INT(findings_inspection(&ctx, &rec, 3, due, NULL), INSP_DUE_SOON);
	system_record_release(&rec);
	operating(&rec, "3");
	add_inspection(&rec, "2025-11-20", "licensed");
	CHECK_INT(findings_inspection(&ctx, &rec, 3, due, NULL), INSP_OVERDUE);
	evaluate(&ctx, &rec, 3, &res);
	const struct finding *f = finding(&res, "inspection-overdue");
	CHECK(f && f->severity == SEV_WARNING);
	CHECK(finding(&res, "inspection-due-soon") == NULL);
	if (f) {
		CHECK_CONTAINS(f->text_vi, "lần kiểm tra được tính gần nhất ngày 20/11/2025; hạn kiểm "
		                           "tra tiếp theo ngày 20/11/2026 đã qua");
		CHECK_CONTAINS(f->text_en, "last counting inspection on 2025-11-20; the next one was due "
		                           "on 2026-11-20");
	}
	system_result_release(&res);
	system_record_release(&rec);

	/* an inspection by a unit independent of the operator does not count
	 * under Decree 85 from level 3 (licensed, state or designated only) */
	operating(&rec, "3");
	add_inspection(&rec, "2026-06-01", "internal");
	CHECK_INT(findings_inspection(&ctx, &rec, 3, due, NULL), INSP_NEVER);
	evaluate(&ctx, &rec, 3, &res);
	f = finding(&res, "never-inspected");
	CHECK(f && f->severity == SEV_WARNING);
	if (f)
		CHECK_CONTAINS(f->text_en, "only an inspection by a licensed, state or designated "
		                           "organisation counts (other inspections not counted: 1).");
	system_result_release(&res);
	system_record_release(&rec);

	/* level 4: yearly, and overdue is critical; the latest counting one decides */
	operating(&rec, "4");
	add_inspection(&rec, "2025-10-01", "licensed");
	add_inspection(&rec, "2024-01-01", "licensed");
	add_inspection(&rec, "2026-06-01", "no");     /* not independent: does not count */
	add_inspection(&rec, "2027-01-01", "licensed"); /* after the run date: not yet */
	evaluate(&ctx, &rec, 4, &res);
	CHECK_STR(res.next_inspection_due, "2026-10-01");
	f = finding(&res, "inspection-overdue");
	CHECK(f && f->severity == SEV_CRITICAL);
	if (f)
		CHECK_CONTAINS(f->text_en, "Every 12 months at level 4");
	system_result_release(&res);
	/* at level 2 the non-independent one counts */
	CHECK_INT(findings_inspection(&ctx, &rec, 2, due, &last), INSP_OK);
	CHECK_STR(last, "2026-06-01");
	/* a rule set without cadences */
	struct findings_context no_cadence = ctx;
	no_cadence.rs = shipped_rules(2);
	CHECK_INT(findings_inspection(&no_cadence, &rec, 4, due, NULL), INSP_NOT_REQUIRED);
	CHECK_STR(due, "");
	CHECK_INT(findings_inspection(&ctx, &rec, 0, due, NULL), INSP_NOT_REQUIRED);
	system_record_release(&rec);

	/* level 5: every 6 months (Art. 20.2c: "Định kỳ 06 tháng ... đối với hệ
	 * thống cấp độ 5") */
	operating(&rec, "5");
	add_inspection(&rec, "2026-05-20", "licensed");
	CHECK_INT(findings_inspection(&ctx, &rec, 5, due, NULL), INSP_OVERDUE);
	CHECK_STR(due, "2026-11-20");
	system_record_release(&rec);

	/* never inspected: warning at level 3, info below (a reminder), critical
	 * at level 4, nothing unless operating */
	operating(&rec, "3");
	evaluate(&ctx, &rec, 3, &res);
	f = finding(&res, "never-inspected");
	CHECK(f && f->severity == SEV_WARNING);
	system_result_release(&res);
	evaluate(&ctx, &rec, 1, &res);
	f = finding(&res, "never-inspected");
	CHECK(f && f->severity == SEV_INFO);
	if (f)
		CHECK_CONTAINS(f->text_en, "every 24 months (a reminder, not an interval the law sets "
		                           "for the system; Decree 85/2016/ND-CP Art. 20.2(c))");
	system_result_release(&res);
	evaluate(&ctx, &rec, 4, &res);
	f = finding(&res, "never-inspected");
	CHECK(f && f->severity == SEV_CRITICAL);
	system_result_release(&res);
	system_record_set(&rec, F_STATUS, "retired");
	evaluate(&ctx, &rec, 3, &res);
	CHECK(finding(&res, "never-inspected") == NULL);
	system_result_release(&res);
	system_record_release(&rec);
}

/* Decree 331 sets no interval (Art. 28.5a): the cadence is the owner's own
 * policy, with the ND85 figures as the default marked as policy; list
 * systems self-inspect yearly by law (Law 116 Art. 11.1b). */
TEST(findings_nd331_cadence_policy_and_list)
{
	struct findings_context ctx = {shipped_rules(1), RUN_DATE, NULL, NULL};
	struct system_record rec;
	struct system_result res;
	const struct finding *f;

	/* level 3, internal self-assessment 13 months ago: overdue under the
	 * default (12 months), a warning that says it is not the law */
	operating(&rec, "3");
	system_record_set(&rec, F_APPR_RULES, "ND331");
	system_record_set(&rec, F_OWNER, "ubnd");
	add_inspection(&rec, "2025-10-21", "internal");
	evaluate(&ctx, &rec, 3, &res);
	f = finding(&res, "inspection-overdue");
	CHECK(f && f->severity == SEV_WARNING);
	if (f) {
		CHECK_CONTAINS(f->text_en, "Every 12 months at level 3 (the tool's default, a policy "
		                           "and not the law: the owner has set no cadence of its own; "
		                           "Decree 331/2026/ND-CP Art. 28.5(a) sets no interval)");
	}
	CHECK_INT(res.inspection_basis, CADENCE_POLICY);
	CHECK_INT(res.inspection_counts, INDEP_INTERNAL);
	system_result_release(&res);

	/* the owner's own policy: every 18 months, by its decision */
	struct owner_policies *op = owner_policies_new();
	struct organization org;
	memset(&org, 0, sizeof(org));
	char id[] = "ubnd", role[] = "owner", decision[] = "12/QĐ-UBND";
	struct inspection_policy pol = {3, 18, decision, 7};
	org.id = id;
	org.role = role;
	org.policies = &pol;
	org.nr_policies = 1;
	owner_policies_add(op, &org);
	ctx.policies = op;
	evaluate(&ctx, &rec, 3, &res);
	CHECK(finding(&res, "inspection-overdue") == NULL);
	CHECK_STR(res.next_inspection_due, "2027-04-21");
	CHECK_INT(res.inspection_months, 18);
	CHECK_STR(res.inspection_policy, "12/QĐ-UBND");
	system_result_release(&res);
	/* ... which does not reach level 4 */
	evaluate(&ctx, &rec, 4, &res);
	CHECK_INT(res.inspection_months, 12);
	CHECK(res.inspection_policy == NULL);
	system_result_release(&res);
	CHECK(owner_policies_find(op, "ubnd", 3) != NULL);
	CHECK(owner_policies_find(op, "other", 3) == NULL);
	CHECK(owner_policies_find(NULL, "ubnd", 3) == NULL);

	/* on the national-security list: yearly by law, licensed only; the
	 * owner's policy does not apply; critical when overdue */
	system_record_set(&rec, F_NAT_SECLIST, "yes");
	evaluate(&ctx, &rec, 3, &res);
	f = finding(&res, "never-inspected");
	CHECK(f && f->severity == SEV_CRITICAL);
	if (f)
		CHECK_CONTAINS(f->text_en, "every 12 months under Law on Cybersecurity 116/2025/QH15 "
		                           "Art. 11.1(b); only an inspection by a licensed, state or "
		                           "designated organisation counts");
	CHECK_STR(res.inspection_article, "L116 11.1b");
	system_result_release(&res);
	add_inspection(&rec, "2025-12-01", "licensed");
	evaluate(&ctx, &rec, 3, &res);
	CHECK(finding(&res, "never-inspected") == NULL);
	CHECK(finding(&res, "inspection-overdue") == NULL);
	CHECK_STR(res.next_inspection_due, "2026-12-01");
	system_result_release(&res);
	owner_policies_free(op);
	system_record_release(&rec);
}

TEST(findings_four_layer_model)
{
	struct findings_context ctx = nd85_ctx(NULL);
	struct system_record rec;
	struct system_result res;
	operating(&rec, "2");
	add_inspection(&rec, "2026-01-01", "no");
	system_record_set(&rec, F_PROT_PROVIDER, "no");
	system_record_set(&rec, F_PROT_MONITOR, NULL);
	evaluate(&ctx, &rec, 2, &res);
	CHECK_INT(res.layers, 0x5);
	CHECK_INT(res.layers_unknown, 0x8);
	const struct finding *f = finding(&res, "four-layer-gap");
	CHECK(f && f->severity == SEV_WARNING);
	if (f) {
		CHECK_CONTAINS(f->text_en, "missing layer 2 (professional monitoring and protection provider); not stated: layer 4");
		CHECK_CONTAINS(f->text_vi, "chưa khai báo lớp 4");
	}
	CHECK_INT(res.nr_findings, 1);
	system_result_release(&res);

	/* nothing missing, one unknown: a note, not a gap */
	system_record_set(&rec, F_PROT_PROVIDER, "yes");
	evaluate(&ctx, &rec, 2, &res);
	CHECK(finding(&res, "four-layer-gap") == NULL);
	f = finding(&res, "four-layer-unknown");
	CHECK(f && f->severity == SEV_INFO);
	system_result_release(&res);

	/* all four in place */
	system_record_set(&rec, F_PROT_MONITOR, "yes");
	evaluate(&ctx, &rec, 2, &res);
	CHECK_INT(res.layers, 0xf);
	CHECK_INT(res.nr_findings, 0);
	system_result_release(&res);
	system_record_release(&rec);
}

TEST(findings_approval_plan_and_waivers)
{
	struct findings_context ctx = nd85_ctx(NULL);
	struct system_record rec;
	struct system_result res;
	const struct finding *f;

	/* approved above the computed level */
	operating(&rec, "4");
	add_inspection(&rec, "2026-06-01", "yes");
	evaluate(&ctx, &rec, 3, &res);
	CHECK_STR(drift_name(res.drift), "over");
	f = finding(&res, "over-classified");
	CHECK(f && f->severity == SEV_INFO);
	CHECK_INT(res.nr_findings, 1);
	system_result_release(&res);

	/* undetermined but surely above the approved level */
	system_result_init(&res, "x");
	res.level_low = 3;
	res.level_high = 4;
	res.reason = xstrdup("service.conditional-business is unknown");
	system_record_set(&rec, F_APPR_LEVEL, "2");
	findings_evaluate(&ctx, &rec, NULL, 0, &res);
	result_fill_finding_texts(&res);
	CHECK_STR(drift_name(res.drift), "under");
	f = finding(&res, "under-classified");
	if (f)
		CHECK_CONTAINS(f->text_en, "computed level (3 or more)");
	CHECK(f != NULL);
	f = finding(&res, "undetermined");
	if (f)
		CHECK_CONTAINS(f->text_vi, "Chưa xác định được cấp độ: service.conditional-business is unknown.");
	CHECK(f != NULL);
	/* cadence falls back on the approved level */
	CHECK_STR(res.next_inspection_due, "2028-06-01");
	system_result_release(&res);
	system_record_release(&rec);

	/* plan, regulation */
	operating(&rec, "3");
	add_inspection(&rec, "2026-06-01", "yes");
	system_record_set(&rec, F_PLAN_STATUS, "none");
	system_record_set(&rec, F_REG_DECISION, NULL);
	evaluate(&ctx, &rec, 3, &res);
	f = finding(&res, "plan-not-implemented");
	CHECK(f && f->severity == SEV_WARNING);
	if (f)
		CHECK_CONTAINS(f->text_en, "is not implemented");
	f = finding(&res, "no-regulation");
	CHECK(f && f->severity == SEV_WARNING);
	system_result_release(&res);
	system_record_set(&rec, F_PLAN_STATUS, NULL);
	evaluate(&ctx, &rec, 3, &res);
	CHECK(finding(&res, "plan-unknown") != NULL);
	CHECK(finding(&res, "plan-not-implemented") == NULL);
	system_result_release(&res);

	/* waivers: one ended, one in force, one ended but the control is met */
	add_waiver(&rec, "D.DLP", "2026-11-20");
	add_waiver(&rec, "D.SIEM", "2026-11-21");
	add_waiver(&rec, "D.WAF", "2025-01-01");
	add_control(&rec, "D.WAF", "met");
	evaluate(&ctx, &rec, 3, &res);
	CHECK_INT(count_code(&res, "waiver-expired"), 1);
	f = finding(&res, "waiver-expired");
	CHECK(f && f->severity == SEV_WARNING);
	if (f) {
		CHECK_CONTAINS(f->text_en, "D.DLP ended on 2026-11-20");
		CHECK_CONTAINS(f->text_vi, "Miễn trừ yêu cầu D.DLP đã hết hạn ngày 20/11/2026");
	}
	system_result_release(&res);
	/* a retired system gets only classification findings */
	system_record_set(&rec, F_STATUS, "retired");
	evaluate(&ctx, &rec, 4, &res);
	CHECK_INT(res.nr_findings, 1);
	CHECK(finding(&res, "under-classified") != NULL);
	system_result_release(&res);
	system_record_release(&rec);
}

TEST(findings_testing_scope_and_nd331)
{
	struct findings_context ctx = nd85_ctx(NULL);
	struct system_record rec;
	struct system_result res;
	const struct finding *f;

	/* state secrets while building */
	operating(&rec, NULL);
	system_record_set(&rec, F_STATUS, "building");
	system_record_set(&rec, F_INFO_SECRET, "toi-mat");
	evaluate(&ctx, &rec, 4, &res);
	f = finding(&res, "secrets-in-testing");
	CHECK(f && f->severity == SEV_CRITICAL);
	if (f) {
		CHECK_CONTAINS(f->text_vi, "giai đoạn xây dựng nhưng đã xử lý bí mật nhà nước độ Tối mật");
		CHECK_CONTAINS(f->text_en, "state secrets of class Tối mật (secret)");
	}
	CHECK(finding(&res, "unapproved-in-operation") == NULL);
	system_result_release(&res);
	/* no secret, no sensitive data: nothing; and nothing once in operation */
	system_record_set(&rec, F_INFO_SECRET, "none");
	system_record_set(&rec, F_DS_SENSITIVE, "0");
	evaluate(&ctx, &rec, 2, &res);
	CHECK(finding(&res, "secrets-in-testing") == NULL);
	system_result_release(&res);
	system_record_set(&rec, F_INFO_SECRET, "mat");
	system_record_set(&rec, F_STATUS, "operating");
	evaluate(&ctx, &rec, 3, &res);
	CHECK(finding(&res, "secrets-in-testing") == NULL);
	CHECK(finding(&res, "unapproved-in-operation") != NULL);
	system_result_release(&res);
	system_record_release(&rec);

	/* national scope declared without 24/7 */
	operating(&rec, "3");
	add_inspection(&rec, "2026-06-01", "yes");
	system_record_set(&rec, F_SCOPE, "national");
	system_record_set(&rec, F_ALWAYS_ON, "no");
	evaluate(&ctx, &rec, 3, &res);
	f = finding(&res, "national-without-24x7");
	CHECK(f && f->severity == SEV_INFO);
	system_result_release(&res);
	system_record_set(&rec, F_ALWAYS_ON, NULL);
	evaluate(&ctx, &rec, 3, &res);
	CHECK(finding(&res, "national-without-24x7") == NULL);
	system_result_release(&res);
	system_record_release(&rec);

	/* ND331 run: an ND85 approval at another level is kept (Law 116 Art.
	 * 45.1: "tiếp tục giữ cấp độ đã được xác định"): the difference is
	 * information, not an under-classification; the measures of Decree 331
	 * are due within 12 months ("trong thời hạn 12 tháng ... phải bảo đảm
	 * điều kiện, tiêu chuẩn, biện pháp"). Level 5 without a licensed
	 * inspection (Decree 331 Art. 31.2c). */
	struct findings_context c331 = {shipped_rules(1), RUN_DATE, NULL, NULL};
	operating(&rec, "4");
	add_inspection(&rec, "2026-10-01", "no");
	evaluate(&c331, &rec, 5, &res);
	f = finding(&res, "rules-drift");
	CHECK(f && f->severity == SEV_INFO);
	if (f)
		CHECK_CONTAINS(f->text_en, "Level 4 approved under Decree 85/2016/ND-CP is kept (Law on "
		                           "Cybersecurity 116/2025/QH15 Art. 45.1); under Decree "
		                           "331/2026/ND-CP the system is at level 5: information for "
		                           "the next re-determination");
	CHECK(finding(&res, "under-classified") == NULL);
	CHECK_STR(drift_name(res.drift), "under");
	f = finding(&res, "transition-measures");
	CHECK(f && f->severity == SEV_INFO);
	if (f)
		CHECK_CONTAINS(f->text_en, "are due by 2027-07-01 (Law on Cybersecurity 116/2025/QH15 "
		                           "Art. 45.1); 222 days left.");
	f = finding(&res, "level5-without-independent-inspection");
	CHECK(f && f->severity == SEV_CRITICAL);
	system_result_release(&res);
	/* after the deadline: a warning */
	c331.run_date = "2027-07-02";
	evaluate(&c331, &rec, 5, &res);
	f = finding(&res, "transition-measures");
	CHECK(f && f->severity == SEV_WARNING);
	if (f)
		CHECK_CONTAINS(f->text_en, "the deadline of 2027-07-01 (Law on Cybersecurity "
		                           "116/2025/QH15 Art. 45.1) to meet the conditions");
	system_result_release(&res);
	c331.run_date = RUN_DATE;
	/* an approval under ND331 itself: compared as usual */
	system_record_set(&rec, F_APPR_RULES, "ND331");
	evaluate(&c331, &rec, 5, &res);
	CHECK(finding(&res, "under-classified") != NULL);
	CHECK(finding(&res, "rules-drift") == NULL);
	CHECK(finding(&res, "transition-measures") == NULL);
	system_result_release(&res);
	system_record_set(&rec, F_APPR_RULES, "ND85");
	/* the same under ND85: neither */
	evaluate(&ctx, &rec, 5, &res);
	CHECK(finding(&res, "rules-drift") == NULL);
	CHECK(finding(&res, "level5-without-independent-inspection") == NULL);
	system_result_release(&res);
	/* on the national-security list at level 4, independently inspected: fine */
	system_record_set(&rec, F_NAT_SECLIST, "yes");
	evaluate(&c331, &rec, 4, &res);
	CHECK(finding(&res, "level5-without-independent-inspection") != NULL);
	CHECK(finding(&res, "rules-drift") == NULL);
	system_result_release(&res);
	add_inspection(&rec, "2026-09-01", "yes");
	evaluate(&c331, &rec, 4, &res);
	CHECK(finding(&res, "level5-without-independent-inspection") == NULL);
	system_result_release(&res);
	system_record_release(&rec);

	/* the lead's helper for composites */
	system_result_init(&res, "parent");
	findings_component_above_parent(&res, "ah-cong-dvc", 2, 3);
	CHECK_INT(res.nr_findings, 0);
	findings_component_above_parent(&res, "ah-cong-dvc", 4, 3);
	result_fill_finding_texts(&res);
	f = finding(&res, "component-above-parent");
	CHECK(f && f->severity == SEV_WARNING);
	if (f) {
		CHECK_CONTAINS(f->text_vi, "Thành phần ah-cong-dvc có cấp độ 4, cao hơn cấp độ 3");
		CHECK_CONTAINS(f->text_en, "Component ah-cong-dvc is at level 4, above the system's level 3");
	}
	system_result_release(&res);
	findings_component_above_parent(NULL, "x", 4, 3);
}

/* args that name no known sentence, or bring the wrong number of facts,
 * render as "unreadable" naming the form; a separator inside a fact cannot
 * shift the facts after it. */
TEST(finding_text_refuses_malformed_args)
{
	char *vi, *en;
	CHECK_INT(finding_text_render("no-such-form", &vi, &en), -1);
	CHECK_STR(en, "(unreadable finding 'no-such-form')");
	CHECK_CONTAINS(vi, "'no-such-form'");
	free(vi);
	free(en);
	CHECK_INT(finding_text_render("waiver-expired\x1f" "D.DLP", &vi, &en), -1);
	CHECK_STR(en, "(unreadable finding 'waiver-expired')");
	free(vi);
	free(en);
	CHECK_INT(finding_text_render("waiver-expired\x1f" "a\x1f" "b\x1f" "c", &vi, &en), -1);
	free(vi);
	free(en);
	CHECK_INT(finding_text_render(NULL, &vi, &en), -1);
	free(vi);
	free(en);

	struct finding_args a;
	finding_args_start(&a, "waiver-expired");
	finding_args_str(&a, "D.\x1f" "DLP");
	finding_args_str(&a, NULL);
	char *args = finding_args_finish(&a);
	CHECK_STR(args, "waiver-expired\x1f" "D.?DLP\x1f");
	CHECK_INT(finding_text_render(args, &vi, &en), 0);
	CHECK_STR(en, "The waiver for requirement D.?DLP ended on : the requirement counts as not met.");
	free(vi);
	free(en);
	free(args);
}

/* Hosting in a rented data centre or cloud: Circular 12 Art. 9.9-9.10
 * ("cấp độ 3 ... tách riêng, độc lập ... về lô-gic"; "cấp độ 4 hoặc cấp độ
 * 5 ... về vật lý") under ND85; Decree 331 Art. 30.8-30.9 ("cấp độ 3, cấp
 * độ 4 ... về lô-gic"; "cấp độ 5 hoặc hệ thống thông tin quan trọng về an
 * ninh quốc gia ... về vật lý") under ND331. */
TEST(findings_hosting_separation_by_rule_set)
{
	static const struct {
		int rules, level;
		const char *hosting, *list, *separation, *article;
	} cases[] = {
		{0, 3, "rented-dc", NULL, "logical", "TT12 9.9"},
		{0, 4, "cloud", NULL, "physical", "TT12 9.10"},
		{0, 5, "rented-dc", NULL, "physical", "TT12 9.10"},
		{0, 2, "rented-dc", NULL, NULL, NULL},
		{0, 4, "on-premises", NULL, NULL, NULL},
		{1, 3, "rented-dc", NULL, "logical", "ND331 30.8"},
		{1, 4, "cloud", "no", "logical", "ND331 30.8"},
		{1, 5, "cloud", NULL, "physical", "ND331 30.9"},
		{1, 3, "cloud", "yes", "physical", "ND331 30.9"},
		{1, 4, NULL, "yes", NULL, NULL},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct findings_context ctx = {shipped_rules(cases[i].rules), RUN_DATE, NULL, NULL};
		struct system_record rec;
		struct system_result res;
		operating(&rec, NULL);
		system_record_set(&rec, F_HOSTING, cases[i].hosting);
		system_record_set(&rec, F_NAT_SECLIST, cases[i].list);
		evaluate(&ctx, &rec, cases[i].level, &res);
		if (cases[i].separation) {
			CHECK_STR(res.hosting_separation, cases[i].separation);
			CHECK_STR(res.hosting_article, cases[i].article);
		} else if (res.hosting_separation) {
			harness_fail(__FILE__, __LINE__, "case %zu: separation %s", i,
			             res.hosting_separation);
		}
		system_result_release(&res);
		system_record_release(&rec);
	}
}

/* The legal basis of a finding: the article its arguments carry (an
 * inspection's cadence, with the owner's decision when the interval is its
 * policy), else its code's under the system's rule set, else under any;
 * none for a code without one. Cited in full in both languages. */
TEST(finding_basis_from_args_code_and_rule_set)
{
	char *vi, *en;
	struct finding_args a;
	/* an overdue inspection under the owner's policy */
	finding_args_start(&a, "inspection-overdue.dated");
	finding_args_str(&a, "2025-09-15");
	finding_args_str(&a, "2026-09-15");
	finding_args_int(&a, 12);
	finding_args_int(&a, 3);
	finding_args_str(&a, "policy");
	finding_args_str(&a, "15/QĐ-SYT");
	finding_args_str(&a, "Điểm a khoản 5 Điều 28 Nghị định 331/2026/NĐ-CP");
	finding_args_str(&a, "Decree 331/2026/ND-CP Art. 28.5(a)");
	char *args = finding_args_finish(&a);
	finding_text_basis("inspection-overdue", args, "ND331", &vi, &en);
	CHECK_STR(vi, "Quyết định số 15/QĐ-SYT của chủ quản hệ thống thông tin (chu kỳ kiểm tra); "
	              "Điểm a khoản 5 Điều 28 Nghị định 331/2026/NĐ-CP");
	CHECK_STR(en, "the owner's decision 15/QĐ-SYT (inspection interval); Decree 331/2026/ND-CP "
	              "Art. 28.5(a)");
	free(vi);
	free(en);
	/* ... and its sentence: dates as Vietnamese writes them, the article mid-sentence */
	CHECK_INT(finding_text_render(args, &vi, &en), 0);
	CHECK_CONTAINS(vi, "gần nhất ngày 15/09/2025; hạn kiểm tra tiếp theo ngày 15/09/2026 đã qua");
	CHECK_CONTAINS(vi, "; điểm a khoản 5 Điều 28");
	CHECK_CONTAINS(en, "last counting inspection on 2025-09-15");
	free(vi);
	free(en);
	free(args);
	/* by code and rule set; a rule set without entries falls back to any */
	finding_text_basis("unapproved-in-operation", "unapproved-in-operation\x1f" "3", "ND331", &vi, &en);
	CHECK_STR(vi, "Điều 20 Nghị định số 331/2026/NĐ-CP; Chỉ thị số 09/CT-TTg ngày 23/02/2024 của "
	              "Thủ tướng Chính phủ");
	CHECK_STR(en, "Decree 331/2026/ND-CP Art. 20; Directive 09/CT-TTg of 23 February 2024 of the "
	              "Prime Minister");
	free(vi);
	free(en);
	finding_text_basis("unapproved-in-operation", NULL, "TT09", &vi, &en);
	CHECK_STR(vi, "Chỉ thị số 09/CT-TTg ngày 23/02/2024 của Thủ tướng Chính phủ");
	free(vi);
	free(en);
	finding_text_basis("four-layer-gap", NULL, NULL, &vi, &en);
	CHECK_STR(vi, "Chỉ thị số 14/CT-TTg năm 2019 của Thủ tướng Chính phủ");
	free(vi);
	free(en);
	finding_text_basis("under-classified", NULL, "TT09", &vi, &en);
	CHECK(vi == NULL && en == NULL);
	finding_text_basis("no-such-code", NULL, "ND331", &vi, &en);
	CHECK(vi == NULL && en == NULL);
	/* near a threshold: the numbers grouped, the word in each language */
	CHECK_INT(finding_text_render("near-threshold\x1f" "data-subjects.users = 9600 (threshold 10000); "
	                              "data-subjects.basic = 95000 (threshold 100000)", &vi, &en), 0);
	CHECK_STR(vi, "Giá trị gần ngưỡng (data-subjects.users = 9.600 (ngưỡng 10.000); "
	              "data-subjects.basic = 95.000 (ngưỡng 100.000)): có thể phải xác định lại cấp độ.");
	CHECK_CONTAINS(en, "(data-subjects.users = 9,600 (threshold 10,000); ");
	free(vi);
	free(en);
}
