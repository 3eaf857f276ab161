/*
 * article.h - the articles the criteria cite, machine-readable.
 *
 * Every clause, requirement, cadence and transition of the criteria files
 * says which provision of which document it codes, in one short form:
 *
 *   "ND85 9"       Article 9 of document ND85
 *   "ND85 9.2"     Article 9, clause 2
 *   "ND85 9.2c"    Article 9, clause 2, point c (points a-z and đ)
 *   "TT12 PLIII I.1.5.6"   Annex III, row I.1.5.6 (annex part, then row)
 *
 * The document ids are declared by the file that cites them
 * (<document id="ND85" vi="Nghị định 85/2016/NĐ-CP" en="Decree 85/2016/ND-CP"/>),
 * so a new document needs no C. This module parses the form and renders it
 * for people: "Điểm c khoản 2 Điều 9 Nghị định 85/2016/NĐ-CP" /
 * "Decree 85/2016/ND-CP Art. 9.2(c)".
 */
#ifndef ASSESS_ARTICLE_H
#define ASSESS_ARTICLE_H

#include <stddef.h>

struct strbuf;

/* A cited article, split into its parts (each a NUL-terminated copy in the
 * struct; empty when absent). */
struct article {
	char doc[16];     /* document id: "ND85" */
	char annex[8];    /* annex number in Roman numerals: "III"; "" for an article */
	char number[8];   /* article number: "9"; "" for an annex */
	char clause[8];   /* clause number: "2"; "" when the whole article */
	char point[4];    /* point letter: "c" or "đ" (UTF-8); "" when none */
	char row[48];     /* annex: the part and row, "I.1.5.6" */
};

/* Parse s into *a. 0, or -1 when s is not of the form above (nothing is
 * reported: the caller knows the file and line). */
int article_parse(const char *s, struct article *a);

/* A document the criteria cite. */
struct legal_document {
	char *id;  /* "ND85" */
	char *vi;  /* "Nghị định 85/2016/NĐ-CP" */
	char *en;  /* "Decree 85/2016/ND-CP" */
};

/* The document with id among docs[0..n), or NULL. */
const struct legal_document *legal_document_find(const struct legal_document *docs, size_t n,
                                                 const char *id);
/* Free the strings of docs[0..n) and docs itself; accepts NULL. */
void legal_documents_free(struct legal_document *docs, size_t n);

/*
 * Append the article cited by s, for people, in Vietnamese (english = 0) or
 * English, to sb, naming the document by doc (NULL: by its id). When s does
 * not parse, s itself is appended.
 */
void article_format(const char *s, const struct legal_document *doc, int english,
                    struct strbuf *sb);

#endif
