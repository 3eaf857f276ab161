/* cmd_runs.c - placeholder until the command lands. */
#include "commands.h"
#include "diag.h"

int cmd_runs(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	error("'runs' is not implemented yet");
	return EXIT_RUNTIME;
}
