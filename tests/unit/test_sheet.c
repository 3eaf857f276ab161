/*
 * Unit tests of the workbook <-> vocabulary mapping (sheet.h): every header
 * and every label can be told apart, what people type is read or refused
 * (never misread), and the document made of a workbook is an inventory the
 * reader takes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "harness.h"
#include "inventory.h"
#include "sheet.h"
#include "util.h"
#include "xlsx_out.h"

/* UTF-8 characters of s */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

TEST(sheet_names_fit_excel)
{
	for (int r = 0; r < VR__COUNT; r++)
		for (int l = 0; l < 2; l++) {
			const char *name = sheet_name((enum vocab_record)r, (enum vocab_lang)l);
			CHECK(name && chars(name) <= 31 && !strpbrk(name, "[]:*?/\\"));
		}
	/* every record has its sheet, once */
	int seen[VR__COUNT] = {0};
	for (int i = 0; i < VR__COUNT; i++)
		seen[sheet_order[i]]++;
	for (int r = 0; r < VR__COUNT; r++)
		CHECK_INT(seen[r], 1);
}

/* Headers of one sheet, and the labels of one list, are all different (in
 * both languages together): a header or a value names one thing. */
TEST(sheet_headers_and_labels_are_unambiguous)
{
	for (int r = 0; r < VR__COUNT; r++) {
		const struct vocab_record_def *d = vocab_record((enum vocab_record)r);
		const struct vocab_field *key = sheet_key_field((enum vocab_record)r);
		for (size_t i = 0; i < d->nr_fields; i++) {
			const struct vocab_field *a = &d->fields[i];
			if (key)
				CHECK(strcasecmp(a->label_vi, key->label_vi) &&
				      strcasecmp(a->label_en, key->label_en));
			for (size_t j = i + 1; j < d->nr_fields; j++) {
				const struct vocab_field *b = &d->fields[j];
				if (!strcasecmp(a->label_vi, b->label_vi) ||
				    !strcasecmp(a->label_en, b->label_en) ||
				    !strcasecmp(a->label_vi, b->label_en))
					harness_fail(__FILE__, __LINE__, "%s: %s and %s share a label", d->name,
					             a->name, b->name);
			}
		}
	}
	for (int l = 1; l < VL__COUNT; l++) {
		const struct vocab_list_def *ld = vocab_list((enum vocab_list)l);
		for (size_t i = 0; i < ld->nr_values; i++)
			for (size_t j = i + 1; j < ld->nr_values; j++) {
				const struct vocab_value *a = &ld->values[i], *b = &ld->values[j];
				if (a->kind == VV_ALIAS || b->kind == VV_ALIAS)
					continue;
				if (!strcasecmp(a->label_vi, b->label_vi) ||
				    !strcasecmp(a->label_en, b->label_en) ||
				    !strcasecmp(a->code, b->label_en) || !strcasecmp(a->label_en, b->code))
					harness_fail(__FILE__, __LINE__, "%s: %s and %s share a label", ld->name,
					             a->code, b->code);
			}
	}
}

static char *write_tmp(const char *suffix, const char *text)
{
	char *path = xmalloc(64);
	snprintf(path, 64, "/tmp/assess-sheet-XXXXXX%s", suffix);
	int fd = mkstemps(path, (int)strlen(suffix));
	CHECK(fd >= 0);
	CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	return path;
}

TEST(sheet_reads_what_people_type)
{
	char *path = write_tmp(".csv",
		"\xEF\xBB\xBF  MÃ HỆ THỐNG ;System owner;TRẠNG THÁI;Tên hệ thống;Loại hệ thống thông tin;"
		"Thông tin cá nhân;Số người sử dụng có thông tin riêng, cá nhân;approval.level;"
		"Phê duyệt theo;Số quyết định phê duyệt;Ngày phê duyệt\n"
		"s1;own;ĐANG VẬN HÀNH;Một;Internal operations ;  cÓ ;12400;Level 4;nd331;1/QĐ-UBND;"
		"05/01/2026\n"
		"s2;own;operating;Hai;internal;Chưa rõ;12.400;;;;\n"
		"s3;own;operating;Ba;internal;yes;12,400;;;;\n");
	struct sheet_book b;
	struct strbuf msgs;
	strbuf_init(&msgs);
	sheet_book_init(&b);
	diag_capture(&msgs);
	long before = diag_problem_count();
	int rc = sheet_read_book(path, &b);
	diag_capture(NULL);
	CHECK_INT(rc, 1);
	CHECK_INT(diag_problem_count() - before, 2); /* 12.400 and 12,400, nothing else */
	CHECK(strstr(msgs.buf, ":3: G3: Số người sử dụng") != NULL);
	CHECK(strstr(msgs.buf, ":4: G4: ") != NULL);
	CHECK_INT(b.t[VR_SYSTEM].nr, 3);
	const struct sheet_rec *s1 = &b.t[VR_SYSTEM].rows[0];
	CHECK_STR(s1->v[F_ID], "s1");
	CHECK_STR(s1->v[F_STATUS], "operating");
	CHECK_STR(s1->v[F_TYPE], "internal");
	CHECK_STR(s1->v[F_INFO_PERSONAL], "yes");
	CHECK_STR(s1->v[F_DS_USERS], "12400");
	CHECK_STR(s1->v[F_APPR_LEVEL], "4");
	CHECK_STR(s1->v[F_APPR_RULES], "ND331");
	CHECK_STR(s1->v[F_APPR_DATE], "2026-01-05");
	CHECK_STR(b.t[VR_SYSTEM].rows[1].v[F_INFO_PERSONAL], "unknown");
	CHECK(b.t[VR_SYSTEM].rows[1].v[F_DS_USERS] == NULL);
	sheet_book_release(&b);
	strbuf_release(&msgs);
	unlink(path);
	free(path);
}

/* The template's example, written, read back and converted, is an inventory
 * the reader takes whole. */
TEST(sheet_example_round_trip)
{
	struct sheet_book b, back;
	sheet_book_init(&b);
	sheet_book_init(&back);
	sheet_example(&b, "2026-11-21");
	char path[] = "/tmp/assess-sheet-XXXXXX.xlsx";
	int fd = mkstemps(path, 5);
	CHECK(fd >= 0);
	close(fd);
	CHECK_INT(xlsx_write_book(path, &b, VOCAB_EN, 1), 0);
	CHECK_INT(sheet_read_book(path, &back), 0);
	for (int r = 0; r < VR__COUNT; r++) {
		CHECK_INT(back.t[r].nr, b.t[r].nr);
		for (size_t i = 0; i < b.t[r].nr && i < back.t[r].nr; i++)
			for (size_t f = 0; f < vocab_record((enum vocab_record)r)->nr_fields; f++) {
				const char *x = b.t[r].rows[i].v[f], *y = back.t[r].rows[i].v[f];
				if ((x == NULL) != (y == NULL) || (x && strcmp(x, y)))
					harness_fail(__FILE__, __LINE__, "%s row %zu field %zu: %s / %s",
					             vocab_record((enum vocab_record)r)->name, i, f,
					             x ? x : "NULL", y ? y : "NULL");
			}
	}
	struct inventory_checker *chk = inventory_checker_new();
	CHECK_INT(inventory_read(chk, path, NULL), 0);
	CHECK_INT(inventory_checker_finish(chk), 0);
	CHECK_INT(inventory_checker_systems(chk), 2);
	inventory_checker_free(chk);
	unlink(path);
	sheet_book_release(&b);
	sheet_book_release(&back);
}
