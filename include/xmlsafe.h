/*
 * xmlsafe.h - the one place that sets libxml2/libxslt up for hostile input.
 *
 * xmlsafe_init() installs an external entity loader that never touches the
 * network and loads local files only when the caller has allowed it; XML
 * parsing elsewhere uses XMLSAFE_PARSE_OPTIONS, which expands no entities and
 * loads no DTD.
 */
#ifndef ASSESS_XMLSAFE_H
#define ASSESS_XMLSAFE_H

#include <libxml/parser.h>

/* Options for every xmlRead* / xmlReaderFor* call on untrusted input. */
#define XMLSAFE_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOXINCNODE)

/* Initialise libxml2, libxslt and libexslt once; install the loader; their
 * allocations stop the process when no memory is left (die_oom). */
void xmlsafe_init(void);
/* Release the libraries' global state; call once at the end of main. */
void xmlsafe_cleanup(void);

/* While > 0, the entity loader refuses everything (inventory parsing).
 * Nested calls are counted. */
void xmlsafe_deny_all_begin(void);
void xmlsafe_deny_all_end(void);

#endif
