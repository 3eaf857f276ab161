# the inventory workbook to fill in: sheets, frozen headers, notes, drop-downs
# of labels, dates and counts checked, a worked example that validates
$ASSESS template xlsx -o kiem-ke.xlsx || exit 1
$ASSESS template xlsx --lang en -o inventory.xlsx || exit 1
$ASSESS validate kiem-ke.xlsx
$ASSESS convert inventory.xlsx -o inventory.xml && head -3 inventory.xml
# sheet names, in order
unzip -p kiem-ke.xlsx xl/workbook.xml | grep -o '<sheet name="[^"]*"[^>]*state="hidden"\|<sheet name="[^"]*"' | sed 's/<sheet //'
unzip -p inventory.xlsx xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/<sheet //' | tr '\n' ' '; echo
# systems sheet (sheet4): frozen row, drop-downs from the Lists sheet, dates, whole numbers, notes
s=$(unzip -p kiem-ke.xlsx xl/worksheets/sheet4.xml)
echo "$s" | grep -o '<pane [^>]*>'
echo "$s" | grep -o 'type="list"' | wc -l
echo "$s" | grep -o 'type="date"' | wc -l
echo "$s" | grep -o 'type="whole"' | wc -l
echo "$s" | grep -o '<formula1>Lists![^<]*</formula1>' | sort -u | head -3
unzip -p kiem-ke.xlsx xl/comments3.xml | grep -o 'NĐ 85 Điều 6.2' | head -1
unzip -p kiem-ke.xlsx xl/sharedStrings.xml | grep -o '<t>Chưa rõ</t>\|<t>Có</t>\|<t>Không</t>' | sort -u
unzip -p inventory.xlsx xl/sharedStrings.xml | grep -o '<t>Unknown</t>\|<t>Yes</t>' | sort -u
# usage
$ASSESS template docx -o x.docx; echo "status $?"
$ASSESS template xlsx; echo "status $?"
$ASSESS template xlsx --lang fr -o x.xlsx; echo "status $?"
