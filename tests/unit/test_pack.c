/* Unit tests of pack.c: the store's packed text (JSON written and read back
 * strictly). */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "pack.h"
#include "util.h"

/* The value of member key of the object text (a new string), or NULL. */
static char *member(const char *text, const char *key)
{
	struct pack_reader r;
	struct pack_value k, v;
	if (pack_read(&r, text, strlen(text)) < 0)
		return NULL;
	while (pack_member(&r, &k, &v) == 1)
		if (pack_is(&k, key))
			return v.type == PACK_STRING ? pack_dup(&v) : xstrdup("(not a string)");
	return NULL;
}

TEST(pack_strings_round_trip)
{
	static const char *const texts[] = {
		"", "plain", "Hệ thống \"quản lý\"\nhai dòng\tand a tab\r",
		"back\\slash", "\x01\x1f\x7f controls", "'); DROP TABLE systems;--", "\xf0\x9f\x98\x80",
	};
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < ARRAY_SIZE(texts); i++) {
		struct pack_writer w;
		strbuf_reset(&sb);
		pack_begin(&w, &sb);
		pack_str(&w, "k", texts[i]);
		pack_str(&w, "skipped", NULL);
		pack_int(&w, "n", -42);
		pack_end(&w);
		char *got = member(sb.buf, "k");
		CHECK_STR(got, texts[i]);
		free(got);
		CHECK(!strchr(sb.buf, '\n') && !strchr(sb.buf, '\x01'));
		CHECK(!strstr(sb.buf, "skipped"));
	}
	strbuf_release(&sb);
}

TEST(pack_nesting_and_arrays)
{
	struct strbuf sb;
	struct pack_writer w;
	strbuf_init(&sb);
	pack_begin(&w, &sb);
	pack_open(&w, "a", '[');
	pack_int(&w, NULL, 1);
	pack_str(&w, NULL, NULL);
	pack_open(&w, NULL, '{');
	pack_str(&w, "x", "]}\"");
	pack_close(&w);
	pack_close(&w);
	pack_int(&w, "b", 2);
	pack_end(&w);
	CHECK_STR(sb.buf, "{\"a\":[1,null,{\"x\":\"]}\\\"\"}],\"b\":2}");

	struct pack_reader r, list, obj;
	struct pack_value k, v, item;
	CHECK_INT(pack_read(&r, sb.buf, sb.len), 0);
	CHECK_INT(pack_member(&r, &k, &v), 1);
	CHECK(pack_is(&k, "a") && v.type == PACK_ARRAY);
	CHECK_INT(pack_enter(&list, &v), 0);
	CHECK_INT(pack_item(&list, &item), 1);
	CHECK(item.type == PACK_INT && item.n == 1);
	CHECK_INT(pack_item(&list, &item), 1);
	CHECK(item.type == PACK_NULL);
	CHECK_INT(pack_item(&list, &item), 1);
	CHECK_INT(pack_enter(&obj, &item), 0);
	CHECK_INT(pack_member(&obj, &k, &v), 1);
	char buf[16];
	CHECK_INT(pack_copy(&v, buf), 3);
	CHECK_STR(buf, "]}\"");
	CHECK_INT(pack_item(&list, &item), 0);
	CHECK_INT(pack_member(&r, &k, &v), 1);
	CHECK(pack_is(&k, "b") && v.n == 2);
	CHECK_INT(pack_member(&r, &k, &v), 0);
	strbuf_release(&sb);
}

/* Texts a database may hold that assess never writes: refused, never read
 * past their end. */
TEST(pack_refuses_what_it_does_not_write)
{
	static const char *const bad[] = {
		"", "[]", "{", "{\"a\"", "{\"a\":}", "{\"a\":1,}", "{\"a\":01}", "{\"a\":1 \"b\":2}",
		"{\"a\":\"x}", "{\"a\":tru}", "{\"a\":1234567890123456789}", "{\"a\":[1,2}",
		"{\"a\":\"raw\ncontrol\"}", "{a:1}", "{\"a\":[[[[[[[[[1]]]]]]]]]}",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct pack_reader r;
		struct pack_value k, v;
		int rc = pack_read(&r, bad[i], strlen(bad[i]));
		while (rc >= 0 && (rc = pack_member(&r, &k, &v)) == 1) {
			struct pack_reader sub;
			if ((v.type == PACK_ARRAY || v.type == PACK_OBJECT) && pack_enter(&sub, &v) == 0) {
				struct pack_value x;
				int rc2;
				while ((rc2 = pack_item(&sub, &x)) == 1)
					;
				if (rc2 < 0)
					rc = -1;
			}
		}
		if (rc != -1)
			harness_fail(__FILE__, __LINE__, "accepted: %s", bad[i]);
	}
	/* escapes: bad ones, a NUL, a lone surrogate */
	static const char *const escapes[] = {"\\q", "\\u12", "\\u0000", "\\ud800", "\\udc00x",
	                                      "\\"};
	for (size_t i = 0; i < ARRAY_SIZE(escapes); i++) {
		struct pack_value v = {PACK_STRING, escapes[i], strlen(escapes[i]), 1, 0};
		char buf[32];
		CHECK_INT(pack_copy(&v, buf), -1);
		CHECK_STR(buf, "");
	}
	struct pack_value pair = {PACK_STRING, "\\ud83d\\ude00!", 13, 1, 0};
	char buf[32];
	CHECK_INT(pack_copy(&pair, buf), 5);
	CHECK_STR(buf, "\xf0\x9f\x98\x80!");
}
