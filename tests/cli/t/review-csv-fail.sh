# The CSV of a large run is written on a thread of its own (in C,
# csv_out.h), beside the totals. When it fails, review exits non-zero with
# that thread's message and leaves no results.csv (nor a temporary file); index, summary and
# annual are not published after a failure either (the first failure stops
# the set, and the set is published whole or not at all: out2 is never made).
$BENCH_GEN 6000 big.xml || exit 1

# 1. the rename at the end fails: results.csv is a directory
mkdir -p out/results.csv
$ASSESS review --db a.db -o out big.xml >/dev/null
echo "results.csv is a directory: exit $?"
[ -d out/results.csv ] && echo "out/results.csv is still that directory, with $(ls -A out/results.csv | wc -l) entries"
echo "out: $(ls -A out | tr '\n' ' ')"

# 2. the CSV's header cannot be made (the strings file is not a strings
# document): the CSV fails before its thread starts, and nothing is published
mkdir -p data
cp -R "$DATA" data/criteria
cp -R "$DATA/../templates" data/templates
echo '<other/>' >data/templates/strings/vi.xml
ASSESS_DATADIR=$PWD/data $ASSESS review --db b.db -o out2 big.xml >/dev/null
echo "no strings for the header: exit $?"
echo "out2: $(ls -A out2 2>/dev/null | tr '\n' ' ' || true)$(test -e out2 || echo absent)"

# the same database renders the CSV with the shipped strings
$ASSESS report --db b.db csv -o ok.csv && echo "csv rows: $(grep -c '^s[0-9]' ok.csv)"
exit 0
