/*
 * floor.c - the benchmark floor: what libxml2 alone needs to read a file.
 *
 *   bench-floor FILE
 *
 * Stream-parses FILE with xmlTextReader (XML_PARSE_NONET, no validation, no
 * entity substitution), visits every node and does nothing else, then prints
 * the number of nodes. Any assess command has to read its input at least
 * once, so this time is the floor the benchmark compares every step against.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

int main(int argc, char **argv)
{
	xmlTextReaderPtr reader;
	unsigned long nodes = 0;
	int ret;

	if (argc != 2) {
		fprintf(stderr, "usage: bench-floor FILE\n");
		return 2;
	}
	LIBXML_TEST_VERSION
	reader = xmlReaderForFile(argv[1], NULL, XML_PARSE_NONET);
	if (!reader) {
		fprintf(stderr, "bench-floor: %s: cannot open\n", argv[1]);
		return 1;
	}
	while ((ret = xmlTextReaderRead(reader)) == 1)
		nodes++;
	xmlFreeTextReader(reader);
	xmlCleanupParser();
	if (ret != 0) {
		fprintf(stderr, "bench-floor: %s: parse error after %lu nodes\n", argv[1], nodes);
		return 1;
	}
	if (printf("%lu nodes\n", nodes) < 0 || fflush(stdout) != 0)
		return 1;
	return 0;
}
