/*
 * cmd_diff.c - `assess diff A B`: what changed from run A to run B.
 *
 * Systems added and removed, level changes, findings that appeared and were
 * resolved; unchanged systems are not listed. Text (default) or XML
 * (--format xml) with the same content, so that a template can render it.
 *
 * Run A is held in memory in a compact form (id, name, level, finding codes);
 * run B is then walked in the same id order and merged against it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "cmdline.h"
#include "commands.h"
#include "diag.h"
#include "paths.h"
#include "results.h"
#include "run.h"
#include "store.h"
#include "util.h"

static const char usage[] =
	"usage: assess diff [--db DB] [--format text|xml] RUN-A RUN-B\n"
	"\n"
	"Show what changed from run A to run B: systems added and removed, level\n"
	"changes, findings that appeared and that were resolved. Unchanged systems\n"
	"are not listed.\n";

/* One finding, as diff compares them: by code (and text, for per-item codes). */
struct dfinding {
	char *code;
	enum severity severity;
	char *text_vi, *text_en;
};

/* One system of a run, compactly. */
struct dsys {
	char *id, *name;
	int level;       /* 0 when undetermined */
	int determined;
	struct dfinding *findings;
	size_t nr_findings;
	int seen;        /* matched by run B */
};

struct side {
	struct dsys *sys;
	size_t n, alloc;
};

static void dsys_fill(struct dsys *d, const struct system_result *res,
                      const struct system_record *rec)
{
	d->id = xstrdup(res->system_id);
	d->name = xstrdup_or_null(rec->value[F_NAME]);
	d->level = res->determined ? res->level : 0;
	d->determined = res->determined;
	d->seen = 0;
	d->nr_findings = res->nr_findings;
	d->findings = res->nr_findings ? xcalloc(res->nr_findings, sizeof(*d->findings)) : NULL;
	for (size_t i = 0; i < res->nr_findings; i++) {
		d->findings[i].code = xstrdup(res->findings[i].code);
		d->findings[i].severity = res->findings[i].severity;
		d->findings[i].text_vi = xstrdup(res->findings[i].text_vi);
		d->findings[i].text_en = xstrdup(res->findings[i].text_en);
	}
}

static void dsys_release(struct dsys *d)
{
	free(d->id);
	free(d->name);
	for (size_t i = 0; i < d->nr_findings; i++) {
		free(d->findings[i].code);
		free(d->findings[i].text_vi);
		free(d->findings[i].text_en);
	}
	free(d->findings);
}

static int collect(void *data, const struct run_system_view *v)
{
	struct side *s = data;
	ALLOC_GROW(s->sys, s->n + 1, s->alloc);
	dsys_fill(&s->sys[s->n++], v->res, v->rec);
	return 0;
}

/* Is finding f of one side among the findings of the other? Same code and
 * same English text (a code may occur once per item, e.g. waiver-expired). */
static int has_finding(const struct dsys *d, const struct dfinding *f)
{
	for (size_t i = 0; d && i < d->nr_findings; i++)
		if (!strcmp(d->findings[i].code, f->code) && !strcmp(d->findings[i].text_en, f->text_en))
			return 1;
	return 0;
}

/* The output, text or XML. */
struct out {
	int xml;
	xmlTextWriterPtr w;
	long added, removed, changed, appeared, resolved;
};

/* Text from the database as XML can carry it (util.h: xml_text). */
static void xattr(struct out *o, const char *name, const char *value)
{
	struct strbuf scratch;
	strbuf_init(&scratch);
	if (value)
		xmlTextWriterWriteAttribute(o->w, (const xmlChar *)name,
		                            (const xmlChar *)xml_text(value, &scratch));
	strbuf_release(&scratch);
}

static void xtext(struct out *o, const char *text)
{
	struct strbuf scratch;
	strbuf_init(&scratch);
	xmlTextWriterWriteString(o->w, (const xmlChar *)xml_text(text ? text : "", &scratch));
	strbuf_release(&scratch);
}

static void xattr_level(struct out *o, const char *name, const struct dsys *d)
{
	if (d->determined)
		xmlTextWriterWriteFormatAttribute(o->w, (const xmlChar *)name, "%d", d->level);
	else
		xattr(o, name, "undetermined");
}

static const char *level_text(const struct dsys *d, char buf[16])
{
	if (!d->determined)
		return "undetermined";
	snprintf(buf, 16, "%d", d->level);
	return buf;
}

static void emit_system(struct out *o, const char *kind, const struct dsys *d)
{
	char buf[16];
	if (o->xml) {
		xmlTextWriterStartElement(o->w, (const xmlChar *)kind);
		xattr(o, "id", d->id);
		xattr(o, "name", d->name);
		xattr_level(o, "level", d);
		xmlTextWriterEndElement(o->w);
	} else {
		printf("%-8s %s  level %s  %s\n", kind, term_text(d->id), level_text(d, buf),
		       term_text(d->name));
	}
}

static void emit_finding(struct out *o, const char *kind, const struct dfinding *f, const char *id)
{
	if (o->xml) {
		xmlTextWriterStartElement(o->w, (const xmlChar *)kind);
		xattr(o, "code", f->code);
		xattr(o, "severity", severity_name(f->severity));
		xmlTextWriterStartElement(o->w, (const xmlChar *)"text");
		xattr(o, "xml:lang", "vi");
		xtext(o, f->text_vi);
		xmlTextWriterEndElement(o->w);
		xmlTextWriterStartElement(o->w, (const xmlChar *)"text");
		xattr(o, "xml:lang", "en");
		xtext(o, f->text_en);
		xmlTextWriterEndElement(o->w);
		xmlTextWriterEndElement(o->w);
	} else {
		printf("  %s %s [%s] %s: %s\n", kind[8] == 'a' ? "+" : "-", term_text(id),
		       severity_name(f->severity), term_text(f->code), term_text(f->text_en));
	}
}

/* Compare one system present in both runs. */
static void compare(struct out *o, const struct dsys *a, const struct dsys *b)
{
	int level_changed = a->level != b->level || a->determined != b->determined;
	size_t appeared = 0, resolved = 0;
	for (size_t i = 0; i < b->nr_findings; i++)
		appeared += !has_finding(a, &b->findings[i]);
	for (size_t i = 0; i < a->nr_findings; i++)
		resolved += !has_finding(b, &a->findings[i]);
	if (!level_changed && !appeared && !resolved)
		return;
	o->changed++;
	o->appeared += (long)appeared;
	o->resolved += (long)resolved;
	char ba[16], bb[16];
	if (o->xml) {
		xmlTextWriterStartElement(o->w, (const xmlChar *)"changed");
		xattr(o, "id", b->id);
		xattr(o, "name", b->name);
		xattr_level(o, "from-level", a);
		xattr_level(o, "to-level", b);
	} else if (level_changed) {
		printf("%-8s %s  level %s -> %s  %s\n", "changed", term_text(b->id), level_text(a, ba),
		       level_text(b, bb), term_text(b->name));
	} else {
		printf("%-8s %s  level %s  %s\n", "changed", term_text(b->id), level_text(b, bb),
		       term_text(b->name));
	}
	for (size_t i = 0; i < b->nr_findings; i++)
		if (!has_finding(a, &b->findings[i]))
			emit_finding(o, "finding-appeared", &b->findings[i], b->id);
	for (size_t i = 0; i < a->nr_findings; i++)
		if (!has_finding(b, &a->findings[i]))
			emit_finding(o, "finding-resolved", &a->findings[i], a->id);
	if (o->xml)
		xmlTextWriterEndElement(o->w);
}

struct walk_b {
	struct side *a;
	size_t next; /* next system of A not yet compared (both are in id order) */
	struct out *o;
};

static int walk_b(void *data, const struct run_system_view *v)
{
	struct walk_b *wb = data;
	const struct system_result *res = v->res;
	const struct system_record *rec = v->rec;
	struct dsys b;
	dsys_fill(&b, res, rec);
	/* systems of A before this id were removed */
	while (wb->next < wb->a->n && strcmp(wb->a->sys[wb->next].id, b.id) < 0) {
		emit_system(wb->o, "removed", &wb->a->sys[wb->next++]);
		wb->o->removed++;
	}
	if (wb->next < wb->a->n && !strcmp(wb->a->sys[wb->next].id, b.id)) {
		compare(wb->o, &wb->a->sys[wb->next++], &b);
	} else {
		emit_system(wb->o, "added", &b);
		wb->o->added++;
	}
	dsys_release(&b);
	return 0;
}

int cmd_diff(int argc, char **argv)
{
	const char *db = NULL, *format = "text";
	const struct opt opts[] = {
		{"db", 0, &db, NULL}, {"format", 0, &format, NULL}, {NULL, 0, NULL, NULL}};
	char **args;
	int nargs, status = EXIT_RUNTIME;
	int early = cmdline_parse_command(argc, argv, opts, usage, &args, &nargs);
	if (early >= 0)
		return early;
	long ra = nargs == 2 ? parse_run_option(args[0]) : -1;
	long rb = nargs == 2 ? parse_run_option(args[1]) : -1;
	free(args);
	if (ra <= 0 || rb <= 0)
		return cmdline_usage_error(usage, "diff takes two run numbers");
	if (strcmp(format, "text") && strcmp(format, "xml"))
		return cmdline_usage_error(usage, "--format takes text or xml");

	struct store *st = NULL;
	struct side a = {0};
	struct out o;
	struct run_info ia, ib;
	char *sa = NULL, *sb = NULL;
	memset(&o, 0, sizeof(o));
	o.xml = !strcmp(format, "xml");
	if (open_existing_store(db_path(db), &st) < 0)
		goto out;
	if (store_get_run(st, ra, &ia, &sa) < 0 || store_get_run(st, rb, &ib, &sb) < 0)
		goto out;
	if (store_each_run_system(st, ra, NULL, NULL, STORE_FINDING_TEXTS | STORE_FACTS_LEAN,
	                          collect, &a) < 0)
		goto out;
	if (o.xml) {
		xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(stdout, NULL);
		o.w = buf ? xmlNewTextWriter(buf) : NULL;
		if (!o.w) {
			error("cannot write standard output");
			goto out;
		}
		xmlTextWriterSetIndent(o.w, 1);
		xmlTextWriterStartDocument(o.w, NULL, "UTF-8", NULL);
		xmlTextWriterStartElement(o.w, (const xmlChar *)"diff");
		xmlTextWriterWriteFormatAttribute(o.w, (const xmlChar *)"from", "%ld", ra);
		xmlTextWriterWriteFormatAttribute(o.w, (const xmlChar *)"to", "%ld", rb);
		xattr(&o, "from-rules", ia.rules);
		xattr(&o, "to-rules", ib.rules);
		xattr(&o, "from-date", ia.date);
		xattr(&o, "to-date", ib.date);
	} else {
		printf("diff run %ld (%s, %s) -> run %ld (%s, %s)\n", ra, term_text(ia.rules),
		       term_text(ia.date), rb, term_text(ib.rules), term_text(ib.date));
	}
	struct walk_b wb = {&a, 0, &o};
	if (store_each_run_system(st, rb, NULL, NULL, STORE_FINDING_TEXTS | STORE_FACTS_LEAN,
	                          walk_b, &wb) < 0)
		goto out;
	while (wb.next < a.n) {
		emit_system(&o, "removed", &a.sys[wb.next++]);
		o.removed++;
	}
	if (o.xml) {
		xmlTextWriterStartElement(o.w, (const xmlChar *)"totals");
		xmlTextWriterWriteFormatAttribute(o.w, (const xmlChar *)"added", "%ld", o.added);
		xmlTextWriterWriteFormatAttribute(o.w, (const xmlChar *)"removed", "%ld", o.removed);
		xmlTextWriterWriteFormatAttribute(o.w, (const xmlChar *)"changed", "%ld", o.changed);
		xmlTextWriterWriteFormatAttribute(o.w, (const xmlChar *)"findings-appeared", "%ld",
		                                  o.appeared);
		xmlTextWriterWriteFormatAttribute(o.w, (const xmlChar *)"findings-resolved", "%ld",
		                                  o.resolved);
		xmlTextWriterEndElement(o.w);
		xmlTextWriterEndElement(o.w);
		if (xmlTextWriterEndDocument(o.w) < 0) {
			error("cannot write standard output");
			goto out;
		}
	} else {
		printf("%ld added, %ld removed, %ld changed, %ld findings appeared, %ld resolved\n",
		       o.added, o.removed, o.changed, o.appeared, o.resolved);
	}
	status = EXIT_OK;
out:
	if (o.w)
		xmlFreeTextWriter(o.w);
	for (size_t i = 0; i < a.n; i++)
		dsys_release(&a.sys[i]);
	free(a.sys);
	free(sa);
	free(sb);
	store_close(st);
	return status;
}
