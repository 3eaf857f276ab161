/*
 * faultvfs.c - a full disk for SQLite (faultvfs.h).
 */
#include "faultvfs.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

struct fault_file {
	sqlite3_file base;  /* pMethods: fault_methods */
	sqlite3_file *real; /* the default VFS's file, in the same allocation */
};

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;
static _Atomic long long limit_bytes = -1;
static _Atomic long long written;
static _Atomic long long faults;

/* The disk is full: nothing more may be written. */
static int full(void)
{
	long long limit = atomic_load(&limit_bytes);
	return limit >= 0 && atomic_load(&written) >= limit;
}

static int f_close(sqlite3_file *f)
{
	struct fault_file *ff = (struct fault_file *)f;
	return ff->real->pMethods->xClose(ff->real);
}

static int f_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
	struct fault_file *ff = (struct fault_file *)f;
	return ff->real->pMethods->xRead(ff->real, buf, amt, off);
}

static int f_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
	struct fault_file *ff = (struct fault_file *)f;
	long long limit = atomic_load(&limit_bytes);
	long long before = atomic_fetch_add(&written, amt);
	if (limit >= 0 && before + amt > limit) {
		long long room = limit - before;
		if (room > 0) /* a torn write, as a real full disk gives */
			ff->real->pMethods->xWrite(ff->real, buf, (int)room, off);
		atomic_fetch_add(&faults, 1);
		return SQLITE_FULL;
	}
	return ff->real->pMethods->xWrite(ff->real, buf, amt, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	struct fault_file *ff = (struct fault_file *)f;
	if (full()) {
		atomic_fetch_add(&faults, 1);
		return SQLITE_FULL;
	}
	return ff->real->pMethods->xTruncate(ff->real, size);
}

static int f_sync(sqlite3_file *f, int flags)
{
	struct fault_file *ff = (struct fault_file *)f;
	if (full()) {
		atomic_fetch_add(&faults, 1);
		return SQLITE_FULL;
	}
	return ff->real->pMethods->xSync(ff->real, flags);
}

static int f_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	struct fault_file *ff = (struct fault_file *)f;
	return ff->real->pMethods->xFileSize(ff->real, size);
}

static int f_lock(sqlite3_file *f, int level)
{
	struct fault_file *ff = (struct fault_file *)f;
	return ff->real->pMethods->xLock(ff->real, level);
}

static int f_unlock(sqlite3_file *f, int level)
{
	struct fault_file *ff = (struct fault_file *)f;
	return ff->real->pMethods->xUnlock(ff->real, level);
}

static int f_check_reserved(sqlite3_file *f, int *out)
{
	struct fault_file *ff = (struct fault_file *)f;
	return ff->real->pMethods->xCheckReservedLock(ff->real, out);
}

static int f_file_control(sqlite3_file *f, int op, void *arg)
{
	struct fault_file *ff = (struct fault_file *)f;
	return ff->real->pMethods->xFileControl(ff->real, op, arg);
}

static int f_sector_size(sqlite3_file *f)
{
	struct fault_file *ff = (struct fault_file *)f;
	return ff->real->pMethods->xSectorSize(ff->real);
}

static int f_device(sqlite3_file *f)
{
	struct fault_file *ff = (struct fault_file *)f;
	return ff->real->pMethods->xDeviceCharacteristics(ff->real);
}

static int f_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **pp)
{
	struct fault_file *ff = (struct fault_file *)f;
	return ff->real->pMethods->xShmMap(ff->real, pg, pgsz, extend, pp);
}

static int f_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	struct fault_file *ff = (struct fault_file *)f;
	return ff->real->pMethods->xShmLock(ff->real, offset, n, flags);
}

static void f_shm_barrier(sqlite3_file *f)
{
	struct fault_file *ff = (struct fault_file *)f;
	ff->real->pMethods->xShmBarrier(ff->real);
}

static int f_shm_unmap(sqlite3_file *f, int delete_flag)
{
	struct fault_file *ff = (struct fault_file *)f;
	return ff->real->pMethods->xShmUnmap(ff->real, delete_flag);
}

static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int amt, void **pp)
{
	struct fault_file *ff = (struct fault_file *)f;
	return ff->real->pMethods->xFetch(ff->real, off, amt, pp);
}

static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	struct fault_file *ff = (struct fault_file *)f;
	return ff->real->pMethods->xUnfetch(ff->real, off, p);
}

static const sqlite3_io_methods fault_methods = {
	3, f_close, f_read, f_write, f_truncate, f_sync, f_file_size, f_lock, f_unlock,
	f_check_reserved, f_file_control, f_sector_size, f_device, f_shm_map, f_shm_lock,
	f_shm_barrier, f_shm_unmap, f_fetch, f_unfetch,
};

/* The real file sits after ours, 16-byte aligned. */
#define FAULT_FILE_SIZE ((sizeof(struct fault_file) + 15) & ~(size_t)15)

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
	struct fault_file *ff = (struct fault_file *)f;
	(void)vfs;
	ff->real = (sqlite3_file *)((char *)f + FAULT_FILE_SIZE);
	int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
	/* SQLite calls xClose only when pMethods is set: as the real file says */
	ff->base.pMethods = ff->real->pMethods ? &fault_methods : NULL;
	return rc;
}

static int v_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int v_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *v_dl_open(sqlite3_vfs *vfs, const char *name)
{
	(void)vfs;
	return real_vfs->xDlOpen(real_vfs, name);
}

static void v_dl_error(sqlite3_vfs *vfs, int n, char *msg)
{
	(void)vfs;
	real_vfs->xDlError(real_vfs, n, msg);
}

static void (*v_dl_sym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
	(void)vfs;
	return real_vfs->xDlSym(real_vfs, h, sym);
}

static void v_dl_close(sqlite3_vfs *vfs, void *h)
{
	(void)vfs;
	real_vfs->xDlClose(real_vfs, h);
}

static int v_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int v_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int v_current_time(sqlite3_vfs *vfs, double *out)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, out);
}

static int v_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n, out) : 0;
}

static int v_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

void faultvfs_set_limit(long long limit)
{
	atomic_store(&written, 0);
	atomic_store(&faults, 0);
	atomic_store(&limit_bytes, limit);
}

int faultvfs_register(long long limit, int make_default)
{
	if (!real_vfs) {
		if (!(real_vfs = sqlite3_vfs_find(NULL)) || real_vfs->iVersion < 2)
			return -1;
		fault_vfs = (sqlite3_vfs){
			2, (int)(FAULT_FILE_SIZE + (size_t)real_vfs->szOsFile), real_vfs->mxPathname,
			NULL, "faulty", NULL, v_open, v_delete, v_access, v_full_pathname, v_dl_open,
			v_dl_error, v_dl_sym, v_dl_close, v_randomness, v_sleep, v_current_time,
			v_last_error, v_current_time64, NULL, NULL, NULL,
		};
	}
	faultvfs_set_limit(limit);
	return sqlite3_vfs_register(&fault_vfs, make_default) == SQLITE_OK ? 0 : -1;
}

void faultvfs_unregister(void)
{
	if (!real_vfs)
		return;
	sqlite3_vfs_unregister(&fault_vfs);
	sqlite3_vfs_register(real_vfs, 1);
	faultvfs_set_limit(-1);
}

long long faultvfs_written(void)
{
	return atomic_load(&written);
}

long long faultvfs_faults(void)
{
	return atomic_load(&faults);
}

#ifdef FAULTVFS_PRELOAD
/* As a preloaded library: the default VFS of the process, from the start. */
static void report(void)
{
	const char *log = getenv("ASSESS_FAULT_LOG");
	FILE *f = log && *log ? fopen(log, "a") : NULL;
	if (f) {
		fprintf(f, "written %lld faults %lld\n", faultvfs_written(), faultvfs_faults());
		fclose(f);
	}
}

__attribute__((constructor)) static void faultvfs_preload(void)
{
	const char *v = getenv("ASSESS_FAULT_AFTER");
	if (!v || !*v)
		return;
	if (faultvfs_register(strtoll(v, NULL, 10), 1) == 0)
		atexit(report);
}
#endif
