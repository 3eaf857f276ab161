/*
 * graph.c - cycles of a directed graph, by an iterative depth-first search.
 */
#include "graph.h"

#include <stdlib.h>

#include "util.h"

size_t graph_each_cycle(size_t n, const size_t *first, const size_t *target,
                        void (*fn)(void *data, const size_t *cycle, size_t len), void *data)
{
	size_t found = 0;
	if (!n)
		return 0;
	/* 0 white, 1 on the stack, 2 done */
	unsigned char *color = xcalloc(n, 1);
	size_t *stack = xmalloc(n * sizeof(size_t)); /* nodes */
	size_t *next = xmalloc(n * sizeof(size_t));  /* next edge to try */
	size_t *via = xmalloc(n * sizeof(size_t));   /* edge used to enter */
	size_t *cycle = xmalloc((n + 1) * sizeof(size_t));
	for (size_t s = 0; s < n; s++) {
		if (color[s])
			continue;
		size_t sp = 1;
		stack[0] = s;
		next[0] = first[s];
		color[s] = 1;
		while (sp) {
			size_t u = stack[sp - 1];
			if (next[sp - 1] == first[u + 1]) {
				color[u] = 2;
				sp--;
				continue;
			}
			size_t e = next[sp - 1]++;
			size_t v = target[e];
			if (color[v] == 0) {
				color[v] = 1;
				via[sp] = e;
				stack[sp] = v;
				next[sp] = first[v];
				sp++;
			} else if (color[v] == 1) {
				/* v ... u -> v: the edges from v's place on the stack */
				size_t k = sp;
				while (k > 0 && stack[k - 1] != v)
					k--;
				size_t len = 0;
				for (size_t j = k; j < sp; j++)
					cycle[len++] = via[j];
				cycle[len++] = e;
				fn(data, cycle, len);
				found++;
			}
		}
	}
	free(color);
	free(stack);
	free(next);
	free(via);
	free(cycle);
	return found;
}
