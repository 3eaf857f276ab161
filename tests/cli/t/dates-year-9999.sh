# an as-of of 9999-12-31: a due date that would fall after 9999-12-31 is no
# due date at all (never wrapped to year 0001, never "overdue")
sed -e 's/as-of="2026-11-01"/as-of="9999-12-31"/' -e 's/date="2023-05-12"/date="9999-06-01"/' \
	"$DATA/examples/inventory-an-hoa.xml" >inv.xml
$ASSESS import --db t.db inv.xml >/dev/null || exit 1
$ASSESS classify --db t.db --rules ND85 >/dev/null || exit 1
echo "inspection-overdue findings: $($ASSESS explain --db t.db --lang en ah-tthc | grep -c 'inspection-overdue')"
$ASSESS results --db t.db --system ah-tthc >r.xml || exit 1
echo "next-inspection-due: [$(xmllint --xpath 'string(/results/system/@next-inspection-due)' r.xml)]"
echo "inspection-state: $(xmllint --xpath 'string(/results/system/@inspection-state)' r.xml)"
grep -c '0001-' r.xml
exit 0
