# the example province stored, exported to the workbook (vi and en) and read
# back: the same classification, system by system
$ASSESS import --db a.db "$FIX/shared/inventory-an-hoa.xml" >/dev/null || exit 1
$ASSESS classify --db a.db >/dev/null || exit 1
$ASSESS export xlsx --db a.db -o kiem-ke.xlsx || exit 1
$ASSESS export xlsx --db a.db --run 1 --lang en -o inventory.xlsx || exit 1
$ASSESS export xlsx --db a.db --snapshot 1 -o snap.xlsx || exit 1
unzip -p kiem-ke.xlsx xl/worksheets/sheet4.xml >latest.xml
unzip -p snap.xlsx xl/worksheets/sheet4.xml | cmp - latest.xml && echo "--snapshot 1: the latest"
$ASSESS import --db b.db kiem-ke.xlsx && $ASSESS classify --db b.db >/dev/null || exit 1
$ASSESS import --db c.db inventory.xlsx && $ASSESS classify --db c.db >/dev/null || exit 1
for d in a b c; do $ASSESS results --db $d.db | sed 's/ generated="[^"]*"//' >$d.xml; done
cmp a.xml b.xml && echo "vi workbook: same results"
cmp a.xml c.xml && echo "en workbook: same results"
sed -n 's/.*<system id="\([^"]*\)".* level="\([0-9]\)".*/\1 \2/p' b.xml
# the workbook holds labels, dates and numbers
unzip -p kiem-ke.xlsx xl/sharedStrings.xml | grep -o '<t>Cấp độ 3</t>\|<t>Đang vận hành</t>\|<t>Thuê trung tâm dữ liệu</t>' | sort -u
# review reads it too
$ASSESS review --db r.db -o out kiem-ke.xlsx >/dev/null; echo "review: status $?"
test -f out/index.html && echo "out/index.html"
# usage
$ASSESS export xlsx --db a.db --run 1 --snapshot 1 -o x.xlsx; echo "status $?"
$ASSESS export xlsx --db a.db --snapshot 7 -o x.xlsx; echo "status $?"
$ASSESS export xlsx --db none.db -o x.xlsx; echo "status $?"
