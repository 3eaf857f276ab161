/* cmd_criteria.c - placeholder until the command lands. */
#include "commands.h"
#include "diag.h"

int cmd_criteria(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	error("'criteria' is not implemented yet");
	return EXIT_RUNTIME;
}
