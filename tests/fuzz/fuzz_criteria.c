/*
 * fuzz_criteria.c - libFuzzer target for the criteria (rule set) loader.
 *
 * Each input is written to one reused temporary file and loaded with
 * criteria_load(); a loaded rule set is formatted (every condition walked)
 * and freed. Messages go to a buffer reset per input.
 */
#include "criteria.h"
#include "fuzz_file.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup("criteria", "xml");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write(data, size);
	struct ruleset *rs = NULL;
	if (criteria_load(fuzz_path, &rs) == 0) {
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
	fuzz_done();
	return 0;
}
