/* cmd_validate.c - placeholder until the command lands. */
#include "commands.h"
#include "diag.h"

int cmd_validate(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	error("'validate' is not implemented yet");
	return EXIT_RUNTIME;
}
