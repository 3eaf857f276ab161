/*
 * faultvfs.h - a full disk for SQLite, for tests: a VFS that wraps the
 * default one and, once `limit` bytes have been written (by every
 * connection of the process, to every file: database, WAL, journal), fails
 * every further xWrite (the write that crosses the limit is written in
 * part first, as a real full disk does), xTruncate and xSync with
 * SQLITE_FULL.
 *
 * A unit test registers it with faultvfs_register(); for the real binary,
 * build it as a preloaded library (make check-faults builds
 * build/faultvfs.so with -DFAULTVFS_PRELOAD): it then registers itself as
 * the default VFS when $ASSESS_FAULT_AFTER holds the limit in bytes, and at
 * exit appends "written N faults M" to the file $ASSESS_FAULT_LOG when set.
 * Nothing of this is in the assess binary.
 */
#ifndef ASSESS_FAULTVFS_H
#define ASSESS_FAULTVFS_H

/* Register the VFS "faulty" (as the default when make_default) with a limit
 * of `limit` bytes (< 0: none); the count of bytes starts at 0 again. 0 or
 * -1. */
int faultvfs_register(long long limit, int make_default);
/* Unregister it; the previous default VFS is the default again. */
void faultvfs_unregister(void);
/* A new limit; the count starts at 0 again. */
void faultvfs_set_limit(long long limit);
/* Bytes written through the VFS since the last limit was set, and the
 * number of failures injected. */
long long faultvfs_written(void);
long long faultvfs_faults(void);

#endif
