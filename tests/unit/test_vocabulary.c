/* Unit tests of the vocabulary: the table is whole and consistent, and the
 * views of it (facts, the XML shape, the labels) agree. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util.h"
#include "vocabulary.h"

static int blank(const char *s)
{
	return !s || !*s;
}

TEST(vocabulary_fields_are_whole)
{
	for (int r = 0; r < VR__COUNT; r++) {
		const struct vocab_record_def *rd = vocab_record((enum vocab_record)r);
		CHECK(rd && rd->id == (enum vocab_record)r && rd->nr_fields > 0);
		CHECK(!blank(rd->name) && !blank(rd->element) && !blank(rd->label_vi) &&
		      !blank(rd->label_en) && !blank(rd->note_vi) && !blank(rd->note_en));
		CHECK(vocab_record_find(rd->name) == rd);
		CHECK((r == VR_INVENTORY) == (rd->parent == VR_NONE));
		CHECK(rd->parent < r); /* parents first */
		for (size_t i = 0; i < rd->nr_fields; i++) {
			const struct vocab_field *f = &rd->fields[i];
			int listed = f->kind == VK_LEVEL || f->kind == VK_TRI || f->kind == VK_ENUM ||
			             f->kind == VK_SET;
			if (blank(f->name) || blank(f->label_vi) || blank(f->label_en) ||
			    blank(f->note_vi) || blank(f->note_en))
				harness_fail(__FILE__, __LINE__, "%s.%s: a name, label or note is missing",
				             rd->name, f->name);
			CHECK(f->record == (enum vocab_record)r && f->index == (int)i);
			CHECK(vocab_field_find((enum vocab_record)r, f->name) == f);
			if (listed != (f->list != VL_NONE))
				harness_fail(__FILE__, __LINE__, "%s.%s: kind %s and its list disagree",
				             rd->name, f->name, vocab_kind_name(f->kind));
			if (f->kind == VK_TRI)
				CHECK(f->list == VL_TRI);
			if (f->kind == VK_PRESENT || f->kind == VK_SET)
				CHECK(*f->element && !f->attribute);
			if (!*f->element)
				CHECK(f->attribute && !(f->flags & VOCAB_ELEMENT));
			/* a column names a fact in the tables of schema 6 (migration 7
			 * reads them); a field added since has none */
			CHECK(f->column == NULL || r == VR_SYSTEM);
		}
	}
}

TEST(vocabulary_lists_are_whole)
{
	CHECK_INT(vocab_list(VL_NONE)->nr_values, 0);
	for (int l = 1; l < VL__COUNT; l++) {
		const struct vocab_list_def *ld = vocab_list((enum vocab_list)l);
		CHECK(ld->id == (enum vocab_list)l && !blank(ld->name) && ld->nr_values > 0);
		for (size_t i = 0; i < ld->nr_values; i++) {
			const struct vocab_value *v = &ld->values[i];
			CHECK(!blank(v->code));
			CHECK(vocab_value_find(ld->id, v->code) == v); /* codes unique */
			CHECK(word_in_list(ld->accepted, v->code, strlen(v->code)));
			CHECK(word_in_list(ld->codes, v->code, strlen(v->code)) == (v->kind == VV_VALUE));
			if (v->kind == VV_ALIAS) {
				const struct vocab_value *m = vocab_value_find(ld->id, v->means);
				CHECK(m && m->kind == VV_VALUE);
			} else if (blank(v->label_vi) || blank(v->label_en)) {
				harness_fail(__FILE__, __LINE__, "list %s, %s: a label is missing", ld->name,
				             v->code);
			}
		}
	}
	CHECK_STR(vocab_list(VL_TRI)->codes, "yes no");
	CHECK_STR(vocab_list(VL_TRI)->accepted, "yes no unknown");
	CHECK_STR(vocab_list(VL_INSP_BY)->accepted, "licensed internal no yes");
	CHECK_STR(vocab_value_label(VL_INSP_BY, "yes", VOCAB_EN),
	          vocab_value_label(VL_INSP_BY, "licensed", VOCAB_EN));
	CHECK_STR(vocab_value_label(VL_SECRET, "toi-mat", VOCAB_VI), "Tối mật");
	CHECK_STR(vocab_value_label(VL_TRI, "unknown", VOCAB_VI), "Chưa rõ");
	CHECK(vocab_value_label(VL_STATUS, "unknown", VOCAB_VI) == NULL);
	CHECK(vocab_value_label(VL_STATUS, "live", VOCAB_EN) == NULL);
}

/* The facts of facts.h are the system's fields, with the same names, and
 * fact_def() keeps the kinds and words the criteria check against. */
TEST(vocabulary_facts_are_the_system_fields)
{
	CHECK_INT(vocab_record(VR_SYSTEM)->nr_fields, F__COUNT);
	for (int i = 0; i < F__COUNT; i++) {
		const struct fact_def *fd = fact_def((enum fact_id)i);
		const struct vocab_field *f = vocab_fact((enum fact_id)i);
		CHECK_STR(fd->name, f->name);
		CHECK(fd->column == f->column || (fd->column && f->column && !strcmp(fd->column, f->column)));
		CHECK_INT(fact_lookup(f->name), i);
		if ((fd->values != NULL) != (f->kind == VK_ENUM || f->kind == VK_SET))
			harness_fail(__FILE__, __LINE__, "%s: values", fd->name);
		else if (fd->values)
			CHECK_STR(fd->values, vocab_list(f->list)->codes);
	}
	CHECK_STR(fact_def(F_INFO_SECRET)->values, "none mat toi-mat tuyet-mat");
	CHECK_INT(fact_def(F_SVC_PRESENT)->kind, FACT_TRI);
	CHECK_INT(fact_def(F_APPR_LEVEL)->kind, FACT_COUNT);
	CHECK_INT(fact_def(F_APPR_DECISION)->kind, FACT_TEXT);
	CHECK(fact_def(F_DECIDED_LEVEL)->values == NULL);
	CHECK_STR(vocab_field_label(vocab_fact(F_STATUS), VOCAB_VI), "Trạng thái");
	CHECK_STR(vocab_record_label(VR_SYSTEM, VOCAB_EN), "Information systems");
}

TEST(vocabulary_xml_shape)
{
	const struct vocab_node *inv = vocab_tree();
	CHECK_STR(inv->name, "inventory");
	CHECK_INT(inv->nr_attrs, 2);
	CHECK(vocab_node_child(inv, "organization") == vocab_record_node(VR_ORGANIZATION));
	const struct vocab_node *sys = vocab_node_child(inv, "system");
	CHECK(sys && sys->kind == VN_RECORD && sys->repeat);
	CHECK(vocab_node_attr(sys, "status") == vocab_fact(F_STATUS));
	CHECK(vocab_node_attr(sys, "name") == NULL);
	const struct vocab_node *n = vocab_node_child(sys, "type");
	CHECK(n && n->kind == VN_FIELDS && n->required && n->repeat && n->text == vocab_fact(F_TYPE));
	n = vocab_node_child(sys, "information");
	CHECK(n && n->required && !n->repeat && n->nr_attrs == 5 && !n->text);
	n = vocab_node_child(sys, "service");
	CHECK(n && !n->required && n->present == vocab_fact(F_SVC_PRESENT));
	n = vocab_node_child(sys, "controls");
	CHECK(n && n->kind == VN_CONTAINER && n->nr_children == 2);
	if (n && n->nr_children == 2) {
		CHECK(n->children[0] == vocab_record_node(VR_CONTROL));
		CHECK(n->children[1] == vocab_record_node(VR_WAIVER));
	}
	n = vocab_node_child(sys, "inspection");
	CHECK(n == vocab_record_node(VR_INSPECTION));
	CHECK(vocab_node_child(sys, "component") == NULL);
	n = vocab_node_child(vocab_record_node(VR_ORGANIZATION), "contact");
	CHECK(n && n->nr_attrs == 3 && !n->required);
	CHECK(vocab_node_child(vocab_record_node(VR_ORGANIZATION), "inspection-policy") ==
	      vocab_record_node(VR_POLICY));
}

TEST(vocabulary_documents)
{
	struct strbuf sb;
	strbuf_init(&sb);
	vocab_xml(&sb);
	CHECK_CONTAINS(sb.buf, "<list name=\"secret\">");
	CHECK_CONTAINS(sb.buf, "<alias code=\"yes\" means=\"licensed\"/>");
	CHECK_CONTAINS(sb.buf, "<field name=\"information.secret\" kind=\"enum\" list=\"secret\" "
	                       "element=\"information\" attribute=\"secret\" use=\"element\" fact=\"yes\"");
	strbuf_reset(&sb);
	vocab_rng(&sb, VOCAB_RNG_PUBLISHED);
	CHECK_CONTAINS(sb.buf, "<param name=\"pattern\">[0-9]{4}-[0-9]{2}-[0-9]{2}</param>");
	strbuf_reset(&sb);
	vocab_rng(&sb, VOCAB_RNG_VALIDATOR);
	CHECK(!strstr(sb.buf, "[0-9]{4}-[0-9]{2}-[0-9]{2}"));
	CHECK_CONTAINS(sb.buf, "[A-Z][A-Z0-9]{0,15}");
	strbuf_release(&sb);
}
