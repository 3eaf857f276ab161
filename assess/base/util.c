/*
 * util.c - allocation, string buffers, dates and atomic file output.
 */
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "tmpfiles.h"

void die_oom(size_t n)
{
	if (n)
		fprintf(stderr, "assess: out of memory (allocating %zu bytes)\n", n);
	else
		fputs("assess: out of memory\n", stderr);
	tmpfiles_remove_all();
	_exit(EXIT_RUNTIME);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom(n);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		die_oom(count * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		die_oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xmalloc(n);
	memcpy(p, s, n);
	return p;
}

char *xstrdup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static char strbuf_empty[1];

void strbuf_init(struct strbuf *sb)
{
	sb->buf = strbuf_empty;
	sb->len = 0;
	sb->alloc = 0;
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb);
}

static void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return;
	size_t n = sb->alloc < 64 ? 64 : sb->alloc;
	while (n < need)
		n *= 2;
	if (sb->alloc) {
		sb->buf = xrealloc(sb->buf, n);
	} else {
		sb->buf = xmalloc(n);
		sb->buf[0] = '\0';
	}
	sb->alloc = n;
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	strbuf_grow(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->alloc)
		sb->buf[0] = '\0';
}

char *strbuf_detach(struct strbuf *sb)
{
	char *p = sb->alloc ? sb->buf : xstrdup("");
	strbuf_init(sb);
	return p;
}

/* The code point of the UTF-8 sequence at p (*len its bytes), or -1 when
 * the byte at p starts no valid sequence (*len = 1). */
static long utf8_decode(const unsigned char *p, size_t *len)
{
	unsigned char c = p[0];
	size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
	         : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
	*len = 1;
	if (!n)
		return -1;
	long cp = n == 1 ? c : c & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*len = n;
	return cp;
}

/* Controls that reorder or hide what a terminal shows. */
static int is_bidi_control(long cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

void strbuf_add_term(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		size_t len;
		long cp = utf8_decode(p, &len);
		if (cp < 0 || cp < 0x20 || cp == 0x7F)
			strbuf_addf(sb, "\\x%02x", *p);
		else if ((cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp))
			strbuf_addf(sb, "\\u%04lx", cp);
		else
			strbuf_add(sb, p, len);
		p += len;
	}
}

void strbuf_add_xml_text(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		size_t len;
		long cp = utf8_decode(p, &len);
		if (cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r'))
			strbuf_addf(sb, "\\x%02x", *p);
		else if (cp == 0xFFFE || cp == 0xFFFF)
			strbuf_addf(sb, "\\u%04lx", cp);
		else
			strbuf_add(sb, p, len);
		p += len;
	}
}

int is_xml_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		size_t len;
		long cp = utf8_decode(p, &len);
		if (cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		    cp == 0xFFFE || cp == 0xFFFF)
			return 0;
		p += len;
	}
	return 1;
}

const char *xml_text(const char *s, struct strbuf *scratch)
{
	if (!s || is_xml_text(s))
		return s;
	strbuf_reset(scratch);
	strbuf_add_xml_text(scratch, s);
	return scratch->buf;
}

/* term_text's buffers, used in turn. */
static struct strbuf term_ring[8];
static int term_next, term_ready;

static void release_term_text(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(term_ring); i++)
		strbuf_release(&term_ring[i]);
}

const char *term_text(const char *s)
{
	if (!term_ready) {
		for (size_t i = 0; i < ARRAY_SIZE(term_ring); i++)
			strbuf_init(&term_ring[i]);
		term_ready = 1;
		atexit(release_term_text);
	}
	struct strbuf *sb = &term_ring[term_next];
	term_next = (term_next + 1) % (int)ARRAY_SIZE(term_ring);
	strbuf_reset(sb);
	strbuf_add_term(sb, s);
	return sb->buf;
}

int parse_count(const char *s, long long *out)
{
	long long v = 0;
	if (!s || !*s)
		return -1;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		if (v > (LLONG_MAX - (*p - '0')) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return 0;
}

static int is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(long y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int is_iso_date(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	long y = strtol(s, NULL, 10);
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= days_in_month(y, m);
}

/* YYYY-MM-DD into out, or "" when the year is outside 1..9999 (never
 * wrapped: year 10001 is not year 0001). 0 or -1. */
static int format_date(long y, int m, int d, char out[11])
{
	char tmp[48];
	out[0] = '\0';
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	snprintf(tmp, sizeof(tmp), "%04ld-%02d-%02d", y, m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
	return 0;
}

/* Howard Hinnant's days_from_civil. */
static long days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long date_to_days(const char *iso)
{
	long y = strtol(iso, NULL, 10);
	int m = (iso[5] - '0') * 10 + (iso[6] - '0');
	int d = (iso[8] - '0') * 10 + (iso[9] - '0');
	return days_from_civil(y, m, d);
}

int days_to_date(long z, char out[11])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	y += m <= 2;
	return format_date(y, m, d, out);
}

int date_add_months(const char *iso, int months, char out[11])
{
	long y = strtol(iso, NULL, 10);
	int m = (iso[5] - '0') * 10 + (iso[6] - '0');
	int d = (iso[8] - '0') * 10 + (iso[9] - '0');
	long total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = (int)(total % 12) + 1;
	if (y < 1 || y > 9999)
		return format_date(y, m, d, out);
	if (d > days_in_month(y, m))
		d = days_in_month(y, m);
	return format_date(y, m, d, out);
}

int fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY);
	int ret = fd < 0 || fsync(fd) < 0 ? -1 : 0;
	int saved = errno;
	if (fd >= 0)
		close(fd);
	errno = saved;
	return ret;
}

void strbuf_add_dirname(struct strbuf *sb, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		strbuf_addstr(sb, ".");
	else if (slash == path)
		strbuf_addstr(sb, "/");
	else
		strbuf_add(sb, path, (size_t)(slash - path));
}

int fsync_dir_of(const char *path)
{
	struct strbuf dir;
	strbuf_init(&dir);
	strbuf_add_dirname(&dir, path);
	int ret = fsync_path(dir.buf);
	int saved = errno;
	strbuf_release(&dir);
	errno = saved;
	return ret;
}

/* ---- output paths ------------------------------------------------------ */

/* Names an output must never replace (the databases in use and their
 * companion files), as absolute paths; store_open may run on two threads. */
static struct {
	pthread_mutex_t lock;
	char **names;
	size_t nr, alloc;
} protected = {PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0};

/* path as an absolute name with its directory resolved (the file itself
 * need not exist; a final symbolic link is followed when it leads to a
 * file); NULL when the directory cannot be resolved. */
static char *absolute_name(const char *path)
{
	char real[PATH_MAX];
	if (realpath(path, real))
		return xstrdup(real);
	const char *slash = strrchr(path, '/');
	struct strbuf dir;
	strbuf_init(&dir);
	strbuf_add_dirname(&dir, path);
	char *ret = NULL;
	if (realpath(dir.buf, real)) {
		strbuf_reset(&dir);
		strbuf_addf(&dir, "%s/%s", strcmp(real, "/") ? real : "", slash ? slash + 1 : path);
		ret = strbuf_detach(&dir);
	}
	strbuf_release(&dir);
	return ret;
}

static void free_protected(void)
{
	for (size_t i = 0; i < protected.nr; i++)
		free(protected.names[i]);
	free(protected.names);
	protected.names = NULL;
	protected.nr = protected.alloc = 0;
}

void output_path_protect(const char *path)
{
	char *name = absolute_name(path);
	if (!name)
		return;
	pthread_mutex_lock(&protected.lock);
	int known = 0;
	for (size_t i = 0; i < protected.nr && !known; i++)
		known = !strcmp(protected.names[i], name);
	if (known) {
		free(name);
	} else {
		if (!protected.alloc)
			atexit(free_protected);
		ALLOC_GROW(protected.names, protected.nr + 1, protected.alloc);
		protected.names[protected.nr++] = name;
	}
	pthread_mutex_unlock(&protected.lock);
}

/* 1 when path names a protected file (by name, or by inode when it exists). */
static int is_protected(const char *path, const struct stat *st)
{
	char *name = absolute_name(path);
	int found = 0;
	pthread_mutex_lock(&protected.lock);
	for (size_t i = 0; i < protected.nr && !found; i++) {
		struct stat pst;
		if (name && !strcmp(protected.names[i], name))
			found = 1;
		else if (st && stat(protected.names[i], &pst) == 0 && pst.st_dev == st->st_dev &&
		         pst.st_ino == st->st_ino)
			found = 1;
	}
	pthread_mutex_unlock(&protected.lock);
	free(name);
	return found;
}

static const char *kind_of(mode_t mode)
{
	return S_ISDIR(mode) ? "a directory" : S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
	       : S_ISFIFO(mode) ? "a FIFO" : S_ISSOCK(mode) ? "a socket" : "not a regular file";
}

/* output_path_check; *existing (may be NULL) gets the file's stat (through
 * a symbolic link) when there is a file, else st_mode = 0. */
static int check_output(const char *path, struct stat *existing)
{
	struct stat st;
	memset(&st, 0, sizeof(st));
	if (existing)
		existing->st_mode = 0;
	if (!strcmp(path, "-"))
		return 0;
	if (lstat(path, &st) < 0) {
		if (is_protected(path, NULL))
			return error("refusing to write '%s': it is a file of the database in use", path);
		return 0; /* a new name (or a missing directory: writing it says so) */
	}
	if (S_ISLNK(st.st_mode) && stat(path, &st) < 0)
		return error("refusing to write '%s': it is a symbolic link to nothing", path);
	if (!S_ISREG(st.st_mode))
		return error("refusing to write '%s': it is %s (write to a regular file or a new name)",
		             path, kind_of(st.st_mode));
	if (is_protected(path, &st))
		return error("refusing to write '%s': it is the database in use", path);
	if (existing)
		*existing = st;
	return 0;
}

int output_path_check(const char *path)
{
	return check_output(path, NULL);
}

struct atomic_file {
	char *path;  /* the name given, for messages */
	char *dest;  /* the name renamed over: path, or the file a link leads to */
	char *tmp;   /* the temporary name; NULL for standard output */
	int fd;
	int handle;  /* tmp's registration with tmpfiles_add, or -1 */
};

struct atomic_file *atomic_file_open(const char *path)
{
	struct atomic_file *f = xcalloc(1, sizeof(*f));
	struct stat existing;
	f->path = xstrdup(path);
	f->fd = STDOUT_FILENO;
	f->handle = -1;
	if (!strcmp(path, "-"))
		return f;
	f->fd = -1;
	if (check_output(path, &existing) < 0) {
		atomic_file_abort(f);
		return NULL;
	}
	/* through a symbolic link: replace the file it leads to, keep the link */
	char real[PATH_MAX];
	f->dest = xstrdup(existing.st_mode && realpath(path, real) ? real : path);
	/* what a killed run of ours left beside it, then a name with our pid */
	tmpfiles_clean_stale(f->dest, "tmp");
	f->tmp = tmpfiles_template(f->dest, "tmp");
	f->fd = mkstemp(f->tmp);
	if (f->fd >= 0) {
		f->handle = tmpfiles_add(f->tmp, 0);
	} else {
		int saved = errno;
		free(f->tmp); /* no file of ours has this name */
		f->tmp = NULL;
		errno = saved;
	}
	mode_t mask = umask(0);
	umask(mask);
	/* an existing file keeps its mode (a 0600 file stays private) */
	mode_t mode = existing.st_mode ? existing.st_mode & 07777 : 0666 & ~mask;
	if (f->fd < 0 || fchmod(f->fd, mode) < 0) {
		error("cannot write '%s': %s", path, strerror(errno));
		atomic_file_abort(f);
		return NULL;
	}
	return f;
}

int atomic_file_write(struct atomic_file *f, const void *data, size_t len)
{
	const char *p = data;
	if (!f->tmp) { /* standard output: through stdio, in order with the rest */
		if (fwrite(data, 1, len, stdout) != len)
			return error("cannot write standard output: %s", strerror(errno));
		return 0;
	}
	while (len) {
		ssize_t n = write(f->fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return error("cannot write '%s': %s", f->path, strerror(errno));
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int atomic_file_commit(struct atomic_file *f)
{
	int ret = 0;
	if (f->tmp) {
		int fd = f->fd;
		f->fd = -1;
		/* again just before the rename: the path may have changed meanwhile */
		if (check_output(f->path, NULL) < 0) {
			ret = -1;
			close(fd);
		} else if (fsync(fd) < 0 || close(fd) < 0 || rename(f->tmp, f->dest) < 0) {
			ret = error("cannot write '%s': %s", f->path, strerror(errno));
		} else if (fsync_dir_of(f->dest) < 0) {
			/* renamed, but the rename may not survive a crash: say so */
			ret = error("cannot write '%s': %s", f->path, strerror(errno));
			free(f->tmp);
			f->tmp = NULL;
		}
		if (ret < 0 && f->tmp)
			unlink(f->tmp);
		tmpfiles_forget(f->handle);
	}
	free(f->tmp);
	free(f->dest);
	free(f->path);
	free(f);
	return ret;
}

void atomic_file_abort(struct atomic_file *f)
{
	if (!f)
		return;
	if (f->tmp) {
		if (f->fd >= 0)
			close(f->fd);
		unlink(f->tmp);
		tmpfiles_forget(f->handle);
	}
	free(f->tmp);
	free(f->dest);
	free(f->path);
	free(f);
}

int write_file_atomic(const char *path, const void *data, size_t len)
{
	struct atomic_file *f = atomic_file_open(path);
	if (!f)
		return -1;
	if (atomic_file_write(f, data, len) < 0) {
		atomic_file_abort(f);
		return -1;
	}
	return atomic_file_commit(f);
}

int finish_stdout(void)
{
	if (fflush(stdout) || ferror(stdout))
		return error("cannot write standard output: %s", strerror(errno));
	return 0;
}
