/*
 * fuzz_criteria.c - libFuzzer target for the criteria (rule set) loader.
 *
 * Each input is written to one reused temporary file and loaded with
 * criteria_load(); a loaded rule set is formatted (every condition walked)
 * and freed. Messages go to a buffer reset per input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "criteria.h"
#include "diag.h"
#include "util.h"
#include "xmlsafe.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[4096];
static struct strbuf messages;

static void remove_input(void)
{
	unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	snprintf(path, sizeof(path), "%s/fuzz-criteria-%ld.xml", dir ? dir : "/tmp", (long)getpid());
	atexit(remove_input);
	xmlsafe_init();
	strbuf_init(&messages);
	diag_capture(&messages);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);

	struct ruleset *rs = NULL;
	if (criteria_load(path, &rs) == 0) {
		struct strbuf sb;
		strbuf_init(&sb);
		for (size_t i = 0; i < rs->nr_clauses; i++) {
			condition_format(&rs->clauses[i].cond, &sb);
			ruleset_clause_index(rs, rs->clauses[i].id);
		}
		for (size_t i = 0; i < rs->nr_gaps; i++)
			condition_format(&rs->gaps[i].cond, &sb);
		for (int level = 1; level <= 5; level++)
			ruleset_inspection(rs, level);
		strbuf_release(&sb);
	}
	ruleset_free(rs);
	strbuf_reset(&messages);
	diag_reset_problems();
	return 0;
}
