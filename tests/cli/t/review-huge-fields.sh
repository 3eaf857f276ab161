# one valid field must not break the report set: a name of x and 100,000
# double quotes, and a system with 10,000 <type> elements (templates do not
# recurse once per character or per item)
awk '/<name>Quản lý đất đai<\/name>/ {
		printf "    <name>x"; for (i = 0; i < 100000; i++) printf "&quot;"; print "</name>"; next }
	/<type>internal<\/type>/ { for (i = 0; i < 10000; i++) print "    <type>internal</type>"; next }
	{ print }' "$FIX/inventory/good-minimal.xml" >inv.xml
echo "type elements: $(grep -c '<type>internal' inv.xml)"
$ASSESS validate inv.xml
$ASSESS review --db t.db -o out inv.xml >/dev/null
echo "review exit $?"
ls out
# the CSV cell: "x" then every quote doubled, the whole cell quoted
echo "csv cell of the name: $(sed -n 2p out/results.csv | cut -d, -f2 | wc -c) bytes (\"x, 200,000 quotes, \" and the newline: 200,004)"
echo "types in the dossier: $(grep -o 'Phục vụ hoạt động nội bộ' out/dossier.html | wc -l)"
$ASSESS report --db t.db csv -o one.csv
echo "report csv exit $?: $(wc -c <one.csv) bytes"
exit 0
