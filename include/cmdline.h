/*
 * cmdline.h - the option parser every command uses.
 *
 * Accepts "--name VALUE", "--name=VALUE", "-x VALUE", flags, "--help"/"-h",
 * "--" to end options, and "-" as a positional (standard input/output).
 * Options may come before or after positionals.
 */
#ifndef ASSESS_CMDLINE_H
#define ASSESS_CMDLINE_H

struct opt {
	const char *long_name; /* without the dashes, e.g. "db" */
	char short_name;       /* e.g. 'o', or 0 */
	const char **value;    /* for options with a value: where to store it */
	int *flag;             /* for flags (value == NULL): set to 1 */
};

enum cmdline_result {
	CMDLINE_OK = 0,     /* parsed; positionals are in *args */
	CMDLINE_HELP = 1,   /* --help was printed to stdout: return EXIT_OK */
	CMDLINE_ERROR = -1  /* a message and the usage went to stderr: return EXIT_USAGE */
};

/*
 * Parse argv[1..argc-1] against opts (terminated by an entry with
 * long_name == NULL). usage is the command's full usage text. Positionals
 * are collected into *args (a NULL-terminated array the caller frees with
 * free(); the strings are argv's) and counted in *nargs.
 */
enum cmdline_result cmdline_parse(int argc, char **argv, const struct opt *opts,
                                  const char *usage, char ***args, int *nargs);

/*
 * cmdline_parse for a command's entry point: returns -1 when the command
 * goes on (positionals in *args and *nargs, as above), else the exit status
 * the command must return at once: EXIT_OK after --help, EXIT_USAGE after a
 * reported error (*args is then not set).
 */
int cmdline_parse_command(int argc, char **argv, const struct opt *opts, const char *usage,
                          char ***args, int *nargs);

/* Return EXIT_USAGE after printing "assess: MESSAGE" and the usage to stderr. */
int cmdline_usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

struct store;
/* Parse a --run value: the run number, 0 when text is NULL, -1 when it is not
 * a positive number (the caller reports a usage error). */
long parse_run_option(const char *text);

/* Open the database at db for a command that only reads: a missing file is
 * reported ("no database ...: import an inventory first") instead of being
 * created. Returns 0 or -1. */
int open_existing_store(const char *db, struct store **out);

#endif
