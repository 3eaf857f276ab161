# the index links every level dossier review wrote, and no other
$ASSESS review --db a.db -o out "$DATA/examples/inventory-an-hoa.xml" >/dev/null
echo "review: exit $?"
(cd out && ls dossier-*.docx) >written
grep -o 'href="dossier-[^"]*\.docx"' out/index.html | sed 's/href="//; s/"$//' | sort >linked
echo "dossiers written: $(wc -l <written), linked from the index: $(wc -l <linked)"
cmp -s written linked && echo "the index links exactly the dossiers written"
grep -c 'Hồ sơ đề xuất cấp độ của từng hệ thống' out/index.html
# with --all, a dossier for each of the 9 systems, each linked
$ASSESS review --all --db b.db -o all "$DATA/examples/inventory-an-hoa.xml" >/dev/null
echo "review --all: exit $?, linked: $(grep -o 'href="dossier-[^"]*\.docx"' all/index.html | wc -l)"
