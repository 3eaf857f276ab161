/*
 * sha256.h - SHA-256 (FIPS 180-4), for the digest of a rule-set file.
 */
#ifndef ASSESS_SHA256_H
#define ASSESS_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256_ctx {
	uint32_t h[8];          /* chaining state */
	uint64_t len;           /* bytes hashed so far */
	unsigned char buf[64];  /* pending partial block */
	size_t nbuf;            /* bytes in buf */
};

/* Start a new digest. */
void sha256_init(struct sha256_ctx *ctx);
/* Hash len more bytes of data (data may be NULL when len is 0). */
void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len);
/* Finish: the 32-byte digest goes to out; ctx must be initialised again before reuse. */
void sha256_final(struct sha256_ctx *ctx, unsigned char out[32]);
/* The digest of len bytes as 64 lowercase hex digits and a NUL in out. */
void sha256_hex(const void *data, size_t len, char out[65]);
/* The digest of the file at path, the same way; -1 (nothing reported, out
 * the empty string) when it cannot be read. */
int sha256_file_hex(const char *path, char out[65]);

#endif
