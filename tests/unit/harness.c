/*
 * harness.c - runs every registered test; optional argument: a name filter.
 */
#include "harness.h"

#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#include "xmlio.h"

struct test {
	const char *name;
	test_fn fn;
};

static struct test tests[1024];
static int nr_tests;
static int current_failed;

void harness_register(const char *name, test_fn fn)
{
	if (nr_tests < (int)(sizeof(tests) / sizeof(tests[0])))
		tests[nr_tests++] = (struct test){name, fn};
}

void harness_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stdout, "  %s:%d: ", file, line);
	vfprintf(stdout, fmt, ap);
	fputc('\n', stdout);
	va_end(ap);
	current_failed = 1;
}

char *harness_temp_db(void)
{
	static const char pattern[] = "/tmp/assess-test-db-XXXXXX";
	char *path = malloc(sizeof(pattern));
	if (!path)
		abort();
	memcpy(path, pattern, sizeof(pattern));
	int fd = mkstemp(path);
	if (fd >= 0)
		close(fd);
	return path;
}

void harness_drop_db(char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm"};
	char side[512];
	for (size_t i = 0; path && i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(side, sizeof(side), "%s%s", path, suffixes[i]);
		unlink(side);
	}
	free(path);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct test *)a)->name, ((const struct test *)b)->name);
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	xmlio_init();
	qsort(tests, (size_t)nr_tests, sizeof(tests[0]), by_name);
	for (int i = 0; i < nr_tests; i++) {
		if (argc > 1 && !strstr(tests[i].name, argv[1]))
			continue;
		current_failed = 0;
		tests[i].fn();
		if (current_failed) {
			printf("FAIL %s\n", tests[i].name);
			failed++;
		} else {
			passed++;
		}
	}
	xmlio_cleanup();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
