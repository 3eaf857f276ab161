/*
 * Unit tests against hostile input: pattern matching budgets, atomic output
 * files, and the inventory reader and criteria loader on broken or
 * malicious files (they must reject, never crash, hang or fetch).
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "criteria.h"
#include "diag.h"
#include "harness.h"
#include "inventory.h"
#include "rx.h"
#include "util.h"

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* n copies of unit followed by tail, NUL-terminated; caller frees. */
static char *repeat(const char *unit, size_t n, const char *tail, size_t *len)
{
	size_t ul = strlen(unit), tl = strlen(tail);
	char *s = xmalloc(ul * n + tl + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * ul, unit, ul);
	memcpy(s + ul * n, tail, tl + 1);
	*len = ul * n + tl;
	return s;
}

/*
 * PCRE2 counts its match limit per start position: a pattern that
 * backtracks a little under the limit at each of thousands of positions
 * runs for minutes. The limit must bound the whole match.
 */
TEST(hostile_rx_backtracking_bounded_over_all_start_positions)
{
	char *err = NULL;
	struct rx *rx = rx_compile("(a+)+c", &err);
	size_t len;
	char *subject = repeat("aaaaaaaaaaaaaaaaab", 2000, "c", &len);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int r = rx_match(rx, subject, len, &err);
	double t = seconds_since(&t0);
	CHECK_INT(r, -1);
	CHECK_CONTAINS(err, "limit");
	if (t > 2.0)
		harness_fail(__FILE__, __LINE__, "matching took %.1f s", t);
	free(err);
	free(subject);
	rx_free(rx);
}

/* The budget must not break ordinary patterns on long, harmless text. */
TEST(hostile_rx_long_subject_still_matches)
{
	char *err = NULL;
	struct rx *rx = rx_compile("\\bthủ tục hành chính\\b", &err);
	size_t len;
	char *subject = repeat("Hệ thống quản lý ", 20000, "thủ tục hành chính", &len);
	CHECK_INT(rx_match(rx, subject, len, &err), 1);
	free(subject);
	subject = repeat("x", 100000, "", &len);
	CHECK_INT(rx_match(rx, subject, len, &err), 0);
	rx_free(rx);
	rx = rx_compile("^x*y?$", &err);
	CHECK_INT(rx_match(rx, subject, len, &err), 1);
	free(subject);
	rx_free(rx);
}
