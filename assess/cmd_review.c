/* cmd_review.c - placeholder until the command lands. */
#include "commands.h"
#include "diag.h"

int cmd_review(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	error("'review' is not implemented yet");
	return EXIT_RUNTIME;
}
