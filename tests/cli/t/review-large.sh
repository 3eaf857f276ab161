# above 5,000 systems review renders digests: exact totals, a sample of the
# systems behind each finding, every system in the CSV, dossiers on request
$BENCH_GEN 6000 big.xml || exit 1
$ASSESS review -o out big.xml | tail -4
echo "csv lines: $(wc -l < out/results.csv)"
echo "csv rows that are systems: $(grep -c '^s[0-9]' out/results.csv)"
for f in index summary annual; do
	echo "$f: digest note $(grep -c 'class="partial"' out/$f.html)"
done
echo "summary total: $(grep -o 'toàn bộ [0-9]* hệ thống' out/summary.html)"
echo "systems listed in the summary's findings: at most 25 per finding: $(
	awk '/<h3 class="finding-code">/ { if (n > 25) bad++; n = 0; inside = 1 } /<h2/ { if (n > 25) bad++; inside = 0; n = 0 }
	     inside && /<li>/ { n++ } END { print (bad ? "no" : "yes") }' out/summary.html)"
echo "'and N more' lines: $(grep -c 'class="more"' out/summary.html)"
$ASSESS report dossier -o d.html
echo "dossier of the whole run: exit $?"
id=$(sed -n 2p out/results.csv | cut -d, -f1)
$ASSESS report dossier --system "$id" -o d.html && echo "dossier of $id: $(grep -c 'Hồ sơ đề xuất cấp độ hệ thống thông tin' d.html) title"
owner=$($ASSESS results --system "$id" | xmllint --xpath 'string(/results/system/@owner)' -)
$ASSESS results >r.xml
$ASSESS report annual --owner "$owner" -o a.html &&
	echo "annual report of $owner: digest note $(grep -c 'class="partial"' a.html), system rows $(grep -c '<tr class="system">' a.html) of $(xmllint --xpath "count(/results/system[@owner='$owner'])" r.xml)"
ls out d.html a.html
# the CSV written in lean chunks is the CSV of the whole results document
$ASSESS report --results r.xml csv -o whole.csv &&
	cmp out/results.csv whole.csv && echo "chunked csv = csv of the whole document"
