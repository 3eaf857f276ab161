/*
 * docx.h - a Word document (.docx) from its Flat OPC form.
 *
 * A report template that writes Word produces the package as one XML
 * document, the standard Flat OPC form ("flat XML" of Word):
 *
 *   <pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">
 *     <pkg:part pkg:name="/_rels/.rels"
 *               pkg:contentType="application/vnd.openxmlformats-package.relationships+xml">
 *       <pkg:xmlData> <Relationships .../> </pkg:xmlData>
 *     </pkg:part>
 *     <pkg:part pkg:name="/word/document.xml" pkg:contentType="...">
 *       <pkg:xmlData> <w:document .../> </pkg:xmlData>
 *     </pkg:part>
 *     <pkg:part pkg:name="/media/logo.png" pkg:contentType="image/png">
 *       <pkg:binaryData>base64</pkg:binaryData>
 *     </pkg:part>
 *   </pkg:package>
 *
 * The packer turns it into the zip a .docx is: one entry per part (the
 * part's XML element as its own document, with every namespace it uses
 * declared on its root; or the decoded bytes), and [Content_Types].xml built
 * from the parts' content types (a Default for .rels and .xml, an Override
 * for every part whose type is not its extension's Default). Entries are
 * written in package order after [Content_Types].xml, deflated, with a fixed
 * time stamp: the same package gives the same bytes.
 *
 * The package is checked first, and nothing is written when a check fails:
 * the root is pkg:package; every child is a pkg:part with pkg:name and
 * pkg:contentType; a part name is absolute ("/word/document.xml"), made of
 * non-empty segments of letters, digits, '.', '_' and '-', none "." or ".."
 * or ending in '.'; no two names are equal ignoring ASCII case;
 * "/[Content_Types].xml" is the packer's own; a content type is
 * "type/subtype" with optional parameters; a part holds one xmlData with one
 * element, or one binaryData of valid base64; "/_rels/.rels" exists and has
 * the relationships content type. At most DOCX_MAX_PARTS parts.
 *
 * The packer writes files only through write_file_atomic (util.h); the
 * template that made the package never writes anything (report.h).
 */
#ifndef ASSESS_DOCX_H
#define ASSESS_DOCX_H

#include <stddef.h>

#include <libxml/tree.h>

/* The xsl:output media-type of a template whose output is a Flat OPC package
 * to be packed as a .docx (report.c). */
#define DOCX_MEDIA_TYPE "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
/* The namespace of the Flat OPC elements and attributes. */
#define DOCX_PKG_NS "http://schemas.microsoft.com/office/2006/xmlPackage"
/* The most parts a package may have. */
#define DOCX_MAX_PARTS 1000

struct strbuf;

/* Pack the Flat OPC document pkg into the bytes of a .docx, appended to out.
 * Returns 0, or -1 after reporting the first problem (with the part's name,
 * e.g. "package part '/../x.xml': ..."); out is then unchanged. */
int docx_pack_doc(xmlDocPtr pkg, struct strbuf *out);

/* The same for the serialised package (len bytes of XML, parsed with
 * xmlio.h). 0 or -1 after reporting. */
int docx_pack(const char *flat, size_t len, struct strbuf *out);

/*
 * A package with parts too large to hold as a tree (report.h: a document in
 * pieces): once every part is checked and serialised, expand is given the
 * text of each XML part (text[0..len), NUL-terminated) and returns 1 after
 * appending to out the text the part is to hold instead, 0 to keep it as
 * it is, or -1 after reporting (nothing is then packed).
 */
typedef int docx_expand_fn(const char *text, size_t len, struct strbuf *out, void *data);
/* docx_pack with expand applied to the XML parts (expand may be NULL). */
int docx_pack_expanded(const char *flat, size_t len, docx_expand_fn *expand, void *data,
                       struct strbuf *out);

/* docx_pack, then write the bytes to path atomically (write_file_atomic;
 * "-" = standard output). 0 or -1 after reporting; on failure nothing is
 * left at path. */
int docx_write(const char *flat, size_t len, const char *path);

#endif
