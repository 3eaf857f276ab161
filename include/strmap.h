/*
 * strmap.h - a hash map from strings to indices (open addressing, FNV-1a).
 *
 * Keys are copied; values are size_t. Sized for 10^6 keys without trouble.
 */
#ifndef ASSESS_STRMAP_H
#define ASSESS_STRMAP_H

#include <stddef.h>

struct strmap {
	char **keys;     /* slot -> key copy, NULL when empty */
	size_t *values;  /* slot -> value */
	size_t size;     /* number of keys */
	size_t slots;    /* capacity, a power of two */
};

/* Prepare an empty map / free everything it owns. */
void strmap_init(struct strmap *map);
void strmap_release(struct strmap *map);

/* Insert key -> value. Returns 0 when inserted, 1 when the key was already
 * there (its value is left unchanged and stored in *existing if non-NULL). */
int strmap_put(struct strmap *map, const char *key, size_t value, size_t *existing);

/* Look key up: 1 and *value set when present, else 0. */
int strmap_get(const struct strmap *map, const char *key, size_t *value);

#endif
