# CSV formula injection (OWASP): a cell beginning with =, +, -, @, tab or CR
# is written as a quoted cell with a single quote in front, so that a
# spreadsheet shows it as text and never runs it; other cells are unchanged
{
	sed -n '1,8p' "$FIX/inventory/good-minimal.xml"
	i=0
	for name in '=HYPERLINK(&quot;http://x&quot;)' '+1+2' '-1+2' '@SUM(A1)' '&#9;=1' '&#13;=1' \
		'Plain, with comma' 'Plain'; do
		i=$((i + 1))
		cat <<XML
  <system id="s$i" owner="so-tn" operator="ttcntt" status="operating">
    <name>$name</name>
    <type>internal</type>
    <information public="yes" private="no" personal="no" secret="none"/>
  </system>
XML
	done
	echo '</inventory>'
} >inv.xml
$ASSESS import --db t.db inv.xml >/dev/null || exit 1
$ASSESS classify --db t.db --rules ND85 >/dev/null || exit 1
$ASSESS report --db t.db --lang en csv -o out.csv || exit 1
sed -n '2,$l 0' out.csv
# the same rule for a results document from elsewhere: every cell, not only names
$ASSESS results --db t.db --system s8 |
	sed 's/ name="Plain"/ name="\&#9;tab"/; s/ owner="so-tn"/ owner="@so-tn"/; s/ findings="\([0-9]*\)"/ findings="-\1"/' >r.xml
$ASSESS report --results r.xml --lang en csv | sed -n '2l 0'
