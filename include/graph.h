/*
 * graph.h - cycles of a directed graph (components of composite systems:
 * within the files of one import, inventory.c; across the snapshot an
 * import makes, store.c).
 */
#ifndef ASSESS_GRAPH_H
#define ASSESS_GRAPH_H

#include <stddef.h>

/*
 * Find the cycles of a graph of n nodes whose edges are in CSR form: the
 * edges of node u are first[u] .. first[u + 1] - 1 (first has n + 1
 * entries), and edge e goes to node target[e]. An iterative depth-first
 * search (any depth, no recursion); every edge that closes a cycle calls
 * fn with the cycle as edge positions in order, the closing edge last
 * (cycle[len - 1]; cycle[0] leaves the node it enters), valid during the
 * call. Returns the number of cycles reported.
 */
size_t graph_each_cycle(size_t n, const size_t *first, const size_t *target,
                        void (*fn)(void *data, const size_t *cycle, size_t len), void *data);

#endif
