# The CSV of a large run is rendered on a thread of its own, beside the
# totals. When it fails, review exits non-zero with that thread's message
# and leaves no results.csv (nor a temporary file); index, summary and
# annual are not published after a failure either (the first failure stops
# the set, and the set is published whole or not at all: out2 is never made).
$BENCH_GEN 6000 big.xml || exit 1

# 1. the rename at the end fails: results.csv is a directory
mkdir -p out/results.csv
$ASSESS review --db a.db -o out big.xml >/dev/null
echo "results.csv is a directory: exit $?"
[ -d out/results.csv ] && echo "out/results.csv is still that directory, with $(ls -A out/results.csv | wc -l) entries"
echo "out: $(ls -A out | tr '\n' ' ')"

# 2. the template fails on the second chunk: the first was written already
mkdir -p data
cp -R "$DATA" data/criteria
cp -R "$DATA/../templates" data/templates
sed 's|<xsl:for-each select="/results/system">|&<xsl:if test="$header = '"'no'"'"><xsl:message terminate="yes">second chunk refused</xsl:message></xsl:if>|' \
	"$DATA/../templates/csv.xsl" >data/templates/csv.xsl
grep -c 'second chunk refused' data/templates/csv.xsl
ASSESS_DATADIR=$PWD/data $ASSESS review --db b.db -o out2 big.xml >/dev/null
echo "template fails on chunk 2: exit $?"
echo "out2: $(ls -A out2 2>/dev/null | tr '\n' ' ' || true)$(test -e out2 || echo absent)"

# the same database renders the CSV once the template works again
$ASSESS report --db b.db csv -o ok.csv && echo "csv rows after the fix: $(grep -c '^s[0-9]' ok.csv)"
exit 0
