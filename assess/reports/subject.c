/*
 * subject.c - check the system and owner a report is restricted to.
 */
#include "subject.h"

#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "results.h"
#include "run.h"
#include "store.h"
#include "strmap.h"
#include "util.h"

/* The known ids, as a message lists them. */
struct known {
	const char *want;   /* the id looked for */
	int found;          /* seen */
	struct strbuf list; /* the first SUBJECT_LIST_MAX ids, ", "-separated */
	long count;         /* ids seen */
};

static void known_add(struct known *k, const char *id)
{
	if (!id)
		return;
	if (k->want && !strcmp(id, k->want))
		k->found = 1;
	if (k->count++ < SUBJECT_LIST_MAX)
		strbuf_addf(&k->list, "%s%s", k->list.len ? ", " : "", id);
}

static void known_message(const struct known *k, const char *what, long run, struct strbuf *msg)
{
	strbuf_reset(msg);
	strbuf_addf(msg, "no %s '%s' in run %ld (", what, k->want, run);
	if (!k->count)
		strbuf_addf(msg, "it has no %ss", what);
	else
		strbuf_addf(msg, "%ss: %s", what, k->list.buf);
	if (k->count > SUBJECT_LIST_MAX)
		strbuf_addf(msg, ", and %ld more", k->count - SUBJECT_LIST_MAX);
	strbuf_addstr(msg, ")");
}

static int each_owner(void *data, const struct organization *org)
{
	if (org->role && !strcmp(org->role, "owner"))
		known_add(data, org->id);
	return 0;
}

static int each_system(void *data, const struct run_system_view *v)
{
	known_add(data, v->res->system_id);
	return 0;
}

int subject_check(struct store *st, long run, const char *system_id, const char *owner_id,
                  struct strbuf *msg)
{
	struct run_info info;
	char *strings = NULL;
	struct known k;
	int ret = -1;
	if (!system_id && !owner_id)
		return 0;
	if ((run = results_resolve_run(st, run)) < 0 || store_get_run(st, run, &info, &strings) < 0)
		return -1;
	free(strings);
	memset(&k, 0, sizeof(k));
	strbuf_init(&k.list);
	if (owner_id) {
		k.want = owner_id;
		if (store_each_organization(st, info.snapshot, each_owner, &k) < 0)
			goto out;
		if (!k.found) {
			known_message(&k, "owner", run, msg);
			ret = 1;
			goto out;
		}
	}
	if (system_id) {
		strbuf_reset(&k.list);
		k.want = system_id;
		k.found = 0;
		k.count = 0;
		/* the common case, an id that is there, is one indexed look-up */
		if (store_each_run_system(st, run, system_id, NULL, STORE_FACTS_LEAN, each_system, &k) < 0)
			goto out;
		if (!k.found) {
			k.count = 0;
			strbuf_reset(&k.list);
			if (store_each_run_system(st, run, NULL, NULL, STORE_FACTS_LEAN, each_system, &k) < 0)
				goto out;
			known_message(&k, "system", run, msg);
			ret = 1;
			goto out;
		}
	}
	ret = 0;
out:
	strbuf_release(&k.list);
	return ret;
}

static int each_owner_of_system(void *data, const struct run_system_view *v)
{
	if (v->rec->value[F_OWNER])
		strmap_put(data, v->rec->value[F_OWNER], 0, NULL);
	return 0;
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int subject_owners(struct store *st, long run, char ***ids, size_t *nr)
{
	struct strmap owners;
	*ids = NULL;
	*nr = 0;
	if ((run = results_resolve_run(st, run)) < 0)
		return -1;
	strmap_init(&owners);
	if (store_each_run_system(st, run, NULL, NULL, STORE_FACTS_LEAN, each_owner_of_system,
	                          &owners) < 0) {
		strmap_release(&owners);
		return -1;
	}
	char **list = xcalloc(owners.size + 1, sizeof(*list));
	size_t n = 0;
	for (size_t i = 0; i < owners.slots; i++)
		if (owners.keys[i])
			list[n++] = xstrdup(owners.keys[i]);
	qsort(list, n, sizeof(*list), by_string);
	strmap_release(&owners);
	*ids = list;
	*nr = n;
	return 0;
}

struct dossier_walk {
	int all;
	char **ids;
	size_t nr, alloc;
};

static int needs_dossier(const struct system_result *res, const struct system_record *rec)
{
	if (rec->value[F_STATUS] && !strcmp(rec->value[F_STATUS], "retired"))
		return 0;
	if (res->drift == DRIFT_UNAPPROVED || res->drift == DRIFT_UNDER)
		return 1;
	for (size_t i = 0; i < res->nr_findings; i++)
		if (!strcmp(res->findings[i].code, "rules-drift"))
			return 1;
	return 0;
}

static int each_dossier_system(void *data, const struct run_system_view *v)
{
	struct dossier_walk *w = data;
	if (!w->all && !needs_dossier(v->res, v->rec))
		return 0;
	ALLOC_GROW(w->ids, w->nr + 1, w->alloc);
	w->ids[w->nr++] = xstrdup(v->res->system_id);
	return 0;
}

int subject_dossier_systems(struct store *st, long run, int all, char ***ids, size_t *nr)
{
	struct dossier_walk w = {.all = all};
	*ids = NULL;
	*nr = 0;
	if ((run = results_resolve_run(st, run)) < 0)
		return -1;
	if (store_each_run_system(st, run, NULL, NULL, STORE_FACTS_LEAN, each_dossier_system, &w) < 0) {
		for (size_t i = 0; i < w.nr; i++)
			free(w.ids[i]);
		free(w.ids);
		return -1;
	}
	*ids = w.ids;
	*nr = w.nr;
	return 0;
}
