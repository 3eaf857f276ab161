/*
 * csv_out.c - the shipped CSV in C: templates/csv.xsl's bytes (csv_out.h),
 * without a results document or a transform per chunk of systems.
 */
#include "csv_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "paths.h"
#include "run.h"
#include "store.h"
#include "util.h"
#include "xmlio.h"

#define CSV_COLUMNS 10
#define CSV_FLUSH (64 * 1024) /* bytes buffered before a write */
#define CSV_STOP_EVERY 500    /* systems between two questions to stop() */

int csv_out_is_shipped(const char *name)
{
	return name && !strcmp(name, "csv");
}

/* One field as csv.xsl's template "field" writes it. */
static void add_field(struct strbuf *out, const char *s)
{
	if (!s || !*s)
		return;
	int formula = strchr("=+-@\t\r", *s) != NULL;
	if (!formula && !strpbrk(s, ",\"\n\r")) {
		strbuf_addstr(out, s);
		return;
	}
	strbuf_addstr(out, formula ? "\"'" : "\"");
	for (const char *p = s;;) {
		const char *q = strchr(p, '"');
		if (!q) {
			strbuf_addstr(out, p);
			break;
		}
		strbuf_add(out, p, (size_t)(q - p + 1));
		strbuf_addstr(out, "\"");
		p = q + 1;
	}
	strbuf_addstr(out, "\"");
}

/* One row: level NULL is "undetermined" (written as it is). */
static void add_row(struct strbuf *out, const char *const f[CSV_COLUMNS])
{
	for (int i = 0; i < CSV_COLUMNS; i++) {
		if (i)
			strbuf_addstr(out, ",");
		if (i == 5 && !f[i])
			strbuf_addstr(out, "undetermined");
		else
			add_field(out, f[i]);
	}
	strbuf_addstr(out, "\r\n");
}

/* ---- the header -------------------------------------------------------- */

/* key('str', id) over the strings document: the first <s id="ID"> of the
 * document, in document order (NULL: none). */
static xmlNodePtr find_string(xmlNodePtr n, const char *id)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!n->ns && !strcmp((const char *)n->name, "s")) {
			xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)"id");
			int hit = v && !strcmp((const char *)v, id);
			xmlFree(v);
			if (hit)
				return n;
		}
		xmlNodePtr in = find_string(n->children, id);
		if (in)
			return in;
	}
	return NULL;
}

int csv_out_header(const char *lang, struct strbuf *out)
{
	static const char *const ids[CSV_COLUMNS] = {
		"csv.id",     "csv.name",     "csv.owner",    "csv.operator", "csv.status",
		"csv.level",  "csv.deciding", "csv.approved", "csv.drift",    "csv.findings",
	};
	const char *l = lang && !strcmp(lang, "en") ? "en" : "vi";
	char rel[64];
	snprintf(rel, sizeof(rel), "templates/strings/%s.xml", l);
	char *path = data_path(rel);
	xmlDocPtr doc = xmlio_read_doc(path, "a strings file");
	free(path);
	if (!doc)
		return error("cannot read the strings of the CSV header (%s)", rel);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int ok = root && !root->ns && !strcmp((const char *)root->name, "strings");
	const char *f[CSV_COLUMNS];
	xmlChar *text[CSV_COLUMNS] = {NULL};
	for (int i = 0; i < CSV_COLUMNS; i++) {
		xmlNodePtr s = ok ? find_string(root, ids[i]) : NULL;
		text[i] = s ? xmlNodeGetContent(s) : NULL;
		f[i] = text[i] ? (const char *)text[i] : ids[i];
	}
	if (ok) {
		strbuf_addstr(out, "\xEF\xBB\xBF");
		add_row(out, f);
	}
	for (int i = 0; i < CSV_COLUMNS; i++)
		xmlFree(text[i]);
	xmlFreeDoc(doc);
	return ok ? 0 : error("the strings of the CSV header (%s) are not a <strings> document", rel);
}

/* ---- from the store ---------------------------------------------------- */

struct run_csv {
	struct atomic_file *out;
	struct strbuf buf;
	struct strbuf scratch[CSV_COLUMNS];
	struct run_clause *clauses;
	size_t nr_clauses;
	const char *owner_id;
	int (*stop)(void *data);
	void *stop_data;
	long seen;
	int stopped;
};

static int flush(struct run_csv *c)
{
	if (atomic_file_write(c->out, c->buf.buf, c->buf.len) < 0)
		return -1;
	strbuf_reset(&c->buf);
	return 0;
}

static int run_row(void *data, const struct run_system_view *v)
{
	struct run_csv *c = data;
	const struct system_result *res = v->res;
	const struct system_record *rec = v->rec;
	char level[24], approved[24], findings[24];
	if (c->stop && ++c->seen % CSV_STOP_EVERY == 0 && c->stop(c->stop_data)) {
		c->stopped = 1;
		return -1;
	}
	/* results.c's in_filter: an owner's systems (the walk by id does not ask) */
	if (c->owner_id && (!rec->value[F_OWNER] || strcmp(c->owner_id, rec->value[F_OWNER])))
		return 0;
	/* the attributes of a <system> (results.c, pass_b / pass_b_lean) */
	const char *clause = NULL;
	if (res->determined && res->deciding_clause >= 0 &&
	    (size_t)res->deciding_clause < c->nr_clauses)
		clause = c->clauses[res->deciding_clause].id;
	const char *lv = NULL;
	if (res->determined && res->level) {
		snprintf(level, sizeof(level), "%d", res->level);
		lv = level;
	}
	approved[0] = '\0';
	if (res->approved_level)
		snprintf(approved, sizeof(approved), "%d", res->approved_level);
	snprintf(findings, sizeof(findings), "%ld", (long)res->nr_findings);
	const char *raw[CSV_COLUMNS] = {
		res->system_id,        rec->value[F_NAME],   rec->value[F_OWNER],
		rec->value[F_OPERATOR], rec->value[F_STATUS], lv,
		clause,                approved,             drift_name(res->drift),
		findings,
	};
	const char *f[CSV_COLUMNS];
	for (int i = 0; i < CSV_COLUMNS; i++) {
		strbuf_reset(&c->scratch[i]);
		f[i] = raw[i] ? xml_text(raw[i], &c->scratch[i]) : NULL;
	}
	/* an empty attribute is not written: a level without one is undetermined */
	if (f[5] && !*f[5])
		f[5] = NULL;
	add_row(&c->buf, f);
	return c->buf.len >= CSV_FLUSH ? flush(c) : 0;
}

int csv_out_run(struct store *st, long run, const char *system_id, const char *owner_id,
                const char *header, const char *out_path, int (*stop)(void *data),
                void *stop_data)
{
	struct run_csv c = {.owner_id = owner_id, .stop = stop, .stop_data = stop_data};
	int ret = -1;
	strbuf_init(&c.buf);
	for (int i = 0; i < CSV_COLUMNS; i++)
		strbuf_init(&c.scratch[i]);
	if (store_run_clauses(st, run, &c.clauses, &c.nr_clauses) < 0)
		goto out;
	if (!(c.out = atomic_file_open(out_path)))
		goto out;
	strbuf_addstr(&c.buf, header);
	if (store_each_run_system(st, run, system_id, system_id ? NULL : owner_id,
	                          STORE_FACTS_LEAN, run_row, &c) != 0)
		goto out;
	if (flush(&c) < 0)
		goto out;
	ret = atomic_file_commit(c.out);
	c.out = NULL;
out:
	atomic_file_abort(c.out);
	run_clauses_free(c.clauses, c.nr_clauses);
	strbuf_release(&c.buf);
	for (int i = 0; i < CSV_COLUMNS; i++)
		strbuf_release(&c.scratch[i]);
	return ret;
}

/* ---- from a results document ------------------------------------------- */

int csv_out_doc(xmlDocPtr results, const char *lang, const char *out_path)
{
	static const char *const names[CSV_COLUMNS] = {
		"id",    "name",            "owner",          "operator", "status",
		"level", "deciding-clause", "approved-level", "drift",    "findings",
	};
	struct strbuf buf;
	struct atomic_file *out = NULL;
	int ret = -1;
	strbuf_init(&buf);
	if (csv_out_header(lang, &buf) < 0 || !(out = atomic_file_open(out_path)))
		goto done;
	xmlNodePtr root = xmlDocGetRootElement(results);
	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || n->ns || strcmp((const char *)n->name, "system"))
			continue;
		xmlChar *v[CSV_COLUMNS];
		const char *f[CSV_COLUMNS];
		for (int i = 0; i < CSV_COLUMNS; i++) {
			v[i] = xmlGetNoNsProp(n, (const xmlChar *)names[i]);
			f[i] = (const char *)v[i];
		}
		add_row(&buf, f); /* level: absent is undetermined, empty is empty */
		for (int i = 0; i < CSV_COLUMNS; i++)
			xmlFree(v[i]);
		if (buf.len >= CSV_FLUSH) {
			if (atomic_file_write(out, buf.buf, buf.len) < 0)
				goto done;
			strbuf_reset(&buf);
		}
	}
	if (atomic_file_write(out, buf.buf, buf.len) < 0)
		goto done;
	ret = atomic_file_commit(out);
	out = NULL;
done:
	atomic_file_abort(out);
	strbuf_release(&buf);
	return ret;
}
