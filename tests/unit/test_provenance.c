/*
 * Provenance: every article the shipped criteria cite (@article and
 * @measures-article in the criteria files: clauses, cadences, licensed
 * inspections, delegations, kept approvals, hosting rules, requirement
 * rows, and the test rule set TT09) exists in the legal texts kept beside
 * the repository, ../shared/legal/ from its root. The texts are not part of
 * the repository: when the folder is absent (a clean checkout in CI) the
 * test says so and passes.
 *
 * How an article is found in a text (include/article.h forms):
 *   "ND85 9.2c"        the section "## Điều 9.", in it a line "2. ", after
 *                      it (before the next clause) a line "c) "
 *   "TT12 PLIII I.1.5.6"  the section "## Phụ lục III", in it the line
 *                      "I. ..." (management), then a line "1.5.6 ..."
 *                      before the technical part "II. ..."
 *   "TT12 PLIII II.1.b.vii"  technical part, "1. " (design), "b) ", "vii. "
 *   "TT12 PLIII II.2.1.1.1"  technical part, "2. " (configuration), "1.1.1 "
 */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "article.h"
#include "harness.h"
#include "util.h"
#include "xmlio.h"

static const char legal_dir[] = "../../../shared/legal";

/* The text of each document the criteria cite. A new document needs its
 * file here (and in ../shared/legal/INDEX.md). */
static const struct {
	const char *doc, *file;
} texts[] = {
	{"ND85", "nd85-levels.md"},
	{"ND331", "nd331-levels.md"},
	{"L116", "law116-excerpts.md"},
	{"TT12", "tt12-annexes-index.md"},
	{"TT09", "tt09-banking-levels.md"},
};

struct text {
	char *buf;      /* the file, lines NUL-terminated in place */
	char **line;    /* each line, leading blanks skipped */
	size_t n;
};

static int load_text(const char *doc, struct text *t)
{
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		if (strcmp(texts[i].doc, doc))
			continue;
		char path[256];
		snprintf(path, sizeof(path), "%s/%s", legal_dir, texts[i].file);
		FILE *f = fopen(path, "rb");
		if (!f)
			return -1;
		size_t len = 0, alloc = 0;
		char chunk[8192];
		size_t got;
		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
			if (len + got + 1 > alloc) {
				alloc = (len + got + 1) * 2;
				t->buf = xrealloc(t->buf, alloc);
			}
			memcpy(t->buf + len, chunk, got);
			len += got;
		}
		fclose(f);
		if (!t->buf)
			t->buf = xcalloc(1, 1);
		t->buf[len] = '\0';
		size_t lines_alloc = 0;
		for (char *p = t->buf; *p;) {
			char *nl = strchr(p, '\n');
			if (nl)
				*nl = '\0';
			while (*p == ' ' || *p == '\t')
				p++;
			ALLOC_GROW(t->line, t->n + 1, lines_alloc);
			t->line[t->n++] = p;
			if (!nl)
				break;
			p = nl + 1;
		}
		return 0;
	}
	return -1;
}

static void free_text(struct text *t)
{
	free(t->buf);
	free(t->line);
}

static int starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* Is line a numbered clause "12. "? */
static int is_clause_line(const char *s)
{
	const char *p = s;
	while (*p >= '0' && *p <= '9')
		p++;
	return p > s && p[0] == '.' && p[1] == ' ';
}

/* The first line in [from, to) starting with prefix, or to. */
static size_t find_line(const struct text *t, size_t from, size_t to, const char *prefix)
{
	for (size_t i = from; i < to; i++)
		if (starts(t->line[i], prefix))
			return i;
	return to;
}

/* The section [*from, *to) whose heading starts with heading (followed by
 * a space, '.' already in heading for articles); 0 or -1. */
static int find_section(const struct text *t, const char *heading, size_t *from, size_t *to)
{
	size_t hl = strlen(heading);
	for (size_t i = 0; i < t->n; i++) {
		const char *l = t->line[i];
		if (strncmp(l, heading, hl) || (l[hl] != ' ' && l[hl] != '\0'))
			continue;
		size_t j = i + 1;
		while (j < t->n && !starts(t->line[j], "## "))
			j++;
		*from = i + 1;
		*to = j;
		return 0;
	}
	return -1;
}

/* Is s a point line: "c) ", "đ) " (letter) or "vii. " (roman)? */
static int is_point_line(const char *s, int roman)
{
	const char *p = s;
	if (roman) {
		while (*p == 'i' || *p == 'v' || *p == 'x')
			p++;
		return p > s && p[0] == '.' && p[1] == ' ';
	}
	if (*p >= 'a' && *p <= 'z')
		p++;
	else if (starts(p, "\xc4\x91"))
		p += 2;
	return p > s && p[0] == ')' && p[1] == ' ';
}

/* A point "c) " (or "đ) ", or a roman "vii. ") in [from, to): the range
 * after it up to the next point or clause line; 0 or -1. */
static int find_point(const struct text *t, size_t from, size_t to, const char *point, int roman,
                      size_t *pfrom, size_t *pto)
{
	char prefix[16];
	snprintf(prefix, sizeof(prefix), roman ? "%s. " : "%s) ", point);
	size_t i = find_line(t, from, to, prefix);
	if (i == to)
		return -1;
	size_t j = i + 1;
	while (j < to && !is_clause_line(t->line[j]) && !is_point_line(t->line[j], roman))
		j++;
	*pfrom = i + 1;
	*pto = j;
	return 0;
}

/* Does the article a exist in t? why gets what was not found. */
static int article_in_text(const struct text *t, const struct article *a, char *why, size_t whylen)
{
	char heading[64];
	size_t from, to;
	if (!*a->annex) {
		snprintf(heading, sizeof(heading), "## Điều %s.", a->number);
		if (find_section(t, heading, &from, &to) < 0)
			return snprintf(why, whylen, "no section \"%s\"", heading), -1;
		if (!*a->clause)
			return 0;
		char prefix[16];
		snprintf(prefix, sizeof(prefix), "%s. ", a->clause);
		size_t i = find_line(t, from, to, prefix);
		if (i == to)
			return snprintf(why, whylen, "no clause \"%s\" in Điều %s", prefix, a->number), -1;
		if (!*a->point)
			return 0;
		size_t j = i + 1;
		while (j < to && !is_clause_line(t->line[j]))
			j++;
		size_t pf, pt;
		if (find_point(t, i + 1, j, a->point, 0, &pf, &pt) < 0)
			return snprintf(why, whylen, "no point \"%s)\" in clause %s", a->point, a->clause), -1;
		return 0;
	}
	snprintf(heading, sizeof(heading), "## Phụ lục %s", a->annex);
	if (find_section(t, heading, &from, &to) < 0)
		return snprintf(why, whylen, "no section \"%s\"", heading), -1;
	/* the row: part "I" or "II", then the rest */
	char row[48];
	snprintf(row, sizeof(row), "%s", a->row);
	char *rest = strchr(row, '.');
	if (!rest)
		return snprintf(why, whylen, "row \"%s\" names no part", a->row), -1;
	*rest++ = '\0';
	size_t mgmt = find_line(t, from, to, "I. ");
	size_t tech = find_line(t, from, to, "II. ");
	if (mgmt == to || tech == to)
		return snprintf(why, whylen, "no parts I. and II. in annex %s", a->annex), -1;
	if (!strcmp(row, "I")) {
		char prefix[48];
		snprintf(prefix, sizeof(prefix), "%s ", rest);
		if (find_line(t, mgmt + 1, tech, prefix) == tech)
			return snprintf(why, whylen, "no management row \"%s\"", rest), -1;
		return 0;
	}
	if (strcmp(row, "II"))
		return snprintf(why, whylen, "no part \"%s\"", row), -1;
	/* "1.a", "1.b.vii" (design) or "2.1.1.1" (configuration) */
	size_t design = find_line(t, tech + 1, to, "1. ");
	size_t config = find_line(t, tech + 1, to, "2. ");
	if (design == to || config == to)
		return snprintf(why, whylen, "no design or configuration part in annex %s", a->annex), -1;
	if (starts(rest, "2.")) {
		char prefix[48];
		snprintf(prefix, sizeof(prefix), "%s ", rest + 2);
		if (find_line(t, config + 1, to, prefix) == to)
			return snprintf(why, whylen, "no configuration row \"%s\"", rest + 2), -1;
		return 0;
	}
	if (!starts(rest, "1."))
		return snprintf(why, whylen, "no technical item \"%s\"", rest), -1;
	char item[48];
	snprintf(item, sizeof(item), "%s", rest + 2);
	char *roman = strchr(item, '.');
	if (roman)
		*roman++ = '\0';
	size_t pf, pt;
	if (find_point(t, design + 1, config, item, 0, &pf, &pt) < 0)
		return snprintf(why, whylen, "no design item \"%s)\"", item), -1;
	if (roman && find_point(t, pf, pt, roman, 1, &pf, &pt) < 0)
		return snprintf(why, whylen, "no design item \"%s) %s.\"", item, roman), -1;
	return 0;
}

/* Check every article cited in file; returns how many were checked. */
static int check_file(const char *file)
{
	int checked = 0;
	xmlDocPtr doc = xmlio_read_doc(file, "a rule set");
	if (!doc) {
		harness_fail(__FILE__, __LINE__, "%s does not parse", file);
		return 0;
	}
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr set =
		xmlXPathEvalExpression((const xmlChar *)"//@article | //@measures-article", ctx);
	for (int i = 0; set && set->nodesetval && i < set->nodesetval->nodeNr; i++) {
		xmlNodePtr attr = set->nodesetval->nodeTab[i];
		xmlChar *v = xmlNodeGetContent(attr);
		struct article a;
		struct text t;
		char why[160] = "";
		long line = xmlGetLineNo(attr->parent);
		if (article_parse((const char *)v, &a) < 0)
			harness_fail(__FILE__, __LINE__, "%s:%ld: '%s' is not an article", file, line,
			             (const char *)v);
		else if (load_text(a.doc, &t) < 0)
			harness_fail(__FILE__, __LINE__, "%s:%ld: no text of document %s in %s", file,
			             line, a.doc, legal_dir);
		else {
			if (article_in_text(&t, &a, why, sizeof(why)) < 0)
				harness_fail(__FILE__, __LINE__, "%s:%ld: %s is not in the text: %s", file,
				             line, (const char *)v, why);
			free_text(&t);
			checked++;
		}
		xmlFree(v);
	}
	xmlXPathFreeObject(set);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	return checked;
}

TEST(provenance_every_cited_article_is_in_the_texts)
{
	struct stat sb;
	if (stat(legal_dir, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
		printf("  skipped: %s (../shared/legal beside the repository) is not here, so the "
		       "cited articles are not checked against the texts\n", legal_dir);
		return;
	}
	const char *files[] = {"../../criteria/nd85.xml", "../../criteria/nd331.xml",
	                       "../../criteria/requirements.xml", "../fixtures/criteria/tt09/tt09.xml"};
	int total = 0;
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		int n = check_file(files[i]);
		CHECK(n > 0);
		total += n;
	}
	CHECK(total > 300);
}

/* The finder itself: articles that are not in the texts are reported. */
TEST(provenance_finder_rejects_what_is_not_there)
{
	struct stat sb;
	if (stat(legal_dir, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
		printf("  skipped: %s is not here\n", legal_dir);
		return;
	}
	const char *absent[] = {"ND85 9.5", "ND85 9.2d", "ND85 99", "ND331 12.2c", "L116 11.1z",
	                        "TT12 PLIII I.1.9.9", "TT12 PLIII II.1.c", "TT12 PLI II.1.b.iv",
	                        "TT12 PLIII II.2.9.9.9", "TT12 PLVI I.1.1.1"};
	const char *present[] = {"ND85 11.5", "ND331 12.2b", "L116 45.1", "TT12 PLV II.1.b.xix",
	                         "TT12 PLI II.1.b.iii", "TT09 5.4đ"};
	for (size_t i = 0; i < sizeof(absent) / sizeof(*absent); i++) {
		struct article a;
		struct text t;
		char why[160];
		CHECK_INT(article_parse(absent[i], &a), 0);
		if (load_text(a.doc, &t) < 0)
			continue;
		if (article_in_text(&t, &a, why, sizeof(why)) == 0)
			harness_fail(__FILE__, __LINE__, "%s found", absent[i]);
		free_text(&t);
	}
	for (size_t i = 0; i < sizeof(present) / sizeof(*present); i++) {
		struct article a;
		struct text t;
		char why[160] = "";
		CHECK_INT(article_parse(present[i], &a), 0);
		CHECK_INT(load_text(a.doc, &t), 0);
		if (!t.buf)
			continue;
		if (article_in_text(&t, &a, why, sizeof(why)) < 0)
			harness_fail(__FILE__, __LINE__, "%s not found: %s", present[i], why);
		free_text(&t);
	}
}
