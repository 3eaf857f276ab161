# the settings file is checked like every input: a bad one (given, or the
# default beside the database) is rejected with its problems and their lines
# (exit 3) before anything is written or imported; a missing one is an error
$ASSESS import "$DATA/examples/inventory-an-hoa.xml" >/dev/null
$ASSESS classify >/dev/null
cat >bad.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<settings version="1">
  <document report="annual">
    <date>2026-02-30</date>
  </document>
  <document>
    <colour>red</colour>
  </document>
</settings>
XML
$ASSESS report annual --settings bad.xml -o out.html
echo "status $?"
$ASSESS report annual --settings nofile.xml -o out.html
echo "status $?"
printf '<?xml version="1.0"?>\n<!DOCTYPE settings [<!ENTITY x "y">]>\n<settings version="1"/>\n' >dtd.xml
$ASSESS report annual --settings dtd.xml -o out.html
echo "status $?"
echo '<inventory version="1"/>' >other.xml
$ASSESS report annual --settings other.xml -o out.html
echo "status $?"
# the default beside the database is checked too
cp bad.xml assess-settings.xml
$ASSESS report annual -o out.html 2>&1 | head -1
rm assess-settings.xml
mkdir r
$ASSESS review --db r/x.db --settings bad.xml -o r/out "$DATA/examples/inventory-an-hoa.xml" 2>/dev/null
echo "review status $?"
ls r
ls out.html 2>/dev/null
# the shipped example is valid, and its details reach the document
$ASSESS report annual --settings "$DATA/examples/settings-an-hoa.xml" -o out.html
echo "status $?"
for text in "/UBND-KGVX" "An Hòa, ngày 18 tháng 12 năm 2026" "Kính gửi: Bộ Công an (Cục An ninh mạng" \
	"TM. Ủy ban nhân dân" "Trần Minh Khoa" "Lê Văn Bình" "Quyết định số 12/2025/QĐ-UBND" "Lưu: VT, KGVX."; do
	echo "'$text': $(grep -c "$text" out.html)"
done
echo "fields to complete: $(grep -o 'class="todo"' out.html | wc -l)"
# the default beside the database
cp "$DATA/examples/settings-an-hoa.xml" assess-settings.xml
$ASSESS report annual -o default.html
echo "default settings used: $(grep -c 'Trần Minh Khoa' default.html)"
# without settings every one of those details is a field to complete
rm assess-settings.xml
$ASSESS report annual -o none.html
echo "without settings, fields to complete: $(grep -o 'class="todo"' none.html | wc -l); signer named: $(grep -c 'Trần Minh Khoa' none.html)"
exit 0
