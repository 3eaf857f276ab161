/* Unit tests of sha256.c and criteria.c: digests, loading, checking, choosing. */
#include <stdlib.h>

#include "article.h"
#include "criteria.h"
#include "diag.h"
#include "harness.h"
#include "sha256.h"
#include "util.h"

/* Tests run in tests/unit: the data directory is the source tree. */
__attribute__((constructor)) static void criteria_tests_datadir(void)
{
	setenv("ASSESS_DATADIR", "../..", 0);
}

TEST(sha256_standard_vectors)
{
	char hex[65];
	sha256_hex("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_hex("", 0, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(two, strlen(two), hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(sha256_incremental_equals_one_shot)
{
	/* one million 'a' fed in uneven pieces (FIPS 180-4 example) */
	struct sha256_ctx ctx;
	unsigned char d[32];
	char piece[997];
	memset(piece, 'a', sizeof(piece));
	sha256_init(&ctx);
	size_t left = 1000000;
	while (left) {
		size_t n = left < sizeof(piece) ? left : sizeof(piece);
		sha256_update(&ctx, piece, n);
		left -= n;
	}
	sha256_final(&ctx, d);
	CHECK_INT(d[0], 0xcd);
	CHECK_INT(d[1], 0xc7);
	CHECK_INT(d[31], 0xd0);
}

/* Load file with messages captured; returns the rule set or NULL. */
static struct ruleset *load_captured(const char *file, struct strbuf *msgs)
{
	struct ruleset *rs = NULL;
	diag_capture(msgs);
	int rc = criteria_load(file, &rs);
	diag_capture(NULL);
	CHECK((rc == 0) == (rs != NULL));
	return rs;
}

TEST(criteria_bad_pattern_rejected_with_line)
{
	struct strbuf msgs;
	strbuf_init(&msgs);
	struct ruleset *rs = load_captured("../fixtures/criteria/bad-pattern.xml", &msgs);
	CHECK(rs == NULL);
	CHECK_CONTAINS(msgs.buf, "bad-pattern.xml:8: bad pattern '(abc'");
	CHECK_CONTAINS(msgs.buf, "offset 4");
	strbuf_release(&msgs);
}

TEST(criteria_unknown_fact_rejected_with_line)
{
	struct strbuf msgs;
	strbuf_init(&msgs);
	struct ruleset *rs = load_captured("../fixtures/criteria/unknown-fact.xml", &msgs);
	CHECK(rs == NULL);
	CHECK_CONTAINS(msgs.buf, "unknown-fact.xml:10: unknown fact 'information.secrett'");
	strbuf_release(&msgs);
}

TEST(criteria_lists_every_problem_before_rejecting)
{
	struct strbuf msgs;
	strbuf_init(&msgs);
	struct ruleset *rs = load_captured("../fixtures/criteria/many-problems.xml", &msgs);
	CHECK(rs == NULL);
	CHECK_CONTAINS(msgs.buf, "many-problems.xml:6: clause 'TEST-1.1': level 7 is outside 1..5");
	CHECK_CONTAINS(msgs.buf, "many-problems.xml:8: value 'secret' is not allowed");
	CHECK_CONTAINS(msgs.buf, "many-problems.xml:10: duplicate clause id 'TEST-1.1' (first at line 6)");
	CHECK_CONTAINS(msgs.buf, "many-problems.xml:12: threshold <at-least> on 'information.public'");
	CHECK_CONTAINS(msgs.buf, "many-problems.xml:14: clause id 'OTHER-2.1' is not of the form");
	CHECK_CONTAINS(msgs.buf, "many-problems.xml:16: value 'cloud' is not allowed for fact 'type'");
	CHECK_CONTAINS(msgs.buf, "many-problems.xml:18: clause id 'TEST-2.x'");
	CHECK_CONTAINS(msgs.buf, "many-problems.xml:20: <in> needs an enum fact");
	CHECK_CONTAINS(msgs.buf, "rule set rejected: 8 problems");
	strbuf_release(&msgs);
}

TEST(criteria_schema_violation_rejected_with_line)
{
	struct strbuf msgs;
	strbuf_init(&msgs);
	struct ruleset *rs = load_captured("../fixtures/criteria/not-schema.xml", &msgs);
	CHECK(rs == NULL);
	CHECK_CONTAINS(msgs.buf, "not-schema.xml:8: element clause has extra content: equals");
	strbuf_release(&msgs);
}

static const char *const nd85_ids[] = {
	"ND85-7",    "ND85-8.1",  "ND85-8.2a", "ND85-8.2b", "ND85-8.2c", "ND85-8.3",  "ND85-9.1",
	"ND85-9.2a", "ND85-9.2b", "ND85-9.2c", "ND85-9.3",  "ND85-9.4",  "ND85-10.1", "ND85-10.2",
	"ND85-10.3", "ND85-10.4", "ND85-11.1", "ND85-11.2", "ND85-11.3", "ND85-11.4", "ND85-11.5",
};
static const int nd85_levels[] = {1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5};

static const char *const nd331_ids[] = {
	"ND331-10.5", "ND331-11.1",  "ND331-11.2",  "ND331-12.1",  "ND331-12.2a", "ND331-12.2b",
	"ND331-12.3", "ND331-12.4",  "ND331-13.1",  "ND331-13.2a", "ND331-13.2b", "ND331-13.2c",
	"ND331-13.3", "ND331-13.4",  "ND331-13.5",  "ND331-14.1",  "ND331-14.2",  "ND331-14.3",
	"ND331-14.4", "ND331-15.1",  "ND331-15.2",  "ND331-15.3",  "ND331-15.4",  "ND331-15.5",
};

TEST(criteria_shipped_rule_sets_have_every_clause)
{
	struct ruleset *rs = NULL;
	CHECK_INT(criteria_load("../../criteria/nd85.xml", &rs), 0);
	if (!rs)
		return;
	CHECK_STR(rs->id, "ND85");
	CHECK_STR(rs->effective_from, "2016-07-01");
	CHECK_STR(rs->effective_to, "2026-08-18");
	CHECK_INT(rs->nr_clauses, ARRAY_SIZE(nd85_ids));
	for (size_t i = 0; i < ARRAY_SIZE(nd85_ids); i++) {
		int k = ruleset_clause_index(rs, nd85_ids[i]);
		CHECK(k >= 0);
		if (k >= 0) {
			CHECK_INT(rs->clauses[k].level, nd85_levels[i]);
			CHECK(rs->clauses[k].ref && rs->clauses[k].text_vi && rs->clauses[k].text_en);
		}
	}
	CHECK_INT(strlen(rs->sha256), 64);
	/* Art. 20.2c: levels 3 and 4 yearly, level 5 every 6 months, licensed
	 * from level 3; the organisation every 2 years as the reminder */
	const struct inspection_rule *ir = ruleset_inspection(rs, 5);
	CHECK(ir && ir->months == 6 && ir->independent == INDEP_LICENSED && ir->basis == CADENCE_LAW);
	ir = ruleset_inspection(rs, 4);
	CHECK(ir && ir->months == 12 && ir->independent == INDEP_LICENSED);
	CHECK(ir && ir->severity == SEV_CRITICAL);
	ir = ruleset_inspection(rs, 3);
	CHECK(ir && ir->months == 12 && ir->independent == INDEP_LICENSED && ir->basis == CADENCE_LAW);
	CHECK(ir && ir->severity == SEV_WARNING);
	CHECK_STR(ir ? ir->article : NULL, "ND85 20.2c");
	ir = ruleset_inspection(rs, 2);
	CHECK(ir && ir->months == 24 && ir->independent == INDEP_NONE &&
	      ir->basis == CADENCE_REMINDER && ir->severity == SEV_INFO);
	CHECK(ruleset_inspection(rs, 6) == NULL);
	ruleset_free(rs);

	rs = NULL;
	CHECK_INT(criteria_load("../../criteria/nd331.xml", &rs), 0);
	if (!rs)
		return;
	CHECK_STR(rs->id, "ND331");
	CHECK(rs->effective_to == NULL);
	CHECK_INT(rs->nr_clauses, ARRAY_SIZE(nd331_ids));
	for (size_t i = 0; i < ARRAY_SIZE(nd331_ids); i++)
		CHECK(ruleset_clause_index(rs, nd331_ids[i]) >= 0);
	int k = ruleset_clause_index(rs, "ND331-10.5");
	CHECK(k >= 0 && rs->clauses[k].level_from == F_DECIDED_LEVEL);
	/* Art. 28.5a: no interval in law, the owner's policy; internal
	 * self-assessment lawful at levels 3-4, licensed at level 5 (31.2c) */
	ir = ruleset_inspection(rs, 3);
	CHECK(ir && ir->basis == CADENCE_POLICY && ir->independent == INDEP_INTERNAL);
	ir = ruleset_inspection(rs, 5);
	CHECK(ir && ir->basis == CADENCE_POLICY && ir->independent == INDEP_LICENSED);
	/* the list rule (Law 116 Art. 11.1b) comes first and is conditional */
	CHECK(rs->nr_inspections >= 1 && rs->inspections[0].conditional &&
	      rs->inspections[0].basis == CADENCE_LAW && rs->inspections[0].months == 12);
	CHECK_INT(rs->nr_licensed, 2);
	ruleset_free(rs);
}

TEST(criteria_find_by_id_and_by_date)
{
	struct ruleset *rs = NULL;
	CHECK_INT(criteria_find("auto", "2026-08-18", &rs), 0);
	CHECK_STR(rs ? rs->id : NULL, "ND85");
	ruleset_free(rs);
	rs = NULL;
	CHECK_INT(criteria_find("auto", "2026-08-19", &rs), 0);
	CHECK_STR(rs ? rs->id : NULL, "ND331");
	ruleset_free(rs);
	rs = NULL;
	CHECK_INT(criteria_find("auto", "2016-07-01", &rs), 0);
	CHECK_STR(rs ? rs->id : NULL, "ND85");
	ruleset_free(rs);
	rs = NULL;
	CHECK_INT(criteria_find("ND85", "2030-01-01", &rs), 0);
	CHECK_STR(rs ? rs->id : NULL, "ND85");
	ruleset_free(rs);

	struct strbuf msgs;
	strbuf_init(&msgs);
	rs = NULL;
	diag_capture(&msgs);
	CHECK_INT(criteria_find("auto", "2016-06-30", &rs), -1);
	CHECK_INT(criteria_find("ND99", NULL, &rs), -1);
	CHECK_INT(criteria_find("auto", "2026-13-01", &rs), -1);
	diag_capture(NULL);
	CHECK(rs == NULL);
	CHECK_CONTAINS(msgs.buf, "no rule set is in force on 2016-06-30");
	CHECK_CONTAINS(msgs.buf, "unknown rule set 'ND99'");
	strbuf_release(&msgs);
}

TEST(criteria_condition_format_is_readable)
{
	struct ruleset *rs = NULL;
	CHECK_INT(criteria_load("../../criteria/nd85.xml", &rs), 0);
	if (!rs)
		return;
	struct strbuf sb;
	strbuf_init(&sb);
	condition_format(&rs->clauses[ruleset_clause_index(rs, "ND85-9.2c")].cond, &sb);
	CHECK_STR(sb.buf, "all(type has citizen-business, service.online = yes, "
	                  "any(information.private = yes, information.personal = yes), "
	                  "data-subjects.users >= 10000)");
	strbuf_release(&sb);
	ruleset_free(rs);
}

TEST(criteria_free_accepts_null)
{
	ruleset_free(NULL);
	ruleset_list_free(NULL, 0);
	CHECK(ruleset_inspection(NULL, 3) == NULL);
	CHECK_INT(ruleset_clause_index(NULL, "x"), -1);
	CHECK_INT(independence_parse("yes"), INDEP_LICENSED);
	CHECK_INT(independence_parse("internal"), INDEP_INTERNAL);
	CHECK_INT(independence_parse("no"), INDEP_NONE);
	CHECK_INT(independence_parse("maybe"), -1);
	CHECK_INT(independence_parse(NULL), -1);
}

TEST(criteria_articles_parse_and_read_for_people)
{
	static const struct {
		const char *s, *vi, *en;
	} ok[] = {
		{"ND85 7", "Điều 7 Nghị định 85/2016/NĐ-CP", "Decree 85/2016/ND-CP Art. 7"},
		{"ND85 9.3", "Khoản 3 Điều 9 Nghị định 85/2016/NĐ-CP", "Decree 85/2016/ND-CP Art. 9.3"},
		{"ND85 20.2c", "Điểm c khoản 2 Điều 20 Nghị định 85/2016/NĐ-CP",
		 "Decree 85/2016/ND-CP Art. 20.2(c)"},
		{"ND85 9.2đ", "Điểm đ khoản 2 Điều 9 Nghị định 85/2016/NĐ-CP",
		 "Decree 85/2016/ND-CP Art. 9.2(đ)"},
		{"ND85 PLIII I.1.5.6", "Phụ lục III (mục I.1.5.6) Nghị định 85/2016/NĐ-CP",
		 "Decree 85/2016/ND-CP Annex III (I.1.5.6)"},
	};
	static const char *const bad[] = {"", "nd85 9", "ND85", "ND85 9.", "ND85 9.2cc", "ND85 a",
	                                  "ND85 PLIII", "ND85 PL4 1.1", "ND85 9.2C", "ND85  9"};
	char id[] = "ND85", vi[] = "Nghị định 85/2016/NĐ-CP", en[] = "Decree 85/2016/ND-CP";
	struct legal_document doc = {id, vi, en};
	struct strbuf sb;
	struct article a;
	strbuf_init(&sb);
	for (size_t i = 0; i < ARRAY_SIZE(ok); i++) {
		CHECK_INT(article_parse(ok[i].s, &a), 0);
		strbuf_reset(&sb);
		article_format(ok[i].s, &doc, 0, &sb);
		CHECK_STR(sb.buf, ok[i].vi);
		strbuf_reset(&sb);
		article_format(ok[i].s, &doc, 1, &sb);
		CHECK_STR(sb.buf, ok[i].en);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (article_parse(bad[i], &a) == 0)
			harness_fail(__FILE__, __LINE__, "'%s' parsed as an article", bad[i]);
	strbuf_release(&sb);
}

TEST(criteria_shipped_clauses_cite_articles_and_readings)
{
	static const char *const files[] = {"../../criteria/nd85.xml", "../../criteria/nd331.xml"};
	for (size_t f = 0; f < ARRAY_SIZE(files); f++) {
		struct ruleset *rs = NULL;
		CHECK_INT(criteria_load(files[f], &rs), 0);
		if (!rs)
			continue;
		for (size_t i = 0; i < rs->nr_clauses; i++) {
			struct article a;
			const struct clause *cl = &rs->clauses[i];
			CHECK(cl->article && article_parse(cl->article, &a) == 0);
			/* the clause id is the article: ND85-9.2c codes "ND85 9.2c" */
			if (cl->article && strncmp(cl->id + strlen(rs->id) + 1,
			                           cl->article + strlen(rs->id) + 1, 16))
				harness_fail(__FILE__, __LINE__, "%s cites %s", cl->id, cl->article);
			CHECK(cl->ref && cl->ref_en);
		}
		ruleset_free(rs);
	}
	struct ruleset *rs = NULL;
	CHECK_INT(criteria_load("../../criteria/nd85.xml", &rs), 0);
	if (!rs)
		return;
	int k = ruleset_clause_index(rs, "ND85-9.3");
	CHECK(k >= 0 && rs->clauses[k].nr_readings == 3);
	CHECK(ruleset_reading_index(rs, "shared-platform") >= 0);
	CHECK_STR(rs->clauses[k].ref, "Khoản 3 Điều 9 Nghị định số 85/2016/NĐ-CP");
	CHECK_STR(rs->clauses[k].ref_en, "Decree 85/2016/ND-CP Art. 9.3");
	ruleset_free(rs);
}
