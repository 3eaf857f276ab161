# The shipped CSV is written in C (csv_out.h); templates/csv.xsl stays as
# the example of a user's CSV template. Both must give the same bytes, in
# Vietnamese and in English: over the example inventory, every acceptance
# inventory under each of its rule sets, cells a spreadsheet would take for
# formulas, and 10,000 generated systems (a large run: review writes the CSV
# on a thread of its own). Also `report --results FILE csv`, and one
# owner's and one system's CSV. One line per set.
xsl="$DATA/../templates/csv.xsl"
same() { # same NAME DB [OPTIONS]: report csv (C) vs the template by path (XSLT)
	name=$1 db=$2
	shift 2
	for lang in vi en; do
		$ASSESS report --db "$db" --lang $lang "$@" csv -o c.csv || return 1
		$ASSESS report --db "$db" --lang $lang "$@" "$xsl" -o x.csv || return 1
		cmp c.csv x.csv || return 1
	done
	echo "$name: same bytes, vi and en ($(($(wc -l <c.csv) - 1)) lines)"
}
set_of() { # set_of NAME INVENTORY RULES
	$ASSESS import --db "$1.db" "$2" >/dev/null &&
		$ASSESS classify --db "$1.db" --rules "$3" >/dev/null && same "$1" "$1.db"
}
set_of example-ND331 "$DATA/examples/inventory-an-hoa.xml" ND331
set_of example-ND85 "$DATA/examples/inventory-an-hoa.xml" ND85
set_of typical-ND331 "$FIX/shared/typical-systems.xml" ND331
set_of typical-ND85 "$FIX/shared/typical-systems.xml" ND85
same example-owner example-ND85.db --owner ubnd-ah
same example-system example-ND85.db --system ah-kho-dl

# cells that need quoting or neutralising, and text XML cannot carry
{
	sed -n '1,8p' "$FIX/inventory/good-minimal.xml"
	i=0
	for name in '=HYPERLINK(&quot;http://x&quot;)' '+1+2' '-1+2' '@SUM(A1)' '&#9;=1' '&#13;=1' \
		'Plain, with comma' 'a &quot;quote&quot;' 'line&#10;break' 'cr&#13;lf' '&amp; &lt;x&gt;' \
		' lead' 'Plain'; do
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
} >hostile.xml
set_of hostile hostile.xml ND85

# a saved results document, with attributes from elsewhere
$ASSESS results --db hostile.db |
	sed 's/ owner="so-tn"/ owner="@so-tn"/; s/ findings="\([0-9]*\)"/ findings="-\1"/; s/ level="\([0-9]\)"/ level=""/' >r.xml
for lang in vi en; do
	$ASSESS report --results r.xml --lang $lang csv -o c.csv &&
		$ASSESS report --results r.xml --lang $lang "$xsl" -o x.csv && cmp c.csv x.csv || exit 1
done
echo "results document: same bytes, vi and en"

# 10,000 generated systems: report csv, and review's results.csv
$BENCH_GEN 10000 big.xml || exit 1
$ASSESS review --db big.db -o out big.xml >/dev/null || exit 1
same generated-10000 big.db
$ASSESS report --db big.db "$xsl" -o x.csv && cmp out/results.csv x.csv &&
	echo "review of 10,000 systems: results.csv the same bytes"
