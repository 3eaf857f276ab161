/*
 * cmd_validate.c - `assess validate FILE...`: check inventories, write nothing.
 *
 * Every file is read (a bad one does not stop the others), then the
 * cross-file checks run. Problems go to stderr as file:line: message; on
 * success one line on stdout: "N files, M systems: valid".
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmdline.h"
#include "commands.h"
#include "diag.h"
#include "inventory.h"

static const char validate_usage[] =
	"usage: assess validate INVENTORY...\n"
	"\n"
	"Check inventory files against the schema and for meaning (unique ids,\n"
	"references, dates, decision numbers); '-' reads standard input.\n"
	"Every problem is listed as file:line: message. Nothing is written.\n"
	"exit status: 0 valid, 1 a file could not be read, 2 usage, 3 problems found\n";

int cmd_validate(int argc, char **argv)
{
	static const struct opt opts[] = {{NULL, 0, NULL, NULL}};
	char **files = NULL;
	int nr_files = 0, status = EXIT_OK, runtime = 0, problems = 0;

	int early = cmdline_parse_command(argc, argv, opts, validate_usage, &files, &nr_files);
	if (early >= 0)
		return early;
	if (!nr_files) {
		free(files);
		return cmdline_usage_error(validate_usage, "no inventory file given");
	}

	struct inventory_checker *chk = inventory_checker_new();
	/* the published contract too, not only the C checks that import uses */
	inventory_checker_set_schema(chk, INVENTORY_SCHEMA_ALWAYS);
	for (int i = 0; i < nr_files; i++) {
		int rc = inventory_read(chk, files[i], NULL);
		if (rc < 0)
			runtime = 1;
		else if (rc > 0)
			problems = 1;
	}
	/* a file missing would make every reference into it look dangling */
	if (!runtime && inventory_checker_finish(chk))
		problems = 1;

	if (runtime)
		status = EXIT_RUNTIME;
	else if (problems)
		status = EXIT_INVALID;
	else
		printf("%d file%s, %zu system%s: valid\n", nr_files, nr_files == 1 ? "" : "s",
		       inventory_checker_systems(chk),
		       inventory_checker_systems(chk) == 1 ? "" : "s");
	inventory_checker_free(chk);
	free(files);
	return status;
}
