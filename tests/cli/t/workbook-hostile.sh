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
PY
for f in bomb.xlsx doctype.xlsx no-workbook.xlsx; do
	$ASSESS validate $f; echo "$f: status $?"
done
cp t.xlsx inventory.dat
$ASSESS validate inventory.dat; echo "status $?"
$ASSESS validate missing.xlsx; echo "status $?"
