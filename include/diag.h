/*
 * diag.h - every message the user sees goes through here.
 *
 * Format (git's): "assess: file.xml:42: system 'crm': owner is empty",
 * lowercase, no full stop, one line. Functions that report return -1 so that
 * callers can write `return error("...")`.
 *
 * Threads: error() and warning() may be called from any thread (a message
 * is built in a buffer of the caller's and written with one fputs, so a
 * line is never cut by another thread's; the order of two threads' lines is
 * not defined). error_at(), the problem count, diag_capture() and the
 * install functions belong to the main thread: the threads of assess (the
 * schema pass of xmlio_stream, the reader of evaluate's pass 2, render's
 * CSV worker) report problems of the input through their caller, never with
 * error_at().
 */
#ifndef ASSESS_DIAG_H
#define ASSESS_DIAG_H

/* Exit statuses of the command-line contract (shared/spec/cli.md). */
enum exit_status {
	EXIT_OK = 0,       /* done */
	EXIT_RUNTIME = 1,  /* I/O, database, XSLT failure */
	EXIT_USAGE = 2,    /* bad command line */
	EXIT_INVALID = 3,  /* input rejected: inventory or criteria invalid */
	EXIT_FINDINGS = 4  /* --fail-on matched a finding */
};

/* Print "assess: MESSAGE" to stderr; returns -1. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "assess: warning: MESSAGE" to stderr. */
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "assess: FILE:LINE: MESSAGE" to stderr, count it as an input
 * problem (see diag_problem_count) and return -1. line <= 0 omits the line. */
int error_at(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Where line LINE of FILE is when FILE is no text (a workbook read through
 * the inventory XML made of it, sheet.h): fn returns the place to print
 * instead of ":LINE" ("Hệ thống!12:12"), or NULL. One hook per process. */
void diag_set_place_hook(const char *(*fn)(const char *file, long line));

/* Number of error_at() reports since start (or the last reset). */
long diag_problem_count(void);
void diag_reset_problems(void);

/* Tests: capture every message into a buffer instead of stderr. Pass NULL
 * to restore stderr. The buffer is owned by the caller (a struct strbuf). */
struct strbuf;
void diag_capture(struct strbuf *sink);

/* Route libxml2's and libxslt's own messages through diag (one line each,
 * with file and line when the library knows them). Called once by main. */
void diag_install_xml_handlers(void);
/* The same for a thread of ours that runs libxml2 (its handlers are per
 * thread). Messages of two threads at once may interleave in a line. */
void diag_install_thread_handlers(void);

/*
 * Where the time goes (like git's GIT_TRACE_PERFORMANCE): when the
 * environment has ASSESS_TRACE_PERF set and not "0", trace_perf() prints
 * "assess: perf: WHAT: S.SSS s" to stderr, the wall time since *since, and
 * sets *since to now. trace_perf_start() sets *since to now. Without the
 * variable nothing is printed.
 */
struct timespec;
void trace_perf_start(struct timespec *since);
void trace_perf(struct timespec *since, const char *what);

#endif
