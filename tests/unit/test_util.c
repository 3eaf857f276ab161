/* Unit tests of util.c and facts.c. */
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "diag.h"
#include "facts.h"
#include "harness.h"
#include "util.h"

TEST(util_dates_real_calendar)
{
	CHECK(is_iso_date("2024-02-29"));
	CHECK(!is_iso_date("2023-02-29"));
	CHECK(!is_iso_date("2026-02-30"));
	CHECK(!is_iso_date("2026-13-01"));
	CHECK(!is_iso_date("2026-1-01"));
	CHECK(!is_iso_date("1900-02-29"));
	CHECK(is_iso_date("2000-02-29"));
	CHECK(!is_iso_date(""));
	CHECK(!is_iso_date(NULL));
}

TEST(util_date_arithmetic)
{
	char out[11];
	CHECK_INT(date_to_days("1970-01-01"), 0);
	CHECK_INT(date_to_days("2026-11-21") - date_to_days("2026-11-01"), 20);
	days_to_date(date_to_days("2024-02-28") + 1, out);
	CHECK_STR(out, "2024-02-29");
	date_add_months("2023-05-12", 24, out);
	CHECK_STR(out, "2025-05-12");
	date_add_months("2024-08-31", 6, out);
	CHECK_STR(out, "2025-02-28");
}

/* Four-digit years only: a date after 9999-12-31 is no date, never 0001. */
TEST(util_dates_never_wrap)
{
	char out[11];
	CHECK_INT(date_add_months("9999-06-01", 24, out), -1);
	CHECK_STR(out, "");
	CHECK_INT(date_add_months("9999-06-01", 6, out), 0);
	CHECK_STR(out, "9999-12-01");
	CHECK_INT(date_add_months("9998-12-31", 12, out), 0);
	CHECK_STR(out, "9999-12-31");
	CHECK_INT(days_to_date(date_to_days("9999-12-31") + 1, out), -1);
	CHECK_STR(out, "");
	CHECK_INT(days_to_date(date_to_days("9999-12-31"), out), 0);
	CHECK_STR(out, "9999-12-31");
}

TEST(util_parse_count)
{
	long long n = -5;
	CHECK_INT(parse_count("184000", &n), 0);
	CHECK_INT(n, 184000);
	CHECK_INT(parse_count("-1", &n), -1);
	CHECK_INT(parse_count("", &n), -1);
	CHECK_INT(parse_count("12a", &n), -1);
	CHECK_INT(parse_count("99999999999999999999999", &n), -1);
}

TEST(util_strbuf)
{
	struct strbuf sb;
	strbuf_init(&sb);
	CHECK_STR(sb.buf, "");
	strbuf_addf(&sb, "%s-%d", "ND85", 9);
	strbuf_addstr(&sb, ".2c");
	CHECK_STR(sb.buf, "ND85-9.2c");
	char *s = strbuf_detach(&sb);
	CHECK_STR(s, "ND85-9.2c");
	CHECK_STR(sb.buf, "");
	free(s);
}

TEST(facts_lookup_and_readers)
{
	struct system_record rec;
	system_record_init(&rec);
	CHECK_INT(fact_lookup("information.secret"), F_INFO_SECRET);
	CHECK_INT(fact_lookup("no.such.fact"), -1);
	system_record_set(&rec, F_TYPE, "internal infrastructure");
	system_record_set(&rec, F_DS_USERS, "10000");
	system_record_set(&rec, F_SVC_ONLINE, "yes");
	CHECK_INT(fact_has_word(&rec, F_TYPE, "infrastructure"), 1);
	CHECK_INT(fact_has_word(&rec, F_TYPE, "internal"), 1);
	CHECK_INT(fact_has_word(&rec, F_TYPE, "other"), 0);
	CHECK_INT(fact_has_word(&rec, F_SCOPE, "province"), -1);
	CHECK_INT(fact_count(&rec, F_DS_USERS), 10000);
	CHECK_INT(fact_count(&rec, F_DS_BASIC), -1);
	CHECK_INT(fact_tri(&rec, F_SVC_ONLINE), TRI_YES);
	CHECK_INT(fact_tri(&rec, F_SVC_COND), TRI_UNKNOWN);
	system_record_release(&rec);
}

#include "strmap.h"

TEST(strmap_put_get_grow)
{
	struct strmap map;
	char key[32];
	size_t v = 0;
	strmap_init(&map);
	CHECK_INT(strmap_get(&map, "absent", &v), 0);
	for (size_t i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "ah-%zu", i);
		CHECK_INT(strmap_put(&map, key, i, NULL), 0);
	}
	CHECK_INT(map.size, 5000);
	CHECK_INT(strmap_put(&map, "ah-42", 7, &v), 1);
	CHECK_INT(v, 42);
	CHECK_INT(strmap_get(&map, "ah-4999", &v), 1);
	CHECK_INT(v, 4999);
	CHECK_INT(strmap_get(&map, "ah-5000", &v), 0);
	strmap_release(&map);
}

#include <sys/stat.h>
#include <unistd.h>

TEST(util_atomic_file_pieces_then_rename)
{
	char dir[] = "/tmp/assess-atomic-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[64];
	snprintf(path, sizeof(path), "%s/out.csv", dir);
	struct atomic_file *f = atomic_file_open(path);
	CHECK(f != NULL);
	CHECK_INT(atomic_file_write(f, "a,b\r\n", 5), 0);
	CHECK(access(path, F_OK) != 0); /* nothing under the final name yet */
	CHECK_INT(atomic_file_write(f, "1,2\r\n", 5), 0);
	CHECK_INT(atomic_file_commit(f), 0);
	FILE *in = fopen(path, "r");
	char buf[32] = "";
	CHECK(in && fread(buf, 1, sizeof(buf) - 1, in) == 10);
	if (in)
		fclose(in);
	CHECK_STR(buf, "a,b\r\n1,2\r\n");
	/* an aborted file leaves nothing behind */
	f = atomic_file_open(path);
	atomic_file_write(f, "x", 1);
	atomic_file_abort(f);
	in = fopen(path, "r");
	memset(buf, 0, sizeof(buf));
	CHECK(in && fread(buf, 1, sizeof(buf) - 1, in) == 10);
	if (in)
		fclose(in);
	unlink(path);
	CHECK_INT(rmdir(dir), 0); /* empty: no temporary file left */
}

/* Output paths: a socket, a device, a FIFO or a directory is never replaced. */
TEST(util_output_path_kinds)
{
	struct strbuf msgs;
	char dir[] = "/tmp/assess-test-out-XXXXXX";
	char path[128];
	strbuf_init(&msgs);
	diag_capture(&msgs);
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/sock", dir);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	memcpy(sa.sun_path, path, strlen(path) + 1); /* 32 bytes: fits */
	CHECK(fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
	CHECK_INT(output_path_check(path), -1);
	CHECK_CONTAINS(msgs.buf, "it is a socket");
	CHECK(atomic_file_open(path) == NULL);
	struct stat st;
	CHECK(stat(path, &st) == 0 && S_ISSOCK(st.st_mode));
	CHECK_INT(output_path_check("/dev/null"), -1);
	CHECK_CONTAINS(msgs.buf, "it is a device");
	CHECK_INT(output_path_check(dir), -1);
	CHECK_INT(output_path_check("-"), 0);
	snprintf(path, sizeof(path), "%s/new.csv", dir);
	CHECK_INT(output_path_check(path), 0);
	/* a protected name is refused before the file exists */
	snprintf(path, sizeof(path), "%s/x.db-wal", dir);
	output_path_protect(path);
	CHECK_INT(output_path_check(path), -1);
	CHECK_CONTAINS(msgs.buf, "database in use");
	close(fd);
	snprintf(path, sizeof(path), "%s/sock", dir);
	unlink(path);
	rmdir(dir);
	diag_capture(NULL);
	strbuf_release(&msgs);
}

/* Text for a terminal and for XML: controls never pass raw. */
TEST(util_term_and_xml_text)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_add_term(&sb, "a\x1b[31m\x07 \xc2\x9b \xe2\x80\xae \xe2\x81\xa6 \xff Việt\\");
	CHECK_STR(sb.buf, "a\\x1b[31m\\x07 \\u009b \\u202e \\u2066 \\xff Việt\\");
	CHECK_STR(term_text(NULL), "");
	CHECK_STR(term_text("\x7f"), "\\x7f");
	CHECK(is_xml_text("Việt \xe2\x80\xae\t\n"));
	CHECK(!is_xml_text("a\x1b"));
	CHECK(!is_xml_text("\xed\xa0\x80")); /* a surrogate */
	CHECK(!is_xml_text("\xef\xbf\xbe")); /* U+FFFE */
	strbuf_reset(&sb);
	CHECK_STR(xml_text("a\x01\xc3", &sb), "a\\x01\\xc3");
	strbuf_release(&sb);
}
