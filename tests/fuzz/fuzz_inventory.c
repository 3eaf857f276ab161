/*
 * fuzz_inventory.c - libFuzzer target for the streaming inventory reader.
 *
 * Each input is written to one reused temporary file and read by
 * inventory_read() with a sink that touches every record, then the
 * cross-file checks run. Messages go to a buffer reset per input.
 */
#include "fuzz_file.h"
#include "inventory.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup("inventory", "xml");
	return 0;
}

static int on_file(void *data, const char *file, const char *as_of)
{
	*(size_t *)data += fuzz_touch(file) + fuzz_touch(as_of);
	return 0;
}

static int on_organization(void *data, const struct organization *org)
{
	*(size_t *)data += fuzz_touch(org->id) + fuzz_touch(org->role) + fuzz_touch(org->parent) +
	                   fuzz_touch(org->name);
	return 0;
}

static int on_system(void *data, const struct system_record *rec)
{
	size_t *n = data;
	for (int f = 0; f < F__COUNT; f++)
		*n += fuzz_touch(rec->value[f]);
	for (size_t i = 0; i < rec->nr_components; i++)
		*n += fuzz_touch(rec->components[i].ref);
	for (size_t i = 0; i < rec->nr_controls; i++)
		*n += fuzz_touch(rec->controls[i].ref) + fuzz_touch(rec->controls[i].status);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write(data, size);
	size_t total = 0;
	struct inventory_sink sink = {&total, on_file, on_organization, on_system};
	struct inventory_checker *chk = inventory_checker_new();
	int rc = inventory_read(chk, fuzz_path, &sink);
	if (rc >= 0)
		inventory_checker_finish(chk);
	inventory_checker_free(chk);
	fuzz_done();
	return 0;
}
