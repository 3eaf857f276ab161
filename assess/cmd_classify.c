/* cmd_classify.c - placeholder until the command lands. */
#include "commands.h"
#include "diag.h"

int cmd_classify(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	error("'classify' is not implemented yet");
	return EXIT_RUNTIME;
}
