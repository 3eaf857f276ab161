/* cmd_import.c - placeholder until the command lands. */
#include "commands.h"
#include "diag.h"

int cmd_import(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	error("'import' is not implemented yet");
	return EXIT_RUNTIME;
}
