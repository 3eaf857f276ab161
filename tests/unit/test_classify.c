/* Unit tests of classify.c: three-valued logic, thresholds, composites,
 * pattern limits, and every row of the shared acceptance table. */
#include <stdlib.h>

#include "classify.h"
#include "criteria.h"
#include "diag.h"
#include "harness.h"
#include "inventory.h"
#include "run.h"
#include "strmap.h"
#include "util.h"

/* Tests run in tests/unit: the data directory is the source tree. */
__attribute__((constructor)) static void classify_tests_datadir(void)
{
	setenv("ASSESS_DATADIR", "../..", 0);
}

static struct ruleset *load(const char *file)
{
	struct ruleset *rs = NULL;
	CHECK_INT(criteria_load(file, &rs), 0);
	return rs;
}

static const char *tri_text[] = {"no", "unknown", "yes"};

TEST(classify_three_valued_truth_tables)
{
	struct ruleset *rs = load("../fixtures/criteria/logic.xml");
	if (!rs)
		return;
	const char *vals[] = {"no", NULL, "yes"}; /* index = enum tri */
	int and_ = ruleset_clause_index(rs, "LOGIC-1.1"), or_ = ruleset_clause_index(rs, "LOGIC-1.2"),
	    not_ = ruleset_clause_index(rs, "LOGIC-1.3");
	for (int a = 0; a < 3; a++)
		for (int b = 0; b < 3; b++) {
			struct system_record rec;
			struct system_result res;
			system_record_init(&rec);
			system_result_init(&res, "s");
			system_record_set(&rec, F_TYPE, "internal");
			system_record_set(&rec, F_INFO_PUBLIC, vals[a]);
			system_record_set(&rec, F_INFO_PRIVATE, vals[b]);
			classify_system(rs, &rec, &res);
			int want_and = a < b ? a : b, want_or = a > b ? a : b;
			int want_not = a == TRI_YES ? TRI_NO : a == TRI_NO ? TRI_YES : TRI_UNKNOWN;
			if (res.outcomes[and_] != want_and || res.outcomes[or_] != want_or ||
			    res.outcomes[not_] != want_not)
				harness_fail(__FILE__, __LINE__,
				             "public=%s private=%s: and %s or %s not %s", tri_text[a],
				             tri_text[b], tri_text[res.outcomes[and_]],
				             tri_text[res.outcomes[or_]], tri_text[res.outcomes[not_]]);
			/* the same through the bare evaluator */
			CHECK_INT(classify_condition(&rs->clauses[and_].cond, &rec), want_and);
			CHECK_INT(classify_condition(&rs->clauses[or_].cond, &rec), want_or);
			system_result_release(&res);
			system_record_release(&rec);
		}
	ruleset_free(rs);
}

/* Classify a citizen-business system with users under logic.xml. */
static void classify_users(const struct ruleset *rs, const char *users, struct system_result *res)
{
	struct system_record rec;
	system_record_init(&rec);
	system_record_set(&rec, F_TYPE, "citizen-business");
	system_record_set(&rec, F_INFO_PUBLIC, "no");
	system_record_set(&rec, F_INFO_PRIVATE, "no");
	system_record_set(&rec, F_DS_USERS, users);
	system_result_init(res, "s");
	classify_system(rs, &rec, res);
	system_record_release(&rec);
}

TEST(classify_thresholds_at_the_boundary)
{
	struct ruleset *rs = load("../fixtures/criteria/logic.xml");
	if (!rs)
		return;
	struct system_result res;
	int below = ruleset_clause_index(rs, "LOGIC-2.1"), at_least = ruleset_clause_index(rs, "LOGIC-3.1");
	classify_users(rs, "9999", &res);
	CHECK_INT(res.level, 2);
	CHECK_INT(res.outcomes[below], TRI_YES);
	CHECK_INT(res.outcomes[at_least], TRI_NO);
	CHECK_INT(res.deciding_clause, below);
	system_result_release(&res);
	classify_users(rs, "10000", &res);
	CHECK_INT(res.level, 3);
	CHECK_INT(res.outcomes[below], TRI_NO);
	CHECK_INT(res.outcomes[at_least], TRI_YES);
	system_result_release(&res);
	classify_users(rs, "10001", &res);
	CHECK_INT(res.level, 3);
	CHECK(res.determined);
	system_result_release(&res);
	/* unknown count: both clauses unknown, undetermined 0..3, the fact named */
	classify_users(rs, NULL, &res);
	CHECK_INT(res.level, 0);
	CHECK(!res.determined);
	CHECK_INT(res.level_low, 0);
	CHECK_INT(res.level_high, 3);
	CHECK_STR(res.reason, "data-subjects.users is unknown");
	system_result_release(&res);
	ruleset_free(rs);
}

TEST(classify_near_threshold_within_ten_percent)
{
	struct ruleset *rs = load("../fixtures/criteria/logic.xml");
	if (!rs)
		return;
	struct system_result res;
	classify_users(rs, "9000", &res);
	CHECK_STR(res.near_threshold, "data-subjects.users = 9000 (threshold 10000)");
	system_result_release(&res);
	classify_users(rs, "8999", &res);
	CHECK(res.near_threshold == NULL);
	system_result_release(&res);
	classify_users(rs, "11000", &res);
	CHECK_STR(res.near_threshold, "data-subjects.users = 11000 (threshold 10000)");
	system_result_release(&res);
	classify_users(rs, "11001", &res);
	CHECK(res.near_threshold == NULL);
	system_result_release(&res);

	/* a count that cannot change the level is not near: wrong type */
	struct system_record rec;
	system_record_init(&rec);
	system_record_set(&rec, F_TYPE, "internal");
	system_record_set(&rec, F_DS_USERS, "9600");
	system_result_init(&res, "s");
	classify_system(rs, &rec, &res);
	CHECK(res.near_threshold == NULL);
	system_result_release(&res);
	system_record_release(&rec);
	ruleset_free(rs);
}

TEST(classify_catastrophic_pattern_is_unknown_not_hung)
{
	struct ruleset *rs = load("../fixtures/criteria/logic.xml");
	if (!rs)
		return;
	char text[20001];
	memset(text, 'a', sizeof(text) - 2);
	text[sizeof(text) - 2] = 'b';
	text[sizeof(text) - 1] = '\0';
	struct system_record rec;
	struct system_result res;
	system_record_init(&rec);
	system_record_set(&rec, F_TYPE, "other");
	system_record_set(&rec, F_DESCRIPTION, text);
	system_result_init(&res, "s");
	int hits = classify_system(rs, &rec, &res);
	CHECK_INT(hits, 1);
	CHECK_INT(res.outcomes[ruleset_clause_index(rs, "LOGIC-4.1")], TRI_UNKNOWN);
	CHECK(!res.determined);
	CHECK_CONTAINS(res.reason, "pattern /(a+)+$/ on description hit the match limit");
	system_result_release(&res);
	/* a plain text matches normally */
	system_record_set(&rec, F_DESCRIPTION, "aaaa");
	system_result_init(&res, "s");
	CHECK_INT(classify_system(rs, &rec, &res), 0);
	CHECK_INT(res.level, 4);
	system_result_release(&res);
	system_record_release(&rec);
	ruleset_free(rs);
}

TEST(classify_known_gate_and_level_from)
{
	struct ruleset *rs = load("../fixtures/criteria/logic.xml");
	if (!rs)
		return;
	struct system_record rec;
	struct system_result res;
	system_record_init(&rec);
	system_record_set(&rec, F_TYPE, "infrastructure");
	system_result_init(&res, "s");
	classify_system(rs, &rec, &res);
	/* scope not stated: <known> fails, so the clause fails, never unknown */
	CHECK_INT(res.outcomes[ruleset_clause_index(rs, "LOGIC-4.2")], TRI_NO);
	CHECK_STR(res.reason, "no clause of LOGIC covers this system");
	system_result_release(&res);

	system_record_set(&rec, F_TYPE, "industrial-control");
	system_result_init(&res, "s");
	classify_system(rs, &rec, &res);
	CHECK_INT(res.level, 0);
	CHECK_STR(res.reason, "nothing covers an industrial control system here");
	system_result_release(&res);
	system_record_set(&rec, F_DECIDED_LEVEL, "4");
	system_result_init(&res, "s");
	classify_system(rs, &rec, &res);
	CHECK_INT(res.level, 4);
	CHECK_INT(res.deciding_clause, ruleset_clause_index(rs, "LOGIC-5"));
	system_result_release(&res);
	system_record_set(&rec, F_DECIDED_LEVEL, "9");
	system_result_init(&res, "s");
	classify_system(rs, &rec, &res);
	CHECK_INT(res.level, 0);
	CHECK_CONTAINS(res.reason, "decided-level.level is not a level 1..5");
	system_result_release(&res);
	system_record_release(&rec);
	ruleset_free(rs);
}

/* A result as classify_system would leave it, with the given own range. */
static void own(struct system_result *r, const char *id, int low, int high)
{
	system_result_init(r, id);
	r->own_level_low = r->level_low = low;
	r->own_level_high = r->level_high = high;
	r->determined = low == high && low > 0;
	r->level = r->determined ? low : 0;
	r->deciding_clause = low ? 7 : -1;
	if (!r->determined)
		r->reason = xstrdup("information.personal is unknown");
}

TEST(classify_composite_three_deep)
{
	struct system_result r[4];
	own(&r[0], "top", 1, 1);
	own(&r[1], "mid", 2, 2);
	own(&r[2], "leaf", 4, 4);
	own(&r[3], "alone", 3, 3);
	size_t c0[] = {1}, c1[] = {2};
	const size_t *comps[] = {c0, c1, NULL, NULL};
	size_t nr[] = {1, 1, 0, 0};
	classify_aggregate(r, 4, comps, nr);
	CHECK_INT(r[0].level, 4);
	CHECK(r[0].determined);
	CHECK_STR(r[0].deciding_component, "leaf");
	CHECK_INT(r[0].deciding_clause, -1);
	CHECK_INT(r[1].level, 4);
	CHECK_STR(r[1].deciding_component, "leaf");
	CHECK_INT(r[2].level, 4);
	CHECK(r[2].deciding_component == NULL);
	CHECK_INT(r[2].deciding_clause, 7);
	CHECK_INT(r[3].level, 3);
	for (int i = 0; i < 4; i++)
		system_result_release(&r[i]);
}

TEST(classify_component_cycle_terminates_and_shares_max)
{
	struct system_result r[3];
	own(&r[0], "a", 2, 2);
	own(&r[1], "b", 3, 3);
	own(&r[2], "c", 1, 1);
	size_t ca[] = {1, 0}, cb[] = {0, 2}, cc[] = {2, 9};
	const size_t *comps[] = {ca, cb, cc};
	size_t nr[] = {2, 2, 2}; /* self-loops and an index out of range too */
	classify_aggregate(r, 3, comps, nr);
	CHECK_INT(r[0].level, 3);
	CHECK_INT(r[1].level, 3);
	CHECK_STR(r[0].deciding_component, "b");
	CHECK(r[1].deciding_component == NULL);
	CHECK_INT(r[2].level, 1);
	for (int i = 0; i < 3; i++)
		system_result_release(&r[i]);
}

TEST(classify_composite_undetermined_component)
{
	struct system_result r[4];
	own(&r[0], "parent", 2, 2);
	own(&r[1], "doubt", 2, 3);  /* could be 3: the parent is open too */
	own(&r[2], "parent2", 3, 3);
	own(&r[3], "uncovered", 0, 0);
	size_t c0[] = {1}, c2[] = {1, 3};
	const size_t *comps[] = {c0, NULL, c2, NULL};
	size_t nr[] = {1, 0, 2, 0};
	classify_aggregate(r, 4, comps, nr);
	CHECK(!r[0].determined);
	CHECK_INT(r[0].level, 0);
	CHECK_INT(r[0].level_low, 2);
	CHECK_INT(r[0].level_high, 3);
	CHECK_STR(r[0].reason, "component doubt: information.personal is unknown");
	/* parent2 is 3 whatever "doubt" is, but "uncovered" needs a decision */
	CHECK(!r[2].determined);
	CHECK_STR(r[2].reason, "component uncovered: information.personal is unknown");
	for (int i = 0; i < 4; i++)
		system_result_release(&r[i]);
}

TEST(classify_aggregate_without_components)
{
	struct system_result r[1];
	own(&r[0], "x", 2, 2);
	classify_aggregate(r, 1, NULL, NULL);
	CHECK_INT(r[0].level, 2);
	classify_aggregate(NULL, 0, NULL, NULL);
	system_result_release(&r[0]);
}

/* ---- acceptance: every row of tests/fixtures/shared/expected.tsv ---- */

struct systems {
	struct system_record *recs;
	size_t nr, alloc;
};

static int keep_system(void *data, const struct system_record *rec)
{
	struct systems *s = data;
	ALLOC_GROW(s->recs, s->nr + 1, s->alloc);
	struct system_record *copy = &s->recs[s->nr++];
	system_record_init(copy);
	for (int i = 0; i < F__COUNT; i++)
		system_record_set(copy, (enum fact_id)i, rec->value[i]);
	copy->components = xcalloc(rec->nr_components + 1, sizeof(*copy->components));
	for (size_t i = 0; i < rec->nr_components; i++)
		copy->components[i].ref = xstrdup(rec->components[i].ref);
	copy->nr_components = copy->alloc_components = rec->nr_components;
	return 0;
}

static void release_systems(struct systems *s)
{
	for (size_t i = 0; i < s->nr; i++)
		system_record_release(&s->recs[i]);
	free(s->recs);
}

/* Classify every system of s under rs, with composites resolved. */
static struct system_result *classify_all(const struct ruleset *rs, struct systems *s,
                                          struct strmap *index)
{
	struct system_result *res = xcalloc(s->nr, sizeof(*res));
	size_t **comps = xcalloc(s->nr, sizeof(*comps));
	size_t *nr = xcalloc(s->nr, sizeof(*nr));
	for (size_t i = 0; i < s->nr; i++) {
		system_result_init(&res[i], s->recs[i].value[F_ID]);
		classify_system(rs, &s->recs[i], &res[i]);
		comps[i] = xcalloc(s->recs[i].nr_components + 1, sizeof(**comps));
		for (size_t k = 0; k < s->recs[i].nr_components; k++) {
			size_t j;
			if (strmap_get(index, s->recs[i].components[k].ref, &j))
				comps[i][nr[i]++] = j;
		}
	}
	classify_aggregate(res, s->nr, (const size_t *const *)comps, nr);
	for (size_t i = 0; i < s->nr; i++)
		free(comps[i]);
	free(comps);
	free(nr);
	return res;
}

TEST(classify_acceptance_every_row_of_expected_tsv)
{
	const char *files[] = {"typical-systems.xml", "inventory-an-hoa.xml"};
	struct systems sys = {0};
	struct strmap index;
	strmap_init(&index);
	struct inventory_checker *chk = inventory_checker_new();
	struct inventory_sink sink = {&sys, NULL, NULL, keep_system};
	for (size_t f = 0; f < ARRAY_SIZE(files); f++) {
		char path[256];
		snprintf(path, sizeof(path), "../fixtures/shared/%s", files[f]);
		CHECK_INT(inventory_read(chk, path, &sink), 0);
	}
	inventory_checker_free(chk);
	for (size_t i = 0; i < sys.nr; i++)
		strmap_put(&index, sys.recs[i].value[F_ID], i, NULL);
	CHECK_INT(sys.nr, 37);

	struct ruleset *nd85 = load("../../criteria/nd85.xml"), *nd331 = load("../../criteria/nd331.xml");
	if (!nd85 || !nd331 || !sys.nr)
		goto out;
	struct system_result *r85 = classify_all(nd85, &sys, &index);
	struct system_result *r331 = classify_all(nd331, &sys, &index);

	FILE *tsv = fopen("../fixtures/shared/expected.tsv", "r");
	CHECK(tsv != NULL);
	char line[1024];
	int rows = 0;
	while (tsv && fgets(line, sizeof(line), tsv)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		char *field[6], *save = NULL, *p = line;
		int nf = 0;
		for (char *t; nf < 6 && (t = strtok_r(p, "\t", &save)); p = NULL)
			field[nf++] = t;
		if (nf != 6) {
			harness_fail(__FILE__, __LINE__, "bad row: %s", line);
			continue;
		}
		rows++;
		const char *rules = field[2], *id = field[3], *level = field[4];
		const struct ruleset *rs = !strcmp(rules, "ND85") ? nd85 : nd331;
		struct system_result *res = !strcmp(rules, "ND85") ? r85 : r331;
		size_t i;
		if (!strmap_get(&index, id, &i)) {
			harness_fail(__FILE__, __LINE__, "%s %s: no such system", rules, id);
			continue;
		}
		const struct system_result *r = &res[i];
		if (!strcmp(level, "undetermined")) {
			if (r->determined)
				harness_fail(__FILE__, __LINE__, "%s %s: level %d, want undetermined",
				             rules, id, r->level);
		} else if (!r->determined || r->level != atoi(level)) {
			harness_fail(__FILE__, __LINE__, "%s %s: level %d (%d..%d, %s), want %s", rules,
			             id, r->level, r->level_low, r->level_high,
			             r->reason ? r->reason : "determined", level);
		}
		if (strcmp(field[5], "-")) {
			char *save2 = NULL;
			for (char *c = strtok_r(field[5], ",", &save2); c; c = strtok_r(NULL, ",", &save2)) {
				int k = ruleset_clause_index(rs, c);
				if (k < 0 || r->outcomes[k] != TRI_YES)
					harness_fail(__FILE__, __LINE__, "%s %s: clause %s does not hold",
					             rules, id, c);
			}
		}
	}
	if (tsv)
		fclose(tsv);
	CHECK_INT(rows, 74);

	/* what the table does not say but the brief does */
	size_t i;
	if (strmap_get(&index, "t23-tong-hop", &i)) {
		CHECK_STR(r85[i].deciding_component, "t09-tthc-tinh");
		CHECK_STR(r331[i].deciding_component, "t09-tthc-tinh");
	}
	if (strmap_get(&index, "ah-dat-lich", &i)) {
		CHECK_STR(r85[i].near_threshold, "data-subjects.users = 9600 (threshold 10000)");
		CHECK_STR(r331[i].near_threshold, "data-subjects.sensitive = 9600 (threshold 10000)");
	}
	if (strmap_get(&index, "t24-day-chuyen", &i))
		CHECK_STR(r85[i].reason, "ics.work-grade none: not a construction work");
	if (strmap_get(&index, "ah-kho-dl", &i)) {
		CHECK_STR(r85[i].reason,
		          "no clause covers a system of type other under ND85: the level needs a decision");
		CHECK_STR(r331[i].reason, "type other under ND331: the level is decided by the Prime "
		                          "Minister or by a risk assessment (decided-level), none stated");
	}
	if (strmap_get(&index, "ah-tthc", &i)) {
		CHECK_INT(r85[i].deciding_clause, ruleset_clause_index(nd85, "ND85-9.2a"));
		CHECK(r85[i].deciding_component == NULL);
	}
	for (size_t k = 0; k < sys.nr; k++) {
		system_result_release(&r85[k]);
		system_result_release(&r331[k]);
	}
	free(r85);
	free(r331);
out:
	ruleset_free(nd85);
	ruleset_free(nd331);
	strmap_release(&index);
	release_systems(&sys);
}

/* An online service under the shipped ND85 rule set. */
static void nd85_service(const struct ruleset *rs, const char *cond, const char *users,
                         struct system_result *res)
{
	struct system_record rec;
	system_record_init(&rec);
	system_record_set(&rec, F_TYPE, "citizen-business");
	system_record_set(&rec, F_INFO_PUBLIC, "yes");
	system_record_set(&rec, F_INFO_PRIVATE, "yes");
	system_record_set(&rec, F_INFO_PERSONAL, "yes");
	system_record_set(&rec, F_INFO_SECRET, "none");
	system_record_set(&rec, F_INFO_DEFENCE, "no");
	system_record_set(&rec, F_SVC_ONLINE, "yes");
	system_record_set(&rec, F_SVC_MODE, "none");
	system_record_set(&rec, F_SVC_COND, cond);
	system_record_set(&rec, F_DS_USERS, users);
	system_result_init(res, "svc");
	classify_system(rs, &rec, res);
	system_record_release(&rec);
}

TEST(classify_unknown_conditional_business_both_ways)
{
	struct ruleset *rs = load("../../criteria/nd85.xml");
	if (!rs)
		return;
	struct system_result res;
	/* 8,000 users: 2 if not conditional, 3 if it is: the answer depends on it */
	nd85_service(rs, NULL, "8000", &res);
	CHECK(!res.determined);
	CHECK_INT(res.level_low, 2);
	CHECK_INT(res.level_high, 3);
	CHECK_STR(res.reason, "service.conditional-business is unknown");
	system_result_release(&res);
	/* 12,000 users: 3 either way */
	nd85_service(rs, NULL, "12000", &res);
	CHECK(res.determined);
	CHECK_INT(res.level, 3);
	CHECK_INT(res.deciding_clause, ruleset_clause_index(rs, "ND85-9.2c"));
	system_result_release(&res);
	nd85_service(rs, "no", "8000", &res);
	CHECK_INT(res.level, 2);
	system_result_release(&res);
	ruleset_free(rs);
}

/* An internal system with private and personal information, the state
 * secret class secret, not serving defence or security. */
static void internal_record(struct system_record *rec, const char *secret)
{
	system_record_init(rec);
	system_record_set(rec, F_TYPE, "internal");
	system_record_set(rec, F_INFO_PUBLIC, "no");
	system_record_set(rec, F_INFO_PRIVATE, "yes");
	system_record_set(rec, F_INFO_PERSONAL, "yes");
	system_record_set(rec, F_INFO_SECRET, secret);
	system_record_set(rec, F_INFO_DEFENCE, "no");
}

TEST(classify_nd331_secret_without_harm_is_undetermined)
{
	struct ruleset *rs = load("../../criteria/nd331.xml");
	if (!rs)
		return;
	struct system_record rec;
	struct system_result res;
	internal_record(&rec, "mat");
	system_result_init(&res, "secret");
	classify_system(rs, &rec, &res);
	CHECK(!res.determined);
	CHECK_INT(res.level_high, 5);
	CHECK_STR(res.reason, "harm.national-security is unknown, harm.strategic is unknown");
	system_result_release(&res);
	/* a risk assessment raises the level (Art. 10.5) */
	system_record_set(&rec, F_HARM_NATSEC, "harm");
	system_record_set(&rec, F_DECIDED_LEVEL, "4");
	system_record_set(&rec, F_DECIDED_BY, "risk-assessment");
	system_result_init(&res, "secret");
	classify_system(rs, &rec, &res);
	CHECK_INT(res.level, 4);
	CHECK_INT(res.deciding_clause, ruleset_clause_index(rs, "ND331-10.5"));
	CHECK_INT(res.outcomes[ruleset_clause_index(rs, "ND331-13.1")], TRI_YES);
	system_result_release(&res);
	system_record_release(&rec);
	ruleset_free(rs);
}

/* A clause that holds because of a reading says so: the internal e-mail
 * platform of 60 agencies is shared infrastructure only by a reading; the
 * provincial data centre is infrastructure by the text. */
TEST(classify_readings_of_held_clauses)
{
	struct ruleset *rs = load("../../criteria/nd85.xml");
	if (!rs)
		return;
	struct system_record rec;
	struct system_result res;
	internal_record(&rec, "none");
	system_record_set(&rec, F_SHARED_AGENCIES, "60");
	system_record_set(&rec, F_SCOPE, "ministry");
	system_result_init(&res, "mail");
	classify_system(rs, &rec, &res);
	CHECK_INT(res.level, 3);
	CHECK_STR(res.readings, "ND85-9.3=shared-platform ND85-9.3=ministry-sector");
	struct strbuf sb;
	strbuf_init(&sb);
	result_clause_readings(&res, "ND85-9.3", &sb);
	CHECK_STR(sb.buf, "shared-platform ministry-sector");
	strbuf_reset(&sb);
	result_clause_readings(&res, "ND85-9.", &sb);
	CHECK_STR(sb.buf, "");
	system_result_release(&res);
	system_record_set(&rec, F_TYPE, "infrastructure");
	system_record_set(&rec, F_SCOPE, "province");
	system_result_init(&res, "dc");
	classify_system(rs, &rec, &res);
	CHECK_INT(res.level, 3);
	CHECK(res.readings == NULL);
	system_result_release(&res);
	strbuf_release(&sb);
	system_record_release(&rec);
	ruleset_free(rs);
}
