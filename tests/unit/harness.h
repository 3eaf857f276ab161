/*
 * harness.h - a tiny unit-test harness.
 *
 *   TEST(name) { CHECK(x == 1); CHECK_STR(s, "abc"); CHECK_INT(n, 3); }
 *
 * Tests register themselves (no central list to edit). The runner prints
 * each failure with file and line and ends with "N passed, N failed".
 * Tests run with the working directory tests/unit/, so fixtures are at
 * "../fixtures/..." and shipped data at "../../criteria/...".
 */
#ifndef ASSESS_TEST_HARNESS_H
#define ASSESS_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

typedef void (*test_fn)(void);
void harness_register(const char *name, test_fn fn);
void harness_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A new empty file for a test database (heap path; free it with
 * harness_drop_db, which also removes the file and its WAL files). */
char *harness_temp_db(void);
void harness_drop_db(char *path);

#define TEST(name)                                                         \
	static void test_##name(void);                                         \
	__attribute__((constructor)) static void register_##name(void)         \
	{                                                                      \
		harness_register(#name, test_##name);                              \
	}                                                                      \
	static void test_##name(void)

#define CHECK(cond)                                                        \
	do {                                                                   \
		if (!(cond))                                                       \
			harness_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);          \
	} while (0)

#define CHECK_INT(got, want)                                               \
	do {                                                                   \
		long long got_ = (long long)(got), want_ = (long long)(want);      \
		if (got_ != want_)                                                 \
			harness_fail(__FILE__, __LINE__, "%s == %lld, want %lld", #got, \
			             got_, want_);                                     \
	} while (0)

#define CHECK_STR(got, want)                                               \
	do {                                                                   \
		const char *got_ = (got), *want_ = (want);                         \
		if (!got_ || !want_ || strcmp(got_, want_))                        \
			harness_fail(__FILE__, __LINE__, "%s == \"%s\", want \"%s\"",  \
			             #got, got_ ? got_ : "(null)", want_ ? want_ : "(null)"); \
	} while (0)

/* Does haystack contain needle? */
#define CHECK_CONTAINS(haystack, needle)                                   \
	do {                                                                   \
		const char *h_ = (haystack), *n_ = (needle);                       \
		if (!h_ || !strstr(h_, n_))                                        \
			harness_fail(__FILE__, __LINE__, "%s does not contain \"%s\" (it is \"%s\")", \
			             #haystack, n_, h_ ? h_ : "(null)");                \
	} while (0)

#endif
