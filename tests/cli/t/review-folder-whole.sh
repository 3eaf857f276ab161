# the report set is published whole or not at all: review renders into a
# temporary folder and swaps it in when every report is written; a failed
# render leaves the previous set as it was (never two runs mixed), and an
# output folder that cannot be written is found before anything is imported
$ASSESS review --db t.db -o out "$FIX/inventory/good-minimal.xml" >/dev/null || exit 1
(cd out && cksum * | sort) >before.txt

# the annual report fails: summary and dossier were already rendered
mkdir -p data
cp -R "$DATA" data/criteria
cp -R "$DATA/../templates" data/templates
sed 's|<xsl:template match="/">|&<xsl:message terminate="yes">annual refused</xsl:message>|' \
	"$DATA/../templates/annual.xsl" >data/templates/annual.xsl
ASSESS_DATADIR=$PWD/data $ASSESS review --db t.db -o out "$DATA/examples/inventory-an-hoa.xml" >/dev/null
echo "failed render: exit $?"
(cd out && cksum * | sort) | cmp -s - before.txt && echo "out/ is the previous set, untouched"
ls -A | grep -c '\.tmp\.'

# a working review replaces the whole set
$ASSESS review --db t.db -o out "$DATA/examples/inventory-an-hoa.xml" >/dev/null
echo "review: exit $?, $(grep -c 'Cổng dịch vụ công tỉnh An Hòa' out/summary.html) an-hoa name in the summary, files: $(ls out | tr '\n' ' ')"

# an output folder that cannot be made: refused before the import
echo "a file" >file
$ASSESS review --db t2.db -o file/out "$FIX/inventory/good-minimal.xml"
echo "folder under a file: exit $?, database: $(ls t2.db* 2>/dev/null | wc -l) files"
$ASSESS review --db t.db -o file "$FIX/inventory/good-minimal.xml"
echo "folder that is a file: exit $?, snapshots: $(sqlite3 t.db 'select count(*) from snapshots')"

# a folder that holds other files keeps them: only the reports change
mkdir mine
echo "my notes" >mine/notes.txt
echo "stale" >mine/dossier.html
$BENCH_GEN 6000 big.xml || exit 1
$ASSESS review --db t3.db -o mine big.xml >/dev/null
echo "folder with other files: exit $?, $(ls mine | tr '\n' ' ')"
