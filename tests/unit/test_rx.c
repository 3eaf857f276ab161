/* Unit tests of rx.c: UTF matching and the backtracking limits. */
#include <pthread.h>
#include <stdlib.h>

#include "harness.h"
#include "rx.h"

TEST(rx_matches_vietnamese_text)
{
	char *err = NULL;
	struct rx *rx = rx_compile("^[0-9]+(/[0-9]{4})?/QĐ-[\\p{Lu}]+$", &err);
	CHECK(rx != NULL);
	const char *ok = "1520/QĐ-UBND", *bad = "1520-QD";
	CHECK_INT(rx_match(rx, ok, strlen(ok), NULL), 1);
	CHECK_INT(rx_match(rx, bad, strlen(bad), NULL), 0);
	rx_free(rx);
	rx = rx_compile("\\bthủ tục hành chính\\b", &err);
	const char *name = "Hệ thống giải quyết thủ tục hành chính tỉnh";
	CHECK_INT(rx_match(rx, name, strlen(name), NULL), 1);
	rx_free(rx);
}

TEST(rx_bad_pattern_is_reported)
{
	char *err = NULL;
	CHECK(rx_compile("(abc", &err) == NULL);
	CHECK_CONTAINS(err, "offset 4");
	free(err);
}

TEST(rx_catastrophic_backtracking_hits_limit)
{
	char *err = NULL;
	struct rx *rx = rx_compile("^(a+)+$", &err);
	char subject[64];
	memset(subject, 'a', 40);
	subject[40] = 'b';
	subject[41] = '\0';
	CHECK_INT(rx_match(rx, subject, 41, &err), -1);
	CHECK_CONTAINS(err, "limit");
	free(err);
	rx_free(rx);
}

TEST(rx_invalid_utf8_is_an_error_not_a_crash)
{
	char *err = NULL;
	struct rx *rx = rx_compile("a", &err);
	const char bad[] = "\xff\xfe a";
	CHECK_INT(rx_match(rx, bad, sizeof(bad) - 1, &err), -1);
	free(err);
	rx_free(rx);
}

/* The step budget of an unanchored pattern is per call: a call that spent
 * it does not leave the next one without. */
TEST(rx_step_budget_is_per_call)
{
	char *err = NULL;
	struct rx *rx = rx_compile("(a|aa)+[cd]", &err);
	char subject[64];
	memset(subject, 'a', 40);
	subject[40] = 'b';
	CHECK_INT(rx_match(rx, subject, 41, &err), -1);
	CHECK_CONTAINS(err, "limit");
	free(err);
	CHECK_INT(rx_match(rx, "aac", 3, NULL), 1);
	CHECK_INT(rx_match(rx, "aab", 3, NULL), 0);
	rx_free(rx);
}

struct rx_job {
	const struct rx *rx;
	int wrong;
};

static void *match_many(void *data)
{
	struct rx_job *job = data;
	char yes[32], no[32];
	memset(yes, 'a', 16);
	yes[16] = 'c';
	memset(no, 'a', 18);
	no[18] = 'b';
	for (int i = 0; i < 100; i++)
		job->wrong += (rx_match(job->rx, yes, 17, NULL) != 1) +
		              (rx_match(job->rx, no, 19, NULL) != 0);
	return NULL;
}

/* One compiled expression used by two threads at once (classification
 * runs pass 2 on a thread of its own): every answer is right. */
TEST(rx_one_expression_two_threads)
{
	char *err = NULL;
	struct rx *rx = rx_compile("(a|aa)+[cd]", &err);
	struct rx_job a = {rx, 0}, b = {rx, 0};
	pthread_t ta, tb;
	CHECK_INT(pthread_create(&ta, NULL, match_many, &a), 0);
	CHECK_INT(pthread_create(&tb, NULL, match_many, &b), 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	CHECK_INT(a.wrong, 0);
	CHECK_INT(b.wrong, 0);
	rx_free(rx);
}
