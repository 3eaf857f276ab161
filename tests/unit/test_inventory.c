/* Unit tests of inventory.c: records through a sink, problems with lines. */
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "diag.h"
#include "harness.h"
#include "inventory.h"
#include "util.h"

/* The schema is read from the data directory: the source tree, also for a
 * sanitizer build in build/san/ (which data_dir() would not recognise). */
__attribute__((constructor)) static void inventory_tests_datadir(void)
{
	char top[PATH_MAX];
	if (realpath("../..", top))
		setenv("ASSESS_DATADIR", top, 0);
}

#define AN_HOA "../fixtures/shared/inventory-an-hoa.xml"
#define FIX "../fixtures/inventory/"

struct collected {
	char *as_of;
	int files, orgs;
	size_t nr;
	struct system_record recs[64];
	struct organization first_org;
};

static int on_file(void *data, const char *file, const char *as_of)
{
	struct collected *c = data;
	(void)file;
	c->files++;
	free(c->as_of);
	c->as_of = xstrdup(as_of);
	return 0;
}

static int on_org(void *data, const struct organization *org)
{
	struct collected *c = data;
	if (!c->orgs++) {
		c->first_org.id = xstrdup(org->id);
		c->first_org.role = xstrdup(org->role);
		c->first_org.parent = xstrdup_or_null(org->parent);
		c->first_org.name = xstrdup(org->name);
		for (int i = 0; i < ORG__COUNT; i++)
			c->first_org.value[i] = xstrdup_or_null(org->value[i]);
		c->first_org.line = org->line;
	}
	return 0;
}

/* Keep a deep copy of the facts we check. */
static int on_system(void *data, const struct system_record *rec)
{
	struct collected *c = data;
	if (c->nr >= ARRAY_SIZE(c->recs))
		return -1;
	struct system_record *copy = &c->recs[c->nr++];
	system_record_init(copy);
	copy->file = xstrdup(rec->file);
	copy->line = rec->line;
	for (int i = 0; i < F__COUNT; i++)
		copy->value[i] = xstrdup_or_null(rec->value[i]);
	for (size_t i = 0; i < rec->nr_components; i++) {
		ALLOC_GROW(copy->components, copy->nr_components + 1, copy->alloc_components);
		copy->components[copy->nr_components].ref = xstrdup(rec->components[i].ref);
		copy->components[copy->nr_components++].line = rec->components[i].line;
	}
	for (size_t i = 0; i < rec->nr_inspections; i++) {
		const struct inspection *in = &rec->inspections[i];
		ALLOC_GROW(copy->inspections, copy->nr_inspections + 1, copy->alloc_inspections);
		struct inspection *out = &copy->inspections[copy->nr_inspections++];
		out->date = xstrdup(in->date);
		out->kind = xstrdup(in->kind);
		out->independent = xstrdup_or_null(in->independent);
		out->by = xstrdup_or_null(in->by);
		out->findings = in->findings;
		out->line = in->line;
	}
	for (size_t i = 0; i < rec->nr_controls; i++) {
		const struct control *ct = &rec->controls[i];
		ALLOC_GROW(copy->controls, copy->nr_controls + 1, copy->alloc_controls);
		struct control *out = &copy->controls[copy->nr_controls++];
		out->ref = xstrdup(ct->ref);
		out->status = xstrdup(ct->status);
		out->due = xstrdup_or_null(ct->due);
		out->evidence = xstrdup_or_null(ct->evidence);
		out->line = ct->line;
	}
	for (size_t i = 0; i < rec->nr_waivers; i++) {
		const struct waiver *w = &rec->waivers[i];
		ALLOC_GROW(copy->waivers, copy->nr_waivers + 1, copy->alloc_waivers);
		struct waiver *out = &copy->waivers[copy->nr_waivers++];
		out->ref = xstrdup(w->ref);
		out->reason = xstrdup(w->reason);
		out->approved_by = xstrdup(w->approved_by);
		out->until = xstrdup(w->until);
		out->line = w->line;
	}
	return 0;
}

static void collected_release(struct collected *c)
{
	for (size_t i = 0; i < c->nr; i++)
		system_record_release(&c->recs[i]);
	organization_release(&c->first_org);
	free(c->as_of);
}

static const struct system_record *find(const struct collected *c, const char *id)
{
	for (size_t i = 0; i < c->nr; i++)
		if (c->recs[i].value[F_ID] && !strcmp(c->recs[i].value[F_ID], id))
			return &c->recs[i];
	return NULL;
}

/* Read files with one checker, capturing messages; returns the worst status. */
static int read_files(const char **files, size_t n, struct collected *c, struct strbuf *msgs)
{
	struct inventory_sink sink = {c, on_file, on_org, on_system};
	struct inventory_checker *chk = inventory_checker_new();
	int worst = 0;
	diag_capture(msgs);
	for (size_t i = 0; i < n; i++) {
		int rc = inventory_read(chk, files[i], c ? &sink : NULL);
		if (rc < 0 || (rc > worst && worst >= 0))
			worst = rc;
	}
	if (worst >= 0 && inventory_checker_finish(chk) && !worst)
		worst = 1;
	diag_capture(NULL);
	inventory_checker_free(chk);
	return worst;
}

TEST(inventory_an_hoa_facts)
{
	struct collected c = {0};
	struct strbuf msgs;
	strbuf_init(&msgs);
	const char *files[] = {AN_HOA};
	CHECK_INT(read_files(files, 1, &c, &msgs), 0);
	CHECK_STR(msgs.buf, "");
	CHECK_INT(c.files, 1);
	CHECK_STR(c.as_of, "2026-11-01");
	CHECK_INT(c.orgs, 5);
	CHECK_STR(c.first_org.id, "ubnd-ah");
	CHECK_STR(c.first_org.role, "owner");
	CHECK(c.first_org.parent == NULL);
	CHECK_STR(c.first_org.name, "Ủy ban nhân dân tỉnh An Hòa");
	CHECK_INT(c.nr, 9);

	const struct system_record *r = find(&c, "ah-tthc");
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(r->line, 21);
		CHECK_STR(r->file, AN_HOA);
		CHECK_STR(r->value[F_OWNER], "ubnd-ah");
		CHECK_STR(r->value[F_OPERATOR], "ttcds-ah");
		CHECK_STR(r->value[F_STATUS], "operating");
		CHECK_STR(r->value[F_TYPE], "citizen-business");
		CHECK_STR(r->value[F_DS_USERS], "184000");
		CHECK_INT(fact_count(r, F_DS_USERS), 184000);
		CHECK_STR(r->value[F_DS_SENSITIVE], "0");
		CHECK_STR(r->value[F_DS_METHOD], "số tài khoản công dân đã định danh");
		CHECK_STR(r->value[F_SVC_PRESENT], "yes");
		CHECK_STR(r->value[F_SVC_PSL], "4");
		CHECK_STR(r->value[F_SVC_MODE], "full");
		CHECK_STR(r->value[F_APPR_LEVEL], "3");
		CHECK_STR(r->value[F_APPR_DECISION], "1520/QĐ-UBND");
		CHECK_STR(r->value[F_REG_DATE], "2024-09-05");
		CHECK_STR(r->value[F_PLAN_STATUS], "partial");
		CHECK_STR(r->value[F_PROT_PROVIDER_NAME], "Công ty Giám sát An ninh mạng Phương Nam");
		CHECK(r->value[F_SCOPE] == NULL);
		CHECK(r->value[F_DESCRIPTION] == NULL);
		CHECK_INT(r->nr_components, 1);
		if (r->nr_components)
			CHECK_STR(r->components[0].ref, "ah-cong-dvc");
		CHECK_INT(r->nr_inspections, 1);
		if (r->nr_inspections) {
			CHECK_STR(r->inspections[0].date, "2023-05-12");
			CHECK_STR(r->inspections[0].kind, "periodic");
			CHECK_STR(r->inspections[0].independent, "yes");
			CHECK_INT(r->inspections[0].findings, 7);
			CHECK_INT(r->inspections[0].line, 37);
		}
		CHECK_INT(r->nr_controls, 4);
		if (r->nr_controls == 4) {
			CHECK_STR(r->controls[0].ref, "M.POL.1");
			CHECK_STR(r->controls[0].evidence, "QĐ 1611/QĐ-UBND");
			CHECK_STR(r->controls[3].status, "planned");
			CHECK_STR(r->controls[3].due, "2027-06-30");
			CHECK(r->controls[1].due == NULL);
		}
		CHECK_INT(r->nr_waivers, 1);
		if (r->nr_waivers) {
			CHECK_STR(r->waivers[0].ref, "D.DLP");
			CHECK_STR(r->waivers[0].approved_by, "Giám đốc Sở KH&CN");
			CHECK_STR(r->waivers[0].until, "2027-12-31");
		}
	}
	r = find(&c, "ah-kho-dl");
	CHECK(r != NULL);
	if (r) {
		CHECK(r->value[F_INFO_PERSONAL] == NULL); /* "unknown" */
		CHECK_INT(fact_tri(r, F_INFO_PERSONAL), TRI_UNKNOWN);
		CHECK_STR(r->value[F_INFO_PUBLIC], "yes");
		CHECK(r->value[F_SVC_PRESENT] == NULL);
		CHECK(r->value[F_APPR_LEVEL] == NULL);
		CHECK_INT(r->nr_inspections, 0);
	}
	r = find(&c, "ah-dat-lich");
	if (r) {
		CHECK(r->value[F_SVC_PSL] == NULL); /* left out */
		CHECK_STR(r->value[F_DS_SENSITIVE], "9600");
	}
	collected_release(&c);
	strbuf_release(&msgs);
}

TEST(inventory_types_in_document_order)
{
	struct collected c = {0};
	struct strbuf msgs;
	strbuf_init(&msgs);
	const char *files[] = {FIX "good-minimal.xml"};
	CHECK_INT(read_files(files, 1, &c, &msgs), 0);
	CHECK_INT(c.nr, 1);
	if (c.nr) {
		CHECK_STR(c.recs[0].value[F_TYPE], "internal infrastructure");
		CHECK(c.recs[0].value[F_INFO_PRIVATE] == NULL);
		CHECK_STR(c.recs[0].value[F_HOSTING], "on-premises");
		CHECK_STR(c.recs[0].value[F_DS_AS_OF], "2026-05-31");
		CHECK(c.recs[0].value[F_DS_BASIC] == NULL);
	}
	collected_release(&c);
	strbuf_release(&msgs);
}

TEST(inventory_bad_record_not_sunk_all_problems_listed)
{
	struct collected c = {0};
	struct strbuf msgs;
	strbuf_init(&msgs);
	const char *files[] = {FIX "bad-several.xml"};
	CHECK_INT(read_files(files, 1, &c, &msgs), 1);
	CHECK_INT(c.nr, 0);
	CHECK_INT(c.orgs, 2); /* the organizations themselves are fine */
	CHECK_CONTAINS(msgs.buf, "bad-several.xml:9: system 'qldd': invalid <system> status='live'");
	CHECK_CONTAINS(msgs.buf, "bad-several.xml:9: system 'qldd': unknown attribute 'colour'");
	CHECK_CONTAINS(msgs.buf, "bad-several.xml:14: system 'qldd': invalid <type> 'web'");
	CHECK_CONTAINS(msgs.buf, "bad-several.xml:17: system 'qldd': invalid <data-subjects> as-of='2026-02-30'");
	CHECK_CONTAINS(msgs.buf, "bad-several.xml:9: system 'qldd': operator 'ttcntt-cu' is not defined");
	collected_release(&c);
	strbuf_release(&msgs);
}

TEST(inventory_forward_references_across_files)
{
	struct strbuf msgs;
	strbuf_init(&msgs);
	const char *both[] = {FIX "good-split-a.xml", FIX "good-split-b.xml"};
	CHECK_INT(read_files(both, 2, NULL, &msgs), 0);
	CHECK_STR(msgs.buf, "");
	strbuf_reset(&msgs);
	const char *alone[] = {FIX "good-split-a.xml"};
	CHECK_INT(read_files(alone, 1, NULL, &msgs), 1);
	CHECK_CONTAINS(msgs.buf, "good-split-a.xml:9: system 'mot-cua': component 'csdl-dan-cu' is not a defined system");
	strbuf_release(&msgs);
}

static int stored_system(void *data, const char *id)
{
	(void)data;
	return !strcmp(id, "csdl-dan-cu");
}

static const char *stored_org(void *data, const char *id)
{
	(void)data;
	if (!strcmp(id, "so-tc"))
		return "owner";
	if (!strcmp(id, "ttcntt-tc"))
		return "provider";
	return NULL;
}

TEST(inventory_resolver_supplies_stored_ids)
{
	struct strbuf msgs;
	strbuf_init(&msgs);
	diag_capture(&msgs);
	struct inventory_checker *chk = inventory_checker_new();
	inventory_checker_set_resolver(chk, stored_system, stored_org, NULL);
	CHECK_INT(inventory_read(chk, FIX "good-split-a.xml", NULL), 0);
	CHECK_INT(inventory_checker_finish(chk), 0);
	inventory_checker_free(chk);
	diag_capture(NULL);
	CHECK_STR(msgs.buf, "");
	strbuf_release(&msgs);
}

TEST(inventory_cycle_and_duplicates)
{
	struct strbuf msgs;
	strbuf_init(&msgs);
	const char *cyc[] = {FIX "bad-component-cycle.xml"};
	CHECK_INT(read_files(cyc, 1, NULL, &msgs), 1);
	CHECK_CONTAINS(msgs.buf, ":30: component cycle: he-a -> he-b -> he-c -> he-a");
	strbuf_reset(&msgs);
	const char *dup[] = {FIX "dup-across-a.xml", FIX "dup-across-b.xml"};
	CHECK_INT(read_files(dup, 2, NULL, &msgs), 1);
	CHECK_CONTAINS(msgs.buf, "dup-across-b.xml:6: system 'ke-toan': duplicate id 'ke-toan' (first defined at ../fixtures/inventory/dup-across-a.xml:9)");
	strbuf_release(&msgs);
}

TEST(inventory_doctype_and_missing_file)
{
	struct strbuf msgs;
	strbuf_init(&msgs);
	const char *doc[] = {FIX "bad-doctype-entity.xml"};
	CHECK_INT(read_files(doc, 1, NULL, &msgs), 1);
	CHECK_CONTAINS(msgs.buf, "bad-doctype-entity.xml:2: a DOCTYPE is not allowed");
	CHECK(!strstr(msgs.buf, "xxe"));
	strbuf_reset(&msgs);
	const char *missing[] = {FIX "no-such-file.xml"};
	CHECK_INT(read_files(missing, 1, NULL, &msgs), -1);
	CHECK_CONTAINS(msgs.buf, "cannot open '../fixtures/inventory/no-such-file.xml': No such file or directory");
	strbuf_release(&msgs);
}

static int failing_sink(void *data, const struct system_record *rec)
{
	(void)data;
	(void)rec;
	return -1;
}

TEST(inventory_sink_failure_is_runtime)
{
	struct inventory_sink sink = {NULL, NULL, NULL, failing_sink};
	struct inventory_checker *chk = inventory_checker_new();
	CHECK_INT(inventory_read(chk, AN_HOA, &sink), -1);
	inventory_checker_free(chk);
	inventory_checker_free(NULL);
}

TEST(inventory_organization_details)
{
	struct collected c = {0};
	struct strbuf msgs;
	strbuf_init(&msgs);
	const char *files[] = {FIX "good-organization-details.xml"};
	CHECK_INT(read_files(files, 1, &c, &msgs), 0);
	CHECK_STR(msgs.buf, "");
	CHECK_INT(c.orgs, 2);
	const struct organization *o = &c.first_org;
	CHECK_STR(organization_field(o, ORG_ID), "ubnd-ah");
	CHECK_STR(organization_field(o, ORG_NAME), "Ủy ban nhân dân tỉnh An Hòa");
	CHECK_STR(organization_field(o, ORG_REPRESENTATIVE), "Lê Văn Bình");
	CHECK_STR(organization_field(o, ORG_POSITION), "Chủ tịch Ủy ban nhân dân tỉnh");
	CHECK_STR(organization_field(o, ORG_PHONE), "0209 3 800 100");
	CHECK_STR(organization_field(o, ORG_EMAIL), "vanphong@anhoa.gov.vn.invalid");
	CHECK(organization_field(o, ORG_MANDATE) == NULL);
	CHECK(o->value[ORG_ID] == NULL); /* the members hold the first four */
	collected_release(&c);
	strbuf_release(&msgs);
}

/* The C checks give the precise messages a grammar would, and those of
 * meaning besides; a blank label or a second <contact> is refused. */
TEST(inventory_checks_by_the_vocabulary)
{
	static const struct {
		const char *xml, *message;
		int grammar;
	} cases[] = {
		{"<organization id='o' role='owner'><name>O</name><contact phone=' '/></organization>",
		 "x.xml:2: organization 'o': invalid <contact> phone=' ': must not be empty", 1},
		{"<organization id='o' role='owner'><name>O</name><contact/><contact/></organization>",
		 "x.xml:2: organization 'o': <contact> appears more than once in <organization>", 1},
		{"<organization id='o' role='chief'><name>O</name></organization>",
		 "x.xml:2: organization 'o': invalid <organization> role='chief': allowed: owner isec-unit "
		 "operator provider", 1},
		{"<organization id='o' role='owner'><name>O</name><inspection-policy level='3' months='0'/>"
		 "</organization>",
		 "x.xml:2: organization 'o': invalid <inspection-policy> months='0': 1 to 120 months", 0},
		{"<system id='s' owner='o' status='operating'><name>S</name><type>internal</type>"
		 "<information/><approval level='3' rules='ND85' decision='1/QĐ-UBND' date='2026-02-30'/>"
		 "</system>",
		 "x.xml:2: system 's': invalid <approval> date='2026-02-30': not a calendar date YYYY-MM-DD", 0},
		{"<system id='s' owner='o' status='operating'><name>S</name><type>internal</type>"
		 "<information/><data-subjects users='1234567890123456789'/></system>",
		 "x.xml:2: system 's': invalid <data-subjects> users='1234567890123456789': not a count of at "
		 "most 18 digits", 1},
		{"<system id='s' owner='o' status='operating'><name>S</name><type>internal</type>"
		 "<information/><approval level='3' rules='ND85' decision='1/QĐ-UBND&#10;' date='2026-01-02'/>"
		 "</system>",
		 "x.xml:2: system 's': invalid <approval> decision='1/QĐ-UBND ': a decision number", 1},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf xml, msgs;
		strbuf_init(&xml);
		strbuf_init(&msgs);
		strbuf_addf(&xml, "<inventory version='1' as-of='2026-06-30'>\n%s\n</inventory>\n",
		            cases[i].xml);
		char *path = xstrdup("/tmp/assess-inventory-test.XXXXXX");
		int fd = mkstemp(path);
		CHECK(fd >= 0 && write(fd, xml.buf, xml.len) == (ssize_t)xml.len);
		close(fd);
		struct inventory_checker *chk = inventory_checker_new();
		diag_capture(&msgs);
		CHECK_INT(inventory_read(chk, path, NULL), 1);
		diag_capture(NULL);
		/* the file's name as "x.xml" */
		char *name = strstr(msgs.buf, path);
		if (name) {
			struct strbuf fixed;
			strbuf_init(&fixed);
			strbuf_add(&fixed, msgs.buf, (size_t)(name - msgs.buf));
			strbuf_addstr(&fixed, "x.xml");
			strbuf_addstr(&fixed, name + strlen(path));
			CHECK_CONTAINS(fixed.buf, cases[i].message);
			strbuf_release(&fixed);
		} else {
			harness_fail(__FILE__, __LINE__, "case %zu: %s", i, msgs.buf);
		}
		CHECK_INT(inventory_checker_grammar_problems(chk) > 0, cases[i].grammar);
		inventory_checker_free(chk);
		unlink(path);
		free(path);
		strbuf_release(&xml);
		strbuf_release(&msgs);
	}
}
