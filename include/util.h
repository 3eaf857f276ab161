/*
 * util.h - memory, strings and the ownership rule shared by every module.
 *
 * Ownership rule (stated once, followed everywhere):
 *   - foo_new()     allocates and returns an object the caller owns;
 *                   release it with foo_free().
 *   - foo_free(p)   releases p and everything it owns; accepts NULL.
 *   - foo_init(p)   prepares caller-owned storage (stack or embedded);
 *                   foo_release(p) frees what it owns but not p itself.
 *   - const char * returned by a getter is borrowed: valid while its owner
 *     lives, never freed by the caller. char * returned by a function is
 *     owned by the caller unless the contract comment says otherwise.
 *   - Functions that can fail return 0 on success and -1 on failure, after
 *     reporting the failure exactly once through diag.h; callers only pass
 *     -1 up. Allocation failure stops the process with "assess: out of
 *     memory" and exit status 1, after removing its temporary files (a
 *     batch tool cannot do better; no core dump): our own (die_oom) and
 *     libxml2's and libxslt's, which report it through diag.c (a transform
 *     that lost a node must not write a report). SQLite's is an error
 *     returned like any other.
 */
#ifndef ASSESS_UTIL_H
#define ASSESS_UTIL_H

#include <stddef.h>
#include <stdio.h>

/* No memory left: print "assess: out of memory" (with the size n when it is
 * not 0), remove the temporary files (tmpfiles.h) and stop the process with
 * the runtime status, 1: a full machine is not a bug worth a core dump. */
_Noreturn void die_oom(size_t n);
/* malloc/calloc/realloc/strdup that call die_oom() on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* strdup that maps NULL to NULL. */
char *xstrdup_or_null(const char *s);

/* Grow an array `p` of `nr` used elements and `alloc` capacity so that it
 * can hold `n` elements (in the manner of git's ALLOC_GROW). */
#define ALLOC_GROW(p, n, alloc)                                              \
	do {                                                                     \
		if ((n) > (alloc)) {                                                 \
			size_t alloc_grow_new_ = (alloc) < 16 ? 16 : (alloc) * 2;        \
			if (alloc_grow_new_ < (n))                                       \
				alloc_grow_new_ = (n);                                       \
			(p) = xrealloc((p), alloc_grow_new_ * sizeof(*(p)));             \
			(alloc) = alloc_grow_new_;                                       \
		}                                                                    \
	} while (0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A growable, always NUL-terminated byte buffer. */
struct strbuf {
	char *buf;    /* the bytes, NUL-terminated; never NULL after init */
	size_t len;   /* bytes used, excluding the terminating NUL */
	size_t alloc; /* bytes allocated */
};

/* Prepare an empty buffer. */
void strbuf_init(struct strbuf *sb);
/* Free the bytes; the buffer may be initialised again. */
void strbuf_release(struct strbuf *sb);
/* Append len bytes / a string / a formatted string. */
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Empty the buffer, keeping its allocation. */
void strbuf_reset(struct strbuf *sb);
/* Hand the bytes to the caller (who frees them) and re-initialise sb. */
char *strbuf_detach(struct strbuf *sb);

/*
 * Text from an inventory or a database, for a terminal: append s to sb with
 * C0 controls and DEL as \xNN, C1 controls (U+0080..U+009F) and the
 * bidirectional controls (U+061C, U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069) as \uNNNN, and every byte that starts no valid UTF-8
 * sequence as \xNN; the rest as it is (a backslash too). NULL is "".
 */
void strbuf_add_term(struct strbuf *sb, const char *s);
/* The same as a string in one of 8 buffers used in turn (valid until the
 * eighth call after), for the arguments of one printf of the main thread:
 * printf("%s: %s\n", term_text(id), term_text(name)). */
const char *term_text(const char *s);
/* Text for an XML document: 1 when s is well-formed UTF-8 of characters
 * XML 1.0 allows; else strbuf_add_xml_text() appends it with what XML
 * cannot carry (C0 but tab, LF, CR; U+FFFE, U+FFFF; bytes that are not
 * UTF-8) written as the text \xNN or \uNNNN. */
int is_xml_text(const char *s);
void strbuf_add_xml_text(struct strbuf *sb, const char *s);
/* s when is_xml_text(s) (or NULL), else the text strbuf_add_xml_text makes
 * of it, in scratch (valid until scratch changes). */
const char *xml_text(const char *s, struct strbuf *scratch);

/* Parse a non-negative decimal integer that fills the whole string.
 * Returns 0 and stores the value, or -1 (nothing reported). */
int parse_count(const char *s, long long *out);

/* 1 if s is a real calendar date in ISO form YYYY-MM-DD, else 0. */
int is_iso_date(const char *s);
/* Days since 1970-01-01 of a date already checked by is_iso_date(). */
long date_to_days(const char *iso);
/* Format days since 1970-01-01 as YYYY-MM-DD into out (11 bytes). Returns
 * 0, or -1 with out = "" when the date is outside 0001-01-01..9999-12-31
 * (ISO dates have four-digit years: nothing is wrapped). */
int days_to_date(long days, char out[11]);
/* Add months to an ISO date, clamping the day to the month's end. Returns
 * 0, or -1 with out = "" when the result falls after 9999-12-31 (or before
 * 0001-01-01): there is no such date to give. */
int date_add_months(const char *iso, int months, char out[11]);

/* Append the folder that holds path: "." for a bare name, "/" for "/name". */
void strbuf_add_dirname(struct strbuf *sb, const char *path);

/* fsync the file at path / the directory that holds path (so that a file
 * created or renamed there survives a crash). 0, or -1 with errno set;
 * nothing reported. */
int fsync_path(const char *path);
int fsync_dir_of(const char *path);

/*
 * May path be written as an output file? "-" (standard output), a new name
 * and an existing regular file may (through a symbolic link: the file it
 * leads to); a directory, device, FIFO, socket, dangling symbolic link, or a
 * file of a database in use (output_path_protect) is refused. Returns 0, or
 * -1 after reporting "refusing to write 'PATH': it is ...". A missing
 * directory is not checked here: writing reports it.
 */
int output_path_check(const char *path);
/* Never let an output replace path (store_open protects its database and
 * the companion files, by name and, when they exist, by inode). May be
 * called from any thread; the names are kept until exit. */
void output_path_protect(const char *path);

/* Write a whole file atomically: data goes to "PATH.tmp.PID.XXXXXX" in the
 * same directory (tmpfiles.h: removed on a stopping signal, swept by a later
 * run when PID is dead), is flushed and fsynced, then renamed over PATH,
 * which must pass output_path_check (an existing file keeps its mode), and
 * the directory is fsynced. On failure the temporary file is removed, the
 * error reported, -1 returned. "-" means standard output. */
int write_file_atomic(const char *path, const void *data, size_t len);

/*
 * The same for a file written in pieces: atomic_file_open() creates
 * "PATH.tmp.PID.XXXXXX" beside PATH ("-": standard output, written directly),
 * atomic_file_write() appends, atomic_file_commit() flushes, fsyncs and
 * renames it over PATH, atomic_file_abort() removes it. Each returns 0 or -1
 * after reporting; commit and abort free f (abort accepts NULL).
 */
struct atomic_file;
struct atomic_file *atomic_file_open(const char *path);
int atomic_file_write(struct atomic_file *f, const void *data, size_t len);
int atomic_file_commit(struct atomic_file *f);
void atomic_file_abort(struct atomic_file *f);

/* Check that everything written to stdout really reached it (git's habit).
 * Returns 0, or reports and returns -1. */
int finish_stdout(void);

#endif
