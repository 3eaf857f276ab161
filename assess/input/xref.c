/*
 * xref.c - what the checks across files need: every id read, with its
 * place, stored once; the references between records; and, after the last
 * file, the references resolved (forward and across files) and the
 * component graph searched for cycles.
 */
#include "inventory_parts.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "graph.h"
#include "util.h"

struct id_entry {
	char kind;       /* 's' system, 'o' organization */
	const char *role;/* organization role (in chk->strings), else NULL */
	const char *file;/* borrowed from chk->files */
	long line;       /* line of its element */
	size_t index;    /* systems: index into the component graph */
};

struct xref {
	enum ref_kind kind; /* what the reference is */
	const char *from;   /* id of the referring record, in chk->strings */
	const char *to;     /* id referred to, in chk->strings */
	const char *file;   /* borrowed from chk->files */
	long line;          /* line of the referring element */
};

#define ID_POOL 4096 /* id entries per block: no allocation per id */

static struct id_entry *new_id_entry(struct inventory_checker *chk)
{
	if (!chk->nr_pools || chk->pool_used == ID_POOL) {
		ALLOC_GROW(chk->pools, chk->nr_pools + 1, chk->alloc_pools);
		chk->pools[chk->nr_pools++] = xmalloc(ID_POOL * sizeof(struct id_entry));
		chk->pool_used = 0;
	}
	struct id_entry *e = &chk->pools[chk->nr_pools - 1][chk->pool_used++];
	memset(e, 0, sizeof(*e));
	return e;
}

#define STRING_BLOCK 65536

static size_t string_hash(const char *s)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)(h ^ (h >> 32));
}

static struct intern_slot *strings_slot(struct intern_slot *slots, size_t size,
                                        const char *s)
{
	size_t mask = size - 1;
	for (size_t i = string_hash(s) & mask;; i = (i + 1) & mask)
		if (!slots[i].s || !strcmp(slots[i].s, s))
			return &slots[i];
}

static const char *strings_copy(struct strings *t, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p;
	if (n > STRING_BLOCK / 4) {
		/* a long one has a block of its own, before the current one */
		ALLOC_GROW(t->blocks, t->nr_blocks + 1, t->alloc_blocks);
		p = xmalloc(n);
		if (t->nr_blocks) {
			t->blocks[t->nr_blocks] = t->blocks[t->nr_blocks - 1];
			t->blocks[t->nr_blocks - 1] = p;
		} else {
			t->blocks[0] = p;
			t->block_left = 0;
		}
		t->nr_blocks++;
		memcpy(p, s, n);
		return p;
	}
	if (t->block_left < n) {
		ALLOC_GROW(t->blocks, t->nr_blocks + 1, t->alloc_blocks);
		t->blocks[t->nr_blocks++] = xmalloc(STRING_BLOCK);
		t->block_left = STRING_BLOCK;
	}
	p = t->blocks[t->nr_blocks - 1] + (STRING_BLOCK - t->block_left);
	memcpy(p, s, n);
	t->block_left -= n;
	return p;
}

/* The slot of s; with add, s is stored when new. NULL when absent. */
static struct intern_slot *strings_find(struct strings *t, const char *s, int add)
{
	if (!t->size) {
		if (!add)
			return NULL;
		t->size = 1024;
		t->slots = xcalloc(t->size, sizeof(*t->slots));
	}
	if (add && (t->used + 1) * 2 > t->size) {
		size_t size = t->size * 2;
		struct intern_slot *slots = xcalloc(size, sizeof(*slots));
		for (size_t i = 0; i < t->size; i++)
			if (t->slots[i].s)
				*strings_slot(slots, size, t->slots[i].s) = t->slots[i];
		free(t->slots);
		t->slots = slots;
		t->size = size;
	}
	struct intern_slot *sl = strings_slot(t->slots, t->size, s);
	if (!sl->s) {
		if (!add)
			return NULL;
		sl->s = strings_copy(t, s);
		t->used++;
	}
	return sl;
}

static void strings_release(struct strings *t)
{
	for (size_t i = 0; i < t->nr_blocks; i++)
		free(t->blocks[i]);
	free(t->blocks);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

/* s stored once in the checker (NULL stays NULL). */
static const char *intern(struct inventory_checker *chk, const char *s)
{
	return s ? strings_find(&chk->strings, s, 1)->s : NULL;
}

/* The definition of id, or NULL. */
static struct id_entry *find_id(struct inventory_checker *chk, const char *id)
{
	struct intern_slot *sl = strings_find(&chk->strings, id, 0);
	return sl ? sl->id : NULL;
}

const char *xref_file(struct inventory_checker *chk, const char *path)
{
	ALLOC_GROW(chk->files, chk->nr_files + 1, chk->alloc_files);
	chk->files[chk->nr_files] = xstrdup(path);
	return chk->files[chk->nr_files++];
}

void xref_release(struct inventory_checker *chk)
{
	strings_release(&chk->strings);
	for (size_t i = 0; i < chk->nr_pools; i++)
		free(chk->pools[i]);
	free(chk->pools);
	for (size_t i = 0; i < chk->nr_files; i++)
		free(chk->files[i]);
	free(chk->files);
	free(chk->refs);
}


/*
 * A reference to an organization already defined here that check_ref()
 * will accept: nothing to keep for inventory_checker_finish() (a definition
 * never changes once made, and the ids defined here come first).
 */
static int ref_settled(struct inventory_checker *chk, enum ref_kind kind, const char *to)
{
	const struct id_entry *e = find_id(chk, to);
	if (!e || e->kind != 'o' || kind == REF_COMPONENT)
		return 0;
	if (!e->role || kind == REF_PARENT)
		return 1; /* an invalid role was reported already */
	if (kind == REF_OWNER)
		return !strcmp(e->role, "owner");
	return !strcmp(e->role, "operator") || !strcmp(e->role, "provider");
}

void xref_add(struct inventory_checker *chk, enum ref_kind kind, const char *from, const char *to,
              long line)
{
	if (ref_settled(chk, kind, to))
		return;
	ALLOC_GROW(chk->refs, chk->nr_refs + 1, chk->alloc_refs);
	struct xref *x = &chk->refs[chk->nr_refs++];
	x->kind = kind;
	x->from = intern(chk, from);
	x->to = intern(chk, to);
	x->file = chk->file;
	x->line = line;
}

int xref_define(struct walk *w, const char *id, char kind, const char *role, long line)
{
	struct inventory_checker *chk = w->chk;
	const char *irole = intern(chk, role); /* first: it may move the slots */
	struct intern_slot *sl = strings_find(&chk->strings, id, 1);
	struct id_entry *old = sl->id;
	if (old) {
		struct strbuf sb;
		strbuf_init(&sb);
		strbuf_addf(&sb, "%s:%ld", old->file, old->line);
		walk_error(w, 0, line, "duplicate id '%s' (first defined at %s)", id, sb.buf);
		strbuf_release(&sb);
		return -1;
	}
	struct id_entry *e = new_id_entry(chk);
	e->kind = kind;
	e->role = irole;
	e->file = chk->file;
	e->line = line;
	e->index = kind == 's' ? chk->nr_system_ids++ : 0;
	sl->id = e;
	return 0;
}

/* ===== cross-file checks ===== */

/* What id refers to: 's' system, 'o' organization (*role set, NULL when
 * its own role was invalid), 0 nothing known. */
static int ref_target(struct inventory_checker *chk, const char *id, const char **role)
{
	struct id_entry *e = find_id(chk, id);
	*role = NULL;
	if (e) {
		*role = e->role;
		return e->kind;
	}
	if (chk->known_org_role && (*role = chk->known_org_role(chk->resolver_data, id)))
		return 'o';
	if (chk->known_system && chk->known_system(chk->resolver_data, id))
		return 's';
	return 0;
}

static int check_ref(struct inventory_checker *chk, const struct xref *x)
{
	const char *role;
	int target = ref_target(chk, x->to, &role);
	int is_system = target == 's';
	if (target == 'o' && !role)
		return 0; /* its role was reported as invalid already */
	switch (x->kind) {
	case REF_OWNER:
		if (role && !strcmp(role, "owner"))
			return 0;
		if (role)
			return error_at(x->file, x->line,
			                "system '%s': owner '%s' has role '%s', not 'owner'", x->from,
			                x->to, role);
		if (is_system)
			return error_at(x->file, x->line,
			                "system '%s': owner '%s' is a system, not an organization",
			                x->from, x->to);
		return error_at(x->file, x->line, "system '%s': owner '%s' is not defined", x->from,
		                x->to);
	case REF_OPERATOR:
		if (role && (!strcmp(role, "operator") || !strcmp(role, "provider")))
			return 0;
		if (role)
			return error_at(x->file, x->line,
			                "system '%s': operator '%s' has role '%s' (an operator has role "
			                "'operator' or 'provider')",
			                x->from, x->to, role);
		if (is_system)
			return error_at(x->file, x->line,
			                "system '%s': operator '%s' is a system, not an organization",
			                x->from, x->to);
		return error_at(x->file, x->line, "system '%s': operator '%s' is not defined",
		                x->from, x->to);
	case REF_PARENT:
		if (role)
			return 0;
		return error_at(x->file, x->line,
		                "organization '%s': parent '%s' is not a defined organization", x->from,
		                x->to);
	case REF_COMPONENT:
		if (is_system)
			return 0;
		return error_at(x->file, x->line,
		                "system '%s': component '%s' is not a defined system", x->from, x->to);
	}
	return 0;
}

/* Index of system id in the component graph; *ok = 0 when not a system here. */
static size_t system_index(struct inventory_checker *chk, const char *id, int *ok)
{
	struct id_entry *e = find_id(chk, id);
	*ok = e && e->kind == 's';
	return *ok ? e->index : 0;
}

/* graph_each_cycle callback: report one cycle of component references. */
struct cycle_report {
	struct inventory_checker *chk;
	const size_t *edge; /* CSR edge position -> index in chk->refs */
};

static void report_cycle(void *data, const size_t *cycle, size_t len)
{
	struct cycle_report *cr = data;
	const struct xref *refs = cr->chk->refs;
	const struct xref *x = &refs[cr->edge[cycle[len - 1]]];
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_addstr(&sb, x->to);
	for (size_t j = 0; j < len; j++)
		strbuf_addf(&sb, " -> %s", refs[cr->edge[cycle[j]]].to);
	error_at(x->file, x->line, "component cycle: %s", sb.buf);
	strbuf_release(&sb);
}

static int find_cycles(struct inventory_checker *chk)
{
	size_t n = chk->nr_system_ids, ne = 0;
	int ok;
	size_t *count = xcalloc(n + 1, sizeof(size_t));
	for (size_t i = 0; i < chk->nr_refs; i++) {
		struct xref *x = &chk->refs[i];
		if (x->kind != REF_COMPONENT)
			continue;
		size_t from = system_index(chk, x->from, &ok);
		if (!ok)
			continue;
		system_index(chk, x->to, &ok);
		if (!ok)
			continue;
		count[from + 1]++;
		ne++;
	}
	if (!ne) {
		free(count);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		count[i + 1] += count[i];
	size_t *edge = xmalloc(ne * sizeof(size_t));
	size_t *target = xmalloc(ne * sizeof(size_t));
	size_t *fill = xmalloc((n + 1) * sizeof(size_t));
	memcpy(fill, count, (n + 1) * sizeof(size_t));
	for (size_t i = 0; i < chk->nr_refs; i++) {
		struct xref *x = &chk->refs[i];
		if (x->kind != REF_COMPONENT)
			continue;
		size_t from = system_index(chk, x->from, &ok);
		if (!ok)
			continue;
		size_t to = system_index(chk, x->to, &ok);
		if (!ok)
			continue;
		edge[fill[from]] = i;
		target[fill[from]++] = to;
	}
	struct cycle_report cr = {chk, edge};
	size_t problems = graph_each_cycle(n, count, target, report_cycle, &cr);
	free(edge);
	free(target);
	free(fill);
	free(count);
	return (int)problems;
}

int inventory_checker_finish(struct inventory_checker *chk)
{
	int problems = 0;
	for (size_t i = 0; i < chk->nr_refs; i++)
		if (check_ref(chk, &chk->refs[i]) < 0)
			problems++;
	problems += find_cycles(chk);
	return problems ? 1 : 0;
}
