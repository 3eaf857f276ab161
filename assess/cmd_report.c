/* cmd_report.c - placeholder until the command lands. */
#include "commands.h"
#include "diag.h"

int cmd_report(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	error("'report' is not implemented yet");
	return EXIT_RUNTIME;
}
