/*
 * fuzz_inventory.c - libFuzzer target for the streaming inventory reader.
 *
 * Each input is written to one reused temporary file and read by
 * inventory_read() with a sink that touches every record, then the
 * cross-file checks run. Messages go to a buffer reset per input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "inventory.h"
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
	snprintf(path, sizeof(path), "%s/fuzz-inventory-%ld.xml", dir ? dir : "/tmp", (long)getpid());
	atexit(remove_input);
	xmlsafe_init();
	strbuf_init(&messages);
	diag_capture(&messages);
	return 0;
}

/* Touch every byte of a record so that ASan sees bad pointers. */
static size_t sum(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += (unsigned char)*s;
	return n;
}

static int on_file(void *data, const char *file, const char *as_of)
{
	*(size_t *)data += sum(file) + sum(as_of);
	return 0;
}

static int on_organization(void *data, const struct organization *org)
{
	*(size_t *)data += sum(org->id) + sum(org->role) + sum(org->parent) + sum(org->name);
	return 0;
}

static int on_system(void *data, const struct system_record *rec)
{
	size_t *n = data;
	for (int f = 0; f < F__COUNT; f++)
		*n += sum(rec->value[f]);
	for (size_t i = 0; i < rec->nr_components; i++)
		*n += sum(rec->components[i].ref);
	for (size_t i = 0; i < rec->nr_controls; i++)
		*n += sum(rec->controls[i].ref) + sum(rec->controls[i].status);
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

	size_t total = 0;
	struct inventory_sink sink = {&total, on_file, on_organization, on_system};
	struct inventory_checker *chk = inventory_checker_new();
	int rc = inventory_read(chk, path, &sink);
	if (rc >= 0)
		inventory_checker_finish(chk);
	inventory_checker_free(chk);
	strbuf_reset(&messages);
	diag_reset_problems();
	return 0;
}
