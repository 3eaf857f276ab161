/* Unit tests of requirements.c: the catalogue and the status of each requirement. */
#include <stdlib.h>

#include "diag.h"
#include "facts.h"
#include "harness.h"
#include "requirements.h"
#include "util.h"

#define CATALOGUE "../../criteria/requirements.xml"
#define SCHEMA "../../criteria/schema/requirements.rng"
#define SMALL "../fixtures/findings/small-catalogue.xml"

static void add_control(struct system_record *rec, const char *ref, const char *status,
                        const char *due)
{
	ALLOC_GROW(rec->controls, rec->nr_controls + 1, rec->alloc_controls);
	struct control *c = &rec->controls[rec->nr_controls++];
	memset(c, 0, sizeof(*c));
	c->ref = xstrdup(ref);
	c->status = xstrdup(status);
	c->due = xstrdup_or_null(due);
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

/* What requirements_evaluate reported, by id. */
struct seen {
	char ids[80][24];
	enum requirement_status status[80];
	int unknown_cond[80];
	int product[80];
	const char *tcvn[80];
	size_t n;
};

static void collect(const struct requirement_eval *ev, void *data)
{
	struct seen *s = data;
	if (s->n >= ARRAY_SIZE(s->ids))
		return;
	snprintf(s->ids[s->n], sizeof(s->ids[0]), "%s", ev->req->id);
	s->status[s->n] = ev->status;
	s->unknown_cond[s->n] = ev->condition_unknown;
	s->product[s->n] = ev->product;
	s->tcvn[s->n] = ev->at->tcvn;
	s->n++;
}

static int seen_index(const struct seen *s, const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->ids[i], id))
			return (int)i;
	return -1;
}

TEST(requirements_catalogue_loads_every_row)
{
	struct requirement_catalogue *cat = requirements_load(CATALOGUE, SCHEMA);
	CHECK(cat != NULL);
	if (!cat)
		return;
	/* 22 management + 22 design (D.ZONES and D.HOSTING included) + 21
	 * configuration rows (T.SRV.* and T.APP.* expanded) */
	CHECK_INT(cat->nr_reqs, 65);
	CHECK_STR(cat->effective_from, "2022-10-01");
	CHECK_STR(cat->article, "TT12 17.1");
	CHECK_INT(strlen(cat->sha256), 64);
	CHECK_STR(cat->rules, "ND85");
	const struct requirement *mon = requirements_find(cat, "M.OPS.MON");
	CHECK(mon != NULL);
	if (mon) {
		CHECK(!mon->at[2].present);
		CHECK_STR(mon->at[3].tcvn, "7.1.5.6");
		CHECK_STR(mon->at[4].tcvn, "8.1.5.6");
		CHECK_STR(mon->label_vi, "Quản lý giám sát an toàn HTTT");
		CHECK_STR(requirement_group_name(mon->group), "management");
	}
	const struct requirement *des3 = requirements_find(cat, "M.DES.3");
	CHECK(des3 && des3->at[1].present);
	if (des3)
		CHECK_STR(des3->at[1].tcvn, "5.1.4.2");
	const struct requirement *inc = requirements_find(cat, "M.OPS.INC");
	CHECK(inc && !inc->at[1].present);
	if (inc) {
		CHECK_STR(inc->at[2].tcvn, "6.1.5.4");
		CHECK_STR(inc->at[5].tcvn, "9.1.5.8");
	}
	const struct requirement *risk = requirements_find(cat, "M.RISK");
	CHECK(risk && risk->at[1].present && risk->at[1].tcvn == NULL);
	const struct requirement *geo = requirements_find(cat, "D.GEO");
	CHECK(geo && !geo->at[4].present && geo->at[5].present);
	if (geo)
		CHECK_STR(requirement_group_name(geo->group), "design");
	const struct requirement *vpn = requirements_find(cat, "D.VPN");
	CHECK(vpn && vpn->at[5].note);
	if (vpn)
		CHECK_STR(vpn->at[5].note, "VPN product");
	/* every row cites its annex row; configuration rows their TCVN clause
	 * (TT12 Annex III II.2: "1.1.1 Kiểm soát truy cập từ bên ngoài mạng Mục 7.2.1.2") */
	const struct requirement *ext = requirements_find(cat, "T.NET.EXT");
	CHECK(ext != NULL);
	if (ext) {
		CHECK_STR(ext->at[1].tcvn, "5.2.1.2");
		CHECK_STR(ext->at[3].tcvn, "7.2.1.2");
		CHECK_STR(ext->at[3].article, "TT12 PLIII II.2.1.1.1");
	}
	const struct requirement *backup = requirements_find(cat, "T.DATA.BACKUP");
	CHECK(backup && !strcmp(backup->at[1].tcvn, "5.2.4.1") && !strcmp(backup->at[5].tcvn, "9.2.4.3"));
	/* the network zones: 3/5/7/8/8 (Annex I-V II.1.a) */
	const struct requirement *zones = requirements_find(cat, "D.ZONES");
	CHECK(zones && zones->at[1].present && zones->at[5].present);
	if (zones) {
		CHECK_CONTAINS(zones->at[3].note, "7 zones");
		CHECK_CONTAINS(zones->at[4].note, "8 zones");
		CHECK_STR(zones->at[2].article, "TT12 PLII II.1.a");
	}
	/* a two-part design item: the plan for every system, the product for some */
	const struct requirement *waf = requirements_find(cat, "D.WAF");
	CHECK(waf && waf->at[3].has_product && waf->at[3].nr_whens == 0 &&
	      waf->at[3].nr_product_whens == 1);
	const struct requirement *pam = requirements_find(cat, "D.PAM");
	CHECK(pam && pam->at[4].has_product && pam->at[4].nr_product_whens == 0);
	for (size_t i = 0; i < cat->nr_reqs; i++)
		for (int l = 1; l <= 5; l++)
			if (cat->reqs[i].at[l].present && !cat->reqs[i].at[l].article)
				harness_fail(__FILE__, __LINE__, "%s level %d cites no article", cat->reqs[i].id, l);
	CHECK(requirements_find(cat, "T.SRV.MAL") != NULL);
	CHECK(requirements_find(cat, "T.APP.LOG") != NULL);
	CHECK(requirements_find(cat, "T.SRV.AUTH / ACL") == NULL);
	CHECK(requirements_find(cat, "D.NOPE") == NULL);
	requirements_free(cat);
	requirements_free(NULL);
}

TEST(requirements_counts_by_level_and_clause)
{
	struct requirement_catalogue *cat = requirements_load(CATALOGUE, SCHEMA);
	CHECK(cat != NULL);
	if (!cat)
		return;
	struct system_record rec;
	struct requirement_counts c;
	system_record_init(&rec);
	system_record_set(&rec, F_NAME, "Cổng thông tin điện tử");
	system_record_set(&rec, F_INFO_SECRET, "none");
	system_record_set(&rec, F_HOSTING, "on-premises");
	/* level 2, counted by hand from Annex II: 18 management, 6 design (the
	 * zones, VPN, FW-IPS, AV-BASIC, the plan against web attacks (b.iv),
	 * HA), 17 configuration */
	requirements_count(cat, &rec, "ND85", 2, NULL, 0, "2026-11-21", &c);
	CHECK_INT(c.applicable, 41);
	CHECK_INT(c.unknown, 41);
	/* 8.2: the WAF product is asked for too; 8.2 must not match 8.20 or 8.3 */
	const char *held82[] = {"ND85-8.2b"};
	const char *held_other[] = {"ND85-8.3", "ND85-8.21"};
	struct seen s = {0};
	requirements_evaluate(cat, &rec, "ND85", 2, held82, 1, "2026-11-21", collect, &s);
	int w = seen_index(&s, "D.WAF");
	CHECK(w >= 0 && s.product[w] == TRI_YES);
	memset(&s, 0, sizeof(s));
	requirements_evaluate(cat, &rec, "ND85", 2, held_other, 2, "2026-11-21", collect, &s);
	w = seen_index(&s, "D.WAF");
	CHECK(w >= 0 && s.product[w] == TRI_NO);
	CHECK_INT(s.n, 41);
	system_record_set(&rec, F_NAME, "Hệ thống thư điện tử công vụ");
	requirements_count(cat, &rec, "ND85", 2, held82, 1, "2026-11-21", &c);
	CHECK_INT(c.applicable, 42); /* + D.MAIL for e-mail systems (Annex II b.v) */
	requirements_count(cat, &rec, "ND85", 0, NULL, 0, "2026-11-21", &c);
	CHECK_INT(c.applicable, 0);
	requirements_count(cat, &rec, "ND85", 6, NULL, 0, "2026-11-21", &c);
	CHECK_INT(c.applicable, 0);
	system_record_release(&rec);
	requirements_free(cat);
}

/* ah-tthc of the An Hòa example: level 3 by ND85-9.2a and 9.2c. */
static void tthc_record(struct system_record *rec)
{
	system_record_init(rec);
	system_record_set(rec, F_ID, "ah-tthc");
	system_record_set(rec, F_NAME, "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh An Hòa");
	system_record_set(rec, F_INFO_SECRET, "none");
	add_control(rec, "M.POL.1", "met", NULL);
	add_control(rec, "D.WAF", "met", NULL);
	add_control(rec, "D.SIEM", "partial", NULL);
	add_control(rec, "D.DDOS", "planned", "2027-06-30");
	add_waiver(rec, "D.DLP", "2027-12-31");
}

TEST(requirements_status_from_controls)
{
	struct requirement_catalogue *cat = requirements_load(CATALOGUE, SCHEMA);
	CHECK(cat != NULL);
	if (!cat)
		return;
	struct system_record rec;
	struct requirement_counts c;
	tthc_record(&rec);
	system_record_set(&rec, F_HOSTING, "rented-dc");
	const char *held[] = {"ND85-9.2a", "ND85-9.2c"};
	/* level 3 (Annex III): 22 management + 17 design (the zones and items
	 * i-xvi: every two-part item keeps its plan) + 21 configuration + the
	 * separation of a system in a rented data centre (TT12 Art. 9.9) */
	requirements_count(cat, &rec, "ND85", 3, held, 2, "2026-11-21", &c);
	CHECK_INT(c.applicable, 61);
	CHECK_INT(c.met, 2);
	CHECK_INT(c.partial, 2); /* D.SIEM partial, D.DDOS planned */
	CHECK_INT(c.not_met, 0);
	CHECK_INT(c.waived, 1);
	CHECK_INT(c.unknown, 56);

	struct seen s = {0};
	CHECK_INT(requirements_evaluate(cat, &rec, "ND85", 3, held, 2, "2026-11-21", collect, &s), 61);
	int i = seen_index(&s, "D.DLP");
	CHECK(i >= 0);
	if (i >= 0) {
		CHECK_STR(requirement_status_name(s.status[i]), "waived");
		CHECK_INT(s.product[i], TRI_YES); /* 9.2c: a DLP product (b.xiv) */
	}
	/* the plan against denial of service, without the product (b.vi: only
	 * for data centres, cloud ... meeting 9.3) */
	i = seen_index(&s, "D.DDOS");
	CHECK(i >= 0 && s.product[i] == TRI_NO);
	i = seen_index(&s, "D.WAF");
	CHECK(i >= 0 && s.product[i] == TRI_YES); /* 9.2 (b.vii) */
	i = seen_index(&s, "D.VPN");
	CHECK(i >= 0 && s.product[i] == TRI_YES); /* 9.2c (b.i) */
	i = seen_index(&s, "D.HA");
	CHECK(i >= 0 && s.product[i] == -1);      /* no product part */
	CHECK(seen_index(&s, "D.HOSTING") >= 0);
	CHECK(seen_index(&s, "D.AV-BASIC") < 0);
	i = seen_index(&s, "M.OPS.MON");
	CHECK(i >= 0);
	if (i >= 0)
		CHECK_STR(s.tcvn[i], "7.1.5.6");

	/* the waiver ended before the run date: not met */
	requirements_count(cat, &rec, "ND85", 3, held, 2, "2028-01-01", &c);
	CHECK_INT(c.waived, 0);
	CHECK_INT(c.not_met, 1);
	/* the last day of the waiver still counts */
	requirements_count(cat, &rec, "ND85", 3, held, 2, "2027-12-31", &c);
	CHECK_INT(c.waived, 1);

	/* ND331: mapped by level; 13.2b/13.2c stand for 9.2/9.2c */
	const char *held331[] = {"ND331-13.2b", "ND331-13.2c"};
	requirements_count(cat, &rec, "ND331", 3, held331, 2, "2026-11-21", &c);
	CHECK_INT(c.applicable, 61);
	system_record_release(&rec);
	requirements_free(cat);
}

TEST(requirements_conditions_and_precedence)
{
	struct requirement_catalogue *cat = requirements_load(SMALL, SCHEMA);
	CHECK(cat != NULL);
	if (!cat)
		return;
	struct system_record rec;
	system_record_init(&rec);
	system_record_set(&rec, F_NAME, "Hệ thống Thư Điện Tử công vụ");
	/* secret unknown: D.SECRET-OR-MAIL applies, flagged as undecided */
	struct seen s = {0};
	CHECK_INT(requirements_evaluate(cat, &rec, "ND85", 3, NULL, 0, "2026-11-21", collect, &s), 3);
	int i = seen_index(&s, "D.SECRET-OR-MAIL");
	CHECK(i >= 0 && s.unknown_cond[i]);
	CHECK(seen_index(&s, "D.CLAUSE") < 0);
	CHECK(seen_index(&s, "D.NOMAP") < 0);
	/* no secret, not 9.3: does not apply */
	system_record_set(&rec, F_INFO_SECRET, "none");
	memset(&s, 0, sizeof(s));
	CHECK_INT(requirements_evaluate(cat, &rec, "ND85", 3, NULL, 0, "2026-11-21", collect, &s), 2);
	/* 9.3 and an e-mail name (case-insensitive, Vietnamese): applies, decided */
	const char *held93[] = {"ND85-9.3"};
	memset(&s, 0, sizeof(s));
	requirements_evaluate(cat, &rec, "ND85", 3, held93, 1, "2026-11-21", collect, &s);
	i = seen_index(&s, "D.SECRET-OR-MAIL");
	CHECK(i >= 0 && !s.unknown_cond[i]);
	/* 9.3 without the name: the AND fails */
	system_record_set(&rec, F_NAME, "Trung tâm dữ liệu");
	memset(&s, 0, sizeof(s));
	requirements_evaluate(cat, &rec, "ND85", 3, held93, 1, "2026-11-21", collect, &s);
	CHECK(seen_index(&s, "D.SECRET-OR-MAIL") < 0);
	/* a secret class: applies */
	system_record_set(&rec, F_INFO_SECRET, "toi-mat");
	memset(&s, 0, sizeof(s));
	requirements_evaluate(cat, &rec, "ND85", 3, NULL, 0, "2026-11-21", collect, &s);
	CHECK(seen_index(&s, "D.SECRET-OR-MAIL") >= 0);
	/* ND331: a clause with an ND331 counterpart is decided, one without is unknown */
	const char *held331[] = {"ND331-13.2b"};
	memset(&s, 0, sizeof(s));
	requirements_evaluate(cat, &rec, "ND331", 3, held331, 1, "2026-11-21", collect, &s);
	i = seen_index(&s, "D.CLAUSE");
	CHECK(i >= 0 && !s.unknown_cond[i]);
	i = seen_index(&s, "D.NOMAP");
	CHECK(i >= 0 && s.unknown_cond[i]);
	/* under ND85 an ND331 clause id means nothing */
	memset(&s, 0, sizeof(s));
	requirements_evaluate(cat, &rec, "ND85", 3, held331, 1, "2026-11-21", collect, &s);
	CHECK(seen_index(&s, "D.CLAUSE") < 0);

	/* precedence: met beats an expired waiver; a waiver beats partial */
	add_control(&rec, "M.ALWAYS", "met", NULL);
	add_waiver(&rec, "M.ALWAYS", "2020-01-01");
	add_control(&rec, "T.WAIVE", "partial", NULL);
	add_waiver(&rec, "T.WAIVE", "2026-12-31");
	add_waiver(&rec, "T.WAIVE", "2025-01-01"); /* the longest waiver decides */
	memset(&s, 0, sizeof(s));
	requirements_evaluate(cat, &rec, "ND85", 3, NULL, 0, "2026-11-21", collect, &s);
	i = seen_index(&s, "M.ALWAYS");
	CHECK(i >= 0 && s.status[i] == REQ_MET);
	i = seen_index(&s, "T.WAIVE");
	CHECK(i >= 0 && s.status[i] == REQ_WAIVED);
	memset(&s, 0, sizeof(s));
	requirements_evaluate(cat, &rec, "ND85", 3, NULL, 0, "2027-01-01", collect, &s);
	i = seen_index(&s, "T.WAIVE");
	CHECK(i >= 0 && s.status[i] == REQ_WAIVER_EXPIRED);
	struct requirement_counts c;
	requirements_count(cat, &rec, "ND85", 3, NULL, 0, "2027-01-01", &c);
	CHECK_INT(c.applicable, 3);
	CHECK_INT(c.met, 1);
	CHECK_INT(c.not_met, 1);
	CHECK_INT(c.unknown, 1);
	/* a rule set none of whose clauses a condition lists: the condition is
	 * unknown, the requirement applies, flagged */
	memset(&s, 0, sizeof(s));
	CHECK_INT(requirements_evaluate(cat, &rec, "TT09", 3, NULL, 0, "2026-11-21", collect, &s), 5);
	i = seen_index(&s, "D.CLAUSE");
	CHECK(i >= 0 && s.unknown_cond[i]);
	system_record_release(&rec);
	requirements_free(cat);
}

TEST(requirements_load_reports_file_and_line)
{
	struct strbuf sb;
	strbuf_init(&sb);
	diag_capture(&sb);
	struct requirement_catalogue *cat =
		requirements_load("../fixtures/findings/bad-meaning.xml", SCHEMA);
	diag_capture(NULL);
	CHECK(cat == NULL);
	CHECK_CONTAINS(sb.buf, "bad-meaning.xml:8: requirement 'M.ONE': level 1 given twice (first at line 7)");
	CHECK_CONTAINS(sb.buf, "bad-meaning.xml:10: duplicate requirement id 'M.ONE' (first at line 4)");
	CHECK_CONTAINS(sb.buf, "bad-meaning.xml:13: unknown fact 'information.secrets'");
	CHECK_CONTAINS(sb.buf, "bad-meaning.xml:14: fact 'information.secret' has no value 'very-secret'");
	CHECK_CONTAINS(sb.buf, "bad-meaning.xml:15: bad pattern '(unclosed'");
	requirements_free(cat);

	strbuf_reset(&sb);
	diag_capture(&sb);
	cat = requirements_load("../fixtures/findings/bad-schema.xml", SCHEMA);
	diag_capture(NULL);
	CHECK(cat == NULL);
	CHECK_CONTAINS(sb.buf, "bad-schema.xml:4: ");
	CHECK_CONTAINS(sb.buf, "bad-schema.xml:7: ");

	strbuf_reset(&sb);
	diag_capture(&sb);
	cat = requirements_load("../fixtures/findings/no-such-file.xml", SCHEMA);
	diag_capture(NULL);
	CHECK(cat == NULL);
	CHECK_CONTAINS(sb.buf, "no-such-file.xml");
	strbuf_release(&sb);
}
