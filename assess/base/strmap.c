/*
 * strmap.c - string -> index hash map with linear probing.
 */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

void strmap_init(struct strmap *map)
{
	memset(map, 0, sizeof(*map));
}

void strmap_release(struct strmap *map)
{
	for (size_t i = 0; i < map->slots; i++)
		free(map->keys[i]);
	free(map->keys);
	free(map->values);
	strmap_init(map);
}

static size_t find_slot(const struct strmap *map, const char *key)
{
	size_t mask = map->slots - 1;
	size_t i = (size_t)hash(key) & mask;
	while (map->keys[i] && strcmp(map->keys[i], key))
		i = (i + 1) & mask;
	return i;
}

static void grow(struct strmap *map)
{
	struct strmap bigger;
	bigger.slots = map->slots ? map->slots * 2 : 64;
	bigger.size = map->size;
	bigger.keys = xcalloc(bigger.slots, sizeof(*bigger.keys));
	bigger.values = xcalloc(bigger.slots, sizeof(*bigger.values));
	for (size_t i = 0; i < map->slots; i++) {
		if (!map->keys[i])
			continue;
		size_t j = find_slot(&bigger, map->keys[i]);
		bigger.keys[j] = map->keys[i];
		bigger.values[j] = map->values[i];
	}
	free(map->keys);
	free(map->values);
	*map = bigger;
}

int strmap_put(struct strmap *map, const char *key, size_t value, size_t *existing)
{
	if ((map->size + 1) * 4 > map->slots * 3)
		grow(map);
	size_t i = find_slot(map, key);
	if (map->keys[i]) {
		if (existing)
			*existing = map->values[i];
		return 1;
	}
	map->keys[i] = xstrdup(key);
	map->values[i] = value;
	map->size++;
	return 0;
}

int strmap_get(const struct strmap *map, const char *key, size_t *value)
{
	if (!map->slots)
		return 0;
	size_t i = find_slot(map, key);
	if (!map->keys[i])
		return 0;
	*value = map->values[i];
	return 1;
}
