/*
 * finding_text.h - the sentences of the findings, rebuilt from a finding's
 * form and arguments.
 *
 * A run stores each finding as its code, severity and "args": the name of
 * the sentence (the form, e.g. "under-classified.or-more") followed by the
 * facts it fills in, each after FINDING_ARG_SEP. The Vietnamese and English
 * texts are made from args when a reader needs them (results, explain,
 * diff), so a national run does not store two sentences per finding.
 * This module is the one place the sentences live; criteria/README-findings.md
 * says what each code means.
 */
#ifndef ASSESS_FINDING_TEXT_H
#define ASSESS_FINDING_TEXT_H

#include "run.h"

/* Between the form and each argument: ASCII unit separator, which no XML 1.0
 * text can hold (an argument holding one gets '?' instead). */
#define FINDING_ARG_SEP '\x1f'

/* Arguments being collected for one finding. */
struct finding_args {
	char *buf;
	size_t len, alloc;
};

/* Start the arguments of a finding whose sentence is `form`. */
void finding_args_start(struct finding_args *a, const char *form);
/* Append one argument: a string (NULL counts as "") or a number. */
void finding_args_str(struct finding_args *a, const char *s);
void finding_args_int(struct finding_args *a, long long v);
/* The finished args string (heap; the caller owns it). */
char *finding_args_finish(struct finding_args *a);

/*
 * Make the sentences of args into *text_vi and *text_en (heap strings the
 * caller frees), each in its language's words: dates dd/mm/yyyy in
 * Vietnamese, numbers of four digits or more grouped (9.600 / 9,600),
 * documents cited in full. Returns 0, or -1 when args names no known form or lacks
 * arguments; both texts then say so and name the form.
 */
int finding_text_render(const char *args, char **text_vi, char **text_en);

/*
 * The legal basis of a finding of `code` told by args (NULL: a finding of
 * an old run, stored with its sentences) for a system assessed under rule
 * set `rules` (an id; NULL when unknown), into *basis_vi and *basis_en
 * (heap strings the caller frees; both NULL when there is none): the
 * article its arguments carry (the cadence of an inspection finding, with
 * the owner's decision when the interval is its policy; the article that
 * keeps an approval or sets the transition's deadline; the licensed
 * inspection rule), else the basis of the code under that rule set, else
 * under any rule set. Citations in full: "Điều 20 Nghị định số
 * 331/2026/NĐ-CP; Chỉ thị số 09/CT-TTg ngày 23/02/2024 của Thủ tướng Chính
 * phủ" / "Decree 331/2026/ND-CP Art. 20; Directive 09/CT-TTg of ...".
 */
void finding_text_basis(const char *code, const char *args, const char *rules, char **basis_vi,
                        char **basis_en);

/* Fill the texts of every finding of res that has args and no texts yet
 * (readers call this; findings.h leaves texts unset). Accepts NULL. */
void result_fill_finding_texts(struct system_result *res);

#endif
