/* cmd_explain.c - placeholder until the command lands. */
#include "commands.h"
#include "diag.h"

int cmd_explain(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	error("'explain' is not implemented yet");
	return EXIT_RUNTIME;
}
