/*
 * Unit tests against hostile input: pattern matching budgets, atomic output
 * files, and the inventory reader and criteria loader on broken or
 * malicious files (they must reject, never crash, hang or fetch).
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "criteria.h"
#include "diag.h"
#include "harness.h"
#include "inventory.h"
#include "rx.h"
#include "util.h"

/* n copies of unit followed by tail, NUL-terminated; caller frees. */
static char *repeat(const char *unit, size_t n, const char *tail, size_t *len)
{
	size_t ul = strlen(unit), tl = strlen(tail);
	char *s = xmalloc(ul * n + tl + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * ul, unit, ul);
	memcpy(s + ul * n, tail, tl + 1);
	*len = ul * n + tl;
	return s;
}

/*
 * PCRE2 counts its match limit per start position: a pattern that
 * backtracks a little under the limit at each of thousands of positions
 * runs for minutes and then says "no match". The limit must bound the
 * whole match: the call fails with a limit error instead. (No clock here:
 * speed is measured by make bench, never in a unit test.)
 */
TEST(hostile_rx_backtracking_bounded_over_all_start_positions)
{
	char *err = NULL;
	struct rx *rx = rx_compile("(a+)+c", &err);
	size_t len;
	char *subject = repeat("aaaaaaaaaaaaaaaaab", 2000, "c", &len);
	CHECK_INT(rx_match(rx, subject, len, &err), -1);
	CHECK_CONTAINS(err, "limit");
	free(err);
	free(subject);
	rx_free(rx);
}

/* The budget must not break ordinary patterns on long, harmless text. */
TEST(hostile_rx_long_subject_still_matches)
{
	char *err = NULL;
	struct rx *rx = rx_compile("\\bthủ tục hành chính\\b", &err);
	size_t len;
	char *subject = repeat("Hệ thống quản lý ", 20000, "thủ tục hành chính", &len);
	CHECK_INT(rx_match(rx, subject, len, &err), 1);
	free(subject);
	subject = repeat("x", 100000, "", &len);
	CHECK_INT(rx_match(rx, subject, len, &err), 0);
	rx_free(rx);
	rx = rx_compile("^x*y?$", &err);
	CHECK_INT(rx_match(rx, subject, len, &err), 1);
	free(subject);
	rx_free(rx);
}

/* ===== files: a scratch directory per test ===== */

static char dir[64]; /* the scratch directory, made on first use */

static char *scratch_file(const char *name, const void *data, size_t len)
{
	if (!dir[0]) {
		strcpy(dir, "/tmp/assess-hostile-XXXXXX");
		if (!mkdtemp(dir))
			return NULL;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_addf(&sb, "%s/%s", dir, name);
	FILE *f = fopen(sb.buf, "wb");
	if (f) {
		if (len)
			fwrite(data, 1, len, f);
		fclose(f);
	}
	return strbuf_detach(&sb);
}

struct names {
	struct strbuf names; /* every system name seen, '|'-separated */
	int systems;
};

static int on_system(void *data, const struct system_record *rec)
{
	struct names *n = data;
	n->systems++;
	strbuf_addstr(&n->names, rec->value[F_NAME] ? rec->value[F_NAME] : "(null)");
	strbuf_addstr(&n->names, "|");
	return 0;
}

/* Read one inventory from memory; returns inventory_read()'s result and
 * leaves the messages in *msgs. */
static int read_inventory(const char *name, const char *data, size_t len, struct names *n,
                          struct strbuf *msgs)
{
	char *path = scratch_file(name, data, len);
	struct inventory_sink sink = {n, NULL, NULL, on_system};
	struct inventory_checker *chk = inventory_checker_new();
	diag_capture(msgs);
	int rc = inventory_read(chk, path, &sink);
	if (rc == 0)
		rc = inventory_checker_finish(chk);
	diag_capture(NULL);
	inventory_checker_free(chk);
	unlink(path);
	free(path);
	return rc;
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                      \
	"<inventory version=\"1\" as-of=\"2026-06-30\">\n"                         \
	"<organization id=\"o\" role=\"owner\"><name>O</name></organization>\n"
#define SYSTEM_OPEN "<system id=\"s\" owner=\"o\" status=\"operating\"><name>"
#define SYSTEM_CLOSE "</name><type>internal</type>"                             \
	"<information public=\"yes\" private=\"no\" personal=\"no\" secret=\"none\"/>" \
	"</system>\n</inventory>\n"

TEST(hostile_inventory_broken_files_are_rejected)
{
	static const struct {
		const char *name, *data;
		size_t len;
		const char *message;
	} cases[] = {
		{"empty.xml", "", 0, NULL},
		{"nul.xml", HEAD SYSTEM_OPEN "a\0b" SYSTEM_CLOSE, sizeof(HEAD SYSTEM_OPEN "a\0b" SYSTEM_CLOSE) - 1, NULL},
		{"utf8.xml", HEAD SYSTEM_OPEN "\xff\xfe\xc3" SYSTEM_CLOSE, 0, "UTF-8"},
		{"truncated.xml", HEAD SYSTEM_OPEN "abc", 0, NULL},
		{"doctype.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE inventory [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
		 "<inventory version=\"1\" as-of=\"2026-06-30\"><organization id=\"o\" role=\"owner\"><name>&x;</name></organization></inventory>\n",
		 0, "DOCTYPE"},
		{"entity.xml", HEAD SYSTEM_OPEN "&x;" SYSTEM_CLOSE, 0, "entity"},
		{"charref.xml", HEAD SYSTEM_OPEN "&#0;" SYSTEM_CLOSE, 0, NULL},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct names n = {{NULL, 0, 0}, 0};
		struct strbuf msgs;
		strbuf_init(&n.names);
		strbuf_init(&msgs);
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].data);
		int rc = read_inventory(cases[i].name, cases[i].data, len, &n, &msgs);
		if (rc != 1)
			harness_fail(__FILE__, __LINE__, "%s: inventory_read == %d, want 1", cases[i].name, rc);
		CHECK_INT(n.systems, 0);
		CHECK(msgs.len > 0);
		CHECK(!strstr(msgs.buf, "root:"));
		if (cases[i].message)
			CHECK_CONTAINS(msgs.buf, cases[i].message);
		strbuf_release(&n.names);
		strbuf_release(&msgs);
	}
}

TEST(hostile_inventory_deep_tree_is_rejected_quickly)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_addstr(&sb, HEAD SYSTEM_OPEN "n</name><description>");
	for (int i = 0; i < 200000; i++)
		strbuf_addstr(&sb, "<a>");
	for (int i = 0; i < 200000; i++)
		strbuf_addstr(&sb, "</a>");
	strbuf_addstr(&sb, "</description><name>x" SYSTEM_CLOSE);
	struct names n = {{NULL, 0, 0}, 0};
	struct strbuf msgs;
	strbuf_init(&n.names);
	strbuf_init(&msgs);
	CHECK_INT(read_inventory("deep.xml", sb.buf, sb.len, &n, &msgs), 1);
	CHECK_INT(n.systems, 0);
	CHECK_CONTAINS(msgs.buf, "depth");
	strbuf_release(&n.names);
	strbuf_release(&msgs);
	strbuf_release(&sb);
}

TEST(hostile_inventory_long_name_kept_verbatim)
{
	struct strbuf sb, want;
	strbuf_init(&sb);
	strbuf_init(&want);
	for (int i = 0; i < 100000; i++)
		strbuf_addstr(&want, i % 10 ? "x" : "'");
	strbuf_addf(&sb, HEAD SYSTEM_OPEN "%s" SYSTEM_CLOSE, want.buf);
	strbuf_addstr(&want, "|");
	struct names n = {{NULL, 0, 0}, 0};
	struct strbuf msgs;
	strbuf_init(&n.names);
	strbuf_init(&msgs);
	CHECK_INT(read_inventory("long.xml", sb.buf, sb.len, &n, &msgs), 0);
	CHECK_INT(n.systems, 1);
	CHECK(!strcmp(n.names.buf, want.buf));
	strbuf_release(&n.names);
	strbuf_release(&msgs);
	strbuf_release(&sb);
	strbuf_release(&want);
}

/* ===== criteria files ===== */

#define RULESET_HEAD "<ruleset id=\"H\" version=\"1\" effective-from=\"2020-01-01\">"  \
	"<title xml:lang=\"en\">t</title><basis>"
#define RULESET_TAIL "</basis><clause id=\"H-1\" level=\"1\" ref=\"r\">"              \
	"<text xml:lang=\"vi\">v</text><text xml:lang=\"en\">e</text>"                     \
	"<known fact=\"name\"/></clause></ruleset>\n"

static int load_criteria(const char *name, const char *data, struct ruleset **rs,
                         struct strbuf *msgs)
{
	char *path = scratch_file(name, data, strlen(data));
	diag_capture(msgs);
	int rc = criteria_load(path, rs);
	diag_capture(NULL);
	unlink(path);
	free(path);
	return rc;
}

TEST(hostile_criteria_entities_never_expanded)
{
	struct ruleset *rs = NULL;
	struct strbuf msgs;
	strbuf_init(&msgs);
	/* control: the same file without entities loads */
	CHECK_INT(load_criteria("plain.xml", RULESET_HEAD "b" RULESET_TAIL, &rs, &msgs), 0);
	ruleset_free(rs);
	rs = NULL;
	int rc = load_criteria("xxe.xml",
	                       "<!DOCTYPE ruleset [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
	                       RULESET_HEAD "&x;" RULESET_TAIL, &rs, &msgs);
	/* a DOCTYPE has no business in a rule set: rejected, not silently
	 * loaded with an empty basis */
	CHECK_INT(rc, -1);
	CHECK_CONTAINS(msgs.buf, "xxe.xml:1: a DOCTYPE is not allowed in a rule set");
	CHECK(!strstr(msgs.buf, "root:"));
	ruleset_free(rs);
	rs = NULL;
	strbuf_reset(&msgs);
	rc = load_criteria("net.xml", "<!DOCTYPE ruleset SYSTEM \"http://10.255.255.1/r.dtd\">\n"
	                   RULESET_HEAD "b" RULESET_TAIL, &rs, &msgs);
	CHECK_INT(rc, -1);
	CHECK_CONTAINS(msgs.buf, "DOCTYPE");
	ruleset_free(rs);
	rs = NULL;
	struct strbuf bomb;
	strbuf_init(&bomb);
	strbuf_addstr(&bomb, "<!DOCTYPE ruleset [<!ENTITY l0 \"lol\">");
	for (int i = 1; i < 10; i++) {
		strbuf_addf(&bomb, "<!ENTITY l%d \"", i);
		for (int j = 0; j < 10; j++)
			strbuf_addf(&bomb, "&l%d;", i - 1);
		strbuf_addstr(&bomb, "\">");
	}
	strbuf_addstr(&bomb, "]>\n" RULESET_HEAD "&l9;" RULESET_TAIL);
	CHECK_INT(load_criteria("bomb.xml", bomb.buf, &rs, &msgs), -1);
	ruleset_free(rs);
	strbuf_release(&bomb);
	strbuf_release(&msgs);
}

/* ===== atomic output ===== */

TEST(hostile_write_file_atomic_renames_and_cleans_up)
{
	char *path = scratch_file("out.txt", "old", 3);
	struct stat before, after;
	CHECK_INT(stat(path, &before), 0);
	CHECK_INT(write_file_atomic(path, "new content", 11), 0);
	CHECK_INT(stat(path, &after), 0);
	CHECK(before.st_ino != after.st_ino);
	CHECK_INT(after.st_size, 11);
	/* a failed write reports, returns -1 and leaves nothing behind */
	struct strbuf msgs, bad;
	strbuf_init(&msgs);
	strbuf_init(&bad);
	strbuf_addf(&bad, "%s.missing/x.txt", path);
	diag_capture(&msgs);
	CHECK_INT(write_file_atomic(bad.buf, "x", 1), -1);
	diag_capture(NULL);
	CHECK(msgs.len > 0);
	/* the directory holds exactly out.txt: no temporary file left */
	char *slash = strrchr(path, '/');
	*slash = '\0';
	struct strbuf cmd;
	strbuf_init(&cmd);
	strbuf_addf(&cmd, "test \"$(ls -A '%s')\" = out.txt", path);
	CHECK_INT(system(cmd.buf), 0);
	*slash = '/';
	unlink(path);
	*slash = '\0';
	rmdir(path);
	dir[0] = '\0';
	strbuf_release(&cmd);
	strbuf_release(&bad);
	strbuf_release(&msgs);
	free(path);
}

/* Found by fuzz-inventory: RELAX NG errors from the streaming reader name
 * nodes the reader has already freed; their line must not be read through
 * the node (heap-use-after-free under ASan). */
TEST(hostile_inventory_fuzz_uaf_in_schema_error)
{
	struct names n = {{NULL, 0, 0}, 0};
	struct strbuf msgs, sb;
	strbuf_init(&n.names);
	strbuf_init(&msgs);
	strbuf_init(&sb);
	FILE *f = fopen("../fixtures/hostile/uaf-reader-error.xml", "rb");
	CHECK(f != NULL);
	char buf[4096];
	size_t k;
	while (f && (k = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, k);
	if (f)
		fclose(f);
	CHECK_INT(read_inventory("uaf.xml", sb.buf, sb.len, &n, &msgs), 1);
	CHECK_CONTAINS(msgs.buf, "uaf.xml:4: organization 'ubnd-ah'");
	strbuf_release(&n.names);
	strbuf_release(&msgs);
	strbuf_release(&sb);
}
