/*
 * commands.h - one entry point per subcommand (assess/cmd_<name>.c).
 *
 * Each receives argv with argv[0] the command name, parses its own options,
 * and returns an exit status of diag.h (EXIT_OK ... EXIT_FINDINGS).
 * `--help` prints the command's usage to stdout and returns EXIT_OK.
 */
#ifndef ASSESS_COMMANDS_H
#define ASSESS_COMMANDS_H

int cmd_classify(int argc, char **argv);
int cmd_criteria(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_results(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_runs(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_validate(int argc, char **argv);

#endif
