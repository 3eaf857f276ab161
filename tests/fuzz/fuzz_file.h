/*
 * fuzz_file.h - what the libFuzzer targets share: the libraries set up
 * once, messages captured (and dropped after each input), and the input
 * written to one reused file (in /dev/shm when it can be, else $TMPDIR),
 * which the readers under test open by name. Included once per target.
 */
#ifndef ASSESS_FUZZ_FILE_H
#define ASSESS_FUZZ_FILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "diag.h"
#include "util.h"
#include "xmlio.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_path[4096];          /* the input file */
static struct strbuf fuzz_messages;   /* what the code under test reported */

static void fuzz_remove_input(void)
{
	unlink(fuzz_path);
}

/* Once, from LLVMFuzzerInitialize: the input file is NAME-PID.EXT. */
static void fuzz_setup(const char *name, const char *ext)
{
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	snprintf(fuzz_path, sizeof(fuzz_path), "%s/fuzz-%s-%ld.%s", dir ? dir : "/tmp", name,
	         (long)getpid(), ext);
	atexit(fuzz_remove_input);
	xmlio_init();
	strbuf_init(&fuzz_messages);
	diag_capture(&fuzz_messages);
}

/* The input into the file. */
static void fuzz_write(const uint8_t *data, size_t size)
{
	FILE *f = fopen(fuzz_path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
}

/* Touch every byte of a string that came out of the code under test, so
 * that ASan sees a bad pointer; returns a sum to keep the reads. */
static inline size_t fuzz_touch(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += (unsigned char)*s;
	return n;
}

/* After each input: its messages and problem count go. */
static void fuzz_done(void)
{
	strbuf_reset(&fuzz_messages);
	diag_reset_problems();
}

#endif
