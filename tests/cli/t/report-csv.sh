# report csv from a saved results document: BOM, header, 9 rows, RFC 4180 quoting
$ASSESS report --results "$FIX/results/an-hoa-nd85.xml" csv -o r.csv
echo "status $?"
head -c 3 r.csv | od -An -tx1
tr -d '\r' < r.csv | tail -n +2
ls
