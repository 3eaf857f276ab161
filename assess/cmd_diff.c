/* cmd_diff.c - placeholder until the command lands. */
#include "commands.h"
#include "diag.h"

int cmd_diff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	error("'diff' is not implemented yet");
	return EXIT_RUNTIME;
}
