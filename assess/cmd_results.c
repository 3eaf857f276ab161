/* cmd_results.c - placeholder until the command lands. */
#include "commands.h"
#include "diag.h"

int cmd_results(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	error("'results' is not implemented yet");
	return EXIT_RUNTIME;
}
