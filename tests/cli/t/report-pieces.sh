# A document in pieces (include/report.h): the annual report of 450
# systems is rendered as a frame, then the rows of each of its three tables
# 200 systems at a time; joined, every system has its row once in each
# table, numbered 1 to 450 in order, and no mark is left. The same in Word.
"$BENCH_GEN" 450 inv.xml
$ASSESS import inv.xml >/dev/null
$ASSESS classify >/dev/null
$ASSESS report annual -o a.html
echo "status $?"
echo "rows of the form's table: $(grep -c '<tr class="system">' a.html)"
# the first cell of each row of the three tables, in document order
awk '/<tr( class="system")?>$/ { getline; if ($0 ~ /^<td class="center">[0-9]+<\/td>$/) { gsub(/<[^>]*>/, ""); print } }' a.html |
	awk '{ n++; k = (n - 1) % 450 + 1; if ($1 != k) bad++ } END { print n " numbered rows, " (bad + 0) " out of order" }'
echo "marks left: $(grep -c 'assess:' a.html)"
$ASSESS report annual-docx -o a.docx
echo "status $?"
unzip -p a.docx word/document.xml >doc.xml
# 450 rows in each of the three tables, their 4 header rows, and the
# 3 rows of the header block and the signature block
echo "table rows: $(grep -o '<w:tr[ >]' doc.xml | wc -l)"
echo "marks left: $(grep -c 'assess:' doc.xml)"
for n in 1 200 201 400 401 450; do
	grep -q "số $n<" doc.xml && echo "system $n: yes" || echo "system $n: no"
done
