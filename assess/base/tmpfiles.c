/*
 * tmpfiles.c - temporary names with the pid in them, removed on a signal,
 * swept when their process is dead (tmpfiles.h).
 */
#include "tmpfiles.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util.h"

#define TMPFILES_SLOTS 64

/*
 * The names a signal removes. A slot is claimed (1), filled, then made
 * visible (2); the handler reads only visible slots and takes no lock.
 */
static struct slot {
	atomic_int state;     /* 0 free, 1 being filled, 2 registered */
	int is_dir;           /* an empty folder: removed after the files */
	char path[PATH_MAX];  /* the name */
} slots[TMPFILES_SLOTS];

/* One entry of the getdents64 system call (the kernel's layout). */
struct dirent_k {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

/*
 * Remove the files directly in the folder at path: a private folder of ours
 * (review's report set) holds more files than there are slots. Async-signal-
 * safe: open, the getdents64 system call, unlinkat and close only (no
 * opendir, which allocates). Reads again from the start until a pass
 * removes nothing, since removing entries while reading may skip some.
 */
static void remove_files_in(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return;
	for (int removed = 1, rounds = 0; removed && rounds < 64; rounds++) {
		char buf[8192] __attribute__((aligned(8)));
		long n;
		removed = 0;
		if (lseek(fd, 0, SEEK_SET) < 0)
			break;
		while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
			for (long at = 0; at < n;) {
				const struct dirent_k *e = (const struct dirent_k *)(const void *)(buf + at);
				if (e->reclen == 0)
					break;
				at += e->reclen;
				if (e->name[0] == '.' &&
				    (!e->name[1] || (e->name[1] == '.' && !e->name[2])))
					continue;
				if (unlinkat(fd, e->name, 0) == 0)
					removed = 1;
			}
	}
	close(fd);
}

void tmpfiles_remove_all(void)
{
	/* async-signal-safe: unlink(), rmdir() and remove_files_in() only */
	for (int pass = 0; pass < 2; pass++)
		for (int i = TMPFILES_SLOTS - 1; i >= 0; i--)
			if (atomic_load(&slots[i].state) == 2 && slots[i].is_dir == pass) {
				if (pass) {
					remove_files_in(slots[i].path);
					rmdir(slots[i].path);
				} else {
					unlink(slots[i].path);
				}
			}
}

static void on_signal(int sig)
{
	tmpfiles_remove_all();
	signal(sig, SIG_DFL);
	raise(sig); /* delivered when the handler returns: the default course */
}

void tmpfiles_install_signals(void)
{
	static const int stopping[] = {SIGINT, SIGTERM, SIGHUP};
	for (size_t i = 0; i < ARRAY_SIZE(stopping); i++) {
		struct sigaction old, sa;
		if (sigaction(stopping[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		for (size_t j = 0; j < ARRAY_SIZE(stopping); j++)
			sigaddset(&sa.sa_mask, stopping[j]);
		sigaction(stopping[i], &sa, NULL);
	}
}

char *tmpfiles_template(const char *path, const char *kind)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_addf(&sb, "%s.%s.%ld.XXXXXX", path, kind, (long)getpid());
	return strbuf_detach(&sb);
}

int tmpfiles_add(const char *path, int is_dir)
{
	size_t len = strlen(path);
	if (len >= PATH_MAX)
		return -1;
	for (int i = 0; i < TMPFILES_SLOTS; i++) {
		int free_slot = 0;
		if (!atomic_compare_exchange_strong(&slots[i].state, &free_slot, 1))
			continue;
		memcpy(slots[i].path, path, len + 1);
		slots[i].is_dir = is_dir;
		atomic_store(&slots[i].state, 2);
		return i;
	}
	return -1;
}

void tmpfiles_forget(int handle)
{
	if (handle >= 0 && handle < TMPFILES_SLOTS)
		atomic_store(&slots[handle].state, 0);
}

/* "PID.XXXXXX" and, for kind "new", a SQLite suffix: the PID, or 0. */
static long parse_rest(const char *rest, const char *kind)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	char *end;
	if (*rest < '1' || *rest > '9')
		return 0;
	long pid = strtol(rest, &end, 10);
	if (*end != '.' || pid <= 0)
		return 0;
	const char *x = end + 1;
	for (int i = 0; i < 6; i++)
		if (!((x[i] >= 'A' && x[i] <= 'Z') || (x[i] >= 'a' && x[i] <= 'z') ||
		      (x[i] >= '0' && x[i] <= '9')))
			return 0;
	size_t n = strcmp(kind, "new") ? 1 : ARRAY_SIZE(suffixes);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(x + 6, suffixes[i]))
			return pid;
	return 0;
}

void tmpfiles_remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	DIR *d = opendir(path);
	if (d) {
		struct dirent *e;
		struct strbuf sb;
		strbuf_init(&sb);
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s/%s", path, e->d_name);
			tmpfiles_remove_tree(sb.buf);
		}
		strbuf_release(&sb);
		closedir(d);
	}
	rmdir(path);
}

/* "PREFIX" + "PID.XXXXXX"...: a dead process's name (not ours, not alive,
 * also not another user's live one: EPERM). */
static int stale_name(const char *name, const char *prefix, size_t prefix_len,
                      const char *kind)
{
	if (strncmp(name, prefix, prefix_len))
		return 0;
	long pid = parse_rest(name + prefix_len, kind);
	return pid && pid != (long)getpid() && kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

int tmpfiles_is_stale(const char *name, const char *base, const char *kind)
{
	struct strbuf prefix;
	strbuf_init(&prefix);
	strbuf_addf(&prefix, "%s.%s.", base, kind);
	int stale = stale_name(name, prefix.buf, prefix.len, kind);
	strbuf_release(&prefix);
	return stale;
}

void tmpfiles_clean_stale(const char *path, const char *kind)
{
	struct strbuf dir, prefix, entry;
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	if (!*base)
		return;
	strbuf_init(&dir);
	strbuf_init(&prefix);
	strbuf_init(&entry);
	strbuf_add_dirname(&dir, path);
	strbuf_addf(&prefix, "%s.%s.", base, kind);
	DIR *d = opendir(dir.buf);
	while (d) {
		struct dirent *e = readdir(d);
		if (!e)
			break;
		if (!stale_name(e->d_name, prefix.buf, prefix.len, kind))
			continue;
		strbuf_reset(&entry);
		strbuf_addf(&entry, "%s/%s", dir.buf, e->d_name);
		tmpfiles_remove_tree(entry.buf);
	}
	if (d)
		closedir(d);
	strbuf_release(&dir);
	strbuf_release(&prefix);
	strbuf_release(&entry);
}
