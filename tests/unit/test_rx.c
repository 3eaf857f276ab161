/* Unit tests of rx.c: UTF matching and the backtracking limits. */
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
