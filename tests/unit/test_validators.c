/*
 * The two validators of an inventory agree: for every inventory fixture
 * (tests/fixtures/inventory, shared, hostile) and every disagreement the
 * differential fuzz target found (tests/fixtures/validators, see
 * tests/fuzz/fuzz_validators.c), the reader's C checks find a problem of
 * grammar exactly when the published RELAX NG schema rejects the file, and
 * a file that does not parse is rejected by both.
 */
#include <dirent.h>
#include <stdlib.h>

#include "diag.h"
#include "harness.h"
#include "inventory.h"
#include "util.h"
#include "vocabulary.h"
#include "xmlio.h"

/* The verdicts on one file, or a message saying how they differ. */
static void compare(const struct xmlio_schema *schema, const char *path, int *files)
{
	struct strbuf msgs, bytes;
	strbuf_init(&msgs);
	strbuf_init(&bytes);
	diag_capture(&msgs);
	struct inventory_checker *chk = inventory_checker_new();
	int rc = inventory_read(chk, path, NULL);
	size_t grammar = inventory_checker_grammar_problems(chk);
	inventory_checker_free(chk);
	xmlDocPtr doc = xmlio_slurp(path, &bytes) == 0
	                        ? xmlio_read_memory(path, bytes.buf, bytes.len, "an inventory")
	                        : NULL;
	int rejected = doc ? xmlio_validate(schema, doc, path, "inventory") < 0 : -1;
	diag_capture(NULL);
	if (rejected < 0 && rc == 0)
		harness_fail(__FILE__, __LINE__, "%s does not parse, yet the reader took it", path);
	else if (rejected >= 0 && rejected != (grammar > 0))
		harness_fail(__FILE__, __LINE__, "%s: the schema %s it, the C checks found %zu problems of "
		             "grammar:\n%s", path, rejected ? "rejects" : "takes", grammar, msgs.buf);
	(*files)++;
	xmlFreeDoc(doc);
	strbuf_release(&bytes);
	strbuf_release(&msgs);
}

TEST(validators_agree_on_every_fixture)
{
	static const char *const dirs[] = {"../fixtures/inventory", "../fixtures/shared",
	                                   "../fixtures/hostile", "../fixtures/validators"};
	struct strbuf rng;
	strbuf_init(&rng);
	vocab_rng(&rng, VOCAB_RNG_PUBLISHED);
	struct xmlio_schema *schema = xmlio_schema_memory("inventory.rng", rng.buf, rng.len);
	strbuf_release(&rng);
	CHECK(schema != NULL);
	int files = 0;
	for (size_t d = 0; schema && d < ARRAY_SIZE(dirs); d++) {
		DIR *dir = opendir(dirs[d]);
		struct dirent *e;
		while (dir && (e = readdir(dir))) {
			size_t n = strlen(e->d_name);
			if (n < 5 || strcmp(e->d_name + n - 4, ".xml") || !strncmp(e->d_name, "criteria-", 9))
				continue;
			struct strbuf path;
			strbuf_init(&path);
			strbuf_addf(&path, "%s/%s", dirs[d], e->d_name);
			compare(schema, path.buf, &files);
			strbuf_release(&path);
		}
		if (dir)
			closedir(dir);
	}
	CHECK(files > 40);
	xmlio_schema_free(schema);
	diag_reset_problems();
}
