/*
 * fuzz_validators.c - differential libFuzzer target: the inventory reader's
 * C checks (the validator of import and review) and the published RELAX NG
 * schema (vocab_rng(), what `assess schema inventory` prints) must accept
 * and reject the same documents.
 *
 * For each input: the reader runs over it (one file, no checks across
 * files), and the document is parsed whole and validated against the
 * schema. A document that does not parse must be rejected by the reader
 * too; one that parses must have a problem of grammar in the reader
 * (inventory_checker_grammar_problems) exactly when the schema rejects it.
 * Problems of meaning (calendar dates, duplicate ids, cadences) only the C
 * checks see. A disagreement aborts: it is a bug in one of them. Each one
 * found is kept in tests/fixtures/validators/, which the unit tests read
 * again (test_validators.c).
 */
#include "fuzz_file.h"
#include "inventory.h"
#include "vocabulary.h"

static struct xmlio_schema *schema;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup("validators", "xml");
	struct strbuf rng;
	strbuf_init(&rng);
	vocab_rng(&rng, VOCAB_RNG_PUBLISHED);
	schema = xmlio_schema_memory("inventory.rng", rng.buf, rng.len);
	strbuf_release(&rng);
	if (!schema)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write(data, size);
	struct inventory_checker *chk = inventory_checker_new();
	int rc = inventory_read(chk, fuzz_path, NULL);
	int c_grammar = inventory_checker_grammar_problems(chk) > 0;
	inventory_checker_free(chk);
	xmlDocPtr doc = xmlio_read_memory("input.xml", data, size, "an inventory");
	int disagree;
	const char *why;
	if (!doc) {
		disagree = rc == 0;
		why = "the document does not parse, the reader took it";
	} else {
		int s_reject = xmlio_validate(schema, doc, "input.xml", "inventory") < 0;
		disagree = s_reject != c_grammar;
		why = s_reject ? "the schema rejects it, the C checks take it"
		               : "the C checks reject it, the schema takes it";
		xmlFreeDoc(doc);
	}
	if (disagree) {
		fprintf(stderr, "fuzz-validators: %s; messages:\n%s", why, fuzz_messages.buf);
		abort();
	}
	fuzz_done();
	return 0;
}
