/*
 * Unit tests with a full disk (tests/faults/faultvfs.c): the one quick case
 * of make check; make check-faults sweeps the real binary.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "faultvfs.h"
#include "harness.h"
#include "import.h"
#include "store.h"
#include "util.h"

/* Import the minimal inventory into a new database at path; the bytes
 * written up to the commit into *at_commit; import_db_finish's result. */
static int import_new(const char *path, long long *at_commit)
{
	static char file[] = "../fixtures/inventory/good-minimal.xml";
	char *files[] = {file};
	struct import_db d;
	struct import_totals totals;
	if (import_db_open(&d, path) < 0)
		return -2;
	int status = import_inventories(d.st, files, 1, &totals);
	*at_commit = faultvfs_written();
	return import_db_finish(&d, status == EXIT_OK);
}

/*
 * The disk fills up right after the import committed to the WAL of a new
 * database: the checkpoint into the file fails. The import must fail and
 * publish nothing (it once published the half-written file and deleted the
 * WAL that held the data, and said it succeeded).
 */
TEST(faults_new_database_full_at_checkpoint)
{
	char *path = harness_temp_db();
	long long at_commit = 0;
	struct strbuf msgs;
	strbuf_init(&msgs);
	diag_capture(&msgs);
	unlink(path); /* a new database */
	CHECK_INT(faultvfs_register(-1, 1), 0);
	CHECK_INT(import_new(path, &at_commit), 0);
	CHECK(access(path, F_OK) == 0);
	unlink(path);
	/* again, with room for exactly what the commit wrote */
	faultvfs_set_limit(at_commit);
	CHECK_INT(import_new(path, &at_commit), -1);
	CHECK(faultvfs_faults() > 0);
	CHECK(access(path, F_OK) < 0);
	faultvfs_unregister();
	diag_capture(NULL);
	CHECK_CONTAINS(msgs.buf, "full");
	/* no private file left beside it */
	struct strbuf litter;
	strbuf_init(&litter);
	strbuf_addf(&litter, "ls %s.new.* 2>/dev/null | grep -q .", path);
	CHECK(system(litter.buf) != 0);
	strbuf_release(&litter);
	strbuf_release(&msgs);
	harness_drop_db(path);
}
