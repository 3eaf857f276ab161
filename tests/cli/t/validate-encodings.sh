# encodings: UTF-8 (declared or not), UTF-16 with a byte order mark, and
# windows-1258 when declared (Vietnamese inventories made on Windows) are
# read; any other declared encoding is refused, and so is a windows-1258
# declaration on a file whose text is UTF-8 (it would import as mojibake)
good=$FIX/inventory/good-minimal.xml
decl() { sed "1s/encoding=\"UTF-8\"/encoding=\"$1\"/" "$good"; }
decl windows-1258 | iconv -f UTF-8 -t CP1258 >cp1258.xml
decl UTF-16 | iconv -f UTF-8 -t UTF-16 >utf16-bom.xml
decl UTF-16 | iconv -f UTF-8 -t UTF-16LE >utf16-no-bom.xml
decl utf-8 >utf8-lower.xml
sed 1d "$good" >undeclared.xml
decl ISO-8859-1 >latin1-utf8-bytes.xml
decl ISO-8859-1 | iconv -f UTF-8 -t ISO-8859-1//TRANSLIT >latin1.xml 2>/dev/null
decl windows-1252 >cp1252.xml
decl windows-1258 >cp1258-utf8-bytes.xml
# one non-ASCII character only (checked when the file has been read)
decl windows-1258 | sed -e 's/Quản lý đất đai/Quan ly dat dai/' -e 's/Sở Tài nguyên và Môi trường/So TN va MT/' \
	-e 's/Trung tâm Công nghệ thông tin/Trung tâm CNTT/' >cp1258-one-utf8.xml
for f in cp1258 utf16-bom utf8-lower undeclared utf16-no-bom latin1-utf8-bytes latin1 cp1252 \
	cp1258-utf8-bytes cp1258-one-utf8; do
	$ASSESS validate $f.xml >/dev/null
	echo "$f: exit $?"
done
$ASSESS import --db t.db cp1258.xml >/dev/null && sqlite3 t.db "select record ->> '\$.facts.name' from systems; select name from organizations"
$ASSESS import --db t2.db latin1-utf8-bytes.xml >/dev/null
echo "latin1 declared, UTF-8 bytes, import: exit $?, $(ls t2.db* 2>/dev/null | wc -l) database files"
