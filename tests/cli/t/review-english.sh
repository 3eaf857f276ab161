# --lang en renders the set in English
$ASSESS review --lang en --rules ND85 -o out $DATA/examples/inventory-an-hoa.xml >/dev/null || exit 1
grep -o '<h1>[^<]*</h1>' out/index.html out/summary.html
grep -o '<p class="national">[^<]*</p>\|<p class="subject">[^<]*</p>' out/annual.html
head -1 out/results.csv | tr -d '\r' | sed 's/^\xef\xbb\xbf/BOM /'
$ASSESS review --lang fr x.xml
echo "bad language: exit $?"
