/*
 * article.c - parse and render the articles the criteria cite.
 */
#include "article.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Copy [from, to) into dst of size n; -1 when it does not fit or is empty
 * and must not be. */
static int take(char *dst, size_t n, const char *from, const char *to, int may_be_empty)
{
	size_t len = (size_t)(to - from);
	if (len >= n || (!len && !may_be_empty))
		return -1;
	memcpy(dst, from, len);
	dst[len] = '\0';
	return 0;
}

static const char *digits(const char *p)
{
	while (*p >= '0' && *p <= '9')
		p++;
	return p;
}

int article_parse(const char *s, struct article *a)
{
	memset(a, 0, sizeof(*a));
	if (!s || *s < 'A' || *s > 'Z')
		return -1;
	const char *p = s;
	while ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
		p++;
	if (take(a->doc, sizeof(a->doc), s, p, 0) < 0 || *p++ != ' ')
		return -1;
	if (p[0] == 'P' && p[1] == 'L') {
		const char *r = p + 2, *e = r;
		while (*e == 'I' || *e == 'V' || *e == 'X')
			e++;
		if (take(a->annex, sizeof(a->annex), r, e, 0) < 0 || *e++ != ' ')
			return -1;
		const char *end = e;
		while ((*end >= '0' && *end <= '9') || (*end >= 'a' && *end <= 'z') ||
		       (*end >= 'A' && *end <= 'Z') || *end == '.')
			end++;
		if (*end || take(a->row, sizeof(a->row), e, end, 0) < 0 || end[-1] == '.')
			return -1;
		return 0;
	}
	const char *e = digits(p);
	if (take(a->number, sizeof(a->number), p, e, 0) < 0)
		return -1;
	if (!*e)
		return 0;
	if (*e++ != '.')
		return -1;
	p = e;
	e = digits(p);
	if (take(a->clause, sizeof(a->clause), p, e, 0) < 0)
		return -1;
	if (!*e)
		return 0;
	if (*e >= 'a' && *e <= 'z' && !e[1]) {
		a->point[0] = *e;
		return 0;
	}
	if (!strcmp(e, "đ")) {
		strcpy(a->point, "đ");
		return 0;
	}
	return -1;
}

const struct legal_document *legal_document_find(const struct legal_document *docs, size_t n,
                                                 const char *id)
{
	for (size_t i = 0; docs && id && i < n; i++)
		if (!strcmp(docs[i].id, id))
			return &docs[i];
	return NULL;
}

void legal_documents_free(struct legal_document *docs, size_t n)
{
	if (!docs)
		return;
	for (size_t i = 0; i < n; i++) {
		free(docs[i].id);
		free(docs[i].vi);
		free(docs[i].en);
	}
	free(docs);
}

void article_format(const char *s, const struct legal_document *doc, int english,
                    struct strbuf *sb)
{
	struct article a;
	if (article_parse(s, &a) < 0) {
		strbuf_addstr(sb, s ? s : "");
		return;
	}
	const char *name = !doc ? a.doc : english ? doc->en : doc->vi;
	if (english) {
		if (*a.annex)
			strbuf_addf(sb, "%s Annex %s (%s)", name, a.annex, a.row);
		else if (*a.point)
			strbuf_addf(sb, "%s Art. %s.%s(%s)", name, a.number, a.clause, a.point);
		else if (*a.clause)
			strbuf_addf(sb, "%s Art. %s.%s", name, a.number, a.clause);
		else
			strbuf_addf(sb, "%s Art. %s", name, a.number);
		return;
	}
	if (*a.annex)
		strbuf_addf(sb, "Phụ lục %s (mục %s) %s", a.annex, a.row, name);
	else if (*a.point)
		strbuf_addf(sb, "Điểm %s khoản %s Điều %s %s", a.point, a.clause, a.number, name);
	else if (*a.clause)
		strbuf_addf(sb, "Khoản %s Điều %s %s", a.clause, a.number, name);
	else
		strbuf_addf(sb, "Điều %s %s", a.number, name);
}
