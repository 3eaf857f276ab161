/*
 * fuzz_database.c - libFuzzer target for the store over database files
 * from anyone (an untrusted --db).
 *
 * Each input is written to one reused temporary file, opened with
 * store_open() (which refuses a file that is not ours or not as we made
 * it), and read the ways the commands read it: the runs (`runs`), the
 * latest run as the whole results document (`results`, the reports), one
 * system of it (`explain`), the latest snapshot and its organizations, and
 * a classification of that snapshot (`classify`, which stores a run that
 * is then read back). A value we never write must be refused as "database
 * corrupt", never crash. Messages go to a buffer reset per input.
 */
#include <string.h>

#include <libxml/tree.h>

#include "evaluate.h"
#include "fuzz_file.h"
#include "results.h"
#include "store.h"

/* The input and the files SQLite makes beside it. */
static void remove_database(void)
{
	static const char *const suffixes[] = {"-wal", "-shm", "-journal"};
	char name[4200];
	fuzz_remove_input();
	for (size_t i = 0; i < ARRAY_SIZE(suffixes); i++) {
		snprintf(name, sizeof(name), "%s%s", fuzz_path, suffixes[i]);
		unlink(name);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup("database", "db");
	atexit(remove_database);
	return 0;
}

static int on_run(void *data, const struct run_info *info)
{
	*(size_t *)data += fuzz_touch(info->rules) + fuzz_touch(info->date) + fuzz_touch(info->as_of) +
	                   (size_t)info->systems;
	return 0;
}

static int on_run_system(void *data, const struct run_system_view *v)
{
	size_t *n = data;
	const struct system_result *res = v->res;
	const struct system_record *rec = v->rec;
	*n += fuzz_touch(res->system_id) + fuzz_touch(res->reason) + (size_t)res->level;
	for (size_t i = 0; i < res->nr_findings; i++)
		*n += fuzz_touch(res->findings[i].code) + fuzz_touch(res->findings[i].text_vi) +
		      fuzz_touch(res->findings[i].text_en);
	for (int f = 0; f < F__COUNT; f++)
		*n += fuzz_touch(rec->value[f]);
	for (size_t i = 0; i < v->nr_req; i++)
		*n += fuzz_touch(v->req[i].req->id) + fuzz_touch(v->req[i].status);
	return 0;
}

static int on_system(void *data, const struct system_record *rec, long row)
{
	size_t *n = data;
	*n += (size_t)row;
	for (int f = 0; f < F__COUNT; f++)
		*n += fuzz_touch(rec->value[f]);
	for (size_t i = 0; i < rec->nr_components; i++)
		*n += fuzz_touch(rec->components[i].ref);
	for (size_t i = 0; i < rec->nr_inspections; i++)
		*n += fuzz_touch(rec->inspections[i].date);
	return 0;
}

static int on_organization(void *data, const struct organization *org)
{
	*(size_t *)data += fuzz_touch(org->id) + fuzz_touch(org->name);
	return 0;
}

/* What the commands read of one run. */
static void read_run(struct store *st, size_t *total)
{
	long run = store_latest_run(st);
	xmlDocPtr doc = NULL;
	struct results_prep *prep = NULL;
	if (run <= 0)
		return;
	if (results_prepare(st, run, NULL, 25, &prep) == 0 &&
	    results_prep_build(prep, RESULTS_FULL, RESULTS_VIEW_ALL, &doc) == 0)
		xmlFreeDoc(doc);
	doc = NULL;
	if (prep && results_prep_build(prep, RESULTS_COMPACT, RESULTS_VIEW_SAMPLE, &doc) == 0)
		xmlFreeDoc(doc);
	results_prep_free(prep);
	struct run_clause *clauses = NULL;
	size_t nr = 0;
	if (store_run_clauses(st, run, &clauses, &nr) == 0)
		run_clauses_free(clauses, nr);
	if (store_each_run_system(st, run, NULL, NULL, STORE_FACTS_LEAN, on_run_system, total) == 0)
		store_each_run_system(st, run, "s1", NULL,
		                      STORE_ALL_CHILDREN | STORE_FINDING_TEXTS | STORE_REQUIREMENTS,
		                      on_run_system, total);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	remove_database(); /* no WAL of the last input */
	fuzz_write(data, size);
	struct store *st = NULL;
	size_t total = 0;
	if (store_open(fuzz_path, &st) == 0) {
		store_each_run(st, on_run, &total);
		read_run(st, &total);
		long snapshot = store_latest_snapshot(st);
		if (snapshot > 0 && store_each_system(st, snapshot, on_system, &total) == 0 &&
		    store_each_organization(st, snapshot, on_organization, &total) == 0) {
			struct run_totals totals;
			if (evaluate_run(st, "auto", NULL, &totals) == 0)
				read_run(st, &total);
		}
	}
	store_close(st);
	fuzz_done();
	return 0;
}
