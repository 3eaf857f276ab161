# 28 systems in a workbook written by python3-openpyxl (make-inventory.sh:
# codes, English labels, upper case, spaces, counts and dates typed as text)
# classify as the same inventory read from XML
W=$FIX/workbook
$ASSESS import --db x.db "$FIX/shared/typical-systems.xml" >/dev/null || exit 1
$ASSESS classify --db x.db >/dev/null || exit 1
$ASSESS import --db w.db "$W/openpyxl-28.xlsx" || exit 1
$ASSESS classify --db w.db >/dev/null || exit 1
for d in x w; do $ASSESS results --db $d.db | sed 's/ generated="[^"]*"//' >$d.xml; done
cmp x.xml w.xml && echo "same results"
grep -c '<system ' w.xml
sed -n 's/.*<system id="\([^"]*\)".* level="\([0-9]\)".*/\1 \2/p' w.xml | sort | awk '{print $2}' | sort | uniq -c
