# hostile workbooks: a zip bomb, a DOCTYPE in a part, a missing part, a
# workbook by another name (recognised by content), a missing file
if ! python3 -c 'import zipfile' 2>/dev/null; then echo "skipped: no python3"; exit 0; fi
$ASSESS template xlsx -o t.xlsx || exit 1
python3 - <<'PY'
import zipfile
src = zipfile.ZipFile("t.xlsx")
def rewrite(name, change):
    out = zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED)
    for item in src.infolist():
        data = src.read(item.filename)
        data = change(item.filename, data)
        if data is not None:
            out.writestr(item.filename, data)
    out.close()
# 300 MB of blanks in the systems sheet: past the cap on inflated bytes
def bomb(n, d):
    if n == "xl/worksheets/sheet4.xml":
        return d.replace(b"<sheetData>", b"<sheetData>" + b" " * (300 << 20))
    return d
rewrite("bomb.xlsx", bomb)
def doctype(n, d):
    if n == "xl/sharedStrings.xml":
        return d.replace(b"?>", b'?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
    return d
rewrite("doctype.xlsx", doctype)
rewrite("no-workbook.xlsx", lambda n, d: None if n == "xl/workbook.xml" else d)
# every row of the systems sheet, 2..1048576, with an id alone
def rows(n, d):
    if n != "xl/worksheets/sheet4.xml":
        return d
    head, rest = d.split(b"<sheetData>", 1)
    tail = rest.split(b"</sheetData>", 1)[1]
    header = rest.split(b"</row>", 1)[0] + b"</row>"
    body = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>s%d</t></is></c></row>' % (i, i, i)
                    for i in range(2, 1048577))
    return head + b"<sheetData>" + header + body + b"</sheetData>" + tail
rewrite("rows.xlsx", rows)
PY
# (the bomb's declared size depends on the template's columns: not shown)
for f in bomb.xlsx doctype.xlsx no-workbook.xlsx; do
	$ASSESS validate $f 2>err; echo "$f: status $?"
	sed 's/declares [0-9]* bytes/declares N bytes/' err >&2
done
# 1,048,575 rows with problems: the first thousand problems, then a stop
$ASSESS validate rows.xlsx 2>rows.err; echo "rows.xlsx: status $?"
wc -l <rows.err
tail -n 1 rows.err
cp t.xlsx inventory.dat
$ASSESS validate inventory.dat; echo "status $?"
$ASSESS validate missing.xlsx; echo "status $?"
